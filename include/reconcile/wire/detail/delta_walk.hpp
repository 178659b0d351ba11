// The direct delta encoder behind wire::encode_delta: walks a baseline and a current value
// together, in declaration order, and writes what differs in the format of delta_format.hpp,
// the same bytes delta_writer writes for diff(baseline, current), with no changeset between.
// Each node is written speculatively and taken back (writer::rewind) when it turns out
// unchanged; a mask or count known only after its entries is inserted before them. Unchanged
// flat elements cost one memcmp (as in diff). Ordered keyed sequences and multisets are not
// walked (walkable<T> is false): encode_delta diffs those types into a changeset. Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/wire/detail/delta_read.hpp>

#include <cstddef>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <class V, class R, int D = 0>
constexpr bool walkable() {
  constexpr vkind k = kind_v<V>;
  if constexpr (D > 12 || replaced_whole<V, R> || k == vkind::leaf) {
    return true;  // recursive types: deeper levels are checked when reached at run time
  } else if constexpr (k == vkind::structure) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return ((ignored<V, I> || walkable<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>,
                                         field_rule_t<V, I>, D + 1>()) && ...);
    }(std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    return walkable<std::remove_cvref_t<decltype(*std::declval<const V&>())>, R, D + 1>();
  } else if constexpr (k == vkind::variant) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (walkable<std::variant_alternative_t<I, V>, R, D + 1>() && ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    return walkable<typename V::mapped_type, element_rule_of_t<R>, D + 1>();
  } else if constexpr (k == vkind::set) {
    return true;
  } else if constexpr (k == vkind::sequence && (ordered<R> || multiset<R>)) {
    return false;
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    return walkable<typename V::value_type, element_rule_of_t<R>, D + 1>();
  } else if constexpr (k == vkind::tuple) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (walkable<std::tuple_element_t<I, V>, R, D + 1>() && ...);
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  } else {
    return true;
  }
}

using no_rules_t = std::remove_cvref_t<decltype(reconcile::no_rules)>;

// A keyed sequence with a repeated key: diff refuses it too (apply finds elements by key).
template <class K>
[[noreturn]] void duplicate_key(const frame* at, const K& key, std::string_view member) {
  reconcile::path p;
  append_frames(p, at);
  p.push_back(reconcile::segment::key(key, member));
  std::string text = "reconcile::wire::encode_delta: duplicate key in keyed sequence at " + p.to_string();
#if defined(__cpp_exceptions)
  throw reconcile::error(std::move(p), text);
#else
  std::fprintf(stderr, "%s\n", text.c_str());
  std::abort();
#endif
}

template <class W>
struct delta_walker {
  W& w;

  // Writes the node of the delta from a to b, if they differ under r; returns whether it did.
  template <class V, class R>
  bool node(const V& a, const V& b, const R& r, const frame* at) {
    constexpr vkind k = kind_v<V>;
    if constexpr (replaced_whole<V, R>) {
      if (rd::eq_value(a, b, r, reconcile::no_rules)) return false;
      if constexpr (quantized<V, R>) put_quantized_delta(w, a, b, r);
      else if constexpr (number_delta<V>) put_number_delta(w, a, b);
      else put_value(w, b, r);
      return true;
    } else if constexpr (k == vkind::structure) {
      return fields(a, b, at, 0);
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*a)>;
      static_assert(kind_v<E> != vkind::optional && kind_v<E> != vkind::pointer,
                    "reconcile::wire::encode: an optional (or pointer) directly inside another is "
                    "ambiguous in a changeset; wrap the inner one in a struct");
      if (a && b) return tagged(tag_node, [&] { return node(static_cast<const E&>(*a), static_cast<const E&>(*b), r, at); });
      if (b) {
        w.varint(tag_value);
        put_value(w, static_cast<const E&>(*b), r);
        return true;
      }
      if (a) w.varint(tag_remove);
      return static_cast<bool>(a);
    } else if constexpr (k == vkind::variant) {
      if (a.index() != b.index()) {
        w.varint(0);
        put_value(w, b, r);
        return true;
      }
      return tagged(1, [&] {
        return std::visit([&](const auto& x) { return node(x, *std::get_if<std::remove_cvref_t<decltype(x)>>(&b), r, at); }, a);
      });
    } else if constexpr (k == vkind::map) {
      return map(a, b, r, at);
    } else if constexpr (k == vkind::sequence && keyed<R>) {
      return keyed_sequence<R::key>(a, b, r, at);
    } else if constexpr (k == vkind::set) {
      return set(a, b);
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      return positions(a, b, r, at);
    } else if constexpr (k == vkind::tuple) {
      return tuple(a, b, r, at, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // tag, then what f writes; both taken back when f writes nothing.
  template <class F>
  RECONCILE_DETAIL_WIRE_INLINE bool tagged(std::uint64_t tag, F f) {
    const std::size_t start = w.size();
    w.varint(tag);
    if (f()) return true;
    w.rewind(start);
    return false;
  }

  // A struct: its mask (plus bias, fused with an element tag), then its changed fields.
  template <class V>
  bool fields(const V& a, const V& b, const frame* at, std::uint64_t bias) {
    constexpr std::size_t n = field_count<V>;
    const std::size_t start = w.size();
    if constexpr (n <= 6) w.byte(0);  // one byte: filled in below
    field_mask<n> mask;
    rd::with_fields(a, [&](const auto&... fa) RECONCILE_DETAIL_INLINE_LAMBDA {
      rd::with_fields(b, [&](const auto&... fb) RECONCILE_DETAIL_INLINE_LAMBDA {
        [&]<std::size_t... I>(std::index_sequence<I...>) RECONCILE_DETAIL_INLINE_LAMBDA {
          ((field<V, I>(fa, fb, at) ? mask.set(I) : void()), ...);
        }(std::make_index_sequence<n>{});
      });
    });
    bool any = false;
    for (std::uint64_t word : mask.bits) any = any || word != 0;
    if (!any) {
      w.rewind(start);
      return false;
    }
    if constexpr (n <= 6) {
      *w.at(start) = static_cast<unsigned char>(mask.bits[0] + bias);
    } else {
      unsigned char head[10 * (field_mask<n>::words + 1)];
      unsigned char* p = head;
      if (bias != 0 && field_mask<n>::fusable) {
        p = put_varint(p, mask.bits[0] + bias);
      } else {
        if (bias != 0) p = put_varint(p, bias);
        for (std::uint64_t word : mask.bits) p = put_varint(p, word);
      }
      w.insert(start, head, static_cast<std::size_t>(p - head));
    }
    return true;
  }
  template <class V, std::size_t I, class F>
  RECONCILE_DETAIL_WIRE_INLINE bool field(const F& a, const F& b, const frame* at) {
    if constexpr (ignored<V, I>) {
      return false;
    } else if constexpr (replaced_whole<F, field_rule_t<V, I>>) {
      return node(a, b, field_rule<V, I>(), at);  // a leaf needs no frame: it names no key
    } else {
      const frame f = field_frame(at, I, field_name<V, I>);
      return node(a, b, field_rule<V, I>(), &f);
    }
  }

  // A container element that may have changed inside: a fused struct mask, or the node tag
  // and the node.
  template <class E, class ER>
  RECONCILE_DETAIL_WIRE_INLINE bool element(const E& a, const E& b, const ER& er, std::uint64_t bias, const frame* at) {
    if constexpr (fused_element<E, ER>) {
      if constexpr (rd::bytes_imply_equal<E, no_rules_t>())
        if (rd::same_bytes(a, b)) return false;  // an unchanged element: one memcmp
      return fields(a, b, at, bias);
    } else {
      return tagged(tag_node, [&] { return node(a, b, er, at); });
    }
  }

  template <class K>
  void put_key(const K& key, K& previous) {
    put_entry_key(w, key, previous);
  }
  // One entry of a keyed container whose element may have changed: its key, then the element;
  // both taken back when it did not.
  template <class K, class E, class ER>
  bool keyed_entry(const K& key, K& previous, const E& a, const E& b, const ER& er, std::uint64_t bias,
                   std::string_view member, const frame* at) {
    const std::size_t start = w.size();
    const K before = previous;
    put_key(key, previous);
    const frame f = key_frame(at, key, segment_kind::key, member);
    if (element(a, b, er, bias, &f)) return true;
    w.rewind(start);
    previous = before;
    return false;
  }
  template <class K>
  void removed_entry(const K& key, K& previous) {
    put_key(key, previous);
    w.varint(tag_remove);
  }
  template <class K, class E, class ER>
  void added_entry(const K& key, K& previous, const E& e, const ER& er) {
    put_key(key, previous);
    w.varint(tag_value);
    put_value(w, e, er);
  }
  // Closes a container's entries: their count before them, or nothing when there are none.
  bool close(std::size_t count_at, std::uint64_t count) {
    if (count == 0) return false;
    w.insert_varint(count_at, count);
    return true;
  }

  template <class V, class R>
  bool map(const V& a, const V& b, const R& r, const frame* at) {
    using K = typename V::key_type;
    const auto er = element_rule_of(r);
    const std::size_t count_at = w.size();
    std::uint64_t count = 0;
    K previous{};
    if constexpr (rd::is_sorted_assoc<V>::value) {
      auto ia = a.begin(), ib = b.begin();
      const auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && less(ia->first, ib->first))) {
          removed_entry(ia->first, previous), ++count, ++ia;
        } else if (ia == a.end() || less(ib->first, ia->first)) {
          added_entry(ib->first, previous, ib->second, er), ++count, ++ib;
        } else {
          count += keyed_entry(ia->first, previous, ia->second, ib->second, er, map_element, {}, at);
          ++ia, ++ib;
        }
      }
    } else {
      for (const auto& [key, val] : a) {
        const auto it = b.find(key);
        if (it == b.end()) removed_entry(key, previous), ++count;
        else count += keyed_entry(key, previous, val, it->second, er, map_element, {}, at);
      }
      for (const auto& [key, val] : b)
        if (!a.contains(key)) added_entry(key, previous, val, er), ++count;
    }
    return close(count_at, count);
  }

  // Are the keys of s strictly increasing (so unique)?
  template <auto Key, class V>
  static bool increasing(const V& s) {
    auto it = s.begin();
    if (it == s.end()) return true;
    for (auto next = std::next(it); next != s.end(); ++it, ++next)
      if (!((*it).*Key < (*next).*Key)) return false;
    return true;
  }

  template <auto Key, class V, class R>
  bool keyed_sequence(const V& a, const V& b, const R& r, const frame* at) {
    using K = rd::member_of<Key>;
    constexpr std::string_view member = key_name<Key>();
    const auto er = element_rule_of(r);
    const std::size_t count_at = w.size();
    std::uint64_t count = 0;
    K previous{};
    auto ia = a.begin();
    auto ib = b.begin();
    // Steady state: both sides list the same keys in the same order; no index needed.
    for (; ia != a.end() && ib != b.end() && rd::plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib)
      count += keyed_entry((*ia).*Key, previous, *ia, *ib, er, keyed_element, member, at);
    if (ia == a.end() && ib == b.end()) {
      if (count != 0)
        if (const K* k = rd::first_duplicate<Key>(a)) duplicate_key(at, *k, member);
      return close(count_at, count);
    }
    // The rest is out of step. Keys in increasing order on both sides (ids handed out in
    // order: the usual case) are merged, with no index: first a's entries (removes and
    // changes) in a's order, then b's adds in b's order, as diff lists them.
    if constexpr (requires(const K& k) { { k < k } -> std::convertible_to<bool>; }) {
      if (increasing<Key>(a) && increasing<Key>(b)) {
        auto ja = ia, jb = ib;
        while (ja != a.end()) {
          if (jb == b.end() || (*ja).*Key < (*jb).*Key) {
            removed_entry((*ja).*Key, previous), ++count, ++ja;
          } else if ((*jb).*Key < (*ja).*Key) {
            ++jb;
          } else {
            count += keyed_entry((*ja).*Key, previous, *ja, *jb, er, keyed_element, member, at);
            ++ja, ++jb;
          }
        }
        for (ja = ia; ib != b.end(); ++ib) {
          while (ja != a.end() && (*ja).*Key < (*ib).*Key) ++ja;
          if (ja == a.end() || (*ib).*Key < (*ja).*Key) added_entry((*ib).*Key, previous, *ib, er), ++count;
        }
        return close(count_at, count);
      }
    }
    // Otherwise matched by key through an index, as diff matches it.
    rd::key_index<Key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
    if (ai.duplicate()) duplicate_key(at, *ai.duplicate(), member);
    if (bi.duplicate()) duplicate_key(at, *bi.duplicate(), member);
    for (; ia != a.end(); ++ia) {
      const auto* y = bi.find((*ia).*Key);
      if (!y) removed_entry((*ia).*Key, previous), ++count;
      else count += keyed_entry((*ia).*Key, previous, *ia, *y, er, keyed_element, member, at);
    }
    for (; ib != b.end(); ++ib)
      if (!ai.find((*ib).*Key)) added_entry((*ib).*Key, previous, *ib, er), ++count;
    return close(count_at, count);
  }

  template <class V>
  bool set(const V& a, const V& b) {
    const std::size_t count_at = w.size();
    std::uint64_t count = 0;
    auto entry = [&](std::uint64_t tag, const typename V::value_type& e) {
      w.varint(tag);
      put_value(w, e, rd::default_rule);
      ++count;
    };
    if constexpr (rd::is_sorted_assoc<V>::value) {
      auto ia = a.begin(), ib = b.begin();
      const auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && less(*ia, *ib))) entry(tag_remove, *ia++);
        else if (ia == a.end() || less(*ib, *ia)) entry(tag_value, *ib++);
        else ++ia, ++ib;
      }
    } else {
      for (const auto& e : a)
        if (!b.contains(e)) entry(tag_remove, e);
      for (const auto& e : b)
        if (!a.contains(e)) entry(tag_value, e);
    }
    return close(count_at, count);
  }

  // Indexed sequences and arrays: element-wise over the common prefix, then adds at the tail
  // or removes from it.
  template <class V, class R>
  bool positions(const V& a, const V& b, const R& r, const frame* at) {
    const auto er = element_rule_of(r);
    const std::size_t count_at = w.size();
    std::uint64_t count = 0;
    std::size_t next = 0, i = 0;
    auto gap = [&] { w.varint(zigzag(static_cast<std::int64_t>(i - next))); };
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib, ++i) {
      const std::size_t start = w.size();
      gap();
      const frame f = position_frame(at, i);
      if (element(*ia, *ib, er, index_element, &f)) next = i + 1, ++count;
      else w.rewind(start);
    }
    if constexpr (kind_v<V> == vkind::sequence) {
      for (; ib != b.end(); ++ib, ++i, ++count) {
        gap();
        next = i + 1;
        w.varint(tag_value);
        put_value(w, *ib, er);
      }
      for (; ia != a.end(); ++ia, ++i, ++count) {
        gap();
        next = i + 1;
        w.varint(tag_remove);
      }
    }
    return close(count_at, count);
  }

  template <class V, class R, std::size_t... I>
  bool tuple(const V& a, const V& b, const R& r, const frame* at, std::index_sequence<I...>) {
    const std::size_t start = w.size();
    field_mask<sizeof...(I)> mask;
    auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
      const frame f = position_frame(at, J);
      if (node(std::get<J>(a), std::get<J>(b), r, &f)) mask.set(J);
    };
    (one(std::integral_constant<std::size_t, I>{}), ...);
    bool any = false;
    for (std::uint64_t word : mask.bits) any = any || word != 0;
    if (!any) return false;
    unsigned char head[10 * field_mask<sizeof...(I)>::words];
    unsigned char* p = head;
    for (std::uint64_t word : mask.bits) p = put_varint(p, word);
    w.insert(start, head, static_cast<std::size_t>(p - head));
    return true;
  }
};

}  // namespace reconcile::wire::detail
