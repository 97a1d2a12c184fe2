#pragma once
// The built dashboard, held in memory: files with their precompressed .br/.gz variants, strong
// ETags, immutable caching for hashed assets, no-cache for index.html, and the SPA fallback.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "interfaces/http/message.hpp"

namespace shopme::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);
  [[nodiscard]] bool available() const { return files_.count("/index.html") > 0; }
  [[nodiscard]] std::size_t file_count() const { return files_.size(); }
  // A response for GET/HEAD of a file or, for a client-side route, index.html; nullopt otherwise.
  [[nodiscard]] std::optional<Response> serve(const Request& req) const;

 private:
  struct Entry {
    std::shared_ptr<const std::string> identity, gzip, brotli;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  [[nodiscard]] Response respond(const Request& req, const Entry& e) const;
  std::unordered_map<std::string, Entry> files_;
};

}  // namespace shopme::http
