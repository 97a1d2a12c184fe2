#pragma once
// Stripe's webhook signature: the `Stripe-Signature` header is `t=<unix time>,v1=<hex>[,v1=…][,v0=…]`
// where each v1 is HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret. Any matching v1
// (compared in constant time) within the tolerance of the current time accepts the body; the body is
// parsed only after this.
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace shopme::payments {

inline constexpr long long kSignatureTolerance = 300;  // seconds, as Stripe's own libraries use

// kUnauthorized (code bad-signature) with the reason in the detail.
Status verify_stripe_signature(std::string_view header, std::string_view raw_body, std::string_view secret,
                               long long now_unix, long long tolerance = kSignatureTolerance);

// The header the test gateway signs its events with, so they take the same path as Stripe's.
std::string stripe_signature_header(std::string_view raw_body, std::string_view secret, long long now_unix);

}  // namespace shopme::payments
