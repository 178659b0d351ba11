// Longest increasing subsequence (patience sorting, O(n log n)): which elements of a keyed
// sequence stay in place, so that every other one is moved exactly once (Vue 3's keyed diff).
#pragma once

#include <cstddef>
#include <vector>
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>  // <algorithm> without its ranges:: half (clang parse, ~25 ms a TU)
#else
#include <algorithm>
#endif

namespace reconcile::detail {

// marks[i] is true when seq[i] lies on one longest strictly increasing subsequence.
inline std::vector<bool> longest_increasing_marks(const std::vector<std::size_t>& seq) {
  const std::size_t n = seq.size();
  std::vector<std::size_t> tails;        // tails[l]: index in seq of the smallest tail of length l+1
  std::vector<std::size_t> prev(n, n);   // predecessor on the best subsequence ending at i
  for (std::size_t i = 0; i < n; ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), seq[i],
                               [&](std::size_t t, std::size_t v) { return seq[t] < v; });
    if (it != tails.begin()) prev[i] = *(it - 1);
    if (it == tails.end()) tails.push_back(i);
    else *it = i;
  }
  std::vector<bool> marks(n, false);
  for (std::size_t i = tails.empty() ? n : tails.back(); i != n; i = prev[i]) marks[i] = true;
  return marks;
}

}  // namespace reconcile::detail
