// The rule look-up: which rule applies to field I of T (the call-site rules first, then T's own
// rules found through rules_of<T> or by ADL, else the default rule), whether a type takes
// only default rules, and the search for a struct whose own rules name another type's field.
// Not public; the rule records it returns are in detail/rules_impl.hpp.
#pragma once

#include <reconcile/rules_fwd.hpp>
#include <reconcile/detail/rules_impl.hpp>
#include <reconcile/detail/traits.hpp>
#include <reconcile/reflect.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace reconcile {
namespace detail {

template <class R, class T, std::size_t I>
consteval bool rule_is_for() {
  if constexpr (names_member<R::member>()) {
    if constexpr (std::is_same_v<class_of<R::member>, T>) return member_index<R::member>() == I;
    else return false;
  } else {
    return false;
  }
}

template <class T, std::size_t I, class... E>
consteval int find_rule(const rules_t<E...>*) {
  int found = -1, k = 0;
  ((found < 0 && rule_is_for<E, T, I>() ? (found = k) : 0, ++k), ...);
  return found;
}

// rules_t<> named through T, so that it is complete where adl_rules is used, not defined.
template <class T>
struct no_rules_of {
  using type = rules_t<>;
};

void reconcile_rules() = delete;  // poison pill: user hooks are found by ADL only

template <class T>
inline constexpr bool has_adl_rules = requires { reconcile_rules(type_t<T>{}); };
template <class T>
inline constexpr bool has_rules_of = requires { reconcile::rules_of<T>::value; };

// T's own rules: reconcile::rules_of<T>::value, else reconcile_rules(type_t<T>) found by ADL.
template <class T>
constexpr auto adl_rules() {
  static_assert(!(has_adl_rules<T> && has_rules_of<T>),
                "reconcile::rules_of: T has rules both from rules_of<T> and from reconcile_rules found by ADL; "
                "keep one");
  if constexpr (has_rules_of<T>) {
    constexpr auto r = reconcile::rules_of<T>::value;
    return r;
  } else if constexpr (has_adl_rules<T>) {
    constexpr auto r = reconcile_rules(type_t<T>{});
    return r;
  } else {
    return typename no_rules_of<T>::type{};
  }
}

template <class R, class T>
consteval bool rule_names_member_of() {
  if constexpr (names_member<R::member>()) return std::is_same_v<class_of<R::member>, T>;
  else return true;
}
template <class T, class... E>
consteval bool all_rules_for(const rules_t<E...>*) {
  return (rule_names_member_of<E, T>() && ...);
}

template <class T>
struct adl_rules_holder {
  static constexpr auto value = adl_rules<T>();
  static constexpr bool valid = all_rules_for<T>(&value);
  static_assert(valid, "reconcile::reconcile_rules: a rule names a field of another type than the "
                       "type the rules are declared for; use field<&ThatType::member>");
};

// The first struct in T (T itself first, then its fields, 8 levels deep) whose own rules name
// a field of another type, as rules_misfit<S>; rules_fit when there is none. The entry points'
// one static_assert, `rules_ok<rules_culprit_t<T>>`, names S in its condition and stops there.
struct rules_fit {};
template <class S>
struct rules_name_a_field_of_another_type {};
consteval rules_fit first_misfit() { return {}; }
template <class A, class... R>
consteval auto first_misfit(A a, R... rest) {
  if constexpr (std::is_same_v<A, rules_fit>) return first_misfit(rest...);
  else return a;
}
template <class T, std::size_t I>
using field_type = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<T&>()))>;
template <class T, int D = 0>
consteval auto find_rules_culprit() {
  constexpr vkind k = kind_v<T>;
  if constexpr (D > 8 || k == vkind::unsupported) {
    return rules_fit{};
  } else if constexpr (k == vkind::structure) {
    if constexpr (!all_rules_for<T>(static_cast<const decltype(adl_rules<T>())*>(nullptr)))
      return rules_name_a_field_of_another_type<T>{};
    else
      return []<std::size_t... I>(std::index_sequence<I...>) {
        // One fold over the fields; first_misfit (one instantiation per field) only on a misfit.
        if constexpr ((std::is_same_v<decltype(find_rules_culprit<field_type<T, I>, D + 1>()), rules_fit> && ...))
          return rules_fit{};
        else
          return first_misfit(find_rules_culprit<field_type<T, I>, D + 1>()...);
      }(std::make_index_sequence<field_count<T>>{});
  } else if constexpr (k == vkind::optional || k == vkind::sequence || k == vkind::array) {
    return find_rules_culprit<typename T::value_type, D + 1>();
  } else if constexpr (k == vkind::pointer) {
    return find_rules_culprit<typename T::element_type, D + 1>();
  } else if constexpr (k == vkind::map) {
    return find_rules_culprit<typename T::mapped_type, D + 1>();
  } else {
    return rules_fit{};
  }
}
template <class T>
using rules_culprit_t = decltype(find_rules_culprit<T>());
template <class Culprit>
inline constexpr bool rules_ok = std::is_same_v<Culprit, rules_fit>;

// Every field of T takes the default rule under the call-site rules Ctx: no rule of Ctx and no
// rule of T's own names a field of T. equal and diff then walk T's fields in one fold, without
// a rule look-up per field (fewer instantiations: faster builds of wide structs).
template <class R, class T>
consteval bool names_field_of() {
  if constexpr (names_member<R::member>()) return std::is_same_v<class_of<R::member>, T>;
  else return false;
}
template <class T, class Ctx>
inline constexpr bool default_rules_only = false;
template <class T, class... E>
inline constexpr bool default_rules_only<T, rules_t<E...>> =
    !(names_field_of<E, T>() || ...) && std::is_same_v<decltype(adl_rules<T>()), rules_t<>>;

// The rule for field I of T: call-site rules first, then T's own, else the default rule.
template <class T, std::size_t I, class Ctx>
constexpr const auto& rule_for(const Ctx& ctx) {
  constexpr int ci = find_rule<T, I>(static_cast<const Ctx*>(nullptr));
  if constexpr (ci >= 0) {
    return std::get<ci>(ctx.entries);
  } else {
    using H = adl_rules_holder<T>;
    constexpr int ai = H::valid ? find_rule<T, I>(&H::value) : -1;
    if constexpr (ai >= 0) return std::get<ai>(H::value.entries);
    else return default_rule;
  }
}

}  // namespace detail
}  // namespace reconcile
