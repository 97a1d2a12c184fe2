#include "interfaces/http/controllers/media_controller.hpp"

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/channel_settings.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxMedia = 25 * 1024 * 1024;

bool safe_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// Customers choose what they send: only plain pictures, sound and video are shown inline; anything
// else (SVG, HTML, PDF…) is a download, and nothing may run scripts either way.
bool inline_type(const std::string& mime) {
  for (const char* t :
       {"image/jpeg", "image/png", "image/webp", "image/gif", "audio/", "video/mp4", "video/3gpp"}) {
    if (mime.rfind(t, 0) == 0) return true;
  }
  return false;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& data) {
  const auto tmp = p.string() + ".part";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write);
  fs::rename(tmp, p);
}

}  // namespace

Response MediaController::media(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto conv = req.params["id"];
  const auto mid = req.params["messageId"];
  if (!is_uuid(conv) || !is_uuid(mid)) return problem(req, 404, "No such message.");
  std::string media_id, mime, filename;
  messaging::ChannelSettings channel;
  {
    pqxx::read_transaction tx(db.conn());
    const auto rows = postgres::exec(
        tx,
        "SELECT coalesce(payload->'media'->>'id', ''), coalesce(payload->'media'->>'mimeType', ''),"
        "       coalesce(payload->'media'->>'filename', '')"
        "  FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND id = $3",
        ws, conv, mid);
    if (rows.empty()) return problem(req, 404, "No such message.");
    media_id = rows[0][0].c_str();
    mime = rows[0][1].c_str();
    filename = rows[0][2].c_str();
    if (media_id.empty() || !safe_id(media_id)) return problem(req, 404, "This message has no media.");
    channel = messaging::load_channel(tx, sealer_, ws, default_api_base_url_);
  }
  const auto folder = dir_ / ws;
  const auto file = folder / media_id;
  std::string bytes;
  if (fs::exists(file)) {
    bytes = read_file(file);
    if (fs::exists(file.string() + ".type")) mime = read_file(file.string() + ".type");
  } else {
    if (!channel.configured || !channel.access_token) {
      return problem(req, 409, "WhatsApp is not configured, so the media cannot be fetched.",
                     "channel-not-configured");
    }
    auto got = api_.fetch_media(channel.api_base_url, media_id, *channel.access_token, kMaxMedia);
    if (!got.ok) {
      log::warn("media fetch failed", {{"error", got.error}});
      return problem(req, 502, "The media could not be fetched from WhatsApp: " + got.error + ".",
                     "media-unavailable");
    }
    bytes = std::move(got.bytes);
    if (!got.mime_type.empty()) mime = got.mime_type;
    fs::create_directories(folder);
    write_file(file, bytes);
    write_file(file.string() + ".type", mime);
  }
  if (mime.empty()) mime = "application/octet-stream";
  auto r = Response::text(200, std::move(bytes), inline_type(mime) ? mime : "application/octet-stream");
  r.set_header("Cache-Control", "private, max-age=86400");
  r.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  std::string name = filename.empty() ? media_id : filename;
  for (auto& c : name) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  r.set_header("Content-Disposition",
               std::string(inline_type(mime) ? "inline" : "attachment") + "; filename=\"" + name + "\"");
  return r;
}

}  // namespace shopme::http
