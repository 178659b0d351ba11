// Whole values on the wire (snapshots, and added or replaced elements inside deltas):
//   struct  := each field not ignored, in declaration order (no tags: the schema is shared)
//   optional, pointer := 0 | 1 value          variant := varint(index) value
//   sequence, set := varint(n) element*       map := varint(n) (key value)*
//   array, tuple, pair := each element        leaf := see leaf.hpp (layout: compact or fixed)
// In the fixed layout (snapshots), a flat struct (bulk<V>: its bytes are its wire form) is
// copied whole, and a vector or array of them in one copy after its count.
// put_value writes; skip_value (pass 1) checks without writing; get_value (pass 2) reads what
// pass 1 checked into the target, reusing its storage where the container allows. Not public.
#pragma once

#include <reconcile/wire/detail/leaf.hpp>
#include <reconcile/wire/detail/value_size.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <class V>
void check_wire_type() {
  constexpr vkind k = kind_v<V>;
  static_assert(k != vkind::leaf || wire_leaf<V>,
                "reconcile::wire: a leaf type has no wire form (bool, integers, enums, float, double, "
                "strings, chrono durations and time points have); make it a struct of those");
}

template <layout L = layout::compact, class V, class R, class W>
void put_value(W& w, const V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  check_wire_type<V>();
  if constexpr (L == layout::fixed && bulk<V, R>()) {
    w.raw(&v, sizeof(V));
  } else if constexpr (L == layout::fixed && bulk_sequence<V, R>()) {
    w.varint(v.size());
    w.raw(v.data(), v.size() * sizeof(typename V::value_type));
  } else if constexpr (k == vkind::leaf) {
    put_leaf<L>(w, v, r);
  } else if constexpr (k == vkind::structure && W::checked && bounded<V, R>) {
    raw_writer raw = w.reserve(max_bytes<V, R>());  // one check for room, not one per field
    put_value<L>(raw, v, r);
    w.resume(raw);
  } else if constexpr (k == vkind::structure) {
    reconcile::detail::with_fields(v, [&](const auto&... f) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ignored<V, I> ? void() : put_value<L>(w, f, field_rule<V, I>())), ...);
      }(std::make_index_sequence<sizeof...(f)>{});
    });
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    w.byte(v ? 1 : 0);
    if (v) put_value<L>(w, *v, r);
  } else if constexpr (k == vkind::variant) {
    w.varint(v.index());
    std::visit([&](const auto& x) { put_value<L>(w, x, r); }, v);
  } else if constexpr (k == vkind::map) {
    w.varint(v.size());
    const auto elem_rule = element_rule_of(r);
    for (const auto& [key, val] : v) {
      put_value<L>(w, key, rd::default_rule);
      put_value<L>(w, val, elem_rule);
    }
  } else if constexpr (k == vkind::set) {
    w.varint(v.size());
    for (const auto& e : v) put_value<L>(w, e, rd::default_rule);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    const auto n = static_cast<std::size_t>(std::distance(v.begin(), v.end()));
    if constexpr (k == vkind::sequence) w.varint(n);
    const auto elem_rule = element_rule_of(r);
    using ElemRule = std::remove_cvref_t<decltype(elem_rule)>;
    if constexpr (W::checked && bounded<typename V::value_type, ElemRule>) {  // room for all at once
      raw_writer raw = w.reserve(n * max_bytes<typename V::value_type, ElemRule>());
      for (const auto& e : v) put_value<L>(raw, e, elem_rule);
      w.resume(raw);
    } else {
      for (const auto& e : v) put_value<L>(w, e, elem_rule);
    }
  } else if constexpr (k == vkind::tuple) {
    std::apply([&](const auto&... e) { (put_value<L>(w, e, r), ...); }, v);
  }
}

// A keyed container entry's key in a delta: integral keys as zigzag(key - previous key), others
// as a value.
template <class W, class K>
void put_entry_key(W& w, const K& key, K& previous) {
  if constexpr (std::is_integral_v<K> && !std::is_same_v<K, bool>) {
    w.varint(zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(key) - static_cast<std::uint64_t>(previous))));
    previous = key;
  } else {
    put_value(w, key, rd::default_rule);
  }
}

template <class V, class R, layout L = layout::compact>
void skip_value(checked_reader& in);

template <class V, layout L, std::size_t... I>
void skip_fields(checked_reader& in, std::index_sequence<I...>) {
  frame f = field_frame(in.at, 0, {});  // one frame, renamed from field to field
  frame_guard g(in, f);
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    if constexpr (!ignored<V, J>) {
      f.index = J;
      f.name = field_name<V, J>;
      skip_value<std::remove_cvref_t<decltype(reconcile::get<J>(std::declval<V&>()))>, field_rule_t<V, J>, L>(in);
    }
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  (void)one;  // a struct without fields
}

template <class E, class R, layout L = layout::compact>
void skip_elements(checked_reader& in, std::uint64_t n) {
  frame f = position_frame(in.at, 0);
  frame_guard g(in, f);
  for (std::uint64_t i = 0; i < n; ++i) {
    f.index = static_cast<std::size_t>(i);
    skip_value<E, R, L>(in);
  }
}

// Pass 1 of a whole value: every byte read, every tag and size checked, nothing written.
template <class V, class R, layout L>
void skip_value(checked_reader& in) {
  constexpr vkind k = kind_v<V>;
  check_wire_type<V>();
  if constexpr (k != vkind::leaf)  // a leaf nests nothing
    if (in.depth() > max_depth) in.fail(errc::malformed, "values nested deeper than reconcile::wire reads");
  if constexpr (L == layout::fixed && bulk<V, R>()) {
    in.skip(sizeof(V));  // every bit pattern is a value
  } else if constexpr (L == layout::fixed && bulk_sequence<V, R>()) {
    constexpr std::size_t size = sizeof(typename V::value_type);
    in.skip(size * in.varint_at_most(in.left() / size, "more elements than the packet holds"));
  } else if constexpr (k == vkind::leaf) {
    skip_leaf<V, R, L>(in);
  } else if constexpr (k == vkind::structure) {
    skip_fields<V, L>(in, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional) {
    if (in.varint_at_most(1, "an optional's tag other than 0 or 1") == 1) skip_value<typename V::value_type, R, L>(in);
  } else if constexpr (k == vkind::pointer) {
    if (in.varint_at_most(1, "a pointer's tag other than 0 or 1") == 1) skip_value<typename V::element_type, R, L>(in);
  } else if constexpr (k == vkind::variant) {
    const auto i = in.varint_at_most(std::variant_size_v<V> - 1, "a variant index past its alternatives");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((i == I ? skip_value<std::variant_alternative_t<I, V>, R, L>(in) : void()), ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    using E = std::pair<typename V::key_type, typename V::mapped_type>;
    const auto n = in.varint_at_most(max_count<E>(in), "more entries than the packet holds");
    for (std::uint64_t i = 0; i < n; ++i) {
      skip_value<typename V::key_type, rd::field_rule<>, L>(in);
      skip_value<typename V::mapped_type, element_rule_of_t<R>, L>(in);
    }
  } else if constexpr (k == vkind::set) {
    const auto n = in.varint_at_most(max_count<typename V::value_type>(in), "more elements than the packet holds");
    skip_elements<typename V::value_type, rd::field_rule<>, L>(in, n);
  } else if constexpr (k == vkind::sequence) {
    const auto n = in.varint_at_most(max_count<typename V::value_type>(in), "more elements than the packet holds");
    skip_elements<typename V::value_type, element_rule_of_t<R>, L>(in, n);
  } else if constexpr (k == vkind::array) {
    skip_elements<typename V::value_type, element_rule_of_t<R>, L>(in, std::tuple_size_v<V>);
  } else if constexpr (k == vkind::tuple) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (skip_value<std::tuple_element_t<I, V>, R, L>(in), ...);
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  }
}

template <layout L = layout::compact, class V, class R>
void get_value(trusted_reader& in, V& v, const R& r);

template <layout L, class V, class R, std::size_t I>
void get_alternative(trusted_reader& in, V& v, const R& r) {
  if (v.index() != I) v.template emplace<I>();
  get_value<L>(in, *std::get_if<I>(&v), r);
}

// Pass 2 of a whole value: reads into v what pass 1 checked. Fields that are ignored keep v's.
template <layout L, class V, class R>
void get_value(trusted_reader& in, V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  if constexpr (L == layout::fixed && bulk<V, R>()) {
    std::memcpy(static_cast<void*>(&v), in.p, sizeof(V));
    in.skip(sizeof(V));
  } else if constexpr (L == layout::fixed && bulk_sequence<V, R>()) {
    const auto n = static_cast<std::size_t>(in.varint());
    v.resize(n);
    if (n != 0) std::memcpy(static_cast<void*>(v.data()), in.p, n * sizeof(typename V::value_type));
    in.skip(n * sizeof(typename V::value_type));
  } else if constexpr (k == vkind::leaf) {
    get_leaf<L>(in, v, r);
  } else if constexpr (k == vkind::structure) {
    reconcile::detail::with_fields(v, [&](auto&... f) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((ignored<V, I> ? void() : get_value<L>(in, f, field_rule<V, I>())), ...);
      }(std::make_index_sequence<sizeof...(f)>{});
    });
  } else if constexpr (k == vkind::optional) {
    if (in.varint() == 0) {
      v.reset();
    } else {
      if (!v) v.emplace();
      get_value<L>(in, *v, r);
    }
  } else if constexpr (k == vkind::pointer) {
    if (in.varint() == 0) {
      v.reset();
    } else {  // never written through: a shared pointee may be seen by others
      auto* fresh = new std::remove_const_t<typename V::element_type>();
      v.reset(fresh);
      get_value<L>(in, *fresh, r);
    }
  } else if constexpr (k == vkind::variant) {
    const auto i = in.varint();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((i == I ? get_alternative<L, V, R, I>(in, v, r) : void()), ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    v.clear();
    const auto elem_rule = element_rule_of(r);
    for (auto n = in.varint(); n > 0; --n) {
      typename V::key_type key{};
      get_value<L>(in, key, rd::default_rule);
      typename V::mapped_type val{};
      get_value<L>(in, val, elem_rule);
      v.insert_or_assign(std::move(key), std::move(val));
    }
  } else if constexpr (k == vkind::set) {
    v.clear();
    for (auto n = in.varint(); n > 0; --n) {
      typename V::value_type e{};
      get_value<L>(in, e, rd::default_rule);
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
    const auto elem_rule = element_rule_of(r);
    for (auto& e : v) get_value<L>(in, e, elem_rule);
  } else if constexpr (k == vkind::array) {
    const auto elem_rule = element_rule_of(r);
    for (auto& e : v) get_value<L>(in, e, elem_rule);
  } else if constexpr (k == vkind::tuple) {
    std::apply([&](auto&... e) { (get_value<L>(in, e, r), ...); }, v);
  }
}

}  // namespace reconcile::wire::detail
