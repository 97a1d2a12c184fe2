// Use case: answer what the customer wrote since the last reply. See agent_turn.hpp.
#include <any>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <thread>
#include <utility>

#include "infrastructure/agent/agent_turn.hpp"
#include "infrastructure/agent/tools.hpp"
#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/llm/openai_chat.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/late_begin_transaction.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "infrastructure/postgres/text_array.hpp"

namespace shopme::agent {
namespace json = boost::json;
using postgres::JobResult;
using namespace std::chrono_literals;

namespace {

constexpr int kMaxToolRounds = 6;  // search, look, add, code, view… then words
constexpr std::size_t kMaxToolResult = 6000;

std::string default_prompt(const std::string& shop) {
  return "You are the shop assistant of " + shop +
         " on WhatsApp. Answer briefly and warmly in the customer's language. Use the tools to look up "
         "products, "
         "prices, stock, services, offers and answers to common questions; never invent a product or a "
         "price. Never "
         "ask for or repeat personal data (addresses, e-mail, payment details) in the chat: registration, "
         "payments "
         "and profile changes happen only through the secure links the shop sends. When the customer asks "
         "for a "
         "person, or you cannot help, call contact_operator.";
}

std::string clip(std::string s, std::size_t n) {
  if (s.size() > n) s = s.substr(0, n) + "…";
  return s;
}

struct TurnData {
  bool bot = false;
  std::string customer_id, customer_name, language, currency, shop;
  std::string provider, base_url, model, prompt;
  std::optional<std::string> api_key;
  double temperature = 0.3;
  int max_tokens = 800, timeout_ms = 20000;
  std::vector<std::string> enabled;
  bool debug = false;
  std::string unanswered;          // the customer's new messages, merged
  long long answered_through = 0;  // the last of them
  std::string reply_id;            // the button or list row the last of them tapped
  std::string offered_product;     // the product the agent's last reply offered to add
  std::vector<ChatMessage> history;
};

// What a turn reads first, one call (see the migration "turn_state_with_history"): its statements in
// one round trip, with their generic plans; for a model, the history too. The row comes with the
// inbound message's first read (TurnHandler::state_function), so a model turn started at once
// reads nothing before its first call.
constexpr const char* kStateFunction = "shopme_agent_turn_state";
constexpr int kHistoryColumn = 21;

TurnData from_state(const messaging::StateRow& r, const crypto::Sealer& sealer, const std::string& ws) {
  TurnData d;
  d.bot = r[0].as<bool>();
  d.customer_id = r[1].c_str();
  d.customer_name = r[2].c_str();
  d.language = r[3].c_str();
  d.currency = r[4].c_str();
  d.shop = r[5].c_str();
  d.provider = r[6].c_str();
  d.base_url = r[7].c_str();
  d.model = r[8].c_str();
  if (!r[9].is_null()) {
    if (auto raw = crypto::base64url_decode(r[9].c_str()))
      d.api_key = sealer.open(*raw, "agent:" + ws + ":apiKey");
  }
  d.temperature = r[10].as<double>();
  d.max_tokens = r[11].as<int>();
  d.timeout_ms = r[12].as<int>();
  d.enabled = postgres::text_array(r[13]);
  d.debug = r[14].as<bool>();
  d.prompt = r[15].is_null() ? default_prompt(d.shop) : std::string(r[15].c_str());
  // What the customer wrote since anything was last sent to them; a tapped button or list row
  // instead: its id carries the choice, its title alone is what it "says".
  d.unanswered = r[16].c_str();
  d.answered_through = r[17].as<long long>();
  if (!r[18].is_null() && !std::string_view(r[18].c_str()).empty()) {
    d.reply_id = r[18].c_str();
    d.unanswered = r[19].c_str();
  }
  if (!r[20].is_null()) d.offered_product = r[20].c_str();
  if (r[kHistoryColumn].is_null()) return d;
  boost::system::error_code ec;
  const auto past = json::parse(r[kHistoryColumn].c_str(), ec);
  if (ec || !past.is_array()) return d;
  for (const auto& p : past.as_array()) {
    const auto& pair = p.as_array();
    d.history.push_back({pair.at(0).as_string() == "inbound" ? "user" : "assistant",
                         std::string(pair.at(1).as_string()),
                         {},
                         {}});
  }
  return d;
}

// One statement, so one round trip and one snapshot, in a transaction or on its own.
std::optional<TurnData> load(pqxx::transaction_base& tx, const crypto::Sealer& sealer, const std::string& ws,
                             const std::string& conv) {
  const auto rows = postgres::exec(tx, std::string("SELECT * FROM ") + kStateFunction + "($1, $2)", ws, conv);
  if (rows.empty()) return std::nullopt;
  return from_state({rows[0], 0}, sealer, ws);
}

struct Outcome {
  messaging::OutboundMessage message;
  std::vector<std::string> notes;  // shown to the team in the thread
  int prompt_tokens = 0, completion_tokens = 0;
  bool handed_over = false;
  std::string language;  // set when the message showed the customer writes another language now
};

// The language-model turn; nullopt with `why` when it failed and the offline agent must answer.
std::optional<Outcome> model_turn(const TurnData& d, ToolContext& ctx, std::string& why) {
  llm::OpenAiChatModel model(
      {d.base_url, d.api_key.value_or(""), d.model, std::chrono::milliseconds(d.timeout_ms)});
  const auto tools = available_tools(d.enabled);
  CompletionRequest req;
  req.temperature = d.temperature;
  req.max_tokens = d.max_tokens;
  for (const auto& t : tools) req.tools.push_back(t.spec);
  // Nothing that identifies the customer goes to the model: no name, and e-mail addresses and phone
  // numbers they typed are masked (the model works with what they want, not who they are).
  // The name also appears in earlier messages (a greeting, the registration confirmation): masked too.
  std::vector<std::string> names;
  if (d.customer_name.size() >= 2) names.push_back(d.customer_name);
  for (std::size_t start = 0; start < d.customer_name.size();) {
    const auto end = std::min(d.customer_name.find(' ', start), d.customer_name.size());
    if (end - start >= 3) names.push_back(d.customer_name.substr(start, end - start));
    start = end + 1;
  }
  const std::string link_prefix = ctx.public_base_url + "/s/";
  const auto mask = [&](const std::string& raw) {
    std::string text = log::redact(raw);
    // Links sent earlier carry tokens: the model never sees one.
    for (auto at = text.find(link_prefix); at != std::string::npos; at = text.find(link_prefix, at + 1)) {
      const auto end = text.find_first_of(" \n\t)", at);
      text.replace(at, (end == std::string::npos ? text.size() : end) - at, "[link sent earlier]");
    }
    for (const auto& n : names) {
      for (auto at = text.find(n); at != std::string::npos; at = text.find(n, at + 6))
        text.replace(at, n.size(), "[name]");
    }
    return text;
  };
  req.messages.push_back(
      {"system",
       d.prompt + "\nThe customer's language code is " + d.language +
           ". Write [name] where you would use the customer's name; it is filled in for you. Links appear in "
           "tool results as [link 1], [link 2]…: write them exactly so, and they are filled in for you.",
       {},
       {}});
  for (const auto& h : d.history) req.messages.push_back({h.role, mask(h.content.value_or("")), {}, {}});
  req.messages.push_back({"user", mask(d.unanswered), {}, {}});
  Outcome out;
  // Links carry tokens: the model sees a placeholder, the customer the link.
  std::vector<std::string> links;
  const std::string& prefix = link_prefix;
  const auto hide_links = [&](json::value& v) {
    if (!v.is_object()) return;
    for (auto& [key, field] : v.as_object()) {
      if (field.is_string() && field.as_string().starts_with(prefix)) {
        links.emplace_back(field.as_string());
        field = "[link " + std::to_string(links.size()) + "]";
      }
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(d.timeout_ms) * 2;
  for (int round = 0; round <= kMaxToolRounds; ++round) {
    if (round == kMaxToolRounds) req.tools.clear();  // the last round must answer in words
    auto c = model.complete(req);
    if (!c && c.error().kind == ErrorKind::kUnavailable && std::chrono::steady_clock::now() + 2s < deadline) {
      std::this_thread::sleep_for(std::chrono::seconds(std::clamp(c.error().retry_after_seconds, 1, 2)));
      c = model.complete(req);  // one retry within the turn's budget
    }
    if (!c) {
      why = c.error().detail;
      return std::nullopt;
    }
    out.prompt_tokens += c->prompt_tokens;
    out.completion_tokens += c->completion_tokens;
    if (c->message.tool_calls.empty()) {
      auto reply = c->message.content.value_or("");
      // The placeholders are filled in here, after the model: the name and the tokens never left.
      const auto fill = [&reply](const std::string& mark, const std::string& value) {
        bool found = false;
        for (auto at = reply.find(mark); at != std::string::npos; at = reply.find(mark, at + value.size())) {
          reply.replace(at, mark.size(), value);
          found = true;
        }
        return found;
      };
      fill("[name]", d.customer_name.substr(0, d.customer_name.find(' ')));
      bool linked = false;
      for (std::size_t i = 0; i < links.size(); ++i)
        linked = fill("[link " + std::to_string(i + 1) + "]", links[i]) || linked;
      // A model that forgot to write the link still gets it to the customer (the latest one made).
      if (!linked && !links.empty() && !reply.empty()) reply += "\n" + links.back();
      out.message.body = reply;
      if (reply.empty()) {
        why = "the model answered with empty text";
        return std::nullopt;
      }
      return out;
    }
    req.messages.push_back(c->message);
    for (const auto& call : c->message.tool_calls) {
      json::value result;
      const Tool* tool = nullptr;
      for (const auto& t : tools) {
        if (t.spec.name == call.name) tool = &t;
      }
      boost::system::error_code ec;
      auto args = json::parse(call.arguments.empty() ? "{}" : call.arguments, ec);
      if (!tool) {
        result = json::object{{"error", "there is no tool named " + call.name}};
      } else if (ec) {
        result = json::object{{"error", "the arguments are not valid JSON"}};
      } else if (auto bad = check_arguments(tool->spec.parameters, args)) {
        result = json::object{{"error", *bad}};
      } else {
        result = tool->run(ctx, args.as_object());
        hide_links(result);
        if (call.name == "contact_operator") out.handed_over = true;
      }
      const auto text = clip(json::serialize(result), kMaxToolResult);
      if (d.debug)
        out.notes.push_back("Tool " + call.name + " " + clip(call.arguments, 300) + " → " + clip(text, 700));
      req.messages.push_back({"tool", text, {}, call.id});
    }
  }
  why = "the model did not finish within the tool rounds";
  return std::nullopt;
}

bool uses_model(const TurnData& d) {
  return d.provider == "openai-compatible" && !d.base_url.empty() && !d.model.empty();
}

Outcome offline_turn(const TurnData& d, ToolContext& ctx) {
  Outcome out;
  const BuiltinInput in{d.unanswered, d.reply_id, d.customer_name, d.shop, d.offered_product};
  auto r = builtin_reply(ctx, in, d.enabled);
  out.message = std::move(r.message);
  out.handed_over = r.handed_over;
  out.language = r.language;
  return out;
}

// The turn's writes: the reply through the outbox, the customer's language, the notes for the team.
// `begin`: the BEGIN of the closing transaction, sent with the first of them (empty inside the
// inbound job's transaction, which holds the conversation's lock since the message's first read).
// Returns it when nothing was written. Outside that lock an operator who took over during the turn
// has the last word; a hand-over by the agent itself still tells the customer someone is coming.
std::string_view record(pqxx::transaction_base& tx, const TurnData& d, Outcome& out, const std::string& ws,
                        const std::string& conv, std::string_view begin) {
  const auto first = [&begin] { return std::exchange(begin, {}); };
  if (!out.message.body.empty()) {
    if (out.message.kind == messaging::OutboundKind::kText)
      out.message.body = clip(out.message.body, messaging::kMaxTextLength - 10);
    const bool locked = begin.empty();
    messaging::queue_agent_reply(tx, first(), ws, conv, out.message, d.answered_through,
                                 locked || out.handed_over);
  }
  // The customer's language is the one they write in: later links, pages and messages follow it.
  if (!out.language.empty() && out.language != d.language) {
    postgres::exec_prefixed(
        tx, first(),
        "UPDATE customers SET language = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2",
        {ws, d.customer_id, out.language});
  }
  for (const auto& n : out.notes) {
    // Not for a conversation deleted with its customer meanwhile.
    postgres::exec_prefixed(tx, first(),
                            "INSERT INTO conversation_notes (workspace_id, conversation_id, text)"
                            " SELECT $1::uuid, $2::uuid, $3 WHERE EXISTS (SELECT 1 FROM conversations"
                            " WHERE workspace_id = $1::uuid AND id = $2::uuid)",
                            {ws, conv, n});
    messaging::notify(tx, "note.created", ws, conv);
  }
  return begin;
}

// Usage counters after the turn's commit, in a statement of their own: every turn of a workspace
// updates the same day row, and holding its lock through the turn's commit made turns wait for
// each other. A crash between the two loses one turn's count, never a reply; so the statement does
// not wait for the disk either (it runs once the reply started in that commit has been handed over).
postgres::AfterCommit count_usage(std::string ws, long long prompt_tokens, long long completion_tokens) {
  return [ws = std::move(ws), prompt_tokens, completion_tokens](pqxx::connection& conn) {
    pqxx::nontransaction stats(conn);
    postgres::exec(
        stats,
        "INSERT INTO agent_token_usage (workspace_id, day, prompt_tokens, completion_tokens, turns)"
        " SELECT $1, (now() AT TIME ZONE timezone)::date, $2, $3, 1 FROM workspaces WHERE id = $1"
        " ON CONFLICT (workspace_id, day) DO UPDATE SET"
        " prompt_tokens = agent_token_usage.prompt_tokens + $2, completion_tokens = "
        "agent_token_usage.completion_tokens + $3,"
        " turns = agent_token_usage.turns + 1"
        " RETURNING set_config('synchronous_commit', 'off', true)",
        ws, prompt_tokens, completion_tokens);
  };
}

}  // namespace

postgres::JobRunner::Handler run_agent_turn(const crypto::Sealer& sealer,
                                            const std::string& public_base_url) {
  return [&sealer, &public_base_url](const postgres::Job& job, pqxx::connection& conn) -> JobResult {
    const auto* cv = job.payload.if_contains("conversationId");
    if (!cv || !cv->is_string()) return JobResult::dead("agent turn without a conversation");
    const std::string ws = job.workspace_id;
    const std::string conv(cv->as_string());
    // Started at once by the inbound job, the turn has what that job read under the conversation's
    // lock (a message that came in since is answered by its own job, right after this one); claimed
    // later, it reads for itself.
    std::optional<TurnData> data;
    if (const auto* read = std::any_cast<std::shared_ptr<const TurnData>>(&job.handed_over)) {
      data = **read;
    } else {
      pqxx::nontransaction tx(conn);
      data = load(tx, sealer, ws, conv);
    }
    auto finish_silently = [&] {
      pqxx::nontransaction tx(conn);
      postgres::complete_job(tx, job);
      return JobResult::done();
    };
    // Nothing new (a burst already answered by an earlier turn), or the team or a block took over.
    if (!data || !data->bot || data->unanswered.empty()) return finish_silently();

    // Outside calls: the tools commit their own short transactions, none is held across the call.
    ToolContext ctx{conn, ws, conv, data->customer_id, data->language, data->currency, public_base_url};
    Outcome out;
    if (uses_model(*data)) {
      std::string why;
      if (auto o = model_turn(*data, ctx, why)) {
        out = std::move(*o);
      } else {
        log::warn("agent model failed; the offline agent answers", {{"workspace", ws}, {"reason", why}});
        ctx.language = data->language;
        out = offline_turn(*data, ctx);
        out.notes.push_back("The AI provider failed (" + clip(why, 300) + "); the offline agent answered.");
      }
    } else {
      out = offline_turn(*data, ctx);
    }

    // Two round trips: the BEGIN travels with the reply (its statement checks the mode itself), the
    // job's completion with the COMMIT.
    postgres::LateBeginTransaction tx(conn);
    const auto unsent = record(tx, *data, out, ws, conv, "BEGIN;");
    tx.commit_after(
        std::string(unsent) + " " +
        postgres::execute_text(tx, "DELETE FROM jobs WHERE workspace_id = $1::uuid AND id = $2::bigint",
                               {ws, std::to_string(job.id)}));
    tx.commit();
    auto result = JobResult::done();
    result.after_commit = count_usage(ws, out.prompt_tokens, out.completion_tokens);
    return result;
  };
}

messaging::TurnHandler answer_in_transaction(const crypto::Sealer& sealer,
                                             const std::string& public_base_url) {
  const auto answer = [&sealer, &public_base_url](pqxx::dbtransaction& tx,
                                                  const messaging::InboundTurn& t) -> postgres::AfterCommit {
    auto data = t.state ? std::optional(from_state(*t.state, sealer, t.workspace_id))
                        : load(tx, sealer, t.workspace_id, t.conversation_id);
    if (!data || !data->bot || data->unanswered.empty()) return {};
    if (uses_model(*data)) {
      // A language model is an outside call that must not hold this transaction: a job of its own,
      // in the conversation's order, started on this worker right after the commit when nothing of
      // the conversation waits before it (the conversation's lock, held since the first read, keeps
      // the ingest from queueing a message meanwhile).
      postgres::enqueue_job_to_start(tx, t.workspace_id, "agent_turn", "conversation:" + t.conversation_id,
                                     {{"conversationId", t.conversation_id}}, 3,
                                     std::make_shared<const TurnData>(std::move(*data)));
      return {};
    }
    // The offline agent makes no outside call: it answers here, its tools working in this
    // transaction, and the reply commits with the message's job (one commit for the whole turn).
    ToolContext ctx{tx.conn(),      t.workspace_id, t.conversation_id, data->customer_id,
                    data->language, data->currency, public_base_url,   &tx};
    auto out = offline_turn(*data, ctx);
    // Still ours: the conversation is locked since its bot mode was read (the message's first read).
    record(tx, *data, out, t.workspace_id, t.conversation_id, {});
    return count_usage(t.workspace_id, 0, 0);
  };
  return {kStateFunction, answer};
}

}  // namespace shopme::agent
