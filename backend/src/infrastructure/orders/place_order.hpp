#pragma once
// Use case: turn chosen products into an order, the one way orders are made (the chat's checkout and
// the team's phone orders). Prices come from the domain's price calculation; stock is reserved with
// a conditional decrement (of two buyers racing for the last unit exactly one succeeds); offer uses
// are counted against their limits; the code is the next of the workspace's yearly series. All in
// the caller's transaction: a refusal rolls everything back with it.
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace shopme::orders {

struct OrderRequest {
  std::string workspace_id;
  std::string customer_id;
  std::optional<std::string> conversation_id;
  struct Line {
    std::string product_id;
    int quantity = 0;
  };
  std::vector<Line> lines;
  std::optional<std::string> promo_code;  // a code that no longer applies is dropped, not charged
  std::string actor_kind;                 // agent | operator
  std::optional<std::string> actor_id;
  std::string note;   // the first event's note
  std::string notes;  // the order's notes
};

struct PlacedOrder {
  std::string id;
  std::string code;
  long long total = 0;
};

// kInvalid for a product not for sale in the workspace (field lines[i].productId), kConflict with code
// out-of-stock (detail names the product, the field error its line: lines[i].quantity) or
// offer-exhausted.
Result<PlacedOrder> place_order(pqxx::transaction_base& tx, const OrderRequest& request);

}  // namespace shopme::orders
