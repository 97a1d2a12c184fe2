// The offline agent's understanding of customer messages, in the four languages, and its phrasebook.
#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/agent/phrasebook.hpp"
#include "domain/agent/understanding.hpp"

namespace shopme::agent {
namespace {

TEST(DetectLanguage, ClearWordsDecideElseTheCustomersLanguageStays) {
  struct Case {
    const char* text;
    const char* fallback;
    const char* expected;
  };
  const Case cases[] = {
      {"Ciao, vorrei del formaggio", "en", "it"},
      {"Hello, I would like some cheese", "it", "en"},
      {"Hola, quiero queso por favor", "it", "es"},
      {"Olá, queria queijo por favor", "it", "pt"},
      {"Obrigado!", "it", "pt"},
      {"gracias", "pt", "es"},
      {"2", "es", "es"},
      {"Parmigiano", "pt", "pt"},
      {"BENVENUTO10", "en", "en"},
      {"", "it", "it"},
  };
  for (const auto& c : cases) EXPECT_EQ(detect_language(c.text, c.fallback), c.expected) << c.text;
}

TEST(Understand, IntentsAndEntitiesInFourLanguages) {
  struct Case {
    const char* text;
    Intent intent;
    int quantity;
    const char* terms;
  };
  const Case cases[] = {
      {"Ciao!", Intent::kGreeting, 0, ""},
      {"Buenos días", Intent::kGreeting, 0, ""},
      {"Grazie mille", Intent::kThanks, 0, ""},
      {"thank you!", Intent::kThanks, 0, ""},
      {"Vorrei parlare con un operatore", Intent::kOperator, 0, ""},
      {"quiero hablar con una persona", Intent::kOperator, 0, ""},
      {"Aggiungi 2 parmigiano 24 mesi", Intent::kAddToCart, 2, "parmigiano 24 mesi"},
      {"add two prosecco please", Intent::kAddToCart, 2, "prosecco"},
      {"añade 3 spaghetti", Intent::kAddToCart, 3, "spaghetti"},
      {"adiciona 1 barolo", Intent::kAddToCart, 1, "barolo"},
      {"mettine 2", Intent::kAddToCart, 2, ""},
      {"togli il pecorino", Intent::kRemoveFromCart, 0, "pecorino"},
      {"Cosa c'è nel carrello?", Intent::kViewCart, 0, ""},
      {"ver carrinho", Intent::kViewCart, 0, "ver"},
      {"¡Hola!", Intent::kGreeting, 0, ""},
      {"Voglio pagare", Intent::kCheckout, 0, ""},
      {"Come posso pagare?", Intent::kSearch, 0, ""},
      {"¿Cómo puedo pagar?", Intent::kSearch, 0, ""},
      {"Mostrami il catalogo", Intent::kCategories, 0, ""},
      {"¿Qué ofertas tenéis?", Intent::kOffers, 0, ""},
      {"Cerco un olio extravergine", Intent::kSearch, 0, "olio extravergine"},
      {"Do you have olive oil?", Intent::kSearch, 0, "olive oil"},
      {"Quanto costa la spedizione?", Intent::kSearch, 0, "spedizione"},
      {"help", Intent::kHelp, 0, ""},
      {"la fattura del mio ordine", Intent::kInvoice, 0, ""},
      {"where is my order?", Intent::kTracking, 0, ""},
      {"i miei ordini", Intent::kOrderStatus, 0, ""},
      {"voglio cancellare i miei dati", Intent::kProfile, 0, "cancellare"},
  };
  for (const auto& c : cases) {
    const auto u = understand(c.text, "", "it");
    EXPECT_EQ(static_cast<int>(u.intent), static_cast<int>(c.intent)) << c.text;
    EXPECT_EQ(u.quantity, c.quantity) << c.text;
    EXPECT_EQ(u.terms, c.terms) << c.text;
  }
}

TEST(Understand, CodesAreRecognisedWhereverWritten) {
  auto u = understand("ho il codice benvenuto10", "", "it");
  EXPECT_EQ(u.intent, Intent::kPromoCode);
  EXPECT_EQ(u.promo_code, "BENVENUTO10");
  u = understand("BENVENUTO10", "", "es");
  EXPECT_EQ(u.intent, Intent::kPromoCode);
  EXPECT_EQ(u.promo_code, "BENVENUTO10");
  EXPECT_EQ(u.language, "es");
  u = understand("a che punto è ord-2026-000042?", "", "it");
  EXPECT_EQ(u.intent, Intent::kOrderStatus);
  EXPECT_EQ(u.order_code, "ORD-2026-000042");
  u = understand("invoice for ORD-2026-000042 please", "", "it");
  EXPECT_EQ(u.intent, Intent::kInvoice);
  EXPECT_EQ(u.order_code, "ORD-2026-000042");
  EXPECT_EQ(u.language, "en");
  // Sizes are not quantities; product words with digits typed in lower case are not codes.
  u = understand("parmigiano 36 mesi", "", "it");
  EXPECT_EQ(u.quantity, 0);
  EXPECT_TRUE(u.promo_code.empty());
}

TEST(Understand, TappedButtonsAndRowsCarryTheChoice) {
  const auto id = "0f8e2f0a-8a43-4d7e-9a63-2a4b8f3c1d55";
  auto u = understand("Aggiungi", std::string("add:") + id, "pt");
  EXPECT_EQ(u.intent, Intent::kAddToCart);
  EXPECT_EQ(u.ref, id);
  EXPECT_EQ(u.language, "pt");  // a tapped title is no evidence of language: the customer's stays
  EXPECT_EQ(understand("Formaggi", std::string("cat:") + id, "it").intent, Intent::kCategory);
  EXPECT_EQ(understand("Parmigiano", std::string("prod:") + id, "it").intent, Intent::kProduct);
  EXPECT_EQ(understand("Checkout", "checkout", "en").intent, Intent::kCheckout);
  EXPECT_EQ(understand("Talk to a person", "operator", "en").intent, Intent::kOperator);
  // An id the agent never sent is read as text.
  EXPECT_EQ(understand("Hola", "something-else", "it").intent, Intent::kGreeting);
}

TEST(Phrasebook, FillsValuesInEachLanguageAndRefusesUnknownKeys) {
  EXPECT_EQ(say("added", "en", {{"qty", "2"}, {"product", "Barolo"}}), "Added: 2 × Barolo.");
  EXPECT_EQ(say("added", "pt", {{"qty", "2"}, {"product", "Barolo"}}), "Adicionado: 2 × Barolo.");
  EXPECT_EQ(say("added", "fr", {{"qty", "1"}, {"product", "Barolo"}}), "Aggiunto: 1 × Barolo.");
  EXPECT_EQ(order_status_label("shipped", "es"), "enviado");
  EXPECT_THROW(say("no-such-phrase", "it"), std::logic_error);
  // Button titles fit WhatsApp's 20 characters in every language.
  for (const char* key :
       {"btn.catalog", "btn.offers", "btn.cart", "btn.checkout", "btn.add", "btn.operator"}) {
    for (const char* lang : {"it", "en", "es", "pt"}) EXPECT_LE(say(key, lang).size(), 20u) << key << lang;
  }
}

}  // namespace
}  // namespace shopme::agent
