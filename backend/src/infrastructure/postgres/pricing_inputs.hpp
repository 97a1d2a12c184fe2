#pragma once
// What price_cart() needs, read from the workspace's tables: a cart line with the product's price,
// tax and category path, and the offers that may apply (active ones, plus the one a code names).
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <utility>
#include <vector>

#include "domain/catalog/pricing.hpp"

namespace shopme::postgres {

// nullopt when the product is not in this workspace.
std::optional<catalog::CartLine> load_cart_line(pqxx::transaction_base& tx, const std::string& workspace_id,
                                                const std::string& product_id, int quantity);
// A cart's lines, oldest first, each with its product's name (products gone from the workspace are
// left out), in one statement.
std::vector<std::pair<catalog::CartLine, std::string>> load_cart(pqxx::transaction_base& tx,
                                                                 const std::string& workspace_id,
                                                                 const std::string& cart_id);
std::vector<catalog::Offer> load_offers(pqxx::transaction_base& tx, const std::string& workspace_id,
                                        const std::optional<std::string>& code);

}  // namespace shopme::postgres
