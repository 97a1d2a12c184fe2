#pragma once
// One outbound HTTP request through libcurl, with the limits every call to a provider needs: a
// timeout, a cap on the answer's size, http(s) only, and the Retry-After header read. Used by the
// WhatsApp Graph API client and the language-model client.
#include <chrono>
#include <string>
#include <vector>

namespace shopme::net {

struct HttpCall {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent as a POST when not empty
  bool post = false;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_answer = 4 * 1024 * 1024;
};

struct HttpAnswer {
  long status = 0;  // 0: no answer (see `error`)
  std::string body;
  std::string content_type;
  int retry_after_seconds = 0;
  bool timed_out = false;
  bool too_large = false;
  std::string error;
};

HttpAnswer http_call(const HttpCall& call);

}  // namespace shopme::net
