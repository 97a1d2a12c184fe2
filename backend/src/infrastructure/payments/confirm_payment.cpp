#include "infrastructure/payments/confirm_payment.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/agent/phrasebook.hpp"
#include "domain/orders/order_status.hpp"
#include "infrastructure/agent/tools.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::payments {

namespace {

// Admins and Managers hear about money.
void mail_team(pqxx::transaction_base& tx, const std::string& ws, const std::string& subject,
               const std::string& body) {
  postgres::exec0(tx,
                  "INSERT INTO mail_outbox (workspace_id, to_address, subject, body)"
                  " SELECT $1, u.email, $2, $3 FROM memberships m JOIN users u ON u.id = m.user_id"
                  "  WHERE m.workspace_id = $1 AND m.role IN ('admin', 'manager') AND u.status = 'active'",
                  ws, subject, body);
}

}  // namespace

Confirmed confirm_payment(pqxx::transaction_base& tx, const std::string& ws, const std::string& order_id,
                          const Confirmation& how, const std::string& public_base_url) {
  const auto rows = postgres::exec(
      tx,
      "SELECT o.status, o.code, o.total, o.currency, o.customer_id, coalesce(o.conversation_id::text, ''),"
      "       cu.language"
      "  FROM orders o JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id"
      " WHERE o.workspace_id = $1 AND o.id = $2 FOR UPDATE OF o",
      ws, order_id);
  if (rows.empty()) return Confirmed::kNotPayable;
  const auto& r = rows[0];
  const std::string status = r[0].c_str(), code = r[1].c_str(), customer = r[4].c_str(),
                    language = r[6].c_str();
  const long long total = r[2].as<long long>();
  if (status != "pending_payment") {
    if (status == "cancelled") {
      postgres::exec0(
          tx,
          "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, "
          "note)"
          " VALUES ($1, $2, 'cancelled', 'cancelled', $3, $4, $5)",
          ws, order_id, how.actor_kind, how.actor_id,
          "payment received after the order was cancelled (" + how.provider + "): refund it");
      mail_team(tx, ws, "Payment received for cancelled order " + code,
                "The payment for order " + code +
                    " arrived after the order was cancelled. Refund it from the payment provider.");
      return Confirmed::kNotPayable;
    }
    return Confirmed::kAlready;
  }
  const auto number = postgres::exec1(
      tx,
      "INSERT INTO document_counters (workspace_id, series, year, last_number)"
      " SELECT $1, 'invoice', extract(year FROM now() AT TIME ZONE timezone)::int, 1 FROM workspaces WHERE "
      "id = $1 ON CONFLICT (workspace_id, series, year)"
      " DO UPDATE SET last_number = document_counters.last_number + 1 RETURNING year, last_number",
      ws);
  const auto invoice = orders::invoice_number(number[0].as<int>(), number[1].as<int>());
  postgres::exec0(
      tx,
      "UPDATE orders SET status = 'paid', payment_status = 'paid', paid_at = now(), payment_provider = $3,"
      "       invoice_number = $4, invoice_issued_at = now(), updated_at = now()"
      " WHERE workspace_id = $1 AND id = $2",
      ws, order_id, how.provider, invoice);
  postgres::exec0(
      tx,
      "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, note)"
      " VALUES ($1, $2, 'pending_payment', 'paid', $3, $4, $5)",
      ws, order_id, how.actor_kind, how.actor_id, how.note);
  // The customer hears it where they ordered (or in their latest conversation), with the order's page.
  std::string conversation = r[5].c_str();
  if (conversation.empty()) {
    const auto latest =
        postgres::exec(tx,
                       "SELECT id FROM conversations WHERE workspace_id = $1 AND customer_id = $2"
                       " ORDER BY last_message_at DESC NULLS LAST LIMIT 1",
                       ws, customer);
    if (!latest.empty()) conversation = latest[0][0].c_str();
  }
  if (!conversation.empty()) {
    const auto link = links::issue(tx, ws, links::spec_for("order"), customer, order_id);
    messaging::OutboundMessage m;
    m.body = agent::say("order.paid", language,
                        {{"code", code},
                         {"total", agent::format_price(total, r[3].c_str(), language)},
                         {"link", public_base_url + "/s/" + link.token}});
    messaging::queue_outbound(tx, ws, conversation, m, "system");
  }
  messaging::notify(tx, "order.updated", ws, conversation,
                    boost::json::object{{"orderId", order_id}, {"status", "paid"}});
  mail_team(tx, ws, "Order " + code + " paid",
            "Order " + code + " has been paid (" + agent::format_price(total, r[3].c_str(), "en") +
                ", invoice " + invoice + "). Open the dashboard's orders to prepare it.");
  return Confirmed::kNow;
}

}  // namespace shopme::payments
