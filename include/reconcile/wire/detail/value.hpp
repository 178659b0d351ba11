// Whole values on the wire (snapshots, and added or replaced elements inside deltas):
//   struct  := each field not ignored, in declaration order (no tags: the schema is shared)
//   optional, pointer := 0 | 1 value          variant := varint(index) value
//   sequence, set := varint(n) element*       map := varint(n) (key value)*
//   array, tuple, pair := each element        leaf := see leaf.hpp
// put_value writes; skip_value (pass 1) checks without writing; get_value (pass 2) reads what
// pass 1 checked into the target, reusing its storage where the container allows. Not public.
#pragma once

#include <reconcile/wire/detail/leaf.hpp>

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

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

// How many elements a packet may claim at this point: each takes min_bytes, or for elements
// that take none (empty structs), a fixed bound.
template <class E>
std::uint64_t max_count(const checked_reader& in) {
  constexpr std::size_t m = min_bytes<E>();
  if constexpr (m == 0) return 1u << 16;
  else return in.left() / m;
}

template <class V>
void check_wire_type() {
  constexpr vkind k = kind_v<V>;
  static_assert(k != vkind::leaf || wire_leaf<V>,
                "reconcile::wire: a leaf type has no wire form (bool, integers, enums, float, double, "
                "strings, chrono durations and time points have); make it a struct of those");
}

template <class V, class R, class W>
void put_value(W& w, const V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  check_wire_type<V>();
  if constexpr (k == vkind::leaf) {
    put_leaf(w, v, r);
  } else if constexpr (k == vkind::structure && W::checked && bounded<V, R>) {
    raw_writer raw = w.reserve(max_bytes<V, R>());  // one check for room, not one per field
    put_value(raw, v, r);
    w.resume(raw);
  } else if constexpr (k == vkind::structure) {
    reconcile::detail::with_fields(v, [&](const auto&... f) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ignored<V, I> ? void() : put_value(w, f, field_rule<V, I>())), ...);
      }(std::make_index_sequence<sizeof...(f)>{});
    });
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    w.byte(v ? 1 : 0);
    if (v) put_value(w, *v, r);
  } else if constexpr (k == vkind::variant) {
    w.varint(v.index());
    std::visit([&](const auto& x) { put_value(w, x, r); }, v);
  } else if constexpr (k == vkind::map) {
    w.varint(v.size());
    const auto er = element_rule_of(r);
    for (const auto& [key, val] : v) {
      put_value(w, key, rd::default_rule);
      put_value(w, val, er);
    }
  } else if constexpr (k == vkind::set) {
    w.varint(v.size());
    for (const auto& e : v) put_value(w, e, rd::default_rule);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    const auto n = static_cast<std::size_t>(std::distance(v.begin(), v.end()));
    if constexpr (k == vkind::sequence) w.varint(n);
    const auto er = element_rule_of(r);
    using ER = std::remove_cvref_t<decltype(er)>;
    if constexpr (W::checked && bounded<typename V::value_type, ER>) {  // room for all at once
      raw_writer raw = w.reserve(n * max_bytes<typename V::value_type, ER>());
      for (const auto& e : v) put_value(raw, e, er);
      w.resume(raw);
    } else {
      for (const auto& e : v) put_value(w, e, er);
    }
  } else if constexpr (k == vkind::tuple) {
    std::apply([&](const auto&... e) { (put_value(w, e, r), ...); }, v);
  }
}

template <class V, class R>
void skip_value(checked_reader& in);

template <class V, std::size_t... I>
void skip_fields(checked_reader& in, std::index_sequence<I...>) {
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    if constexpr (!ignored<V, J>) {
      const frame f = field_frame(in.at, J, field_name<V, J>);
      frame_guard g(in, f);
      skip_value<std::remove_cvref_t<decltype(reconcile::get<J>(std::declval<V&>()))>, field_rule_t<V, J>>(in);
    }
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  (void)one;  // a struct without fields
}

template <class E, class R>
void skip_elements(checked_reader& in, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    const frame f = position_frame(in.at, static_cast<std::size_t>(i));
    frame_guard g(in, f);
    skip_value<E, R>(in);
  }
}

// Pass 1 of a whole value: every byte read, every tag and size checked, nothing written.
template <class V, class R>
void skip_value(checked_reader& in) {
  constexpr vkind k = kind_v<V>;
  check_wire_type<V>();
  if (in.depth() > max_depth) in.fail(errc::malformed, "values nested deeper than reconcile::wire reads");
  if constexpr (k == vkind::leaf) {
    skip_leaf<V, R>(in);
  } else if constexpr (k == vkind::structure) {
    skip_fields<V>(in, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional) {
    if (in.varint_at_most(1, "an optional's tag other than 0 or 1") == 1) skip_value<typename V::value_type, R>(in);
  } else if constexpr (k == vkind::pointer) {
    if (in.varint_at_most(1, "a pointer's tag other than 0 or 1") == 1) skip_value<typename V::element_type, R>(in);
  } else if constexpr (k == vkind::variant) {
    const auto i = in.varint_at_most(std::variant_size_v<V> - 1, "a variant index past its alternatives");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((i == I ? skip_value<std::variant_alternative_t<I, V>, R>(in) : void()), ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    using E = std::pair<typename V::key_type, typename V::mapped_type>;
    const auto n = in.varint_at_most(max_count<E>(in), "more entries than the packet holds");
    for (std::uint64_t i = 0; i < n; ++i) {
      skip_value<typename V::key_type, rd::field_rule<>>(in);
      skip_value<typename V::mapped_type, element_rule_of_t<R>>(in);
    }
  } else if constexpr (k == vkind::set) {
    const auto n = in.varint_at_most(max_count<typename V::value_type>(in), "more elements than the packet holds");
    skip_elements<typename V::value_type, rd::field_rule<>>(in, n);
  } else if constexpr (k == vkind::sequence) {
    const auto n = in.varint_at_most(max_count<typename V::value_type>(in), "more elements than the packet holds");
    skip_elements<typename V::value_type, element_rule_of_t<R>>(in, n);
  } else if constexpr (k == vkind::array) {
    skip_elements<typename V::value_type, element_rule_of_t<R>>(in, std::tuple_size_v<V>);
  } else if constexpr (k == vkind::tuple) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (skip_value<std::tuple_element_t<I, V>, R>(in), ...);
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  }
}

template <class V, class R>
void get_value(trusted_reader& in, V& v, const R& r);

template <class V, class R, std::size_t I>
void get_alternative(trusted_reader& in, V& v, const R& r) {
  if (v.index() != I) v.template emplace<I>();
  get_value(in, *std::get_if<I>(&v), r);
}

// Pass 2 of a whole value: reads into v what pass 1 checked. Fields that are ignored keep v's.
template <class V, class R>
void get_value(trusted_reader& in, V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  if constexpr (k == vkind::leaf) {
    get_leaf(in, v, r);
  } else if constexpr (k == vkind::structure) {
    reconcile::detail::with_fields(v, [&](auto&... f) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ignored<V, I> ? void() : get_value(in, f, field_rule<V, I>())), ...);
      }(std::make_index_sequence<sizeof...(f)>{});
    });
  } else if constexpr (k == vkind::optional) {
    if (in.varint() == 0) {
      v.reset();
    } else {
      if (!v) v.emplace();
      get_value(in, *v, r);
    }
  } else if constexpr (k == vkind::pointer) {
    if (in.varint() == 0) {
      v.reset();
    } else {  // never written through: a shared pointee may be seen by others
      auto* fresh = new std::remove_const_t<typename V::element_type>();
      v.reset(fresh);
      get_value(in, *fresh, r);
    }
  } else if constexpr (k == vkind::variant) {
    const auto i = in.varint();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((i == I ? get_alternative<V, R, I>(in, v, r) : void()), ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    v.clear();
    const auto er = element_rule_of(r);
    for (auto n = in.varint(); n > 0; --n) {
      typename V::key_type key{};
      get_value(in, key, rd::default_rule);
      typename V::mapped_type val{};
      get_value(in, val, er);
      v.insert_or_assign(std::move(key), std::move(val));
    }
  } else if constexpr (k == vkind::set) {
    v.clear();
    for (auto n = in.varint(); n > 0; --n) {
      typename V::value_type e{};
      get_value(in, e, rd::default_rule);
      v.insert(std::move(e));
    }
  } else if constexpr (k == vkind::sequence) {
    const auto n = static_cast<std::size_t>(in.varint());
    if constexpr (requires { v.resize(n); }) {
      v.resize(n);  // elements kept from before reuse their storage
    } else {
      v.clear();
      for (std::size_t i = 0; i < n; ++i) v.emplace_back();
    }
    const auto er = element_rule_of(r);
    for (auto& e : v) get_value(in, e, er);
  } else if constexpr (k == vkind::array) {
    const auto er = element_rule_of(r);
    for (auto& e : v) get_value(in, e, er);
  } else if constexpr (k == vkind::tuple) {
    std::apply([&](auto&... e) { (get_value(in, e, r), ...); }, v);
  }
}

}  // namespace reconcile::wire::detail
