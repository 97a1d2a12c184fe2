#include "domain/agent/phrasebook.hpp"

#include <stdexcept>

namespace shopme::agent {

namespace {

struct Entry {
  const char* key;
  const char* it;
  const char* en;
  const char* es;
  const char* pt;
};

constexpr Entry kPhrases[] = {
    // greetings, thanks, help
    {"hello",
     "Ciao {name}! Sono l'assistente di {shop}. Posso mostrarti il catalogo, cercare un prodotto o "
     "rispondere "
     "alle tue domande: scrivimi cosa cerchi.",
     "Hello {name}! I am {shop}'s assistant. I can show you the catalog, find a product or answer your "
     "questions: tell me what you are looking for.",
     "¡Hola {name}! Soy el asistente de {shop}. Puedo enseñarte el catálogo, buscar un producto o responder "
     "a "
     "tus preguntas: dime qué buscas.",
     "Olá {name}! Sou o assistente de {shop}. Posso mostrar-lhe o catálogo, procurar um produto ou responder "
     "às "
     "suas perguntas: diga-me o que procura."},
    {"thanks", "Grazie a te! Scrivimi quando vuoi.", "You are welcome! Write to me any time.",
     "¡Gracias a ti! Escríbeme cuando quieras.", "Obrigado eu! Escreva-me quando quiser."},
    {"help",
     "Posso: mostrarti il catalogo e le offerte, cercare prodotti (scrivi per esempio \"parmigiano\"), "
     "aggiungerli al carrello (\"aggiungi 2 parmigiano\"), applicare un codice sconto, chiudere l'ordine con "
     "un "
     "link di pagamento sicuro, dirti lo stato di un ordine e mandarti la fattura. Scrivi \"operatore\" per "
     "parlare con una persona.",
     "I can: show you the catalog and the offers, find products (write for example \"parmigiano\"), put them "
     "in your cart (\"add 2 parmigiano\"), apply a promo code, close the order with a secure payment link, "
     "tell "
     "you the status of an order and send you the invoice. Write \"operator\" to talk to a person.",
     "Puedo: enseñarte el catálogo y las ofertas, buscar productos (escribe por ejemplo \"parmigiano\"), "
     "añadirlos al carrito (\"añade 2 parmigiano\"), aplicar un código de descuento, cerrar el pedido con un "
     "enlace de pago seguro, decirte el estado de un pedido y enviarte la factura. Escribe \"operador\" para "
     "hablar con una persona.",
     "Posso: mostrar o catálogo e as ofertas, procurar produtos (escreva por exemplo \"parmigiano\"), "
     "adicioná-los ao carrinho (\"adiciona 2 parmigiano\"), aplicar um código de desconto, fechar a "
     "encomenda "
     "com um link de pagamento seguro, dizer-lhe o estado de uma encomenda e enviar a fatura. Escreva "
     "\"operador\" para falar com uma pessoa."},
    // buttons (at most 20 characters) and list labels (at most 24)
    {"btn.catalog", "Catalogo", "Catalog", "Catálogo", "Catálogo"},
    {"btn.offers", "Offerte", "Offers", "Ofertas", "Ofertas"},
    {"btn.cart", "Carrello", "Cart", "Carrito", "Carrinho"},
    {"btn.checkout", "Vai alla cassa", "Checkout", "Pagar", "Finalizar"},
    {"btn.add", "Aggiungi", "Add to cart", "Añadir", "Adicionar"},
    {"btn.operator", "Parla con noi", "Talk to a person", "Hablar con alguien", "Falar connosco"},
    {"list.categories", "Categorie", "Categories", "Categorías", "Categorias"},
    {"list.products", "Prodotti", "Products", "Productos", "Produtos"},
    // catalog
    {"pick.category", "Ecco le nostre categorie: scegline una.", "Here are our categories: pick one.",
     "Estas son nuestras categorías: elige una.", "Eis as nossas categorias: escolha uma."},
    {"no.categories", "Il catalogo è vuoto per ora.", "The catalog is empty for now.",
     "El catálogo está vacío por ahora.", "O catálogo está vazio por agora."},
    {"pick.product", "{title}: scegli un prodotto per i dettagli.",
     "{title}: pick a product for the details.", "{title}: elige un producto para ver los detalles.",
     "{title}: escolha um produto para ver os detalhes."},
    {"found", "Ecco cosa ho trovato per \"{q}\"", "Here is what I found for \"{q}\"",
     "Esto es lo que he encontrado para \"{q}\"", "Eis o que encontrei para \"{q}\""},
    {"nothing",
     "Non ho trovato nulla per \"{q}\". Puoi descriverlo in un altro modo, guardare il catalogo, oppure "
     "posso "
     "metterti in contatto con una persona del team.",
     "I found nothing for \"{q}\". You can describe it differently, look at the catalog, or I can put you "
     "through to a person from the team.",
     "No he encontrado nada para \"{q}\". Puedes describirlo de otra forma, mirar el catálogo, o puedo "
     "ponerte "
     "en contacto con una persona del equipo.",
     "Não encontrei nada para \"{q}\". Pode descrevê-lo de outra forma, ver o catálogo, ou posso pô-lo em "
     "contacto com uma pessoa da equipa."},
    {"not.understood",
     "Non sono sicuro di aver capito. Posso mostrarti il catalogo, oppure metterti in contatto con una "
     "persona "
     "del team.",
     "I am not sure I understood. I can show you the catalog, or put you through to a person from the team.",
     "No estoy seguro de haberte entendido. Puedo enseñarte el catálogo o ponerte en contacto con una "
     "persona "
     "del equipo.",
     "Não tenho a certeza de ter percebido. Posso mostrar-lhe o catálogo ou pô-lo em contacto com uma pessoa "
     "da equipa."},
    {"in.stock", "Disponibile", "In stock", "Disponible", "Disponível"},
    {"out.of.stock", "Esaurito", "Out of stock", "Agotado", "Esgotado"},
    {"no.product", "Questo prodotto non è più disponibile.", "This product is no longer available.",
     "Este producto ya no está disponible.", "Este produto já não está disponível."},
    {"which.product",
     "Quale prodotto vuoi aggiungere? Scrivimi il nome, per esempio \"aggiungi 2 parmigiano\".",
     "Which product would you like to add? Write its name, for example \"add 2 parmigiano\".",
     "¿Qué producto quieres añadir? Escríbeme el nombre, por ejemplo \"añade 2 parmigiano\".",
     "Que produto quer adicionar? Escreva o nome, por exemplo \"adiciona 2 parmigiano\"."},
    {"offers", "Le offerte di oggi:", "Today's offers:", "Las ofertas de hoy:", "As ofertas de hoje:"},
    {"no.offers", "Oggi non ci sono offerte attive.", "There are no offers today.", "Hoy no hay ofertas.",
     "Hoje não há ofertas."},
    {"offer.code", "codice {code}", "code {code}", "código {code}", "código {code}"},
    // cart
    {"added", "Aggiunto: {qty} × {product}.", "Added: {qty} × {product}.", "Añadido: {qty} × {product}.",
     "Adicionado: {qty} × {product}."},
    {"removed", "Tolto dal carrello: {product}.", "Removed from the cart: {product}.",
     "Quitado del carrito: {product}.", "Retirado do carrinho: {product}."},
    {"not.in.cart", "Non trovo \"{q}\" nel carrello.", "I cannot find \"{q}\" in your cart.",
     "No encuentro \"{q}\" en el carrito.", "Não encontro \"{q}\" no carrinho."},
    {"no.stock", "Mi dispiace, di {product} ne restano solo {available}.",
     "Sorry, only {available} of {product} are left.", "Lo siento, solo quedan {available} de {product}.",
     "Lamento, só restam {available} de {product}."},
    {"cart.empty", "Il carrello è vuoto. Dai un'occhiata al catalogo!",
     "Your cart is empty. Have a look at the catalog!",
     "El carrito está vacío. ¡Echa un vistazo al catálogo!", "O carrinho está vazio. Veja o catálogo!"},
    {"cart.title", "Il tuo carrello:", "Your cart:", "Tu carrito:", "O seu carrinho:"},
    {"cart.discounts", "Sconti: -{amount}", "Discounts: -{amount}", "Descuentos: -{amount}",
     "Descontos: -{amount}"},
    {"cart.total", "Totale: {amount} (IVA inclusa)", "Total: {amount} (tax included)",
     "Total: {amount} (IVA incluido)", "Total: {amount} (IVA incluído)"},
    {"cart.code", "Codice sconto: {code}", "Promo code: {code}", "Código de descuento: {code}",
     "Código de desconto: {code}"},
    {"code.applied", "Codice {code} applicato.", "Code {code} applied.", "Código {code} aplicado.",
     "Código {code} aplicado."},
    {"code.rejected", "Il codice {code} non si può usare ora: {reason}.",
     "The code {code} cannot be used now: {reason}.", "El código {code} no se puede usar ahora: {reason}.",
     "O código {code} não pode ser usado agora: {reason}."},
    {"code.reason.unknown", "non esiste", "it does not exist", "no existe", "não existe"},
    {"code.reason.minimum", "serve una spesa minima di {amount}", "it needs a minimum purchase of {amount}",
     "requiere una compra mínima de {amount}", "exige uma compra mínima de {amount}"},
    {"code.reason.other", "non è valido per questo carrello", "it is not valid for this cart",
     "no es válido para este carrito", "não é válido para este carrinho"},
    // checkout and orders
    {"checkout.link",
     "Ordine {code} creato: totale {total}. Paga in modo sicuro da questo link (valido 1 ora): {link}",
     "Order {code} created: total {total}. Pay securely through this link (valid for 1 hour): {link}",
     "Pedido {code} creado: total {total}. Paga de forma segura en este enlace (válido 1 hora): {link}",
     "Encomenda {code} criada: total {total}. Pague em segurança neste link (válido 1 hora): {link}"},
    {"checkout.empty", "Il carrello è vuoto: aggiungi qualcosa prima di ordinare.",
     "Your cart is empty: add something before ordering.",
     "El carrito está vacío: añade algo antes de pedir.",
     "O carrinho está vazio: adicione algo antes de encomendar."},
    {"checkout.no.stock", "Mi dispiace, {product} non è più disponibile nella quantità richiesta.",
     "Sorry, {product} is no longer available in that quantity.",
     "Lo siento, {product} ya no está disponible en esa cantidad.",
     "Lamento, {product} já não está disponível nessa quantidade."},
    {"no.orders", "Non trovo ordini a tuo nome.", "I cannot find any orders of yours.",
     "No encuentro pedidos a tu nombre.", "Não encontro encomendas em seu nome."},
    {"order.unknown", "Non trovo l'ordine {code} tra i tuoi.", "I cannot find order {code} among yours.",
     "No encuentro el pedido {code} entre los tuyos.", "Não encontro a encomenda {code} entre as suas."},
    {"order.status", "Ordine {code} del {date}: {status}, totale {total}.",
     "Order {code} of {date}: {status}, total {total}.", "Pedido {code} del {date}: {status}, total {total}.",
     "Encomenda {code} de {date}: {status}, total {total}."},
    {"order.link", "Dettagli e tracciamento (link valido 7 giorni): {link}",
     "Details and tracking (link valid for 7 days): {link}",
     "Detalles y seguimiento (enlace válido 7 días): {link}",
     "Detalhes e seguimento (link válido 7 dias): {link}"},
    {"order.tracking", "Numero di spedizione: {number}", "Tracking number: {number}",
     "Número de seguimiento: {number}", "Número de seguimento: {number}"},
    {"recent.orders",
     "I tuoi ultimi ordini:", "Your latest orders:", "Tus últimos pedidos:", "As suas últimas encomendas:"},
    {"invoice.link", "La fattura {number} dell'ordine {code} (link valido 48 ore): {link}",
     "Invoice {number} for order {code} (link valid for 48 hours): {link}",
     "La factura {number} del pedido {code} (enlace válido 48 horas): {link}",
     "A fatura {number} da encomenda {code} (link válido 48 horas): {link}"},
    {"invoice.none",
     "L'ordine {code} non ha ancora una fattura: viene emessa quando il pagamento è confermato.",
     "Order {code} has no invoice yet: it is issued once the payment is confirmed.",
     "El pedido {code} aún no tiene factura: se emite cuando se confirma el pago.",
     "A encomenda {code} ainda não tem fatura: é emitida quando o pagamento é confirmado."},
    {"profile.link",
     "Qui puoi vedere e modificare i tuoi dati, il consenso privacy, scaricarli o chiederne la cancellazione "
     "(link valido 1 ora): {link}",
     "Here you can see and change your details and privacy consent, download them or ask for their deletion "
     "(link valid for 1 hour): {link}",
     "Aquí puedes ver y cambiar tus datos y el consentimiento de privacidad, descargarlos o pedir su borrado "
     "(enlace válido 1 hora): {link}",
     "Aqui pode ver e alterar os seus dados e o consentimento de privacidade, descarregá-los ou pedir a sua "
     "eliminação (link válido 1 hora): {link}"},
    {"operator", "Ti metto in contatto con una persona del team: ti risponderà qui a breve.",
     "I am handing you to a person from the team: they will answer here shortly.",
     "Te paso con una persona del equipo: te responderá aquí en breve.",
     "Vou passá-lo a uma pessoa da equipa: responderá aqui em breve."},
    // the registration gate and its confirmation
    {"registration.invite",
     "Per ordinare e ricevere assistenza completa, registrati qui (link valido 24 ore): {link}",
     "To order and get full assistance, please register here (the link is valid for 24 hours): {link}",
     "Para hacer pedidos y recibir asistencia completa, regístrate aquí (enlace válido 24 horas): {link}",
     "Para encomendar e receber assistência completa, registe-se aqui (ligação válida por 24 horas): {link}"},
    {"registration.done", "Grazie, {name}: la registrazione è completa. Come possiamo aiutarti?",
     "Thank you, {name}: you are registered. How can we help?",
     "Gracias, {name}: ya estás registrado. ¿En qué podemos ayudarte?",
     "Obrigado, {name}: o seu registo está concluído. Como podemos ajudar?"},
    // order notifications from the team's dashboard
    {"order.changed", "Il tuo ordine {code} ora è: {status}.", "Your order {code} is now: {status}.",
     "Tu pedido {code} ahora está: {status}.", "A sua encomenda {code} está agora: {status}."},
    {"order.changed.tracking", "Tracciamento: {tracking}", "Tracking: {tracking}", "Seguimiento: {tracking}",
     "Seguimento: {tracking}"},
    {"order.paid",
     "Pagamento ricevuto, grazie! L'ordine {code} ({total}) è confermato. Dettagli e tracciamento: {link}",
     "Payment received, thank you! Order {code} ({total}) is confirmed. Details and tracking: {link}",
     "¡Pago recibido, gracias! El pedido {code} ({total}) está confirmado. Detalles y seguimiento: {link}",
     "Pagamento recebido, obrigado! A encomenda {code} ({total}) está confirmada. Detalhes e seguimento: "
     "{link}"},
    // invoices
    {"invoice.title", "Fattura", "Invoice", "Factura", "Fatura"},
    {"invoice.date", "Data", "Date", "Fecha", "Data"},
    {"invoice.order", "Ordine", "Order", "Pedido", "Encomenda"},
    {"invoice.seller", "Venditore", "Seller", "Vendedor", "Vendedor"},
    {"invoice.buyer", "Cliente", "Customer", "Cliente", "Cliente"},
    {"invoice.vat.number", "P. IVA", "VAT no.", "NIF-IVA", "NIF"},
    {"invoice.item", "Descrizione", "Description", "Descripción", "Descrição"},
    {"invoice.qty", "Q.tà", "Qty", "Cant.", "Qtd."},
    {"invoice.unit", "Prezzo", "Unit price", "Precio", "Preço"},
    {"invoice.vat", "IVA", "VAT", "IVA", "IVA"},
    {"invoice.amount", "Importo", "Amount", "Importe", "Valor"},
    {"invoice.subtotal", "Subtotale", "Subtotal", "Subtotal", "Subtotal"},
    {"invoice.discount", "Sconti", "Discounts", "Descuentos", "Descontos"},
    {"invoice.shipping", "Spedizione", "Shipping", "Envío", "Envio"},
    {"invoice.tax", "di cui IVA", "of which VAT", "IVA incluido", "IVA incluído"},
    {"invoice.total", "Totale", "Total", "Total", "Total"},
    {"invoice.paid", "Pagata il {date}", "Paid on {date}", "Pagada el {date}", "Paga em {date}"},
};

struct StatusLabel {
  const char* status;
  const char* it;
  const char* en;
  const char* es;
  const char* pt;
};

constexpr StatusLabel kStatuses[] = {
    {"pending_payment", "in attesa di pagamento", "awaiting payment", "pendiente de pago",
     "a aguardar pagamento"},
    {"paid", "pagato", "paid", "pagado", "pago"},
    {"processing", "in preparazione", "being prepared", "en preparación", "em preparação"},
    {"shipped", "spedito", "shipped", "enviado", "enviada"},
    {"delivered", "consegnato", "delivered", "entregado", "entregue"},
    {"cancelled", "annullato", "cancelled", "cancelado", "cancelada"},
    {"refunded", "rimborsato", "refunded", "reembolsado", "reembolsada"},
    {"expired", "scaduto (non pagato)", "expired (not paid)", "caducado (no pagado)", "expirada (não paga)"},
};

template <typename T>
const char* in_language(const T& e, std::string_view language) {
  if (language == "en") return e.en;
  if (language == "es") return e.es;
  if (language == "pt") return e.pt;
  return e.it;
}

}  // namespace

std::string say(std::string_view key, std::string_view language, const Values& values) {
  for (const auto& e : kPhrases) {
    if (key != e.key) continue;
    std::string text = in_language(e, language);
    for (const auto& [name, value] : values) {
      const std::string mark = "{" + std::string(name) + "}";
      for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
        text.replace(at, mark.size(), value);
    }
    return text;
  }
  throw std::logic_error("no phrase " + std::string(key));
}

std::string format_price(long long minor, const std::string& currency, const std::string& language) {
  const long long units = minor / 100;
  const long long cents = minor % 100;
  std::string digits = std::to_string(units);
  const char sep = language == "en" ? ',' : '.';
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), 1, sep);
  const std::string frac = (cents < 10 ? "0" : "") + std::to_string(cents);
  const std::string symbol = currency == "EUR"   ? "€"
                             : currency == "USD" ? "$"
                             : currency == "GBP" ? "£"
                                                 : currency;
  if (language == "en") return symbol + digits + "." + frac;
  return digits + "," + frac + " " + symbol;
}

std::string order_status_label(std::string_view status, std::string_view language) {
  for (const auto& s : kStatuses) {
    if (status == s.status) return in_language(s, language);
  }
  return std::string(status);
}

}  // namespace shopme::agent
