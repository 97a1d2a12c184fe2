// The OpenAI-compatible chat adapter: the request body it sends (tools, tool results), the answers
// it reads (text, tool calls with JSON-string arguments, parallel calls, usage, errors), and one
// real exchange over loopback.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <thread>

#include "infrastructure/llm/openai_chat.hpp"

namespace shopme::llm {
namespace {
namespace json = boost::json;

agent::CompletionRequest sample_request() {
  agent::CompletionRequest r;
  r.messages.push_back({"system", std::string("Sei l'assistente di Bottega Italiana."), {}, {}});
  r.messages.push_back({"user", std::string("Avete il parmigiano?"), {}, {}});
  agent::ChatMessage call{
      "assistant", std::nullopt, {{"call_1", "search_products", R"({"query":"parmigiano"})"}}, {}};
  r.messages.push_back(call);
  r.messages.push_back(
      {"tool", std::string(R"({"items":[{"name":"Parmigiano Reggiano 24 mesi"}]})"), {}, "call_1"});
  r.tools.push_back({"search_products", "Find products in the catalog",
                     R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})"});
  r.temperature = 0.2;
  r.max_tokens = 300;
  return r;
}

TEST(OpenAiChat, RequestBodyFollowsTheProtocol) {
  const auto doc = json::parse(chat_request_body("gpt-test", sample_request())).as_object();
  EXPECT_EQ(doc.at("model").as_string(), "gpt-test");
  EXPECT_EQ(doc.at("stream").as_bool(), false);
  EXPECT_EQ(doc.at("tool_choice").as_string(), "auto");
  const auto& tool = doc.at("tools").as_array()[0].as_object();
  EXPECT_EQ(tool.at("type").as_string(), "function");
  EXPECT_EQ(tool.at("function").at("parameters").at("required").as_array()[0].as_string(), "query");
  const auto& msgs = doc.at("messages").as_array();
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_TRUE(msgs[2].at("content").is_null()) << "an assistant turn of tool calls has null content";
  EXPECT_EQ(msgs[2].at("tool_calls").as_array()[0].at("function").at("arguments").as_string(),
            R"({"query":"parmigiano"})");
  EXPECT_EQ(msgs[3].at("role").as_string(), "tool");
  EXPECT_EQ(msgs[3].at("tool_call_id").as_string(), "call_1");
  EXPECT_FALSE(msgs[1].as_object().contains("tool_call_id"));
}

TEST(OpenAiChat, ReadsToolCallsWithStringArgumentsAndUsage) {
  const std::string body = R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
    "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
      "tool_calls":[{"id":"call_a","type":"function","function":{"name":"search_products","arguments":"{\n\"query\": \"olio\"\n}"}},
                    {"id":"call_b","type":"function","function":{"name":"search_faq","arguments":"{\"query\":\"spedizione\"}"}}]}}],
    "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}})";
  auto c = parse_chat_response(200, body, 0);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_FALSE(c->message.content);
  ASSERT_EQ(c->message.tool_calls.size(), 2u);
  EXPECT_EQ(c->message.tool_calls[0].id, "call_a");
  EXPECT_EQ(json::parse(c->message.tool_calls[0].arguments).at("query").as_string(), "olio");
  EXPECT_EQ(c->message.tool_calls[1].name, "search_faq");
  EXPECT_EQ(c->finish_reason, "tool_calls");
  EXPECT_EQ(c->prompt_tokens, 120);
  EXPECT_EQ(c->completion_tokens, 30);
}

TEST(OpenAiChat, ReadsTextAndObjectArgumentsOfLenientServers) {
  auto text = parse_chat_response(
      200,
      R"({"choices":[{"message":{"role":"assistant","content":"Sì, abbiamo il Parmigiano."},"finish_reason":"stop"}]})",
      0);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text->message.content, "Sì, abbiamo il Parmigiano.");
  auto lenient = parse_chat_response(
      200,
      R"({"choices":[{"message":{"role":"assistant","tool_calls":[{"function":{"name":"view_cart","arguments":{}}}]}}]})",
      0);
  ASSERT_TRUE(lenient);
  EXPECT_EQ(lenient->message.tool_calls[0].arguments, "{}");
  EXPECT_EQ(lenient->message.tool_calls[0].id, "call_1")
      << "a missing id is made up so the tool result can answer it";
}

TEST(OpenAiChat, ClassifiesFailures) {
  auto busy = parse_chat_response(
      429,
      R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})",
      7);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(busy.error().retry_after_seconds, 7);
  EXPECT_NE(busy.error().detail.find("Rate limit reached"), std::string::npos);
  EXPECT_EQ(parse_chat_response(503, "upstream down", 0).error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(parse_chat_response(401, R"({"error":{"message":"bad key"}})", 0).error().kind,
            ErrorKind::kUnauthorized);
  EXPECT_EQ(parse_chat_response(400, R"({"error":"model not found"})", 0).error().kind,
            ErrorKind::kBadRequest);
  EXPECT_EQ(parse_chat_response(200, "not json", 0).error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(parse_chat_response(200, R"({"choices":[]})", 0).error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(parse_chat_response(200, R"({"choices":[{"message":{"role":"assistant"}}]})", 0).error().kind,
            ErrorKind::kBadRequest);
}

// One HTTP exchange on loopback: the request as received, and a canned answer.
struct OneShotServer {
  int fd = -1;
  int port = 0;
  std::string received;
  std::thread thread;
  explicit OneShotServer(std::string answer) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    ::listen(fd, 1);
    thread = std::thread([this, answer = std::move(answer)] {
      const int c = ::accept(fd, nullptr, nullptr);
      char buf[65536];
      // Read until the body announced by Content-Length has arrived.
      for (;;) {
        const auto n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        received.append(buf, static_cast<std::size_t>(n));
        const auto head = received.find("\r\n\r\n");
        const auto cl = received.find("Content-Length: ");
        if (head != std::string::npos && cl != std::string::npos &&
            received.size() >= head + 4 + std::stoul(received.substr(cl + 16))) {
          break;
        }
      }
      const std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(answer.size()) + "\r\nConnection: close\r\n\r\n" + answer;
      (void)::write(c, reply.data(), reply.size());
      ::close(c);
    });
  }
  ~OneShotServer() {
    if (thread.joinable()) thread.join();
    ::close(fd);
  }
};

TEST(OpenAiChat, TalksToAServerOverHttp) {
  OneShotServer server(
      R"({"choices":[{"message":{"role":"assistant","content":"Ciao!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2}})");
  OpenAiChatModel model({"http://127.0.0.1:" + std::to_string(server.port) + "/v1/", "sk-test", "local-model",
                         std::chrono::milliseconds(5000)});
  auto c = model.complete(sample_request());
  server.thread.join();
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(*c->message.content, "Ciao!");
  EXPECT_NE(server.received.find("POST /v1/chat/completions HTTP/1.1"), std::string::npos);
  EXPECT_NE(server.received.find("Authorization: Bearer sk-test"), std::string::npos);
  EXPECT_NE(server.received.find(R"("model":"local-model")"), std::string::npos);
}

TEST(OpenAiChat, NoAnswerIsWorthRetrying) {
  OpenAiChatModel model({"http://127.0.0.1:9/v1", "", "m", std::chrono::milliseconds(500)});
  auto c = model.complete(sample_request());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace shopme::llm
