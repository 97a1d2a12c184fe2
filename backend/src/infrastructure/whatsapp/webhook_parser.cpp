#include "infrastructure/whatsapp/webhook_parser.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>

#include "domain/messaging/delivery_status.hpp"

namespace shopme::whatsapp {
namespace json = boost::json;

namespace {

std::string str(const json::object& o, std::string_view key) {
  if (auto* v = o.if_contains(key); v && v->is_string()) return std::string(v->as_string());
  if (auto* v = o.if_contains(key); v && (v->is_int64() || v->is_uint64() || v->is_double())) {
    return json::serialize(*v);
  }
  return {};
}

const json::object* obj(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* arr(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

double number(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  if (v->is_string()) {
    try {
      return std::stod(std::string(v->as_string()));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

std::int64_t integer(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  return static_cast<std::int64_t>(number(o, key));
}

// The first error of an `errors` array, in the shape the inbox shows: {code, title, detail}.
json::value first_error(const json::object& o) {
  const auto* errors = arr(o, "errors");
  if (!errors || errors->empty() || !errors->front().is_object()) return nullptr;
  const auto& e = errors->front().as_object();
  std::string detail = str(e, "message");
  if (const auto* data = obj(e, "error_data")) {
    if (auto d = str(*data, "details"); !d.empty()) detail = d;
  }
  if (detail.empty()) detail = str(e, "details");
  return json::object{{"code", integer(e, "code")}, {"title", str(e, "title")}, {"detail", detail}};
}

// Media of any kind: the id is what the Graph API fetch needs later; the URL is not always sent.
json::object media_of(const json::object& m) {
  json::object media{{"id", str(m, "id")}, {"mimeType", str(m, "mime_type")}};
  for (const auto& [from, to] :
       {std::pair{"sha256", "sha256"}, std::pair{"caption", "caption"}, std::pair{"filename", "filename"}}) {
    if (auto v = str(m, from); !v.empty()) media[to] = v;
  }
  if (auto* v = m.if_contains("voice"); v && v->is_bool()) media["voice"] = v->as_bool();
  if (auto* v = m.if_contains("animated"); v && v->is_bool()) media["animated"] = v->as_bool();
  return media;
}

}  // namespace

json::object normalize_message(const json::object& m, const json::array* contacts) {
  const std::string from = str(m, "from");
  std::string type = str(m, "type");
  std::string text;
  json::object payload;

  std::string profile;
  if (contacts) {
    for (const auto& c : *contacts) {
      if (!c.is_object()) continue;
      const auto& co = c.as_object();
      if (str(co, "wa_id") != from && contacts->size() > 1) continue;
      if (const auto* p = obj(co, "profile")) profile = str(*p, "name");
      break;
    }
  }

  if (type == "text") {
    if (const auto* t = obj(m, "text")) text = str(*t, "body");
  } else if (type == "image" || type == "audio" || type == "video" || type == "document" ||
             type == "sticker") {
    if (const auto* media = obj(m, type)) {
      payload["media"] = media_of(*media);
      text = str(*media, "caption");
    }
  } else if (type == "location") {
    if (const auto* l = obj(m, "location")) {
      json::object loc{{"latitude", number(*l, "latitude")}, {"longitude", number(*l, "longitude")}};
      for (const char* k : {"name", "address", "url"}) {
        if (auto v = str(*l, k); !v.empty()) loc[k] = v;
      }
      text = str(*l, "name");
      if (auto a = str(*l, "address"); !a.empty()) text += (text.empty() ? "" : ", ") + a;
      if (text.empty()) text = str(*l, "latitude") + ", " + str(*l, "longitude");
      payload["location"] = std::move(loc);
    }
  } else if (type == "contacts") {
    if (const auto* cs = arr(m, "contacts")) {
      for (const auto& c : *cs) {
        if (!c.is_object()) continue;
        if (const auto* n = obj(c.as_object(), "name")) {
          text += (text.empty() ? "" : ", ") + str(*n, "formatted_name");
        }
      }
      payload["contacts"] = *cs;
    }
  } else if (type == "interactive") {
    if (const auto* i = obj(m, "interactive")) {
      const std::string kind = str(*i, "type");
      if (const auto* r = obj(*i, kind)) {
        text = str(*r, "title");
        json::object reply{{"type", kind}, {"id", str(*r, "id")}, {"title", text}};
        if (auto d = str(*r, "description"); !d.empty()) reply["description"] = d;
        payload["interactive"] = std::move(reply);
      } else {
        payload["interactive"] = json::object{{"type", kind}};
      }
    }
  } else if (type == "button") {
    if (const auto* b = obj(m, "button")) {
      text = str(*b, "text");
      payload["button"] = json::object{{"payload", str(*b, "payload")}, {"text", text}};
    }
  } else if (type == "order") {
    if (const auto* o = obj(m, "order")) {
      json::array items;
      if (const auto* pi = arr(*o, "product_items")) {
        for (const auto& it : *pi) {
          if (!it.is_object()) continue;
          const auto& io = it.as_object();
          items.push_back(json::object{{"productRetailerId", str(io, "product_retailer_id")},
                                       {"quantity", integer(io, "quantity")},
                                       {"itemPrice", number(io, "item_price")},
                                       {"currency", str(io, "currency")}});
        }
      }
      text = str(*o, "text");
      payload["order"] =
          json::object{{"catalogId", str(*o, "catalog_id")}, {"text", text}, {"items", std::move(items)}};
    }
  } else if (type == "reaction") {
    if (const auto* r = obj(m, "reaction")) {
      text = str(*r, "emoji");  // absent: the customer removed the reaction
      payload["reaction"] = json::object{{"messageId", str(*r, "message_id")}, {"emoji", text}};
    }
  } else {
    // unsupported, unknown, system, and whatever the provider adds next: kept as it came.
    if (type.empty()) type = "unknown";
    payload["unsupported"] = true;
    if (auto e = first_error(m); !e.is_null()) payload["error"] = e;
  }

  json::object out{{"id", str(m, "id")},     {"from", from},
                   {"profileName", profile}, {"timestamp", integer(m, "timestamp")},
                   {"type", type},           {"text", text}};
  if (const auto* ctx = obj(m, "context")) {
    if (auto id = str(*ctx, "id"); !id.empty()) out["replyTo"] = id;
    if (const auto* rp = obj(*ctx, "referred_product")) {
      payload["referredProduct"] = json::object{{"catalogId", str(*rp, "catalog_id")},
                                                {"productRetailerId", str(*rp, "product_retailer_id")}};
    }
  }
  if (const auto* ref = obj(m, "referral")) payload["referral"] = *ref;
  payload["raw"] = m;
  out["payload"] = std::move(payload);
  return out;
}

std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<ParsedWebhook> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  boost::system::error_code ec;
  auto doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return fail("the body is not a JSON object");
  const auto& root = doc.as_object();
  if (str(root, "object") != "whatsapp_business_account")
    return fail("not a WhatsApp Business Account delivery");
  const auto* entries = arr(root, "entry");
  if (!entries) return fail("the delivery has no entry array");

  ParsedWebhook out;
  for (const auto& e : *entries) {
    if (!e.is_object()) continue;
    const auto* changes = arr(e.as_object(), "changes");
    if (!changes) continue;
    for (const auto& c : *changes) {
      if (!c.is_object()) continue;
      const auto& change = c.as_object();
      if (str(change, "field") != "messages") continue;  // template and account updates: not ours
      const auto* value = obj(change, "value");
      if (!value) continue;
      const auto* meta = obj(*value, "metadata");
      const std::string phone = meta ? str(*meta, "phone_number_id") : "";
      if (phone.empty()) continue;
      WebhookPart* part = nullptr;
      for (auto& p : out.parts) {
        if (p.phone_number_id == phone) part = &p;
      }
      if (!part) part = &out.parts.emplace_back(WebhookPart{phone, {}, {}, {}});
      const auto* contacts = arr(*value, "contacts");
      if (const auto* ms = arr(*value, "messages")) {
        for (const auto& m : *ms) {
          if (!m.is_object()) continue;
          auto n = normalize_message(m.as_object(), contacts);
          if (n["id"].as_string().empty() || n["from"].as_string().empty()) continue;
          part->messages.push_back(std::move(n));
        }
      }
      if (const auto* ss = arr(*value, "statuses")) {
        for (const auto& s : *ss) {
          if (!s.is_object()) continue;
          const auto& so = s.as_object();
          const auto status = messaging::parse_delivery_status(str(so, "status"));
          // Only what the provider reports; "deleted", "warning" and future values change nothing.
          if (!status || *status == messaging::DeliveryStatus::kQueued ||
              *status == messaging::DeliveryStatus::kSending ||
              *status == messaging::DeliveryStatus::kAccepted) {
            continue;
          }
          json::object st{{"id", str(so, "id")},
                          {"status", messaging::to_string(*status)},
                          {"rank", messaging::rank(*status)},
                          {"ceiling", messaging::ceiling(*status)},
                          {"timestamp", integer(so, "timestamp")},
                          {"recipientId", str(so, "recipient_id")}};
          if (auto err = first_error(so); !err.is_null()) st["error"] = err;
          if (auto opaque = str(so, "biz_opaque_callback_data"); !opaque.empty()) st["opaque"] = opaque;
          part->statuses.push_back(std::move(st));
        }
      }
      if (const auto* errs = arr(*value, "errors")) {
        for (const auto& er : *errs) part->errors.push_back(er);
      }
    }
  }
  return out;
}

}  // namespace shopme::whatsapp
