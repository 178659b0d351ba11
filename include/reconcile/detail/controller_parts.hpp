// detail/controller_parts.hpp — small pieces of the controller engine: the lister's emit
// callable, the jitter generator, the type-erased user rate limiter, a worker slot (what runs
// there, since when, until when, and the stop source of its reconcile_timeout).
#pragma once

#include <reconcile/clock.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <utility>

namespace reconcile::detail {

// key_sink<Key>: the emit(key) callable handed to a lister; a function reference, no state.
template <class Key>
struct key_sink {
  void* self;
  void (*fn)(void*, const Key&);
  void operator()(const Key& k) const { fn(self, k); }
};

// splitmix64: the jitter generator (tiny, seedable, good enough for jitter).
struct splitmix64 {
  std::uint64_t s;
  std::uint64_t next() noexcept {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() noexcept { return double(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
};

inline double seconds(duration d) noexcept {
  return d < duration::zero() ? 0.0 : std::chrono::duration<double>(d).count();
}

// any_limiter<Key>: a user rate limiter (concept reconcile::rate_limiter) behind one virtual
// call; set by controller::set_rate_limiter.
template <class Key>
struct any_limiter {
  virtual ~any_limiter() = default;
  virtual duration when(const Key& k, time_point now) = 0;
  virtual void forget(const Key& k) = 0;
};

template <class Key, class L>
struct limiter_holder final : any_limiter<Key> {
  explicit limiter_holder(L l) : limiter(std::move(l)) {}
  duration when(const Key& k, time_point now) override { return limiter.when(k, now); }
  void forget(const Key& k) override { limiter.forget(k); }
  L limiter;
};

// worker_slot: one worker's running reconcile. With a reconcile_timeout, each slot owns the
// stop source its reconciles see; it is replaced (one allocation) only after it was used or
// handed to the watchdog (which may stop it a moment later, outside the lock).
struct worker_slot {
  time_point start = time_point::max();     // max(): idle
  time_point deadline = time_point::max();  // start + reconcile_timeout
  bool fired = false;                       // the timeout (or shutdown) stopped this source
  std::stop_source source{std::nostopstate};
  std::stop_token token{};

  void arm() {  // a fresh source if there is none or it was used
    if (fired || !source.stop_possible() || source.stop_requested()) {
      source = std::stop_source();
      token = source.get_token();
    }
    fired = false;
  }
};

}  // namespace reconcile::detail
