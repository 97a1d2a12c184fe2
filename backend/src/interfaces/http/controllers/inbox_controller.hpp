#pragma once
// The team inbox: conversations with their customer, messages, operator replies through the
// outbox, assignment, resolve/reopen, take-over (human mode) and hand-back, internal notes, read
// receipts; and the simulator, where a team member plays a customer through the same pipeline.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class InboxController {
 public:
  Response list(Request& req, postgres::Db& db) const;
  Response get(Request& req, postgres::Db& db) const;
  Response messages(Request& req, postgres::Db& db) const;
  Response reply(Request& req, postgres::Db& db) const;
  Response assign(Request& req, postgres::Db& db) const;
  Response resolve(Request& req, postgres::Db& db) const;
  Response reopen(Request& req, postgres::Db& db) const;
  Response set_mode(Request& req, postgres::Db& db) const;
  Response mark_read(Request& req, postgres::Db& db) const;
  Response notes(Request& req, postgres::Db& db) const;
  Response add_note(Request& req, postgres::Db& db) const;
  Response customer_conversations(Request& req, postgres::Db& db) const;
  Response simulate_message(Request& req, postgres::Db& db) const;
  Response simulate_read(Request& req, postgres::Db& db) const;
};

}  // namespace shopme::http
