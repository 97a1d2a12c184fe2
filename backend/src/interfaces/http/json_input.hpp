#pragma once
// Reads a JSON object body field by field, collecting every problem so the client gets one 422
// listing all bad fields.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::http {

class JsonInput {
 public:
  // 400 for unreadable JSON, 422 when the document is not an object.
  static Result<JsonInput> from(const Request& req);
  // An object built by the server itself (e.g. one CSV row).
  static JsonInput of(boost::json::object obj) { return JsonInput(std::move(obj)); }

  std::optional<std::string> string(const char* field, bool required, std::size_t max_length = 1000);
  std::optional<long long> integer(const char* field, bool required, long long min, long long max);
  std::optional<bool> boolean(const char* field, bool required);
  // A write-only secret: absent or null keeps the stored one (change false), "" clears it (value
  // nullopt), anything else replaces it.
  struct SecretChange {
    bool change = false;
    std::optional<std::string> value;
  };
  SecretChange secret(const char* field, std::size_t max_length);
  [[nodiscard]] bool has(const char* field) const;
  [[nodiscard]] const boost::json::object& object() const { return obj_; }
  void fail(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  // ok() when every read succeeded; otherwise the 422 error with all fields.
  [[nodiscard]] Status finish() const;

 private:
  explicit JsonInput(boost::json::object obj) : obj_(std::move(obj)) {}
  boost::json::object obj_;
  std::vector<FieldError> errors_;
};

}  // namespace shopme::http
