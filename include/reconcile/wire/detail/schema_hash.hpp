// The schema fingerprint (reconcile/wire/schema.hpp): FNV-1a over what decides the bytes of a
// type on the wire: each node's kind, a leaf's size, signedness and form, field names and
// order, the rules that shape the wire (ignore, keyed_by and its key, ordered, unordered,
// quantize and its step, compare and tolerance: they make a value travel whole). Computed at
// compile time; recursive types are hashed to a depth of 12. Not public.
#pragma once

#include <reconcile/wire/detail/leaf.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>

namespace reconcile::wire::detail {

struct schema_hasher {
  std::uint64_t h = 0xcbf29ce484222325ull;
  constexpr void byte(unsigned char b) {
    h ^= b;
    h *= 0x100000001b3ull;
  }
  constexpr void number(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  constexpr void text(std::string_view s) {
    number(s.size());
    for (char c : s) byte(static_cast<unsigned char>(c));
  }
};

template <class V, class R, int D>
constexpr void hash_type(schema_hasher& s, const R& r);

template <class V, int D, std::size_t... I>
constexpr void hash_fields(schema_hasher& s, std::index_sequence<I...>) {
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    s.text(field_name<V, J>);
    const auto& member_rule = field_rule<V, J>();
    using MemberRule = std::remove_cvref_t<decltype(member_rule)>;
    if constexpr (ignored<V, J>) {
      s.byte('I');
    } else {
      if constexpr (MemberRule::keyed) s.number(rd::member_index<MemberRule::key>());
      hash_type<std::remove_cvref_t<decltype(reconcile::get<J>(std::declval<V&>()))>, MemberRule, D + 1>(s, member_rule);
    }
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  (void)one;  // a struct without fields
}

template <class V, class R, int D>
constexpr void hash_type(schema_hasher& s, const R& r) {
  constexpr vkind k = kind_v<V>;
  s.byte(static_cast<unsigned char>(k));
  s.number(R::flags & (rd::f_ordered | rd::f_unordered | rd::f_quantize | rd::f_compare | rd::f_tolerance | rd::f_relative));
  if constexpr (quantized<V, R>) s.number(std::bit_cast<std::uint64_t>(rd::quantize_step(r)));
  if constexpr (D > 12) {
    return;
  } else if constexpr (k == vkind::leaf) {
    s.number(sizeof(V));
    s.byte(std::is_same_v<V, bool> ? 'b' : std::is_enum_v<V> ? 'e' : std::is_floating_point_v<V> ? 'f'
           : std::is_signed_v<V> ? 'i' : string_leaf<V> ? 's' : duration_like<V> ? 'd' : 'u');
  } else if constexpr (k == vkind::structure) {
    s.number(field_count<V>);
    hash_fields<V, D>(s, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional) {
    hash_type<typename V::value_type, R, D + 1>(s, r);
  } else if constexpr (k == vkind::pointer) {
    hash_type<typename V::element_type, R, D + 1>(s, r);
  } else if constexpr (k == vkind::variant) {
    s.number(std::variant_size_v<V>);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (hash_type<std::variant_alternative_t<I, V>, R, D + 1>(s, r), ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    hash_type<typename V::key_type, rd::field_rule<>, D + 1>(s, rd::default_rule);
    hash_type<typename V::mapped_type, element_rule_of_t<R>, D + 1>(s, element_rule_of(r));
  } else if constexpr (k == vkind::set) {
    hash_type<typename V::value_type, rd::field_rule<>, D + 1>(s, rd::default_rule);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    if constexpr (k == vkind::array) s.number(std::tuple_size_v<V>);
    hash_type<typename V::value_type, element_rule_of_t<R>, D + 1>(s, element_rule_of(r));
  } else if constexpr (k == vkind::tuple) {
    s.number(std::tuple_size_v<V>);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (hash_type<std::tuple_element_t<I, V>, R, D + 1>(s, r), ...);
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  }
}

template <class T>
constexpr std::uint64_t schema_fingerprint() {
  schema_hasher s;
  s.text("reconcile::wire 2");  // the format: 2 = fixed-width snapshots, vector checksum
  hash_type<T, rd::field_rule<>, 0>(s, rd::default_rule);
  return s.h;
}

}  // namespace reconcile::wire::detail
