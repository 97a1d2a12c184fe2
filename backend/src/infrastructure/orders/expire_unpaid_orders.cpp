#include "infrastructure/orders/expire_unpaid_orders.hpp"

#include <pqxx/pqxx>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::orders {

int expire_unpaid_orders(pqxx::connection& conn, int batch) {
  pqxx::work tx(conn);
  // SKIP LOCKED: another process, or a payment confirming right now, keeps its order.
  const auto due = postgres::exec(
      tx,
      "SELECT workspace_id, id, stock_reserved FROM orders WHERE status = 'pending_payment'"
      " AND payment_expires_at < now() ORDER BY payment_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED",
      batch);
  for (const auto& r : due) {
    const std::string ws = r[0].c_str(), id = r[1].c_str();
    if (r[2].as<bool>()) {
      postgres::exec0(
          tx,
          "UPDATE products p SET stock = p.stock + l.quantity, updated_at = now() FROM order_lines l"
          " WHERE l.workspace_id = $1 AND l.order_id = $2 AND p.workspace_id = l.workspace_id AND p.id = "
          "l.product_id",
          ws, id);
    }
    postgres::exec(tx, "SELECT shopme_release_offer_uses($1, $2)", ws, id);
    postgres::exec0(tx,
                    "UPDATE orders SET status = 'cancelled', stock_reserved = false, updated_at = now()"
                    " WHERE workspace_id = $1 AND id = $2",
                    ws, id);
    postgres::exec0(
        tx,
        "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, note)"
        " VALUES ($1, $2, 'pending_payment', 'cancelled', 'system', 'the payment link expired unpaid')",
        ws, id);
  }
  tx.commit();
  if (!due.empty()) log::info("unpaid orders expired", {{"count", static_cast<long long>(due.size())}});
  return static_cast<int>(due.size());
}

}  // namespace shopme::orders
