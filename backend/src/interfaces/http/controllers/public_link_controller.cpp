#include "interfaces/http/controllers/public_link_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "domain/agent/phrasebook.hpp"
#include "domain/messaging/outbound_message.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;

namespace {

const std::regex kEmailPattern(R"(^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$)");

std::optional<Response> limited(Request& req, pqxx::connection& conn, int limit) {
  const auto d = postgres::hit_rate_limit(conn, "public-link:" + req.remote_address, limit);
  if (d.allowed) return std::nullopt;
  return problem(req, Error::rate_limited("Too many requests; try again shortly.", d.retry_after))
      .set_header("Retry-After", std::to_string(d.retry_after));
}

}  // namespace

Response PublicLinkController::get(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  pqxx::work tx(db.conn());
  auto link = links::resolve(tx, req.params["token"], false);
  if (!link) {
    tx.commit();  // the refusal is audited
    return problem(req, link.error());
  }
  links::record(tx, link->workspace_id, link->id, "viewed", req.remote_address);
  const auto w = tx.exec_params1(
      "SELECT name, default_language, privacy_notice, privacy_notice_version FROM workspaces WHERE id = $1",
      link->workspace_id);
  json::object out{{"type", link->type},
                   {"expiresAt", link->expires_at},
                   {"workspace", json::object{{"name", w[0].c_str()}, {"defaultLanguage", w[1].c_str()}}}};
  if (link->type == "registration") {
    const auto c = tx.exec_params1("SELECT name, language FROM customers WHERE workspace_id = $1 AND id = $2",
                                   link->workspace_id, link->customer_id);
    out["customer"] = json::object{{"name", c[0].c_str()}, {"language", c[1].c_str()}};
    out["privacy"] = json::object{{"text", w[2].c_str()}, {"version", w[3].c_str()}};
  }
  if ((link->type == "payment" || link->type == "order") && !link->resource_id.empty()) {
    // The order summary (paying through the link arrives with the payments release).
    const auto o = tx.exec_params1(
        "SELECT code, status, payment_status, currency, subtotal, discount, tax, shipping, total,"
        "       to_char(payment_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        "  FROM orders WHERE workspace_id = $1 AND id = $2",
        link->workspace_id, link->resource_id);
    json::array lines;
    for (const auto& l :
         tx.exec_params("SELECT name, sku, quantity, unit_price, discount, total FROM order_lines"
                        " WHERE workspace_id = $1 AND order_id = $2 ORDER BY line_no",
                        link->workspace_id, link->resource_id)) {
      lines.push_back(json::object{{"name", l[0].c_str()},
                                   {"sku", l[1].c_str()},
                                   {"quantity", l[2].as<int>()},
                                   {"unitPrice", l[3].as<long long>()},
                                   {"discount", l[4].as<long long>()},
                                   {"total", l[5].as<long long>()}});
    }
    out["order"] =
        json::object{{"code", o[0].c_str()},
                     {"status", o[1].c_str()},
                     {"paymentStatus", o[2].c_str()},
                     {"currency", o[3].c_str()},
                     {"subtotal", o[4].as<long long>()},
                     {"discount", o[5].as<long long>()},
                     {"tax", o[6].as<long long>()},
                     {"shipping", o[7].as<long long>()},
                     {"total", o[8].as<long long>()},
                     {"paymentExpiresAt", o[9].is_null() ? json::value(nullptr) : json::value(o[9].c_str())},
                     {"lines", std::move(lines)}};
  }
  tx.commit();
  return Response::json(200, json::serialize(out)).set_header("Cache-Control", "no-store");
}

Response PublicLinkController::register_customer(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto name = in.string("name", true, 100);
  if (name && name->find_first_not_of(" \t") == std::string::npos) in.fail("name", "must not be empty");
  auto email = in.string("email", true, 254);
  if (email && !std::regex_match(*email, kEmailPattern)) in.fail("email", "must be an e-mail address");
  auto language = in.string("language", true, 2);
  if (language && *language != "it" && *language != "en" && *language != "es" && *language != "pt") {
    in.fail("language", "must be it, en, es or pt");
  }
  auto consent = in.boolean("gdprConsent", true);
  if (consent && !*consent) in.fail("gdprConsent", "must be accepted to register");
  auto push = in.boolean("pushOptIn", false);
  json::object address;
  if (const auto* a = in.object().if_contains("shippingAddress"); !a || !a->is_object()) {
    in.fail("shippingAddress", "is required");
  } else {
    auto ai = JsonInput::of(a->as_object());
    auto line1 = ai.string("line1", true, 200);
    auto city = ai.string("city", true, 100);
    auto postal = ai.string("postalCode", true, 20);
    auto country = ai.string("country", true, 2);
    if (country && !std::regex_match(*country, std::regex("^[A-Z]{2}$")))
      ai.fail("country", "must be an ISO country code like IT");
    if (auto st = ai.finish(); !st) {
      for (const auto& f : st.error().fields) in.fail("shippingAddress." + f.field, f.message);
    } else {
      address = {{"line1", *line1}, {"city", *city}, {"postalCode", *postal}, {"country", *country}};
    }
  }
  // The link is checked before the body's fields are reported, so an expired page says so first.
  pqxx::work tx(db.conn());
  auto link = links::resolve(tx, req.params["token"], true);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  if (link->type != "registration") return problem(req, 404, "This link does not register anyone.");
  if (auto st = in.finish(); !st) return problem(req, st.error());

  tx.exec_params0(
      "UPDATE customers SET name = $3, email = $4, language = $5, shipping_address = $6::jsonb,"
      " gdpr_consent_at = now(), gdpr_consent_version = (SELECT privacy_notice_version FROM workspaces WHERE "
      "id = $1),"
      " push_opt_in = $7, registered_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2",
      link->workspace_id, link->customer_id, *name, *email, *language, json::serialize(address),
      push.value_or(false));
  links::spend(tx, *link);
  links::record(tx, link->workspace_id, link->id, "registration", req.remote_address);
  // The confirmation goes to the conversation the link was sent in.
  const auto conv = tx.exec_params(
      "SELECT id FROM conversations WHERE workspace_id = $1 AND customer_id = $2"
      " ORDER BY last_message_at DESC NULLS LAST LIMIT 1",
      link->workspace_id, link->customer_id);
  if (!conv.empty()) {
    messaging::OutboundMessage m;
    m.body = agent::say("registration.done", *language, {{"name", *name}});
    messaging::queue_outbound(tx, link->workspace_id, conv[0][0].c_str(), m, "system");
  }
  tx.commit();
  return Response::json(200, R"({"status":"registered"})");
}

}  // namespace shopme::http
