#pragma once
#include <vector>

#include "infrastructure/agent/tools.hpp"

namespace shopme::agent {

// order_status, recent_orders, tracking_link, invoice_link, profile_link: always the conversation's
// own customer, whatever order code the model or the customer names.
std::vector<Tool> order_tools();

}  // namespace shopme::agent
