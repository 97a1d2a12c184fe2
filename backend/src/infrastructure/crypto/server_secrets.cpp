#include "infrastructure/crypto/server_secrets.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "infrastructure/crypto/hash.hpp"

namespace fs = std::filesystem;

namespace shopme::crypto {
namespace {

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Writes through a temporary file created 0600 and renamed into place, so the file is never
// readable by others, not even for a moment, and never half-written.
void write_private(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  const fs::path tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp.string());
  const auto* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const auto n = ::write(fd, p, left);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + tmp.string());
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(tmp, file);
}

std::string read_all(const fs::path& file) {
  std::ifstream f(file);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

SigningKey new_key() { return {random_hex(8), random_base64url(32), now_seconds()}; }

std::string serialize(const ServerSecrets& s) {
  boost::json::array keys;
  for (const auto& k : s.signing_keys) {
    keys.push_back({{"kid", k.kid}, {"secret", k.secret}, {"createdAt", k.created_at}});
  }
  return boost::json::serialize(boost::json::object{
      {"encryptionKey", s.encryption_key}, {"activeKid", s.active_kid}, {"signingKeys", std::move(keys)}});
}

ServerSecrets parse(const std::string& text) {
  const auto v = boost::json::parse(text).as_object();
  ServerSecrets s;
  s.encryption_key = std::string(v.at("encryptionKey").as_string());
  s.active_kid = std::string(v.at("activeKid").as_string());
  for (const auto& k : v.at("signingKeys").as_array()) {
    const auto& o = k.as_object();
    s.signing_keys.push_back({std::string(o.at("kid").as_string()), std::string(o.at("secret").as_string()),
                              o.at("createdAt").to_number<long long>()});
  }
  if (s.signing_keys.empty() || !s.find(s.active_kid))
    throw std::runtime_error("secrets file has no active key");
  return s;
}

}  // namespace

const SigningKey& ServerSecrets::active() const { return *find(active_kid); }

const SigningKey* ServerSecrets::find(std::string_view kid) const {
  for (const auto& k : signing_keys) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

ServerSecrets load_or_create_secrets(const fs::path& data_dir) {
  const auto file = data_dir / "secrets.json";
  if (fs::exists(file)) {
    ::chmod(file.c_str(), 0600);
    return parse(read_all(file));
  }
  ServerSecrets s;
  s.encryption_key = random_base64url(32);
  s.signing_keys.push_back(new_key());
  s.active_kid = s.signing_keys.front().kid;
  write_private(file, serialize(s));
  return s;
}

ServerSecrets rotate_signing_key(const fs::path& data_dir, std::size_t keep) {
  auto s = load_or_create_secrets(data_dir);
  s.signing_keys.insert(s.signing_keys.begin(), new_key());
  s.active_kid = s.signing_keys.front().kid;
  if (s.signing_keys.size() > keep) s.signing_keys.resize(keep);
  write_private(data_dir / "secrets.json", serialize(s));
  return s;
}

std::string load_or_create_secret_file(const fs::path& file, std::size_t random_bytes) {
  if (fs::exists(file)) {
    auto v = read_all(file);
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
    if (!v.empty()) return v;
  }
  auto v = random_base64url(random_bytes);
  write_private(file, v + "\n");
  return v;
}

}  // namespace shopme::crypto
