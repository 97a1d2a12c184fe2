#pragma once
// The token service behind every link the customer receives: an opaque 256-bit random token, stored
// as its SHA-256 digest with type, workspace, customer, resource, expiry and single-use flag.
// Verification happens before any access; a single-use token is spent in the transaction that
// performs its action; every use is recorded.
#include <chrono>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

#include "domain/result.hpp"

namespace shopme::links {

struct LinkSpec {
  std::string type;  // registration | payment | order | invoice | profile
  std::chrono::seconds lifetime;
  bool single_use;
};
// The lifetimes of the design: registration 24 h, payment 1 h, order/tracking 7 d, invoice 48 h, profile 1 h.
LinkSpec spec_for(std::string_view type);

struct IssuedLink {
  std::string id;
  std::string token;  // shown once, in the message to the customer
};

IssuedLink issue(pqxx::transaction_base& tx, const std::string& workspace_id, const LinkSpec& spec,
                 const std::optional<std::string>& customer_id,
                 const std::optional<std::string>& resource_id = {});

struct Link {
  std::string id;
  std::string workspace_id;
  std::string type;
  std::string customer_id;
  std::string resource_id;
  std::string expires_at;  // ISO 8601
};

// kNotFound for unknown or malformed tokens; kGone (code link-expired / link-used) for the rest.
// With `for_update` the row is locked so an action can spend it without a race.
Result<Link> resolve(pqxx::transaction_base& tx, const std::string& token, bool for_update);
void spend(pqxx::transaction_base& tx, const Link& link);
void record(pqxx::transaction_base& tx, const std::string& workspace_id, const std::string& link_id,
            std::string_view action, const std::string& ip);

}  // namespace shopme::links
