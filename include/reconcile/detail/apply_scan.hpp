// The linear searches of a keyed sequence by key while apply goes through it: from the memo's
// cursor (seq_memo::cursor; a list's in seq_memo::list_cursor), which stays where the last key
// was found, so that changes in the sequence's order find the next key within a few elements;
// each counts the elements it compares (seq_memo::scanned: past about 8n, keyed_seq builds a
// key index instead). Not public.
#pragma once

#include <reconcile/detail/apply_bound.hpp>
#include <reconcile/detail/apply_memo.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/reflect_impl.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>

namespace reconcile::detail {

template <auto Key, class Seq>
struct seq_scan {
  using E = typename Seq::value_type;
  using K = member_of<Key>;
  using It = typename Seq::iterator;
  static constexpr bool random = std::random_access_iterator<It>;

  static void set_list_cursor(seq_memo& m, It it) noexcept {
    static_assert(std::is_trivially_copyable_v<It> && sizeof(It) <= sizeof(m.list_cursor));
    std::memcpy(m.list_cursor, static_cast<const void*>(&it), sizeof(It));
    m.has_list_cursor = true;
  }
  static It found_at(Seq& s, seq_memo& m, std::size_t p) noexcept {
    m.cursor = p;
    return s.begin() + static_cast<std::ptrdiff_t>(p);
  }

  /// A vector's or deque's element at the cursor, if keyed k, noting its place in hint (where
  /// the check found a change's element: see apply_run.hpp); else null. A list: null.
  RECONCILE_DETAIL_FORCE_INLINE static E* again(Seq& s, const seq_memo& m, const K& k, std::uint32_t* hint) noexcept {
    if constexpr (random) {
      if (m.cursor >= s.size()) return nullptr;
      E& e = *(s.begin() + static_cast<std::ptrdiff_t>(m.cursor));
      if (!plain_eq(e.*Key, k)) return nullptr;
      if (hint) *hint = m.cursor < apply_memo::no_hint ? static_cast<std::uint32_t>(m.cursor) : apply_memo::no_hint;
      return &e;
    } else {
      (void)s, (void)m, (void)k, (void)hint;
      return nullptr;
    }
  }

  /// From the cursor to the end, then from the start: the first element keyed k found so (the
  /// cursor moves there), or end().
  static It from_cursor(Seq& s, seq_memo& m, const K& k) {
    const std::size_t n = s.size();
    if constexpr (random) {  // two plain find_ifs: the compiler keeps the loop tight
      const It first = s.begin(), last = s.end();
      const It from = first + static_cast<std::ptrdiff_t>(m.cursor < n ? m.cursor : 0);
      if (from != last && plain_eq((*from).*Key, k)) {  // where the last key was: the same element again
        ++m.scanned;
        return from;
      }
      auto same = [&](const E& e) { return plain_eq(e.*Key, k); };
      It hit = std::find_if(from, last, same);
      if (hit == last) {
        m.scanned += static_cast<std::size_t>(last - from);
        hit = std::find_if(first, from, same);
        if (hit == from) {
          m.scanned += static_cast<std::size_t>(from - first);
          return last;
        }
        m.scanned += static_cast<std::size_t>(hit - first) + 1;
      } else {
        m.scanned += static_cast<std::size_t>(hit - from) + 1;
      }
      m.cursor = static_cast<std::size_t>(hit - first);
      return hit;
    } else {
      It it = s.begin();
      if (m.has_list_cursor) std::memcpy(static_cast<void*>(&it), m.list_cursor, sizeof(It));
      for (std::size_t left = n; left > 0; --left, ++it) {
        if (it == s.end()) it = s.begin();
        ++m.scanned;
        if (plain_eq((*it).*Key, k)) {
          set_list_cursor(m, it);
          return it;
        }
      }
    }
    return s.end();
  }

  /// A vector's or deque's every element compared with k (an add expects k absent), but those
  /// live(p) rejects: the first keyed k, or end() having learnt the greatest key (the bound).
  template <class Live>
  static It all(Seq& s, seq_memo& m, const K& k, Live live) {
    const It first = s.begin(), last = s.end();
    if (first == last) return last;
    K greatest = (*first).*Key;
    for (It it = first; it != last; ++it) {
      const K& x = (*it).*Key;
      if (x == k && live(static_cast<std::size_t>(it - first))) {
        m.scanned += static_cast<std::size_t>(it - first) + 1;
        return found_at(s, m, static_cast<std::size_t>(it - first));
      }
      if (greatest < x) greatest = x;
    }
    m.scanned += static_cast<std::size_t>(last - first);
    key_bound<K>::set(m, greatest);
    return last;
  }

  /// A vector's or deque's first element keyed k that live(p) accepts, or end().
  template <class Live>
  static It first_live(Seq& s, seq_memo& m, const K& k, Live live) {
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i)
      if (plain_eq(s[i].*Key, k) && live(i)) return found_at(s, m, i);
    return s.end();
  }
};

}  // namespace reconcile::detail
