#include "interfaces/http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"

namespace fs = std::filesystem;

namespace shopme::http {
namespace {

std::shared_ptr<const std::string> read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return nullptr;
  std::stringstream ss;
  ss << f.rdbuf();
  return std::make_shared<const std::string>(ss.str());
}

std::string content_type_of(const fs::path& p) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool accepts(const Request& req, std::string_view coding) {
  auto ae = req.header("accept-encoding");
  return ae && ae->find(coding) != std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  if (root.empty() || !fs::is_directory(root)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto& p = entry.path();
    const auto ext = p.extension().string();
    if (ext == ".gz" || ext == ".br") continue;
    Entry e;
    e.identity = read_file(p);
    if (!e.identity) continue;
    if (fs::exists(p.string() + ".gz")) e.gzip = read_file(p.string() + ".gz");
    if (fs::exists(p.string() + ".br")) e.brotli = read_file(p.string() + ".br");
    e.content_type = content_type_of(p);
    e.etag = "\"" + crypto::sha256_hex(*e.identity).substr(0, 20) + "\"";
    const std::string url = "/" + fs::relative(p, root).generic_string();
    e.immutable = url.rfind("/assets/", 0) == 0;
    files_.emplace(url, std::move(e));
  }
  log::info("dashboard files loaded", {{"root", root.string()}, {"files", files_.size()}});
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (auto it = files_.find(req.path); it != files_.end()) return respond(req, it->second);
  // Client-side routes get index.html; API-like paths and missing assets get a real 404.
  const auto& path = req.path;
  const bool api_like = path.rfind("/api/", 0) == 0 || path == "/api" || path.rfind("/webhooks/", 0) == 0 ||
                        path.rfind("/assets/", 0) == 0 || path.rfind("/ws", 0) == 0;
  const auto last_slash = path.rfind('/');
  const bool has_extension =
      path.find('.', last_slash == std::string::npos ? 0 : last_slash) != std::string::npos;
  if (api_like || has_extension) return std::nullopt;
  if (auto it = files_.find("/index.html"); it != files_.end()) return respond(req, it->second);
  return std::nullopt;
}

Response StaticFiles::respond(const Request& req, const Entry& e) const {
  Response r;
  r.headers.reserve(5);
  r.headers.emplace_back("Content-Type", e.content_type);
  r.headers.emplace_back("ETag", e.etag);
  r.headers.emplace_back("Cache-Control", e.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (e.gzip || e.brotli) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (auto inm = req.header("if-none-match"); inm && inm->find(e.etag) != std::string_view::npos) {
    r.status = 304;
    return r;
  }
  if (e.brotli && accepts(req, "br")) {
    r.headers.emplace_back("Content-Encoding", "br");
    r.shared_body = e.brotli;
  } else if (e.gzip && accepts(req, "gzip")) {
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.shared_body = e.gzip;
  } else {
    r.shared_body = e.identity;
  }
  return r;
}

}  // namespace shopme::http
