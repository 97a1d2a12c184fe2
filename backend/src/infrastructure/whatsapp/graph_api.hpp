#pragma once
// The Cloud API's send side: request bodies for each message kind, one POST to
// {apiBaseUrl}/{phoneNumberId}/messages with the bearer token, and the answer classified as
// accepted, worth retrying (429, 5xx, timeouts, throughput codes) or permanent.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/messaging/outbound_message.hpp"

namespace shopme::whatsapp {

struct SendResult {
  enum class Outcome { kAccepted, kRetry, kPermanent };
  Outcome outcome = Outcome::kRetry;
  std::string provider_message_id;  // kAccepted
  long http_status = 0;             // 0: no answer (connection refused, timeout)
  long code = 0;                    // Graph error code
  std::string title;
  std::string detail;
  int retry_after_seconds = 0;  // from Retry-After when the provider sent one
};

// `to` is the customer's WhatsApp id; `opaque` comes back in status callbacks
// (biz_opaque_callback_data), which is how a send interrupted by a crash is recognised later.
std::string message_body(std::string_view to, const messaging::OutboundMessage& message,
                         std::string_view opaque, std::optional<std::string_view> reply_to = std::nullopt);
std::string read_receipt_body(std::string_view provider_message_id);

// Error codes the Cloud API documents as temporary (throughput, rate limits, service hiccups).
bool retryable_error_code(long code);

struct MediaDownload {
  bool ok = false;
  std::string mime_type;
  std::string bytes;
  std::string error;  // when not ok, for the operator
};

class GraphApi {
 public:
  explicit GraphApi(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  [[nodiscard]] SendResult post(std::string_view api_base_url, std::string_view phone_number_id,
                                std::string_view access_token, const std::string& body) const;
  // Media is fetched in two steps: GET /{media-id} answers a short-lived URL, which is then
  // downloaded with the same bearer token.
  [[nodiscard]] MediaDownload fetch_media(std::string_view api_base_url, std::string_view media_id,
                                          std::string_view access_token, std::size_t max_bytes) const;

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace shopme::whatsapp
