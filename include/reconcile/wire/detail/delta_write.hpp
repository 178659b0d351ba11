// The delta encoder: a changeset, read through its public accessors only (op, path, from/to,
// count, after, new_value().holds, element_op), written in the format of delta_format.hpp.
// Changes arrive in declaration order, so the changes under one node are consecutive: node()
// encodes the changes [i, j), whose paths share their first d segments, as the node of type
// V there.
// Cost: each change is visited about once per level of its path (to find where a field's or
// an element's changes end: not for a struct's last field, nor a field replaced whole, which
// has one change), then written once; a container's entry count is inserted before its
// entries once they are written (a memmove of what follows). Not public.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/wire/detail/delta_fits.hpp>
#include <reconcile/wire/detail/delta_format.hpp>
#include <reconcile/wire/detail/value.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

// A container element encoded by delta_writer::flat_fields: a fused struct whose mask and
// entry tag fit one byte (up to 6 fields), every field replaced whole (at most one change each).
template <class E, class ER>
inline constexpr bool flat_element = [] {
  if constexpr (!fused_element<E, ER>) {
    return false;
  } else if constexpr (field_count<E> == 0 || field_count<E> > 6) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (replaced_whole<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<E&>()))>, field_rule_t<E, I>> && ...);
    }(std::make_index_sequence<field_count<E>>{});
  }
}();

// A struct whose fields each take at most one varint in a delta: numbers replaced whole (sent
// as their change: a varint), quantized or not, and ignored fields (nothing).
template <class V>
inline constexpr bool varint_fields = []<std::size_t... I>(std::index_sequence<I...>) {
  return ((ignored<V, I> || (replaced_whole<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>, field_rule_t<V, I>> &&
                             number_delta<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>>)) &&
          ...);
}(std::make_index_sequence<field_count<V>>{});

template <class W>
struct delta_writer {
  W& w;
  const change* c;

  // The key of the changes under a container element at depth d (their segment d).
  template <class K>
  const K& key_at(std::size_t i, std::size_t d) const noexcept {
    return c[i].path()[d].template key<K>();
  }
  // One entry of a container: a single change at the element itself, or the run of changes
  // below it that share segment d (same(i, k): change k is under the same element as i).
  template <class Same>
  std::size_t entry_end(std::size_t i, std::size_t j, std::size_t d, Same same) const {
    if (c[i].path().size() == d + 1) return i + 1;
    std::size_t k = i + 1;
    while (k < j && c[k].path().size() > d + 1 && same(k)) ++k;
    return k;
  }
  template <class V, class R>
  void node(std::size_t i, std::size_t j, std::size_t d, const R& r) {
    constexpr vkind k = kind_v<V>;
    if constexpr (replaced_whole<V, R>) {
      if constexpr (quantized<V, R>) put_quantized_delta(w, c[i].template from<V>(), c[i].template to<V>(), r);
      else if constexpr (number_delta<V>) put_number_delta(w, c[i].template from<V>(), c[i].template to<V>());
      else put_value(w, c[i].template to<V>(), r);
    } else if constexpr (k == vkind::structure) {
      fields<V>(i, j, d, 0);
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*std::declval<const V&>())>;
      static_assert(kind_v<E> != vkind::optional && kind_v<E> != vkind::pointer,
                    "reconcile::wire::encode: an optional (or pointer) directly inside another is "
                    "ambiguous in a changeset; wrap the inner one in a struct");
      const change& first = c[i];
      if (first.path().size() == d && first.op() == op::remove) {
        w.varint(tag_remove);
      } else if (first.path().size() == d && first.op() == op::add) {
        w.varint(tag_value);
        put_value(w, first.template to<E>(), r);
      } else {
        w.varint(tag_node);
        node<E>(i, j, d, r);
      }
    } else if constexpr (k == vkind::variant) {
      if (c[i].path().size() == d && c[i].new_value().template holds<V>()) {
        w.varint(0);
        put_value(w, c[i].template to<V>(), r);
      } else {
        w.varint(1);
        alternative<V>(i, j, d, r, std::make_index_sequence<std::variant_size_v<V>>{});
      }
    } else if constexpr (k == vkind::map) {
      keyed_entries<typename V::key_type, typename V::mapped_type>(i, j, d, element_rule_of(r), map_element, false);
    } else if constexpr (k == vkind::sequence && keyed<R>) {
      using K = reconcile::detail::member_of<R::key>;
      keyed_entries<K, typename V::value_type>(i, j, d, element_rule_of(r), keyed_element, ordered<R>);
    } else if constexpr (k == vkind::set) {
      w.varint(j - i);
      for (std::size_t e = i; e < j; ++e) {
        w.varint(c[e].op() == op::add ? tag_value : tag_remove);
        put_value(w, key_at<typename V::value_type>(e, d), rd::default_rule);
      }
    } else if constexpr (k == vkind::sequence && multiset<R>) {
      w.varint(j - i);
      const auto er = element_rule_of(r);
      for (std::size_t e = i; e < j; ++e) {
        put_value(w, c[e].template to<typename V::value_type>(), er);
        w.varint(c[e].count());
      }
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      positions<typename V::value_type>(i, j, d, element_rule_of(r));
    } else if constexpr (k == vkind::tuple) {
      tuple_fields<V>(i, j, d, r, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // A struct's mask (plus bias: fused with an entry tag), then its changed fields in order.
  // Structs of up to 6 fields (mask plus any bias below 128: one byte) are written in one
  // pass, the mask byte filled in last; wider ones scan their changes for the mask first.
  template <class V>
  void fields(std::size_t i, std::size_t j, std::size_t d, std::uint64_t bias) {
    constexpr std::size_t n = field_count<V>;
    constexpr bool one_byte = n <= 6;
    field_mask<n> mask;
    std::size_t mask_at = 0;
    if constexpr (one_byte) {
      mask_at = w.size();
      w.byte(0);
    } else {
      for (std::size_t e = i; e < j; ++e) mask.set(c[e].path()[d].index());
      put_mask(mask, bias);
    }
    for (std::size_t e = i; e < j;) {
      const std::size_t f = c[e].path()[d].index();
      const std::size_t g = field_end<V>(e, j, d, f);
      if constexpr (one_byte) mask.set(f);
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((f == I ? field<V, I>(e, g, d + 1) : void()), ...);
      }(std::make_index_sequence<n>{});
      e = g;
    }
    if constexpr (one_byte) *w.at(mask_at) = static_cast<unsigned char>(mask.bits[0] + bias);
  }
  // The end of field f's changes, which start at i: a field replaced whole has one change, and
  // the last field has all those left; others are scanned for.
  template <class V>
  std::size_t field_end(std::size_t i, std::size_t j, std::size_t d, std::size_t f) const {
    constexpr std::size_t n = field_count<V>;
    static constexpr auto one_change = []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<bool, n + 1>{replaced_whole<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>,
                                                    field_rule_t<V, I>>...,
                                     false};
    }(std::make_index_sequence<n>{});
    if (f >= n - 1) return j;  // the last field (or none: n == 0)
    if (one_change[f]) return i + 1;
    std::size_t g = i + 1;
    while (g < j && c[g].path()[d].index() == f) ++g;
    return g;
  }
  template <class V, std::size_t I>
  void field(std::size_t i, std::size_t j, std::size_t d) {
    if constexpr (!ignored<V, I>)
      node<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>>(i, j, d, field_rule<V, I>());
  }
  template <std::size_t N>
  void put_mask(const field_mask<N>& mask, std::uint64_t bias) {
    if (bias != 0 && field_mask<N>::fusable) {
      w.varint(mask.bits[0] + bias);
      return;
    }
    if (bias != 0) w.varint(bias);
    for (std::uint64_t b : mask.bits) w.varint(b);
  }

  template <class V, class R, std::size_t... I>
  void alternative(std::size_t i, std::size_t j, std::size_t d, const R& r, std::index_sequence<I...>) {
    (void)((fits<std::variant_alternative_t<I, V>, R>(c[i], d) ? (node<std::variant_alternative_t<I, V>>(i, j, d, r), true)
                                                               : false) ||
           ...);
  }

  template <class V, class R, std::size_t... I>
  void tuple_fields(std::size_t i, std::size_t j, std::size_t d, const R& r, std::index_sequence<I...>) {
    field_mask<sizeof...(I)> mask;
    for (std::size_t e = i; e < j; ++e) mask.set(c[e].path()[d].index());
    put_mask(mask, 0);
    for (std::size_t e = i; e < j;) {
      const std::size_t f = c[e].path()[d].index();
      std::size_t g = e + 1;
      while (g < j && c[g].path()[d].index() == f) ++g;
      ((f == I ? node<std::tuple_element_t<I, V>>(e, g, d + 1, r) : void()), ...);
      e = g;
    }
  }

  // Is ch an add, remove or move of the container element at segment d (not a change inside
  // it)? For optional and pointer elements, whose own engage and reset are adds and removes
  // at the same place, the change says which it is.
  template <class E>
  static bool at_element(const change& ch, std::size_t d) {
    if (ch.path().size() > d + 1) return false;
    if constexpr (kind_v<E> == vkind::optional || kind_v<E> == vkind::pointer) return ch.element_op() || ch.op() == op::move;
    else return ch.op() != op::replace;
  }

  // An element that changed inside (the changes [i, j) below segment d, or one replacing it
  // whole): a fused struct mask, or the node tag and the node.
  template <class E, class ER>
  void element(std::size_t i, std::size_t j, std::size_t d, const ER& er, std::uint64_t bias) {
    if constexpr (fused_element<E, ER>) {
      fields<E>(i, j, d + 1, bias);
    } else {
      w.varint(tag_node);
      node<E>(i, j, d + 1, er);
    }
  }

  // A flat element (flat_element) whose changes start at i, below segment d: its key, the
  // fused mask byte, then each changed field's value, in one pass over its changes (same(k):
  // change k is under the same element). The bytes of put_key + element() after entry_end(),
  // without the separate scan for the entry's end. Where the key and every field take at most
  // a varint each (integral key; numbers, quantized or not), through a raw_writer: room for
  // one element is made once, not per value. Returns the end of the element's changes.
  template <class V, class K, class Same>
  RECONCILE_DETAIL_WIRE_INLINE std::size_t flat_fields(std::size_t i, std::size_t j, std::size_t d, const K& key, K& previous, std::uint64_t bias,
                          Same same) {
    constexpr std::size_t n = field_count<V>;
    std::uint64_t mask = 0;
    std::size_t e = i;
    if constexpr (delta_key<K> && varint_fields<V>) {
      raw_writer r = w.reserve(10 + 1 + 10 * n);  // key, mask, n fields
      const unsigned char* last = r.p + 1 + 10 * n;  // room for a field while r.p <= last
      put_entry_key(r, key, previous);
      unsigned char* mask_p = r.p++;
      do {
        if (r.p > last) [[unlikely]] {  // a field with two changes: more room
          const std::size_t at = static_cast<std::size_t>(mask_p - w.at(0));
          w.resume(r);
          r = w.reserve(10 * n);
          last = r.p;
          mask_p = w.at(at);
        }
        const change& ch = c[e];
        const std::size_t f = ch.path()[d + 1].index();
        mask |= std::uint64_t{1} << f;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((f == I ? leaf_field<V, I>(r, ch) : void()), ...);
        }(std::make_index_sequence<n>{});
        ++e;
      } while (e < j && c[e].path().size() > d + 1 && same(e));
      w.resume(r);
      *mask_p = static_cast<unsigned char>(mask + bias);
      return e;
    } else {
      put_key(key, previous);
      const std::size_t mask_at = w.size();
      w.byte(0);
      do {
        const std::size_t f = c[e].path()[d + 1].index();
        mask |= std::uint64_t{1} << f;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((f == I ? field<V, I>(e, e + 1, d + 2) : void()), ...);
        }(std::make_index_sequence<n>{});
        ++e;
      } while (e < j && c[e].path().size() > d + 1 && same(e));
      *w.at(mask_at) = static_cast<unsigned char>(mask + bias);
      return e;
    }
  }
  // Field I of V, a number replaced whole (or ignored), from change ch: node() on any writer.
  template <class V, std::size_t I, class Wr>
  RECONCILE_DETAIL_WIRE_INLINE static void leaf_field(Wr& out, const change& ch) {
    if constexpr (!ignored<V, I>) {
      using F = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>;
      const value_ref from = ch.old_value(), to = ch.new_value();  // (from<F>(), to<F>(), as inline reads)
      if constexpr (quantized<F, field_rule_t<V, I>>) put_quantized_delta(out, from.get<F>(), to.get<F>(), field_rule<V, I>());
      else put_number_delta(out, from.get<F>(), to.get<F>());
    }
  }

  template <class K>
  void put_key(const K& key, K& previous) {
    put_entry_key(w, key, previous);
  }
  template <class K>
  void put_anchor(const change& ch) {
    const K* a = ch.after().template get_if<K>();
    w.varint(a ? 1 : 0);
    if (a) put_value(w, *a, rd::default_rule);
  }

  // Maps and keyed sequences: one entry per element touched (two for an ordered sequence's
  // element that changed and moved).
  template <class K, class E, class ER>
  void keyed_entries(std::size_t i, std::size_t j, std::size_t d, const ER& er, std::uint64_t bias, bool anchors) {
    const std::size_t count_at = w.size();  // the count goes here once known
    std::uint64_t count = 0;
    K previous{};
    for (std::size_t e = i; e < j; ++count) {
      const K& key = key_at<K>(e, d);
      const change& ch = c[e];
      if constexpr (flat_element<E, ER>) {
        if (ch.path().size() > d + 1) {  // changes inside the element: its fields, in one pass
          e = flat_fields<E>(e, j, d, key, previous, bias, [&](std::size_t k) { return key_at<K>(k, d) == key; });
          continue;
        }
      }
      const std::size_t g = entry_end(e, j, d, [&](std::size_t k) { return key_at<K>(k, d) == key; });
      put_key(key, previous);
      if (!at_element<E>(ch, d)) {
        element<E>(e, g, d, er, bias);
      } else if (ch.op() == op::remove) {
        w.varint(tag_remove);
      } else if (ch.op() == op::move) {
        w.varint(tag_move);
        put_anchor<K>(ch);
      } else {  // an add
        w.varint(tag_value);
        if (anchors) put_anchor<K>(ch);
        put_value(w, ch.template to<E>(), er);
      }
      e = g;
    }
    w.insert_varint(count_at, count);
  }

  // Indexed sequences and arrays: entries by position.
  template <class E, class ER>
  void positions(std::size_t i, std::size_t j, std::size_t d, const ER& er) {
    const std::size_t count_at = w.size();  // the count goes here once known
    std::uint64_t count = 0;
    std::size_t next = 0;
    for (std::size_t e = i; e < j; ++count) {
      const change& ch = c[e];
      const std::size_t pos = ch.path()[d].index();
      const std::size_t g = entry_end(e, j, d, [&](std::size_t k) { return c[k].path()[d].index() == pos; });
      w.varint(zigzag(static_cast<std::int64_t>(pos - next)));
      next = pos + 1;
      if (!at_element<E>(ch, d)) {
        element<E>(e, g, d, er, index_element);
      } else if (ch.op() == op::remove) {
        w.varint(tag_remove);
      } else {  // an add
        w.varint(tag_value);
        put_value(w, ch.template to<E>(), er);
      }
      e = g;
    }
    w.insert_varint(count_at, count);
  }
};

}  // namespace reconcile::wire::detail
