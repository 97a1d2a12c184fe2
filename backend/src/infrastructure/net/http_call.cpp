#include "infrastructure/net/http_call.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <string_view>

namespace shopme::net {
namespace {

struct Sink {
  std::string* out;
  std::size_t max;
  bool overflow = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* p) {
  auto* s = static_cast<Sink*>(p);
  if (s->out->size() + size * n > s->max) {
    s->overflow = true;
    return 0;  // aborts the transfer
  }
  s->out->append(data, size * n);
  return size * n;
}

std::size_t retry_after(char* data, std::size_t size, std::size_t n, void* out) {
  std::string_view line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string lower(line.substr(0, kName.size()));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      try {
        *static_cast<int*>(out) = std::stoi(std::string(line.substr(kName.size())));
      } catch (const std::exception&) {
      }
    }
  }
  return size * n;
}

}  // namespace

HttpAnswer http_call(const HttpCall& call) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpAnswer a;
  // One handle per thread, reset between calls: it keeps its connection cache, so the next call to
  // the same host reuses the open (TLS) connection instead of a new handshake per message.
  thread_local std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(nullptr, &curl_easy_cleanup);
  if (curl) {
    curl_easy_reset(curl.get());
  } else {
    curl.reset(curl_easy_init());
  }
  if (!curl) {
    a.error = "could not start an HTTP client";
    return a;
  }
  curl_slist* raw = nullptr;
  for (const auto& h : call.headers) raw = curl_slist_append(raw, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  Sink sink{&a.body, call.max_answer};
  curl_easy_setopt(curl.get(), CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  if (call.post) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, call.body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<long long>(call.timeout.count(), 5000)));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, retry_after);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &a.retry_after_seconds);
  const CURLcode rc = curl_easy_perform(curl.get());
  a.too_large = sink.overflow;
  if (rc != CURLE_OK) {
    a.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    a.error = curl_easy_strerror(rc);
    return a;
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &a.status);
  char* type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &type);
  if (type) a.content_type = type;
  return a;
}

}  // namespace shopme::net
