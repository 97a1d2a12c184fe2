#include "interfaces/http/controllers/live_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "config/build_info.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

class LiveSocket : public WebSocketHandler, public std::enable_shared_from_this<LiveSocket> {
 public:
  LiveSocket(postgres::DbWorkerPool& pool, LiveHub& hub, crypto::AccessClaims claims,
             std::string workspace_id)
      : pool_(pool), hub_(hub), claims_(std::move(claims)), workspace_id_(std::move(workspace_id)) {}
  ~LiveSocket() override {
    if (joined_) hub_.leave(workspace_id_, joined_);
  }

  void on_open(std::shared_ptr<WebSocketPeer> peer) override {
    peer_ = peer;
    peer->send(
        boost::json::serialize(boost::json::object{{"type", "hello"}, {"version", build_info::kVersion}}));
    if (workspace_id_.empty()) return;
    // Membership needs the database, which the I/O thread must not wait for.
    auto self = shared_from_this();
    const bool queued = pool_.try_submit([self, peer](postgres::Db& db) {
      bool member = false;
      try {
        pqxx::read_transaction tx(db.conn());
        member =
            postgres::exec1(
                tx,
                "SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN memberships m ON m.user_id = s.user_id"
                "  JOIN workspaces w ON w.id = m.workspace_id"
                " WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.revoked_at IS NULL"
                "   AND s.expires_at > now() AND m.workspace_id = $3::uuid AND w.deleted_at IS NULL)",
                self->claims_.session_id, self->claims_.user_id, self->workspace_id_)[0]
                .as<bool>();
      } catch (const std::exception& e) {
        log::warn("live membership check failed", {{"error", e.what()}});
      }
      if (!member) {
        // The same answer as for a workspace that does not exist.
        peer->send(R"({"type":"error","status":404,"detail":"No such workspace."})");
        peer->close();
        return;
      }
      self->hub_.join(self->workspace_id_, peer);
      self->joined_ = peer.get();
      peer->send(boost::json::serialize(
          boost::json::object{{"type", "ready"}, {"workspaceId", self->workspace_id_}}));
    });
    if (!queued) {
      peer->send(R"({"type":"error","status":503,"detail":"The server is busy; reconnect shortly."})");
      peer->close();
    }
  }

  void on_message(std::string_view text) override {
    auto peer = peer_.lock();
    if (!peer) return;
    auto parsed = parse_json(text);
    if (!parsed.ok() || !parsed->is_object()) {
      peer->send(R"({"type":"error","detail":"messages must be JSON objects"})");
      return;
    }
    const auto* type = parsed->as_object().if_contains("type");
    if (type && type->is_string() && type->as_string() == "ping") peer->send(R"({"type":"pong"})");
  }

  void on_close() override {
    if (joined_) hub_.leave(workspace_id_, joined_);
    joined_ = nullptr;
  }

 private:
  postgres::DbWorkerPool& pool_;
  LiveHub& hub_;
  crypto::AccessClaims claims_;
  std::string workspace_id_;
  std::weak_ptr<WebSocketPeer> peer_;
  std::atomic<const WebSocketPeer*> joined_{nullptr};
};

}  // namespace

std::shared_ptr<WebSocketHandler> LiveController::open(const Request& req) const {
  auto claims = guard_.access_claims(req);
  if (!claims) return nullptr;
  auto workspace = req.query_param("workspaceId").value_or("");
  if (!workspace.empty() && !is_uuid(workspace)) return nullptr;
  return std::make_shared<LiveSocket>(pool_, hub_, std::move(*claims), std::move(workspace));
}

}  // namespace shopme::http
