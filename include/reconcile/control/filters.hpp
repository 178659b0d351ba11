// reconcile/control/filters.hpp - filters for noisy observations, one value at a time:
// debounced<T> (a new value counts once it persisted), hysteresis_switch (act above high,
// stop below low) and requeue_if_stale (an old observation is not acted on: look again).
//
//   reconcile::control::debounced<bool> healthy(true, 3);   // 3 observations in a row
//   if (!healthy.update(probe(), clock.now())) restart();
//
//   if (auto r = reconcile::control::requeue_if_stale(obs.at, clock.now(), 30s, 5s)) return *r;
//
// For the fields of a struct that a plan reads, the same filters are rules: see
// reconcile/control/observation_filter.hpp (dsl::debounce, dsl::hysteresis, dsl::stale_after).
// Each update is a compare or two and, for debounced<T>, one copy of T when a new candidate
// appears; nothing allocates unless copying T does.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/control/detail/validate.hpp>
#include <reconcile/result.hpp>

#include <cstdint>
#include <optional>
#include <utility>

namespace reconcile::control {

/// debounced<T>(initial, observations | hold): the last value that persisted for that many
/// observations in a row, or for hold; noise shorter than that never shows.
template <class T>
class debounced {
 public:
  /// debounced(initial, observations): a value counts once seen observations times in a row.
  debounced(T initial, std::uint32_t observations) : stable_(std::move(initial)), need_(observations) {}
  /// debounced(initial, hold): a value counts once it was seen continuously for hold.
  debounced(T initial, duration hold) : stable_(std::move(initial)), hold_(hold) {
    if (hold < duration::zero()) detail::bad_option("debounced", "hold", "must be >= 0");
  }

  /// update(raw, now): the debounced value after observing raw at now.
  const T& update(const T& raw, time_point now) {
    if (raw == stable_) {
      streak_ = 0;
      return stable_;
    }
    if (streak_ == 0 || !(raw == candidate_)) {  // a new candidate: start counting again
      candidate_ = raw;
      streak_ = 0;
      since_ = now;
    }
    ++streak_;
    const bool persisted = hold_ ? now - since_ >= *hold_ : streak_ >= need_;
    if (persisted) {
      stable_ = candidate_;
      streak_ = 0;
    }
    return stable_;
  }

  /// value(): the debounced value. pending(): a different value is being counted.
  const T& value() const noexcept { return stable_; }
  bool pending() const noexcept { return streak_ > 0; }

 private:
  T stable_;
  T candidate_{};
  std::uint32_t need_ = 1;
  std::uint32_t streak_ = 0;
  std::optional<duration> hold_;
  time_point since_{};
};

/// hysteresis_switch(low, high): a Schmitt trigger; turns on above high, off below low, and
/// keeps its state in between. Two compares an update; constexpr.
class hysteresis_switch {
 public:
  /// hysteresis_switch(low, high): throws reconcile::error unless low <= high.
  constexpr hysteresis_switch(double low, double high) : low_(low), high_(high) {
    if (!(low <= high)) detail::bad_option("hysteresis_switch", "low", "must be <= high");
  }

  /// update(x): the state after seeing x: on once x > high, off once x < low.
  constexpr bool update(double x) noexcept {
    if (on_ && x < low_) on_ = false;
    else if (!on_ && x > high_) on_ = true;
    return on_;
  }
  /// on(): the current state.
  constexpr bool on() const noexcept { return on_; }

 private:
  double low_;
  double high_;
  bool on_ = false;
};

/// requeue_if_stale(observed_at, now, max_age, recheck): result::requeue_after(recheck) when
/// the observation is older than max_age (do not act on it; look again), else std::nullopt.
inline std::optional<result> requeue_if_stale(time_point observed_at, time_point now, duration max_age,
                                              duration recheck) noexcept {
  if (now - observed_at > max_age) return result::requeue_after(recheck);
  return std::nullopt;
}

}  // namespace reconcile::control
