#pragma once
// The port through which the agent talks to a language model: a chat with tool calling, in the
// shape of the OpenAI chat-completions protocol that OpenAI, OpenRouter, Ollama, llama.cpp's
// server and vLLM all speak. The adapter (infrastructure/llm) is the only one that knows HTTP.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace shopme::agent {

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // a JSON text, as the model wrote it (not necessarily valid)
};

struct ChatMessage {
  std::string role;  // system | user | assistant | tool
  std::optional<std::string> content;
  std::vector<ToolCall> tool_calls;  // assistant
  std::string tool_call_id;          // tool
};

struct ToolSpec {
  std::string name;
  std::string description;
  std::string parameters;  // JSON Schema of the arguments, as JSON text
};

struct CompletionRequest {
  std::vector<ChatMessage> messages;
  std::vector<ToolSpec> tools;
  double temperature = 0.3;
  int max_tokens = 800;
};

struct Completion {
  ChatMessage message;  // role assistant: content and/or tool calls
  std::string finish_reason;
  int prompt_tokens = 0;
  int completion_tokens = 0;
};

// Failures: kUnavailable (429, 5xx, timeouts: worth retrying within the turn's budget, with
// retry_after_seconds when the provider said), kBadRequest (the request or the answer is wrong:
// retrying will not help), kUnauthorized (the key).
class LanguageModel {
 public:
  virtual ~LanguageModel() = default;
  virtual Result<Completion> complete(const CompletionRequest& request) = 0;
};

}  // namespace shopme::agent
