#include "infrastructure/payments/payment_events.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <pqxx/pqxx>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/payments/confirm_payment.hpp"
#include "infrastructure/payments/stripe_signature.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::payments {
namespace json = boost::json;

namespace {

std::string field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string metadata(const json::object& o, std::string_view key) {
  const auto* m = o.if_contains("metadata");
  return m && m->is_object() ? field(m->as_object(), key) : std::string();
}

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

struct Target {
  std::string session_row;  // payment_sessions.id, if known
  std::string order_id;
};

// The order an event is about: through the session it names, its payment intent, or its metadata
// (always within the workspace whose secret signed it).
Target find_target(pqxx::work& tx, const std::string& ws, const std::string& provider,
                   const json::object& object, const std::string& type) {
  Target t;
  std::string session_id = type.starts_with("checkout.session.") ? field(object, "id") : "";
  std::string intent =
      type.starts_with("payment_intent.") ? field(object, "id") : field(object, "payment_intent");
  if (!session_id.empty()) {
    const auto r = postgres::exec(
        tx,
        "SELECT id, order_id FROM payment_sessions WHERE workspace_id = $1 AND provider = $2 AND "
        "provider_session_id = $3",
        ws, provider, session_id);
    if (!r.empty()) return {r[0][0].c_str(), r[0][1].c_str()};
  }
  if (!intent.empty()) {
    const auto r = postgres::exec(
        tx,
        "SELECT id, order_id FROM payment_sessions WHERE workspace_id = $1 AND provider = $2 AND "
        "payment_intent_id = $3 ORDER BY created_at DESC LIMIT 1",
        ws, provider, intent);
    if (!r.empty()) return {r[0][0].c_str(), r[0][1].c_str()};
  }
  const auto order = metadata(object, "order_id");
  if (looks_like_uuid(order) &&
      !postgres::exec(tx, "SELECT 1 FROM orders WHERE workspace_id = $1 AND id = $2", ws, order).empty()) {
    t.order_id = order;
  }
  return t;
}

void order_note(pqxx::work& tx, const std::string& ws, const std::string& order, const std::string& note) {
  postgres::exec0(
      tx,
      "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, note)"
      " SELECT workspace_id, id, status, status, 'gateway', $3 FROM orders WHERE workspace_id = $1 AND id = "
      "$2",
      ws, order, note);
}

void handle(pqxx::work& tx, const std::string& ws, const std::string& provider, const std::string& type,
            const json::object& object, const Target& t, const std::string& base_url) {
  if (t.order_id.empty()) {
    log::info("payment event for no known order", {{"workspace", ws}, {"type", type}});
    return;
  }
  const auto set_session = [&](const char* status) {
    if (t.session_row.empty()) return;
    postgres::exec0(tx,
                    "UPDATE payment_sessions SET status = $3, payment_intent_id = coalesce(nullif($4, ''), "
                    "payment_intent_id),"
                    " updated_at = now() WHERE workspace_id = $1 AND id = $2 AND status <> 'paid'",
                    ws, t.session_row, std::string(status), field(object, "payment_intent"));
  };
  const auto paid = [&] {
    set_session("paid");
    confirm_payment(tx, ws, t.order_id, {provider, "gateway", std::nullopt, "paid through " + provider},
                    base_url);
  };
  if (type == "checkout.session.completed") {
    // Card payments are paid now; delayed methods complete later with async_payment_succeeded.
    const auto status = field(object, "payment_status");
    if (status == "paid" || status == "no_payment_required") {
      paid();
    } else {
      set_session("open");
      order_note(tx, ws, t.order_id, "payment started at " + provider + ", awaiting confirmation");
    }
  } else if (type == "checkout.session.async_payment_succeeded") {
    paid();
  } else if (type == "checkout.session.async_payment_failed" || type == "payment_intent.payment_failed") {
    set_session("failed");
    // A late failure never undoes a payment: only an order still awaiting payment records it.
    const auto changed = postgres::exec(
        tx,
        "UPDATE orders SET payment_status = 'failed', updated_at = now() WHERE workspace_id = $1 AND id = $2"
        " AND status = 'pending_payment' RETURNING id",
        ws, t.order_id);
    if (!changed.empty()) {
      order_note(tx, ws, t.order_id, "payment failed or declined at " + provider);
      messaging::notify(tx, "order.updated", ws, "", json::object{{"orderId", t.order_id}});
    }
  } else if (type == "checkout.session.expired") {
    set_session("expired");
  } else if (type == "charge.refunded") {
    const auto current =
        postgres::exec(tx,
                       "SELECT status FROM orders WHERE workspace_id = $1 AND id = $2"
                       " AND status IN ('paid', 'processing', 'shipped', 'delivered') FOR UPDATE",
                       ws, t.order_id);
    if (!current.empty()) {
      postgres::exec0(tx,
                      "UPDATE orders SET status = 'refunded', payment_status = 'refunded', updated_at = now()"
                      " WHERE workspace_id = $1 AND id = $2",
                      ws, t.order_id);
      const auto& changed = current;
      postgres::exec0(
          tx,
          "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, note)"
          " VALUES ($1, $2, $3, 'refunded', 'gateway', $4)",
          ws, t.order_id, std::string(changed[0][0].c_str()), "refunded at " + provider);
      messaging::notify(tx, "order.updated", ws, "",
                        json::object{{"orderId", t.order_id}, {"status", "refunded"}});
    }
  }
}

}  // namespace

Result<EventResult> receive_payment_event(pqxx::connection& conn, const std::string& ws,
                                          const std::string& provider, std::string_view raw_body,
                                          std::string_view header, std::string_view secret,
                                          const std::string& base_url) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  if (auto ok = verify_stripe_signature(header, raw_body, secret, now); !ok) return ok.error();
  boost::system::error_code ec;
  auto parsed = json::parse(raw_body, ec);
  if (ec || !parsed.is_object()) return Error::bad_request("The event is not a JSON object.");
  const auto& event = parsed.as_object();
  const auto id = field(event, "id");
  const auto type = field(event, "type");
  const auto* data = event.if_contains("data");
  const auto* object = data && data->is_object() ? data->as_object().if_contains("object") : nullptr;
  if (id.empty() || id.size() > 255 || type.empty() || !object || !object->is_object())
    return Error::bad_request("The event needs an id, a type and data.object.");
  pqxx::work tx(conn);
  const auto target = find_target(tx, ws, provider, object->as_object(), type);
  // Once per event id: the insert that wins processes it, a replay finds the row.
  const auto fresh = postgres::exec(
      tx,
      "INSERT INTO payment_events (workspace_id, provider, event_id, type, order_id, payload)"
      " VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT DO NOTHING RETURNING 1",
      ws, provider, id, type, target.order_id.empty() ? std::optional<std::string>() : target.order_id,
      std::string(raw_body));
  if (fresh.empty()) {
    tx.commit();
    return EventResult{type, true};
  }
  handle(tx, ws, provider, type, object->as_object(), target, base_url);
  tx.commit();
  return EventResult{type, false};
}

}  // namespace shopme::payments
