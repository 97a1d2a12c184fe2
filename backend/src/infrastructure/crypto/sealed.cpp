#include "infrastructure/crypto/sealed.hpp"

#include <sodium.h>

#include <stdexcept>

#include "infrastructure/crypto/hash.hpp"

namespace shopme::crypto {

namespace {
const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

Sealer::Sealer(std::string_view key_base64url) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  auto key = base64url_decode(key_base64url);
  if (!key || key->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
    throw std::runtime_error("the server encryption key is malformed");
  }
  key_.assign(key->data(), key->size());
}

std::string Sealer::seal(std::string_view plaintext, std::string_view context) const {
  constexpr auto kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(o, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kNonce, &written, bytes(plaintext), plaintext.size(),
                                             bytes(context), context.size(), nullptr, o, bytes(key_));
  out.resize(kNonce + written);
  return out;
}

std::optional<std::string> Sealer::open(std::string_view sealed, std::string_view context) const {
  constexpr auto kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (sealed.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
  std::string out(sealed.size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long written = 0;
  const auto* s = bytes(sealed);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &written,
                                                 nullptr, s + kNonce, sealed.size() - kNonce, bytes(context),
                                                 context.size(), s, bytes(key_)) != 0) {
    return std::nullopt;
  }
  out.resize(written);
  return out;
}

std::string Sealer::derive(std::string_view purpose) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, bytes(purpose), purpose.size(), bytes(key_), key_.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const auto b : out) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

}  // namespace shopme::crypto
