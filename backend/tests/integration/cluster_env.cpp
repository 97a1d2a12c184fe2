#include "cluster_env.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <pqxx/pqxx>
#include <stdexcept>

namespace shopme::test_support {

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  // The cluster's unprivileged user must be able to reach it when the tests run as root.
  ::chmod(tmpl.c_str(), 0755);
  return tmpl;
}

ClusterEnv& ClusterEnv::get() {
  static ClusterEnv env;
  return env;
}

ClusterEnv::ClusterEnv() : data_dir_(make_temp_dir("shopme-it")) {
  cluster_ = std::make_unique<postgres::EmbeddedCluster>(
      postgres::EmbeddedCluster::Options{data_dir_, "shopme", false, 5432, false});
  cluster_->start();
}

ClusterEnv::~ClusterEnv() {
  try {
    cluster_->stop();
  } catch (...) {  // NOLINT: best effort at exit; the directory is removed below either way
  }
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

std::string ClusterEnv::fresh_database(const std::string& prefix) {
  const std::string name = prefix + "_" + std::to_string(++counter_);
  pqxx::connection c(cluster_->connection_string("postgres"));
  pqxx::nontransaction tx(c);
  tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name));
  tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  return cluster_->connection_string(name);
}

}  // namespace shopme::test_support
