#pragma once
// The tools the agent calls, each a small use case over the workspace's data, shared by the
// language-model agent and the offline agent. Arguments are checked against the tool's JSON schema
// before it runs; a refusal goes back to the model as the tool's result, so it can correct itself.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "application/agent/language_model.hpp"
#include "domain/agent/phrasebook.hpp"  // format_price

namespace shopme::agent {

struct ToolContext {
  pqxx::connection_base& conn;
  std::string workspace_id;
  std::string conversation_id;
  std::string customer_id;
  std::string language;
  std::string currency;
  std::string public_base_url;  // links sent to the customer start with it
  // The turn's own transaction when the turn runs inside one (the offline agent answers inside the
  // inbound job's transaction): the tools then work in it instead of committing on their own.
  pqxx::dbtransaction* turn_tx = nullptr;
};

// A tool's unit of work. Inside the turn's transaction: a savepoint (kWrite), so a tool that gives
// up undoes only its own writes, or the turn's transaction itself (kRead). Otherwise a transaction
// of its own. commit() keeps the work; leaving without it undoes it.
class ToolTransaction {
 public:
  enum Mode { kRead, kWrite };
  ToolTransaction(ToolContext& c, Mode mode);
  ~ToolTransaction();
  ToolTransaction(const ToolTransaction&) = delete;
  ToolTransaction& operator=(const ToolTransaction&) = delete;
  pqxx::transaction_base& tx() {
    if (own_) return *own_;
    return *turn_;
  }
  void commit() {
    if (own_) own_->commit();
    kept_ = true;
  }

 private:
  std::optional<pqxx::work> own_;
  pqxx::dbtransaction* turn_ = nullptr;
  bool savepoint_ = false, kept_ = false;
};

struct Tool {
  ToolSpec spec;
  std::function<boost::json::value(ToolContext&, const boost::json::object&)> run;
};

// The tools this release implements, filtered by the workspace's enabled list (empty: all).
std::vector<Tool> available_tools(const std::vector<std::string>& enabled);

// nullopt when `args` satisfies the schema's subset the tools use (object, properties with
// string/integer/number/boolean types, required); otherwise what is wrong, for the model.
std::optional<std::string> check_arguments(const std::string& schema_json, const boost::json::value& args);

}  // namespace shopme::agent
