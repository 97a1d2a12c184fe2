#include "interfaces/http/controllers/public_link_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "domain/agent/phrasebook.hpp"
#include "domain/messaging/outbound_message.hpp"
#include "infrastructure/invoices/invoice.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/controllers/order_json.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
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

// What the customer gives about themselves on the registration and profile pages.
struct Details {
  std::optional<std::string> name, email, language;
  std::optional<bool> push;
  json::object address;
};

json::object read_address(JsonInput& in, const std::string& field, const json::object& a);

Details read_details(JsonInput& in) {
  Details d;
  d.name = in.string("name", true, 100);
  if (d.name && d.name->find_first_not_of(" \t") == std::string::npos) in.fail("name", "must not be empty");
  d.email = in.string("email", true, 254);
  if (d.email && !std::regex_match(*d.email, kEmailPattern)) in.fail("email", "must be an e-mail address");
  d.language = in.string("language", true, 2);
  if (d.language && *d.language != "it" && *d.language != "en" && *d.language != "es" &&
      *d.language != "pt") {
    in.fail("language", "must be it, en, es or pt");
  }
  d.push = in.boolean("pushOptIn", false);
  if (const auto* a = in.object().if_contains("shippingAddress"); !a || !a->is_object()) {
    in.fail("shippingAddress", "is required");
  } else {
    d.address = read_address(in, "shippingAddress", a->as_object());
  }
  return d;
}

// {line1, city, postalCode, country}; field errors are reported under `field`.
json::object read_address(JsonInput& in, const std::string& field, const json::object& a) {
  auto ai = JsonInput::of(a);
  auto line1 = ai.string("line1", true, 200);
  auto city = ai.string("city", true, 100);
  auto postal = ai.string("postalCode", true, 20);
  auto country = ai.string("country", true, 2);
  static const std::regex iso("^[A-Z]{2}$");
  if (country && !std::regex_match(*country, iso)) ai.fail("country", "must be an ISO country code like IT");
  if (auto st = ai.finish(); !st) {
    for (const auto& f : st.error().fields) in.fail(field + "." + f.field, f.message);
    return {};
  }
  return {{"line1", *line1}, {"city", *city}, {"postalCode", *postal}, {"country", *country}};
}

json::object profile_json(pqxx::transaction_base& tx, const std::string& ws, const std::string& customer) {
  const auto r = postgres::exec1(
      tx,
      "SELECT name, coalesce(email, ''), coalesce(phone, ''), language, shipping_address::text, "
      "billing_address::text, "
      "push_opt_in, " +
          iso_column("gdpr_consent_at") +
          ", gdpr_consent_version FROM customers WHERE workspace_id = $1 AND id = $2",
      ws, customer);
  const auto address = json::parse(r[4].c_str());
  const auto billing = json::parse(r[5].c_str());
  return {{"name", r[0].c_str()},
          {"email", r[1].c_str()},
          {"phone", r[2].c_str()},
          {"language", r[3].c_str()},
          {"shippingAddress", address.as_object().empty() ? json::value(nullptr) : address},
          // null: invoices go to the shipping address
          {"billingAddress", billing.as_object().empty() ? json::value(nullptr) : billing},
          {"pushOptIn", r[6].as<bool>()},
          {"gdprConsent",
           json::object{{"given", !r[7].is_null()},
                        {"at", r[7].is_null() ? json::value(nullptr) : json::value(r[7].c_str())},
                        {"version", r[8].is_null() ? json::value(nullptr) : json::value(r[8].c_str())}}}};
}

// The link for a profile action, locked; a refusal is a response.
Result<links::Link> profile_link(Request& req, pqxx::work& tx) {
  auto link = links::resolve(tx, req.params["token"], true);
  if (!link) return link.error();
  if (link->type != "profile") return Error::not_found("This link does not open a profile.");
  return link;
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
  const auto w = postgres::exec1(
      tx,
      "SELECT name, default_language, privacy_notice, privacy_notice_version FROM workspaces WHERE id = $1",
      link->workspace_id);
  json::object out{{"type", link->type},
                   {"expiresAt", link->expires_at},
                   {"workspace", json::object{{"name", w[0].c_str()}, {"defaultLanguage", w[1].c_str()}}}};
  if (link->type == "registration") {
    const auto c =
        postgres::exec1(tx, "SELECT name, language FROM customers WHERE workspace_id = $1 AND id = $2",
                        link->workspace_id, link->customer_id);
    out["customer"] = json::object{{"name", c[0].c_str()}, {"language", c[1].c_str()}};
    out["privacy"] = json::object{{"text", w[2].c_str()}, {"version", w[3].c_str()}};
  }
  if ((link->type == "payment" || link->type == "order" || link->type == "invoice") &&
      !link->resource_id.empty()) {
    const auto order = load_order(tx, link->workspace_id, link->resource_id);
    if (!order) return problem(req, 404, "This order no longer exists.");
    out["order"] = customer_order_view(*order);
    if (link->type == "payment") {
      const auto p = postgres::exec(tx, "SELECT provider FROM payment_settings WHERE workspace_id = $1",
                                    link->workspace_id);
      out["payment"] = json::object{{"provider", p.empty() ? "test" : p[0][0].c_str()}};
    }
    if (link->type == "invoice") {
      auto invoice = invoices::load_invoice(tx, link->workspace_id, link->resource_id);
      if (!invoice) return problem(req, 404, "This order has no invoice yet.");
      out["invoice"] = invoices::invoice_json(*invoice);
    }
  }
  if (link->type == "profile") {
    out["customer"] = profile_json(tx, link->workspace_id, link->customer_id);
    out["privacy"] = json::object{{"text", w[2].c_str()}, {"version", w[3].c_str()}};
  }
  tx.commit();
  return Response::json(200, json::serialize(out)).set_header("Cache-Control", "no-store");
}

Response PublicLinkController::register_customer(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto details = read_details(in);
  auto consent = in.boolean("gdprConsent", true);
  if (consent && !*consent) in.fail("gdprConsent", "must be accepted to register");
  // The link is checked before the body's fields are reported, so an expired page says so first.
  pqxx::work tx(db.conn());
  auto link = links::resolve(tx, req.params["token"], true);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  if (link->type != "registration") return problem(req, 404, "This link does not register anyone.");
  if (auto st = in.finish(); !st) return problem(req, st.error());

  postgres::exec0(
      tx,
      "UPDATE customers SET name = $3, email = $4, language = $5, shipping_address = $6::jsonb,"
      " gdpr_consent_at = now(), gdpr_consent_version = (SELECT privacy_notice_version FROM workspaces WHERE "
      "id = $1),"
      " push_opt_in = $7, registered_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2",
      link->workspace_id, link->customer_id, *details.name, *details.email, *details.language,
      json::serialize(details.address), details.push.value_or(false));
  links::spend(tx, *link);
  links::record(tx, link->workspace_id, link->id, "registration", req.remote_address);
  // The confirmation goes to the conversation the link was sent in.
  const auto conv = postgres::exec(tx,
                                   "SELECT id FROM conversations WHERE workspace_id = $1 AND customer_id = $2"
                                   " ORDER BY last_message_at DESC NULLS LAST LIMIT 1",
                                   link->workspace_id, link->customer_id);
  if (!conv.empty()) {
    messaging::OutboundMessage m;
    m.body = agent::say("registration.done", *details.language, {{"name", *details.name}});
    messaging::queue_outbound(tx, link->workspace_id, conv[0][0].c_str(), m, "system");
  }
  tx.commit();
  return Response::json(200, R"({"status":"registered"})");
}

Response PublicLinkController::update_profile(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto details = read_details(in);
  auto consent = in.boolean("gdprConsent", false);
  // Absent keeps the stored billing address, null clears it (invoices then use the shipping one).
  std::optional<std::string> billing;
  if (const auto* b = in.object().if_contains("billingAddress"); b && b->is_null()) {
    billing = "{}";
  } else if (b && b->is_object()) {
    billing = json::serialize(read_address(in, "billingAddress", b->as_object()));
  } else if (b) {
    in.fail("billingAddress", "must be an address or null");
  }
  pqxx::work tx(db.conn());
  auto link = profile_link(req, tx);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  if (auto st = in.finish(); !st) return problem(req, st.error());
  // Consent given again records the current text's version; withdrawn, it is cleared (and recorded).
  postgres::exec0(
      tx,
      "UPDATE customers SET name = $3, email = $4, language = $5, shipping_address = $6::jsonb,"
      " push_opt_in = coalesce($7, push_opt_in), billing_address = coalesce($9::jsonb, billing_address),"
      " updated_at = now(),"
      " gdpr_consent_at = CASE WHEN $8 = 'give' THEN now() WHEN $8 = 'withdraw' THEN NULL ELSE "
      "gdpr_consent_at END,"
      " gdpr_consent_version = CASE WHEN $8 = 'give' THEN (SELECT privacy_notice_version FROM workspaces "
      "WHERE id = $1)"
      "   WHEN $8 = 'withdraw' THEN NULL ELSE gdpr_consent_version END"
      " WHERE workspace_id = $1 AND id = $2",
      link->workspace_id, link->customer_id, *details.name, *details.email, *details.language,
      json::serialize(details.address), details.push,
      std::string(!consent   ? "keep"
                  : *consent ? "give"
                             : "withdraw"),
      billing);
  links::record(tx, link->workspace_id, link->id, "profile-updated", req.remote_address);
  auto out = profile_json(tx, link->workspace_id, link->customer_id);
  tx.commit();
  return Response::json(200, json::serialize(json::object{{"customer", std::move(out)}}));
}

Response PublicLinkController::export_data(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  pqxx::work tx(db.conn());
  auto link = profile_link(req, tx);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  const auto& ws = link->workspace_id;
  // Everything the shop keeps about the person: details, orders, and the conversation.
  json::array orders;
  for (const auto& o : postgres::exec(
           tx, "SELECT id FROM orders WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at", ws,
           link->customer_id)) {
    if (auto order = load_order(tx, ws, o[0].c_str())) orders.push_back(customer_order_view(*order));
  }
  json::array messages;
  for (const auto& m :
       postgres::exec(tx,
                      "SELECT m.direction, m.type, m.text, " + iso_column("m.created_at") +
                          " FROM messages m JOIN conversations c ON c.workspace_id = m.workspace_id AND c.id "
                          "= m.conversation_id"
                          " WHERE c.workspace_id = $1 AND c.customer_id = $2 ORDER BY m.created_at, m.seq",
                      ws, link->customer_id)) {
    messages.push_back(json::object{
        {"direction", m[0].c_str()}, {"type", m[1].c_str()}, {"text", m[2].c_str()}, {"at", m[3].c_str()}});
  }
  const auto shop = postgres::exec1(tx, "SELECT name FROM workspaces WHERE id = $1", ws);
  json::object out{
      {"shop", shop[0].c_str()},
      {"exportedAt",
       tx.exec1("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")[0].c_str()},
      {"customer", profile_json(tx, ws, link->customer_id)},
      {"orders", std::move(orders)},
      {"messages", std::move(messages)}};
  links::record(tx, ws, link->id, "exported", req.remote_address);
  tx.commit();
  return Response::json(200, json::serialize(out))
      .set_header("Content-Disposition", "attachment; filename=\"my-data.json\"")
      .set_header("Cache-Control", "no-store");
}

Response PublicLinkController::erase(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto confirm = in.boolean("confirm", true);
  if (confirm && !*confirm) in.fail("confirm", "must be true to delete the data");
  pqxx::work tx(db.conn());
  auto link = profile_link(req, tx);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = link->workspace_id;
  const auto& customer = link->customer_id;
  // Orders stay for the accounts (amounts, lines, invoice numbers; the billing address of invoiced
  // ones); everything else that identifies the person goes: details, conversations with their messages
  // and media, carts, notes; every other link of theirs stops working.
  postgres::exec0(tx,
                  "UPDATE orders SET shipping_address = '{}', notes = '',"
                  " billing_address = CASE WHEN invoice_number IS NULL THEN '{}' ELSE billing_address END"
                  " WHERE workspace_id = $1 AND customer_id = $2",
                  ws, customer);
  postgres::exec0(tx, "UPDATE orders SET conversation_id = NULL WHERE workspace_id = $1 AND customer_id = $2",
                  ws, customer);
  // What else names the person: the raw webhook bodies of their messages, the gateway events about
  // their orders (payloads may carry their e-mail), the addresses their links were opened from,
  // and the media files they sent (removed once the rows are gone).
  std::vector<std::string> media;
  for (const auto& r : postgres::exec(
           tx,
           "SELECT DISTINCT m.payload->'media'->>'id' FROM messages m JOIN conversations c"
           "  ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
           " WHERE c.workspace_id = $1 AND c.customer_id = $2 AND m.payload->'media'->>'id' IS NOT NULL",
           ws, customer)) {
    media.emplace_back(r[0].c_str());
  }
  const std::string wa_id =
      postgres::exec1(tx,
                      "SELECT coalesce(whatsapp_id, '') FROM customers WHERE workspace_id = $1 AND id = $2",
                      ws, customer)[0]
          .c_str();
  if (!wa_id.empty()) {
    postgres::exec0(
        tx, "DELETE FROM webhook_events WHERE workspace_id = $1 AND strpos(body, '\"' || $2 || '\"') > 0", ws,
        wa_id);
  }
  postgres::exec0(tx,
                  "UPDATE payment_events SET payload = '{}' WHERE workspace_id = $1"
                  " AND order_id IN (SELECT id FROM orders WHERE workspace_id = $1 AND customer_id = $2)",
                  ws, customer);
  postgres::exec0(tx,
                  "UPDATE secure_link_events e SET ip = '' FROM secure_links l WHERE e.workspace_id = $1"
                  " AND l.workspace_id = e.workspace_id AND l.id = e.link_id AND l.customer_id = $2",
                  ws, customer);
  postgres::exec0(tx, "DELETE FROM conversations WHERE workspace_id = $1 AND customer_id = $2", ws, customer);
  postgres::exec0(tx, "DELETE FROM carts WHERE workspace_id = $1 AND customer_id = $2", ws, customer);
  postgres::exec0(
      tx,
      "UPDATE customers SET name = 'Erased customer', email = NULL, phone = NULL, whatsapp_id = NULL, "
      "company = '',"
      " shipping_address = '{}', billing_address = '{}', notes = '', tags = '{}', custom_fields = '{}',"
      " gdpr_consent_at = NULL, gdpr_consent_version = NULL, push_opt_in = false, search_text = '',"
      " erased_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2",
      ws, customer);
  postgres::exec0(
      tx,
      "UPDATE secure_links SET used_at = coalesce(used_at, now()), expires_at = least(expires_at, now())"
      " WHERE workspace_id = $1 AND customer_id = $2",
      ws, customer);
  links::record(tx, ws, link->id, "erased", "");  // no address kept for the person who left
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, action, target, details) VALUES ($1, 'customer.erased', $2, "
      "'{}')",
      ws, "customer:" + customer);
  tx.commit();
  for (const auto& id : media) {
    if (id.empty() ||
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
            std::string::npos)
      continue;  // only names the media cache could have written
    std::error_code ec;
    std::filesystem::remove(media_dir_ / ws / id, ec);
    std::filesystem::remove(media_dir_ / ws / (id + ".type"), ec);
  }
  return Response::json(200, R"({"erased":true})");
}

Response PublicLinkController::invoice_pdf(Request& req, postgres::Db& db) const {
  if (auto r = limited(req, db.conn(), per_ip_limit_)) return std::move(*r);
  pqxx::work tx(db.conn());
  auto link = links::resolve(tx, req.params["token"], false);
  if (!link) {
    tx.commit();
    return problem(req, link.error());
  }
  if (link->type != "invoice") return problem(req, 404, "This link does not open an invoice.");
  const auto invoice = invoices::load_invoice(tx, link->workspace_id, link->resource_id);
  if (!invoice) return problem(req, 404, "This order has no invoice yet.");
  links::record(tx, link->workspace_id, link->id, "downloaded", req.remote_address);
  tx.commit();
  return pdf_response(*invoice);
}

Response pdf_response(const invoices::Invoice& invoice) {
  return Response::text(200, invoices::invoice_pdf(invoice), "application/pdf")
      .set_header("Content-Disposition", "attachment; filename=\"" + invoice.number + ".pdf\"")
      .set_header("Cache-Control", "private, no-store");
}

}  // namespace shopme::http
