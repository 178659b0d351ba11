// Brace-initialization probes of an aggregate, for reflect_impl.hpp: whether its first element
// is a base class, its field count (aggregate_count, searched up to max_fields + 1) and whether
// a C array is among its members. Not public.
#pragma once

#include <boost/pfr/detail/fields_count.hpp>
#include <reconcile/detail/value_init_generated.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

// The most fields an aggregate may have to be reflected (bind_fields, fields_generated.hpp).
inline constexpr std::size_t max_fields = 200;

// An aggregate with a base class is not reflectable (its bases are not fields; Boost.PFR
// rejects it with errors of its own). Probe: T can be initialized from one value that
// converts only to a base of T, i.e. T's first element is a base. Never defined.
template <class T>
struct to_base_of {
  template <class B>
    requires(std::is_base_of_v<B, T> && !std::is_same_v<B, T>)
  operator B&() const;
};
template <class T>
concept aggregate_with_base = requires { T{to_base_of<T>{}}; };

// ---- field count: the most values T{any x N} takes, N in [0, max_fields + 1] ----
// Boost.PFR's tuple_size_v searches up to sizeof(T) * CHAR_BIT (for bit-fields), probing
// brace initializations of thousands of values on a wide struct; reflection stops at
// max_fields, so the search stops at max_fields + 1, which still tells too_many_fields.
// "any" converts to every field type (copy-constructible T: to an lvalue, else an rvalue).
template <class T>
using any_field = std::conditional_t<std::is_copy_constructible_v<T>, boost::pfr::detail::ubiq_lref_constructor,
                                     boost::pfr::detail::ubiq_rref_constructor>;
template <class T, std::size_t... I>
consteval bool takes_values(std::index_sequence<I...>) {
  return requires { T{any_field<T>{I}...}; };
}
// T{} well-formed: T{any x N} is for every N up to the count, a binary search finds it.
// Lo is known to be taken; the count lies in [Lo, Hi].
template <class T, std::size_t Lo, std::size_t Hi>
consteval std::size_t count_between() {
  if constexpr (Lo == Hi) {
    return Lo;
  } else {
    constexpr std::size_t mid = Lo + (Hi - Lo + 1) / 2;
    if constexpr (takes_values<T>(std::make_index_sequence<mid>{})) return count_between<T, mid, Hi>();
    else return count_between<T, Lo, mid - 1>();
  }
}
// Else (a field that {} cannot initialize): the greatest N in [Lo, Hi] taken, 0 when none.
template <class T, std::size_t Lo, std::size_t Hi>
consteval std::size_t greatest_taken() {
  if constexpr (Lo == Hi) {
    return takes_values<T>(std::make_index_sequence<Lo>{}) ? Lo : 0;
  } else {
    constexpr std::size_t above = greatest_taken<T, Lo + (Hi - Lo) / 2 + 1, Hi>();
    if constexpr (above != 0) return above;
    else return greatest_taken<T, Lo, Lo + (Hi - Lo) / 2>();
  }
}
template <class T>
consteval std::size_t aggregate_count_of() {
  if constexpr (requires { T{}; }) return count_between<T, 0, max_fields + 1>();
  else return greatest_taken<T, 0, max_fields + 1>();
}
// The number of fields of the aggregate T (C-array elements counted one by one); more than
// max_fields when T has too many.
template <class T>
inline constexpr std::size_t aggregate_count = aggregate_count_of<T>();

// A C-array member: Boost.PFR counts its elements as fields (brace elision), and binding that
// many names is a hard error. Probe (N = that count; "any" converts to every field type):
// T{any x K, {}, any x (N-K-1)} fails when the `{}` at position K takes a whole array of L > 1
// elements (too many initializers), or when member K cannot be initialized from {}; only the
// array then accepts T{any x K, {}, any x (N-K-L)} for some L > 1, every member initialized.
template <class T, std::size_t... Before, std::size_t... After>
consteval bool braces_at(std::index_sequence<Before...>, std::index_sequence<After...>) {
  return requires { T{any_field<T>{Before}..., {}, any_field<T>{After}...}; };
}
template <class T, std::size_t N, std::size_t K>
consteval bool array_at() {
  if constexpr (braces_at<T>(std::make_index_sequence<K>{}, std::make_index_sequence<N - K - 1>{})) {
    return false;
  } else {
    return []<std::size_t... L>(std::index_sequence<L...>) {
      return (braces_at<T>(std::make_index_sequence<K>{}, std::make_index_sequence<N - K - 2 - L>{}) || ...);
    }(std::make_index_sequence<N - K - 1>{});
  }
}
// Fast path (g++): T(any x N) has no brace elision, so it is well-formed only without arrays.
template <class T, std::size_t... I>
consteval bool paren_init_without_arrays([[maybe_unused]] std::index_sequence<I...> fields) {
#if defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L
  return requires { T(any_field<T>{I}...); };
#else
  return false;  // clang 14: no parenthesized aggregate init; the scan below decides
#endif
}
#if !(defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L)
// Fast path (clang 14): T{{} x N} is well-formed only when T has N members (each `{}` takes a
// whole member, an array too), i.e. when no array was counted element by element. One probe
// rather than the scan's N; a member that `{}` cannot initialise (a reference) leaves it to
// the scan. value_init_all<T, N> (detail/value_init_generated.hpp, written by scripts/gen-fields):
// T{{}, {}, ... N times} is well-formed.
#endif
template <class T, std::size_t N>
consteval bool braces_without_arrays() {
#if defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L
  return false;  // g++: paren_init_without_arrays decides
#else
  return value_init_all<T, N>;
#endif
}
template <class T, std::size_t N>
consteval bool has_c_array_member() {
  if constexpr (paren_init_without_arrays<T>(std::make_index_sequence<N>{})) return false;
  else if constexpr (braces_without_arrays<T, N>()) return false;
  else return []<std::size_t... K>(std::index_sequence<K...>) { return (array_at<T, N, K>() || ...); }(
      std::make_index_sequence<N>{});
}

}  // namespace reconcile::detail
