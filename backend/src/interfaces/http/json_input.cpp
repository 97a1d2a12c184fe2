#include "interfaces/http/json_input.hpp"

#include <boost/json.hpp>

#include "interfaces/http/problem.hpp"

namespace shopme::http {

Result<JsonInput> JsonInput::from(const Request& req) {
  auto parsed = parse_json_body(req);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) return Error::invalid({}, "The request body must be a JSON object.");
  return JsonInput(std::move(parsed->as_object()));
}

bool JsonInput::has(const char* field) const { return obj_.contains(field) && !obj_.at(field).is_null(); }

std::optional<std::string> JsonInput::string(const char* field, bool required, std::size_t max_length) {
  const auto* v = obj_.if_contains(field);
  if (!v || v->is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(field, "must be a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (required && s.empty()) {
    fail(field, "is required");
    return std::nullopt;
  }
  if (s.size() > max_length) {
    fail(field, "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<long long> JsonInput::integer(const char* field, bool required, long long min, long long max) {
  const auto* v = obj_.if_contains(field);
  if (!v || v->is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  if (!v->is_int64() && !v->is_uint64()) {
    fail(field, "must be an integer");
    return std::nullopt;
  }
  const long long n = v->is_int64() ? v->as_int64() : static_cast<long long>(v->as_uint64());
  if (n < min || n > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> JsonInput::boolean(const char* field, bool required) {
  const auto* v = obj_.if_contains(field);
  if (!v || v->is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(field, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

Status JsonInput::finish() const {
  if (errors_.empty()) return ok();
  return Error::invalid(errors_);
}

JsonInput::SecretChange JsonInput::secret(const char* field, std::size_t max_length) {
  const auto* v = obj_.if_contains(field);
  if (!v || v->is_null()) return {};
  auto s = string(field, false, max_length);
  if (!s) return {};
  if (s->empty()) return {true, std::nullopt};
  return {true, s};
}

}  // namespace shopme::http
