#include "infrastructure/mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <pqxx/pqxx>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::mail {
namespace {

struct Payload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* p = static_cast<Payload*>(user);
  const std::size_t n = std::min(size * count, p->data.size() - p->offset);
  std::memcpy(buffer, p->data.data() + p->offset, n);
  p->offset += n;
  return n;
}

// Header values must not carry line breaks (header injection).
std::string one_line(std::string s) {
  for (auto& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

std::string rfc5322(const SmtpSettings& s, const OutgoingMail& m) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body;
  // Normalise line ends to CRLF and protect lone dots (SMTP transparency is libcurl's, but a bare
  // LF is not valid in SMTP DATA).
  for (std::size_t i = 0; i < m.body.size(); ++i) {
    if (m.body[i] == '\n' && (i == 0 || m.body[i - 1] != '\r')) body += '\r';
    body += m.body[i];
  }
  const auto at = s.from.find('@');
  return "Date: " + std::string(date) + "\r\nFrom: " + one_line(s.from) + "\r\nTo: " + one_line(m.to) +
         "\r\nSubject: " + one_line(m.subject) + "\r\nMessage-ID: <" + crypto::random_hex(12) + "@" +
         (at == std::string::npos ? std::string("shopme") : s.from.substr(at + 1)) +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
         "8bit\r\n\r\n" +
         body + "\r\n";
}

}  // namespace

std::optional<std::string> send_smtp(const SmtpSettings& settings, const OutgoingMail& mail) {
  CURL* curl = curl_easy_init();
  if (!curl) return "libcurl could not start";
  Payload payload{rfc5322(settings, mail)};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + one_line(mail.to) + ">").c_str());
  const std::string from = "<" + one_line(settings.from) + ">";
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // STARTTLS when the server offers it; smtps:// is TLS from the start.
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return std::string(curl_easy_strerror(rc));
  return std::nullopt;
}

SmtpSender::SmtpSender(std::string conninfo, SmtpSettings settings)
    : conninfo_(std::move(conninfo)), settings_(std::move(settings)) {
  thread_ = std::thread([this] { run(); });
}

SmtpSender::~SmtpSender() { stop(); }

void SmtpSender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SmtpSender::run() {
  log::info("mail sender started");
  for (;;) {
    int handled = 0;
    try {
      handled = deliver_due();
    } catch (const std::exception& e) {
      conn_.reset();  // the next pass reconnects
      log::warn("mail sender pass failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    if (cv_.wait_for(lock, std::chrono::milliseconds(handled > 0 ? 50 : 1000), [this] { return stopping_; }))
      return;
  }
}

int SmtpSender::deliver_due() {
  if (!conn_ || !conn_->is_open()) conn_ = std::make_unique<pqxx::connection>(conninfo_);
  pqxx::work tx(*conn_);
  const auto rows = postgres::exec(
      tx,
      "SELECT id::text, to_address, subject, body, attempts FROM mail_outbox WHERE status = 'stored' AND "
      "next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 10 FOR UPDATE SKIP LOCKED");
  for (const auto& r : rows) {
    const auto id = r[0].as<std::string>();
    const int attempts = r[4].as<int>() + 1;
    const auto error =
        send_smtp(settings_, {r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()});
    if (!error) {
      postgres::exec0(
          tx,
          "UPDATE mail_outbox SET status = 'sent', attempts = $2, sent_at = now(), error = NULL WHERE id = "
          "$1::uuid",
          id, attempts);
      log::info("mail sent", {{"mail_id", id}, {"attempts", attempts}});
    } else if (attempts >= settings_.max_attempts) {
      postgres::exec0(
          tx, "UPDATE mail_outbox SET status = 'failed', attempts = $2, error = $3 WHERE id = $1::uuid", id,
          attempts, *error);
      log::error("mail failed for good", {{"mail_id", id}, {"error", *error}});
    } else {
      // 30 s, 2 min, 8 min, …
      postgres::exec0(
          tx,
          "UPDATE mail_outbox SET attempts = $2, error = $3, next_attempt_at = now() + interval '30 seconds' "
          "* "
          "power(4, $2 - 1) WHERE id = $1::uuid",
          id, attempts, *error);
      log::warn("mail not sent; will retry", {{"mail_id", id}, {"error", *error}, {"attempts", attempts}});
    }
  }
  tx.commit();
  return static_cast<int>(rows.size());
}

}  // namespace shopme::mail
