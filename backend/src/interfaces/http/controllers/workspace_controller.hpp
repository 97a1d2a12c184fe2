#pragma once
// /api/workspaces: the workspaces a user belongs to, their settings, the privacy notice, the team and the
// mail outbox.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class WorkspaceController {
 public:
  explicit WorkspaceController(const std::string& base_url) : base_url_(base_url) {}

  Response list(Request& req, postgres::Db& db) const;
  Response create(Request& req, postgres::Db& db) const;
  Response get(Request& req, postgres::Db& db) const;
  Response update(Request& req, postgres::Db& db) const;
  Response remove(Request& req, postgres::Db& db) const;

  Response members(Request& req, postgres::Db& db) const;
  Response invite(Request& req, postgres::Db& db) const;
  Response revoke_invitation(Request& req, postgres::Db& db) const;
  Response change_member(Request& req, postgres::Db& db) const;
  Response remove_member(Request& req, postgres::Db& db) const;

  Response mail_outbox(Request& req, postgres::Db& db) const;

  // The privacy text customers accept when they register; a changed text is a new version.
  Response privacy_notice(Request& req, postgres::Db& db) const;
  Response put_privacy_notice(Request& req, postgres::Db& db) const;

 private:
  const std::string& base_url_;  // filled in once the port is known
};

}  // namespace shopme::http
