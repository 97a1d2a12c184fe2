#pragma once
// The WhatsApp channel: settings (Admin only; credentials write-only) and the Cloud API webhook
// (verification handshake, and signed deliveries handed to the group-committing ingestor).
#include <string>

#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/messaging/webhook_ingestor.hpp"
#include "interfaces/http/message.hpp"
#include "interfaces/http/router.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class ChannelController {
 public:
  ChannelController(const crypto::Sealer& sealer, messaging::WebhookIngestor& ingestor,
                    const std::string& base_url, std::string default_api_base_url)
      : sealer_(sealer),
        ingestor_(ingestor),
        base_url_(base_url),
        default_api_base_url_(std::move(default_api_base_url)) {}

  Response get(Request& req, postgres::Db& db) const;
  Response put(Request& req, postgres::Db& db) const;
  // The approved templates, for every operator's composer (the settings themselves are Admin-only).
  Response templates(Request& req, postgres::Db& db) const;
  Response verify_webhook(Request& req, postgres::Db& db) const;
  void receive_webhook(Request& req, Respond respond) const;

 private:
  const crypto::Sealer& sealer_;
  messaging::WebhookIngestor& ingestor_;
  const std::string& base_url_;  // known after listen()
  std::string default_api_base_url_;
};

}  // namespace shopme::http
