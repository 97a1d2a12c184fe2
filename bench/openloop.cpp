// Open-loop HTTP load for bench/webhook.sh, in native code: the same schedule and the same result
// line as bench/webhook-openloop.mjs (requests started at a fixed rate whatever the answers take,
// each latency measured from the moment the request was due), with a fraction of the CPU. On a
// two-core machine the generator shares the cores with the server and PostgreSQL, so what it costs
// itself is taken from what it measures.
//
// One thread, non-blocking sockets, epoll with a nanosecond timeout (epoll_pwait2): a request is
// started within microseconds of its due time on an idle keep-alive connection, on a new one while
// fewer than MAX_CONNECTIONS are open, or else as soon as one frees up (still timed from when it
// was due).
//
//   openloop HOST PORT PATH FILE RATE SECONDS [WARMUP_SECONDS=1] [MAX_CONNECTIONS=256]
//
// FILE: lines "<hex signature>\t<body>" (bench/webhook-gen.mjs); each is one POST with
// `X-Hub-Signature-256: sha256=<hex signature>`. The first WARMUP_SECONDS of requests are sent at
// the same rate and not counted (see bench/openloop-lib.mjs). Prints one OPENLOOP_RESULT line.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr double kTimeoutSeconds = 10;  // per request, and for the answers after the last was sent

double now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double cpu_s() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const auto tv = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "openloop: %s\n", what.c_str());
  std::exit(2);
}

struct Connection {
  int fd = -1;
  std::string out;       // what is left to write of the request in flight
  std::string in;        // what has been read of its answer
  long request = -1;     // index of the request in flight, -1 when idle
  bool writing = false;  // registered for EPOLLOUT
};

// Case-insensitive search for a header's value in a response head ("\r\nname:" ... "\r\n").
std::string_view header(std::string_view head, std::string_view name) {
  for (std::size_t at = head.find("\r\n"); at != std::string_view::npos; at = head.find("\r\n", at + 2)) {
    const auto line = head.substr(at + 2, head.find("\r\n", at + 2) - (at + 2));
    if (line.size() <= name.size() || line[name.size()] != ':') continue;
    if (!std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      continue;
    auto value = line.substr(name.size() + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
  }
  return {};
}

class OpenLoop {
 public:
  OpenLoop(std::string host, int port, std::vector<std::string> requests, double rate, long warm,
           long measured, std::size_t max_connections)
      : requests_(std::move(requests)),
        rate_(rate),
        warm_(warm),
        total_(warm + measured),
        max_connections_(max_connections),
        latency_(static_cast<std::size_t>(total_), NAN),
        from_send_(static_cast<std::size_t>(total_), NAN),
        lag_(static_cast<std::size_t>(total_), 0),
        started_(static_cast<std::size_t>(total_), 0) {
    addr_.sin_family = AF_INET;
    addr_.sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, host.c_str(), &addr_.sin_addr) != 1) fail("HOST must be an IPv4 address: " + host);
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) fail("epoll_create1");
  }
  ~OpenLoop() {
    for (auto& c : connections_)
      if (c.fd >= 0) close(c.fd);
    close(epoll_);
  }
  OpenLoop(const OpenLoop&) = delete;
  OpenLoop& operator=(const OpenLoop&) = delete;

  void run() {
    t0_ = now_s();
    cpu0_ = cpu_s();
    std::vector<epoll_event> events(64);
    double deadline = 0;
    while (true) {
      const double now = now_s();
      while (next_ < total_ && due(next_) <= now) start(next_++, now);
      if (next_ == total_ && deadline == 0) {
        send_end_ = now;
        deadline = now + kTimeoutSeconds;
      }
      if (next_ == total_ && (answered_ + warm_answered_ >= total_ || now >= deadline)) break;
      expire(now);
      const double wake = next_ < total_ ? due(next_) : std::min(deadline, now + 0.02);
      const double wait = std::max(0.0, wake - now);
      timespec ts{static_cast<time_t>(wait), static_cast<long>((wait - std::floor(wait)) * 1e9)};
      const int n = epoll_pwait2(epoll_, events.data(), static_cast<int>(events.size()), &ts, nullptr);
      if (n < 0 && errno != EINTR) fail(std::string("epoll_pwait2: ") + std::strerror(errno));
      for (int e = 0; e < n; ++e)
        on_event(events[static_cast<std::size_t>(e)].data.u32, events[static_cast<std::size_t>(e)].events);
    }
    cpu1_ = cpu_s();
    end_ = now_s();
  }

  void report() const {
    const auto counted = [&](const std::vector<double>& v) {
      std::vector<double> out;
      for (long i = warm_; i < total_; ++i)
        if (!std::isnan(v[static_cast<std::size_t>(i)])) out.push_back(v[static_cast<std::size_t>(i)]);
      std::sort(out.begin(), out.end());
      return out;
    };
    const auto at = [](const std::vector<double>& s, double p) -> long {
      if (s.empty()) return 0;
      const auto k = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(s.size()))) - 1;
      return std::lround(s[std::min(s.size() - 1, k)]);
    };
    const auto done = counted(latency_), by_send = counted(from_send_), lags = counted(lag_);
    const long measured = total_ - warm_;
    const double t_measured = t0_ + static_cast<double>(warm_) / rate_;
    const double send_seconds = send_end_ - t_measured;
    std::string statuses;
    for (const auto& [code, count] : statuses_)
      statuses += (statuses.empty() ? "" : ",") + std::to_string(code) + ":" + std::to_string(count);
    // CPU over the whole run (the warm-up second included: its connections are opened then).
    const double gen_cpu = 100 * (cpu1_ - cpu0_) / (end_ - t0_);
    std::printf(
        "OPENLOOP_RESULT rate=%.0f sent=%ld warmup_sent=%ld send_seconds=%.3f achieved=%.1f ok=%ld "
        "non2xx=%ld "
        "errors=%ld unanswered=%ld p50_us=%ld p90_us=%ld p99_us=%ld p999_us=%ld max_us=%ld gen_cpu=%.0f "
        "statuses=%s from_send_p50_us=%ld from_send_p99_us=%ld lag_p99_us=%ld lag_max_us=%ld "
        "connections=%zu\n",
        rate_, measured, warm_, send_seconds, static_cast<double>(measured) / send_seconds, ok_, non2xx_,
        errors_, measured - answered_, at(done, 50), at(done, 90), at(done, 99), at(done, 99.9),
        done.empty() ? 0 : std::lround(done.back()), gen_cpu, statuses.empty() ? "none" : statuses.c_str(),
        at(by_send, 50), at(by_send, 99), at(lags, 99), lags.empty() ? 0 : std::lround(lags.back()),
        connections_.size());
  }

 private:
  [[nodiscard]] double due(long i) const { return t0_ + static_cast<double>(i) / rate_; }

  void start(long i, double now) {
    started_[static_cast<std::size_t>(i)] = now;
    lag_[static_cast<std::size_t>(i)] = std::max(0.0, now - due(i)) * 1e6;
    if (!idle_.empty()) {
      const auto c = idle_.back();
      idle_.pop_back();
      assign(c, i);
    } else if (open_count() < max_connections_) {
      assign(open(), i);
    } else {
      waiting_.push_back(i);
    }
  }

  std::uint32_t open() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) fail("socket");
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&addr_), sizeof addr_) < 0 && errno != EINPROGRESS)
      fail(std::string("connect: ") + std::strerror(errno));
    std::uint32_t index = 0;
    while (index < connections_.size() && connections_[index].fd >= 0) ++index;
    if (index == connections_.size()) connections_.emplace_back();
    connections_[index].fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = index;
    connections_[index].writing = true;
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) < 0) fail("epoll_ctl add");
    return index;
  }

  void assign(std::uint32_t index, long i) {
    auto& c = connections_[index];
    c.request = i;
    c.out = requests_[static_cast<std::size_t>(i)];
    c.in.clear();
    flush(index);
  }

  void want_write(std::uint32_t index, bool on) {
    auto& c = connections_[index];
    if (c.writing == on) return;
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0U);
    ev.data.u32 = index;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
    c.writing = on;
  }

  void flush(std::uint32_t index) {
    auto& c = connections_[index];
    while (!c.out.empty()) {
      const auto n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN) break;  // not connected yet
        drop(index);
        return;
      }
      c.out.erase(0, static_cast<std::size_t>(n));
    }
    want_write(index, !c.out.empty());
  }

  void on_event(std::uint32_t index, std::uint32_t events) {
    if (index >= connections_.size() || connections_[index].fd < 0) return;
    if (events & EPOLLOUT) flush(index);
    if (connections_[index].fd < 0) return;
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) receive(index);
  }

  void receive(std::uint32_t index) {
    auto& c = connections_[index];
    char buf[16384];
    while (true) {
      const auto n = recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      drop(index);  // closed by the server, or an error
      return;
    }
    const auto end = c.in.find("\r\n\r\n");
    if (end == std::string::npos || c.request < 0) return;
    const std::string_view head(c.in.data(), end);
    const auto length = std::atol(std::string(header(head, "content-length")).c_str());
    if (c.in.size() < end + 4 + static_cast<std::size_t>(length)) return;
    const int status = head.size() > 12 ? std::atoi(head.substr(9, 3).data()) : 0;
    const bool closing = header(head, "connection") == "close";
    finish(c.request, status);
    c.request = -1;
    c.in.clear();
    if (closing) {
      close(c.fd);
      c.fd = -1;
    } else {
      idle_.push_back(index);
    }
    next_waiting();
  }

  void finish(long i, int status) {
    const auto k = static_cast<std::size_t>(i);
    if (i < warm_) {
      ++warm_answered_;
      return;
    }
    ++answered_;
    if (status == 0) {
      ++errors_;
      return;
    }
    const double now = now_s();
    latency_[k] = (now - due(i)) * 1e6;
    from_send_[k] = (now - started_[k]) * 1e6;
    ++statuses_[status];
    if (status >= 200 && status < 300)
      ++ok_;
    else
      ++non2xx_;
  }

  // A connection lost with a request in flight: that request is an error (as in the node generator).
  void drop(std::uint32_t index) {
    auto& c = connections_[index];
    if (c.request >= 0) finish(c.request, 0);
    c.request = -1;
    epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
    close(c.fd);
    c.fd = -1;
    idle_.erase(std::remove(idle_.begin(), idle_.end(), index), idle_.end());
    next_waiting();
  }

  void next_waiting() {
    while (!waiting_.empty()) {
      const long i = waiting_.front();
      if (!idle_.empty()) {
        const auto c = idle_.back();
        idle_.pop_back();
        waiting_.pop_front();
        assign(c, i);
      } else if (open_count() < max_connections_) {
        waiting_.pop_front();
        assign(open(), i);
      } else {
        return;
      }
    }
  }

  [[nodiscard]] std::size_t open_count() const {
    return static_cast<std::size_t>(std::count_if(connections_.begin(), connections_.end(),
                                                  [](const Connection& c) { return c.fd >= 0; }));
  }

  // A request unanswered for kTimeoutSeconds is an error; its connection is closed.
  void expire(double now) {
    for (std::uint32_t index = 0; index < connections_.size(); ++index) {
      const auto& c = connections_[index];
      if (c.fd >= 0 && c.request >= 0 &&
          now - started_[static_cast<std::size_t>(c.request)] > kTimeoutSeconds)
        drop(index);
    }
  }

  std::vector<std::string> requests_;
  double rate_;
  long warm_, total_;
  std::size_t max_connections_;
  sockaddr_in addr_{};
  int epoll_ = -1;
  std::vector<Connection> connections_;
  std::vector<std::uint32_t> idle_;
  std::deque<long> waiting_;
  std::vector<double> latency_, from_send_, lag_, started_;
  std::map<int, long> statuses_;
  long next_ = 0, answered_ = 0, warm_answered_ = 0, ok_ = 0, non2xx_ = 0, errors_ = 0;
  double t0_ = 0, send_end_ = 0, end_ = 0, cpu0_ = 0, cpu1_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7)
    fail("usage: openloop HOST PORT PATH FILE RATE SECONDS [WARMUP_SECONDS=1] [MAX_CONNECTIONS=256]");
  const std::string host = argv[1], path = argv[3], file = argv[4];
  const int port = std::atoi(argv[2]);
  const double rate = std::atof(argv[5]), seconds = std::atof(argv[6]);
  const double warmup = argc > 7 ? std::atof(argv[7]) : 1;
  const auto max_connections = static_cast<std::size_t>(argc > 8 ? std::atol(argv[8]) : 256);
  if (rate <= 0 || seconds <= 0 || port <= 0 || max_connections == 0)
    fail("RATE, SECONDS, PORT must be positive");
  const long warm = std::lround(rate * warmup), measured = std::lround(rate * seconds);

  std::ifstream in(file);
  if (!in) fail("cannot read " + file);
  std::vector<std::string> requests;
  requests.reserve(static_cast<std::size_t>(warm + measured));
  for (std::string line;
       requests.size() < static_cast<std::size_t>(warm + measured) && std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const auto body = std::string_view(line).substr(tab + 1);
    requests.push_back(
        "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nX-Hub-Signature-256: sha256=" + line.substr(0, tab) + "\r\n\r\n" + std::string(body));
  }
  if (requests.size() < static_cast<std::size_t>(warm + measured))
    fail(std::to_string(requests.size()) + " deliveries in " + file + ", " + std::to_string(warm + measured) +
         " needed");
  OpenLoop loop(host, port, std::move(requests), rate, warm, measured, max_connections);
  loop.run();
  loop.report();
  return 0;
}
