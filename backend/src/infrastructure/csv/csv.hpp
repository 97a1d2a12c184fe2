#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CR/LF or LF line ends, a UTF-8 BOM tolerated.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace shopme::csv {

using Row = std::vector<std::string>;

struct ParseError {
  std::size_t line = 0;
  std::string message;
};

// Rows in order; an unterminated quote is an error naming its line.
std::variant<std::vector<Row>, ParseError> parse(std::string_view text);

// One CSV line (with CRLF); fields with separators, quotes or line breaks are quoted, and a leading
// = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
std::string format_row(const Row& row);

}  // namespace shopme::csv
