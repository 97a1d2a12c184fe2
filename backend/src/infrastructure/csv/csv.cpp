#include "infrastructure/csv/csv.hpp"

namespace shopme::csv {

std::variant<std::vector<Row>, ParseError> parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    // Blank lines are skipped rather than read as a row of one empty field.
    if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field_started && field.empty()) {
          quoted = true;
          quote_line = line;
          field_started = true;
        } else {
          field += c;
        }
        break;
      case ',':
        end_field();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        end_row();
        ++line;
        break;
      case '\n':
        end_row();
        ++line;
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (quoted) return ParseError{quote_line, "a quoted field is not closed"};
  if (field_started || !field.empty() || !row.empty()) end_row();
  return rows;
}

std::string format_row(const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    std::string v = row[i];
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) {
      // A negative number is data, not a formula.
      const bool number =
          v.size() > 1 && v[0] == '-' && v.find_first_not_of("0123456789.", 1) == std::string::npos;
      if (!number) v = "'" + v;
    }
    if (v.find_first_of(",\"\r\n") != std::string::npos) {
      std::string q = "\"";
      for (char c : v) {
        if (c == '"') q += '"';
        q += c;
      }
      q += '"';
      v = q;
    }
    out += v;
  }
  out += "\r\n";
  return out;
}

}  // namespace shopme::csv
