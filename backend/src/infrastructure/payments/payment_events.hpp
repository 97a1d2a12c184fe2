#pragma once
// Use case: a payment gateway tells what happened, as a signed event in Stripe's shape (the test
// gateway speaks it too). The signature is verified over the raw body before anything is parsed; each
// event id is processed once per workspace (a replay changes nothing); events may arrive out of order
// (a late "failed" never undoes "paid"); unknown event types are acknowledged and ignored.
#include <pqxx/connection>
#include <string>

#include "domain/result.hpp"

namespace shopme::payments {

struct EventResult {
  std::string type;
  bool duplicate = false;
};

// kUnauthorized for a bad signature (nothing stored), kBadRequest for a signed body that is not an
// event.
Result<EventResult> receive_payment_event(pqxx::connection& conn, const std::string& workspace_id,
                                          const std::string& provider, std::string_view raw_body,
                                          std::string_view signature_header, std::string_view secret,
                                          const std::string& public_base_url);

}  // namespace shopme::payments
