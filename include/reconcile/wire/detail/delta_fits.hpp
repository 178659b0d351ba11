// Which variant alternative a change inside a variant belongs to, for the delta encoder
// (delta_write.hpp): the change's path does not say, its shape does (fits<A>(c, d): could c
// lie at depth d under an A?). Not public.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/wire/detail/rules.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <class V, class R>
bool fits(const change& c, std::size_t d);

template <class V, std::size_t... I>
bool field_fits(const change& c, std::size_t d, std::index_sequence<I...>) {
  const segment& s = c.path()[d];
  if (s.kind() != segment_kind::field) return false;
  const std::size_t i = s.index();
  return ((i == I && s.name() == field_name<V, I> &&
           fits<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>, field_rule_t<V, I>>(c, d + 1)) ||
          ...);
}

// Can change c lie at depth d under a V? (Which variant alternative a change inside a
// variant belongs to: its path does not say, its shape does.)
template <class V, class R>
bool fits(const change& c, std::size_t d) {
  constexpr vkind k = kind_v<V>;
  const std::size_t n = c.path().size();
  if constexpr (replaced_whole<V, R>) {
    return n == d && c.op() == op::replace && c.new_value().template holds<V>();
  } else if constexpr (k == vkind::structure) {
    return n > d && field_fits<V>(c, d, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    using E = std::remove_cvref_t<decltype(*std::declval<const V&>())>;
    if (n == d && c.op() == op::remove) return true;
    if (n == d && c.op() == op::add) return c.new_value().template holds<E>();
    return fits<E, R>(c, d);
  } else if constexpr (k == vkind::variant) {
    if (n == d && c.new_value().template holds<V>()) return true;
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (fits<std::variant_alternative_t<I, V>, R>(c, d) || ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map || (k == vkind::sequence && keyed<R>)) {
    return n > d && c.path()[d].kind() == segment_kind::key;
  } else if constexpr (k == vkind::set || (k == vkind::sequence && multiset<R>)) {
    return n > d && c.path()[d].kind() == segment_kind::element;
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    return n > d && c.path()[d].kind() == segment_kind::index;
  } else if constexpr (k == vkind::tuple) {
    return n > d && c.path()[d].kind() == segment_kind::field && c.path()[d].index() < std::tuple_size_v<V>;
  } else {
    return false;
  }
}

}  // namespace reconcile::wire::detail
