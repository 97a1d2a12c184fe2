#pragma once
// The job handlers of the message pipeline. Each is one use case, run by the JobRunner:
//   inbound — decide what an inbound message leads to (abuse control, blocked customer, inactive
//             channel, human mode, the registration gate with its link, welcome, then the turn);
//   send    — deliver one outbox row to WhatsApp (or to the simulator) under the per-number
//             throughput and the 24-hour window, with retries and permanent failures recorded;
//   read    — send a read receipt for an inbound message the team has seen.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <pqxx/field>
#include <pqxx/row>
#include <string>

#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/postgres/job_queue.hpp"
#include "infrastructure/whatsapp/graph_api.hpp"

namespace shopme::messaging {

struct PipelineSettings {
  std::string default_api_base_url;
  // How long a send interrupted mid-call (crash, timeout) waits for a status callback naming it
  // before it is sent again.
  std::chrono::seconds in_doubt_grace{60};
};

// The columns of a row from `first` on: what the turn's state function returned (see TurnHandler).
struct StateRow {
  pqxx::row row;
  pqxx::row::size_type first = 0;
  pqxx::field operator[](pqxx::row::size_type i) const { return row[first + i]; }
};

// What the conversation turn sees; the AI agent plugs in here. It runs inside the inbound job's
// transaction, so anything it writes or queues commits with the job's completion; what it returns
// runs after that commit.
struct InboundTurn {
  std::string workspace_id;
  std::string conversation_id;
  std::string customer_id;
  std::string message_id;
  std::string type;
  std::string text;
  bool sandbox = false;
  std::optional<StateRow> state;  // the state function's row, read with the message
};
struct TurnHandler {
  // A set-returning SQL function of (workspace uuid, conversation uuid): what the turn needs to read
  // first. The message's own first read calls it in the same statement for a customer who may be
  // answered (one round trip fewer) and hands its row over as InboundTurn::state. Empty: none.
  std::string state_function;
  std::function<postgres::AfterCommit(pqxx::dbtransaction& tx, const InboundTurn& turn)> answer;
};

// Per phone number token buckets: the Cloud API's throughput limit (80 messages/s by default).
class Throttle {
 public:
  // Blocks until a message may go out on `phone_number_id`.
  void acquire(const std::string& phone_number_id, int per_second);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point refilled{};
  };
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

// `public_base_url` is read at each job (the server learns its port after listening).
postgres::JobRunner::TransactionalHandler handle_inbound_message(TurnHandler turn,
                                                                 const std::string& public_base_url);
postgres::JobRunner::SplitHandler send_outbound_message(const crypto::Sealer& sealer,
                                                        const whatsapp::GraphApi& api, Throttle& throttle,
                                                        PipelineSettings settings);
// The second part of a send leased by the statement that queued it (see queue_outbound).
postgres::JobRunner::Resume resume_prepared_send(const crypto::Sealer& sealer, const whatsapp::GraphApi& api,
                                                 Throttle& throttle, PipelineSettings settings);
postgres::JobRunner::Handler send_read_receipt(const crypto::Sealer& sealer, const whatsapp::GraphApi& api,
                                               Throttle& throttle, PipelineSettings settings);

}  // namespace shopme::messaging
