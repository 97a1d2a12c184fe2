#pragma once
// What the business may send and when: WhatsApp's limits on interactive messages, and the 24-hour
// customer-service window outside which only approved templates may be sent.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace shopme::messaging {

struct ReplyButton {
  std::string id;
  std::string title;
};
struct ListRow {
  std::string id;
  std::string title;
  std::string description;
};
struct ListSection {
  std::string title;
  std::vector<ListRow> rows;
};

enum class OutboundKind { kText, kButtons, kList, kTemplate };

struct OutboundMessage {
  OutboundKind kind = OutboundKind::kText;
  std::string body;  // text, or the interactive message's body
  std::vector<ReplyButton> buttons;
  std::string list_button;  // the label that opens a list
  std::vector<ListSection> sections;
  std::string template_name;
  std::string template_language;
  std::vector<std::string> template_parameters;
};

inline constexpr std::size_t kMaxTextLength = 4096;
inline constexpr std::size_t kMaxButtons = 3;
inline constexpr std::size_t kMaxButtonTitle = 20;
inline constexpr std::size_t kMaxListRows = 10;
inline constexpr std::size_t kMaxRowTitle = 24;
inline constexpr std::size_t kMaxInteractiveBody = 1024;
inline constexpr auto kServiceWindow = std::chrono::hours(24);

// Field errors name the JSON fields of the inbox API ("text", "interactive.buttons[1].title"…).
Status validate(const OutboundMessage& message);

// Whether a free-form message may be sent now, given when the customer last wrote.
bool window_open(std::optional<std::chrono::system_clock::time_point> last_inbound,
                 std::chrono::system_clock::time_point now);
bool needs_window(const OutboundMessage& message);

// What a person reads in the thread for this message.
std::string display_text(const OutboundMessage& message);

// Characters, not bytes: WhatsApp counts what a person sees.
std::size_t utf8_length(const std::string& text);

}  // namespace shopme::messaging
