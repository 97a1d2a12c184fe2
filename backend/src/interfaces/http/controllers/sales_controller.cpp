#include "interfaces/http/controllers/sales_controller.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <pqxx/pqxx>
#include <regex>

#include "domain/catalog/pricing.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

using Opt = std::optional<std::string>;

Opt text_of(const std::optional<bool>& b) { return b ? Opt(*b ? "true" : "false") : std::nullopt; }
template <class N>
Opt text_of(const std::optional<N>& n) {
  return n ? Opt(std::to_string(*n)) : std::nullopt;
}
boost::json::value nullable(const pqxx::field& f) {
  return f.is_null() ? boost::json::value(nullptr) : boost::json::value(f.as<std::string>());
}

// The optional fields a PATCH sets to null explicitly (to clear them), as "a,b" for SQL.
std::string nulled(const JsonInput& in, std::initializer_list<const char*> fields) {
  std::string out;
  for (const char* f : fields) {
    if (const auto* v = in.object().if_contains(f); v && v->is_null())
      out += (out.empty() ? "" : ",") + std::string(f);
  }
  return out;
}

bool valid_language(const std::string& l) { return l == "it" || l == "en" || l == "es" || l == "pt"; }

std::optional<int> read_tax(JsonInput& in) {
  const auto* t = in.object().if_contains("taxRate");
  if (!t || t->is_null()) return std::nullopt;
  if (t->is_number()) {
    const double pct = t->to_number<double>();
    const double bp = std::round(pct * 100);
    if (pct >= 0 && pct <= 100 && std::abs(bp - pct * 100) < 1e-6) return static_cast<int>(bp);
  }
  in.fail("taxRate", "must be a percentage from 0 to 100 with at most two decimals");
  return std::nullopt;
}

std::optional<std::string> read_language(JsonInput& in) {
  auto l = in.string("language", false, 2);
  if (l && !valid_language(*l)) {
    in.fail("language", "must be it, en, es or pt");
    return std::nullopt;
  }
  return l;
}

std::optional<bool> bool_query(const Request& req, const char* name, std::vector<FieldError>& bad) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  bad.push_back({name, "must be true or false"});
  return std::nullopt;
}

// ---- services ---------------------------------------------------------------------------------

const ResourceTable kServices{
    "services",
    "service",
    "t.id::text, t.name, t.description, t.price, t.tax_rate, t.duration_minutes, t.active, t.language, " +
        iso_column("t.created_at"),
    [](const pqxx::row& r) {
      return boost::json::object{{"id", r[0].as<std::string>()},
                                 {"name", r[1].as<std::string>()},
                                 {"description", r[2].as<std::string>()},
                                 {"price", r[3].as<long long>()},
                                 {"taxRate", percent_json(r[4].as<int>())},
                                 {"durationMinutes", r[5].is_null() ? boost::json::value(nullptr)
                                                                    : boost::json::value(r[5].as<int>())},
                                 {"active", r[6].as<bool>()},
                                 {"language", r[7].as<std::string>()},
                                 {"createdAt", r[8].as<std::string>()}};
    },
    {{"createdAt", "t.created_at"}, {"name", "lower(t.name)"}, {"price", "t.price"}},
    "name"};

// ---- FAQs -------------------------------------------------------------------------------------

const ResourceTable kFaqs{
    "faqs",
    "FAQ",
    "t.id::text, t.question, t.answer, t.language, t.active, " + iso_column("t.created_at"),
    [](const pqxx::row& r) {
      return boost::json::object{{"id", r[0].as<std::string>()},     {"question", r[1].as<std::string>()},
                                 {"answer", r[2].as<std::string>()}, {"language", r[3].as<std::string>()},
                                 {"active", r[4].as<bool>()},        {"createdAt", r[5].as<std::string>()}};
    },
    {{"createdAt", "t.created_at"}, {"question", "lower(t.question)"}},
    "question"};

// ---- offers -----------------------------------------------------------------------------------

const ResourceTable kOffers{
    "offers",
    "offer",
    "t.id::text, t.name, t.description, t.type, t.value, t.buy_quantity, t.get_quantity, "
    "t.product_ids::text[], "
    "t.category_ids::text[], " +
        iso_column("t.starts_at") + ", " + iso_column("t.ends_at") +
        ", t.min_purchase, t.usage_limit, t.usage_limit_per_customer, t.usage_count, t.code, t.active, " +
        iso_column("t.created_at") +
        ", (SELECT count(DISTINCT u.customer_id) FROM offer_usages u WHERE u.workspace_id = t.workspace_id "
        "AND "
        "u.offer_id = t.id)",
    [](const pqxx::row& r) {
      auto ids = [](const pqxx::field& f) {
        boost::json::array out;
        for (auto& id : text_array(f)) out.emplace_back(id);
        return out;
      };
      const auto type = r[3].as<std::string>();
      boost::json::object o{
          {"id", r[0].as<std::string>()},
          {"name", r[1].as<std::string>()},
          {"description", r[2].as<std::string>()},
          {"type", type},
          {"productIds", ids(r[7])},
          {"categoryIds", ids(r[8])},
          {"startsAt", nullable(r[9])},
          {"endsAt", nullable(r[10])},
          {"minPurchase", r[11].as<long long>()},
          {"usageLimit", r[12].is_null() ? boost::json::value(nullptr) : boost::json::value(r[12].as<int>())},
          {"usageLimitPerCustomer",
           r[13].is_null() ? boost::json::value(nullptr) : boost::json::value(r[13].as<int>())},
          {"code", nullable(r[15])},
          {"active", r[16].as<bool>()},
          {"createdAt", r[17].as<std::string>()},
          {"stats", {{"uses", r[14].as<int>()}, {"customers", r[18].as<long long>()}}}};
      // Percentages are shown as percent; fixed amounts in minor units.
      if (type == "percentage")
        o["value"] = percent_json(r[4].as<long long>());
      else
        o["value"] = r[4].as<long long>();
      if (type == "buy_x_get_y") {
        o["buyQuantity"] = r[5].as<int>();
        o["getQuantity"] = r[6].as<int>();
      }
      return o;
    },
    {{"createdAt", "t.created_at"}, {"name", "lower(t.name)"}, {"endsAt", "t.ends_at"}},
    "createdAt"};

// ---- customers --------------------------------------------------------------------------------

const ResourceTable kCustomers{
    "customers",
    "customer",
    "t.id::text, t.name, t.email, t.phone, t.whatsapp_id, t.language, t.company, t.shipping_address::text, "
    "t.billing_address::text, t.notes, t.tags, t.custom_fields::text, " +
        iso_column("t.gdpr_consent_at") +
        ", t.gdpr_consent_version, t.push_opt_in, t.blocked, t.blocked_reason, " +
        iso_column("t.registered_at") + ", " + iso_column("t.created_at"),
    [](const pqxx::row& r) {
      boost::json::array tags;
      for (auto& tag : text_array(r[10])) tags.emplace_back(tag);
      return boost::json::object{
          {"id", r[0].as<std::string>()},
          {"name", r[1].as<std::string>()},
          {"email", nullable(r[2])},
          {"phone", nullable(r[3])},
          {"whatsappId", nullable(r[4])},
          {"language", r[5].as<std::string>()},
          {"company", r[6].as<std::string>()},
          {"shippingAddress", boost::json::parse(r[7].as<std::string>())},
          {"billingAddress", boost::json::parse(r[8].as<std::string>())},
          {"notes", r[9].as<std::string>()},
          {"tags", tags},
          {"customFields", boost::json::parse(r[11].as<std::string>())},
          {"gdprConsent", {{"givenAt", nullable(r[12])}, {"version", nullable(r[13])}}},
          {"pushOptIn", r[14].as<bool>()},
          {"blocked", r[15].as<bool>()},
          {"blockedReason", r[16].as<std::string>()},
          {"registeredAt", nullable(r[17])},
          {"createdAt", r[18].as<std::string>()}};
    },
    {{"createdAt", "t.created_at"}, {"name", "lower(t.name)"}},
    "createdAt"};

template <class Write>
Response write_resource(Request& req, postgres::Db& db, const ResourceTable& t, bool creating,
                        Write&& write) {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto& ws = req.principal->workspace_id;
  std::string id;
  if (!creating) {
    id = req.params["id"];
    if (!is_uuid(id)) return problem(req, 404, std::string("No such ") + t.noun + ".");
  }
  pqxx::work tx(db.conn());
  if (!creating && postgres::exec(tx,
                                  std::string("SELECT 1 FROM ") + t.table +
                                      " WHERE workspace_id = $1::uuid AND id = $2::uuid FOR UPDATE",
                                  ws, id)
                       .empty()) {
    return problem(req, 404, std::string("No such ") + t.noun + ".");
  }
  auto result = write(*in, tx, ws, id);
  if (!result) return problem(req, result.error());
  auto doc = load_resource(tx, t, ws, result.value());
  tx.commit();
  return Response::json(creating ? 201 : 200, boost::json::serialize(doc));
}

Result<std::string> write_service(JsonInput& in, pqxx::work& tx, const std::string& ws,
                                  const std::string& id) {
  const bool creating = id.empty();
  const auto name = in.string("name", creating, 200);
  if (name && name->empty()) in.fail("name", "must not be empty");
  const auto description = in.string("description", false, 5000);
  const auto price = in.integer("price", creating, 0, 1'000'000'000'000LL);
  const auto tax = read_tax(in);
  const auto duration = in.integer("durationMinutes", false, 1, 100'000);
  const auto active = in.boolean("active", false);
  const auto language = read_language(in);
  if (auto s = in.finish(); !s) return s.error();
  if (creating) {
    return postgres::exec1(
               tx,
               "INSERT INTO services (workspace_id, name, description, price, tax_rate, duration_minutes, "
               "active, "
               "language) VALUES ($1::uuid, $2, coalesce($3, ''), $4::bigint, coalesce($5::int, 2200), "
               "$6::int, "
               "coalesce($7::boolean, true), coalesce($8, 'it')) RETURNING id::text",
               ws, name, description, text_of(price), text_of(tax), text_of(duration), text_of(active),
               language)[0]
        .as<std::string>();
  }
  postgres::exec0(
      tx,
      "UPDATE services SET name = coalesce($3, name), description = coalesce($4, description), price = "
      "coalesce($5::bigint, price), tax_rate = coalesce($6::int, tax_rate), duration_minutes = CASE WHEN "
      "'durationMinutes' = ANY(string_to_array($10, ',')) THEN NULL ELSE coalesce($7::int, duration_minutes) "
      "END, "
      "active = coalesce($8::boolean, active), language = coalesce($9, language), updated_at = now() WHERE "
      "workspace_id = $1::uuid AND id = $2::uuid",
      ws, id, name, description, text_of(price), text_of(tax), text_of(duration), text_of(active), language,
      nulled(in, {"durationMinutes"}));
  return id;
}

Result<std::string> write_faq(JsonInput& in, pqxx::work& tx, const std::string& ws, const std::string& id) {
  const bool creating = id.empty();
  const auto question = in.string("question", creating, 500);
  const auto answer = in.string("answer", creating, 5000);
  if (question && question->empty()) in.fail("question", "must not be empty");
  if (answer && answer->empty()) in.fail("answer", "must not be empty");
  const auto active = in.boolean("active", false);
  const auto language = read_language(in);
  if (auto s = in.finish(); !s) return s.error();
  if (creating) {
    return postgres::
        exec1(tx,
              "INSERT INTO faqs (workspace_id, question, answer, active, language) VALUES ($1::uuid, $2, $3, "
              "coalesce($4::boolean, true), coalesce($5, 'it')) RETURNING id::text",
              ws, question, answer, text_of(active), language)[0]
            .as<std::string>();
  }
  postgres::exec0(
      tx,
      "UPDATE faqs SET question = coalesce($3, question), answer = coalesce($4, answer), active = "
      "coalesce($5::boolean, active), language = coalesce($6, language), updated_at = now() WHERE "
      "workspace_id = "
      "$1::uuid AND id = $2::uuid",
      ws, id, question, answer, text_of(active), language);
  return id;
}

// Reads a list of ids of this workspace's rows in `table`; unknown ids are field errors.
std::optional<std::string> read_ids(JsonInput& in, pqxx::work& tx, const std::string& ws, const char* field,
                                    const char* table) {
  const auto* v = in.object().if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    in.fail(field, "must be a list of ids");
    return std::nullopt;
  }
  std::string lit = "{";
  bool first = true;
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || !is_uuid(e.as_string()) ||
        postgres::exec(
            tx, std::string("SELECT 1 FROM ") + table + " WHERE workspace_id = $1::uuid AND id = $2::uuid",
            ws, std::string(e.as_string()))
            .empty()) {
      in.fail(field, std::string("lists an id that is not in this workspace's ") + table);
      return std::nullopt;
    }
    lit += (first ? "" : ",") + std::string(e.as_string());
    first = false;
  }
  return lit + "}";
}

// ISO 8601 date or date-time (UTC "Z" or an offset), with a real calendar date.
Opt read_time(JsonInput& in, const char* field) {
  static const std::regex kIso(
      R"(^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$)");
  auto v = in.string(field, false, 40);
  if (!v) return std::nullopt;
  std::smatch m;
  if (std::regex_match(*v, m, kIso)) {
    const std::chrono::year_month_day day{std::chrono::year(std::stoi(m[1])),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(m[2]))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(m[3])))};
    if (day.ok()) return v;
  }
  in.fail(field, "must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z");
  return std::nullopt;
}

Result<std::string> write_offer(JsonInput& in, pqxx::work& tx, const std::string& ws, const std::string& id) {
  const bool creating = id.empty();
  const auto name = in.string("name", creating, 200);
  if (name && name->empty()) in.fail("name", "must not be empty");
  const auto description = in.string("description", false, 2000);
  auto type = in.string("type", creating, 20);
  if (type && *type != "percentage" && *type != "fixed_amount" && *type != "buy_x_get_y") {
    in.fail("type", "must be percentage, fixed_amount or buy_x_get_y");
    type.reset();
  }
  std::string effective_type = type.value_or("");
  if (!creating && !type) {
    effective_type =
        postgres::exec1(tx, "SELECT type FROM offers WHERE workspace_id = $1::uuid AND id = $2::uuid", ws,
                        id)[0]
            .as<std::string>();
  }
  std::optional<long long> value;
  if (const auto* v = in.object().if_contains("value"); v && !v->is_null()) {
    if (effective_type == "percentage") {
      const double pct = v->is_number() ? v->to_number<double>() : -1;
      if (pct <= 0 || pct > 100)
        in.fail("value", "must be a percentage above 0 and at most 100");
      else
        value = static_cast<long long>(std::llround(pct * 100));
    } else if (v->is_int64() && v->as_int64() > 0) {
      value = v->as_int64();
    } else if (effective_type == "fixed_amount") {
      in.fail("value", "must be an amount in minor units above 0");
    }
  } else if (creating && effective_type != "buy_x_get_y" && !effective_type.empty()) {
    in.fail("value", "is required");
  }
  const auto buy = in.integer("buyQuantity", creating && effective_type == "buy_x_get_y", 1, 1000);
  const auto get = in.integer("getQuantity", creating && effective_type == "buy_x_get_y", 1, 1000);
  const auto products = read_ids(in, tx, ws, "productIds", "products");
  const auto categories = read_ids(in, tx, ws, "categoryIds", "categories");
  const auto starts = read_time(in, "startsAt");
  const auto ends = read_time(in, "endsAt");
  const auto min_purchase = in.integer("minPurchase", false, 0, 1'000'000'000'000LL);
  const auto usage_limit = in.integer("usageLimit", false, 1, 100'000'000);
  const auto per_customer = in.integer("usageLimitPerCustomer", false, 1, 100'000);
  auto code = in.string("code", false, 40);
  static const std::regex kCode("^[A-Za-z0-9_-]{3,40}$");
  if (code && !code->empty() && !std::regex_match(*code, kCode))
    in.fail("code", "must be 3-40 letters, digits, _ or -");
  if (code && !code->empty() &&
      !postgres::exec(tx,
                      "SELECT 1 FROM offers WHERE workspace_id = $1::uuid AND lower(code) = lower($2) AND "
                      "id::text <> $3",
                      ws, *code, id)
           .empty()) {
    in.fail("code", "is already used by another offer");
  }
  const auto active = in.boolean("active", false);
  if (starts && ends && *ends <= *starts) in.fail("endsAt", "must be after startsAt");
  if (auto s = in.finish(); !s) return s.error();
  const Opt code_p = code ? Opt(code->empty() ? std::string() : *code) : std::nullopt;
  const Opt products_p = products ? Opt(*products) : std::nullopt;
  const Opt categories_p = categories ? Opt(*categories) : std::nullopt;
  if (creating) {
    return postgres::
        exec1(tx,
              "INSERT INTO offers (workspace_id, name, description, type, value, buy_quantity, get_quantity, "
              "product_ids, category_ids, starts_at, ends_at, min_purchase, usage_limit, "
              "usage_limit_per_customer, "
              "code, active) VALUES ($1::uuid, $2, coalesce($3, ''), $4, coalesce($5::bigint, 0), "
              "coalesce($6::int, "
              "0), coalesce($7::int, 0), coalesce($8::uuid[], '{}'), coalesce($9::uuid[], '{}'), "
              "$10::timestamptz, "
              "$11::timestamptz, coalesce($12::bigint, 0), $13::int, $14::int, nullif($15, ''), "
              "coalesce($16::boolean, "
              "true)) RETURNING id::text",
              ws, name, description, type, text_of(value), text_of(buy), text_of(get), products_p,
              categories_p, starts, ends, text_of(min_purchase), text_of(usage_limit), text_of(per_customer),
              code_p, text_of(active))[0]
            .as<std::string>();
  }
  postgres::exec0(
      tx,
      "UPDATE offers SET name = coalesce($3, name), description = coalesce($4, description), type = "
      "coalesce($5, "
      "type), value = coalesce($6::bigint, value), buy_quantity = coalesce($7::int, buy_quantity), "
      "get_quantity = "
      "coalesce($8::int, get_quantity), product_ids = coalesce($9::uuid[], product_ids), category_ids = "
      "coalesce($10::uuid[], category_ids), starts_at = CASE WHEN 'startsAt' = ANY(string_to_array($18, "
      "',')) "
      "THEN NULL ELSE coalesce($11::timestamptz, starts_at) END, ends_at = CASE WHEN 'endsAt' = "
      "ANY(string_to_array($18, ',')) THEN NULL ELSE coalesce($12::timestamptz, ends_at) END, min_purchase = "
      "coalesce($13::bigint, min_purchase), usage_limit = CASE WHEN 'usageLimit' = ANY(string_to_array($18, "
      "',')) "
      "THEN NULL ELSE coalesce($14::int, usage_limit) END, usage_limit_per_customer = CASE WHEN "
      "'usageLimitPerCustomer' = ANY(string_to_array($18, ',')) THEN NULL ELSE coalesce($15::int, "
      "usage_limit_per_customer) END, code "
      "= CASE WHEN $16::text IS NULL THEN code ELSE nullif($16, '') END, active = coalesce($17::boolean, "
      "active), "
      "updated_at = now() WHERE workspace_id = $1::uuid AND id = $2::uuid",
      ws, id, name, description, type, text_of(value), text_of(buy), text_of(get), products_p, categories_p,
      starts, ends, text_of(min_purchase), text_of(usage_limit), text_of(per_customer), code_p,
      text_of(active), nulled(in, {"startsAt", "endsAt", "usageLimit", "usageLimitPerCustomer"}));
  return id;
}

}  // namespace

Result<std::string> save_customer(pqxx::work& tx, const std::string& ws, JsonInput& in,
                                  const std::string& id) {
  static const std::regex kPhone(R"(^\+[1-9][0-9]{6,14}$)");
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  const auto name = in.string("name", id.empty(), 200);
  auto email = in.string("email", false, 254);
  if (email && !email->empty() && !std::regex_match(*email, kEmail))
    in.fail("email", "must be an e-mail address");
  auto phone = in.string("phone", false, 16);
  if (phone && !phone->empty() && !std::regex_match(*phone, kPhone)) {
    in.fail("phone", "must be in E.164 form, e.g. +393471234567");
  }
  if (phone && !phone->empty() &&
      !postgres::exec(
           tx, "SELECT 1 FROM customers WHERE workspace_id = $1::uuid AND phone = $2 AND id::text <> $3", ws,
           *phone, id)
           .empty()) {
    in.fail("phone", "belongs to another customer");
  }
  const auto language = read_language(in);
  const auto company = in.string("company", false, 200);
  const auto notes = in.string("notes", false, 5000);
  auto json_field = [&](const char* field) -> Opt {
    const auto* v = in.object().if_contains(field);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_object()) {
      in.fail(field, "must be an object");
      return std::nullopt;
    }
    return boost::json::serialize(*v);
  };
  const auto shipping = json_field("shippingAddress");
  const auto billing = json_field("billingAddress");
  const auto custom = json_field("customFields");
  Opt tags;
  if (const auto* v = in.object().if_contains("tags"); v && !v->is_null()) {
    boost::json::array clean;
    bool ok = v->is_array() && v->as_array().size() <= 50;
    if (ok) {
      for (const auto& t : v->as_array()) {
        if (!t.is_string() || t.as_string().empty() || t.as_string().size() > 40)
          ok = false;
        else
          clean.push_back(t);
      }
    }
    if (!ok)
      in.fail("tags", "must be up to 50 texts of 1-40 characters");
    else
      tags = boost::json::serialize(clean);
  }
  const auto push = in.boolean("pushOptIn", false);
  const auto blocked = in.boolean("blocked", false);
  const auto reason = in.string("blockedReason", false, 500);
  if (auto s = in.finish(); !s) return s.error();
  const Opt email_p = email ? Opt(*email) : std::nullopt;
  const Opt phone_p = phone ? Opt(*phone) : std::nullopt;
  if (id.empty()) {
    return postgres::
        exec1(tx,
              "INSERT INTO customers (workspace_id, name, email, phone, language, company, notes, "
              "shipping_address, "
              "billing_address, custom_fields, tags, push_opt_in, blocked, blocked_reason) VALUES ($1::uuid, "
              "$2, "
              "nullif($3, ''), nullif($4, ''), coalesce($5, 'it'), coalesce($6, ''), coalesce($7, ''), "
              "coalesce($8::jsonb, '{}'), coalesce($9::jsonb, '{}'), coalesce($10::jsonb, '{}'), "
              "coalesce(ARRAY(SELECT "
              "jsonb_array_elements_text($11::jsonb)), '{}'), coalesce($12::boolean, false), "
              "coalesce($13::boolean, "
              "false), coalesce($14, '')) RETURNING id::text",
              ws, name, email_p, phone_p, language, company, notes, shipping, billing, custom, tags,
              text_of(push), text_of(blocked), reason)[0]
            .as<std::string>();
  }
  postgres::exec0(
      tx,
      "UPDATE customers SET name = coalesce($3, name), email = CASE WHEN $4::text IS NULL THEN email ELSE "
      "nullif($4, "
      "'') END, phone = CASE WHEN $5::text IS NULL THEN phone ELSE nullif($5, '') END, language = "
      "coalesce($6, "
      "language), company = coalesce($7, company), notes = coalesce($8, notes), shipping_address = "
      "coalesce($9::jsonb, shipping_address), billing_address = coalesce($10::jsonb, billing_address), "
      "custom_fields = "
      "coalesce($11::jsonb, custom_fields), tags = CASE WHEN $12::jsonb IS NULL THEN tags ELSE ARRAY(SELECT "
      "jsonb_array_elements_text($12::jsonb)) END, push_opt_in = coalesce($13::boolean, push_opt_in), "
      "blocked = "
      "coalesce($14::boolean, blocked), blocked_reason = coalesce($15, CASE WHEN $14::boolean = false THEN "
      "'' ELSE "
      "blocked_reason END), updated_at = now() WHERE workspace_id = $1::uuid AND id = $2::uuid",
      ws, id, name, email_p, phone_p, language, company, notes, shipping, billing, custom, tags,
      text_of(push), text_of(blocked), reason);
  return id;
}

namespace {
Result<std::string> write_customer(JsonInput& in, pqxx::work& tx, const std::string& ws,
                                   const std::string& id) {
  return save_customer(tx, ws, in, id);
}
}  // namespace

Response SalesController::list_services(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto active = bool_query(req, "active", bad);
  return list_resource(req, db.conn(), kServices,
                       {" AND ($3::boolean IS NULL OR t.active = $3::boolean)", {text_of(active)}},
                       std::move(bad));
}
Response SalesController::get_service(Request& req, postgres::Db& db) const {
  return get_resource(req, db.conn(), kServices);
}
Response SalesController::create_service(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kServices, true, write_service);
}
Response SalesController::update_service(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kServices, false, write_service);
}
Response SalesController::delete_service(Request& req, postgres::Db& db) const {
  return delete_resource(req, db.conn(), kServices);
}

Response SalesController::list_faqs(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto active = bool_query(req, "active", bad);
  const auto language = req.query_param("language");
  if (language && !valid_language(*language)) bad.push_back({"language", "must be it, en, es or pt"});
  return list_resource(
      req, db.conn(), kFaqs,
      {" AND ($3::boolean IS NULL OR t.active = $3::boolean) AND ($4::text IS NULL OR t.language = $4)",
       {text_of(active), language ? Opt(*language) : std::nullopt}},
      std::move(bad));
}
Response SalesController::get_faq(Request& req, postgres::Db& db) const {
  return get_resource(req, db.conn(), kFaqs);
}
Response SalesController::create_faq(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kFaqs, true, write_faq);
}
Response SalesController::update_faq(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kFaqs, false, write_faq);
}
Response SalesController::delete_faq(Request& req, postgres::Db& db) const {
  return delete_resource(req, db.conn(), kFaqs);
}

Response SalesController::list_offers(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto active = bool_query(req, "active", bad);
  return list_resource(req, db.conn(), kOffers,
                       {" AND ($3::boolean IS NULL OR t.active = $3::boolean)", {text_of(active)}},
                       std::move(bad));
}
Response SalesController::get_offer(Request& req, postgres::Db& db) const {
  return get_resource(req, db.conn(), kOffers);
}
Response SalesController::create_offer(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kOffers, true, write_offer);
}
Response SalesController::update_offer(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kOffers, false, write_offer);
}
Response SalesController::delete_offer(Request& req, postgres::Db& db) const {
  return delete_resource(req, db.conn(), kOffers);
}

Response SalesController::validate_offer_code(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto cart_value = query_number(req, "cartValue", 0, 1'000'000'000'000LL, bad);
  if (!cart_value) bad.push_back({"cartValue", "is required (minor units)"});
  const auto customer = req.query_param("customerId");
  if (customer && !is_uuid(*customer)) bad.push_back({"customerId", "must be a customer id"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  const auto& ws = req.principal->workspace_id;
  pqxx::read_transaction tx(db.conn());
  if (customer &&
      postgres::exec(tx, "SELECT 1 FROM customers WHERE workspace_id = $1::uuid AND id = $2::uuid", ws,
                     *customer)
          .empty()) {
    return problem(req, 404, "No such customer.");
  }
  const auto r = postgres::exec(
      tx,
      "SELECT id::text, type, value, buy_quantity, get_quantity, coalesce(extract(epoch FROM "
      "starts_at)::bigint, 0), "
      "coalesce(extract(epoch FROM ends_at)::bigint, 0), min_purchase, active, (usage_limit IS NULL OR "
      "usage_count < "
      "usage_limit) AND (usage_limit_per_customer IS NULL OR $3::uuid IS NULL OR coalesce((SELECT uses FROM "
      "offer_usages u WHERE u.workspace_id = o.workspace_id AND u.offer_id = o.id AND u.customer_id = "
      "$3::uuid), 0) < "
      "usage_limit_per_customer), code FROM offers o WHERE workspace_id = $1::uuid AND lower(code) = "
      "lower($2)",
      ws, req.params["code"], customer ? Opt(*customer) : std::nullopt);
  boost::json::object doc{{"code", req.params["code"]}};
  if (r.empty()) {
    doc["valid"] = false;
    doc["reason"] = "unknown";
    doc["discount"] = 0;
    return Response::json(200, boost::json::serialize(doc));
  }
  // The cart is one line worth cartValue, so the answer is what the same rules give at checkout.
  catalog::Offer o;
  o.id = r[0][0].as<std::string>();
  const auto type = r[0][1].as<std::string>();
  o.type = type == "percentage"     ? catalog::OfferType::kPercentage
           : type == "fixed_amount" ? catalog::OfferType::kFixedAmount
                                    : catalog::OfferType::kBuyXGetY;
  o.value = r[0][2].as<long long>();
  o.buy = r[0][3].as<int>();
  o.get = r[0][4].as<int>();
  o.starts_at = r[0][5].as<long long>();
  o.ends_at = r[0][6].as<long long>();
  o.min_purchase = r[0][7].as<long long>();
  o.active = r[0][8].as<bool>();
  o.usage_available = r[0][9].as<bool>();
  o.code = r[0][10].as<std::string>();
  const auto priced = catalog::price_cart({{"cart", {}, *cart_value, 1, 0}}, {o}, o.code, unix_now());
  doc["offerId"] = o.id;
  doc["valid"] = !priced.code_rejection.has_value();
  doc["reason"] =
      priced.code_rejection ? boost::json::value(*priced.code_rejection) : boost::json::value(nullptr);
  doc["discount"] = priced.code_discount;
  return Response::json(200, boost::json::serialize(doc));
}

Response SalesController::list_customers(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto blocked = bool_query(req, "blocked", bad);
  const auto tag = req.query_param("tag");
  return list_resource(
      req, db.conn(), kCustomers,
      {" AND ($3::boolean IS NULL OR t.blocked = $3::boolean) AND ($4::text IS NULL OR $4 = ANY(t.tags))",
       {text_of(blocked), tag ? Opt(*tag) : std::nullopt}},
      std::move(bad));
}
Response SalesController::get_customer(Request& req, postgres::Db& db) const {
  return get_resource(req, db.conn(), kCustomers);
}
Response SalesController::create_customer(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kCustomers, true, write_customer);
}
Response SalesController::update_customer(Request& req, postgres::Db& db) const {
  return write_resource(req, db, kCustomers, false, write_customer);
}
Response SalesController::delete_customer(Request& req, postgres::Db& db) const {
  return delete_resource(req, db.conn(), kCustomers);
}

}  // namespace shopme::http
