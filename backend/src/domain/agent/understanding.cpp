#include "domain/agent/understanding.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <vector>

namespace shopme::agent {

namespace {

// Words (lower case, accents kept) that mark a language. Words shared by several languages count
// less than those only one of them uses.
// A plain aggregate: the lists' arrays live as long as the table (a std::pair would leave them dangling).
struct LanguageWords {
  const char* code;
  std::initializer_list<const char*> words;
};
const LanguageWords kLanguageWords[] = {
    {"it",
     {"ciao",     "buongiorno", "buonasera", "salve",      "grazie", "vorrei",    "voglio",    "aggiungi",
      "carrello", "cerco",      "avete",     "il",         "della",  "dei",       "delle",     "gli",
      "sono",     "che",        "non",       "un",         "una",    "formaggio", "formaggi",  "olio",
      "ordine",   "codice",     "fattura",   "spedizione", "quanto", "costa",     "mi",        "prego",
      "sì",       "anche",      "vino",      "vini",       "per",    "favore",    "catalogo",  "offerte",
      "togli",    "pagare",     "mio",       "miei",       "dati",   "persona",   "operatore", "dov",
      "è",        "posso",      "come",      "quando",     "cosa",   "metti",     "ordina",    "aiuto"}},
    {"en", {"hello", "hi",     "hey",     "thanks",   "thank",   "you",      "want", "would",   "like",
            "add",   "cart",   "looking", "for",      "the",     "and",      "with", "have",    "do",
            "is",    "my",     "order",   "code",     "invoice", "shipping", "how",  "much",    "please",
            "yes",   "cheese", "oil",     "wine",     "some",    "i",        "what", "where",   "can",
            "pay",   "remove", "offers",  "help",     "person",  "human",    "data", "catalog", "catalogue",
            "of",    "a",      "me",      "checkout", "show"}},
    {"es", {"hola",   "gracias", "quiero",  "quisiera", "añade",   "añadir", "agrega",   "carrito", "busco",
            "tienen", "tenéis",  "el",      "los",      "las",     "con",    "para",     "que",     "mi",
            "mis",    "pedido",  "código",  "factura",  "envío",   "cuánto", "cuesta",   "por",     "favor",
            "sí",     "queso",   "aceite",  "vino",     "buenos",  "buenas", "días",     "también", "y",
            "quita",  "pagar",   "ofertas", "ayuda",    "persona", "datos",  "catálogo", "de",      "del",
            "un",     "una",     "dónde",   "cómo",     "puedo",   "está",   "es"}},
    {"pt", {"olá",       "ola",      "oi",       "obrigado", "obrigada", "quero",   "queria", "adiciona",
            "adicionar", "adicione", "carrinho", "procuro",  "têm",      "o",       "os",     "as",
            "com",       "para",     "que",      "meu",      "minha",    "minhas",  "meus",   "encomenda",
            "pedido",    "código",   "fatura",   "envio",    "quanto",   "custa",   "por",    "favor",
            "sim",       "queijo",   "azeite",   "vinho",    "bom",      "dia",     "boa",    "tarde",
            "também",    "e",        "você",     "gostaria", "não",      "remover", "pagar",  "ofertas",
            "ajuda",     "pessoa",   "dados",    "catálogo", "de",       "do",      "da",     "um",
            "uma",       "onde",     "como",     "posso",    "está"}},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words: ASCII letters and digits, any non-ASCII byte (accented letters), and the dash of codes.
std::vector<std::string> words_of(std::string_view raw) {
  // Punctuation outside ASCII (¿ ¡ « » … ’ “ ”) separates words like its ASCII cousins.
  static constexpr std::string_view kMarks[] = {"\u00bf", "\u00a1", "\u00ab", "\u00bb",
                                                "\u2026", "\u2019", "\u201c", "\u201d"};
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t skip = 0;
    for (const auto mark : kMarks) {
      if (raw.substr(i, mark.size()) == mark) skip = mark.size();
    }
    if (skip > 0) {
      text += ' ';
      i += skip;
    } else {
      text += raw[i++];
    }
  }
  std::vector<std::string> out;
  std::string cur;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80 || (ch == '-' && !cur.empty())) {
      cur += ch;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  for (auto& w : out) {
    while (!w.empty() && w.back() == '-') w.pop_back();
  }
  return out;
}

bool is_number(const std::string& w) {
  return !w.empty() && w.size() <= 3 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Keywords {
  Intent intent;
  std::initializer_list<const char*> words;    // single words
  std::initializer_list<const char*> phrases;  // several words, matched in the lower-cased text
};

// In order of precedence: the first group that matches decides.
const Keywords kIntents[] = {
    {Intent::kOperator,
     {"operatore", "operator", "operador", "umano", "human", "humano", "persona", "person", "pessoa",
      "atendente", "someone", "alguien", "alguém"},
     {"parlare con", "talk to", "speak to", "hablar con", "falar com"}},
    {Intent::kProfile,
     {"profilo", "profile", "perfil", "privacy", "gdpr", "privacidad", "privacidade", "indirizzo", "address",
      "dirección", "endereço"},
     {"miei dati", "my data", "my details", "mis datos", "meus dados", "os meus dados", "i miei dati",
      "my personal"}},
    {Intent::kInvoice, {"fattura", "invoice", "factura", "fatura", "ricevuta", "receipt", "recibo"}, {}},
    {Intent::kTracking,
     {"tracking", "tracciamento", "track", "traccia", "rastreio", "rastrear", "seguimiento", "rastreo"},
     {"dov'è il mio", "where is my", "dónde está mi", "onde está a minha", "onde está o meu"}},
    {Intent::kOrderStatus,
     {"ordini", "orders", "pedidos", "encomendas"},
     {"mio ordine", "my order", "mi pedido", "minha encomenda", "meu pedido", "stato dell'ordine",
      "order status", "estado del pedido", "estado da encomenda", "stato ordine"}},
    {Intent::kRemoveFromCart,
     {"togli", "rimuovi", "elimina", "remove", "quita", "quitar", "eliminar", "remover", "retire", "tira"},
     {"take out"}},
    {Intent::kAddToCart,
     {"aggiungi", "aggiungere", "aggiungine", "metti", "mettine", "add", "añade", "añadir", "agrega",
      "agregar", "adiciona", "adicionar", "adicione", "compro", "prendo", "buy"},
     {"i'll take", "lo prendo", "me lo llevo", "vou levar"}},
    {Intent::kCheckout,
     {"checkout", "cassa", "pagare", "paga", "pay", "pagar", "ordina", "concludi", "confermo", "finalizar",
      "finalizza", "comprar"},
     {"check out", "place the order", "place order", "completa l'ordine", "confirmar pedido",
      "confirm the order", "fazer a encomenda"}},
    {Intent::kViewCart, {"carrello", "cart", "basket", "carrito", "carrinho"}, {}},
    {Intent::kOffers,
     {"offerte", "offerta", "offers", "offer", "deals", "sconti", "sconto", "discount", "discounts",
      "ofertas", "oferta", "descuentos", "descontos", "promozioni", "promotions", "promociones", "promoções"},
     {}},
    {Intent::kCategories,
     {"catalogo", "catalog", "catalogue", "catálogo", "categorie", "categories", "categorías", "categorias",
      "menu", "menù"},
     {"cosa vendete", "what do you sell", "qué vendéis", "qué venden", "o que vendem"}},
    {Intent::kHelp,
     {"aiuto", "help", "ayuda", "ajuda"},
     {"cosa puoi fare", "what can you do", "qué puedes hacer", "o que podes fazer"}},
};

// Words that carry no product meaning: greetings, politeness, question and wanting words, articles.
const std::initializer_list<const char*> kFillers = {
    // greetings and thanks
    "ciao",
    "buongiorno",
    "buonasera",
    "salve",
    "hello",
    "hi",
    "hey",
    "hola",
    "buenos",
    "buenas",
    "días",
    "dias",
    "olá",
    "ola",
    "oi",
    "bom",
    "boa",
    "dia",
    "tarde",
    "noite",
    "good",
    "morning",
    "evening",
    "grazie",
    "thanks",
    "thank",
    "gracias",
    "obrigado",
    "obrigada",
    "mille",
    "muchas",
    "muito",
    // politeness, wanting, asking
    "per",
    "favore",
    "please",
    "por",
    "favor",
    "vorrei",
    "voglio",
    "cerco",
    "avete",
    "hai",
    "c'è",
    "want",
    "would",
    "like",
    "need",
    "looking",
    "have",
    "you",
    "do",
    "quiero",
    "quisiera",
    "busco",
    "tienen",
    "tenéis",
    "tienes",
    "quero",
    "queria",
    "procuro",
    "têm",
    "tem",
    "gostaria",
    "mostrami",
    "show",
    "muéstrame",
    "mostra",
    "mostre",
    "come",
    "quando",
    "dove",
    "perché",
    "when",
    "where",
    "why",
    "can",
    "could",
    "cómo",
    "como",
    "cuándo",
    "dónde",
    "onde",
    "posso",
    "puedo",
    "pode",
    "podes",
    "puoi",
    "potete",
    "vocês",
    "quanto",
    "costa",
    "quanta",
    "how",
    "much",
    "cuánto",
    "cuanto",
    "cuesta",
    "custa",
    "prezzo",
    "price",
    "precio",
    "preço",
    "is",
    "are",
    "es",
    "está",
    "è",
    "sono",
    "there",
    "any",
    "vendete",
    "sell",
    // articles, pronouns, prepositions, conjunctions
    "il",
    "lo",
    "la",
    "i",
    "gli",
    "le",
    "un",
    "una",
    "uno",
    "di",
    "del",
    "della",
    "dello",
    "dei",
    "degli",
    "delle",
    "da",
    "con",
    "su",
    "mi",
    "ti",
    "me",
    "the",
    "a",
    "an",
    "of",
    "for",
    "with",
    "some",
    "to",
    "my",
    "and",
    "or",
    "el",
    "los",
    "las",
    "unos",
    "unas",
    "de",
    "para",
    "y",
    "o",
    "os",
    "as",
    "um",
    "uma",
    "uns",
    "umas",
    "do",
    "dos",
    "das",
    "com",
    "e",
    "ou",
    "al",
    "alla",
    "nel",
    "nella",
    "in",
    "en",
    "no",
    "al",
    "que",
    "che",
    "what",
    "qué",
    "cosa",
    "also",
    "anche",
    "también",
    "também",
    "more",
    "altri",
    "ancora",
    "pezzi",
    "pieces",
    "unidades",
    "unità",
    "x",
    // quantities in words
    "uno",
    "due",
    "tre",
    "quattro",
    "cinque",
    "one",
    "two",
    "three",
    "four",
    "five",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "dois",
    "duas",
    "três",
    "quatro",
    "codice",
    "code",
    "código",
    "codigo",
    "coupon",
    "promo",
};

const std::pair<const char*, int> kNumberWords[] = {
    {"un", 1},     {"uno", 1},    {"una", 1},    {"one", 1},  {"a", 1},       {"um", 1},
    {"uma", 1},    {"due", 2},    {"two", 2},    {"dos", 2},  {"dois", 2},    {"duas", 2},
    {"tre", 3},    {"three", 3},  {"tres", 3},   {"três", 3}, {"quattro", 4}, {"four", 4},
    {"cuatro", 4}, {"quatro", 4}, {"cinque", 5}, {"five", 5}, {"cinco", 5},
};

// A number followed by one of these is a size ("24 mesi", "500 g"), not a quantity.
const std::initializer_list<const char*> kUnits = {"mesi", "months", "meses", "g",     "gr",   "kg",  "ml",
                                                   "l",    "cl",     "anni",  "years", "años", "anos"};

bool contains(std::initializer_list<const char*> list, const std::string& w) {
  return std::any_of(list.begin(), list.end(), [&](const char* x) { return w == x; });
}

bool contains_word(const char* phrase, const std::string& w) {
  for (const auto& x : words_of(phrase)) {
    if (x == w) return true;
  }
  return false;
}

bool is_order_code(const std::string& upper) {
  // ORD-2026-000123
  if (upper.size() < 10 || upper.compare(0, 4, "ORD-") != 0) return false;
  const auto dash = upper.find('-', 4);
  if (dash != 8) return false;
  for (std::size_t i = 4; i < upper.size(); ++i) {
    if (i != dash && !std::isdigit(static_cast<unsigned char>(upper[i]))) return false;
  }
  return upper.size() > 9;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A promo code as customers type it: letters and digits, both present (BENVENUTO10), 4 to 20 long.
bool looks_like_code(const std::string& w) {
  if (w.size() < 4 || w.size() > 20) return false;
  bool letter = false, digit = false;
  for (const char c : w) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      letter = true;
    } else if (std::isdigit(u)) {
      digit = true;
    } else {
      return false;
    }
  }
  return letter && digit;
}

}  // namespace

std::string detect_language(std::string_view text, std::string_view fallback) {
  const auto words = words_of(lower(text));
  std::array<int, std::size(kLanguageWords)> score{};
  for (const auto& w : words) {
    int languages = 0;
    for (const auto& l : kLanguageWords) languages += contains(l.words, w) ? 1 : 0;
    if (languages == 0) continue;
    for (std::size_t i = 0; i < score.size(); ++i) {
      if (contains(kLanguageWords[i].words, w)) score[i] += languages == 1 ? 3 : 1;
    }
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < score.size(); ++i) {
    if (score[i] > score[best]) best = i;
  }
  const int runner_up = [&] {
    int r = 0;
    for (std::size_t i = 0; i < score.size(); ++i) {
      if (i != best) r = std::max(r, score[i]);
    }
    return r;
  }();
  // Clear means: a word only that language uses, and more evidence than for any other.
  if (score[best] >= 3 && score[best] > runner_up) return kLanguageWords[best].code;
  return std::string(fallback);
}

Understood understand(std::string_view text, std::string_view reply_id, std::string_view fallback_language) {
  Understood u;
  // A tapped title is a name ("Formaggi") or a label in the language already in use: no evidence.
  u.language = reply_id.empty() ? detect_language(text, fallback_language) : std::string(fallback_language);
  const std::string id(reply_id);
  const auto prefixed = [&](std::string_view p) {
    if (id.rfind(p, 0) != 0) return false;
    u.ref = id.substr(p.size());
    return true;
  };
  if (!id.empty()) {
    if (id == "categories")
      u.intent = Intent::kCategories;
    else if (id == "cart")
      u.intent = Intent::kViewCart;
    else if (id == "checkout")
      u.intent = Intent::kCheckout;
    else if (id == "offers")
      u.intent = Intent::kOffers;
    else if (id == "operator")
      u.intent = Intent::kOperator;
    else if (id == "help")
      u.intent = Intent::kHelp;
    else if (prefixed("cat:"))
      u.intent = Intent::kCategory;
    else if (prefixed("prod:"))
      u.intent = Intent::kProduct;
    else if (prefixed("add:"))
      u.intent = Intent::kAddToCart;
    else if (prefixed("rm:"))
      u.intent = Intent::kRemoveFromCart;
    else
      u.intent = Intent::kSearch;
    if (u.intent != Intent::kSearch) return u;
  }

  const std::string low = lower(text);
  const std::string padded = " " + low + " ";
  u.question = low.find('?') != std::string::npos || low.find("\u00bf") != std::string::npos;
  const auto original = words_of(text);
  const auto words = words_of(low);

  // Entities: an order code, a promo code, a quantity.
  std::vector<bool> used(words.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto up = upper(original[i]);
    if (is_order_code(up)) {
      u.order_code = up;
      used[i] = true;
      continue;
    }
    const bool after_keyword =
        i > 0 && (words[i - 1] == "codice" || words[i - 1] == "code" || words[i - 1] == "código" ||
                  words[i - 1] == "codigo" || words[i - 1] == "coupon" || words[i - 1] == "promo");
    const bool typed_as_code = looks_like_code(original[i]) && original[i] == up;
    if (u.promo_code.empty() &&
        (typed_as_code || (after_keyword && words[i].size() >= 3 && !contains(kFillers, words[i])))) {
      u.promo_code = up;
      used[i] = true;
      continue;
    }
    if (u.quantity == 0) {
      const bool unit_follows = i + 1 < words.size() && contains(kUnits, words[i + 1]);
      if (is_number(words[i]) && !unit_follows) {
        const int n = std::stoi(words[i]);
        if (n >= 1 && n <= 999) {
          u.quantity = n;
          used[i] = true;
        }
      } else if (!unit_follows) {
        for (const auto& [word, n] : kNumberWords) {
          // "a"/"un" only count as quantities next to an add intent; other number words always.
          if (words[i] == word && n > 1) {
            u.quantity = n;
            used[i] = true;
          }
        }
      }
    }
  }

  // The intent: the first group whose words or phrases appear.
  std::vector<const Keywords*> matched;
  for (const auto& k : kIntents) {
    bool hit = false;
    for (const char* p : k.phrases) hit = hit || padded.find(std::string(" ") + p) != std::string::npos;
    for (std::size_t i = 0; i < words.size() && !hit; ++i) hit = contains(k.words, words[i]);
    if (hit) matched.push_back(&k);
  }
  // The remaining words describe a product (or form the question).
  std::string terms;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (used[i] || contains(kFillers, words[i])) continue;
    bool keyword = words[i].size() == 1 && !std::isdigit(static_cast<unsigned char>(words[i][0]));
    for (const auto& k : kIntents) {
      keyword = keyword || contains(k.words, words[i]);
      for (const char* p : k.phrases) keyword = keyword || contains_word(p, words[i]);
    }
    if (keyword) continue;
    terms += (terms.empty() ? "" : " ") + words[i];
  }
  u.terms = terms;

  const auto first = [&]() -> Intent { return matched.empty() ? Intent::kSearch : matched.front()->intent; };
  Intent intent = first();
  if (!u.order_code.empty() && intent != Intent::kInvoice && intent != Intent::kTracking &&
      intent != Intent::kOperator) {
    intent = Intent::kOrderStatus;
  } else if (!u.promo_code.empty() && (intent == Intent::kSearch || intent == Intent::kViewCart)) {
    intent = Intent::kPromoCode;
  }
  // "How can I pay?" is a question for the FAQs, not a wish to pay now.
  if (intent == Intent::kCheckout && u.question) intent = Intent::kSearch;
  if (intent == Intent::kSearch && terms.empty()) {
    const bool thanks =
        padded.find(" grazie") != std::string::npos || padded.find(" thank") != std::string::npos ||
        padded.find(" gracias") != std::string::npos || padded.find(" obrigad") != std::string::npos;
    if (thanks) {
      intent = Intent::kThanks;
    } else if (!words.empty() && !u.question) {
      intent = Intent::kGreeting;  // "ciao", "hola!", "good morning": nothing to look for
    }
  }
  u.intent = intent;
  return u;
}

}  // namespace shopme::agent
