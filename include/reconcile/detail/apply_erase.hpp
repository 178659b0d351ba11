// Erases that wait: performing a run of changes to a vector or deque, apply leaves each erased
// element in its place, doomed, and closes every gap with one compaction when the run ends
// (each element behind the first gap moves once, however many erases). The positions wait on
// one stack a pass (erase_stack): a sequence's waiting erases are settled before any change
// reaches past it or writes above it, so the sequences that hold waiting erases form a path,
// and the deepest one's are on top. Not public.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>

namespace reconcile::detail {

struct seq_memo;
class apply_memo;

// The waiting erases of one sequence: n positions from `from` on the pass's stack, none below
// lo or above hi; compact closes their gaps (set with the first of them).
struct erase_run {
  std::uint32_t from;
  std::uint32_t n;
  std::size_t lo, hi;
  void (*compact)(seq_memo&, apply_memo&);
};

// The positions of a pass's waiting erases, one erase_run after another.
class erase_stack {
 public:
  static constexpr std::uint32_t cap = 64;
  unsigned pending = 0;  // bit d: the memo at depth d holds waiting erases

  /// Whether r (a run of this stack's) can take another position.
  bool room_for(const erase_run& r) const noexcept { return top_ < cap && (r.n == 0 || r.from + r.n == top_); }
  /// Adds p to r (room_for(r)); compact closes r's gaps; depth: its memo's.
  void push(erase_run& r, std::size_t p, std::size_t depth, void (*compact)(seq_memo&, apply_memo&)) noexcept {
    if (r.n == 0) {
      r.from = top_;
      r.lo = r.hi = p;
      r.compact = compact;
      pending |= 1u << depth;
    }
    pos_[top_++] = static_cast<std::uint32_t>(p);
    ++r.n;
    r.lo = p < r.lo ? p : r.lo;
    r.hi = p > r.hi ? p : r.hi;
  }
  /// r's positions (n of them).
  std::uint32_t* of(const erase_run& r) noexcept { return pos_ + r.from; }
  const std::uint32_t* of(const erase_run& r) const noexcept { return pos_ + r.from; }
  /// Whether the element at p waits to be erased.
  bool doomed(const erase_run& r, std::size_t p) const noexcept {
    if (r.n == 0 || p < r.lo || p > r.hi) return false;
    const std::uint32_t* const f = of(r);
    return std::find(f, f + r.n, static_cast<std::uint32_t>(p)) != f + r.n;
  }
  /// How many elements before p wait to be erased.
  std::size_t doomed_before(const erase_run& r, std::size_t p) const noexcept {
    if (r.n == 0) return 0;
    const std::uint32_t* const f = of(r);
    return static_cast<std::size_t>(std::count_if(f, f + r.n, [p](std::uint32_t q) { return q < p; }));
  }
  /// r's gaps are closed: its positions leave the stack.
  void release(erase_run& r) noexcept {
    if (r.from + r.n == top_) top_ = r.from;
    r.n = 0;
  }

 private:
  std::uint32_t pos_[cap];
  std::uint32_t top_ = 0;
};

// Moves the elements of [first, first + n) that are not at the r positions f (sorted here)
// together, in order, and returns the end of those kept: each element behind the first gap
// moves once.
template <class It>
It close_gaps(It first, std::size_t n, std::uint32_t* f, std::size_t r) {
  std::sort(f, f + r);
  It w = first + static_cast<std::ptrdiff_t>(f[0]);
  for (std::size_t i = 0; i < r; ++i) {
    const std::size_t from = f[i] + 1, to = i + 1 < r ? f[i + 1] : n;
    w = std::move(first + static_cast<std::ptrdiff_t>(from), first + static_cast<std::ptrdiff_t>(to), w);
  }
  return w;
}

}  // namespace reconcile::detail
