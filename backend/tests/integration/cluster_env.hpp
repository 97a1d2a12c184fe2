#pragma once
// One throw-away embedded cluster for the whole integration binary; each test gets its own database.
#include <filesystem>
#include <memory>
#include <string>

#include "infrastructure/postgres/embedded_cluster.hpp"

namespace shopme::test_support {

class ClusterEnv {
 public:
  static ClusterEnv& get();
  ~ClusterEnv();
  postgres::EmbeddedCluster& cluster() { return *cluster_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // A new empty database; returns its connection string.
  std::string fresh_database(const std::string& prefix);

 private:
  ClusterEnv();
  std::filesystem::path data_dir_;
  std::unique_ptr<postgres::EmbeddedCluster> cluster_;
  int counter_ = 0;
};

std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace shopme::test_support
