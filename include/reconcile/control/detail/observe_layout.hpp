// Where observation_filter<T> looks, worked out at compile time: the fields of T that carry a
// debounce, hysteresis or stale_after rule, and those of the structs nested in T (to depth 8).
// A type's rules are read as equal and diff read them: reconcile_rules found by ADL, or
// reconcile::rules_of<T>. Each filtered field gets one slot of state; a field whose type is a
// struct without a filter rule of its own is walked into. Namespace detail only (it reaches
// the core through rules.hpp, which brings detail/traits.hpp).
#pragma once

#include <reconcile/control/detail/observe_rule.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace reconcile::control::detail {

using reconcile::detail::vkind;

// Rules that hold a difference back (and so need state), as opposed to stale_after.
inline constexpr unsigned observe_holds = observe_debounce | observe_hysteresis;

// Field I's filter parameters from U's own rules, as constants (rules are constexpr).
template <class U, std::size_t I>
consteval observe_params params_of() {
  constexpr const auto& rule = reconcile::detail::rule_for<U, I>(reconcile::no_rules);
  if constexpr (is_observe_rule<std::remove_cvref_t<decltype(rule)>>::value) return rule.observe;
  else return {};
}

// Does field I of U compare by a rule of its own (dsl::compare(fn)), not by its operator==?
template <class U, std::size_t I>
consteval bool custom_compare() {
  using R = std::remove_cvref_t<decltype(reconcile::detail::rule_for<U, I>(reconcile::no_rules))>;
  return (R::flags & reconcile::detail::f_compare) != 0;
}

template <class U, std::size_t I>
using field_type = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<U&>()))>;

// Is M a struct the filter walks into (a field of that type with no filter rule of its own)?
template <class M>
inline constexpr bool walked_into = reconcile::detail::kind_v<M> == vkind::structure;

// The number of state slots U needs: one per field that holds differences back, nested
// structs' included. Instantiates once per struct type.
template <class U, int Depth = 0>
consteval std::size_t slots() {
  if constexpr (Depth > 8) {
    return 0;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (std::size_t{0} + ... + [] {
        if constexpr ((params_of<U, I>().kinds & observe_holds) != 0) return std::size_t{1};
        else if constexpr (walked_into<field_type<U, I>>) return slots<field_type<U, I>, Depth + 1>();
        else return std::size_t{0};
      }());
    }(std::make_index_sequence<field_count<U>>{});
  }
}

// Field I's first slot among U's: the slots of the fields before it.
template <class U, std::size_t I>
consteval std::size_t first_slot() {
  return []<std::size_t... J>(std::index_sequence<J...>) {
    return (std::size_t{0} + ... + [] {
      if constexpr ((params_of<U, J>().kinds & observe_holds) != 0) return std::size_t{1};
      else if constexpr (walked_into<field_type<U, J>>) return slots<field_type<U, J>>();
      else return std::size_t{0};
    }());
  }(std::make_index_sequence<I>{});
}

// Does U, or a struct nested in it, have a stale_after field?
template <class U, int Depth = 0>
consteval bool has_stale_field() {
  if constexpr (Depth > 8) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return ([] {
        if constexpr ((params_of<U, I>().kinds & observe_stale) != 0) return true;
        else if constexpr ((params_of<U, I>().kinds & observe_holds) == 0 && walked_into<field_type<U, I>>)
          return has_stale_field<field_type<U, I>, Depth + 1>();
        else return false;
      }() || ...);
    }(std::make_index_sequence<field_count<U>>{});
  }
}

// The same for a field's type: none unless it is a struct the filter walks into.
template <class M>
consteval std::size_t nested_slots() {
  if constexpr (walked_into<M>) return slots<M>();
  else return 0;
}
template <class M>
consteval bool nested_stale_field() {
  if constexpr (walked_into<M>) return has_stale_field<M>();
  else return false;
}

// Does M carry a filter rule anywhere inside it: its own fields, nested structs, or the
// elements of its containers, optionals and variants?
template <class M, int Depth = 0>
consteval bool rule_inside();

template <class M, int Depth, std::size_t... I>
consteval bool rule_inside_fields(std::index_sequence<I...>) {
  return ((params_of<M, I>().kinds != 0 || rule_inside<field_type<M, I>, Depth + 1>()) || ...);
}
template <int Depth, template <class...> class List, class... A>
consteval bool rule_inside_any(const List<A...>*) {
  return (rule_inside<A, Depth + 1>() || ...);
}

template <class M, int Depth>
consteval bool rule_inside() {
  constexpr vkind k = reconcile::detail::kind_v<M>;
  if constexpr (Depth > 8) return false;
  else if constexpr (k == vkind::structure)
    return rule_inside_fields<M, Depth>(std::make_index_sequence<field_count<M>>{});
  else if constexpr (k == vkind::optional || k == vkind::sequence || k == vkind::array || k == vkind::set)
    return rule_inside<typename M::value_type, Depth + 1>();
  else if constexpr (k == vkind::pointer) return rule_inside<typename M::element_type, Depth + 1>();
  else if constexpr (k == vkind::map) return rule_inside<typename M::mapped_type, Depth + 1>();
  else if constexpr (k == vkind::variant || k == vkind::tuple)
    return rule_inside_any<Depth>(static_cast<const M*>(nullptr));
  else return false;
}

// Is every filter rule inside U where the filter reaches it (U's fields and nested structs,
// not the elements of a container, optional, pointer or variant)?
template <class U, int Depth = 0>
consteval bool rules_in_reach() {
  if constexpr (Depth > 8) {
    return true;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return ([] {
        using M = field_type<U, I>;
        if constexpr (params_of<U, I>().kinds != 0) return true;  // the field is filtered whole
        else if constexpr (walked_into<M>) return rules_in_reach<M, Depth + 1>();
        else return !rule_inside<M, Depth + 1>();
      }() && ...);
    }(std::make_index_sequence<field_count<U>>{});
  }
}

}  // namespace reconcile::control::detail
