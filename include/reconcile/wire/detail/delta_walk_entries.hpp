// The entries of a container in the direct delta encoder (delta_walk.hpp): maps, keyed
// sequences, sets and indexed sequences are walked entry by entry, each entry written as its
// key or position gap, then a remove, an added value, or the element's changed inside (taken
// back when it turned out unchanged), and the container's entry count inserted before its
// entries once known. Keyed sequences in the same order on both sides, or with increasing keys,
// are merged without an index; others are matched through key_index, as diff matches them.
// walk_entries is delta_walker's base (CRTP): it reads the writer and the element walk
// through it. Not public.
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
#include <utility>

namespace reconcile::wire::detail {

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

template <class Walker>
struct walk_entries {
  Walker& self() noexcept { return static_cast<Walker&>(*this); }
  auto& out() noexcept { return self().w; }

  template <class K>
  void put_key(const K& key, K& previous) {
    put_entry_key(out(), key, previous);
  }
  // One entry of a keyed container whose element may have changed: its key, then the element;
  // both taken back when it did not.
  template <class K, class E, class ElemRule>
  bool keyed_entry(const K& key, K& previous, const E& a, const E& b, const ElemRule& elem_rule, std::uint64_t bias,
                   std::string_view member, const frame* at) {
    const std::size_t start = out().size();
    const K before = previous;
    put_key(key, previous);
    const frame f = key_frame(at, key, segment_kind::key, member);
    if (self().element(a, b, elem_rule, bias, &f)) return true;
    out().rewind(start);
    previous = before;
    return false;
  }
  template <class K>
  void removed_entry(const K& key, K& previous) {
    put_key(key, previous);
    out().varint(tag_remove);
  }
  template <class K, class E, class ElemRule>
  void added_entry(const K& key, K& previous, const E& e, const ElemRule& elem_rule) {
    put_key(key, previous);
    out().varint(tag_value);
    put_value(out(), e, elem_rule);
  }
  // Closes a container's entries: their count before them, or nothing when there are none.
  bool close(std::size_t count_at, std::uint64_t count) {
    if (count == 0) return false;
    out().insert_varint(count_at, count);
    return true;
  }

  template <class V, class R>
  bool map(const V& a, const V& b, const R& r, const frame* at) {
    using K = typename V::key_type;
    const auto elem_rule = element_rule_of(r);
    const std::size_t count_at = out().size();
    std::uint64_t count = 0;
    K previous{};
    if constexpr (rd::is_sorted_assoc<V>::value) {
      auto ia = a.begin(), ib = b.begin();
      const auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && less(ia->first, ib->first))) {
          removed_entry(ia->first, previous), ++count, ++ia;
        } else if (ia == a.end() || less(ib->first, ia->first)) {
          added_entry(ib->first, previous, ib->second, elem_rule), ++count, ++ib;
        } else {
          count += keyed_entry(ia->first, previous, ia->second, ib->second, elem_rule, map_element, {}, at);
          ++ia, ++ib;
        }
      }
    } else {
      for (const auto& [key, val] : a) {
        const auto it = b.find(key);
        if (it == b.end()) removed_entry(key, previous), ++count;
        else count += keyed_entry(key, previous, val, it->second, elem_rule, map_element, {}, at);
      }
      for (const auto& [key, val] : b)
        if (!a.contains(key)) added_entry(key, previous, val, elem_rule), ++count;
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
    const auto elem_rule = element_rule_of(r);
    const std::size_t count_at = out().size();
    std::uint64_t count = 0;
    K previous{};
    auto ia = a.begin();
    auto ib = b.begin();
    // Steady state: both sides list the same keys in the same order; no index needed.
    for (; ia != a.end() && ib != b.end() && rd::plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib)
      count += keyed_entry((*ia).*Key, previous, *ia, *ib, elem_rule, keyed_element, member, at);
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
            count += keyed_entry((*ja).*Key, previous, *ja, *jb, elem_rule, keyed_element, member, at);
            ++ja, ++jb;
          }
        }
        for (ja = ia; ib != b.end(); ++ib) {
          while (ja != a.end() && (*ja).*Key < (*ib).*Key) ++ja;
          if (ja == a.end() || (*ib).*Key < (*ja).*Key) added_entry((*ib).*Key, previous, *ib, elem_rule), ++count;
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
      else count += keyed_entry((*ia).*Key, previous, *ia, *y, elem_rule, keyed_element, member, at);
    }
    for (; ib != b.end(); ++ib)
      if (!ai.find((*ib).*Key)) added_entry((*ib).*Key, previous, *ib, elem_rule), ++count;
    return close(count_at, count);
  }

  template <class V>
  bool set(const V& a, const V& b) {
    const std::size_t count_at = out().size();
    std::uint64_t count = 0;
    auto entry = [&](std::uint64_t tag, const typename V::value_type& e) {
      out().varint(tag);
      put_value(out(), e, rd::default_rule);
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
    const auto elem_rule = element_rule_of(r);
    const std::size_t count_at = out().size();
    std::uint64_t count = 0;
    std::size_t next = 0, i = 0;
    auto gap = [&] { out().varint(zigzag(static_cast<std::int64_t>(i - next))); };
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib, ++i) {
      const std::size_t start = out().size();
      gap();
      const frame f = position_frame(at, i);
      if (self().element(*ia, *ib, elem_rule, index_element, &f)) next = i + 1, ++count;
      else out().rewind(start);
    }
    if constexpr (kind_v<V> == vkind::sequence) {
      for (; ib != b.end(); ++ib, ++i, ++count) {
        gap();
        next = i + 1;
        out().varint(tag_value);
        put_value(out(), *ib, elem_rule);
      }
      for (; ia != a.end(); ++ia, ++i, ++count) {
        gap();
        next = i + 1;
        out().varint(tag_remove);
      }
    }
    return close(count_at, count);
  }
};

}  // namespace reconcile::wire::detail
