#pragma once
#include <pqxx/connection>

namespace shopme::orders {

// Use case: an order whose payment link expired unpaid is cancelled and its reserved stock goes back
// on the shelf. Returns how many orders it expired (at most `batch` per call).
int expire_unpaid_orders(pqxx::connection& conn, int batch = 100);

}  // namespace shopme::orders
