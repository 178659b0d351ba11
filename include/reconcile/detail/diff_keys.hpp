// Keys for the diff: the duplicate-key check of keyed sequences (allocation-free once warm)
// and which sorted maps may match equal keys with == instead of the comparator.
#pragma once

#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/traits.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace reconcile::detail {

// Scratch for the duplicate-key check, per thread, so that a warm diff allocates nothing.
struct key_slot {
  std::size_t hash;
  const void* key;
};
inline std::vector<key_slot>& key_slots() {
  thread_local std::vector<key_slot> slots;
  return slots;
}

// The key of the first element of `a` whose key an earlier element has (key_index's answer),
// or null. Up to 8 elements: compared pairwise. Hashable keys: an open-addressing table in
// the thread's scratch (no allocation once warm; a few ns a key, versus an unordered_map node
// each). Other keys: key_index.
template <auto Key, class Seq>
const member_of<Key>* first_duplicate(const Seq& a) {
  using K = member_of<Key>;
  const std::size_t n = a.size();
  if (n <= 8) {
    for (auto i = a.begin(); i != a.end(); ++i)
      for (auto j = a.begin(); j != i; ++j)
        if ((*j).*Key == (*i).*Key) return &((*i).*Key);
    return nullptr;
  } else if constexpr (hashable<K>) {
    std::vector<key_slot> slots;
    slots.swap(key_slots());  // taken, not shared: a nested use would start an empty one
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots.assign(cap, key_slot{0, nullptr});
    const K* dup = nullptr;
    for (auto it = a.begin(); it != a.end() && !dup; ++it) {
      const K& k = (*it).*Key;
      const std::size_t h = std::hash<K>{}(k);
      for (std::size_t pos = h & (cap - 1);; pos = (pos + 1) & (cap - 1)) {
        key_slot& s = slots[pos];
        if (!s.key) {
          s = {h, &k};
          break;
        }
        if (s.hash == h && *static_cast<const K*>(s.key) == k) {
          dup = &k;
          break;
        }
      }
    }
    key_slots().swap(slots);
    return dup;
  } else {
    key_index<Key> ai(a.begin(), a.end());
    return ai.duplicate();
  }
}

// Sorted maps whose key == agrees with the comparator's equivalence (std::less / std::less<>
// on arithmetic keys or strings).
template <class K>
inline constexpr bool eq_consistent_key = std::is_arithmetic_v<K> || std::is_same_v<K, std::string>;
template <class M>
inline constexpr bool equality_is_equivalence =
    eq_consistent_key<typename M::key_type> &&
    (std::is_same_v<typename M::key_compare, std::less<typename M::key_type>> ||
     std::is_same_v<typename M::key_compare, std::less<>>);

}  // namespace reconcile::detail
