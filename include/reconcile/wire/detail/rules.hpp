// What reconcile/wire needs from the rules DSL: a field's rule, the rule of a container's
// elements (quantize carries over, as tolerance does), the quantize grid. Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/rules.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace reconcile::wire::detail {

namespace rd = reconcile::detail;
using rd::vkind;

template <class V>
inline constexpr vkind kind_v = rd::kind_v<V>;

// The rule of field I of V: V's own rules (found by ADL); call-site rules never shape the wire.
template <class V, std::size_t I>
constexpr const auto& field_rule() noexcept {
  return rd::rule_for<V, I>(reconcile::no_rules);
}
template <class V, std::size_t I>
using field_rule_t = std::remove_cvref_t<decltype(field_rule<V, I>())>;
template <class V, std::size_t I>
inline constexpr bool ignored = (field_rule_t<V, I>::flags & rd::f_ignore) != 0;

// The rule of a container's elements: the value-level flags, quantize included.
template <auto MP, unsigned F, auto K, class C>
constexpr auto element_rule_of(const rd::field_rule<MP, F, K, C>& r) {
  return rd::field_rule<nullptr, F&(rd::element_flags | rd::f_quantize), nullptr, C>{r.abs, r.rel, r.cmp};
}
template <class R>
using element_rule_of_t = decltype(element_rule_of(std::declval<const R&>()));

template <class V, class R>
inline constexpr bool quantized = std::is_floating_point_v<V> && (R::flags & rd::f_quantize) != 0;

// The grid step of v: a whole number, clamped to +-2^62 (infinities too); NaN is the step
// -2^63, which no number reaches: a delta's modular arithmetic carries it like any other.
inline constexpr std::int64_t nan_steps = std::numeric_limits<std::int64_t>::min();
inline std::int64_t to_steps(double v, double step) noexcept {
  const double q = std::nearbyint(v / step);
  if (!(q == q)) return v == v ? 0 : nan_steps;  // 0/0 steps (a zero step) counts as 0
  constexpr double limit = 4611686018427387904.0;  // 2^62
  if (q >= limit) return std::int64_t{1} << 62;
  if (q <= -limit) return -(std::int64_t{1} << 62);
  return static_cast<std::int64_t>(q);
}
inline double from_steps(std::int64_t steps, double step) noexcept {
  return steps == nan_steps ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(steps) * step;
}

// Values diff compares and replaces whole: leaves, and anything under compare or tolerance.
template <class V, class R>
inline constexpr bool replaced_whole =
    kind_v<V> != vkind::set && (kind_v<V> == vkind::leaf || rd::uses_compare<V, R> || rd::uses_approx<V, R>);

// A keyed sequence's key member, and whether order counts.
template <class R>
inline constexpr bool keyed = R::keyed;
template <class R>
inline constexpr bool ordered = (R::flags & rd::f_ordered) != 0;
template <class R>
inline constexpr bool multiset = (R::flags & rd::f_unordered) != 0;

}  // namespace reconcile::wire::detail
