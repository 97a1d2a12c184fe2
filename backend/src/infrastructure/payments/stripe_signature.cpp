#include "infrastructure/payments/stripe_signature.hpp"

#include <charconv>
#include <vector>

#include "infrastructure/crypto/hash.hpp"

namespace shopme::payments {

namespace {

Error refused(std::string why) {
  auto e = Error::unauthorized(std::move(why));
  e.code = "bad-signature";
  return e;
}

}  // namespace

Status verify_stripe_signature(std::string_view header, std::string_view body, std::string_view secret,
                               long long now, long long tolerance) {
  if (secret.empty()) return refused("No webhook secret is configured.");
  long long t = -1;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") {
      const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      if (ec != std::errc{} || p != value.data() + value.size()) t = -1;
    } else if (key == "v1") {
      signatures.push_back(value);
    }
  }
  if (t < 0 || signatures.empty())
    return refused("The Stripe-Signature header has no timestamp or no v1 signature.");
  const auto expected = crypto::hmac_sha256_hex(secret, std::to_string(t) + "." + std::string(body));
  bool match = false;
  for (const auto s : signatures) match = crypto::equal_constant_time(expected, s) || match;
  if (!match) return refused("No signature matches the body.");
  if (now - t > tolerance || t - now > tolerance)
    return refused("The signature's timestamp is outside the tolerance.");
  return ok();
}

std::string stripe_signature_header(std::string_view body, std::string_view secret, long long now) {
  return "t=" + std::to_string(now) +
         ",v1=" + crypto::hmac_sha256_hex(secret, std::to_string(now) + "." + std::string(body));
}

}  // namespace shopme::payments
