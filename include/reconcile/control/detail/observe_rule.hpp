// The observation-filter rules (debounce, hysteresis, stale_after) as entries of the rules DSL.
//
// An observe_rule<Base> IS its field's ordinary rule (it derives from detail::field_rule, so
// equal, diff, apply and the JSON layer read it as they read any rule) plus the parameters
// that only reconcile::control::observation_filter reads. The core DSL is not edited: this
// header teaches rules() to accept the new entry (is_field_rule) and adds the operators.
#pragma once

#include <reconcile/rules.hpp>

#include <chrono>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace reconcile::control::detail {

enum observe_kind : unsigned {
  observe_debounce = 1u << 0,
  observe_hysteresis = 1u << 1,
  observe_stale = 1u << 2,
};

// What observation_filter reads; zero means "not set".
struct observe_params {
  unsigned kinds = 0;
  std::uint32_t debounce_count = 0;           // a difference must be seen this many times...
  std::chrono::nanoseconds debounce_for{0};   // ...or last this long
  double low = 0;                             // hysteresis: stop acting below this distance
  double high = 0;                            // hysteresis: start acting above this distance
  std::chrono::nanoseconds max_age{0};        // stale_after: the observation's age bound
};

struct debounce_atom {
  std::uint32_t count;
  std::chrono::nanoseconds for_duration;
};
struct hysteresis_atom {
  double low;
  double high;
};
struct stale_after_atom {
  std::chrono::nanoseconds max_age;
};

template <class A>
inline constexpr bool is_observe_atom = std::is_same_v<A, debounce_atom> || std::is_same_v<A, hysteresis_atom> ||
                                        std::is_same_v<A, stale_after_atom>;

template <class Base>
struct observe_rule : Base {
  using base_type = Base;
  observe_params observe;
};

template <class R>
struct is_observe_rule : std::false_type {};
template <class B>
struct is_observe_rule<observe_rule<B>> : std::true_type {};

constexpr observe_params with(observe_params p, debounce_atom a) {
  p.kinds |= observe_debounce;
  p.debounce_count = a.count;
  p.debounce_for = a.for_duration;
  return p;
}
constexpr observe_params with(observe_params p, hysteresis_atom a) {
  p.kinds |= observe_hysteresis;
  p.low = a.low;
  p.high = a.high;
  return p;
}
constexpr observe_params with(observe_params p, stale_after_atom a) {
  p.kinds |= observe_stale;
  p.max_age = a.max_age;
  return p;
}

using reconcile::detail::f_ignore;
using reconcile::detail::field_rule;
using reconcile::detail::member_t;

// Each check is one static_assert; a misfit returns the rule unchanged (no second error).
template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, debounce_atom a) {
  constexpr bool acted_on = (F & f_ignore) == 0;
  static_assert(acted_on, "reconcile::debounce: an ignored field is never acted on; remove ignore or debounce");
  if constexpr (acted_on) return observe_rule<field_rule<MP, F, K, C>>{{r}, with({}, a)};
  else return r;
}

template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, hysteresis_atom a) {
  constexpr bool fits = std::is_arithmetic_v<member_t<MP>> && (F & f_ignore) == 0;
  static_assert(fits, "reconcile::hysteresis: applies to arithmetic fields that are not ignored (it compares "
                      "|observed - desired| with low and high); use debounce for other fields");
  if constexpr (fits) return observe_rule<field_rule<MP, F, K, C>>{{r}, with({}, a)};
  else return r;
}

// stale_after marks the field that says when the observation was made; it implies ignore
// (a time stamp is never a difference to act on).
template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, stale_after_atom a) {
  constexpr bool fits = std::is_convertible_v<member_t<MP>, std::chrono::steady_clock::time_point>;
  static_assert(fits, "reconcile::stale_after: applies to the field holding when the observation was made, a "
                      "std::chrono::steady_clock::time_point (reconcile::time_point)");
  using stamped = field_rule<MP, F | f_ignore, K, C>;
  if constexpr (fits) return observe_rule<stamped>{{stamped{r.abs, r.rel, r.cmp}}, with({}, a)};
  else return r;
}

// More observe atoms on an observe rule: their parameters join.
template <class B, class A>
  requires is_observe_atom<A>
constexpr auto operator|(observe_rule<B> r, A a) {
  using more_t = decltype(std::declval<const B&>() | a);  // checks a against the field
  if constexpr (is_observe_rule<more_t>::value) {
    using more_base = typename more_t::base_type;
    const more_t more = static_cast<const B&>(r) | a;
    return observe_rule<more_base>{{static_cast<const more_base&>(more)}, with(r.observe, a)};
  } else {
    return r;
  }
}

// Any other rule on an observe rule applies to its field rule; the parameters are kept.
template <class B, class A>
  requires(!is_observe_atom<A>)
constexpr auto operator|(observe_rule<B> r, A a) {
  const auto more = static_cast<const B&>(r) | a;
  return observe_rule<std::remove_const_t<decltype(more)>>{{more}, r.observe};
}

}  // namespace reconcile::control::detail

namespace reconcile::detail {
// rules(...) accepts an observe rule as it accepts the field rule it extends.
template <class B>
struct is_field_rule<reconcile::control::detail::observe_rule<B>> : is_field_rule<B> {};
}  // namespace reconcile::detail
