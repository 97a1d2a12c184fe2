#include "infrastructure/payments/gateways.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/net/http_call.hpp"

namespace shopme::payments {
namespace json = boost::json;

namespace {

constexpr long long kStripeMinLifetime = 30 * 60 + 60;  // 30 minutes, with a minute of margin for clocks

using Form = std::vector<std::pair<std::string, std::string>>;

std::string encode(const Form& form) {
  std::string out;
  for (const auto& [k, v] : form) out += (out.empty() ? "" : "&") + form_escape(k) + "=" + form_escape(v);
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The answer as a JSON object, or the error to report: 429/5xx/no answer are temporary, the rest a
// refusal with Stripe's message.
Result<json::object> stripe_post(const std::string& url, const std::string& key,
                                 const std::string& idempotency, const Form& form) {
  net::HttpCall call;
  call.url = url;
  call.post = true;
  call.body = encode(form);
  call.timeout = std::chrono::milliseconds(15'000);
  call.headers = {"Authorization: Bearer " + key, "Content-Type: application/x-www-form-urlencoded",
                  "Idempotency-Key: " + idempotency};
  const auto answer = net::http_call(call);
  if (answer.status == 0 || answer.status == 429 || answer.status >= 500) {
    auto e = Error{ErrorKind::kUnavailable, "The payment provider is not answering; try again in a moment."};
    e.retry_after_seconds = answer.retry_after_seconds > 0 ? answer.retry_after_seconds : 5;
    return e;
  }
  boost::system::error_code ec;
  auto body = json::parse(answer.body, ec);
  if (ec || !body.is_object())
    return Error{ErrorKind::kUnavailable, "The payment provider answered something unreadable."};
  if (answer.status >= 400) {
    std::string message = "the payment provider refused the request";
    if (const auto* err = body.as_object().if_contains("error"); err && err->is_object()) {
      if (const auto* m = err->as_object().if_contains("message"); m && m->is_string())
        message = m->as_string();
    }
    return Error::bad_request("Payment provider: " + message);
  }
  return std::move(body.as_object());
}

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string form_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

long long checkout_expiry(long long link_expires_at, long long now) {
  return std::max(link_expires_at, now + kStripeMinLifetime);
}

Result<CheckoutSession> StripeGateway::create_checkout(const CheckoutRequest& r) {
  if (secret_key_.empty()) return Error::bad_request("Stripe has no secret key configured for this shop.");
  const Form form = {
      {"mode", "payment"},
      {"line_items[0][quantity]", "1"},
      {"line_items[0][price_data][currency]", lower(r.currency)},
      {"line_items[0][price_data][unit_amount]", std::to_string(r.amount)},
      {"line_items[0][price_data][product_data][name]", r.description},
      {"success_url", r.success_url},
      {"cancel_url", r.cancel_url},
      {"expires_at", std::to_string(checkout_expiry(r.expires_at, unix_now()))},
      {"client_reference_id", r.order_id},
      {"metadata[order_code]", r.order_code},
      {"metadata[order_id]", r.order_id},
      {"metadata[workspace_id]", r.workspace_id},
      {"payment_intent_data[metadata][order_id]", r.order_id},
      {"payment_intent_data[metadata][order_code]", r.order_code},
  };
  auto answer = stripe_post(base_url_ + "/v1/checkout/sessions", secret_key_, r.idempotency_key, form);
  if (!answer) return answer.error();
  const auto* id = answer->if_contains("id");
  const auto* url = answer->if_contains("url");
  if (!id || !id->is_string() || !url || !url->is_string())
    return Error{ErrorKind::kUnavailable, "The payment provider answered without a session."};
  return CheckoutSession{std::string(id->as_string()), std::string(url->as_string())};
}

Result<std::string> StripeGateway::refund(const RefundRequest& r) {
  if (secret_key_.empty()) return Error::bad_request("Stripe has no secret key configured for this shop.");
  if (r.payment_reference.empty())
    return Error::bad_request("The payment has no Stripe reference to refund.");
  auto answer = stripe_post(base_url_ + "/v1/refunds", secret_key_, r.idempotency_key,
                            {{"payment_intent", r.payment_reference}, {"amount", std::to_string(r.amount)}});
  if (!answer) return answer.error();
  const auto* id = answer->if_contains("id");
  if (!id || !id->is_string())
    return Error{ErrorKind::kUnavailable, "The payment provider answered without a refund."};
  return std::string(id->as_string());
}

Result<CheckoutSession> TestGateway::create_checkout(const CheckoutRequest&) {
  const auto id = "tgs_" + crypto::random_hex(16);
  return CheckoutSession{id, public_base_url_ + "/pay/test/" + id};
}

Result<std::string> TestGateway::refund(const RefundRequest&) { return "tgr_" + crypto::random_hex(12); }

}  // namespace shopme::payments
