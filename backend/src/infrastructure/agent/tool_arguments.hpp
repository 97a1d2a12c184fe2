#pragma once
// Reading a tool's (already schema-checked) arguments.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace shopme::agent {

// The string argument, or "" when absent.
std::string string_argument(const boost::json::object& args, std::string_view key);
// Ids the model passes are checked for shape before any query: a malformed one is "no such thing".
bool looks_like_uuid(std::string_view s);

}  // namespace shopme::agent
