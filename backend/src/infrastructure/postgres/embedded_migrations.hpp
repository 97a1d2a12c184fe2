#pragma once
#include <string_view>
#include <vector>

namespace shopme::postgres {

struct EmbeddedMigration {
  std::string_view file_name;
  std::string_view sql;
};

// The files of backend/migrations, compiled into the binary (see CMakeLists.txt).
const std::vector<EmbeddedMigration>& embedded_migrations();

}  // namespace shopme::postgres
