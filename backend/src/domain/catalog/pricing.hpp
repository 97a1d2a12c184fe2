#pragma once
// The one price calculation of the product: the dashboard's preview, the cart, orders and the agent
// all call price_cart(). Integer minor units only; the rounding rule is documented in
// docs/PRICING.md and pinned by table-driven tests.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shopme::catalog {

using Minor = std::int64_t;  // amount in minor units of the workspace currency (cents)

enum class OfferType { kPercentage, kFixedAmount, kBuyXGetY };

struct Offer {
  std::string id;
  std::string name;
  OfferType type = OfferType::kPercentage;
  std::int64_t value =
      0;  // percentage: basis points (1500 = 15 %); fixed: minor units per unit (auto) or per order (code)
  int buy = 0;                            // buy-X-get-Y: pay for `buy` …
  int get = 0;                            // … and get `get` more of the same line free
  std::vector<std::string> product_ids;   // empty together with category_ids: the whole catalog
  std::vector<std::string> category_ids;  // a category covers its sub-categories
  std::int64_t starts_at = 0;             // unix seconds; 0 = no start
  std::int64_t ends_at = 0;               // unix seconds; 0 = no end
  Minor min_purchase = 0;                 // on the cart subtotal before discounts
  std::optional<std::string> code;        // promo code (case-insensitive); empty: automatic
  bool active = true;
  bool usage_available = true;  // total and per-customer limits, counted by the caller
};

struct CartLine {
  std::string product_id;
  std::vector<std::string> category_path;  // the product's category and its ancestors
  Minor unit_price = 0;                    // gross (tax included)
  int quantity = 0;
  int tax_rate_bp = 0;  // 2200 = 22 %
};

struct PricedLine {
  Minor subtotal = 0;                   // unit_price × quantity
  Minor discount = 0;                   // automatic offer + share of the promo code
  Minor total = 0;                      // subtotal − discount
  Minor tax = 0;                        // contained in total
  std::optional<std::string> offer_id;  // the automatic offer applied, if any
};

struct PriceResult {
  std::vector<PricedLine> lines;
  Minor subtotal = 0;
  Minor automatic_discount = 0;
  Minor code_discount = 0;
  Minor total = 0;
  Minor tax = 0;
  std::optional<std::string> code_offer_id;
  // Why a code given did not apply: unknown, inactive, expired, not_started, min_purchase,
  // used_up, not_applicable.
  std::optional<std::string> code_rejection;
};

// `now` is unix seconds; `code` is the customer's promo code, if any.
PriceResult price_cart(const std::vector<CartLine>& lines, const std::vector<Offer>& offers,
                       const std::optional<std::string>& code, std::int64_t now);

// Percentage of an amount in basis points, rounded half up.
Minor percent_of(Minor amount, std::int64_t basis_points);
// Tax contained in a gross amount at `rate_bp`, rounded half up.
Minor tax_in_gross(Minor gross, int rate_bp);

}  // namespace shopme::catalog
