#pragma once
// The one place where failures become HTTP: application/problem+json (RFC 9457) with type, title,
// status, detail, instance, requestId and per-field errors.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::http {

int status_of(ErrorKind kind);
Response problem(const Request& req, const Error& error);
Response problem(const Request& req, int status, std::string detail, std::string code = {});

// Parses a JSON request body; a syntax error becomes a 400 naming line, column and offset.
Result<boost::json::value> parse_json_body(const Request& req);
Result<boost::json::value> parse_json(std::string_view text);

}  // namespace shopme::http
