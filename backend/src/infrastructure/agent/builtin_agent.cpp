// The offline agent: answers without a language model, so `make run` works with no network and a
// failing provider never leaves a customer unanswered. It understands the message with the domain's
// rules (language, intent, quantity, codes, product words), acts through the same tools as the model
// and answers with reply buttons and lists, whose ids carry the dialogue from one step to the next:
// browse categories → pick a product → add to cart → promo code → checkout.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/agent/phrasebook.hpp"
#include "domain/agent/understanding.hpp"
#include "infrastructure/agent/agent_turn.hpp"
#include "infrastructure/agent/tools.hpp"

namespace shopme::agent {
namespace json = boost::json;
using messaging::OutboundKind;
using messaging::OutboundMessage;

namespace {

// At most `n` characters (not bytes), with an ellipsis when cut.
std::string clip(const std::string& s, std::size_t n) {
  if (messaging::utf8_length(s) <= n) return s;
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars == n) break;
  }
  return s.substr(0, i) + "…";
}

std::string str(const json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

// A copy: tool results are temporaries, and a loop over a reference into one would outlive it.
json::array items_of(const json::value& v) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains("items");
  return f && f->is_array() ? f->as_array() : json::array{};
}

bool failed(const json::value& v) { return v.is_object() && v.as_object().contains("error"); }

class Dialogue {
 public:
  Dialogue(ToolContext& c, const BuiltinInput& in, const std::vector<std::string>& enabled)
      : c_(c), in_(in), tools_(available_tools(enabled)) {}

  BuiltinReply answer() {
    const auto u = understand(in_.text, in_.reply_id, c_.language);
    c_.language = u.language;  // prices and words in the language of this message
    lang_ = u.language;
    switch (u.intent) {
      case Intent::kGreeting:
        return menu(say("hello", lang_, {{"name", first_name()}, {"shop", in_.shop}}));
      case Intent::kThanks:
        return text(say("thanks", lang_));
      case Intent::kHelp:
        return help();
      case Intent::kOperator:
        return hand_over();
      case Intent::kCategories:
        return categories();
      case Intent::kCategory:
        return category(u.ref);
      case Intent::kProduct:
        return product(u.ref);
      case Intent::kOffers:
        return offers();
      case Intent::kViewCart:
        return cart(say("cart.title", lang_), use("view_cart", {}));
      case Intent::kAddToCart:
        return add(u);
      case Intent::kRemoveFromCart:
        return remove(u);
      case Intent::kPromoCode:
        return promo(u.promo_code);
      case Intent::kCheckout:
        return checkout();
      case Intent::kOrderStatus:
        return u.order_code.empty() ? recent_orders() : order_page(u.order_code);
      case Intent::kTracking:
        return order_page(u.order_code);
      case Intent::kInvoice:
        return invoice(u.order_code);
      case Intent::kProfile:
        return profile();
      case Intent::kSearch:
        return search(u);
    }
    return search(u);
  }

 private:
  json::value use(std::string_view name, json::object args) {
    for (const auto& t : tools_) {
      if (t.spec.name == name) return t.run(c_, args);
    }
    return json::object{{"error", "this tool is turned off"}};
  }
  bool enabled(std::string_view name) const {
    for (const auto& t : tools_) {
      if (t.spec.name == name) return true;
    }
    return false;
  }

  std::string first_name() const { return in_.customer_name.substr(0, in_.customer_name.find(' ')); }

  static BuiltinReply text(std::string body) {
    BuiltinReply r;
    r.message.body = clip(body, messaging::kMaxTextLength - 10);
    return r;
  }
  // Reply buttons: ids from the understanding's vocabulary, titles from the phrasebook.
  BuiltinReply buttons(std::string body, std::initializer_list<std::pair<std::string, const char*>> choices) {
    BuiltinReply r;
    r.message.kind = OutboundKind::kButtons;
    r.message.body = clip(body, messaging::kMaxInteractiveBody);
    for (const auto& [id, label] : choices) {
      if (r.message.buttons.size() == messaging::kMaxButtons) break;
      r.message.buttons.push_back({id, clip(say(label, lang_), messaging::kMaxButtonTitle)});
    }
    return r;
  }
  BuiltinReply menu(std::string body) {
    return buttons(std::move(body),
                   {{"categories", "btn.catalog"}, {"offers", "btn.offers"}, {"cart", "btn.cart"}});
  }
  BuiltinReply list(std::string body, const char* label, std::vector<messaging::ListRow> rows) {
    BuiltinReply r;
    r.message.kind = OutboundKind::kList;
    r.message.body = clip(body, messaging::kMaxInteractiveBody);
    r.message.list_button = clip(say(label, lang_), messaging::kMaxButtonTitle);
    if (rows.size() > messaging::kMaxListRows) rows.resize(messaging::kMaxListRows);
    r.message.sections.push_back({clip(say(label, lang_), messaging::kMaxRowTitle), std::move(rows)});
    return r;
  }
  BuiltinReply not_found(const std::string& q) {
    const auto body = q.empty() ? say("not.understood", lang_) : say("nothing", lang_, {{"q", clip(q, 60)}});
    if (!enabled("contact_operator")) return buttons(body, {{"categories", "btn.catalog"}});
    return buttons(body, {{"categories", "btn.catalog"}, {"operator", "btn.operator"}});
  }

  BuiltinReply help() {
    if (!enabled("contact_operator")) return menu(say("help", lang_));
    return buttons(say("help", lang_),
                   {{"categories", "btn.catalog"}, {"offers", "btn.offers"}, {"operator", "btn.operator"}});
  }

  BuiltinReply hand_over() {
    if (!enabled("contact_operator")) return not_found("");
    use("contact_operator", {{"reason", "asked in the chat"}});
    auto r = text(say("operator", lang_));
    r.handed_over = true;
    return r;
  }

  BuiltinReply categories() {
    std::vector<messaging::ListRow> rows;
    for (const auto& cat : items_of(use("list_categories", {}))) {
      rows.push_back({"cat:" + str(cat, "id"), clip(str(cat, "name"), messaging::kMaxRowTitle),
                      clip(str(cat, "description"), 72)});
    }
    if (rows.empty()) return text(say("no.categories", lang_));
    return list(say("pick.category", lang_), "list.categories", std::move(rows));
  }

  std::vector<messaging::ListRow> product_rows(const json::array& items) {
    std::vector<messaging::ListRow> rows;
    for (const auto& p : items) {
      const auto name = str(p, "name");
      const auto title = clip(name, messaging::kMaxRowTitle);
      // A long name cut in the title is told whole in the description ("… 24 mesi" vs "… 36 mesi").
      const auto description = title == name ? str(p, "price") : clip(name, 60) + " · " + str(p, "price");
      rows.push_back({"prod:" + str(p, "id"), title, description});
    }
    return rows;
  }

  BuiltinReply category(const std::string& id) {
    std::string title;
    for (const auto& cat : items_of(use("list_categories", {}))) {
      if (str(cat, "id") == id) title = str(cat, "name");
    }
    const auto found = use("products_by_category", {{"categoryId", id}, {"limit", 10}});
    if (title.empty() || items_of(found).empty()) return categories();
    return list(say("pick.product", lang_, {{"title", title}}), "list.products",
                product_rows(items_of(found)));
  }

  BuiltinReply product(const std::string& id) {
    const auto p = use("get_product", {{"productId", id}});
    if (failed(p)) return text(say("no.product", lang_));
    const bool in_stock = p.as_object().at("inStock").as_bool();
    std::string body = "*" + str(p, "name") + "*\n" + str(p, "description") + "\n" + str(p, "price") + " · " +
                       say(in_stock ? "in.stock" : "out.of.stock", lang_);
    if (!in_stock) return buttons(body, {{"categories", "btn.catalog"}, {"cart", "btn.cart"}});
    return buttons(body, {{"add:" + id, "btn.add"}, {"cart", "btn.cart"}, {"categories", "btn.catalog"}});
  }

  // The cart as the customer reads it, with what to do next.
  BuiltinReply cart(const std::string& heading, const json::value& c) {
    if (failed(c)) return text(say("cart.empty", lang_));
    const auto& lines = items_of(c);
    if (lines.empty()) return buttons(say("cart.empty", lang_), {{"categories", "btn.catalog"}});
    std::string body = heading;
    for (const auto& l : lines) {
      body += "\n• " + std::to_string(l.as_object().at("quantity").to_number<long long>()) + " × " +
              str(l, "name") + " — " + str(l, "total");
    }
    const auto code = str(c, "promoCode");
    if (!code.empty() && str(c, "promoCodeRejected").empty())
      body += "\n" + say("cart.code", lang_, {{"code", code}});
    if (const auto d = str(c, "discounts"); !d.empty() && d.find_first_of("123456789") != std::string::npos)
      body += "\n" + say("cart.discounts", lang_, {{"amount", d}});
    body += "\n" + say("cart.total", lang_, {{"amount", str(c, "total")}});
    return buttons(body, {{"checkout", "btn.checkout"}, {"categories", "btn.catalog"}});
  }

  long long in_cart(const std::string& product_id) {
    for (const auto& l : items_of(use("view_cart", {}))) {
      if (str(l, "productId") == product_id) return l.as_object().at("quantity").to_number<long long>();
    }
    return 0;
  }

  BuiltinReply add(const Understood& u) {
    std::string id = u.ref;
    if (id.empty() && !u.terms.empty()) {
      const auto found = items_of(use("search_products", {{"query", u.terms}, {"limit", 1}}));
      if (found.empty()) return not_found(u.terms);
      id = str(found[0], "id");
    }
    if (id.empty()) id = in_.offered_product;
    if (id.empty()) return text(say("which.product", lang_));
    const auto p = use("get_product", {{"productId", id}});
    if (failed(p)) return text(say("no.product", lang_));
    const long long have = in_cart(id);
    const long long want = have + std::max(1, u.quantity);
    const auto result = use("add_to_cart", {{"productId", id}, {"quantity", want}});
    if (failed(result)) {
      const auto* avail = result.as_object().if_contains("available");
      const long long left = avail ? avail->to_number<long long>() : 0;
      return buttons(
          say("no.stock", lang_, {{"product", str(p, "name")}, {"available", std::to_string(left)}}),
          {{"cart", "btn.cart"}, {"categories", "btn.catalog"}});
    }
    return cart(say("added", lang_, {{"qty", std::to_string(want - have)}, {"product", str(p, "name")}}) +
                    "\n\n" + say("cart.title", lang_),
                result);
  }

  BuiltinReply remove(const Understood& u) {
    const auto current = use("view_cart", {});
    std::string id = u.ref, name;
    const auto& lines = items_of(current);
    for (const auto& l : lines) {
      std::string lname = str(l, "name");
      std::string low = lname;
      for (auto& ch : low) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const auto word = u.terms.substr(0, u.terms.find(' '));
      const bool named = !word.empty() && word.size() >= 3 && low.find(word) != std::string::npos;
      if ((id.empty() && named) || str(l, "productId") == id) {
        id = str(l, "productId");
        name = lname;
        break;
      }
    }
    if (id.empty() && lines.size() == 1 && u.terms.empty()) {
      id = str(lines[0], "productId");
      name = str(lines[0], "name");
    }
    if (name.empty())
      return cart(say("not.in.cart", lang_, {{"q", clip(u.terms, 60)}}) + "\n\n" + say("cart.title", lang_),
                  current);
    const auto after = use("remove_from_cart", {{"productId", id}});
    return cart(say("removed", lang_, {{"product", name}}) + "\n\n" + say("cart.title", lang_), after);
  }

  BuiltinReply promo(const std::string& code) {
    const auto result = use("apply_promo_code", {{"code", code}});
    const auto why = str(result, "promoCodeRejected");
    if (why.empty() && !failed(result)) return cart(say("code.applied", lang_, {{"code", code}}), result);
    std::string reason = say("code.reason.other", lang_);
    if (why == "unknown") reason = say("code.reason.unknown", lang_);
    if (why == "min_purchase") {
      for (const auto& o : items_of(use("current_offers", {}))) {
        std::string offered = str(o, "promoCode");
        for (auto& ch : offered) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (offered == code)
          reason = say("code.reason.minimum", lang_, {{"amount", str(o, "minimumPurchase")}});
      }
    }
    return cart(say("code.rejected", lang_, {{"code", code}, {"reason", reason}}), use("view_cart", {}));
  }

  BuiltinReply checkout() {
    const auto r = use("checkout", {});
    const auto error = str(r, "error");
    if (error == "the cart is empty")
      return buttons(say("checkout.empty", lang_), {{"categories", "btn.catalog"}});
    if (!error.empty() && !str(r, "product").empty())
      return buttons(say("checkout.no.stock", lang_, {{"product", str(r, "product")}}),
                     {{"cart", "btn.cart"}});
    if (!error.empty()) return not_found("");
    return text(
        say("checkout.link", lang_,
            {{"code", str(r, "orderCode")}, {"total", str(r, "total")}, {"link", str(r, "paymentLink")}}));
  }

  std::string order_line(const json::value& o) {
    return say("order.status", lang_,
               {{"code", str(o, "orderCode")},
                {"date", str(o, "createdOn")},
                {"status", str(o, "statusLabel")},
                {"total", str(o, "total")}});
  }

  BuiltinReply order_missing(const std::string& code) {
    if (code.empty()) return text(say("no.orders", lang_));
    return text(say("order.unknown", lang_, {{"code", code}}));
  }

  BuiltinReply order_page(const std::string& code) {
    json::object args;
    if (!code.empty()) args["orderCode"] = code;
    const auto r = use("tracking_link", args);
    if (failed(r)) return order_missing(code);
    std::string body = order_line(r);
    if (const auto n = str(r, "trackingNumber"); !n.empty())
      body += "\n" + say("order.tracking", lang_, {{"number", n}});
    body += "\n" + say("order.link", lang_, {{"link", str(r, "link")}});
    return text(body);
  }

  BuiltinReply recent_orders() {
    const auto r = use("recent_orders", {{"limit", 5}});
    const auto& items = items_of(r);
    if (items.empty()) return order_missing("");
    if (items.size() == 1) return order_page(str(items[0], "orderCode"));
    std::string body = say("recent.orders", lang_);
    for (const auto& o : items) body += "\n• " + order_line(o);
    return text(body);
  }

  BuiltinReply invoice(const std::string& code) {
    json::object args;
    if (!code.empty()) args["orderCode"] = code;
    const auto r = use("invoice_link", args);
    if (failed(r)) {
      if (const auto known = str(r, "orderCode"); !known.empty() && !str(r, "status").empty())
        return text(say("invoice.none", lang_, {{"code", known}}));
      return order_missing(code);
    }
    return text(
        say("invoice.link", lang_,
            {{"number", str(r, "invoiceNumber")}, {"code", str(r, "orderCode")}, {"link", str(r, "link")}}));
  }

  BuiltinReply profile() {
    const auto r = use("profile_link", {});
    if (failed(r)) return not_found("");
    return text(say("profile.link", lang_, {{"link", str(r, "link")}}));
  }

  BuiltinReply offers() {
    const auto& items = items_of(use("current_offers", {}));
    if (items.empty()) return menu(say("no.offers", lang_));
    std::string body = say("offers", lang_);
    for (const auto& o : items) {
      body += "\n• " + str(o, "name");
      if (const auto d = str(o, "description"); !d.empty()) body += ": " + d;
      if (const auto code = str(o, "promoCode"); !code.empty())
        body += " (" + say("offer.code", lang_, {{"code", code}}) + ")";
    }
    return buttons(body, {{"categories", "btn.catalog"}, {"cart", "btn.cart"}});
  }

  // A question for the FAQs (in the customer's language first) or words for the catalog.
  BuiltinReply search(const Understood& u) {
    if (u.terms.empty() && !u.question) return not_found("");
    const auto faq = items_of(use("search_faq", {{"query", in_.text}, {"limit", 3}}));
    auto answer = [&] {
      const json::value* best = &faq[0];
      for (const auto& f : faq) {
        if (str(f, "language") == lang_) {
          best = &f;
          break;
        }
      }
      return text(str(*best, "answer"));
    };
    // A question the FAQs answer needs no product search (each costs a statement or two).
    if (!faq.empty() && u.question) return answer();
    const auto products = u.terms.empty()
                              ? json::array{}
                              : items_of(use("search_products", {{"query", u.terms}, {"limit", 10}}));
    if (!faq.empty() && products.empty()) return answer();
    if (products.size() == 1) return product(str(products[0], "id"));
    if (u.terms.empty()) return not_found("");
    if (!products.empty())
      return list(say("found", lang_, {{"q", clip(u.terms, 40)}}), "list.products", product_rows(products));
    const auto services = items_of(use("search_services", {{"query", u.terms}, {"limit", 5}}));
    if (!services.empty()) {
      std::string body = say("found", lang_, {{"q", clip(u.terms, 40)}});
      for (const auto& s : services)
        body += "\n• " + str(s, "name") + " — " + str(s, "price") + "\n  " + str(s, "summary");
      return text(body);
    }
    return not_found(u.terms);
  }

  ToolContext& c_;
  const BuiltinInput& in_;
  std::vector<Tool> tools_;
  std::string lang_;
};

}  // namespace

BuiltinReply builtin_reply(ToolContext& context, const BuiltinInput& input,
                           const std::vector<std::string>& enabled) {
  auto reply = Dialogue(context, input, enabled).answer();
  reply.language = context.language;
  return reply;
}

}  // namespace shopme::agent
