// The innermost type that makes a type unsupported, and why: the public entry points' one
// compile error names it (`culprit<Handle, ...>`) rather than the outer type. Not public.
#pragma once

#include <reconcile/detail/reflect_impl.hpp>
#include <reconcile/detail/traits.hpp>

#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

// Spelt so that the error's condition reads as the diagnosis.
enum class type_problem {
  none,
  neither_reflectable_nor_comparable,
  map_key_without_equality,
  has_base_class,
  more_than_200_fields,
  has_reference_member,
  has_c_array_member
};

template <class C, type_problem P>
struct culprit {
  using type = C;
  static constexpr type_problem problem = P;
};
using no_culprit = culprit<void, type_problem::none>;

template <class C>
consteval type_problem problem_of() {
  if constexpr (std::is_class_v<C> && !std::is_union_v<C> && std::is_aggregate_v<C> && !not_a_struct<C>::value) {
    constexpr aggregate_problem p = aggregate_problem_of<C>();
    if constexpr (p == aggregate_problem::base_class) return type_problem::has_base_class;
    else if constexpr (p == aggregate_problem::too_many_fields) return type_problem::more_than_200_fields;
    else if constexpr (p == aggregate_problem::reference_member) return type_problem::has_reference_member;
    else if constexpr (p == aggregate_problem::c_array_member) return type_problem::has_c_array_member;
    else return type_problem::neither_reflectable_nor_comparable;
  } else {
    return type_problem::neither_reflectable_nor_comparable;
  }
}

consteval no_culprit first_found() { return {}; }
template <class A, class... R>
consteval auto first_found(A a, R... rest) {
  if constexpr (A::problem != type_problem::none) return a;
  else return first_found(rest...);
}

// Mirrors supported<T, D> (traits.hpp): the same walk, 8 levels deep, returning what failed.
template <class T, int D = 0>
consteval auto find_culprit();
template <int D, class... A>
consteval auto culprit_among(const std::tuple<A...>*) {
  return first_found(find_culprit<A, D + 1>()...);
}
template <int D, class... A>
consteval auto culprit_among(const std::variant<A...>*) {
  return first_found(find_culprit<A, D + 1>()...);
}
template <int D, class A, class B>
consteval auto culprit_among(const std::pair<A, B>*) {
  return first_found(find_culprit<A, D + 1>(), find_culprit<B, D + 1>());
}

template <class T, int D>
consteval auto find_culprit() {
  constexpr vkind k = kind_v<T>;
  if constexpr (k == vkind::unsupported) return culprit<T, problem_of<T>()>{};
  else if constexpr (D > 8) return no_culprit{};
  else if constexpr (k == vkind::structure)
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return first_found(find_culprit<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<T&>()))>, D + 1>()...);
    }(std::make_index_sequence<field_count<T>>{});
  else if constexpr (k == vkind::optional || k == vkind::sequence || k == vkind::array)
    return find_culprit<typename T::value_type, D + 1>();
  else if constexpr (k == vkind::pointer) return find_culprit<typename T::element_type, D + 1>();
  else if constexpr (k == vkind::map) {
    if constexpr (!std::equality_comparable<typename T::key_type>)
      return culprit<typename T::key_type, type_problem::map_key_without_equality>{};
    else return find_culprit<typename T::mapped_type, D + 1>();
  } else if constexpr (k == vkind::variant || k == vkind::tuple) {
    return culprit_among<D>(static_cast<const T*>(nullptr));
  } else {
    return no_culprit{};
  }
}

// The culprit as a type, for one static_assert in each public entry point's own body:
//   static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::diff: " RECONCILE_DETAIL_SHAPE_FIXES);
// The condition names the innermost failing type and the problem (clang prints it in the
// error's line, g++ in the note after it): `shape_ok<culprit<Handle, type_problem::...>>`.
// Placed in the entry point itself, the error carries no backtrace beyond the user's call.
// Supported: the entry point's own verdict on T (diff's, or the JSON layer's narrower one);
// when it is false and the walk finds nothing (deeper than 8 levels), T itself is named.
// The search runs only for an unsupported T: a supported one costs no instantiation of it.
template <class T, bool Supported = supported<T>()>
struct culprit_of {
  using type = no_culprit;
};
template <class T>
struct culprit_of<T, false> {
  using found = decltype(find_culprit<T>());
  using type = std::conditional_t<found::problem == type_problem::none,
                                  culprit<T, type_problem::neither_reflectable_nor_comparable>, found>;
};
template <class T, bool Supported = supported<T>()>
using culprit_t = typename culprit_of<T, Supported>::type;

template <class Culprit>
inline constexpr bool shape_ok = Culprit::problem == type_problem::none;

// The fix for each problem that shape_ok's condition can name; the entry point prefixes its name.
#define RECONCILE_DETAIL_SHAPE_FIXES                                                                             \
  "a type cannot be used (the condition names it and why): has_reference_member: hold a value, a pointer or a " \
  "std::reference_wrapper; has_c_array_member: use std::array; more_than_200_fields: group fields into "        \
  "nested structs; has_base_class: make the base a member, or use BOOST_HANA_ADAPT_STRUCT; "                      \
  "neither_reflectable_nor_comparable: make it an aggregate, use BOOST_HANA_DEFINE_STRUCT, or give it "           \
  "operator==; map_key_without_equality: give the key type operator=="

}  // namespace reconcile::detail
