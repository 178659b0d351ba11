// Counting the values of an unordered sequence (a multiset) for equal and diff, in linear time
// where the element allows it. A leaf whose equality under its rule is plain == (no tolerance,
// no custom compare, not a floating-point number: NaN and -0.0 break hashing) and that has
// std::hash or < (integers, enums, strings, durations, ...) is counted through key_index keyed
// by the element itself: each value is found at its first position, and its counts are kept in
// a per-thread array (kept between calls: a warm diff allocates nothing), O(n) hashed or
// O(n log n) sorted. Other elements (structs under their own rules, tolerances, compares) have
// no hash that agrees with their equality: equal_impl.hpp and diff_sequence.hpp count them by
// comparing each distinct value with every element (quadratic in the part out of order).
// Not public.
#pragma once

#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/rules_impl.hpp>
#include <reconcile/detail/traits.hpp>

#include <concepts>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <vector>

namespace reconcile::detail {

/// Is a multiset of E under element rule R counted through key_index (see above)?
template <class E, class R>
inline constexpr bool counted_multiset = kind_v<E> == vkind::leaf && !std::is_floating_point_v<E> &&
                                         (R::flags & (f_tolerance | f_relative | f_compare)) == 0 &&
                                         (hashable<E> || std::totally_ordered<E>);

// n counters set to 0, in this thread's array (counting never nests: the elements are leaves).
inline std::size_t* zeroed_counters(std::size_t n) {
  thread_local std::vector<std::size_t> counters;
  counters.assign(n, 0);
  return counters.data();
}

/// Do [a, a_end) and [b, b_end), of the same length, hold each value equally often?
template <class E, class It>
bool same_counts(It a, It a_end, It b, It b_end) {
  const key_index<&whole_element<E>> in_a(a, a_end);
  std::size_t* balance = zeroed_counters(static_cast<std::size_t>(std::distance(a, a_end)));
  for (; a != a_end; ++a) ++balance[in_a.find_slot(*a)->pos];
  for (; b != b_end; ++b) {
    const key_slot* s = in_a.find_slot(*b);
    if (!s || balance[s->pos]-- == 0) return false;
  }
  return true;  // as many taken as added, none below 0: every count is 0 again
}

/// The values whose counts differ between [a, a_end) and [b, b_end), where b_end ends b's
/// whole sequence and [b_begin, b) precedes b there: changed(v, more, in_b) for each, first the
/// values of a (in a's order: grows or shrinks), then those only in b (in b's order), with more
/// telling whether b holds more of v than a and in_b how many of v all of b holds.
template <class E, class It, class Changed>
void count_changes(It a, It a_end, It b_begin, It b, It b_end, Changed changed) {
  const auto n = static_cast<std::size_t>(std::distance(a, a_end));
  const auto m = static_cast<std::size_t>(std::distance(b, b_end));
  const key_index<&whole_element<E>> in_a(a, a_end), in_b(b, b_end);
  // Per value of a (at its first position i in a): in_a_count[i], in_b_count[i] (in [b, b_end)),
  // before_b[i] (in [b_begin, b)); per value only in b (at its first position j there):
  // only_b[j] (in [b, b_end)) and only_b_before[j].
  std::size_t* in_a_count = zeroed_counters(3 * n + 2 * m);
  std::size_t* in_b_count = in_a_count + n;
  std::size_t* before_b = in_b_count + n;
  std::size_t* only_b = before_b + n;
  std::size_t* only_b_before = only_b + m;
  for (It it = a; it != a_end; ++it) ++in_a_count[in_a.find_slot(*it)->pos];
  for (It it = b; it != b_end; ++it) {
    if (const key_slot* s = in_a.find_slot(*it)) ++in_b_count[s->pos];
    else ++only_b[in_b.find_slot(*it)->pos];
  }
  for (It it = b_begin; it != b; ++it) {
    if (const key_slot* s = in_a.find_slot(*it)) ++before_b[s->pos];
    else if (const key_slot* t = in_b.find_slot(*it)) ++only_b_before[t->pos];
  }
  std::size_t i = 0;
  for (It it = a; it != a_end; ++it, ++i)
    if (in_a.find_slot(*it)->pos == i && in_a_count[i] != in_b_count[i])
      changed(*it, in_b_count[i] > in_a_count[i], before_b[i] + in_b_count[i]);
  std::size_t j = 0;
  for (It it = b; it != b_end; ++it, ++j)
    if (!in_a.find_slot(*it) && in_b.find_slot(*it)->pos == j) changed(*it, true, only_b_before[j] + only_b[j]);
}

}  // namespace reconcile::detail
