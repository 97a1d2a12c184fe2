#pragma once
// Reads a Cloud API webhook delivery (`object: whatsapp_business_account`) into the normalized shape
// the ingestion stores: one part per phone number id, each with its messages and statuses. Every
// entry, change, message and status is read; a message type the parser does not know is kept with
// its raw JSON as "unsupported" so a new type never breaks the pipeline.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shopme::whatsapp {

struct WebhookPart {
  std::string phone_number_id;
  // {id, from, profileName, timestamp, type, text, replyTo, payload}
  boost::json::array messages;
  // {id, status, rank, ceiling, timestamp, recipientId, error, opaque}
  boost::json::array statuses;
  // value.errors[]: problems not tied to one message (e.g. a rate limit hit)
  boost::json::array errors;
};

struct ParsedWebhook {
  std::vector<WebhookPart> parts;
};

// nullopt (with `why`) when the body is not JSON or not a WhatsApp Business Account delivery.
std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* why = nullptr);

// One normalized inbound message from a Cloud-API-shaped `messages[]` element and the change's
// `contacts[]` (for the profile name). Exposed for the simulator, which builds the same shape.
boost::json::object normalize_message(const boost::json::object& message, const boost::json::array* contacts);

}  // namespace shopme::whatsapp
