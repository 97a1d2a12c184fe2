#pragma once
// What the offline agent understands of a customer message: the language it is written in, what the
// customer wants (intent) and the things named in it (quantity, order code, promo code, the words
// that describe a product). Pure rules over the text, so they are tested without a database.
#include <string>
#include <string_view>

namespace shopme::agent {

enum class Intent {
  kGreeting,
  kThanks,
  kHelp,
  kOperator,
  kCategories,
  kCategory,  // a category picked from the list (ref = its id)
  kProduct,   // a product picked from a list (ref = its id)
  kOffers,
  kViewCart,
  kAddToCart,       // ref = product id when it came from a button
  kRemoveFromCart,  // ref = product id when it came from a button
  kPromoCode,
  kCheckout,
  kOrderStatus,
  kTracking,
  kInvoice,
  kProfile,
  kSearch,  // anything else: a question for the FAQs or words for the catalog
};

struct Understood {
  Intent intent = Intent::kSearch;
  std::string language;    // it, en, es or pt
  int quantity = 0;        // 0: not said
  std::string order_code;  // ORD-2026-000123, upper case
  std::string promo_code;  // as written, upper case
  std::string ref;         // the id carried by a button or list row
  std::string terms;       // the words left once intent words, numbers and fillers are removed
  bool question = false;   // written as a question
};

// The language of `text` when its words say so clearly, else `fallback` (the customer's language):
// "2" or "Parmigiano" tell nothing, "hola" or "obrigado" do.
std::string detect_language(std::string_view text, std::string_view fallback);

// `reply_id` is the id of the button or list row the customer tapped ("" for typed text). The ids
// the offline agent puts on its buttons: categories, cart, checkout, offers, operator, cat:<id>,
// prod:<id>, add:<id>, rm:<id>.
Understood understand(std::string_view text, std::string_view reply_id, std::string_view fallback_language);

}  // namespace shopme::agent
