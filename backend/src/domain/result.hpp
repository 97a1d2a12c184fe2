#pragma once
// Expected failures travel as values: a use case returns Result<T>, the HTTP layer maps Error to a
// problem document in one place (interfaces/http/problem.cpp). Exceptions are kept for the unexpected.
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace shopme {

enum class ErrorKind {
  kInvalid,          // 422: the input is well-formed but breaks a rule
  kBadRequest,       // 400: the input cannot be read
  kUnauthorized,     // 401
  kForbidden,        // 403
  kNotFound,         // 404 (also: another workspace's object)
  kConflict,         // 409
  kGone,             // 410
  kPayloadTooLarge,  // 413
  kRateLimited,      // 429
  kUnavailable,      // 503
};

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorKind kind;
  std::string detail;  // safe to show to the client
  std::vector<FieldError> fields{};
  std::string code{};           // stable machine-readable reason, e.g. "migration_drift"
  int retry_after_seconds = 0;  // with kRateLimited / kUnavailable

  static Error invalid(std::vector<FieldError> fields,
                       std::string detail = "The request has invalid fields.") {
    return {ErrorKind::kInvalid, std::move(detail), std::move(fields)};
  }
  static Error not_found(std::string detail = "Not found.") {
    return {ErrorKind::kNotFound, std::move(detail)};
  }
  static Error conflict(std::string detail) { return {ErrorKind::kConflict, std::move(detail)}; }
  static Error forbidden(std::string detail = "You are not allowed to do this.") {
    return {ErrorKind::kForbidden, std::move(detail)};
  }
  static Error unauthorized(std::string detail = "Authentication required.") {
    return {ErrorKind::kUnauthorized, std::move(detail)};
  }
  static Error bad_request(std::string detail) { return {ErrorKind::kBadRequest, std::move(detail)}; }
  static Error gone(std::string detail) { return {ErrorKind::kGone, std::move(detail)}; }
  static Error rate_limited(std::string detail, int retry_after) {
    Error e{ErrorKind::kRateLimited, std::move(detail)};
    e.retry_after_seconds = retry_after;
    return e;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok() { return Unit{}; }

}  // namespace shopme
