#include "interfaces/http/controllers/image_controller.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/problem.hpp"

namespace fs = std::filesystem;

namespace shopme::http {
namespace {

constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;
constexpr int kMaxImagesPerProduct = 10;

}  // namespace

std::string sniff_image_type(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return "image/png";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

std::optional<std::vector<FilePart>> parse_multipart(std::string_view content_type, std::string_view body) {
  const auto b = content_type.find("boundary=");
  if (content_type.find("multipart/form-data") == std::string_view::npos || b == std::string_view::npos) {
    return std::nullopt;
  }
  std::string boundary(content_type.substr(b + 9));
  if (const auto semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::vector<FilePart> parts;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const auto header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) return std::nullopt;
    const std::string headers(body.substr(pos, header_end - pos));
    const auto next = body.find("\r\n" + delimiter, header_end + 4);
    if (next == std::string_view::npos) return std::nullopt;
    FilePart part;
    part.content = std::string(body.substr(header_end + 4, next - header_end - 4));
    auto attr = [&](const std::string& key) -> std::string {
      const auto k = headers.find(key + "=\"");
      if (k == std::string::npos) return {};
      const auto start = k + key.size() + 2;
      const auto end = headers.find('"', start);
      return end == std::string::npos ? std::string() : headers.substr(start, end - start);
    };
    part.field = attr("name");
    part.filename = attr("filename");
    if (!part.filename.empty()) parts.push_back(std::move(part));
    pos = next + 2;
  }
  return parts;
}

fs::path ImageController::file_of(const std::string& ws, const std::string& image_id) const {
  // Both are UUIDs checked by the caller, so the path cannot leave the uploads folder.
  return root_ / ws / image_id;
}

Response ImageController::upload(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto& product = req.params["id"];
  if (!is_uuid(product)) return problem(req, 404, "No such product.");
  auto parts = parse_multipart(req.header("content-type").value_or(""), req.body);
  if (!parts)
    return problem(req, Error::bad_request("Send the image as multipart/form-data with a file field."));
  if (parts->size() != 1) return problem(req, Error::invalid({{"file", "send exactly one file"}}));
  const auto& file = parts->front();
  if (file.content.size() > kMaxImageBytes) {
    return problem(req, Error::invalid({{"file", "must be at most 5 MiB"}}));
  }
  // The type comes from the bytes, never from the file name or the declared type.
  const auto type = sniff_image_type(file.content);
  if (type.empty()) return problem(req, Error::invalid({{"file", "must be a JPEG, PNG or WebP image"}}));
  pqxx::work tx(db.conn());
  const auto found = postgres::exec(
      tx,
      "SELECT (SELECT count(*) FROM product_images i WHERE i.workspace_id = p.workspace_id AND i.product_id "
      "= p.id) "
      "FROM products p WHERE p.workspace_id = $1::uuid AND p.id = $2::uuid FOR UPDATE",
      ws, product);
  if (found.empty()) return problem(req, 404, "No such product.");
  if (found[0][0].as<int>() >= kMaxImagesPerProduct) {
    return problem(req, 409, "A product has at most " + std::to_string(kMaxImagesPerProduct) + " images.");
  }
  const auto id =
      postgres::exec1(
          tx,
          "INSERT INTO product_images (workspace_id, product_id, content_type, size_bytes, sha256, "
          "position) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6) RETURNING id::text",
          ws, product, type, static_cast<long long>(file.content.size()), crypto::sha256_hex(file.content),
          found[0][0].as<int>())[0]
          .as<std::string>();
  // The file is written before the row commits: a crash in between leaves an orphan file, never a
  // row without its image.
  const auto path = file_of(ws, id);
  fs::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary);
    out.write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
    if (!out) throw std::runtime_error("cannot store an uploaded image");
  }
  tx.commit();
  return Response::json(201,
                        boost::json::serialize(boost::json::object{
                            {"id", id},
                            {"contentType", type},
                            {"url", "/api/workspaces/" + ws + "/products/" + product + "/images/" + id}}));
}

Response ImageController::serve(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto& product = req.params["id"];
  const auto& image = req.params["imageId"];
  if (!is_uuid(product) || !is_uuid(image)) return problem(req, 404, "No such image.");
  pqxx::read_transaction tx(db.conn());
  const auto r = postgres::exec(
      tx,
      "SELECT content_type, sha256 FROM product_images WHERE workspace_id = $1::uuid AND product_id = "
      "$2::uuid AND id "
      "= $3::uuid",
      ws, product, image);
  if (r.empty()) return problem(req, 404, "No such image.");
  const std::string etag = "\"" + r[0][1].as<std::string>().substr(0, 32) + "\"";
  Response res;
  res.set_header("ETag", etag);
  // An image id never changes content, so browsers may keep it; it is private to the team.
  res.set_header("Cache-Control", "private, max-age=31536000, immutable");
  if (auto inm = req.header("if-none-match"); inm && *inm == etag) {
    res.status = 304;
    return res;
  }
  std::ifstream in(file_of(ws, image), std::ios::binary);
  if (!in) {
    log::error("image row without its file", {{"image_id", image}});
    return problem(req, 404, "No such image.");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  res.status = 200;
  res.set_header("Content-Type", r[0][0].as<std::string>());
  res.body = ss.str();
  return res;
}

Response ImageController::remove(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto& product = req.params["id"];
  const auto& image = req.params["imageId"];
  if (!is_uuid(product) || !is_uuid(image)) return problem(req, 404, "No such image.");
  pqxx::work tx(db.conn());
  const auto r = postgres::exec(
      tx,
      "DELETE FROM product_images WHERE workspace_id = $1::uuid AND product_id = $2::uuid AND id = $3::uuid "
      "RETURNING id",
      ws, product, image);
  if (r.empty()) return problem(req, 404, "No such image.");
  tx.commit();
  std::error_code ec;
  fs::remove(file_of(ws, image), ec);
  return Response::empty(204);
}

}  // namespace shopme::http
