#include "interfaces/http/controllers/workspace_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "application/identity/manage_team.hpp"
#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/crypto/sodium_secrets.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/identity_store.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

constexpr const char* kWorkspaceColumns = R"sql(
w.id::text, w.name, w.slug, w.status, w.currency, w.default_language, w.timezone, w.business_type,
w.api_rate_limit, to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), w.legal_name,
w.legal_address, w.vat_number)sql";

boost::json::object workspace_json(const pqxx::row& r) {
  return {{"id", r[0].as<std::string>()},
          {"name", r[1].as<std::string>()},
          {"slug", r[2].as<std::string>()},
          {"status", r[3].as<std::string>()},
          {"currency", r[4].as<std::string>()},
          {"defaultLanguage", r[5].as<std::string>()},
          {"timezone", r[6].as<std::string>()},
          {"businessType", r[7].as<std::string>()},
          {"apiRateLimit", r[8].as<int>()},
          {"createdAt", r[9].as<std::string>()},
          // The seller's details printed on invoices.
          {"legalName", r[10].as<std::string>()},
          {"legalAddress", r[11].as<std::string>()},
          {"vatNumber", r[12].as<std::string>()}};
}

std::string slugify(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 40) out.resize(40);
  if (out.size() < 3) out += "-shop";
  return out;
}

struct WorkspaceFields {
  std::optional<std::string> name, slug, currency, language, timezone, business_type, status;
  std::optional<std::string> legal_name, legal_address, vat_number;
  std::optional<long long> api_rate_limit;
};

// Reads and checks the editable fields; `creating` makes name required.
WorkspaceFields read_fields(JsonInput& in, pqxx::connection& conn, bool creating) {
  static const std::regex kSlug("^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$");
  static const std::regex kCurrency("^[A-Z]{3}$");
  static const std::regex kBusiness(R"(^[^\x00-\x1f]{1,60}$)");
  WorkspaceFields f;
  f.name = in.string("name", creating, 100);
  f.slug = in.string("slug", false, 50);
  if (f.slug && !std::regex_match(*f.slug, kSlug))
    in.fail("slug", "must be 3-50 lower-case letters, digits or -");
  f.currency = in.string("currency", false, 3);
  if (f.currency && !std::regex_match(*f.currency, kCurrency))
    in.fail("currency", "must be an ISO 4217 code, e.g. EUR");
  f.language = in.string("defaultLanguage", false, 2);
  if (f.language && *f.language != "en" && *f.language != "it" && *f.language != "es" &&
      *f.language != "pt") {
    in.fail("defaultLanguage", "must be en, it, es or pt");
  }
  f.timezone = in.string("timezone", false, 64);
  if (f.timezone) {
    pqxx::read_transaction tx(conn);
    if (postgres::exec(tx, "SELECT 1 FROM pg_timezone_names WHERE name = $1", *f.timezone).empty()) {
      in.fail("timezone", "must be an IANA time zone, e.g. Europe/Rome");
    }
  }
  f.business_type = in.string("businessType", false, 60);
  if (f.business_type && !std::regex_match(*f.business_type, kBusiness)) {
    in.fail("businessType", "must be 1-60 characters");
  }
  f.status = in.string("status", false, 10);
  if (f.status && *f.status != "active" && *f.status != "inactive")
    in.fail("status", "must be active or inactive");
  f.api_rate_limit = in.integer("apiRateLimit", false, 1, 100000);
  f.legal_name = in.string("legalName", false, 200);
  f.legal_address = in.string("legalAddress", false, 300);
  f.vat_number = in.string("vatNumber", false, 30);
  return f;
}

}  // namespace

Response WorkspaceController::list(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  boost::json::array items;
  const auto rows =
      postgres::exec(tx,
                     std::string("SELECT ") + kWorkspaceColumns +
                         ", m.role FROM workspaces w JOIN memberships m ON m.workspace_id = w.id "
                         "WHERE m.user_id = $1::uuid AND w.deleted_at IS NULL ORDER BY w.name",
                     req.principal->user_id);
  for (const auto& r : rows) {
    auto o = workspace_json(r);
    o["role"] = r[10].as<std::string>();
    items.push_back(std::move(o));
  }
  return Response::json(
      200, boost::json::serialize(boost::json::object{{"items", items}, {"total", rows.size()}}));
}

Response WorkspaceController::create(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  auto f = read_fields(*in, db.conn(), true);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  pqxx::work tx(db.conn());
  std::string slug = f.slug.value_or(slugify(*f.name));
  if (!f.slug && !postgres::exec(tx, "SELECT 1 FROM workspaces WHERE slug = $1", slug).empty()) {
    slug += "-" + crypto::random_hex(3);
  }
  const auto r = postgres::exec(
      tx,
      std::string(
          "INSERT INTO workspaces AS w (name, slug, status, currency, default_language, timezone, "
          "business_type, api_rate_limit) VALUES ($1, $2, coalesce($3, 'active'), coalesce($4, 'EUR'), "
          "coalesce($5, 'en'), coalesce($6, 'Europe/Rome'), coalesce($7, 'retail'), coalesce($8, 30)) "
          "ON CONFLICT (slug) DO NOTHING RETURNING ") +
          kWorkspaceColumns,
      *f.name, slug, f.status, f.currency, f.language, f.timezone, f.business_type, f.api_rate_limit);
  if (r.empty()) return problem(req, Error::invalid({{"slug", "is already taken"}}));
  const auto id = r[0][0].as<std::string>();
  postgres::exec0(
      tx, "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1::uuid, $2::uuid, 'admin')", id,
      req.principal->user_id);
  postgres::exec0(tx,
                  "INSERT INTO audit_log (workspace_id, actor_user_id, action) VALUES ($1::uuid, $2::uuid, "
                  "'workspace.created')",
                  id, req.principal->user_id);
  tx.commit();
  auto o = workspace_json(r[0]);
  o["role"] = "admin";
  auto res = Response::json(201, boost::json::serialize(o));
  res.set_header("Location", "/api/workspaces/" + id);
  return res;
}

Response WorkspaceController::get(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  const auto r = postgres::exec(tx,
                                std::string("SELECT ") + kWorkspaceColumns +
                                    " FROM workspaces w WHERE w.id = $1::uuid AND w.deleted_at IS NULL",
                                req.principal->workspace_id);
  if (r.empty()) return problem(req, 404, "No such workspace.");
  auto o = workspace_json(r[0]);
  o["role"] = identity::to_string(req.principal->role);
  return Response::json(200, boost::json::serialize(o));
}

Response WorkspaceController::update(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  auto f = read_fields(*in, db.conn(), false);
  if (in->has("name") && !f.name) in->fail("name", "must not be empty");
  if (auto s = in->finish(); !s) return problem(req, s.error());
  pqxx::work tx(db.conn());
  const auto r = postgres::exec(
      tx,
      std::string(
          "UPDATE workspaces w SET name = coalesce($2, name), slug = coalesce($3, slug), status = "
          "coalesce($4, status), currency = coalesce($5, currency), default_language = coalesce($6, "
          "default_language), timezone = coalesce($7, timezone), business_type = coalesce($8, "
          "business_type), api_rate_limit = coalesce($9, api_rate_limit), legal_name = coalesce($10, "
          "legal_name), "
          "legal_address = coalesce($11, legal_address), vat_number = coalesce($12, vat_number), updated_at "
          "= now() "
          "WHERE id = $1::uuid AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM workspaces o WHERE "
          "o.slug = $3 AND o.id <> $1::uuid) RETURNING ") +
          kWorkspaceColumns,
      req.principal->workspace_id, f.name, f.slug, f.status, f.currency, f.language, f.timezone,
      f.business_type, f.api_rate_limit, f.legal_name, f.legal_address, f.vat_number);
  if (r.empty()) {
    if (f.slug) return problem(req, Error::invalid({{"slug", "is already taken"}}));
    return problem(req, 404, "No such workspace.");
  }
  postgres::exec0(tx,
                  "INSERT INTO audit_log (workspace_id, actor_user_id, action) VALUES ($1::uuid, $2::uuid, "
                  "'workspace.updated')",
                  req.principal->workspace_id, req.principal->user_id);
  tx.commit();
  auto o = workspace_json(r[0]);
  o["role"] = identity::to_string(req.principal->role);
  return Response::json(200, boost::json::serialize(o));
}

Response WorkspaceController::remove(Request& req, postgres::Db& db) const {
  // Deletion is a soft delete: the workspace disappears (404) for everyone at once, and its data
  // stays for the retention the law requires before a purge.
  pqxx::work tx(db.conn());
  postgres::exec0(
      tx,
      "UPDATE workspaces SET deleted_at = now(), status = 'inactive', updated_at = now() WHERE id = $1::uuid "
      "AND "
      "deleted_at IS NULL",
      req.principal->workspace_id);
  postgres::exec0(tx,
                  "INSERT INTO audit_log (workspace_id, actor_user_id, action) VALUES ($1::uuid, $2::uuid, "
                  "'workspace.deleted')",
                  req.principal->workspace_id, req.principal->user_id);
  tx.commit();
  return Response::empty(204);
}

Response WorkspaceController::members(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  boost::json::array items;
  for (const auto& r :
       postgres::exec(tx,
                      "SELECT u.id::text, u.email, u.name, m.role, " + iso_column("m.created_at") +
                          " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = "
                          "$1::uuid ORDER BY u.name",
                      req.principal->workspace_id)) {
    items.push_back({{"userId", r[0].as<std::string>()},
                     {"email", r[1].as<std::string>()},
                     {"name", r[2].as<std::string>()},
                     {"role", r[3].as<std::string>()},
                     {"joinedAt", r[4].as<std::string>()}});
  }
  boost::json::array invitations;
  for (const auto& r : postgres::exec(
           tx,
           "SELECT id::text, email, role, " + iso_column("expires_at") + ", " + iso_column("created_at") +
               " FROM invitations WHERE workspace_id = $1::uuid AND accepted_at IS NULL AND "
               "revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC",
           req.principal->workspace_id)) {
    invitations.push_back({{"id", r[0].as<std::string>()},
                           {"email", r[1].as<std::string>()},
                           {"role", r[2].as<std::string>()},
                           {"expiresAt", r[3].as<std::string>()},
                           {"createdAt", r[4].as<std::string>()}});
  }
  return Response::json(200, boost::json::serialize(boost::json::object{
                                 {"items", items}, {"total", items.size()}, {"invitations", invitations}}));
}

Response WorkspaceController::invite(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto email = in->string("email", true, 254);
  const auto role = in->string("role", true, 10);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  auto inv = identity::invite_member(
      {req.principal->workspace_id, req.principal->user_id, *email, *role, base_url_}, store, secrets);
  if (!inv) return problem(req, inv.error());
  return Response::json(201,
                        boost::json::serialize(boost::json::object{{"id", inv->id},
                                                                   {"email", inv->email},
                                                                   {"role", identity::to_string(inv->role)},
                                                                   {"expiresAt", inv->expires_at}}));
}

Response WorkspaceController::revoke_invitation(Request& req, postgres::Db& db) const {
  const auto& id = req.params["invitationId"];
  if (!is_uuid(id)) return problem(req, 404, "No such invitation.");
  pqxx::work tx(db.conn());
  const auto inv = postgres::exec(
      tx,
      "SELECT role FROM invitations WHERE workspace_id = $1::uuid AND id = $2::uuid AND accepted_at IS NULL "
      "AND "
      "revoked_at IS NULL FOR UPDATE",
      req.principal->workspace_id, id);
  if (inv.empty()) return problem(req, 404, "No such invitation.");
  const auto role = identity::parse_role(inv[0][0].as<std::string>()).value_or(identity::Role::kAgent);
  if (!identity::may_manage_member(req.principal->role, role, role)) {
    return problem(req, 403, "Only an Admin can revoke an Admin invitation.", "forbidden");
  }
  postgres::exec0(tx,
                  "UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1::uuid AND id = $2::uuid",
                  req.principal->workspace_id, id);
  tx.commit();
  return Response::empty(204);
}

Response WorkspaceController::change_member(Request& req, postgres::Db& db) const {
  const auto& target = req.params["userId"];
  if (!is_uuid(target)) return problem(req, 404, "No such member in this workspace.");
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto role_text = in->string("role", true, 10);
  const auto role = role_text ? identity::parse_role(*role_text) : std::nullopt;
  if (role_text && !role) in->fail("role", "must be admin, manager or agent");
  if (auto s = in->finish(); !s) return problem(req, s.error());
  postgres::IdentityStore store(db.conn());
  if (auto s =
          identity::change_member(store, req.principal->workspace_id, req.principal->user_id, target, role);
      !s) {
    return problem(req, s.error());
  }
  pqxx::read_transaction tx(db.conn());
  const auto r =
      postgres::exec1(tx,
                      "SELECT u.id::text, u.email, u.name, m.role, " + iso_column("m.created_at") +
                          " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = "
                          "$1::uuid AND m.user_id = $2::uuid",
                      req.principal->workspace_id, target);
  return Response::json(200,
                        boost::json::serialize(boost::json::object{{"userId", r[0].as<std::string>()},
                                                                   {"email", r[1].as<std::string>()},
                                                                   {"name", r[2].as<std::string>()},
                                                                   {"role", r[3].as<std::string>()},
                                                                   {"joinedAt", r[4].as<std::string>()}}));
}

Response WorkspaceController::remove_member(Request& req, postgres::Db& db) const {
  const auto& target = req.params["userId"];
  if (!is_uuid(target)) return problem(req, 404, "No such member in this workspace.");
  postgres::IdentityStore store(db.conn());
  if (auto s = identity::change_member(store, req.principal->workspace_id, req.principal->user_id, target,
                                       std::nullopt);
      !s) {
    return problem(req, s.error());
  }
  return Response::empty(204);
}

Response WorkspaceController::mail_outbox(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const long long page = query_number(req, "page", 1, 1'000'000, bad).value_or(1);
  const long long limit = query_number(req, "limit", 1, 100, bad).value_or(20);
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  pqxx::read_transaction tx(db.conn());
  boost::json::array items;
  for (const auto& r :
       postgres::exec(tx,
                      "SELECT id::text, to_address, subject, body, status, " + iso_column("created_at") +
                          " FROM mail_outbox WHERE workspace_id = $1::uuid ORDER BY created_at DESC, "
                          "id LIMIT $2 OFFSET $3",
                      req.principal->workspace_id, limit, (page - 1) * limit)) {
    items.push_back({{"id", r[0].as<std::string>()},
                     {"to", r[1].as<std::string>()},
                     {"subject", r[2].as<std::string>()},
                     {"body", r[3].as<std::string>()},
                     {"status", r[4].as<std::string>()},
                     {"createdAt", r[5].as<std::string>()}});
  }
  const auto total = postgres::exec1(tx, "SELECT count(*) FROM mail_outbox WHERE workspace_id = $1::uuid",
                                     req.principal->workspace_id)[0]
                         .as<long long>();
  return Response::json(200, boost::json::serialize(boost::json::object{
                                 {"items", items}, {"total", total}, {"page", page}, {"limit", limit}}));
}

}  // namespace shopme::http

namespace shopme::http {
namespace json = boost::json;

namespace {

json::object privacy_json(pqxx::transaction_base& tx, const std::string& ws) {
  const auto r =
      postgres::exec1(tx,
                      "SELECT privacy_notice, privacy_notice_version, " +
                          iso_column("privacy_notice_updated_at") + " FROM workspaces WHERE id = $1",
                      ws);
  return {{"text", r[0].c_str()},
          {"version", r[1].c_str()},
          {"updatedAt", r[2].is_null() ? json::value(nullptr) : json::value(r[2].c_str())}};
}

}  // namespace

Response WorkspaceController::privacy_notice(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  return Response::json(200, json::serialize(privacy_json(tx, req.principal->workspace_id)));
}

Response WorkspaceController::put_privacy_notice(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto text = in.string("text", true, 20000);
  if (text && text->find_first_not_of(" \t\r\n") == std::string::npos) in.fail("text", "must not be empty");
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  pqxx::work tx(db.conn());
  // v1 → v2 …, only when the words change (the first text keeps v1): consent records name the
  // version the customer accepted.
  postgres::exec0(
      tx,
      "UPDATE workspaces SET privacy_notice = $2, privacy_notice_updated_at = now(),"
      "       privacy_notice_version = CASE WHEN privacy_notice = '' THEN privacy_notice_version"
      "         ELSE 'v' || (coalesce(nullif(regexp_replace(privacy_notice_version, '[^0-9]', '', 'g'), ''), "
      "'0')::int + 1)"
      "       END"
      " WHERE id = $1 AND privacy_notice IS DISTINCT FROM $2",
      ws, *text);
  auto out = privacy_json(tx, ws);
  tx.commit();
  return Response::json(200, json::serialize(out));
}

}  // namespace shopme::http
