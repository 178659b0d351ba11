// reconcile/control/observation_filter.hpp - per-field observation filters as rules of the DSL,
// and the filter that applies them between observe and plan.
//
//   constexpr auto reconcile_rules(reconcile::type_t<Pool>) {
//     using namespace reconcile::dsl;
//     return reconcile::rules(field<&Pool::phase> | debounce(3),            // 3 observations
//                             field<&Pool::latency_ms> | hysteresis(5, 20), // act > 20, stop < 5
//                             field<&Pool::observed_at> | stale_after(30s));
//   }
//   reconcile::control::observation_filter<Pool> filter;          // one per observed object
//   const Pool& seen = filter.observe(observed, desired, clock.now());
//   auto p = reconcile::plan_for(seen, desired);                  // ... execute(p) ...
//   if (auto r = filter.requeue(15s)) return *r;                  // stale, or a difference held
//
// observe() returns observed, or a copy of it in which each field whose difference from desired
// is not yet to be acted on holds desired's value, so a plan made from it leaves it alone:
//   debounce(n) / debounce(d): the difference (by the field's equality rules) has not been seen
//     in n observations in a row / for d yet;
//   hysteresis(low, high), arithmetic fields: |observed - desired| has not gone above high,
//     or went below low since (in between, the last state holds);
//   stale_after(d), on the field holding the observation's time: the whole observation is
//     older than d; observe() then returns desired (nothing to act on) and stale() is true.
// Plain equal/diff/plan ignore these rules (stale_after's field is ignored by them).
// The filter covers the fields of T itself, not of structs nested in it. Cost: an equality
// test per filtered field; a copy assignment of T only when a field is held back (no
// allocation once T's containers have their capacity).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/control/detail/observe_rule.hpp>
#include <reconcile/control/detail/validate.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/result.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace reconcile {
namespace dsl {

/// debounce(n): the field's difference is acted on once seen in n observations in a row.
constexpr control::detail::debounce_atom debounce(std::uint32_t observations) {
  return {observations, std::chrono::nanoseconds{0}};
}
/// debounce(d): the field's difference is acted on once it lasted d.
constexpr control::detail::debounce_atom debounce(std::chrono::nanoseconds d) {
  if (d < std::chrono::nanoseconds{0}) control::detail::bad_option("dsl", "debounce", "needs a duration >= 0");
  return {0, d};
}
/// hysteresis(low, high): act once |observed - desired| > high, until it is < low again.
constexpr control::detail::hysteresis_atom hysteresis(double low, double high) {
  if (!(low >= 0 && low <= high)) control::detail::bad_option("dsl", "hysteresis", "needs 0 <= low <= high");
  return {low, high};
}
/// stale_after(d): on the time_point field of when the observation was made; older than d = stale.
constexpr control::detail::stale_after_atom stale_after(std::chrono::nanoseconds d) {
  if (d < std::chrono::nanoseconds{0}) control::detail::bad_option("dsl", "stale_after", "needs a duration >= 0");
  return {d};
}

}  // namespace dsl

namespace control {

/// observation_filter<T>: applies T's debounce, hysteresis and stale_after rules to each
/// observation; keeps a copy of T and a few bytes of state per field.
template <class T>
class observation_filter {
  static_assert(reflectable<T>, "reconcile::control::observation_filter: T must be a reflectable struct "
                                "(an aggregate, or BOOST_HANA_DEFINE_STRUCT)");
  static_assert(std::is_default_constructible_v<T> && std::is_copy_assignable_v<T>,
                "reconcile::control::observation_filter: T must be default constructible and copy assignable");

 public:
  /// observe(observed, desired, now) -> const T&: the observation to plan from (see above):
  /// observed itself when nothing is held back (no copy), else the filter's patched copy,
  /// valid until the next observe().
  const T& observe(const T& observed, const T& desired, time_point now) {
    stale_ = false;
    held_ = 0;
    recheck_ = duration::max();
    // A stale observation changes no count: it is not looked at beyond its time stamp.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((stale_ = stale_ || too_old<I>(observed, now)), ...);
    }(std::make_index_sequence<field_count<T>>{});
    if (stale_) return desired;
    bool masked = false;  // every field is filtered (no short-circuit): each keeps its count
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((masked = filter_field<I>(observed, desired, now) || masked), ...);
    }(std::make_index_sequence<field_count<T>>{});
    if (!masked) return observed;
    seen_ = observed;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (mask_field<I>(desired), ...);
    }(std::make_index_sequence<field_count<T>>{});
    return seen_;
  }

  /// stale(): the last observation was older than its stale_after bound.
  bool stale() const noexcept { return stale_; }
  /// held(): fields whose difference the last observe() held back (debounce still counting).
  std::size_t held() const noexcept { return held_; }

  /// requeue(next_observation): result::requeue_after(...) when the last observation was stale
  /// or held a difference back (after next_observation, or sooner when a debounce time runs out);
  /// std::nullopt when everything observed may be acted on.
  std::optional<result> requeue(duration next_observation) const noexcept {
    if (!stale_ && held_ == 0) return std::nullopt;
    return result::requeue_after(std::min(next_observation, recheck_));
  }

  /// reset(): forgets every field's history.
  void reset() noexcept { state_ = {}; }

 private:
  struct field_state {
    std::uint32_t streak = 0;  // observations in a row with a difference
    time_point since{};        // when that streak began
    bool acting = false;       // hysteresis: above high and not yet below low
    bool masked = false;       // the last observe() took this field from desired
  };

  template <std::size_t I>
  void mask_field(const T& desired) {
    if constexpr ((params_of<I>().kinds & (detail::observe_debounce | detail::observe_hysteresis)) != 0)
      if (state_[I].masked) reconcile::get<I>(seen_) = reconcile::get<I>(desired);
  }

  // Field I's rule parameters, as constants (the rules are constexpr).
  template <std::size_t I>
  static constexpr detail::observe_params params_of() {
    constexpr const auto& rule = reconcile::detail::rule_for<T, I>(no_rules);
    if constexpr (detail::is_observe_rule<std::remove_cvref_t<decltype(rule)>>::value) return rule.observe;
    else return {};
  }

  // True when field I is the observation's time stamp and older than its bound.
  template <std::size_t I>
  static bool too_old(const T& observed, time_point now) {
    constexpr detail::observe_params p = params_of<I>();
    const auto& o = reconcile::get<I>(observed);
    if constexpr ((p.kinds & detail::observe_stale) != 0 && std::is_convertible_v<decltype(o), time_point>)
      return now - time_point(o) > p.max_age;
    else
      return false;
  }

  // Updates field I's state; true when its difference is not to be acted on yet.
  template <std::size_t I>
  bool filter_field(const T& observed, const T& desired, time_point now) {
    constexpr detail::observe_params p = params_of<I>();
    const auto& o = reconcile::get<I>(observed);
    const auto& d = reconcile::get<I>(desired);
    if constexpr ((p.kinds & (detail::observe_debounce | detail::observe_hysteresis)) == 0) {
      return false;
    } else {
      field_state& st = state_[I];
      const bool same = reconcile::detail::eq_field<T, I>(o, d, no_rules);
      bool act = !same;
      if constexpr ((p.kinds & detail::observe_hysteresis) != 0 && std::is_arithmetic_v<std::remove_cvref_t<decltype(o)>>) {
        const double distance = __builtin_fabs(static_cast<double>(o) - static_cast<double>(d));
        if (st.acting ? distance < p.low : distance > p.high) st.acting = !st.acting;
        act = act && st.acting;
      }
      if constexpr ((p.kinds & detail::observe_debounce) != 0) {
        if (act) act = persisted(st, p, now);
        else st.streak = 0;  // the difference is gone: count from zero next time
      }
      st.masked = !act && !same;  // not acted on: the plan sees desired's value
      return st.masked;
    }
  }

  // Counts this difference; true once it was seen debounce_count times in a row or lasted
  // debounce_for. A field that stops differing starts again from zero.
  bool persisted(field_state& st, const detail::observe_params& p, time_point now) {
    if (st.streak == 0) st.since = now;
    ++st.streak;
    const bool by_time = p.debounce_for > std::chrono::nanoseconds{0};
    const bool done = by_time ? now - st.since >= p.debounce_for : st.streak >= p.debounce_count;
    if (!done) {
      ++held_;
      if (by_time) recheck_ = std::min(recheck_, std::chrono::duration_cast<duration>(st.since + p.debounce_for - now));
    }
    return done;
  }

  T seen_{};
  std::array<field_state, field_count<T>> state_{};
  duration recheck_ = duration::max();
  std::size_t held_ = 0;
  bool stale_ = false;
};

}  // namespace control
}  // namespace reconcile
