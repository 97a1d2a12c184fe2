// The offline agent: answers without a language model, so `make run` works with no network and a
// failing provider never leaves a customer unanswered. It recognises a few intents by keywords in
// the four languages and otherwise searches the catalog and FAQs with the customer's words.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/agent/agent_turn.hpp"
#include "infrastructure/agent/tools.hpp"

namespace shopme::agent {
namespace json = boost::json;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_any(const std::string& text, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (text.find(w) != std::string::npos) return true;
  }
  return false;
}

struct Phrases {
  const char* hello;
  const char* found;
  const char* nothing;
  const char* operator_on_way;
};

Phrases phrases(const std::string& language) {
  if (language == "en") {
    return {"Hello {name}! What are you looking for today? Tell me a product or ask a question.",
            "Here is what I found:",
            "I found nothing for \"{q}\". Could you describe it differently? Or write \"operator\" to talk "
            "to a person.",
            "I am handing you to a person from the team: they will answer here shortly."};
  }
  if (language == "es") {
    return {"¡Hola {name}! ¿Qué buscas hoy? Dime un producto o hazme una pregunta.",
            "Esto es lo que he encontrado:",
            "No he encontrado nada para «{q}». ¿Puedes describirlo de otra forma? O escribe «operador» para "
            "hablar con una persona.",
            "Te paso con una persona del equipo: te responderá aquí en breve."};
  }
  if (language == "pt") {
    return {"Olá {name}! O que procura hoje? Diga-me um produto ou faça uma pergunta.",
            "Eis o que encontrei:",
            "Não encontrei nada para «{q}». Pode descrever de outra forma? Ou escreva «operador» para falar "
            "com uma pessoa.",
            "Vou passá-lo a uma pessoa da equipa: responderá aqui em breve."};
  }
  return {"Ciao {name}! Cosa cerchi oggi? Dimmi un prodotto o fammi una domanda.", "Ecco cosa ho trovato:",
          "Non ho trovato nulla per «{q}». Puoi descriverlo in un altro modo? Oppure scrivi «operatore» per "
          "parlare con una persona.",
          "Ti metto in contatto con una persona del team: ti risponderà qui a breve."};
}

std::string fill_in(std::string text, const std::string& key, const std::string& value) {
  const auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

const Tool* find_tool(const std::vector<Tool>& tools, std::string_view name) {
  for (const auto& t : tools) {
    if (t.spec.name == name) return &t;
  }
  return nullptr;
}

}  // namespace

std::string builtin_reply(ToolContext& c, const std::string& customer_text, const std::string& customer_name,
                          const std::vector<std::string>& enabled_tools, bool* handed_over) {
  const auto p = phrases(c.language);
  const auto text = lower(customer_text);
  const auto tools = available_tools(enabled_tools);
  const json::value none = json::object{{"items", json::array{}}};
  const auto use = [&](std::string_view name, json::object args) -> json::value {
    const Tool* t = find_tool(tools, name);
    return t ? t->run(c, args) : none;
  };
  if (find_tool(tools, "contact_operator") &&
      has_any(text, {"operator", "umano", "persona", "human", "person", "agente", "atendente", "humano",
                     "pessoa"})) {
    use("contact_operator", json::object{{"reason", "asked in the chat"}});
    if (handed_over) *handed_over = true;
    return p.operator_on_way;
  }
  const bool greeting_only =
      text.size() < 25 && has_any(text, {"ciao", "buongiorno", "salve", "hello", "hi", "hola", "buenos",
                                         "olá", "ola", "bom dia", "good morning"});
  if (greeting_only) return fill_in(p.hello, "{name}", customer_name);

  // A question first: the best FAQ answer when it matches well, else products and services.
  const auto faq = use("search_faq", json::object{{"query", customer_text}, {"limit", 1}});
  const auto products = use("search_products", json::object{{"query", customer_text}, {"limit", 3}});
  const auto& found = products.as_object().at("items").as_array();
  const auto& answers = faq.as_object().at("items").as_array();
  const bool question = text.find('?') != std::string::npos ||
                        has_any(text, {"come ", "quando", "quanto", "dove", "how ", "when", "where", "cómo",
                                       "cuándo", "dónde", "como ", "quando"});
  if (!answers.empty() && (question || found.empty()))
    return std::string(answers[0].at("answer").as_string());
  if (found.empty()) return fill_in(p.nothing, "{q}", customer_text.substr(0, 60));
  std::string reply = p.found;
  for (const auto& item : found) {
    reply += "\n• " + std::string(item.at("name").as_string());
    if (const auto* price = item.as_object().if_contains("price"))
      reply += " — " + std::string(price->as_string());
  }
  return reply;
}

}  // namespace shopme::agent
