#include "interfaces/http/controllers/payment_controller.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <pqxx/pqxx>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/payments/gateways.hpp"
#include "infrastructure/payments/payment_events.hpp"
#include "infrastructure/payments/payment_settings.hpp"
#include "infrastructure/payments/stripe_signature.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;

namespace {

std::optional<Response> limited(Request& req, pqxx::connection& conn, std::string_view what, int limit) {
  const auto d = postgres::hit_rate_limit(conn, std::string(what) + ":" + req.remote_address, limit);
  if (d.allowed) return std::nullopt;
  return problem(req, Error::rate_limited("Too many requests; try again shortly.", d.retry_after))
      .set_header("Retry-After", std::to_string(d.retry_after));
}

json::object settings_json(const payments::PaymentSettings& s, const std::string& base_url,
                           const std::string& ws) {
  return {{"provider", s.provider},
          {"secretKeySet", s.secret_key.has_value()},
          {"webhookSecretSet", s.webhook_secret.has_value()},
          {"apiBaseUrl", s.api_base_url},
          {"webhookUrl", base_url + "/webhooks/stripe/" + ws}};
}

Response event_answer(Request& req, const Result<payments::EventResult>& r) {
  if (!r) return problem(req, r.error());
  return Response::json(200, json::serialize(json::object{{"received", true}, {"duplicate", r->duplicate}}));
}

}  // namespace

Response PaymentController::settings(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  return Response::json(
      200, json::serialize(settings_json(payments::load_payment_settings(tx, sealer_, ws), base_url_, ws)));
}

Response PaymentController::put_settings(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto provider = in.string("provider", true, 20);
  if (provider && *provider != "test" && *provider != "stripe") in.fail("provider", "must be test or stripe");
  auto secret_key = in.secret("secretKey", 300);
  if (secret_key.value && !(secret_key.value->starts_with("sk_") || secret_key.value->starts_with("rk_")))
    in.fail("secretKey", "must be a Stripe secret or restricted key (sk_… or rk_…)");
  auto webhook_secret = in.secret("webhookSecret", 300);
  if (webhook_secret.value && !webhook_secret.value->starts_with("whsec_"))
    in.fail("webhookSecret", "must be a Stripe webhook signing secret (whsec_…)");
  auto base = in.string("apiBaseUrl", false, 300);
  if (base && !base->empty() && !(base->starts_with("https://") || base->starts_with("http://")))
    in.fail("apiBaseUrl", "must be an http(s) URL");
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  pqxx::work tx(db.conn());
  const auto current = payments::load_payment_settings(tx, sealer_, ws);
  const auto keep = [&](const JsonInput::SecretChange& c, const std::optional<std::string>& now) {
    return c.change ? c.value : now;
  };
  const auto key = keep(secret_key, current.secret_key);
  const auto hook = keep(webhook_secret, current.webhook_secret);
  if (*provider == "stripe" && (!key || !hook)) {
    auto check = JsonInput::of(json::object{});
    if (!key) check.fail("secretKey", "is required for Stripe");
    if (!hook) check.fail("webhookSecret", "is required for Stripe");
    return problem(req, check.finish().error());
  }
  const auto seal = [&](const std::optional<std::string>& v,
                        std::string_view field) -> std::optional<std::string> {
    if (!v) return std::nullopt;
    return crypto::base64url_encode(sealer_.seal(*v, payments::payment_seal_context(ws, field)));
  };
  std::string url = base && !base->empty() ? *base : current.api_base_url;
  if (url == payments::kStripeDefaultBaseUrl) url.clear();  // stored empty: follows the default
  postgres::exec0(
      tx,
      "INSERT INTO payment_settings (workspace_id, provider, secret_key_sealed, webhook_secret_sealed, "
      "api_base_url)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id) DO UPDATE SET provider = $2,"
      " secret_key_sealed = $3, webhook_secret_sealed = $4, api_base_url = $5, updated_at = now()",
      ws, *provider, seal(key, "secretKey"), seal(hook, "webhookSecret"), url);
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, actor_user_id, action, target, details)"
      " VALUES ($1, $2, 'payments.settings_changed', 'payments',"
      " jsonb_build_object('provider', $3::text, 'secretKeyChanged', $4::boolean, 'webhookSecretChanged',"
      " $5::boolean))",
      ws, req.principal->user_id, *provider, secret_key.change, webhook_secret.change);
  const auto saved = payments::load_payment_settings(tx, sealer_, ws);
  tx.commit();
  return Response::json(200, json::serialize(settings_json(saved, base_url_, ws)));
}

Response PaymentController::start_checkout(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), "public-link", per_ip_limit_)) return std::move(*r);
  const auto token = req.params["token"];
  std::string ws, order_id, code, currency, link_id;
  long long total = 0, expires = 0;
  int attempts = 0;
  payments::PaymentSettings settings;
  {
    pqxx::work tx(db.conn());
    auto link = links::resolve(tx, token, false);
    if (!link) {
      tx.commit();
      return problem(req, link.error());
    }
    if (link->type != "payment" || link->resource_id.empty()) {
      tx.commit();
      return problem(req, 404, "This link is not a payment link.");
    }
    ws = link->workspace_id;
    order_id = link->resource_id;
    link_id = link->id;
    const auto o = postgres::exec1(
        tx,
        "SELECT status, code, total, currency, extract(epoch FROM payment_expires_at)::bigint,"
        "       coalesce(payment_expires_at > now(), false)"
        "  FROM orders WHERE workspace_id = $1 AND id = $2",
        ws, order_id);
    if (std::string_view(o[0].c_str()) != "pending_payment" || !o[5].as<bool>()) {
      tx.commit();
      return problem(req, 409, "This order can no longer be paid (it is " + std::string(o[0].c_str()) + ").",
                     "order-not-payable");
    }
    code = o[1].c_str();
    total = o[2].as<long long>();
    currency = o[3].c_str();
    expires = o[4].as<long long>();
    settings = payments::load_payment_settings(tx, sealer_, ws);
    // A second click while a session is open goes back to it.
    const auto open = postgres::exec(
        tx,
        "SELECT url FROM payment_sessions WHERE workspace_id = $1 AND order_id = $2 AND provider = $3"
        " AND status = 'open' AND expires_at > now() + interval '1 minute' ORDER BY created_at DESC LIMIT 1",
        ws, order_id, settings.provider);
    links::record(tx, ws, link_id, "checkout", req.remote_address);
    if (!open.empty()) {
      const std::string url = open[0][0].c_str();
      tx.commit();
      return Response::json(200, json::serialize(json::object{{"redirectUrl", url}}));
    }
    attempts =
        postgres::exec1(tx, "SELECT count(*) FROM payment_sessions WHERE workspace_id = $1 AND order_id = $2",
                        ws, order_id)[0]
            .as<int>();
    tx.commit();
  }
  // The gateway is called outside any transaction; the idempotency key makes a retry after a crash
  // here return the same session instead of a second one.
  const std::string page = base_url_ + "/s/" + token;
  payments::CheckoutRequest request{ws,
                                    order_id,
                                    code,
                                    total,
                                    currency,
                                    "Order " + code,
                                    page + "?payment=success",
                                    page + "?payment=cancelled",
                                    expires,
                                    "checkout-" + order_id + "-" + std::to_string(attempts + 1)};
  const auto gateway = payments::gateway_for(settings, base_url_);
  auto session = gateway->create_checkout(request);
  if (!session) {
    log::warn("checkout session not created", {{"workspace", ws}, {"reason", session.error().detail}});
    return problem(req, session.error());
  }
  pqxx::work tx(db.conn());
  postgres::exec0(
      tx,
      "INSERT INTO payment_sessions (workspace_id, order_id, provider, provider_session_id, amount, "
      "currency, url,"
      " return_path, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9))"
      " ON CONFLICT (provider, provider_session_id) WHERE provider_session_id IS NOT NULL DO NOTHING",
      ws, order_id, settings.provider, session->id, total, currency, session->url, "/s/" + token,
      settings.provider == "stripe" ? payments::checkout_expiry(expires, unix_now()) : expires);
  tx.commit();
  return Response::json(200, json::serialize(json::object{{"redirectUrl", session->url}}));
}

Response PaymentController::stripe_webhook(Request& req, postgres::Db& db) const {
  const auto signature = req.header("stripe-signature");
  if (!signature) return problem(req, 401, "The Stripe-Signature header is missing.", "bad-signature");
  std::vector<std::pair<std::string, std::optional<std::string>>> candidates;  // workspace, secret
  {
    pqxx::read_transaction tx(db.conn());
    if (const auto it = req.params.find("workspaceId"); it != req.params.end()) {
      if (is_uuid(it->second)) {
        candidates.emplace_back(it->second,
                                payments::load_payment_settings(tx, sealer_, it->second).webhook_secret);
      }
    } else {
      for (const auto& r :
           tx.exec("SELECT workspace_id FROM payment_settings WHERE webhook_secret_sealed IS NOT NULL")) {
        const std::string ws = r[0].c_str();
        candidates.emplace_back(ws, payments::load_payment_settings(tx, sealer_, ws).webhook_secret);
      }
    }
  }
  // The workspace is the one whose secret signed the body: receiving verifies before it parses or
  // stores anything, so a refusal just moves on to the next candidate.
  for (const auto& [ws, secret] : candidates) {
    if (!secret) continue;
    auto received =
        payments::receive_payment_event(db.conn(), ws, "stripe", req.body, *signature, *secret, base_url_);
    if (!received && received.error().kind == ErrorKind::kUnauthorized) continue;
    return event_answer(req, received);
  }
  log::warn("stripe webhook refused: no signature matches", {{"ip", req.remote_address}});
  return problem(req, 401, "The signature does not match.", "bad-signature");
}

Response PaymentController::test_session(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), "test-gateway", per_ip_limit_)) return std::move(*r);
  pqxx::read_transaction tx(db.conn());
  const auto rows = postgres::exec(
      tx,
      "SELECT w.name, o.code, s.amount, s.currency,"
      "       CASE WHEN s.status = 'open' AND s.expires_at <= now() THEN 'expired'"
      "            WHEN s.status = 'failed' THEN 'declined' ELSE s.status END, " +
          iso_column("s.expires_at") +
          "  FROM payment_sessions s JOIN orders o ON o.workspace_id = s.workspace_id AND o.id = s.order_id"
          "  JOIN workspaces w ON w.id = s.workspace_id"
          " WHERE s.provider = 'test' AND s.provider_session_id = $1",
      req.params["sessionId"]);
  if (rows.empty()) return problem(req, 404, "No such payment session.");
  const auto& r = rows[0];
  return Response::json(200, json::serialize(json::object{{"shopName", r[0].c_str()},
                                                          {"orderCode", r[1].c_str()},
                                                          {"amount", r[2].as<long long>()},
                                                          {"currency", r[3].c_str()},
                                                          {"status", r[4].c_str()},
                                                          {"expiresAt", r[5].c_str()}}));
}

Response PaymentController::test_pay(Request& req, postgres::Db& db) const {
  return test_finish(req, db, true);
}
Response PaymentController::test_decline(Request& req, postgres::Db& db) const {
  return test_finish(req, db, false);
}

Response PaymentController::test_finish(Request& req, postgres::Db& db, bool pay) const {
  if (auto r = limited(req, db.conn(), "test-gateway", per_ip_limit_)) return std::move(*r);
  const auto session = req.params["sessionId"];
  std::string ws, order_id, return_path;
  {
    pqxx::read_transaction tx(db.conn());
    const auto rows = postgres::exec(
        tx,
        "SELECT workspace_id, order_id, return_path, status = 'open' AND expires_at > now() FROM "
        "payment_sessions"
        " WHERE provider = 'test' AND provider_session_id = $1",
        session);
    if (rows.empty()) return problem(req, 404, "No such payment session.");
    if (!rows[0][3].as<bool>()) return problem(req, 409, "This payment session is closed.", "session-closed");
    ws = rows[0][0].c_str();
    order_id = rows[0][1].c_str();
    return_path = rows[0][2].c_str();
  }
  // The same event a card gateway would send, signed and received through the webhook's code path.
  const json::object object{{"id", session},
                            {"object", "checkout.session"},
                            {"payment_status", pay ? "paid" : "unpaid"},
                            {"payment_intent", "pi_test_" + crypto::random_hex(12)},
                            {"metadata", json::object{{"order_id", order_id}}}};
  const json::object event{
      {"id", "evt_test_" + crypto::random_hex(16)},
      {"object", "event"},
      {"type", pay ? "checkout.session.completed" : "checkout.session.async_payment_failed"},
      {"created", unix_now()},
      {"data", json::value(json::object{{"object", object}})}};
  const auto body = json::serialize(event);
  const auto secret = payments::test_gateway_secret(sealer_, ws);
  auto r = payments::receive_payment_event(db.conn(), ws, "test", body,
                                           payments::stripe_signature_header(body, secret, unix_now()),
                                           secret, base_url_);
  if (!r) return problem(req, r.error());
  const auto url = base_url_ + return_path + (pay ? "?payment=success" : "?payment=cancelled");
  return Response::json(200, json::serialize(json::object{{"redirectUrl", url}}));
}

}  // namespace shopme::http
