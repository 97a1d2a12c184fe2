#pragma once
// LanguageModel over the OpenAI-compatible chat-completions protocol (POST {baseUrl}/chat/completions,
// no streaming). The body builder and the answer parser are exposed for tests.
#include <chrono>
#include <string>

#include "application/agent/language_model.hpp"

namespace shopme::llm {

struct OpenAiSettings {
  std::string base_url;  // e.g. http://localhost:11434/v1 for Ollama
  std::string api_key;   // empty: no Authorization header (local servers)
  std::string model;
  std::chrono::milliseconds timeout{20'000};
};

std::string chat_request_body(const std::string& model, const agent::CompletionRequest& request);
Result<agent::Completion> parse_chat_response(long http_status, const std::string& body,
                                              int retry_after_seconds);

class OpenAiChatModel final : public agent::LanguageModel {
 public:
  explicit OpenAiChatModel(OpenAiSettings settings) : settings_(std::move(settings)) {}
  Result<agent::Completion> complete(const agent::CompletionRequest& request) override;

 private:
  OpenAiSettings settings_;
};

}  // namespace shopme::llm
