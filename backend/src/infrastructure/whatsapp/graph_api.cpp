#include "infrastructure/whatsapp/graph_api.hpp"

#include <boost/json.hpp>

#include <memory>
#include "infrastructure/net/http_call.hpp"

namespace shopme::whatsapp {
namespace json = boost::json;
using messaging::OutboundKind;

std::string message_body(std::string_view to, const messaging::OutboundMessage& m, std::string_view opaque,
                         std::optional<std::string_view> reply_to) {
  json::object out{{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", to}};
  switch (m.kind) {
    case OutboundKind::kText:
      out["type"] = "text";
      out["text"] = json::object{{"preview_url", false}, {"body", m.body}};
      break;
    case OutboundKind::kButtons: {
      json::array buttons;
      for (const auto& b : m.buttons) {
        buttons.push_back(
            json::object{{"type", "reply"}, {"reply", json::object{{"id", b.id}, {"title", b.title}}}});
      }
      out["type"] = "interactive";
      out["interactive"] = json::object{{"type", "button"},
                                        {"body", json::object{{"text", m.body}}},
                                        {"action", json::object{{"buttons", std::move(buttons)}}}};
      break;
    }
    case OutboundKind::kList: {
      json::array sections;
      for (const auto& s : m.sections) {
        json::array rows;
        for (const auto& r : s.rows) {
          json::object row{{"id", r.id}, {"title", r.title}};
          if (!r.description.empty()) row["description"] = r.description;
          rows.push_back(std::move(row));
        }
        json::object sec{{"rows", std::move(rows)}};
        if (!s.title.empty()) sec["title"] = s.title;
        sections.push_back(std::move(sec));
      }
      out["type"] = "interactive";
      out["interactive"] = json::object{
          {"type", "list"},
          {"body", json::object{{"text", m.body}}},
          {"action", json::object{{"button", m.list_button}, {"sections", std::move(sections)}}}};
      break;
    }
    case OutboundKind::kTemplate: {
      json::object tpl{{"name", m.template_name}, {"language", json::object{{"code", m.template_language}}}};
      if (!m.template_parameters.empty()) {
        json::array params;
        for (const auto& p : m.template_parameters)
          params.push_back(json::object{{"type", "text"}, {"text", p}});
        tpl["components"] = json::array{json::object{{"type", "body"}, {"parameters", std::move(params)}}};
      }
      out["type"] = "template";
      out["template"] = std::move(tpl);
      break;
    }
  }
  if (!opaque.empty()) out["biz_opaque_callback_data"] = opaque;
  if (reply_to) out["context"] = json::object{{"message_id", *reply_to}};
  return json::serialize(out);
}

std::string read_receipt_body(std::string_view provider_message_id) {
  return json::serialize(json::object{
      {"messaging_product", "whatsapp"}, {"status", "read"}, {"message_id", provider_message_id}});
}

bool retryable_error_code(long code) {
  switch (code) {
    case 1:       // API unknown (temporary)
    case 2:       // API service
    case 4:       // application request limit
    case 80007:   // WhatsApp Business Account rate limit
    case 130429:  // throughput limit of the number
    case 131000:  // something went wrong
    case 131016:  // service unavailable
    case 131056:  // too many messages to one recipient (pair rate limit)
      return true;
    default:
      return false;
  }
}

SendResult GraphApi::post(std::string_view api_base_url, std::string_view phone_number_id,
                          std::string_view access_token, const std::string& body) const {
  SendResult r;
  std::string base(api_base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const auto sent = net::http_call(
      {base + "/" + std::string(phone_number_id) + "/messages",
       {"Content-Type: application/json", "Authorization: Bearer " + std::string(access_token)},
       body,
       true,
       timeout_,
       1024 * 1024});
  if (sent.status == 0) {
    r.outcome = SendResult::Outcome::kRetry;
    r.title = sent.timed_out ? "timeout" : "network error";
    r.detail = sent.error;
    return r;
  }
  r.http_status = sent.status;
  r.retry_after_seconds = sent.retry_after_seconds;
  const std::string& answer = sent.body;
  boost::system::error_code ec;
  auto doc = json::parse(answer, ec);
  if (r.http_status >= 200 && r.http_status < 300) {
    if (!ec && doc.is_object()) {
      if (auto* ms = doc.as_object().if_contains("messages");
          ms && ms->is_array() && !ms->as_array().empty()) {
        if (auto* first = ms->as_array().front().if_object()) {
          if (auto* id = first->if_contains("id"); id && id->is_string())
            r.provider_message_id = id->as_string();
        }
      }
      if (auto* ok = doc.as_object().if_contains("success"); ok && ok->is_bool() && ok->as_bool()) {
        r.outcome = SendResult::Outcome::kAccepted;  // read receipts answer {"success": true}
        return r;
      }
    }
    if (!r.provider_message_id.empty()) {
      r.outcome = SendResult::Outcome::kAccepted;
      return r;
    }
    // A 2xx we cannot read: the message may have gone out, so a retry could duplicate it; better
    // treated as a provider fault that the status callbacks (with the opaque id) will settle.
    r.outcome = SendResult::Outcome::kRetry;
    r.detail = "the provider's answer had no message id";
    return r;
  }
  if (!ec && doc.is_object()) {
    if (auto* e = doc.as_object().if_contains("error"); e && e->is_object()) {
      const auto& eo = e->as_object();
      if (auto* c = eo.if_contains("code"); c && c->is_number())
        r.code = static_cast<long>(c->to_number<double>());
      if (auto* t = eo.if_contains("message"); t && t->is_string()) r.title = t->as_string();
      if (auto* d = eo.if_contains("error_data"); d && d->is_object()) {
        if (auto* dd = d->as_object().if_contains("details"); dd && dd->is_string())
          r.detail = dd->as_string();
      }
    }
  }
  if (r.title.empty()) r.title = "HTTP " + std::to_string(r.http_status);
  const bool temporary = r.http_status == 429 || r.http_status >= 500 || retryable_error_code(r.code);
  r.outcome = temporary ? SendResult::Outcome::kRetry : SendResult::Outcome::kPermanent;
  return r;
}

MediaDownload GraphApi::fetch_media(std::string_view api_base_url, std::string_view media_id,
                                    std::string_view access_token, std::size_t max_bytes) const {
  MediaDownload d;
  std::string base(api_base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string auth = "Authorization: Bearer " + std::string(access_token);
  const auto meta =
      net::http_call({base + "/" + std::string(media_id), {auth}, {}, false, timeout_, 64 * 1024});
  boost::system::error_code ec;
  auto doc = json::parse(meta.body, ec);
  if (meta.status != 200 || ec || !doc.is_object() || !doc.as_object().contains("url")) {
    d.error = meta.status == 0 ? "WhatsApp did not answer"
                               : "WhatsApp did not give the media (HTTP " + std::to_string(meta.status) + ")";
    return d;
  }
  const auto& o = doc.as_object();
  const std::string url(o.at("url").is_string() ? std::string_view(o.at("url").as_string())
                                                : std::string_view());
  if (auto* m = o.if_contains("mime_type"); m && m->is_string()) d.mime_type = m->as_string();
  auto got = net::http_call({url, {auth}, {}, false, timeout_, max_bytes});
  if (got.too_large) {
    d.error = "the media is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB";
    return d;
  }
  if (got.status != 200) {
    d.error = got.status == 0 ? "the media download did not answer"
                              : "the media download failed (HTTP " + std::to_string(got.status) + ")";
    return d;
  }
  if (d.mime_type.empty())
    d.mime_type = got.content_type.empty() ? "application/octet-stream" : got.content_type;
  d.bytes = std::move(got.body);
  d.ok = true;
  return d;
}

}  // namespace shopme::whatsapp
