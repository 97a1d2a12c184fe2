#include "infrastructure/links/secure_links.hpp"

#include <pqxx/pqxx>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::links {
using namespace std::chrono_literals;

LinkSpec spec_for(std::string_view type) {
  if (type == "registration") return {"registration", 24h, true};
  if (type == "payment") return {"payment", 1h, false};
  if (type == "order") return {"order", 7 * 24h, false};
  if (type == "invoice") return {"invoice", 48h, false};
  if (type == "profile") return {"profile", 1h, false};
  throw std::invalid_argument("unknown link type");
}

IssuedLink issue(pqxx::transaction_base& tx, const std::string& workspace_id, const LinkSpec& spec,
                 const std::optional<std::string>& customer_id,
                 const std::optional<std::string>& resource_id) {
  IssuedLink l;
  l.token = crypto::random_base64url(32);
  l.id = postgres::exec1(
             tx,
             "INSERT INTO secure_links (workspace_id, token_digest, type, customer_id, resource_id, "
             "single_use,"
             " expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING id",
             workspace_id, crypto::sha256_hex(l.token), spec.type, customer_id, resource_id, spec.single_use,
             static_cast<double>(spec.lifetime.count()))[0]
             .c_str();
  return l;
}

Result<Link> resolve(pqxx::transaction_base& tx, const std::string& token, bool for_update) {
  // Tokens are 43 base64url characters; anything else is not worth a query.
  if (token.size() != 43 || !crypto::base64url_decode(token))
    return Error::not_found("This link does not exist.");
  const auto rows = postgres::exec(
      tx,
      "SELECT id, workspace_id, type, coalesce(customer_id::text, ''), coalesce(resource_id::text, ''),"
      "       to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), expires_at <= now(),"
      "       single_use AND used_at IS NOT NULL"
      "  FROM secure_links WHERE token_digest = $1" +
          std::string(for_update ? " FOR UPDATE" : ""),
      crypto::sha256_hex(token));
  if (rows.empty()) return Error::not_found("This link does not exist.");
  const auto& r = rows[0];
  Link l{r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str(), r[4].c_str(), r[5].c_str()};
  if (r[7].as<bool>()) {
    record(tx, l.workspace_id, l.id, "refused-used", "");
    Error e = Error::gone("This link has already been used.");
    e.code = "link-used";
    return e;
  }
  if (r[6].as<bool>()) {
    record(tx, l.workspace_id, l.id, "refused-expired", "");
    Error e = Error::gone("This link has expired.");
    e.code = "link-expired";
    return e;
  }
  return l;
}

void spend(pqxx::transaction_base& tx, const Link& link) {
  postgres::exec0(tx, "UPDATE secure_links SET used_at = now() WHERE workspace_id = $1 AND id = $2",
                  link.workspace_id, link.id);
}

void record(pqxx::transaction_base& tx, const std::string& workspace_id, const std::string& link_id,
            std::string_view action, const std::string& ip) {
  postgres::exec0(
      tx, "INSERT INTO secure_link_events (workspace_id, link_id, action, ip) VALUES ($1, $2, $3, $4)",
      workspace_id, link_id, action, ip);
}

}  // namespace shopme::links
