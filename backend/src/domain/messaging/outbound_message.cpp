#include "domain/messaging/outbound_message.hpp"

#include <set>

namespace shopme::messaging {

std::size_t utf8_length(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required = true) {
  if (required && blank(value)) {
    errors.push_back({field, "must not be empty"});
  } else if (utf8_length(value) > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters"});
  }
}

}  // namespace

Status validate(const OutboundMessage& m) {
  std::vector<FieldError> errors;
  switch (m.kind) {
    case OutboundKind::kText:
      check_text(errors, "text", m.body, kMaxTextLength);
      break;
    case OutboundKind::kButtons: {
      check_text(errors, "interactive.body", m.body, kMaxInteractiveBody);
      if (m.buttons.empty() || m.buttons.size() > kMaxButtons) {
        errors.push_back({"interactive.buttons", "must have between 1 and 3 buttons"});
      }
      std::set<std::string> ids;
      for (std::size_t i = 0; i < m.buttons.size(); ++i) {
        const auto at = "interactive.buttons[" + std::to_string(i) + "]";
        check_text(errors, at + ".id", m.buttons[i].id, 256);
        check_text(errors, at + ".title", m.buttons[i].title, kMaxButtonTitle);
        if (!ids.insert(m.buttons[i].id).second) errors.push_back({at + ".id", "must be unique"});
      }
      break;
    }
    case OutboundKind::kList: {
      check_text(errors, "interactive.body", m.body, kMaxInteractiveBody);
      check_text(errors, "interactive.button", m.list_button, kMaxButtonTitle);
      std::size_t rows = 0;
      std::set<std::string> ids;
      if (m.sections.empty() || m.sections.size() > kMaxListRows) {
        errors.push_back({"interactive.sections", "must have between 1 and 10 sections"});
      }
      for (std::size_t s = 0; s < m.sections.size(); ++s) {
        const auto& sec = m.sections[s];
        const auto sat = "interactive.sections[" + std::to_string(s) + "]";
        // A title is required only when there are several sections to tell apart.
        check_text(errors, sat + ".title", sec.title, kMaxRowTitle, m.sections.size() > 1);
        if (sec.rows.empty()) errors.push_back({sat + ".rows", "must have at least one row"});
        for (std::size_t r = 0; r < sec.rows.size(); ++r) {
          const auto rat = sat + ".rows[" + std::to_string(r) + "]";
          check_text(errors, rat + ".id", sec.rows[r].id, 200);
          check_text(errors, rat + ".title", sec.rows[r].title, kMaxRowTitle);
          check_text(errors, rat + ".description", sec.rows[r].description, 72, false);
          if (!ids.insert(sec.rows[r].id).second) errors.push_back({rat + ".id", "must be unique"});
          ++rows;
        }
      }
      if (rows > kMaxListRows) errors.push_back({"interactive.sections", "must have at most 10 rows in all"});
      break;
    }
    case OutboundKind::kTemplate:
      check_text(errors, "template.name", m.template_name, 512);
      check_text(errors, "template.language", m.template_language, 15);
      for (std::size_t i = 0; i < m.template_parameters.size(); ++i) {
        check_text(errors, "template.parameters[" + std::to_string(i) + "]", m.template_parameters[i], 1024);
      }
      break;
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok();
}

bool window_open(std::optional<std::chrono::system_clock::time_point> last_inbound,
                 std::chrono::system_clock::time_point now) {
  return last_inbound && now - *last_inbound < kServiceWindow;
}

bool needs_window(const OutboundMessage& message) { return message.kind != OutboundKind::kTemplate; }

std::string display_text(const OutboundMessage& m) {
  if (m.kind != OutboundKind::kTemplate) return m.body;
  std::string text = "[" + m.template_name + "]";
  for (const auto& p : m.template_parameters) text += " " + p;
  return text;
}

}  // namespace shopme::messaging
