// The bound of a keyed sequence's integral keys while apply goes through it: a key no smaller
// than any element's (seq_memo::bound), so that an add of a greater key (a spawn's fresh id)
// is known absent without a search, and the greatest key a change put into the sequence
// (seq_memo::intro), so that a key the check found absent is known still absent. Keys of
// other types have no bound: their adds search. Not public.
#pragma once

#include <reconcile/detail/apply_memo.hpp>

#include <cstddef>
#include <cstring>
#include <iterator>
#include <type_traits>

namespace reconcile::detail {

template <class K>
struct key_bound {
  static constexpr bool usable = (std::is_integral_v<K> || std::is_enum_v<K>) && sizeof(K) <= sizeof(seq_memo::bound);

  static K load(const unsigned char* from) noexcept {
    K b;
    std::memcpy(static_cast<void*>(&b), from, sizeof(K));
    return b;
  }
  static void store(unsigned char* to, const K& b) noexcept { std::memcpy(to, static_cast<const void*>(&b), sizeof(K)); }
  static K of(const seq_memo& m) noexcept { return load(m.bound); }
  static void set(seq_memo& m, const K& b) noexcept {
    store(m.bound, b);
    m.has_bound = true;
  }
  /// Performing: a change put k into the sequence.
  static void introduced(seq_memo& m, const K& k) noexcept {
    if constexpr (usable) {
      if (!m.has_intro || load(m.intro) < k) store(m.intro, k);
    }
    m.has_intro = true;
  }
  /// A key now in the sequence: the bound, if any, still bounds every key.
  static void raise(seq_memo& m, const K& k) noexcept {
    if constexpr (usable) {
      if (m.has_bound && of(m) < k) set(m, k);
    }
  }
  /// Performing: whether k, which the check found above every key, is still absent (the memo
  /// has seen every change to the keys since the check: see keyed_seq).
  static bool still_absent(const seq_memo& m, const K& k) noexcept {
    return m.pristine && !(m.has_intro && !(load(m.intro) < k));
  }
  /// The greatest key of the n > 0 elements from first: four running maxima, so that the
  /// comparisons need not wait on each other (through a pointer when the elements are
  /// contiguous: no index arithmetic a key).
  template <auto Key, class It>
  static K greatest(It first, std::size_t n) {
    if constexpr (std::contiguous_iterator<It>) {
      return greatest_of<Key>(&*first, n);  // n > 0: first is an element
    } else {
      return greatest_of<Key>(first, n);
    }
  }
  template <auto Key, class P>
  static K greatest_of(P e, std::size_t n) {
    K g0 = (*e).*Key, g1 = g0, g2 = g0, g3 = g0;
    for (; n >= 4; n -= 4, e += 4) {
      const K &x0 = e[0].*Key, &x1 = e[1].*Key, &x2 = e[2].*Key, &x3 = e[3].*Key;
      g0 = g0 < x0 ? x0 : g0;
      g1 = g1 < x1 ? x1 : g1;
      g2 = g2 < x2 ? x2 : g2;
      g3 = g3 < x3 ? x3 : g3;
    }
    for (; n > 0; --n, ++e) g0 = g0 < (*e).*Key ? (*e).*Key : g0;
    g0 = g0 < g1 ? g1 : g0;
    g2 = g2 < g3 ? g3 : g2;
    return g0 < g2 ? g2 : g0;
  }
};

}  // namespace reconcile::detail
