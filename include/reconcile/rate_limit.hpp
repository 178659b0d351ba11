// reconcile/rate_limit.hpp — the limiters that decide how long a failed key waits.
//
// Two layers. The building blocks the controller uses by default: exponential_backoff (per key
// delay from a failure count) and token_bucket (global). The controller waits the max of the
// two (client-go's DefaultControllerRateLimiter is exactly that pair, with the bucket on).
// Then client-go's keyed RateLimiter objects, usable without a controller and composable:
//   item_exponential_limiter<Key>  base * 2^(n-1) per key, capped   (ItemExponentialFailure...)
//   item_fast_slow_limiter<Key>    fast for the first n tries, then slow  (ItemFastSlow...)
//   bucket_limiter                 a global token bucket                  (BucketRateLimiter)
//   max_of(l1, l2, ...)            the longest wait of them all           (MaxOfRateLimiter)
//   with_max_wait(l, d)            l's wait, capped at d                  (WithMaxWaitRateLimiter)
//   default_controller_limiter<Key>()  max_of(exponential 5 ms..1000 s, bucket 10 qps / 100)
// Each has when(key, now) (counts a failure of key, returns its wait), failures(key) and
// forget(key) (client-go's When / NumRequeues / Forget); the time is passed in (default: the
// steady clock), so a manual_clock makes them deterministic. controller::set_rate_limiter(l)
// replaces the default pair. Plain values, not thread-safe: guard one shared by threads.
#pragma once

#include <reconcile/clock.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <tuple>
#include <unordered_map>
#include <type_traits>
#include <utility>

namespace reconcile {

/// exponential_backoff{base, max, jitter}: per-key delay of failure n = base * 2^(n-1), capped
/// at max (client-go's ItemExponentialFailureRateLimiter, defaults 5 ms and 1000 s).
struct exponential_backoff {
  duration base = std::chrono::milliseconds(5);
  duration max = std::chrono::seconds(1000);
  double jitter = 0.0;  // in [0, 1]: each delay is shortened by up to this fraction at random

  /// delay(n, u): the wait before retry n (n >= 1); u in [0, 1) draws the jitter. O(1).
  duration delay(std::uint32_t failures, double u = 0.0) const noexcept {
    if (failures == 0 || base <= duration::zero()) return duration::zero();
    duration d = max;
    const std::uint32_t shift = failures - 1;
    if (shift < 62 && base.count() <= (max.count() >> shift)) d = duration(base.count() << shift);
    if (jitter > 0.0) d -= std::chrono::duration_cast<duration>(d * ((jitter > 1.0 ? 1.0 : jitter) * u));
    return d;
  }
};

/// bucket_rate{qps, burst}: the rate of a token_bucket; qps <= 0 means unlimited (off).
struct bucket_rate {
  double qps = 0.0;
  double burst = 0.0;
};

/// client_go_bucket: client-go's default global limiter, 10 qps with bursts of 100.
inline constexpr bucket_rate client_go_bucket{10.0, 100.0};

/// token_bucket: a global limiter; reserve() takes a token and says how long to wait for it
/// (golang.org/x/time/rate's Reserve().Delay()). Starts full. O(1), not thread-safe.
class token_bucket {
 public:
  explicit token_bucket(bucket_rate r = {}) noexcept : rate_(r) {}

  /// reserve(now): consumes one token; returns zero if one was available, else the wait.
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

  /// rate(): the configured rate.
  bucket_rate rate() const noexcept { return rate_; }

 private:
  bucket_rate rate_;
  bool started_ = false;
  double tokens_ = 0.0;
  time_point last_{};
};

/// concept rate_limiter<L, Key>: l.when(key, now) -> duration, l.failures(key) -> count,
/// l.forget(key); what controller::set_rate_limiter accepts.
template <class L, class Key>
concept rate_limiter = requires(L& l, const L& cl, const Key& k, time_point now) {
  { l.when(k, now) } -> std::convertible_to<duration>;
  { cl.failures(k) } -> std::convertible_to<std::uint32_t>;
  l.forget(k);
};

namespace detail {
// failure_counts<Key>: the per-key failure counter of the keyed limiters; forget erases.
template <class Key, class Hash, class KeyEqual>
struct failure_counts {
  std::unordered_map<Key, std::uint32_t, Hash, KeyEqual> map;
  std::uint32_t bump(const Key& k) { return ++map[k]; }
  std::uint32_t get(const Key& k) const {
    auto it = map.find(k);
    return it == map.end() ? 0 : it->second;
  }
};
inline time_point steady_now() noexcept { return std::chrono::steady_clock::now(); }
}  // namespace detail

/// item_exponential_limiter<Key>(base, max): failure n of a key waits base * 2^(n-1), capped at
/// max; O(1) plus a hash lookup; allocates a node per failing key.
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class item_exponential_limiter {
 public:
  explicit item_exponential_limiter(duration base = std::chrono::milliseconds(5),
                                    duration max = std::chrono::seconds(1000))
      : backoff_{base, max, 0.0} {}
  duration when(const Key& k, time_point = detail::steady_now()) { return backoff_.delay(counts_.bump(k)); }
  std::uint32_t failures(const Key& k) const { return counts_.get(k); }
  void forget(const Key& k) { counts_.map.erase(k); }

 private:
  exponential_backoff backoff_;
  detail::failure_counts<Key, Hash, KeyEqual> counts_;
};

/// item_fast_slow_limiter<Key>(fast, slow, max_fast): the first max_fast failures of a key wait
/// fast, later ones slow; O(1) plus a hash lookup.
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class item_fast_slow_limiter {
 public:
  item_fast_slow_limiter(duration fast, duration slow, std::uint32_t max_fast)
      : fast_(fast), slow_(slow), max_fast_(max_fast) {}
  duration when(const Key& k, time_point = detail::steady_now()) {
    return counts_.bump(k) <= max_fast_ ? fast_ : slow_;
  }
  std::uint32_t failures(const Key& k) const { return counts_.get(k); }
  void forget(const Key& k) { counts_.map.erase(k); }

 private:
  duration fast_, slow_;
  std::uint32_t max_fast_;
  detail::failure_counts<Key, Hash, KeyEqual> counts_;
};

/// bucket_limiter(rate): a global token bucket for any key; failures() is always 0 and
/// forget() does nothing (client-go's BucketRateLimiter). O(1).
class bucket_limiter {
 public:
  explicit bucket_limiter(bucket_rate r = client_go_bucket) noexcept : bucket_(r) {}
  template <class Key>
  duration when(const Key&, time_point now = detail::steady_now()) noexcept {
    return bucket_.reserve(now);
  }
  template <class Key>
  std::uint32_t failures(const Key&) const noexcept {
    return 0;
  }
  template <class Key>
  void forget(const Key&) noexcept {}

 private:
  token_bucket bucket_;
};

/// max_of_limiter<L...>: asks every limiter (each counts the failure) and waits the longest;
/// failures() is the largest count, forget() forgets in all. Built by max_of(l...).
template <class... L>
class max_of_limiter {
 public:
  explicit max_of_limiter(L... limiters) : limiters_(std::move(limiters)...) {}
  template <class Key>
  duration when(const Key& k, time_point now = detail::steady_now()) {
    duration d = duration::zero();
    std::apply([&](auto&... l) { ((d = std::max<duration>(d, l.when(k, now))), ...); }, limiters_);
    return d;
  }
  template <class Key>
  std::uint32_t failures(const Key& k) const {
    std::uint32_t n = 0;
    std::apply([&](const auto&... l) { ((n = std::max<std::uint32_t>(n, l.failures(k))), ...); }, limiters_);
    return n;
  }
  template <class Key>
  void forget(const Key& k) {
    std::apply([&](auto&... l) { (l.forget(k), ...); }, limiters_);
  }

 private:
  std::tuple<L...> limiters_;
};

/// max_of(l1, l2, ...): the composition that waits the longest of its limiters.
template <class... L>
max_of_limiter<std::decay_t<L>...> max_of(L&&... limiters) {
  return max_of_limiter<std::decay_t<L>...>(std::forward<L>(limiters)...);
}

/// with_max_wait_limiter<L>: l's wait capped at max_wait. Built by with_max_wait(l, d).
template <class L>
class with_max_wait_limiter {
 public:
  with_max_wait_limiter(L limiter, duration max_wait) : limiter_(std::move(limiter)), max_(max_wait) {}
  template <class Key>
  duration when(const Key& k, time_point now = detail::steady_now()) {
    const duration d = limiter_.when(k, now);
    return d > max_ ? max_ : d;
  }
  template <class Key>
  std::uint32_t failures(const Key& k) const {
    return limiter_.failures(k);
  }
  template <class Key>
  void forget(const Key& k) {
    limiter_.forget(k);
  }

 private:
  L limiter_;
  duration max_;
};

/// with_max_wait(l, d): l, but never waiting longer than d.
template <class L>
with_max_wait_limiter<std::decay_t<L>> with_max_wait(L&& limiter, duration max_wait) {
  return with_max_wait_limiter<std::decay_t<L>>(std::forward<L>(limiter), max_wait);
}

/// default_controller_limiter<Key>(): client-go's DefaultControllerRateLimiter, per key
/// 5 ms * 2^(n-1) up to 1000 s, at most 10 retries/s overall with bursts of 100.
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
auto default_controller_limiter() {
  return max_of(item_exponential_limiter<Key, Hash, KeyEqual>(), bucket_limiter(client_go_bucket));
}

}  // namespace reconcile
