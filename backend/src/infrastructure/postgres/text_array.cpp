#include "infrastructure/postgres/text_array.hpp"

#include <pqxx/pqxx>

namespace shopme::postgres {

std::vector<std::string> text_array(const pqxx::field& f) {
  std::vector<std::string> out;
  auto arr = f.as_array();
  for (auto [kind, value] = arr.get_next(); kind != pqxx::array_parser::juncture::done;
       std::tie(kind, value) = arr.get_next()) {
    if (kind == pqxx::array_parser::juncture::string_value) out.push_back(value);
  }
  return out;
}

}  // namespace shopme::postgres
