// The Cloud API adapter: webhook parsing into the stored shape, request bodies, error
// classification, and secrets sealed per workspace and field.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/whatsapp/graph_api.hpp"
#include "infrastructure/whatsapp/webhook_parser.hpp"

namespace shopme::whatsapp {
namespace {
namespace json = boost::json;

std::string envelope(const std::string& value) {
  return R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":)" +
         value + "}]}]}";
}

TEST(WebhookParser, RefusesWhatIsNotADelivery) {
  std::string why;
  EXPECT_FALSE(parse_webhook("nope", &why));
  EXPECT_FALSE(parse_webhook(R"({"object":"page","entry":[]})", &why));
  EXPECT_FALSE(parse_webhook(R"({"object":"whatsapp_business_account"})", &why));
  EXPECT_FALSE(why.empty());
}

TEST(WebhookParser, ReadsMessagesStatusesAndErrorsPerNumber) {
  const auto body = envelope(R"({"messaging_product":"whatsapp","metadata":{"phone_number_id":"111"},
    "contacts":[{"profile":{"name":"Anna"},"wa_id":"3912345"}],
    "messages":[{"from":"3912345","id":"wamid.A","timestamp":"1749416383","type":"text","text":{"body":"Ciao"},
                 "context":{"from":"1555","id":"wamid.PREV"}},
                {"from":"3912345","id":"wamid.B","timestamp":"1749416384","type":"reaction","reaction":{"message_id":"wamid.PREV"}},
                {"from":"3912345","id":"wamid.C","timestamp":"1749416385","type":"unknown","errors":[{"code":131051,"details":"Message type is not currently supported","title":"Unsupported message type"}]}],
    "statuses":[{"id":"wamid.OUT","status":"read","timestamp":"1749416390","recipient_id":"3912345"},
                {"id":"wamid.OUT2","status":"failed","timestamp":"1749416391","recipient_id":"3912345",
                 "errors":[{"code":131047,"title":"Re-engagement message","message":"m","error_data":{"details":"More than 24 hours"}}]},
                {"id":"wamid.OUT3","status":"deleted","timestamp":"1"}],
    "errors":[{"code":130429,"title":"Rate limit hit"}]})");
  auto parsed = parse_webhook(body);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->parts.size(), 1u);
  const auto& p = parsed->parts[0];
  EXPECT_EQ(p.phone_number_id, "111");
  ASSERT_EQ(p.messages.size(), 3u);
  const auto& text = p.messages[0].as_object();
  EXPECT_EQ(text.at("text").as_string(), "Ciao");
  EXPECT_EQ(text.at("profileName").as_string(), "Anna");
  EXPECT_EQ(text.at("replyTo").as_string(), "wamid.PREV");
  EXPECT_EQ(text.at("timestamp").as_int64(), 1749416383);
  const auto& reaction = p.messages[1].as_object();
  EXPECT_EQ(reaction.at("text").as_string(), "") << "an absent emoji means the reaction was removed";
  const auto& unknown = p.messages[2].as_object();
  EXPECT_EQ(unknown.at("type").as_string(), "unknown");
  EXPECT_EQ(unknown.at("payload").at("error").at("code").as_int64(), 131051);
  EXPECT_EQ(unknown.at("payload").at("error").at("detail").as_string(),
            "Message type is not currently supported");
  ASSERT_EQ(p.statuses.size(), 2u) << "statuses the pipeline does not know are skipped";
  EXPECT_EQ(p.statuses[0].at("status").as_string(), "read");
  EXPECT_EQ(p.statuses[1].at("error").at("code").as_int64(), 131047);
  EXPECT_EQ(p.statuses[1].at("error").at("detail").as_string(), "More than 24 hours");
  EXPECT_EQ(p.errors.size(), 1u);
}

TEST(WebhookParser, SkipsOtherFieldsAndMessagesWithoutIds) {
  const auto body = R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
      {"field":"message_template_status_update","value":{"event":"APPROVED"}},
      {"field":"messages","value":{"metadata":{"phone_number_id":"111"},"messages":[{"from":"39","type":"text"}]}}]}]})";
  auto parsed = parse_webhook(body);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->parts.size(), 1u);
  EXPECT_TRUE(parsed->parts[0].messages.empty());
}

TEST(GraphApi, BuildsDocumentedRequestBodies) {
  messaging::OutboundMessage m;
  m.kind = messaging::OutboundKind::kButtons;
  m.body = "Confermi?";
  m.buttons = {{"yes", "Sì"}, {"no", "No"}};
  const auto doc =
      json::parse(message_body("393331234567", m, "msg-1", std::string_view("wamid.PREV"))).as_object();
  EXPECT_EQ(doc.at("messaging_product").as_string(), "whatsapp");
  EXPECT_EQ(doc.at("to").as_string(), "393331234567");
  EXPECT_EQ(doc.at("type").as_string(), "interactive");
  EXPECT_EQ(doc.at("interactive").at("action").at("buttons").as_array()[1].at("reply").at("id").as_string(),
            "no");
  EXPECT_EQ(doc.at("biz_opaque_callback_data").as_string(), "msg-1");
  EXPECT_EQ(doc.at("context").at("message_id").as_string(), "wamid.PREV");
  const auto receipt = json::parse(read_receipt_body("wamid.X")).as_object();
  EXPECT_EQ(receipt.at("status").as_string(), "read");
  EXPECT_EQ(receipt.at("message_id").as_string(), "wamid.X");
}

TEST(GraphApi, ThroughputCodesAreRetriedOthersAreNot) {
  for (long c : {130429L, 131056L, 131000L, 80007L, 4L}) EXPECT_TRUE(retryable_error_code(c)) << c;
  for (long c : {131047L, 131026L, 190L, 100L, 131051L}) EXPECT_FALSE(retryable_error_code(c)) << c;
}

TEST(OutboundJson, RoundTripsEveryKind) {
  for (
      const char* doc : {
          R"({"text":"Ciao"})",
          R"({"template":{"name":"order_update","language":"it","parameters":["Mario"]}})",
          R"({"interactive":{"type":"button","body":"B","buttons":[{"id":"a","title":"A"}]}})",
          R"({"interactive":{"type":"list","body":"B","button":"Apri","sections":[{"title":"S","rows":[{"id":"r","title":"R","description":"d"}]}]}})",
      }) {
    auto m = messaging::outbound_from_json(json::parse(doc).as_object());
    ASSERT_TRUE(m) << doc;
    auto again = messaging::outbound_from_json(messaging::outbound_to_json(*m));
    ASSERT_TRUE(again) << doc;
    EXPECT_EQ(json::serialize(messaging::outbound_to_json(*again)),
              json::serialize(messaging::outbound_to_json(*m)));
  }
  auto both = messaging::outbound_from_json(json::parse(R"({"text":"a","template":{}})").as_object());
  EXPECT_FALSE(both);
  auto kind = messaging::outbound_from_json(
      json::parse(R"({"interactive":{"type":"carousel","body":"x"}})").as_object());
  ASSERT_FALSE(kind);
  EXPECT_EQ(kind.error().fields.front().field, "interactive.type");
}

TEST(Sealer, OpensOnlyWithTheSameKeyAndContext) {
  const crypto::Sealer sealer(crypto::random_base64url(32));
  const auto sealed = sealer.seal("EAAG-token", "whatsapp:ws-1:accessToken");
  EXPECT_EQ(sealer.open(sealed, "whatsapp:ws-1:accessToken"), "EAAG-token");
  EXPECT_FALSE(sealer.open(sealed, "whatsapp:ws-2:accessToken")) << "bound to its workspace";
  EXPECT_FALSE(sealer.open(sealed, "whatsapp:ws-1:appSecret")) << "bound to its field";
  auto tampered = sealed;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  EXPECT_FALSE(sealer.open(tampered, "whatsapp:ws-1:accessToken"));
  const crypto::Sealer other(crypto::random_base64url(32));
  EXPECT_FALSE(other.open(sealed, "whatsapp:ws-1:accessToken"));
  EXPECT_NE(sealer.seal("same", "c"), sealer.seal("same", "c")) << "a fresh nonce each time";
  EXPECT_EQ(sealed.find("EAAG-token"), std::string::npos);
}

}  // namespace
}  // namespace shopme::whatsapp
