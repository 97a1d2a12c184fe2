#pragma once
// Orders as JSON, in one place: the team's full view (dashboard, API) and the customer's view behind
// a secure link (no internal ids, actors or notes).
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/row>
#include <pqxx/transaction_base>
#include <string>

namespace shopme::http {

// The columns and joins of an order summary row, and its JSON.
extern const std::string kOrderSummaryColumns;
extern const std::string kOrderSummaryFrom;
boost::json::object order_summary(const pqxx::row& r);

// The whole order with lines and events; nullopt when it is not in the workspace.
std::optional<boost::json::object> load_order(pqxx::transaction_base& tx, const std::string& workspace_id,
                                              const std::string& id);

// What the customer may see of an order on its public pages.
boost::json::object customer_order_view(const boost::json::object& order);

}  // namespace shopme::http
