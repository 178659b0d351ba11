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
// The rules are T's own and those of the structs nested in T (each type's reconcile_rules,
// found by ADL, or reconcile::rules_of<U>: as equal and diff find them); a rule inside the
// elements of a container, optional or variant field is a compile error, as is a T with no
// filter rule at all (most often: rules declared where ADL does not look). Cost: a compare
// per stale_after field and an equality test per filtered field, nothing for the others; a
// copy assignment of T only when a field is held back (no allocation once T's containers
// have their capacity).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/control/detail/observe_layout.hpp>
#include <reconcile/control/detail/observe_rule.hpp>
#include <reconcile/control/detail/same_text.hpp>
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

/// observation_filter<T>: applies the debounce, hysteresis and stale_after rules of T and of
/// the structs nested in T to each observation; keeps a copy of T and 24 bytes per filtered field.
template <class T>
class observation_filter {
  static_assert(reflectable<T>, "reconcile::control::observation_filter: T must be a reflectable struct "
                                "(an aggregate, or BOOST_HANA_DEFINE_STRUCT)");
  static_assert(std::is_default_constructible_v<T> && std::is_copy_assignable_v<T>,
                "reconcile::control::observation_filter: T must be default constructible and copy assignable");
  static constexpr bool in_reach = detail::rules_in_reach<T>();
  static_assert(in_reach, "reconcile::control::observation_filter: a type inside a container, optional, pointer or "
                          "variant field of T has a debounce, hysteresis or stale_after rule, which the filter "
                          "cannot follow per element; put the rule on that field of T, or filter each element "
                          "with its own observation_filter");
  static constexpr std::size_t slot_count = detail::slots<T>();
  static constexpr bool stamped = detail::has_stale_field<T>();
  static_assert(!in_reach || slot_count > 0 || stamped,
                "reconcile::control::observation_filter: T has no debounce, hysteresis or stale_after rule; "
                "declare reconcile_rules in T's own namespace (found by ADL) or specialise reconcile::rules_of<T>, "
                "and check with static_assert(reconcile::has_rules<T>)");

 public:
  /// observe(observed, desired, now) -> const T&: the observation to plan from (see above):
  /// observed itself when nothing is held back (no copy), else the filter's patched copy,
  /// valid until the next observe().
  const T& observe(const T& observed, const T& desired, time_point now) {
    // The common case, a loop with nothing to do: the last observation left nothing stale,
    // counting, acting or held back, this one is fresh and every filtered field is as
    // desired. Then there is nothing to update: no store at all.
    if (quiet_ && !too_old(observed, now) && unchanged(observed, desired)) return observed;
    return observe_all(observed, desired, now);
  }

  /// stale(): the last observation was older than its stale_after bound.
  bool stale() const noexcept { return stale_; }
  /// held(): fields whose difference the last observe() held back (debounce still counting).
  std::size_t held() const noexcept { return held_; }

  /// requeue(next_observation): result::requeue_after(...) when the last observation was stale
  /// or held a difference back (after next_observation, or sooner when a debounce time runs out);
  /// std::nullopt when everything observed may be acted on.
  std::optional<result> requeue(duration next_observation) const noexcept {
    if (quiet_ || (!stale_ && held_ == 0)) return std::nullopt;  // quiet_: neither (one test)
    return result::requeue_after(std::min(next_observation, recheck_));
  }

  /// reset(): forgets every field's history, and what the last observe() held back.
  void reset() noexcept {
    state_ = {};
    held_ = 0;
    stale_ = false;
    quiet_ = true;
  }

 private:
  struct field_state {
    std::uint32_t streak = 0;  // observations in a row with a difference
    bool acting = false;       // hysteresis: above high and not yet below low
    bool masked = false;       // the last observe() took this field from desired
    time_point since{};        // when that streak began
    bool quiet() const noexcept { return streak == 0 && !acting && !masked; }
  };

  // Calls f.template operator()<I>() for each field index of U.
  template <class U, class F>
  static constexpr void each_field(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f.template operator()<I>(), ...); }(
        std::make_index_sequence<field_count<U>>{});
  }

  // f.template operator()<I>() for each field index of U while it returns true.
  template <class U, class F>
  static constexpr bool every_field(F&& f) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) { return (f.template operator()<I>() && ...); }(
        std::make_index_sequence<field_count<U>>{});
  }

  // True when a stale_after field of U (or of a struct nested in it) is older than its bound.
  template <class U>
  static bool too_old(const U& observed, time_point now) {
    bool old = false;
    each_field<U>([&]<std::size_t I>() {
      constexpr detail::observe_params p = detail::params_of<U, I>();
      using M = detail::field_type<U, I>;
      if constexpr ((p.kinds & detail::observe_stale) != 0)
        old = (now - time_point(reconcile::get<I>(observed)) > p.max_age) || old;
      else if constexpr (p.kinds == 0 && detail::nested_stale_field<M>())
        old = too_old(reconcile::get<I>(observed), now) || old;
    });
    return old;
  }

  // observe() when the fast path above does not apply (stale, a field differs or is still
  // counting, acting or held back): kept out of line, so that the common case stays a few
  // loads and compares. Not gnu::cold: compiled for size, it cost about 30 instructions an
  // observation here (+15 % for a loop that keeps counting) to save 1-3 on the common case.
  // Leaves quiet_ true only when the next observe() may skip it.
  [[gnu::noinline]] const T& observe_all(const T& observed, const T& desired, time_point now) {
    held_ = 0;
    // A stale observation changes no count: it is not looked at beyond its time stamps.
    stale_ = too_old(observed, now);
    if (stale_) {
      quiet_ = false;
      return desired;
    }
    recheck_ = duration::max();
    const bool masked = filter<0>(observed, desired, now);
    // A quiet field has no streak, so nothing is held (held_ == 0) when all are quiet.
    quiet_ = std::all_of(state_.begin(), state_.end(), [](const field_state& st) { return st.quiet(); });
    if (!masked) return observed;
    seen_ = observed;
    mask<0>(seen_, desired);
    return seen_;
  }

  // True when every filtered field of U (nested structs' included) equals desired's: by its
  // rules, or exactly for a hysteresis field (a difference within a tolerance may still move
  // its state).
  // A debounced string of char compares without a call (detail::same_text), unless its
  // field has a compare rule.
  template <class U>
  static bool unchanged(const U& observed, const U& desired) {
    return every_field<U>([&]<std::size_t I>() -> bool {
      constexpr detail::observe_params p = detail::params_of<U, I>();
      using M = detail::field_type<U, I>;
      const auto& o = reconcile::get<I>(observed);
      const auto& d = reconcile::get<I>(desired);
      if constexpr ((p.kinds & detail::observe_hysteresis) != 0 && std::is_arithmetic_v<M>)
        return o == d;
      else if constexpr ((p.kinds & detail::observe_holds) != 0 && detail::is_char_text<M> &&
                         !detail::custom_compare<U, I>())
        return detail::same_text(o, d);
      else if constexpr ((p.kinds & detail::observe_holds) != 0)
        return reconcile::detail::eq_field<U, I>(o, d, no_rules);
      else if constexpr (p.kinds == 0 && detail::nested_slots<M>() > 0)
        return unchanged(o, d);
      else
        return true;
    });
  }

  // Updates the state of U's filtered fields (slots from Slot on); true when one of them is
  // held back. Every field is filtered (no short-circuit): each keeps its count.
  template <std::size_t Slot, class U>
  bool filter(const U& observed, const U& desired, time_point now) {
    bool masked = false;
    each_field<U>([&]<std::size_t I>() {
      constexpr detail::observe_params p = detail::params_of<U, I>();
      using M = detail::field_type<U, I>;
      constexpr std::size_t at = Slot + detail::first_slot<U, I>();
      if constexpr ((p.kinds & detail::observe_holds) != 0)
        masked = filter_field<U, I, at>(reconcile::get<I>(observed), reconcile::get<I>(desired), now) || masked;
      else if constexpr (p.kinds == 0 && detail::nested_slots<M>() > 0)
        masked = filter<at>(reconcile::get<I>(observed), reconcile::get<I>(desired), now) || masked;
    });
    return masked;
  }

  // Gives each held-back field of seen desired's value.
  template <std::size_t Slot, class U>
  void mask(U& seen, const U& desired) const {
    each_field<U>([&]<std::size_t I>() {
      constexpr detail::observe_params p = detail::params_of<U, I>();
      using M = detail::field_type<U, I>;
      constexpr std::size_t at = Slot + detail::first_slot<U, I>();
      if constexpr ((p.kinds & detail::observe_holds) != 0) {
        if (state_[at].masked) reconcile::get<I>(seen) = reconcile::get<I>(desired);
      } else if constexpr (p.kinds == 0 && detail::nested_slots<M>() > 0) {
        mask<at>(reconcile::get<I>(seen), reconcile::get<I>(desired));
      }
    });
  }

  // Updates field I of U (state slot At); true when its difference is not to be acted on yet.
  template <class U, std::size_t I, std::size_t At, class M>
  bool filter_field(const M& o, const M& d, time_point now) {
    constexpr detail::observe_params p = detail::params_of<U, I>();
    field_state& st = state_[At];
    const bool same = reconcile::detail::eq_field<U, I>(o, d, no_rules);
    bool act = !same;
    if constexpr ((p.kinds & detail::observe_hysteresis) != 0 && std::is_arithmetic_v<M>) {
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
  std::array<field_state, slot_count> state_{};
  duration recheck_ = duration::max();
  std::size_t held_ = 0;
  bool stale_ = false;
  // The last observe() was fresh and left no field counting, acting or held back (so held_
  // == 0 and !stale_): the next one may return observed after a compare, storing nothing.
  bool quiet_ = true;
};

}  // namespace control
}  // namespace reconcile
