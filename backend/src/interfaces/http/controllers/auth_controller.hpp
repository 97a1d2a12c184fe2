#pragma once
// /api/auth/*: login, refresh, logout, me, sessions, password change and reset, invitations.
#include <string>

#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

struct CookiePolicy {
  bool secure = false;  // HTTPS deployments (public base URL https://, or SHOPME_COOKIE_SECURE=1)
};

class AuthController {
 public:
  AuthController(const AuthGuard& guard, const std::string& base_url, CookiePolicy cookies,
                 int login_ip_limit, int login_email_limit)
      : guard_(guard),
        base_url_(base_url),
        cookies_(cookies),
        login_ip_limit_(login_ip_limit),
        login_email_limit_(login_email_limit) {}

  Response login(Request& req, postgres::Db& db) const;
  Response refresh(Request& req, postgres::Db& db) const;
  Response logout(Request& req, postgres::Db& db) const;
  Response me(Request& req, postgres::Db& db) const;
  Response sessions(Request& req, postgres::Db& db) const;
  Response revoke_session(Request& req, postgres::Db& db) const;
  Response change_password(Request& req, postgres::Db& db) const;
  Response request_password_reset(Request& req, postgres::Db& db) const;
  Response confirm_password_reset(Request& req, postgres::Db& db) const;
  Response invitation(Request& req, postgres::Db& db) const;
  Response accept_invitation(Request& req, postgres::Db& db) const;

 private:
  // The user and memberships, with fresh session cookies when `grant` is given.
  Response me_response(Request& req, postgres::Db& db, const std::string& user_id,
                       const std::string* session_id, const std::string* refresh_token) const;
  void clear_cookies(Response& res) const;
  std::optional<Response> limit_auth_attempt(Request& req, postgres::Db& db, const std::string& email) const;

  const AuthGuard& guard_;
  const std::string& base_url_;  // filled in once the port is known
  CookiePolicy cookies_;
  int login_ip_limit_;
  int login_email_limit_;
};

}  // namespace shopme::http
