#pragma once
// Use case: a payment for an order is confirmed (by the gateway's signed event, the test gateway, or
// a person marking a bank transfer). The order becomes paid and the invoice number is taken from the
// workspace's yearly series under its row lock (no gaps, no duplicates); the customer gets the
// confirmation in WhatsApp with a link to the order; the dashboards hear it live; the team is
// e-mailed. All in the caller's transaction. A second confirmation of the same order changes nothing.
#include <optional>
#include <pqxx/transaction_base>
#include <string>

namespace shopme::payments {

struct Confirmation {
  std::string provider;    // test | stripe | manual
  std::string actor_kind;  // gateway | operator
  std::optional<std::string> actor_id;
  std::string note;
};

enum class Confirmed { kNow, kAlready, kNotPayable };

// kNotPayable: the order was cancelled (e.g. its link expired) before the money arrived; the event
// is recorded on the order and the team is told, so the payment can be refunded.
Confirmed confirm_payment(pqxx::transaction_base& tx, const std::string& workspace_id,
                          const std::string& order_id, const Confirmation& how,
                          const std::string& public_base_url);

}  // namespace shopme::payments
