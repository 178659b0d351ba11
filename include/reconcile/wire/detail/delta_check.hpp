// Pass 1 of a delta decode: check_node reads the delta of a V with every read checked and
// finds every element it names in v (which it never writes); a failure throws wire_error
// naming the path being read. Not public.
#pragma once

#include <reconcile/wire/detail/delta_read.hpp>

namespace reconcile::wire::detail {

[[noreturn]] inline void missing(checked_reader& in, std::string_view what) {
  in.fail(errc::mismatch, what);
}

template <class K>
RECONCILE_DETAIL_WIRE_INLINE inline void check_key(checked_reader& in, K& key, K& previous) {
  if constexpr (delta_key<K>) {
    const auto sum = static_cast<std::uint64_t>(previous) + static_cast<std::uint64_t>(unzigzag(in.varint()));
    if constexpr (std::is_signed_v<K>) {
      const auto s = static_cast<std::int64_t>(sum);
      if (s < static_cast<std::int64_t>(std::numeric_limits<K>::min()) || s > static_cast<std::int64_t>(std::numeric_limits<K>::max()))
        in.fail(errc::malformed, "a key out of its type's range");
    } else if (sum > static_cast<std::uint64_t>(std::numeric_limits<K>::max())) {
      in.fail(errc::malformed, "a key out of its type's range");
    }
    previous = key = static_cast<K>(sum);
  } else {
    read_checked(in, key);
  }
}
template <class K>
void check_anchor(checked_reader& in) {
  if (in.varint_at_most(1, "an anchor tag other than 0 or 1") == 1) skip_value<K, rd::field_rule<>>(in);
}

template <auto Key, class V, class R>
void check_keyed(checked_reader& in, const V& v, const R& r) {
  using E = typename V::value_type;
  using K = rd::member_of<Key>;
  const auto elem_rule = element_rule_of(r);
  const auto n = in.varint_at_most(in.left() / 2, "more entries than the packet holds");
  cursor<Key> find;
  K key{}, previous{};
  const frame* container = in.at;
  const frame f = key_frame(container, key, segment_kind::key, key_name<Key>());  // names `key` as it is read
  frame_guard g(in, f);
  for (std::uint64_t i = 0; i < n; ++i) {
    in.at = container;
    check_key(in, key, previous);
    in.at = &f;
    const std::uint64_t tag = in.varint();
    if (tag == tag_value) {
      if constexpr (ordered<R>) check_anchor<K>(in);
      skip_value<E, element_rule_of_t<R>>(in);
      continue;
    }
    const std::size_t at = find.find(v, key);
    if (at == v.size()) missing(in, "the target has no element of this key");
    in.note_found(at);  // pass 2 goes straight there (apply_keyed)
    if (tag == tag_remove) continue;
    if (tag == tag_move) {
      if (!ordered<R>) in.fail(errc::malformed, "a move in a sequence whose order does not count");
      check_anchor<K>(in);
    } else if (tag < element_tag<E, decltype(elem_rule)>(keyed_element) || (!fused_element<E, decltype(elem_rule)> && tag != tag_node)) {
      in.fail(errc::malformed, "an element tag no encoder writes");
    } else {
      check_element(in, *nth(v, at), elem_rule, tag, keyed_element);
    }
  }
}

template <class V, class R>
void check_map(checked_reader& in, const V& v, const R& r) {
  using M = typename V::mapped_type;
  const auto elem_rule = element_rule_of(r);
  const auto n = in.varint_at_most(in.left() / 2, "more entries than the packet holds");
  typename V::key_type key{}, previous{};
  const frame* container = in.at;
  const frame f = key_frame(container, key);  // names `key` as it is read
  frame_guard g(in, f);
  for (std::uint64_t i = 0; i < n; ++i) {
    in.at = container;
    check_key(in, key, previous);
    in.at = &f;
    const std::uint64_t tag = in.varint();
    if (tag == tag_value) {
      skip_value<M, element_rule_of_t<R>>(in);
      continue;
    }
    const auto it = v.find(key);
    if (it == v.end()) missing(in, "the target has no entry of this key");
    if (tag != tag_remove) check_element(in, it->second, elem_rule, tag, map_element);
  }
}

template <class V, class R>
void check_positions(checked_reader& in, const V& v, const R& r) {
  using E = typename V::value_type;
  constexpr bool growable = kind_v<V> == vkind::sequence;
  const auto elem_rule = element_rule_of(r);
  const auto n = in.varint_at_most(in.left() / 2, "more entries than the packet holds");
  const std::size_t size = static_cast<std::size_t>(std::distance(v.begin(), v.end()));
  std::size_t running = size, next = 0;
  const frame* container = in.at;
  frame f = position_frame(container, 0);
  frame_guard g(in, f);
  for (std::uint64_t i = 0; i < n; ++i) {
    in.at = container;
    const auto pos = static_cast<std::size_t>(static_cast<std::uint64_t>(next) + static_cast<std::uint64_t>(unzigzag(in.varint())));
    next = pos + 1;
    f.index = pos;
    in.at = &f;
    const std::uint64_t tag = in.varint();
    if (tag == tag_remove || tag == tag_value) {
      if (!growable) in.fail(errc::malformed, "an add or remove in a fixed-size array");
      if (tag == tag_remove) {  // cuts the tail from pos; the next removes fall inside it
        if (pos >= size) missing(in, "removes past the end of the target");
        if (pos < running) running = pos;
      } else {  // sets element pos, or appends
        if (pos > running) missing(in, "an add past the end of the target");
        skip_value<E, element_rule_of_t<R>>(in);
        if (pos == running) ++running;
      }
    } else {
      if (pos >= running || pos >= size) missing(in, "a position past the end of the target");
      check_element(in, *nth(v, pos), elem_rule, tag, index_element);
    }
  }
}

template <class V, class R>
void check_node(checked_reader& in, const V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  if constexpr (!replaced_whole<V, R>)  // a value replaced whole nests no delta
    if (in.depth() > max_depth) in.fail(errc::malformed, "values nested deeper than reconcile::wire reads");
  if constexpr (replaced_whole<V, R>) {
    if constexpr (quantized<V, R>) in.varint();
    else if constexpr (number_delta<V>) check_number_delta(in, v);
    else skip_value<V, R>(in);
  } else if constexpr (k == vkind::structure) {
    check_struct(in, v, 0, 0);
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    using E = std::remove_cvref_t<decltype(*v)>;
    const auto tag = in.varint_at_most(tag_node, "an optional's tag no encoder writes");
    if (tag == tag_value) skip_value<E, R>(in);
    else if (!v) missing(in, "the target's optional is empty");
    else if (tag == tag_node) check_node(in, static_cast<const E&>(*v), r);
  } else if constexpr (k == vkind::variant) {
    if (in.varint_at_most(1, "a variant's tag no encoder writes") == 0) skip_value<V, R>(in);
    else std::visit([&](const auto& x) { check_node(in, x, r); }, v);
  } else if constexpr (k == vkind::map) {
    check_map(in, v, r);
  } else if constexpr (k == vkind::sequence && keyed<R>) {
    check_keyed<R::key>(in, v, r);
  } else if constexpr (k == vkind::set) {
    const auto n = in.varint_at_most(in.left() / 2, "more entries than the packet holds");
    typename V::value_type e{};
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto tag = in.varint_at_most(tag_value, "a set entry's tag no encoder writes");
      read_checked(in, e);
      if (tag == tag_remove && !v.contains(e)) missing(in, "the target's set lacks this element");
    }
  } else if constexpr (k == vkind::sequence && multiset<R>) {
    const auto n = in.varint_at_most(in.left() / 2, "more entries than the packet holds");
    for (std::uint64_t i = 0; i < n; ++i) {
      skip_value<typename V::value_type, element_rule_of_t<R>>(in);
      in.varint_at_most(std::uint64_t{1} << 20, "a multiset count past 2^20");
    }
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    check_positions(in, v, r);
  } else if constexpr (k == vkind::tuple) {
    constexpr std::size_t n = std::tuple_size_v<V>;
    const auto m = check_mask<n>(in, 0, 0);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((m.test(I) ? check_node(in, std::get<I>(v), r) : void()), ...);
    }(std::make_index_sequence<n>{});
  }
}

}  // namespace reconcile::wire::detail
