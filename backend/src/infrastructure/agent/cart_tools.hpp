#pragma once
#include <vector>

#include "infrastructure/agent/tools.hpp"

namespace shopme::agent {

// add_to_cart, remove_from_cart, view_cart, apply_promo_code.
std::vector<Tool> cart_tools();

}  // namespace shopme::agent
