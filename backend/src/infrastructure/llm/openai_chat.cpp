#include "infrastructure/llm/openai_chat.hpp"

#include <boost/json.hpp>

#include "infrastructure/net/http_call.hpp"

namespace shopme::llm {
namespace json = boost::json;
using agent::ChatMessage;
using agent::Completion;

std::string chat_request_body(const std::string& model, const agent::CompletionRequest& request) {
  json::array messages;
  for (const auto& m : request.messages) {
    json::object o{{"role", m.role}};
    // An assistant turn that only calls tools has null content, as the protocol sends it.
    o["content"] = m.content ? json::value(*m.content) : json::value(nullptr);
    if (!m.tool_calls.empty()) {
      json::array calls;
      for (const auto& c : m.tool_calls) {
        calls.push_back(
            json::object{{"id", c.id},
                         {"type", "function"},
                         {"function", json::object{{"name", c.name}, {"arguments", c.arguments}}}});
      }
      o["tool_calls"] = std::move(calls);
    }
    if (m.role == "tool") o["tool_call_id"] = m.tool_call_id;
    messages.push_back(std::move(o));
  }
  json::object body{{"model", model},
                    {"messages", std::move(messages)},
                    {"temperature", request.temperature},
                    {"max_tokens", request.max_tokens},
                    {"stream", false}};
  if (!request.tools.empty()) {
    json::array tools;
    for (const auto& t : request.tools) {
      boost::system::error_code ec;
      auto schema = json::parse(t.parameters, ec);
      if (ec) schema = json::object{{"type", "object"}};
      tools.push_back(json::object{
          {"type", "function"},
          {"function",
           json::object{{"name", t.name}, {"description", t.description}, {"parameters", schema}}}});
    }
    body["tools"] = std::move(tools);
    body["tool_choice"] = "auto";
  }
  return json::serialize(body);
}

namespace {

std::string error_text(const json::value& doc) {
  if (const auto* o = doc.if_object()) {
    if (const auto* e = o->if_contains("error")) {
      if (e->is_string()) return std::string(e->as_string());  // some local servers
      if (const auto* eo = e->if_object()) {
        if (const auto* m = eo->if_contains("message"); m && m->is_string())
          return std::string(m->as_string());
      }
    }
  }
  return {};
}

int as_int(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_number() ? static_cast<int>(v->to_number<double>()) : 0;
}

}  // namespace

Result<Completion> parse_chat_response(long http_status, const std::string& body, int retry_after_seconds) {
  boost::system::error_code ec;
  const auto doc = json::parse(body, ec);
  if (http_status < 200 || http_status >= 300) {
    std::string detail = ec ? std::string() : error_text(doc);
    if (detail.empty()) detail = "HTTP " + std::to_string(http_status);
    if (http_status == 401 || http_status == 403)
      return Error::unauthorized("the model provider refused the key: " + detail);
    if (http_status == 429 || http_status >= 500 || http_status == 408) {
      Error e{ErrorKind::kUnavailable, "the model provider is busy: " + detail};
      e.retry_after_seconds = retry_after_seconds;
      return e;
    }
    return Error::bad_request("the model provider refused the request: " + detail);
  }
  if (ec || !doc.is_object()) return Error::bad_request("the model's answer is not JSON");
  const auto& root = doc.as_object();
  const auto* choices = root.if_contains("choices");
  if (!choices || !choices->is_array() || choices->as_array().empty() ||
      !choices->as_array()[0].is_object()) {
    return Error::bad_request("the model's answer has no choices");
  }
  const auto& choice = choices->as_array()[0].as_object();
  const auto* message = choice.if_contains("message");
  if (!message || !message->is_object()) return Error::bad_request("the model's answer has no message");
  const auto& m = message->as_object();
  Completion c;
  c.message.role = "assistant";
  if (const auto* content = m.if_contains("content"); content && content->is_string()) {
    c.message.content = std::string(content->as_string());
  }
  if (const auto* calls = m.if_contains("tool_calls"); calls && calls->is_array()) {
    for (const auto& call : calls->as_array()) {
      const auto* co = call.if_object();
      if (!co) continue;
      const auto* fn = co->if_contains("function");
      if (!fn || !fn->is_object()) continue;
      agent::ToolCall tc;
      if (const auto* id = co->if_contains("id"); id && id->is_string()) tc.id = id->as_string();
      if (const auto* n = fn->as_object().if_contains("name"); n && n->is_string()) tc.name = n->as_string();
      if (const auto* a = fn->as_object().if_contains("arguments")) {
        // The protocol sends a JSON string; a few servers send the object itself.
        tc.arguments = a->is_string() ? std::string(a->as_string()) : json::serialize(*a);
      }
      if (tc.id.empty()) tc.id = "call_" + std::to_string(c.message.tool_calls.size() + 1);
      c.message.tool_calls.push_back(std::move(tc));
    }
  }
  if (const auto* fr = choice.if_contains("finish_reason"); fr && fr->is_string())
    c.finish_reason = fr->as_string();
  if (const auto* usage = root.if_contains("usage"); usage && usage->is_object()) {
    c.prompt_tokens = as_int(usage->as_object(), "prompt_tokens");
    c.completion_tokens = as_int(usage->as_object(), "completion_tokens");
  }
  if (!c.message.content && c.message.tool_calls.empty()) {
    return Error::bad_request("the model answered neither text nor a tool call");
  }
  return c;
}

Result<Completion> OpenAiChatModel::complete(const agent::CompletionRequest& request) {
  std::string base = settings_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (!settings_.api_key.empty()) headers.push_back("Authorization: Bearer " + settings_.api_key);
  const auto a = net::http_call({base + "/chat/completions", std::move(headers),
                                 chat_request_body(settings_.model, request), true, settings_.timeout});
  if (a.status == 0) return Error{ErrorKind::kUnavailable, "the model provider did not answer: " + a.error};
  return parse_chat_response(a.status, a.body, a.retry_after_seconds);
}

}  // namespace shopme::llm
