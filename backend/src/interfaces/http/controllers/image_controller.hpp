#pragma once
// Product images: multipart upload checked by content (JPEG, PNG, WebP; 5 MiB), stored under the
// data dir, served with long-lived cache headers, deleted with their row.
#include <filesystem>

#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class ImageController {
 public:
  explicit ImageController(std::filesystem::path data_dir) : root_(std::move(data_dir) / "uploads") {}

  Response upload(Request& req, postgres::Db& db) const;
  Response serve(Request& req, postgres::Db& db) const;
  Response remove(Request& req, postgres::Db& db) const;

 private:
  [[nodiscard]] std::filesystem::path file_of(const std::string& ws, const std::string& image_id) const;
  std::filesystem::path root_;
};

// The image type told by the first bytes, or empty when it is none of the accepted ones.
std::string sniff_image_type(std::string_view bytes);

struct FilePart {
  std::string field;
  std::string filename;
  std::string content;
};
// The file parts of a multipart/form-data body; nullopt when the body does not parse.
std::optional<std::vector<FilePart>> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace shopme::http
