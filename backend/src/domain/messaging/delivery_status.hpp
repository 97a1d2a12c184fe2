#pragma once
// The life of an outbound message and the one rule about it: statuses arrive out of order (the
// provider delivers callbacks at least once and in no particular order), so a status only ever
// moves a message forward. "read" stays read; "failed" ends a message that was not yet delivered.
#include <optional>
#include <string_view>

namespace shopme::messaging {

enum class DeliveryStatus { kQueued, kSending, kAccepted, kSent, kDelivered, kRead, kFailed };

std::optional<DeliveryStatus> parse_delivery_status(std::string_view text);
std::string_view to_string(DeliveryStatus status);

// Stored next to the status so the database can apply the rule without knowing it.
int rank(DeliveryStatus status);
// The highest rank a message may have for `incoming` to replace it.
int ceiling(DeliveryStatus incoming);
bool may_replace(DeliveryStatus current, DeliveryStatus incoming);

}  // namespace shopme::messaging
