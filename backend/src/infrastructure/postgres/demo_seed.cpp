#include "infrastructure/postgres/demo_seed.hpp"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <vector>

#include "infrastructure/crypto/password.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::postgres {
namespace {

constexpr const char* kIsSeeded = "SELECT 1 FROM installation_facts WHERE key = 'demo_seeded'";
constexpr const char* kMarkSeeded =
    "INSERT INTO installation_facts (key, value) VALUES ('demo_seeded', now()::text) ON CONFLICT (key) DO "
    "NOTHING";
constexpr const char* kInsertUser =
    "INSERT INTO users (email, name, password_hash, language) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (lower(email)) DO UPDATE SET name = EXCLUDED.name RETURNING id";
// The demo workspaces allow 300 API requests per user per minute (new workspaces start at 30): the
// demo is clicked through quickly by several people at once.
constexpr const char* kInsertWorkspace =
    "INSERT INTO workspaces (name, slug, currency, default_language, timezone, business_type, "
    "api_rate_limit) "
    "VALUES ($1, $2, $3, $4, $5, $6, 300) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id";
constexpr const char* kInsertMembership =
    "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

class Progress {
 public:
  Progress(std::string label, long total) : label_(std::move(label)), total_(total), tty_(isatty(2) != 0) {}
  void update(long done) {
    if (!tty_ || total_ <= 0) return;
    const int width = 40;
    const int filled = static_cast<int>(width * done / total_);
    std::fprintf(stderr, "\r%-12s [%.*s%*s] %ld/%ld", label_.c_str(), filled,
                 "########################################", width - filled, "", done, total_);
    if (done >= total_) std::fprintf(stderr, "\n");
  }

 private:
  std::string label_;
  long total_;
  bool tty_;
};

struct DemoProduct {
  const char* category;
  const char* sku;
  const char* name;
  const char* description;
  long long price;
  int tax_bp;
  int stock;
  const char* attributes;
  const char* language;
};

// A fine-food shop: the catalog the agent sells from in the demo.
constexpr DemoProduct kProducts[] = {
    {"Formaggi", "FOR-PR24", "Parmigiano Reggiano DOP 24 mesi",
     "Forma stagionata 24 mesi nelle colline di Reggio Emilia, spicchio da 500 g.", 1890, 400, 40,
     R"({"peso":"500 g","stagionatura":"24 mesi","origine":"Reggio Emilia","allergeni":"latte"})", "it"},
    {"Formaggi", "FOR-PR36", "Parmigiano Reggiano DOP 36 mesi",
     "Stagionatura lunga, gusto intenso e cristalli croccanti.", 2590, 400, 25,
     R"({"peso":"500 g","stagionatura":"36 mesi","allergeni":"latte"})", "it"},
    {"Formaggi", "FOR-PEC", "Pecorino Romano DOP",
     "Formaggio di pecora sapido, ideale per cacio e pepe e carbonara.", 1450, 400, 30,
     R"({"peso":"400 g","origine":"Lazio","allergeni":"latte"})", "it"},
    {"Formaggi", "FOR-FOS", "Formaggio di fossa di Sogliano DOP",
     "Pecorino e vaccino stagionati in fosse di tufo, sapore deciso e aromatico.", 1690, 400, 15,
     R"({"peso":"300 g","origine":"Sogliano al Rubicone","allergeni":"latte"})", "it"},
    {"Formaggi", "FOR-GORG", "Gorgonzola dolce DOP", "Erborinato cremoso di latte vaccino.", 990, 400, 20,
     R"({"peso":"300 g","allergeni":"latte"})", "it"},
    {"Salumi", "SAL-PRO", "Prosciutto di Parma DOP 18 mesi", "Affettato a mano, vaschetta da 100 g.", 790,
     1000, 60, R"({"peso":"100 g","stagionatura":"18 mesi","origine":"Parma"})", "it"},
    {"Salumi", "SAL-CUL", "Culatello di Zibello DOP",
     "Il re dei salumi, stagionato nelle cantine della Bassa.", 3900, 1000, 8,
     R"({"peso":"200 g","origine":"Zibello"})", "it"},
    {"Salumi", "SAL-NDU", "'Nduja di Spilinga", "Salume piccante spalmabile calabrese.", 850, 1000, 35,
     R"({"peso":"250 g","piccante":"sì"})", "it"},
    {"Pasta", "PAS-SPA", "Spaghetti di Gragnano IGP", "Trafilati al bronzo, essiccazione lenta, 500 g.", 390,
     400, 200, R"({"peso":"500 g","formato":"spaghetti","allergeni":"glutine"})", "it"},
    {"Pasta", "PAS-PAC", "Paccheri di Gragnano IGP", "Pasta di semola trafilata al bronzo, 500 g.", 420, 400,
     150, R"({"peso":"500 g","formato":"paccheri","allergeni":"glutine"})", "it"},
    {"Pasta", "PAS-TAG", "Tagliatelle all'uovo", "Pasta fresca all'uovo tirata a mano, 250 g.", 560, 400, 40,
     R"({"peso":"250 g","allergeni":"glutine, uova"})", "it"},
    {"Oli e aceti", "OIL-TAG", "Extra Virgin Olive Oil Taggiasca",
     "Cold-pressed extra virgin olive oil from Taggiasca olives of Liguria, fruity and delicate, 500 ml "
     "bottle.",
     1650, 400, 50, R"({"volume":"500 ml","origin":"Liguria","harvest":"2026"})", "en"},
    {"Oli e aceti", "OIL-TOS", "Olio extravergine toscano IGP",
     "Olio di oliva toscano dal gusto piccante, 750 ml.", 1990, 400, 45,
     R"({"volume":"750 ml","origine":"Toscana"})", "it"},
    {"Oli e aceti", "ACE-BAL", "Aceto Balsamico di Modena IGP", "Invecchiato in botti di rovere, 250 ml.",
     1290, 2200, 30, R"({"volume":"250 ml","origine":"Modena"})", "it"},
    {"Vini", "VIN-BAR", "Barolo DOCG 2019", "Nebbiolo delle Langhe, 14 %, bottiglia 750 ml.", 4500, 2200, 24,
     R"({"volume":"750 ml","gradazione":"14%","annata":"2019","allergeni":"solfiti"})", "it"},
    {"Vini", "VIN-CHI", "Chianti Classico DOCG", "Sangiovese, 13.5 %, bottiglia 750 ml.", 1850, 2200, 48,
     R"({"volume":"750 ml","gradazione":"13.5%","allergeni":"solfiti"})", "it"},
    {"Vini", "VIN-PRO", "Prosecco Superiore DOCG", "Spumante extra dry di Valdobbiadene.", 1450, 2200, 60,
     R"({"volume":"750 ml","allergeni":"solfiti"})", "it"},
    {"Dolci", "DOL-CAN", "Cantucci toscani alle mandorle",
     "Biscotti secchi da intingere nel vin santo, 250 g.", 650, 1000, 80,
     R"({"peso":"250 g","allergeni":"glutine, uova, frutta a guscio"})", "it"},
    {"Dolci", "DOL-PAN", "Panettone artigianale",
     "Lievitazione naturale di 36 ore, canditi di Sicilia, 1 kg.", 3200, 1000, 20,
     R"({"peso":"1 kg","allergeni":"glutine, uova, latte"})", "it"},
    {"Confezioni regalo", "REG-DEG", "Cesto degustazione Emilia",
     "Parmigiano 24 mesi, Prosciutto di Parma, aceto balsamico e tagliatelle in un cesto regalo.", 5900, 1000,
     12, R"({"contenuto":"4 prodotti"})", "it"},
    {"Confezioni regalo", "REG-VIN", "Box Vini d'Italia",
     "Barolo, Chianti Classico e Prosecco in confezione regalo.", 7500, 2200, 10,
     R"({"contenuto":"3 bottiglie"})", "it"},
};

struct DemoFaq {
  const char* language;
  const char* question;
  const char* answer;
};

constexpr DemoFaq kFaqs[] = {
    {"it", "Quanto costa la spedizione?",
     "La spedizione in Italia costa 6,90 euro ed è gratuita sopra i 49 euro."},
    {"it", "Quali sono i tempi di consegna?",
     "Consegniamo in 24-48 ore lavorative in tutta Italia con corriere espresso."},
    {"it", "Posso restituire un prodotto?",
     "Puoi restituire i prodotti non deperibili entro 14 giorni dalla consegna."},
    {"it", "Come posso pagare?", "Accettiamo carte di credito e debito tramite un link di pagamento sicuro."},
    {"en", "How much is shipping?", "Shipping in Italy costs 6.90 euros and is free above 49 euros."},
    {"en", "How long does delivery take?",
     "We deliver within 24-48 working hours across Italy by express courier."},
    {"en", "Can I return a product?", "You can return non-perishable products within 14 days of delivery."},
    {"en", "How can I pay?", "We accept credit and debit cards through a secure payment link."},
    {"es", "¿Cuánto cuesta el envío?",
     "El envío en Italia cuesta 6,90 euros y es gratuito a partir de 49 euros."},
    {"es", "¿Cuánto tarda la entrega?",
     "Entregamos en 24-48 horas laborables en toda Italia con mensajería urgente."},
    {"es", "¿Puedo devolver un producto?",
     "Puedes devolver los productos no perecederos en un plazo de 14 días."},
    {"es", "¿Cómo puedo pagar?", "Aceptamos tarjetas de crédito y débito mediante un enlace de pago seguro."},
    {"pt", "Quanto custa o envio?", "O envio em Itália custa 6,90 euros e é grátis acima de 49 euros."},
    {"pt", "Quanto tempo demora a entrega?",
     "Entregamos em 24-48 horas úteis em toda a Itália por correio expresso."},
    {"pt", "Posso devolver um produto?",
     "Pode devolver produtos não perecíveis no prazo de 14 dias após a entrega."},
    {"pt", "Como posso pagar?",
     "Aceitamos cartões de crédito e débito através de um link de pagamento seguro."},
};

void seed_shop_catalog(pqxx::work& tx, const std::string& ws) {
  std::map<std::string, std::string> categories;
  int order = 0;
  for (const char* name :
       {"Formaggi", "Salumi", "Pasta", "Oli e aceti", "Vini", "Dolci", "Confezioni regalo"}) {
    categories[name] =
        postgres::exec1(
            tx,
            "INSERT INTO categories (workspace_id, name, display_order) VALUES ($1::uuid, $2, $3) "
            "RETURNING id::text",
            ws, std::string(name), ++order)[0]
            .as<std::string>();
  }
  // A sub-category, so that "products of a category" can include sub-categories.
  const auto aged =
      postgres::exec1(
          tx,
          "INSERT INTO categories (workspace_id, parent_id, name, display_order) VALUES ($1::uuid, "
          "$2::uuid, 'Formaggi stagionati', 1) RETURNING id::text",
          ws, categories["Formaggi"])[0]
          .as<std::string>();
  for (const auto& p : kProducts) {
    const std::string sku = p.sku;
    const std::string category = (sku == "FOR-PR24" || sku == "FOR-PR36") ? aged : categories[p.category];
    postgres::exec0(
        tx,
        "INSERT INTO products (workspace_id, sku, name, description, price, tax_rate, stock, category_id, "
        "attributes, language) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::uuid, $9::jsonb, $10)",
        ws, sku, std::string(p.name), std::string(p.description), p.price, p.tax_bp, p.stock, category,
        std::string(p.attributes), std::string(p.language));
  }
  postgres::exec0(
      tx,
      "INSERT INTO offers (workspace_id, name, description, type, value, category_ids) VALUES ($1::uuid, "
      "'Settimana "
      "dei formaggi', 'Il 10% di sconto su tutti i formaggi', 'percentage', 1000, ARRAY[$2::uuid])",
      ws, categories["Formaggi"]);
  postgres::exec0(
      tx,
      "INSERT INTO offers (workspace_id, name, description, type, buy_quantity, get_quantity, product_ids) "
      "VALUES "
      "($1::uuid, 'Pasta 3x2', 'Tre pacchi di spaghetti al prezzo di due', 'buy_x_get_y', 2, 1, "
      "ARRAY[(SELECT id FROM "
      "products WHERE workspace_id = $1::uuid AND sku = 'PAS-SPA')])",
      ws);
  postgres::exec0(
      tx,
      "INSERT INTO offers (workspace_id, name, description, type, value, code, min_purchase, "
      "usage_limit_per_customer) "
      "VALUES ($1::uuid, 'Benvenuto', 'Il 10% sul primo ordine sopra i 30 euro', 'percentage', 1000, "
      "'BENVENUTO10', "
      "3000, 1)",
      ws);
  for (const auto& f : kFaqs) {
    postgres::exec0(
        tx, "INSERT INTO faqs (workspace_id, language, question, answer) VALUES ($1::uuid, $2, $3, $4)", ws,
        std::string(f.language), std::string(f.question), std::string(f.answer));
  }
  postgres::exec0(
      tx,
      "INSERT INTO services (workspace_id, name, description, price, tax_rate) VALUES ($1::uuid, 'Confezione "
      "regalo', 'Carta, nastro e biglietto scritto a mano', 350, 2200), ($1::uuid, 'Consegna espressa', "
      "'Consegna "
      "entro il giorno lavorativo successivo', 990, 2200)",
      ws);
  const char* names[] = {"Giulia Bianchi", "Luca Romano",     "Sofia Colombo",      "Marco Ricci",
                         "Emma Marino",    "Leonardo Greco",  "Chiara Bruno",       "Matteo Gallo",
                         "Anna Conti",     "Davide Costa",    "Laura Giordano",     "Paolo Mancini",
                         "Sara Rizzo",     "Andrea Lombardi", "Elena Moretti",      "John Smith",
                         "Mary Johnson",   "Carlos García",   "Lucía Fernández",    "João Silva",
                         "Ana Souza",      "Pedro Santos",    "Francesca Barbieri", "Simone Fontana"};
  int n = 0;
  for (const char* name : names) {
    ++n;
    const std::string language = n == 16 || n == 17   ? "en"
                                 : n == 18 || n == 19 ? "es"
                                 : n >= 20 && n <= 22 ? "pt"
                                                      : "it";
    postgres::exec0(
        tx,
        "INSERT INTO customers (workspace_id, name, email, phone, whatsapp_id, language, gdpr_consent_at, "
        "gdpr_consent_version, registered_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, now() - "
        "make_interval(days => "
        "$7), 'v1', now() - make_interval(days => $7))",
        ws, std::string(name), "customer" + std::to_string(n) + "@example.com",
        "+3934700000" + std::to_string(10 + n), "3934700000" + std::to_string(10 + n), language, n * 3);
  }
}

void seed_hotel_services(pqxx::work& tx, const std::string& ws) {
  postgres::exec0(
      tx,
      "INSERT INTO services (workspace_id, name, description, price, tax_rate, duration_minutes) VALUES "
      "($1::uuid, 'Camera doppia vista lago', 'Pernottamento con colazione per due persone', 16000, 1000, "
      "1440), "
      "($1::uuid, 'Massaggio rilassante', 'Cinquanta minuti nella spa dell hotel', 7000, 2200, 50), "
      "($1::uuid, 'Transfer aeroporto', 'Auto privata da e per Milano Malpensa', 9000, 1000, 90), "
      "($1::uuid, 'Cena degustazione', 'Cinque portate con vini abbinati', 8500, 1000, 150)",
      ws);
  postgres::exec0(
      tx,
      "INSERT INTO faqs (workspace_id, language, question, answer) VALUES ($1::uuid, 'it', 'A che ora è il "
      "check-in?', 'Il check-in è dalle 14:00, il check-out entro le 11:00.'), ($1::uuid, 'en', 'What time "
      "is "
      "check-in?', 'Check-in is from 2 pm, check-out by 11 am.')",
      ws);
}

}  // namespace

bool seed_demo(pqxx::connection& conn, const std::string& password) {
  pqxx::work tx(conn);
  if (!tx.exec(kIsSeeded).empty()) return false;
  const std::string hash = crypto::hash_password(password);
  const auto admin = postgres::exec1(tx, kInsertUser, "admin@shopme.test", "Alessandra Admin", hash, "en")[0]
                         .as<std::string>();
  const auto manager = postgres::exec1(tx, kInsertUser, "manager@shopme.test", "Marco Manager", hash, "it")[0]
                           .as<std::string>();
  const auto agent =
      postgres::exec1(tx, kInsertUser, "agent@shopme.test", "Giulia Agent", hash, "it")[0].as<std::string>();
  const auto shop = postgres::exec1(tx, kInsertWorkspace, "Bottega Italiana", "bottega-italiana", "EUR", "it",
                                    "Europe/Rome", "fine_food")[0]
                        .as<std::string>();
  const auto hotel = postgres::exec1(tx, kInsertWorkspace, "Hotel Belvedere", "hotel-belvedere", "EUR", "it",
                                     "Europe/Rome", "hospitality")[0]
                         .as<std::string>();
  postgres::exec0(tx, kInsertMembership, shop, admin, "admin");
  postgres::exec0(tx, kInsertMembership, hotel, admin, "admin");
  postgres::exec0(tx, kInsertMembership, shop, manager, "manager");
  postgres::exec0(tx, kInsertMembership, shop, agent, "agent");
  seed_shop_catalog(tx, shop);
  seed_hotel_services(tx, hotel);
  tx.exec0(kMarkSeeded);
  tx.commit();
  log::info("demo data seeded", {{"workspaces", 2}, {"users", 3}});
  return true;
}

namespace {

constexpr int kBatch = 10'000;

// Plausible names from a few word lists, so that search and sorting behave as with real data.
constexpr const char* kGenerateProducts = R"sql(
INSERT INTO products (workspace_id, sku, name, description, price, tax_rate, stock, status, category_id, attributes, language)
SELECT $1::uuid, 'GEN-' || g,
       (ARRAY['Formaggio','Salame','Olio','Vino','Pasta','Biscotti','Miele','Caffè','Cioccolato','Marmellata'])[1 + g % 10]
       || ' ' || (ARRAY['artigianale','biologico','della casa','di montagna','classico','riserva','speciale','tradizionale'])[1 + (g / 10) % 8]
       || ' ' || (ARRAY['toscano','piemontese','siciliano','pugliese','veneto','laziale','campano','ligure','emiliano','umbro'])[1 + (g / 80) % 10]
       || ' ' || g,
       'Prodotto ' || g || ': selezione di qualità, confezione da ' || (100 + g % 900) || ' g.',
       100 + (g * 37) % 9900, 2200, g % 500,
       CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
       ($4::uuid[])[1 + g % array_length($4::uuid[], 1)],
       jsonb_build_object('lotto', (g % 1000)::text, 'peso', (100 + g % 900) || ' g'), 'it'
FROM generate_series($2::int, $3::int) AS g)sql";

constexpr const char* kGenerateCustomers = R"sql(
INSERT INTO customers (workspace_id, name, email, phone, whatsapp_id, language, registered_at, gdpr_consent_at, gdpr_consent_version)
SELECT $1::uuid,
       (ARRAY['Giulia','Luca','Sofia','Marco','Emma','Paolo','Anna','Davide','Sara','Elena'])[1 + g % 10] || ' ' ||
       (ARRAY['Rossi','Bianchi','Colombo','Ricci','Marino','Greco','Bruno','Gallo','Conti','Costa'])[1 + (g / 10) % 10] || ' ' || g,
       'cliente' || g || '@example.com', '+39' || (3200000000 + g)::text, '39' || (3200000000 + g)::text,
       (ARRAY['it','it','it','en','es','pt'])[1 + g % 6], now(), now(), 'v1'
FROM generate_series($2::int, $3::int) AS g)sql";

// A chat history: customers ask, the shop answers, spread over the last 30 days.
constexpr const char* kGenerateMessages = R"sql(
WITH conv AS (SELECT array_agg(id ORDER BY created_at, id) AS a FROM conversations
              WHERE workspace_id = $1::uuid AND NOT sandbox)
INSERT INTO messages (workspace_id, conversation_id, direction, type, text, status, status_rank,
                      provider_message_id, author_kind, created_at)
SELECT $1::uuid, conv.a[1 + (g / 2) % array_length(conv.a, 1)],
       CASE WHEN g % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
       CASE WHEN g % 2 = 0
            THEN (ARRAY['Buongiorno, avete il Parmigiano 24 mesi?', 'Quanto costa la spedizione in Spagna?',
                        'Vorrei ordinare due bottiglie di olio', 'Il mio ordine è partito?',
                        'Do you ship to London?', 'Tem vinho tinto?'])[1 + (g / 2) % 6]
            ELSE (ARRAY['Certo! Ecco il link al prodotto.', 'La spedizione costa 9,90 €.',
                        'Ordine ricevuto, grazie!', 'Sì, è in consegna.', 'Yes, we do.', 'Sim, temos.'])[1 + (g / 2) % 6]
       END,
       CASE WHEN g % 2 = 0 THEN 'received' ELSE 'read' END, CASE WHEN g % 2 = 0 THEN 0 ELSE 5 END,
       'wamid.gen.' || $1::text || '.' || g, CASE WHEN g % 2 = 0 THEN 'customer' ELSE 'operator' END,
       now() - make_interval(secs => ((($3::int - g) * 37) % 2592000))
FROM generate_series($2::int, $3::int) AS g, conv)sql";

std::vector<std::string> generated_categories(pqxx::connection& conn, const std::string& ws) {
  pqxx::work tx(conn);
  std::vector<std::string> ids;
  for (const auto& r : postgres::exec(
           tx, "SELECT id::text FROM categories WHERE workspace_id = $1::uuid ORDER BY name", ws)) {
    ids.push_back(r[0].as<std::string>());
  }
  if (ids.empty()) {
    for (const char* name :
         {"Formaggi", "Salumi", "Dispensa", "Vini", "Dolci", "Bevande", "Conserve", "Regali"}) {
      ids.push_back(
          postgres::exec1(
              tx, "INSERT INTO categories (workspace_id, name) VALUES ($1::uuid, $2) RETURNING id::text", ws,
              std::string(name))[0]
              .as<std::string>());
    }
  }
  tx.commit();
  return ids;
}

std::string array_literal(const std::vector<std::string>& ids) {
  std::string lit = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) lit += (i ? "," : "") + ids[i];
  return lit + "}";
}

void generate(pqxx::connection& conn, const char* label, const char* sql, const std::string& ws, int count,
              const std::optional<std::string>& categories, const std::string& table) {
  Progress progress(label, count);
  // Continue numbering after what a previous run generated, so SKUs and phones stay unique.
  int start = 0;
  {
    pqxx::read_transaction tx(conn);
    start = postgres::exec1(tx, "SELECT count(*) FROM " + table + " WHERE workspace_id = $1::uuid", ws)[0]
                .as<int>();
  }
  for (int done = 0; done < count;) {
    const int n = std::min(kBatch, count - done);
    pqxx::work tx(conn);
    if (categories) {
      postgres::exec0(tx, sql, ws, start + done + 1, start + done + n, *categories);
    } else {
      postgres::exec0(tx, sql, ws, start + done + 1, start + done + n);
    }
    tx.commit();
    done += n;
    progress.update(done);
  }
}

}  // namespace

void seed_volume(pqxx::connection& conn, const SeedVolume& volume) {
  // Workspaces to fill: the generated ones, or the demo shop when none is asked for.
  std::vector<std::string> targets;
  if (volume.workspaces > 0) {
    Progress progress("workspaces", volume.workspaces);
    pqxx::work tx(conn);
    for (const auto& r : postgres::exec(
             tx,
             "INSERT INTO workspaces (name, slug, business_type, api_rate_limit) SELECT 'Generated shop ' || "
             "g, "
             "'generated-' || substr(md5(random()::text || g), 1, 12) || '-' || g, 'retail', 300 FROM "
             "generate_series(1, $1) AS g RETURNING id::text",
             volume.workspaces)) {
      targets.push_back(r[0].as<std::string>());
    }
    // The demo users can open the generated shops (as Admin).
    tx.exec0(
        "INSERT INTO memberships (workspace_id, user_id, role) SELECT w.id, u.id, 'admin' FROM workspaces w, "
        "users u "
        "WHERE w.slug LIKE 'generated-%' AND u.email = 'admin@shopme.test' ON CONFLICT DO NOTHING");
    tx.commit();
    progress.update(volume.workspaces);
  } else if (volume.products > 0 || volume.customers > 0 || volume.messages > 0) {
    pqxx::read_transaction tx(conn);
    const auto r = tx.exec("SELECT id::text FROM workspaces WHERE slug = 'bottega-italiana'");
    if (r.empty())
      throw std::invalid_argument(
          "no demo shop to fill: run `shopme seed --demo` first or pass --workspaces");
    targets.push_back(r[0][0].as<std::string>());
  }
  for (const auto& ws : targets) {
    if (volume.products > 0) {
      generate(conn, "products", kGenerateProducts, ws, volume.products,
               array_literal(generated_categories(conn, ws)), "products");
    }
    if (volume.customers > 0)
      generate(conn, "customers", kGenerateCustomers, ws, volume.customers, std::nullopt, "customers");
    if (volume.messages > 0) {
      // One conversation per customer, up to one for every 20 messages.
      pqxx::work tx(conn);
      const auto made =
          postgres::exec1(
              tx,
              "WITH c AS (INSERT INTO conversations (workspace_id, customer_id)"
              " SELECT $1::uuid, id FROM customers WHERE workspace_id = $1::uuid ORDER BY created_at, id"
              " LIMIT greatest(1, $2::int / 20) ON CONFLICT DO NOTHING RETURNING 1)"
              " SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM conversations WHERE workspace_id = "
              "$1::uuid)",
              ws, volume.messages)[0]
              .as<long long>();
      if (made == 0) {
        throw std::invalid_argument("--messages needs customers to talk to: add --customers N");
      }
      tx.commit();
      generate(conn, "messages", kGenerateMessages, ws, volume.messages, std::nullopt, "messages");
      pqxx::work fix(conn);
      postgres::exec0(
          fix,
          "UPDATE conversations c SET last_message_at = m.at, last_message_preview = left(m.text, 200),"
          " last_inbound_at = m.inbound_at FROM (SELECT DISTINCT ON (conversation_id) conversation_id, "
          "created_at AS at,"
          " text, max(created_at) FILTER (WHERE direction = 'inbound') OVER (PARTITION BY conversation_id) "
          "AS inbound_at"
          " FROM messages WHERE workspace_id = $1::uuid ORDER BY conversation_id, created_at DESC) m"
          " WHERE c.workspace_id = $1::uuid AND c.id = m.conversation_id",
          ws);
      fix.commit();
    }
  }
  pqxx::work tx(conn);
  tx.exec0(
      "ANALYZE products; ANALYZE customers; ANALYZE categories; ANALYZE conversations; ANALYZE messages");
  tx.commit();
}

}  // namespace shopme::postgres
