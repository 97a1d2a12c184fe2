#pragma once
// The tools the agent calls, each a small use case over the workspace's data, shared by the
// language-model agent and the offline agent. Arguments are checked against the tool's JSON schema
// before it runs; a refusal goes back to the model as the tool's result, so it can correct itself.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "application/agent/language_model.hpp"
#include "domain/agent/phrasebook.hpp"  // format_price

namespace shopme::agent {

struct ToolContext {
  pqxx::connection& conn;
  std::string workspace_id;
  std::string conversation_id;
  std::string customer_id;
  std::string language;
  std::string currency;
  std::string public_base_url;  // links sent to the customer start with it
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
