#pragma once
// The tools the agent may be given; a workspace enables a subset (empty: all).
#include <array>
#include <string_view>

namespace shopme::agent {

inline constexpr std::array<std::string_view, 18> kToolNames = {
    "search_products",  "get_product",    "list_categories", "products_by_category", "search_services",
    "search_faq",       "current_offers", "add_to_cart",     "remove_from_cart",     "view_cart",
    "apply_promo_code", "checkout",       "order_status",    "recent_orders",        "tracking_link",
    "invoice_link",     "profile_link",   "contact_operator"};

inline bool known_tool(std::string_view name) {
  for (auto t : kToolNames) {
    if (t == name) return true;
  }
  return false;
}

}  // namespace shopme::agent
