#pragma once
// A workspace's WhatsApp channel as the pipeline needs it, credentials opened with the server key.
#include <boost/json/array.hpp>
#include <optional>
#include <pqxx/field>
#include <pqxx/transaction_base>
#include <string>

#include "infrastructure/crypto/sealed.hpp"

namespace shopme::messaging {

struct ChannelSettings {
  bool configured = false;
  std::string phone_number_id;
  std::string business_account_id;
  std::string api_base_url;
  std::optional<std::string> access_token;
  std::optional<std::string> app_secret;
  std::optional<std::string> verify_token;
  bool enabled = false;
  std::string welcome_message;
  std::string inactive_message;
  int messages_per_second = 80;
  int abuse_max_per_minute = 20;
  int abuse_block_minutes = 60;
  boost::json::array templates;
  std::string updated_at;
};

// Sealed values are bound to the workspace and the field they belong to.
std::string seal_context(const std::string& workspace_id, std::string_view field);

// A sealed column of whatsapp_channels opened (nullopt when NULL or unreadable).
std::optional<std::string> open_sealed(const crypto::Sealer& sealer, const pqxx::field& column,
                                       const std::string& workspace_id, std::string_view field);
// The same from the column's text (base64url; empty for NULL).
std::optional<std::string> open_sealed(const crypto::Sealer& sealer, const std::string& column_text,
                                       const std::string& workspace_id, std::string_view field);

// Defaults (configured = false) when the workspace has no channel yet.
ChannelSettings load_channel(pqxx::transaction_base& tx, const crypto::Sealer& sealer,
                             const std::string& workspace_id, const std::string& default_api_base_url);

}  // namespace shopme::messaging
