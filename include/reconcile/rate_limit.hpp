#pragma once
// reconcile/rate_limit.hpp — the limiters that decide how long a failed key waits:
// a per-key exponential backoff and a global token bucket. The controller waits the max of
// the two (client-go's DefaultControllerRateLimiter is exactly that pair, with the bucket on).
// Plain values, not thread-safe; the controller calls them under its lock.

#include <chrono>
#include <cstdint>

#include <reconcile/clock.hpp>

namespace reconcile {

// exponential_backoff{base, max, jitter}: per-key delay of failure n = base * 2^(n-1), capped
// at max (client-go's ItemExponentialFailureRateLimiter, defaults 5 ms and 1000 s).
struct exponential_backoff {
  duration base = std::chrono::milliseconds(5);
  duration max = std::chrono::seconds(1000);
  double jitter = 0.0;  // in [0, 1]: each delay is shortened by up to this fraction at random

  // delay(n, u): the wait before retry n (n >= 1); u in [0, 1) draws the jitter. O(1).
  duration delay(std::uint32_t failures, double u = 0.0) const noexcept {
    if (failures == 0 || base <= duration::zero()) return duration::zero();
    duration d = max;
    const std::uint32_t shift = failures - 1;
    if (shift < 62 && base.count() <= (max.count() >> shift)) d = duration(base.count() << shift);
    if (jitter > 0.0) d -= std::chrono::duration_cast<duration>(d * ((jitter > 1.0 ? 1.0 : jitter) * u));
    return d;
  }
};

// bucket_rate{qps, burst}: the rate of a token_bucket; qps <= 0 means unlimited (off).
struct bucket_rate {
  double qps = 0.0;
  double burst = 0.0;
};

// client_go_bucket: client-go's default global limiter, 10 qps with bursts of 100.
inline constexpr bucket_rate client_go_bucket{10.0, 100.0};

// token_bucket: a global limiter; reserve() takes a token and says how long to wait for it
// (golang.org/x/time/rate's Reserve().Delay()). Starts full. O(1), not thread-safe.
class token_bucket {
 public:
  explicit token_bucket(bucket_rate r = {}) noexcept : rate_(r) {}

  // reserve(now): consumes one token; returns zero if one was available, else the wait.
  duration reserve(time_point now) noexcept {
    if (rate_.qps <= 0.0) return duration::zero();
    const double burst = rate_.burst < 1.0 ? 1.0 : rate_.burst;
    if (!started_) {
      started_ = true;
      tokens_ = burst;
      last_ = now;
    }
    if (now > last_) {
      tokens_ += std::chrono::duration<double>(now - last_).count() * rate_.qps;
      if (tokens_ > burst) tokens_ = burst;
      last_ = now;
    }
    tokens_ -= 1.0;
    if (tokens_ >= 0.0) return duration::zero();
    return std::chrono::duration_cast<duration>(std::chrono::duration<double>(-tokens_ / rate_.qps));
  }

  bucket_rate rate() const noexcept { return rate_; }

 private:
  bucket_rate rate_;
  bool started_ = false;
  double tokens_ = 0.0;
  time_point last_{};
};

}  // namespace reconcile
