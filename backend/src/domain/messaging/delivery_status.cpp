#include "domain/messaging/delivery_status.hpp"

namespace shopme::messaging {

std::optional<DeliveryStatus> parse_delivery_status(std::string_view text) {
  if (text == "queued") return DeliveryStatus::kQueued;
  if (text == "sending") return DeliveryStatus::kSending;
  if (text == "accepted") return DeliveryStatus::kAccepted;
  if (text == "sent") return DeliveryStatus::kSent;
  if (text == "delivered") return DeliveryStatus::kDelivered;
  if (text == "read") return DeliveryStatus::kRead;
  if (text == "failed") return DeliveryStatus::kFailed;
  return std::nullopt;
}

std::string_view to_string(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kQueued:
      return "queued";
    case DeliveryStatus::kSending:
      return "sending";
    case DeliveryStatus::kAccepted:
      return "accepted";
    case DeliveryStatus::kSent:
      return "sent";
    case DeliveryStatus::kDelivered:
      return "delivered";
    case DeliveryStatus::kRead:
      return "read";
    case DeliveryStatus::kFailed:
      return "failed";
  }
  return "queued";
}

int rank(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kQueued:
      return 0;
    case DeliveryStatus::kSending:
      return 1;
    case DeliveryStatus::kAccepted:
      return 2;
    case DeliveryStatus::kSent:
      return 3;
    case DeliveryStatus::kDelivered:
      return 4;
    case DeliveryStatus::kRead:
      return 5;
    case DeliveryStatus::kFailed:
      return 6;  // terminal: nothing replaces it
  }
  return 0;
}

int ceiling(DeliveryStatus incoming) {
  // A failure can still end a message the provider had accepted or sent, not one the customer got.
  if (incoming == DeliveryStatus::kFailed) return rank(DeliveryStatus::kSent);
  return rank(incoming) - 1;
}

bool may_replace(DeliveryStatus current, DeliveryStatus incoming) {
  return rank(current) <= ceiling(incoming);
}

}  // namespace shopme::messaging
