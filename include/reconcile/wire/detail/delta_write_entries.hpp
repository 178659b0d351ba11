// The entries of maps, keyed sequences and indexed sequences in the delta encoder
// (delta_write.hpp): one entry per element touched (two for an ordered sequence's element
// that changed and moved), each its key (or position gap) then a remove, a move with its
// anchor, an added value, or the element's changes inside; the entry count is inserted before
// the entries once known. A flat element (up to 6 fields, each replaced whole) is written in
// one pass over its changes (flat_fields). write_entries is delta_writer's base (CRTP): it
// reads the writer, the changes and the element encoder through it. Not public.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/wire/detail/delta_fits.hpp>
#include <reconcile/wire/detail/delta_format.hpp>
#include <reconcile/wire/detail/value.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace reconcile::wire::detail {

// A container element encoded by delta_writer::flat_fields: a fused struct whose mask and
// entry tag fit one byte (up to 6 fields), every field replaced whole (at most one change each).
template <class E, class ElemRule>
inline constexpr bool flat_element = [] {
  if constexpr (!fused_element<E, ElemRule>) {
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

template <class Writer>
struct write_entries {
  Writer& self() noexcept { return static_cast<Writer&>(*this); }
  const Writer& self() const noexcept { return static_cast<const Writer&>(*this); }
  auto& out() noexcept { return self().w; }
  const change& at(std::size_t i) const noexcept { return self().c[i]; }

  // The key of the changes under a container element at depth d (their segment d).
  template <class K>
  const K& key_at(std::size_t i, std::size_t d) const noexcept {
    return at(i).path()[d].template key<K>();
  }
  // One entry of a container: a single change at the element itself, or the run of changes
  // below it that share segment d (same(i, k): change k is under the same element as i).
  template <class Same>
  std::size_t entry_end(std::size_t i, std::size_t j, std::size_t d, Same same) const {
    if (at(i).path().size() == d + 1) return i + 1;
    std::size_t k = i + 1;
    while (k < j && at(k).path().size() > d + 1 && same(k)) ++k;
    return k;
  }
  // it)? For optional and pointer elements, whose own engage and reset are adds and removes
  // at the same place, the change says which it is.
  template <class E>
  static bool at_element(const change& ch, std::size_t d) {
    if (ch.path().size() > d + 1) return false;
    if constexpr (kind_v<E> == vkind::optional || kind_v<E> == vkind::pointer) return ch.element_op() || ch.op() == op::move;
    else return ch.op() != op::replace;
  }

  // An element that changed inside (the changes [i, j) below segment d, or one replacing it
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
      raw_writer r = out().reserve(10 + 1 + 10 * n);  // key, mask, n fields
      const unsigned char* last = r.p + 1 + 10 * n;  // room for a field while r.p <= last
      put_entry_key(r, key, previous);
      unsigned char* mask_p = r.p++;
      do {
        if (r.p > last) [[unlikely]] {  // a field with two changes: more room
          const std::size_t at = static_cast<std::size_t>(mask_p - out().at(0));
          out().resume(r);
          r = out().reserve(10 * n);
          last = r.p;
          mask_p = out().at(at);
        }
        const change& ch = at(e);
        const std::size_t f = ch.path()[d + 1].index();
        mask |= std::uint64_t{1} << f;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((f == I ? leaf_field<V, I>(r, ch) : void()), ...);
        }(std::make_index_sequence<n>{});
        ++e;
      } while (e < j && at(e).path().size() > d + 1 && same(e));
      out().resume(r);
      *mask_p = static_cast<unsigned char>(mask + bias);
      return e;
    } else {
      put_key(key, previous);
      const std::size_t mask_at = out().size();
      out().byte(0);
      do {
        const std::size_t f = at(e).path()[d + 1].index();
        mask |= std::uint64_t{1} << f;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          ((f == I ? self().template field<V, I>(e, e + 1, d + 2) : void()), ...);
        }(std::make_index_sequence<n>{});
        ++e;
      } while (e < j && at(e).path().size() > d + 1 && same(e));
      *out().at(mask_at) = static_cast<unsigned char>(mask + bias);
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
    put_entry_key(out(), key, previous);
  }
  template <class K>
  void put_anchor(const change& ch) {
    const K* a = ch.after().template get_if<K>();
    out().varint(a ? 1 : 0);
    if (a) put_value(out(), *a, rd::default_rule);
  }

  // Maps and keyed sequences: one entry per element touched (two for an ordered sequence's
  // element that changed and moved).
  template <class K, class E, class ElemRule>
  void keyed_entries(std::size_t i, std::size_t j, std::size_t d, const ElemRule& elem_rule, std::uint64_t bias, bool anchors) {
    const std::size_t count_at = out().size();  // the count goes here once known
    std::uint64_t count = 0;
    K previous{};
    for (std::size_t e = i; e < j; ++count) {
      const K& key = key_at<K>(e, d);
      const change& ch = at(e);
      if constexpr (flat_element<E, ElemRule>) {
        if (ch.path().size() > d + 1) {  // changes inside the element: its fields, in one pass
          e = flat_fields<E>(e, j, d, key, previous, bias, [&](std::size_t k) { return key_at<K>(k, d) == key; });
          continue;
        }
      }
      const std::size_t g = entry_end(e, j, d, [&](std::size_t k) { return key_at<K>(k, d) == key; });
      put_key(key, previous);
      if (!at_element<E>(ch, d)) {
        self().template element<E>(e, g, d, elem_rule, bias);
      } else if (ch.op() == op::remove) {
        out().varint(tag_remove);
      } else if (ch.op() == op::move) {
        out().varint(tag_move);
        put_anchor<K>(ch);
      } else {  // an add
        out().varint(tag_value);
        if (anchors) put_anchor<K>(ch);
        put_value(out(), ch.template to<E>(), elem_rule);
      }
      e = g;
    }
    out().insert_varint(count_at, count);
  }

  // Indexed sequences and arrays: entries by position.
  template <class E, class ElemRule>
  void positions(std::size_t i, std::size_t j, std::size_t d, const ElemRule& elem_rule) {
    const std::size_t count_at = out().size();  // the count goes here once known
    std::uint64_t count = 0;
    std::size_t next = 0;
    for (std::size_t e = i; e < j; ++count) {
      const change& ch = at(e);
      const std::size_t pos = ch.path()[d].index();
      const std::size_t g = entry_end(e, j, d, [&](std::size_t k) { return at(k).path()[d].index() == pos; });
      out().varint(zigzag(static_cast<std::int64_t>(pos - next)));
      next = pos + 1;
      if (!at_element<E>(ch, d)) {
        self().template element<E>(e, g, d, elem_rule, index_element);
      } else if (ch.op() == op::remove) {
        out().varint(tag_remove);
      } else {  // an add
        out().varint(tag_value);
        put_value(out(), ch.template to<E>(), elem_rule);
      }
      e = g;
    }
    out().insert_varint(count_at, count);
  }
};

}  // namespace reconcile::wire::detail
