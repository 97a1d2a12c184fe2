#pragma once
// Every sentence the shop's automatic replies use, in Italian, English, Spanish and Portuguese, in
// one catalogue: the offline agent, the registration gate, the confirmation after registering and
// the order notifications all read from here, so a wording or a language is changed in one place.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shopme::agent {

using Values = std::vector<std::pair<std::string_view, std::string>>;

// The text of `key` in `language` (Italian when the language is not one of the four), with each
// {placeholder} replaced by its value. An unknown key is a programming error: it throws.
std::string say(std::string_view key, std::string_view language, const Values& values = {});

// "18,90 €" / "€18.90": prices in the customer's language.
std::string format_price(long long minor, const std::string& currency, const std::string& language);

// The customer-facing name of an order status (pending_payment, paid, shipped…).
std::string order_status_label(std::string_view status, std::string_view language);

}  // namespace shopme::agent
