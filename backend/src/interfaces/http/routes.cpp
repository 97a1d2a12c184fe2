#include "interfaces/http/routes.hpp"

#include "interfaces/http/controllers/agent_controller.hpp"
#include "interfaces/http/controllers/auth_controller.hpp"
#include "interfaces/http/controllers/catalog_controller.hpp"
#include "interfaces/http/controllers/channel_controller.hpp"
#include "interfaces/http/controllers/image_controller.hpp"
#include "interfaces/http/controllers/inbox_controller.hpp"
#include "interfaces/http/controllers/live_controller.hpp"
#include "interfaces/http/controllers/media_controller.hpp"
#include "interfaces/http/controllers/order_controller.hpp"
#include "interfaces/http/controllers/payment_controller.hpp"
#include "interfaces/http/controllers/public_link_controller.hpp"
#include "interfaces/http/controllers/sales_controller.hpp"
#include "interfaces/http/controllers/system_controller.hpp"
#include "interfaces/http/controllers/transfer_controller.hpp"
#include "interfaces/http/controllers/workspace_controller.hpp"

namespace shopme::http {
namespace {

using identity::Action;

template <class C>
DbHandler bind(const C& c, Response (C::*m)(Request&, postgres::Db&) const) {
  return [&c, m](Request& q, postgres::Db& d) { return (c.*m)(q, d); };
}
template <class C>
InlineHandler bind_inline(const C& c, Response (C::*m)(const Request&) const) {
  return [&c, m](Request& q) { return (c.*m)(q); };
}

// No login; the handler applies its own limits (login attempts, signed webhooks, public links).
Route open(std::string method, std::string pattern, DbHandler h) {
  return {std::move(method), std::move(pattern), Permission::kPublic, {}, std::move(h), {}, {}};
}
// Any logged-in user, counted against the per-user API limit.
Route user(std::string method, std::string pattern, DbHandler h) {
  Route r{std::move(method), std::move(pattern), Permission::kAuthenticated, {}, std::move(h), {}, {}};
  r.limit = Limit::kGeneral;
  return r;
}
// A member of {workspaceId} whose role allows `action`, counted against the workspace's API limit.
Route member(std::string method, std::string pattern, Action action, DbHandler h) {
  Route r{std::move(method), std::move(pattern), Permission::kWorkspace, {}, std::move(h), {}, {}};
  r.action = action;
  r.limit = Limit::kGeneral;
  return r;
}
Route ops(std::string pattern, InlineHandler h) {
  return {"GET", std::move(pattern), Permission::kPublic, std::move(h), {}, {}, {}};
}

}  // namespace

Router build_routes(const Controllers& c) {
  Router r;
  const auto& sys = c.system;
  const auto& auth = c.auth;
  const auto& ws = c.workspaces;
  using A = AuthController;
  using W = WorkspaceController;
  using S = SystemController;
  using C = CatalogController;
  const auto& cat = c.catalog;
  using Sa = SalesController;
  const auto& sa = c.sales;
  using T = TransferController;
  const auto& tr = c.transfer;
  using I = ImageController;
  const auto& img = c.images;
  using Ch = ChannelController;
  const auto& ch = c.channel;
  using In = InboxController;
  const auto& in = c.inbox;

  // clang-format off
  // operations
  r.add(ops("/healthz",                                         bind_inline(sys, &S::healthz)));
  r.add(ops("/metrics",                                         bind_inline(sys, &S::metrics)));
  r.add(ops("/api/version",                                     bind_inline(sys, &S::version)));
  r.add(ops("/api/openapi.json",                                bind_inline(sys, &S::openapi)));
  r.add(ops("/api/docs",                                        bind_inline(sys, &S::api_docs)));
  r.add(open("GET",    "/readyz",                               bind(sys, &S::readyz)));
  r.add({"GET", "/ws", Permission::kAuthenticated, {}, {}, [&live = c.live](const Request& q) { return live.open(q); }, {}});

  // authentication (own limits per IP and per e-mail address)
  r.add(open("POST",   "/api/auth/login",                       bind(auth, &A::login)));
  r.add(open("POST",   "/api/auth/refresh",                     bind(auth, &A::refresh)));
  r.add(open("POST",   "/api/auth/logout",                      bind(auth, &A::logout)));
  r.add(open("POST",   "/api/auth/password-reset",              bind(auth, &A::request_password_reset)));
  r.add(open("POST",   "/api/auth/password-reset/confirm",      bind(auth, &A::confirm_password_reset)));
  r.add(open("GET",    "/api/auth/invitations/{token}",         bind(auth, &A::invitation)));
  r.add(open("POST",   "/api/auth/invitations/{token}/accept",  bind(auth, &A::accept_invitation)));
  r.add(user("GET",    "/api/auth/me",                          bind(auth, &A::me)));
  r.add(user("GET",    "/api/auth/sessions",                    bind(auth, &A::sessions)));
  r.add(user("DELETE", "/api/auth/sessions/{id}",               bind(auth, &A::revoke_session)));
  r.add(user("POST",   "/api/auth/password",                    bind(auth, &A::change_password)));

  // workspaces and their teams
  r.add(user("GET",    "/api/workspaces",                                                    bind(ws, &W::list)));
  r.add(user("POST",   "/api/workspaces",                                                    bind(ws, &W::create)));
  r.add(member("GET",    "/api/workspaces/{workspaceId}",                 Action::kViewWorkspace,   bind(ws, &W::get)));
  r.add(member("PATCH",  "/api/workspaces/{workspaceId}",                 Action::kManageWorkspace, bind(ws, &W::update)));
  r.add(member("DELETE", "/api/workspaces/{workspaceId}",                 Action::kManageWorkspace, bind(ws, &W::remove)));
  r.add(member("GET",    "/api/workspaces/{workspaceId}/members",         Action::kViewTeam,        bind(ws, &W::members)));
  r.add(member("POST",   "/api/workspaces/{workspaceId}/members/invitations", Action::kManageTeam,  bind(ws, &W::invite)));
  r.add(member("DELETE", "/api/workspaces/{workspaceId}/members/invitations/{invitationId}", Action::kManageTeam, bind(ws, &W::revoke_invitation)));
  r.add(member("PATCH",  "/api/workspaces/{workspaceId}/members/{userId}", Action::kManageTeam,       bind(ws, &W::change_member)));
  r.add(member("DELETE", "/api/workspaces/{workspaceId}/members/{userId}", Action::kManageTeam,       bind(ws, &W::remove_member)));
  r.add(member("GET",    "/api/workspaces/{workspaceId}/mail-outbox",     Action::kViewMailOutbox,  bind(ws, &W::mail_outbox)));
  r.add(member("GET",    "/api/workspaces/{workspaceId}/privacy-notice",  Action::kManageSettings,  bind(ws, &W::privacy_notice)));
  r.add(member("PUT",    "/api/workspaces/{workspaceId}/privacy-notice",  Action::kManageSettings,  bind(ws, &W::put_privacy_notice)));

  // catalog
  const std::string w = "/api/workspaces/{workspaceId}";
  r.add(member("GET",    w + "/categories",        Action::kViewCatalog,   bind(cat, &C::list_categories)));
  r.add(member("POST",   w + "/categories",        Action::kManageCatalog, bind(cat, &C::create_category)));
  r.add(member("GET",    w + "/categories/{id}",   Action::kViewCatalog,   bind(cat, &C::get_category)));
  r.add(member("PATCH",  w + "/categories/{id}",   Action::kManageCatalog, bind(cat, &C::update_category)));
  r.add(member("DELETE", w + "/categories/{id}",   Action::kManageCatalog, bind(cat, &C::delete_category)));
  r.add(member("GET",    w + "/products",          Action::kViewCatalog,   bind(cat, &C::list_products)));
  r.add(member("POST",   w + "/products",          Action::kManageCatalog, bind(cat, &C::create_product)));
  r.add(member("GET",    w + "/products/export.csv", Action::kViewCatalog,   bind(tr, &T::export_products)));
  r.add(member("POST",   w + "/products/import",   Action::kManageCatalog, bind(tr, &T::import_products)));
  r.add(member("GET",    w + "/products/{id}",     Action::kViewCatalog,   bind(cat, &C::get_product)));
  r.add(member("POST",   w + "/products/{id}/images",           Action::kManageCatalog, bind(img, &I::upload)));
  r.add(member("GET",    w + "/products/{id}/images/{imageId}", Action::kViewCatalog,   bind(img, &I::serve)));
  r.add(member("DELETE", w + "/products/{id}/images/{imageId}", Action::kManageCatalog, bind(img, &I::remove)));
  r.add(member("PATCH",  w + "/products/{id}",     Action::kManageCatalog, bind(cat, &C::update_product)));
  r.add(member("DELETE", w + "/products/{id}",     Action::kManageCatalog, bind(cat, &C::delete_product)));
  r.add(member("GET",    w + "/search",            Action::kViewCatalog,   bind(cat, &C::search)));
  r.add(member("POST",   w + "/pricing/preview",   Action::kViewCatalog,   bind(cat, &C::price_preview)));
  r.add(member("GET",    w + "/services",          Action::kViewCatalog,   bind(sa, &Sa::list_services)));
  r.add(member("POST",   w + "/services",          Action::kManageCatalog, bind(sa, &Sa::create_service)));
  r.add(member("GET",    w + "/services/{id}",     Action::kViewCatalog,   bind(sa, &Sa::get_service)));
  r.add(member("PATCH",  w + "/services/{id}",     Action::kManageCatalog, bind(sa, &Sa::update_service)));
  r.add(member("DELETE", w + "/services/{id}",     Action::kManageCatalog, bind(sa, &Sa::delete_service)));
  r.add(member("GET",    w + "/faqs",              Action::kViewCatalog,   bind(sa, &Sa::list_faqs)));
  r.add(member("POST",   w + "/faqs",              Action::kManageCatalog, bind(sa, &Sa::create_faq)));
  r.add(member("GET",    w + "/faqs/{id}",         Action::kViewCatalog,   bind(sa, &Sa::get_faq)));
  r.add(member("PATCH",  w + "/faqs/{id}",         Action::kManageCatalog, bind(sa, &Sa::update_faq)));
  r.add(member("DELETE", w + "/faqs/{id}",         Action::kManageCatalog, bind(sa, &Sa::delete_faq)));
  r.add(member("GET",    w + "/offers",            Action::kViewCatalog,   bind(sa, &Sa::list_offers)));
  r.add(member("POST",   w + "/offers",            Action::kManageCatalog, bind(sa, &Sa::create_offer)));
  r.add(member("GET",    w + "/offers/validate/{code}", Action::kViewCatalog, bind(sa, &Sa::validate_offer_code)));
  r.add(member("GET",    w + "/offers/{id}",       Action::kViewCatalog,   bind(sa, &Sa::get_offer)));
  r.add(member("PATCH",  w + "/offers/{id}",       Action::kManageCatalog, bind(sa, &Sa::update_offer)));
  r.add(member("DELETE", w + "/offers/{id}",       Action::kManageCatalog, bind(sa, &Sa::delete_offer)));
  r.add(member("GET",    w + "/customers",         Action::kViewCustomers,   bind(sa, &Sa::list_customers)));
  r.add(member("POST",   w + "/customers",         Action::kManageCustomers, bind(sa, &Sa::create_customer)));
  r.add(member("GET",    w + "/customers/export.csv", Action::kViewCustomers,   bind(tr, &T::export_customers)));
  r.add(member("POST",   w + "/customers/import",  Action::kManageCustomers, bind(tr, &T::import_customers)));
  r.add(member("GET",    w + "/customers/{id}",    Action::kViewCustomers,   bind(sa, &Sa::get_customer)));
  r.add(member("PATCH",  w + "/customers/{id}",    Action::kManageCustomers, bind(sa, &Sa::update_customer)));
  r.add(member("DELETE", w + "/customers/{id}",    Action::kManageCustomers, bind(sa, &Sa::delete_customer)));
  r.add(member("GET",    w + "/customers/{id}/conversations", Action::kUseInbox, bind(in, &In::customer_conversations)));

  // WhatsApp channel and its webhook (signed by the provider; verified by the handler)
  r.add(member("GET",    w + "/channels/whatsapp", Action::kManageSettings, bind(ch, &Ch::get)));
  r.add(member("PUT",    w + "/channels/whatsapp", Action::kManageSettings, bind(ch, &Ch::put)));
  r.add(member("GET",    w + "/channels/whatsapp/templates", Action::kUseInbox, bind(ch, &Ch::templates)));
  r.add(open("GET",      "/webhooks/whatsapp",                              bind(ch, &Ch::verify_webhook)));
  {
    Route hook{"POST", "/webhooks/whatsapp", Permission::kPublic, {}, {}, {}, {}};
    hook.async_handler = [&ch](Request& q, Respond done) { ch.receive_webhook(q, std::move(done)); };
    hook.csrf_exempt = true;  // a server-to-server call, authenticated by its HMAC signature
    r.add(std::move(hook));
  }

  // public pages behind the links sent to customers (the token is the only credential)
  using P = PublicLinkController;
  r.add(open("GET",      "/api/public/links/{token}",              bind(c.public_links, &P::get)));
  r.add(open("POST",     "/api/public/links/{token}/registration", bind(c.public_links, &P::register_customer)));
  r.add(open("POST",     "/api/public/links/{token}/profile",      bind(c.public_links, &P::update_profile)));
  r.add(open("POST",     "/api/public/links/{token}/export",       bind(c.public_links, &P::export_data)));
  r.add(open("POST",     "/api/public/links/{token}/erasure",      bind(c.public_links, &P::erase)));
  r.add(open("GET",      "/api/public/links/{token}/invoice.pdf",  bind(c.public_links, &P::invoice_pdf)));

  // payments: settings, the customer starting to pay, the gateways' signed events, the test gateway's page
  using Pay = PaymentController;
  r.add(member("GET",    w + "/payments",                                Action::kManageSettings, bind(c.payments, &Pay::settings)));
  r.add(member("PUT",    w + "/payments",                                Action::kManageSettings, bind(c.payments, &Pay::put_settings)));
  r.add(open("POST",     "/api/public/links/{token}/checkout",           bind(c.payments, &Pay::start_checkout)));
  r.add(open("GET",      "/api/public/test-gateway/{sessionId}",         bind(c.payments, &Pay::test_session)));
  r.add(open("POST",     "/api/public/test-gateway/{sessionId}/pay",     bind(c.payments, &Pay::test_pay)));
  r.add(open("POST",     "/api/public/test-gateway/{sessionId}/decline", bind(c.payments, &Pay::test_decline)));
  for (const char* path : {"/webhooks/stripe", "/webhooks/stripe/{workspaceId}"}) {
    auto hook = open("POST", path, bind(c.payments, &Pay::stripe_webhook));
    hook.csrf_exempt = true;  // a server-to-server call, authenticated by its HMAC signature
    r.add(std::move(hook));
  }

  // orders
  using O = OrderController;
  r.add(member("GET",    w + "/orders",                 Action::kProcessOrders, bind(c.orders, &O::list)));
  r.add(member("GET",    w + "/orders/{id}",            Action::kProcessOrders, bind(c.orders, &O::get)));
  r.add(member("POST",   w + "/orders/{id}/status",     Action::kProcessOrders, bind(c.orders, &O::change_status)));
  r.add(member("POST",   w + "/orders/{id}/tracking",   Action::kProcessOrders, bind(c.orders, &O::set_tracking)));
  r.add(member("POST",   w + "/orders",                 Action::kManageOrders,  bind(c.orders, &O::create)));
  r.add(member("POST",   w + "/orders/{id}/refund",     Action::kManageOrders,  bind(c.orders, &O::refund)));
  r.add(member("GET",    w + "/orders/{id}/invoice.pdf", Action::kProcessOrders, bind(c.orders, &O::invoice_pdf)));
  r.add(member("GET",    w + "/customers/{id}/orders",  Action::kViewCustomers, bind(c.orders, &O::customer_orders)));

  // the AI agent's configuration
  using Ag = AgentController;
  r.add(member("GET",    w + "/agent",                            Action::kManageSettings, bind(c.agent, &Ag::get)));
  r.add(member("PUT",    w + "/agent",                            Action::kManageSettings, bind(c.agent, &Ag::put)));
  r.add(member("GET",    w + "/agent/prompts",                    Action::kManageSettings, bind(c.agent, &Ag::prompts)));
  r.add(member("POST",   w + "/agent/prompts/{version}/restore",  Action::kManageSettings, bind(c.agent, &Ag::restore_prompt)));
  r.add(member("GET",    w + "/agent/usage",                      Action::kManageSettings, bind(c.agent, &Ag::usage)));

  // inbox
  r.add(member("GET",    w + "/conversations",                Action::kUseInbox, bind(in, &In::list)));
  r.add(member("GET",    w + "/conversations/{id}",           Action::kUseInbox, bind(in, &In::get)));
  r.add(member("GET",    w + "/conversations/{id}/messages",  Action::kUseInbox, bind(in, &In::messages)));
  r.add(member("POST",   w + "/conversations/{id}/messages",  Action::kUseInbox, bind(in, &In::reply)));
  r.add(member("GET",    w + "/conversations/{id}/messages/{messageId}/media", Action::kUseInbox, bind(c.media, &MediaController::media)));
  r.add(member("POST",   w + "/conversations/{id}/assign",    Action::kUseInbox, bind(in, &In::assign)));
  r.add(member("POST",   w + "/conversations/{id}/resolve",   Action::kUseInbox, bind(in, &In::resolve)));
  r.add(member("POST",   w + "/conversations/{id}/reopen",    Action::kUseInbox, bind(in, &In::reopen)));
  r.add(member("POST",   w + "/conversations/{id}/mode",      Action::kUseInbox, bind(in, &In::set_mode)));
  r.add(member("POST",   w + "/conversations/{id}/read",      Action::kUseInbox, bind(in, &In::mark_read)));
  r.add(member("GET",    w + "/conversations/{id}/notes",     Action::kUseInbox, bind(in, &In::notes)));
  r.add(member("POST",   w + "/conversations/{id}/notes",     Action::kUseInbox, bind(in, &In::add_note)));
  r.add(member("POST",   w + "/simulator/messages",           Action::kUseInbox, bind(in, &In::simulate_message)));
  r.add(member("POST",   w + "/simulator/conversations/{id}/read", Action::kUseInbox, bind(in, &In::simulate_read)));
  // clang-format on
  return r;
}

}  // namespace shopme::http
