// What a type's wire form costs, known at compile time: the fewest bytes a value takes
// (min_bytes: bounds the element count a packet may claim, max_count), the most (max_bytes,
// or size_t(-1) when it depends on the value; bounded), and whether a value's memory is its
// fixed-layout wire form (bulk, bulk_sequence: copied whole in snapshots). Read by value.hpp's
// writers and readers. Not public.
#pragma once

#include <reconcile/wire/detail/leaf.hpp>

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

namespace reconcile::wire::detail {

template <class V>
constexpr std::size_t min_bytes();
template <class V, std::size_t... I>
constexpr std::size_t fields_min_bytes(std::index_sequence<I...>) {
  return (std::size_t{0} + ... + (ignored<V, I> ? 0 : min_bytes<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>>()));
}
template <class V, std::size_t... I>
constexpr std::size_t tuple_min_bytes(std::index_sequence<I...>) {
  return (std::size_t{0} + ... + min_bytes<std::tuple_element_t<I, V>>());
}
// The fewest bytes a V takes: bounds the element count a packet may claim.
template <class V>
constexpr std::size_t min_bytes() {
  constexpr vkind k = kind_v<V>;
  if constexpr (k == vkind::structure) return fields_min_bytes<V>(std::make_index_sequence<field_count<V>>{});
  else if constexpr (k == vkind::array) return std::tuple_size_v<V> * min_bytes<typename V::value_type>();
  else if constexpr (k == vkind::tuple) return tuple_min_bytes<V>(std::make_index_sequence<std::tuple_size_v<V>>{});
  else return 1;  // a leaf: one byte at least (a quantized float is a varint)
}

template <class V, class R>
constexpr std::size_t max_bytes();
template <class V, std::size_t... I>
constexpr std::size_t fields_max_bytes(std::index_sequence<I...>) {
  constexpr std::size_t each[] = {0, (ignored<V, I> ? std::size_t{0}
                                         : max_bytes<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>,
                                                     field_rule_t<V, I>>())...};
  constexpr std::size_t unbounded = static_cast<std::size_t>(-1);
  std::size_t sum = 0;
  for (std::size_t i = 1; i < sizeof...(I) + 1; ++i) {
    if (each[i] == unbounded) return unbounded;
    sum += each[i];
  }
  return sum;
}
// The most bytes a V takes, or size_t(-1) when that depends on the value (strings,
// containers): a bounded struct is written after one check for room, not one per field.
template <class V, class R>
constexpr std::size_t max_bytes() {
  constexpr vkind k = kind_v<V>;
  constexpr std::size_t unbounded = static_cast<std::size_t>(-1);
  if constexpr (k == vkind::structure) {
    return fields_max_bytes<V>(std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::leaf) {
    if constexpr (std::is_same_v<V, bool>) return 1;
    else if constexpr (std::is_enum_v<V>) return (sizeof(V) * 8 + 6) / 7;
    else if constexpr (integer_leaf<V>) return (sizeof(V) * 8 + 6) / 7;
    else if constexpr (quantized<V, R>) return 10;
    else if constexpr (std::is_floating_point_v<V>) return sizeof(V);
    else if constexpr (duration_like<V> || time_point_like<V>) return 10;
    else return unbounded;
  } else {
    return unbounded;
  }
}
template <class V, class R>
inline constexpr bool bounded = max_bytes<V, R>() != static_cast<std::size_t>(-1);

// Is V's memory its fixed-layout wire form? A struct reflected as an aggregate (fields in
// memory in declaration order) of integers, enums, unquantized floats and such structs and
// arrays of them, none ignored, with no padding (the field sizes add up to its size), on a
// little-endian host. Bools are not (a byte other than 0 or 1 must be refused).
template <class V, class R>
consteval bool bulk_leaf() {
  if constexpr (std::is_enum_v<V>) return true;
  else return (integer_leaf<V> || std::is_floating_point_v<V>) && !quantized<V, R>;
}
template <class V, class R = rd::field_rule<>>
consteval bool bulk() {
  if constexpr (std::endian::native != std::endian::little || !std::is_trivially_copyable_v<V>) {
    return false;
  } else if constexpr (kind_v<V> == vkind::leaf) {
    return bulk_leaf<V, R>();
  } else if constexpr (kind_v<V> == vkind::array) {
    return bulk<typename V::value_type, element_rule_of_t<R>>() && sizeof(V) == std::tuple_size_v<V> * sizeof(typename V::value_type);
  } else if constexpr (kind_v<V> == vkind::structure && rd::reflect_kind_of<V>() == rd::reflect_kind::aggregate) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return ((!ignored<V, I> && bulk<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>, field_rule_t<V, I>>()) &&
              ...) &&
             (std::size_t{0} + ... + sizeof(decltype(reconcile::get<I>(std::declval<V&>())))) == sizeof(V);
    }(std::make_index_sequence<field_count<V>>{});
  } else {
    return false;
  }
}
// A sequence whose elements are bulk and contiguous: copied in one piece.
template <class V, class R>
consteval bool bulk_sequence() {
  if constexpr (kind_v<V> == vkind::sequence) {  // keyed or not: a whole sequence is its elements
    return requires(V& v) {
      { v.data() } -> std::same_as<typename V::value_type*>;
    } && bulk<typename V::value_type, element_rule_of_t<R>>();
  } else {
    return false;
  }
}

// How many elements a packet may claim at this point: each takes min_bytes, or for elements
// that take none (empty structs), a fixed bound.
template <class E>
std::uint64_t max_count(const checked_reader& in) {
  constexpr std::size_t m = min_bytes<E>();
  if constexpr (m == 0) return 1u << 16;
  else return in.left() / m;
}

}  // namespace reconcile::wire::detail
