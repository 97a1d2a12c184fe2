#include "infrastructure/messaging/channel_settings.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/postgres/statement.hpp"

namespace shopme::messaging {

std::string seal_context(const std::string& workspace_id, std::string_view field) {
  return "whatsapp:" + workspace_id + ":" + std::string(field);
}

std::optional<std::string> open_sealed(const crypto::Sealer& sealer, const pqxx::field& column,
                                       const std::string& workspace_id, std::string_view field) {
  if (column.is_null()) return std::nullopt;
  return open_sealed(sealer, std::string(column.c_str()), workspace_id, field);
}

std::optional<std::string> open_sealed(const crypto::Sealer& sealer, const std::string& column_text,
                                       const std::string& workspace_id, std::string_view field) {
  if (column_text.empty()) return std::nullopt;
  auto raw = crypto::base64url_decode(column_text);
  if (!raw) return std::nullopt;
  return sealer.open(*raw, seal_context(workspace_id, field));
}

ChannelSettings load_channel(pqxx::transaction_base& tx, const crypto::Sealer& sealer,
                             const std::string& workspace_id, const std::string& default_api_base_url) {
  ChannelSettings c;
  c.api_base_url = default_api_base_url;
  const auto rows = postgres::exec(
      tx,
      "SELECT phone_number_id, business_account_id, api_base_url, access_token_sealed, app_secret_sealed,"
      "       verify_token_sealed, enabled, welcome_message, inactive_message, messages_per_second,"
      "       abuse_max_per_minute, abuse_block_minutes, templates::text,"
      "       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
      "  FROM whatsapp_channels WHERE workspace_id = $1",
      workspace_id);
  if (rows.empty()) return c;
  const auto& r = rows[0];
  c.configured = true;
  c.phone_number_id = r[0].c_str();
  c.business_account_id = r[1].c_str();
  c.api_base_url = r[2].c_str();
  c.access_token = open_sealed(sealer, r[3], workspace_id, "accessToken");
  c.app_secret = open_sealed(sealer, r[4], workspace_id, "appSecret");
  c.verify_token = open_sealed(sealer, r[5], workspace_id, "verifyToken");
  c.enabled = r[6].as<bool>();
  c.welcome_message = r[7].c_str();
  c.inactive_message = r[8].c_str();
  c.messages_per_second = r[9].as<int>();
  c.abuse_max_per_minute = r[10].as<int>();
  c.abuse_block_minutes = r[11].as<int>();
  boost::system::error_code ec;
  auto t = boost::json::parse(r[12].c_str(), ec);
  if (!ec && t.is_array()) c.templates = std::move(t.as_array());
  c.updated_at = r[13].c_str();
  return c;
}

}  // namespace shopme::messaging
