#pragma once
// Media a customer sent (photos, voice notes, documents) is fetched from WhatsApp only when an
// operator opens it, then kept under the data dir: most media is never looked at, and WhatsApp's
// download links expire, so neither an eager download nor a stored link would do.
#include <filesystem>
#include <string>

#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/whatsapp/graph_api.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class MediaController {
 public:
  MediaController(const crypto::Sealer& sealer, const whatsapp::GraphApi& api, std::filesystem::path data_dir,
                  std::string default_api_base_url)
      : sealer_(sealer),
        api_(api),
        dir_(std::move(data_dir) / "media"),
        default_api_base_url_(std::move(default_api_base_url)) {}

  Response media(Request& req, postgres::Db& db) const;

 private:
  const crypto::Sealer& sealer_;
  const whatsapp::GraphApi& api_;
  std::filesystem::path dir_;
  std::string default_api_base_url_;
};

}  // namespace shopme::http
