// Domain rules of messaging: statuses only move forward, WhatsApp's limits on what may be sent,
// and the 24-hour window.
#include <gtest/gtest.h>

#include "domain/messaging/delivery_status.hpp"
#include "domain/messaging/outbound_message.hpp"

namespace shopme::messaging {
namespace {

using S = DeliveryStatus;

TEST(DeliveryStatus, OnlyMovesForward) {
  struct Case {
    S current, incoming;
    bool replaces;
  };
  const Case cases[] = {
      {S::kQueued, S::kSent, true},     {S::kAccepted, S::kSent, true},   {S::kSent, S::kDelivered, true},
      {S::kDelivered, S::kRead, true},  {S::kSent, S::kRead, true},       {S::kRead, S::kDelivered, false},
      {S::kRead, S::kSent, false},      {S::kDelivered, S::kSent, false}, {S::kSent, S::kSent, false},
      {S::kAccepted, S::kFailed, true}, {S::kSent, S::kFailed, true},     {S::kDelivered, S::kFailed, false},
      {S::kRead, S::kFailed, false},    {S::kFailed, S::kRead, false},    {S::kFailed, S::kDelivered, false},
      {S::kSending, S::kSent, true},    {S::kQueued, S::kFailed, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(may_replace(c.current, c.incoming), c.replaces)
        << to_string(c.current) << " <- " << to_string(c.incoming);
  }
}

TEST(DeliveryStatus, ParsesWhatTheProviderSends) {
  for (const char* s : {"queued", "sending", "accepted", "sent", "delivered", "read", "failed"}) {
    auto parsed = parse_delivery_status(s);
    ASSERT_TRUE(parsed) << s;
    EXPECT_EQ(to_string(*parsed), s);
  }
  EXPECT_FALSE(parse_delivery_status("deleted"));
  EXPECT_FALSE(parse_delivery_status(""));
}

std::vector<std::string> fields_of(const Status& s) {
  std::vector<std::string> out;
  if (!s) {
    for (const auto& f : s.error().fields) out.push_back(f.field);
  }
  return out;
}

TEST(OutboundMessage, TextNeedsABodyWithinTheLimit) {
  OutboundMessage m;
  EXPECT_EQ(fields_of(validate(m)), std::vector<std::string>{"text"});
  m.body = std::string(4096, 'a');
  EXPECT_TRUE(validate(m));
  m.body += "a";
  EXPECT_EQ(fields_of(validate(m)), std::vector<std::string>{"text"});
  // Characters, not bytes: 4,096 accented letters are fine.
  std::string accented;
  for (int i = 0; i < 4096; ++i) accented += "è";
  m.body = accented;
  EXPECT_TRUE(validate(m));
}

TEST(OutboundMessage, ReplyButtonsAtMostThreeWithShortUniqueTitles) {
  OutboundMessage m;
  m.kind = OutboundKind::kButtons;
  m.body = "Scegli";
  m.buttons = {{"a", "Uno"}, {"b", "Due"}, {"c", "Tre"}};
  EXPECT_TRUE(validate(m));
  m.buttons.push_back({"d", "Quattro"});
  EXPECT_EQ(fields_of(validate(m)), std::vector<std::string>{"interactive.buttons"});
  m.buttons = {{"a", "Un titolo troppo lungo!"}, {"a", "Bis"}};
  EXPECT_EQ(fields_of(validate(m)),
            (std::vector<std::string>{"interactive.buttons[0].title", "interactive.buttons[1].id"}));
  m.buttons = {{"a", "Perché sì, è così!!!"}};  // 20 characters, more bytes
  EXPECT_TRUE(validate(m));
}

TEST(OutboundMessage, ListsAtMostTenRows) {
  OutboundMessage m;
  m.kind = OutboundKind::kList;
  m.body = "Spedizione?";
  m.list_button = "Opzioni";
  ListSection a{"Veloce", {}};
  for (int i = 0; i < 6; ++i) a.rows.push_back({"a" + std::to_string(i), "Riga", ""});
  ListSection b{"Lenta", {}};
  for (int i = 0; i < 4; ++i) b.rows.push_back({"b" + std::to_string(i), "Riga", ""});
  m.sections = {a, b};
  EXPECT_TRUE(validate(m));
  m.sections[1].rows.push_back({"b9", "Una di troppo", ""});
  EXPECT_EQ(fields_of(validate(m)), std::vector<std::string>{"interactive.sections"});
  m.sections = {ListSection{"", {{"x", "Unica", ""}}}};
  EXPECT_TRUE(validate(m)) << "one section needs no title";
  m.sections = {ListSection{"", {{"x", "A", ""}}}, ListSection{"", {{"y", "B", ""}}}};
  EXPECT_EQ(fields_of(validate(m)),
            (std::vector<std::string>{"interactive.sections[0].title", "interactive.sections[1].title"}));
}

TEST(OutboundMessage, TemplatesNeedNameAndLanguage) {
  OutboundMessage m;
  m.kind = OutboundKind::kTemplate;
  EXPECT_EQ(fields_of(validate(m)), (std::vector<std::string>{"template.name", "template.language"}));
  m.template_name = "order_update";
  m.template_language = "it";
  m.template_parameters = {"Mario"};
  EXPECT_TRUE(validate(m));
  EXPECT_EQ(display_text(m), "[order_update] Mario");
}

TEST(ServiceWindow, OpenForTwentyFourHoursAfterTheCustomerWrites) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(window_open(std::nullopt, now));
  EXPECT_TRUE(window_open(now - std::chrono::hours(23), now));
  EXPECT_FALSE(window_open(now - std::chrono::hours(24), now));
  OutboundMessage text;
  OutboundMessage tpl;
  tpl.kind = OutboundKind::kTemplate;
  EXPECT_TRUE(needs_window(text));
  EXPECT_FALSE(needs_window(tpl));
}

}  // namespace
}  // namespace shopme::messaging
