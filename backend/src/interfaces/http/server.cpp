// The only translation unit that includes Boost.Beast/Asio: every connection is one coroutine,
// `read -> handle -> write`, with a deadline on each read, a body limit and a cap on the number of
// requests per connection.
#include "interfaces/http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "interfaces/http/app.hpp"
#include "interfaces/http/problem.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;

namespace shopme::http {
namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kMaxQueuedWebSocketMessages = 1024;

// Hands a handler to the database worker pool and resumes the coroutine on its own executor with
// the response, or with nothing when the pool's queue is full.
template <class Token>
auto async_on_pool(postgres::DbWorkerPool& pool, std::function<Response(postgres::Db&)> fn, Token&& token) {
  return asio::async_initiate<Token, void(std::optional<Response>)>(
      [&pool](auto handler, std::function<Response(postgres::Db&)> job) {
        auto ex = asio::get_associated_executor(handler);
        auto shared = std::make_shared<std::decay_t<decltype(handler)>>(std::move(handler));
        const bool queued = pool.try_submit([shared, job = std::move(job), ex](postgres::Db& db) {
          std::optional<Response> r(job(db));
          asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
        });
        if (!queued) asio::post(ex, [shared]() mutable { (*shared)(std::optional<Response>{}); });
      },
      token, std::move(fn));
}

// Runs an async route's handler and resumes the coroutine on its own executor with the answer.
template <class Token>
auto async_route(const Route& route, Request& req, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&route, &req](auto handler) {
        auto ex = asio::get_associated_executor(handler);
        auto shared = std::make_shared<std::decay_t<decltype(handler)>>(std::move(handler));
        route.async_handler(req, [shared, ex](Response r) {
          asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
        });
      },
      token);
}

Request to_facade(const bhttp::request<bhttp::string_body>& in, std::string remote) {
  Request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  const auto qpos = req.target.find('?');
  const std::string raw_path = req.target.substr(0, qpos);
  if (qpos != std::string::npos) req.query = req.target.substr(qpos + 1);
  if (auto parsed = boost::urls::parse_origin_form(raw_path); parsed) {
    req.path = std::string(parsed->path());
  } else {
    req.path = raw_path;
  }
  req.headers.reserve(16);
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = in.body();
  req.remote_address = std::move(remote);
  req.request_id = choose_request_id(req.header("x-request-id"));
  return req;
}

template <class Body>
void copy_headers(bhttp::response<Body>& out, const Response& res) {
  for (const auto& [k, v] : res.headers) out.insert(k, v);
}

// One WebSocket connection: reads in the session coroutine; writes are queued on the strand.
class WsPeer : public WebSocketPeer, public std::enable_shared_from_this<WsPeer> {
 public:
  WsPeer(ws::stream<beast::tcp_stream> stream, asio::any_io_executor ex)
      : stream_(std::move(stream)), ex_(ex) {}

  void send(std::string text) override {
    asio::post(ex_, [self = shared_from_this(), text = std::move(text)]() mutable {
      if (self->closed_ || self->closing_) return;
      if (self->queue_.size() >= kMaxQueuedWebSocketMessages) {
        log::warn("websocket client too slow; closing");
        self->close_now();
        return;
      }
      self->queue_.push_back(std::move(text));
      if (!self->writing_) self->write_next();
    });
  }
  // After what was sent before it has been written: a refusal's reason must reach the client before
  // the close does (closing at once dropped it whenever a write was still in flight).
  void close() override {
    asio::post(ex_, [self = shared_from_this()] {
      if (self->writing_) {
        self->closing_ = true;  // write_next closes once the queue is empty
      } else {
        self->close_now();
      }
    });
  }
  void close_now() {
    if (closed_) return;
    closed_ = true;
    stream_.async_close(ws::close_code::going_away, [self = shared_from_this()](beast::error_code) {});
  }
  ws::stream<beast::tcp_stream>& stream() { return stream_; }
  bool closed() const { return closed_; }
  void mark_closed() { closed_ = true; }

 private:
  void write_next() {
    writing_ = true;
    stream_.text(true);
    stream_.async_write(asio::buffer(queue_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          self->queue_.pop_front();
                          if (ec || self->queue_.empty() || self->closed_) {
                            self->writing_ = false;
                            if (!ec && self->closing_) self->close_now();
                            return;
                          }
                          self->write_next();
                        });
  }

  ws::stream<beast::tcp_stream> stream_;
  asio::any_io_executor ex_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool closing_ = false;  // close() asked while a write was in flight
  bool closed_ = false;
};

}  // namespace

struct Server::Impl {
  // What shutdown needs to know about a connection; touched only on the connection's strand.
  struct Conn {
    asio::any_io_executor ex;
    beast::tcp_stream* stream = nullptr;
    std::shared_ptr<WsPeer> websocket;
    bool busy = false;
  };

  Impl(const Config& c, const App& a, postgres::DbWorkerPool& p)
      : config(c), app(a), pool(p), acceptor(ioc), signals(ioc, SIGINT, SIGTERM) {}

  const Config& config;
  const App& app;
  postgres::DbWorkerPool& pool;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::atomic<int> open_connections{0};
  std::mutex conns_mutex;
  std::uint64_t next_conn_id = 0;
  std::unordered_map<std::uint64_t, std::shared_ptr<Conn>> conns;

  struct Registration {
    Impl& impl;
    std::uint64_t id;
    std::shared_ptr<Conn> conn;
    Registration(Impl& i, asio::any_io_executor ex, beast::tcp_stream* s)
        : impl(i), conn(std::make_shared<Conn>()) {
      conn->ex = ex;
      conn->stream = s;
      std::lock_guard lock(impl.conns_mutex);
      id = impl.next_conn_id++;
      impl.conns.emplace(id, conn);
      ++impl.open_connections;
    }
    ~Registration() {
      conn->stream = nullptr;
      conn->websocket.reset();
      std::lock_guard lock(impl.conns_mutex);
      impl.conns.erase(id);
      --impl.open_connections;
    }
  };

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        log::warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& err) {
          log::error("connection ended by an error", {{"error", err.what()}});
        }
      });
    }
  }

  asio::awaitable<void> write_simple(beast::tcp_stream& stream, const Request& req, Response res) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
    copy_headers(out, res);
    out.set("X-Request-Id", req.request_id);
    out.body() = std::move(res.body);
    out.keep_alive(false);
    out.prepare_payload();
    stream.expires_after(std::chrono::seconds(5));
    co_await bhttp::async_write(stream, out, kTuple);
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    auto ex = co_await asio::this_coro::executor;
    Registration reg(*this, ex, &stream);
    if (stopping) co_return;
    beast::flat_buffer buffer;

    for (int n = 0; n < config.max_requests_per_connection; ++n) {
      // Wait for the first byte of the next request (idle timeout), then give the whole request
      // one deadline, so a client sending a byte at a time cannot hold the connection.
      if (buffer.size() == 0) {
        stream.expires_after(n == 0 ? config.read_timeout : config.idle_timeout);
        auto [ec, got] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
        if (ec) co_return;
        buffer.commit(got);
      }
      reg.conn->busy = true;
      ++in_flight;
      struct Busy {
        Impl& impl;
        Conn& conn;
        ~Busy() {
          conn.busy = false;
          --impl.in_flight;
        }
      } busy{*this, *reg.conn};

      const auto started = std::chrono::steady_clock::now();
      bhttp::request_parser<bhttp::string_body> parser;
      // Beast checks Content-Length against the limit while it parses the header, before the target
      // is known; so the parser gets the largest limit and the route's own is applied right after.
      parser.body_limit(std::max(config.body_limit, config.import_body_limit));
      parser.header_limit(kHeaderLimit);
      stream.expires_after(config.read_timeout);
      Request bare;
      bare.request_id = choose_request_id(std::nullopt);
      bare.remote_address = remote;

      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      (void)hn;
      // CSV imports and image uploads are the requests allowed a large body.
      std::size_t body_limit = config.body_limit;
      if (!hec) {
        const auto target = parser.get().target();
        const auto path = target.substr(0, target.find('?'));
        const auto ends_with = [&](std::string_view tail) {
          return path.size() > tail.size() && path.substr(path.size() - tail.size()) == tail;
        };
        if (ends_with("/import") || ends_with("/images")) body_limit = config.import_body_limit;
        if (parser.content_length() && *parser.content_length() > body_limit) {
          hec = bhttp::error::body_limit;
        } else {
          parser.body_limit(body_limit);  // a chunked body is counted as it arrives
        }
      }
      if (!hec && parser.get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, cont, kTuple);
      }
      beast::error_code rec = hec;
      if (!rec && !parser.is_done()) {
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        (void)bn;
        rec = bec;
      }
      if (rec) {
        if (rec == bhttp::error::end_of_stream || rec == asio::error::operation_aborted) co_return;
        if (rec == bhttp::error::body_limit) {
          bare.path = std::string(parser.get().target());
          bare.route = "body-limit";
          co_await write_simple(
              stream, bare,
              problem(bare, 413,
                      "The request body is larger than " + std::to_string(body_limit) + " bytes."));
        } else if (rec == beast::error::timeout) {
          // tcp_stream has closed the socket already: a client this slow gets no answer.
          log::info("request read timed out; connection closed", {{"remote", remote}});
        } else if (rec == bhttp::error::header_limit) {
          co_await write_simple(stream, bare, problem(bare, 431, "The request headers are too large."));
        } else if (rec != asio::error::eof && rec != asio::error::connection_reset) {
          co_await write_simple(stream, bare,
                                problem(bare, 400, "Malformed HTTP request: " + rec.message() + "."));
        }
        co_return;
      }

      auto& raw = parser.get();
      Request req = to_facade(raw, remote);
      const bool keep_alive_requested = raw.keep_alive();
      auto decision = app.decide(req);

      if (decision.websocket && ws::is_upgrade(raw)) {
        auto handler = (*decision.websocket)(req);
        if (!handler) {
          co_await write_simple(stream, req, problem(req, 403, "This connection cannot be upgraded."));
          co_return;
        }
        co_await run_websocket(std::move(stream), parser.release(), std::move(handler), req, reg);
        co_return;
      }

      Response res;
      if (decision.response) {
        res = std::move(*decision.response);
      } else if (decision.db_route) {
        const Route* route = decision.db_route;
        auto r = co_await async_on_pool(
            pool, [this, &req, route](postgres::Db& db) { return app.run_db(req, *route, db); },
            asio::use_awaitable);
        res = r ? std::move(*r) : app.overloaded(req);
      } else if (decision.async_route) {
        res = co_await async_route(*decision.async_route, req, asio::use_awaitable);
      } else {
        res = problem(req, 426, "This resource needs a WebSocket upgrade.");
      }
      app.finish(req, res, std::chrono::steady_clock::now() - started);

      const bool keep_alive = keep_alive_requested && !stopping && n + 1 < config.max_requests_per_connection;
      stream.expires_after(config.read_timeout);
      beast::error_code wec;
      const bool head = req.method == "HEAD";
      if (res.shared_body || head || res.status == 304) {
        const auto body = res.body_view();
        bhttp::response<bhttp::span_body<const char>> out{static_cast<bhttp::status>(res.status), 11};
        copy_headers(out, res);
        out.keep_alive(keep_alive);
        if (!head && res.status != 304) out.body() = boost::span<const char>(body.data(), body.size());
        if (res.status != 304 && res.status != 204) out.content_length(body.size());
        bhttp::response_serializer<bhttp::span_body<const char>> sr{out};
        if (head) sr.split(true);
        if (head) {
          auto [e, w] = co_await bhttp::async_write_header(stream, sr, kTuple);
          (void)w;
          wec = e;
        } else {
          auto [e, w] = co_await bhttp::async_write(stream, sr, kTuple);
          (void)w;
          wec = e;
        }
      } else {
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
        copy_headers(out, res);
        out.keep_alive(keep_alive);
        out.body() = std::move(res.body);
        out.prepare_payload();
        auto [e, w] = co_await bhttp::async_write(stream, out, kTuple);
        (void)w;
        wec = e;
      }
      if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> run_websocket(beast::tcp_stream stream, bhttp::request<bhttp::string_body> upgrade,
                                      std::shared_ptr<WebSocketHandler> handler, const Request& req,
                                      Registration& reg) {
    stream.expires_never();
    auto ex = co_await asio::this_coro::executor;
    auto peer = std::make_shared<WsPeer>(ws::stream<beast::tcp_stream>(std::move(stream)), ex);
    reg.conn->stream = nullptr;
    reg.conn->websocket = peer;
    reg.conn->busy = false;
    auto& s = peer->stream();
    s.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    s.read_message_max(64 * 1024);
    s.set_option(ws::stream_base::decorator(
        [id = req.request_id](ws::response_type& r) { r.set("X-Request-Id", id); }));
    auto [aec] = co_await s.async_accept(upgrade, kTuple);
    if (aec) co_return;
    log::info("websocket opened", {{"route", req.route}, {"request_id", req.request_id}});
    handler->on_open(peer);
    beast::flat_buffer buffer;
    for (;;) {
      auto [ec, n] = co_await s.async_read(buffer, kTuple);
      (void)n;
      if (ec) break;
      const auto data = buffer.data();
      handler->on_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
      buffer.consume(buffer.size());
    }
    peer->mark_closed();
    handler->on_close();
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    log::info("shutting down: no new connections, finishing requests in flight",
              {{"in_flight", in_flight.load()}});
    beast::error_code ec;
    acceptor.close(ec);
    close_connections(false);
    asio::co_spawn(ioc, drain(), asio::detached);
  }

  void close_connections(bool force) {
    std::lock_guard lock(conns_mutex);
    for (auto& [id, conn] : conns) {
      asio::post(conn->ex, [conn, force] {
        if (conn->websocket) {
          conn->websocket->close_now();
        } else if (conn->stream && (force || !conn->busy)) {
          beast::error_code ignored;
          conn->stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
          conn->stream->socket().close(ignored);
        }
      });
    }
  }

  asio::awaitable<void> drain() {
    const auto deadline = std::chrono::steady_clock::now() + config.shutdown_grace;
    asio::steady_timer timer(ioc);
    while (open_connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      // Idle keep-alive connections that finished a request since the first pass are closed too.
      close_connections(false);
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(kTuple);
    }
    if (open_connections.load() > 0) {
      log::warn("shutdown grace period over; closing remaining connections",
                {{"open", open_connections.load()}});
      close_connections(true);
      timer.expires_after(std::chrono::milliseconds(200));
      co_await timer.async_wait(kTuple);
    }
    ioc.stop();
  }
};

Server::Server(const Config& config, const App& app, postgres::DbWorkerPool& pool)
    : impl_(std::make_unique<Impl>(config, app, pool)) {}

Server::~Server() = default;

std::uint16_t Server::listen() {
  auto& a = impl_->acceptor;
  const tcp::endpoint ep(asio::ip::make_address(impl_->config.bind_address), impl_->config.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  // SO_REUSEPORT lets a new release bind beside the old one for a zero-downtime restart; it is opt-in
  // because it also lets two unrelated servers share a port silently.
  if (impl_->config.reuse_port) {
    int one = 1;
    ::setsockopt(a.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  }
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](const beast::error_code& ec, int sig) {
    if (ec) return;
    log::info("signal received", {{"signal", sig}});
    impl.begin_shutdown();
  });
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.config.io_threads; ++i) threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

int Server::in_flight() const { return impl_->in_flight.load(); }

}  // namespace shopme::http
