#pragma once
// Delivers the mail outbox over SMTP (libcurl) when SHOPME_SMTP_URL is set. Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several server processes share the work; failures are retried with
// growing delays and marked failed, with the reason, after the last attempt.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <thread>

namespace shopme::mail {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string username;  // optional
  std::string password;  // optional; never logged
  std::string from;      // envelope and header sender
  std::chrono::seconds timeout{20};
  int max_attempts = 5;
};

struct OutgoingMail {
  std::string to;
  std::string subject;
  std::string body;
};

// One delivery; the error text on failure.
std::optional<std::string> send_smtp(const SmtpSettings& settings, const OutgoingMail& mail);

class SmtpSender {
 public:
  SmtpSender(std::string conninfo, SmtpSettings settings);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;
  void stop();

 private:
  void run();
  // Sends what is due; returns how many rows it handled.
  int deliver_due();

  std::unique_ptr<pqxx::connection> conn_;  // kept between passes, reopened after a failure

  std::string conninfo_;
  SmtpSettings settings_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shopme::mail
