// reconcile/reflect.hpp - compile-time field lists of user structs, with names.
//
// Plain aggregates need nothing: fields come from Boost.PFR and names from the technique of
// Boost.PFR 1.84 (a constant pointer to a sub-object of an extern object, read back from
// __PRETTY_FUNCTION__). Types declared with BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT
// use Hana's accessors. Bound: aggregates of up to 200 fields (Boost.PFR's generated limit);
// types must be declared at namespace or class scope (not function-local), like Boost.PFR.
#pragma once

#include <reconcile/detail/reflect_impl.hpp>

#include <cstddef>
#include <string_view>
#include <utility>

namespace reconcile {

/// type_t<T>: a tag naming T, used to find user hooks by ADL (`reconcile_rules(type_t<T>)`).
template <class T>
struct type_t {
  using type = T;
};
/// type<T>: the tag object.
template <class T>
inline constexpr type_t<T> type{};

/// reflectable<T>: T is a struct whose fields reconcile can list (aggregate or Hana struct).
template <class T>
concept reflectable = detail::reflect_kind_of<T>() != detail::reflect_kind::none;

/// field_count<T>: number of fields of a reflectable T. Compile time only.
template <reflectable T>
inline constexpr std::size_t field_count = detail::reflect<T>::count;

/// field_name<T, I>: the declared name of field I of T, e.g. "replicas". Compile time only.
template <reflectable T, std::size_t I>
inline constexpr std::string_view field_name = detail::reflect<T>::names[I];

/// get<I>(obj): reference to field I of obj. Free: compiles to a member access.
template <std::size_t I, reflectable T>
constexpr decltype(auto) get(T& obj) noexcept {
  return detail::reflect<std::remove_const_t<T>>::template get<I>(obj);
}

/// for_each_field(obj, f): calls f(field, std::integral_constant<std::size_t, I>) in
/// declaration order. Unrolled at compile time; no run-time cost beyond the calls.
template <reflectable T, class F>
constexpr void for_each_field(T& obj, F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(reconcile::get<I>(obj), std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<field_count<std::remove_const_t<T>>>{});
}

/// field_index<&T::m>: the position of member m among T's reflected fields. Compile time.
template <auto MemberPtr>
inline constexpr std::size_t field_index = detail::member_index<MemberPtr>();

}  // namespace reconcile
