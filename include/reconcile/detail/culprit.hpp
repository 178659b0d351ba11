// The innermost type that makes a type unsupported, and why: the public entry points' one
// compile error names it (`unsupported_type<Handle, ...>`) rather than the outer type. Not public.
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

enum class type_problem { none, not_reflectable, not_comparable_key, base_class, too_many_fields, reference_member };

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
    if constexpr (p == aggregate_problem::base_class) return type_problem::base_class;
    else if constexpr (p == aggregate_problem::too_many_fields) return type_problem::too_many_fields;
    else if constexpr (p == aggregate_problem::reference_member) return type_problem::reference_member;
    else return type_problem::not_reflectable;
  } else {
    return type_problem::not_reflectable;
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
      return culprit<typename T::key_type, type_problem::not_comparable_key>{};
    else return find_culprit<typename T::mapped_type, D + 1>();
  } else if constexpr (k == vkind::variant || k == vkind::tuple) {
    return culprit_among<D>(static_cast<const T*>(nullptr));
  } else {
    return no_culprit{};
  }
}

// One error naming the culprit (`culprit_is<Handle>` in the error's line on clang, in the
// note after it on g++) and the fix.
template <class Culprit>
inline constexpr bool culprit_is = false;
template <class Culprit, type_problem P>
struct unsupported_type {};
template <class Culprit>
struct unsupported_type<Culprit, type_problem::reference_member> {
  static_assert(culprit_is<Culprit>,
                "reconcile::reflect: Culprit has a reference member or a C array member, which cannot be reflected; "
                "store a value, a pointer or a std::reference_wrapper, and std::array for an array");
};
template <class Culprit>
struct unsupported_type<Culprit, type_problem::too_many_fields> {
  static_assert(culprit_is<Culprit>,
                "reconcile::reflect: Culprit has more than 200 fields, the bound of reflection; group fields into "
                "nested structs");
};
template <class Culprit>
struct unsupported_type<Culprit, type_problem::base_class> {
  static_assert(culprit_is<Culprit>,
                "reconcile::reflect: Culprit has a base class; make the base a member, or use BOOST_HANA_ADAPT_STRUCT");
};
template <class Culprit>
struct unsupported_type<Culprit, type_problem::not_comparable_key> {
  static_assert(culprit_is<Culprit>, "reconcile::reflect: Culprit is a map key without operator==; give it one");
};
template <class Culprit>
struct unsupported_type<Culprit, type_problem::not_reflectable> {
  static_assert(culprit_is<Culprit>,
                "reconcile::reflect: Culprit is neither reflectable nor comparable; make it an aggregate, use "
                "BOOST_HANA_DEFINE_STRUCT, or give it operator==");
};

// True when T has a culprit, after reporting it: an entry point's static_assert(supported ||
// reported_culprit) then adds no second error; false when none is found (its own message runs).
template <class T>
consteval bool reported_culprit() {
  using C = decltype(find_culprit<T>());
  if constexpr (C::problem != type_problem::none) {
    // Instantiated for its error, not read: the caller's static_assert then holds.
    using report [[maybe_unused]] = decltype(sizeof(unsupported_type<typename C::type, C::problem>));
    return true;
  } else {
    return false;
  }
}

}  // namespace reconcile::detail
