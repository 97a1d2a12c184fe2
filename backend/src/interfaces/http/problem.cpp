#include "interfaces/http/problem.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

namespace shopme::http {
namespace {

const char* title_of(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

std::string slug_of(int status) {
  std::string t = title_of(status);
  for (auto& c : t) c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

}  // namespace

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid:
      return 422;
    case ErrorKind::kBadRequest:
      return 400;
    case ErrorKind::kUnauthorized:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kGone:
      return 410;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
  }
  return 500;
}

namespace {

Response make_problem(const Request& req, int status, const std::string& detail, const std::string& code,
                      const std::vector<FieldError>& fields) {
  boost::json::object doc;
  doc["type"] = "https://shopme.dev/problems/" + (code.empty() ? slug_of(status) : code);
  doc["title"] = title_of(status);
  doc["status"] = status;
  doc["detail"] = detail;
  doc["instance"] = req.path;
  doc["requestId"] = req.request_id;
  if (!fields.empty()) {
    boost::json::array errors;
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
    doc["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.body = boost::json::serialize(doc);
  r.headers.emplace_back("Content-Type", "application/problem+json");
  return r;
}

}  // namespace

Response problem(const Request& req, const Error& error) {
  auto r = make_problem(req, status_of(error.kind), error.detail, error.code, error.fields);
  if (error.retry_after_seconds > 0)
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response problem(const Request& req, int status, std::string detail, std::string code) {
  return make_problem(req, status, detail, code, {});
}

Result<boost::json::value> parse_json(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    // write_some stops after one complete value; anything but whitespace after it is an error.
    const auto rest = text.substr(consumed);
    if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      consumed += rest.find_first_not_of(" \t\r\n");
      ec = boost::json::error::extra_data;
    }
  }
  if (!ec) parser.finish(ec);
  if (ec) {
    if (text.empty()) return Error::bad_request("The request body must be a JSON document; it was empty.");
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    Error e = Error::bad_request(fmt::format("Invalid JSON at line {}, column {} (offset {}): {}.", line,
                                             column, consumed, ec.message()));
    e.code = "invalid-json";
    return e;
  }
  return parser.release();
}

Result<boost::json::value> parse_json_body(const Request& req) {
  if (auto ct = req.header("content-type"); ct && ct->find("json") == std::string_view::npos) {
    Error e = Error::bad_request("Content-Type must be application/json.");
    e.code = "unsupported-media-type";
    return e;
  }
  return parse_json(req.body);
}

}  // namespace shopme::http
