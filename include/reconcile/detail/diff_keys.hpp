// Keys for the diff: the duplicate-key check of keyed sequences (allocation-free once warm)
// and which sorted maps may match equal keys with == instead of the comparator.
#pragma once

#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/traits.hpp>

#include <cstddef>
#include <string>
#include <type_traits>
// std::hash (and std::less) without <functional>, whose <unordered_map> and searchers cost a
// diff TU about 40 ms of clang's parse: libstdc++ defines them in these parts of it.
#if defined(__GLIBCXX__) && __has_include(<bits/functional_hash.h>) && __has_include(<bits/stl_function.h>)
#include <bits/functional_hash.h>
#include <bits/stl_function.h>
#else
#include <functional>
#endif

namespace reconcile::detail {

// The key of the first element of `a` whose key an earlier element has, or null. Up to 8
// elements: compared pairwise. More: the keyed index (no allocation once warm).
template <auto Key, class Seq>
const member_of<Key>* first_duplicate(const Seq& a) {
  if (a.size() <= 8) {
    for (auto i = a.begin(); i != a.end(); ++i)
      for (auto j = a.begin(); j != i; ++j)
        if ((*j).*Key == (*i).*Key) return &((*i).*Key);
    return nullptr;
  }
  key_index<Key> index(a.begin(), a.end());
  return index.duplicate();
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
