#pragma once
// The text elements of a PostgreSQL array column (libpqxx 6 only offers a parser).
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace shopme::postgres {

std::vector<std::string> text_array(const pqxx::field& f);

}  // namespace shopme::postgres
