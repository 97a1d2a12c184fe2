#include <thread>

#include "infrastructure/messaging/pipeline.hpp"

namespace shopme::messaging {

void Throttle::acquire(const std::string& phone_number_id, int per_second) {
  const double rate = std::max(1, per_second);
  while (true) {
    std::chrono::duration<double> wait{};
    {
      std::lock_guard lock(mutex_);
      auto& b = buckets_[phone_number_id];
      const auto now = std::chrono::steady_clock::now();
      if (b.refilled == std::chrono::steady_clock::time_point{}) {
        b.tokens = rate;  // a burst of one second's worth is allowed
      } else {
        b.tokens = std::min(rate, b.tokens + std::chrono::duration<double>(now - b.refilled).count() * rate);
      }
      b.refilled = now;
      if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return;
      }
      wait = std::chrono::duration<double>((1.0 - b.tokens) / rate);
    }
    std::this_thread::sleep_for(wait);
  }
}

}  // namespace shopme::messaging
