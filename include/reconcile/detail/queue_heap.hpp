// detail/queue_heap.hpp — the per-key entry of work_queue and the indexed binary heap that
// orders entries (decrease-key and erase in O(log n), no allocation once the vector is warm).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/priority.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace reconcile::detail {

// wide: 128-bit arithmetic for the order; order_key: the ready heap's key, ready - priority *
// ageing in 128 bits, so that no level is ever clamped (the strict-priority bug of #15): 127
// levels of 2^64 ns still fit. Stored as two 64-bit halves to keep the entry 8-byte aligned.
__extension__ typedef __int128 wide;
struct order_key {
  std::int64_t hi = 0;
  std::uint64_t lo = 0;
  order_key() = default;
  explicit order_key(wide v) noexcept
      : hi(static_cast<std::int64_t>(v >> 64)), lo(static_cast<std::uint64_t>(v)) {}
  friend bool operator<(order_key a, order_key b) noexcept { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
  friend bool operator==(order_key a, order_key b) noexcept { return a.hi == b.hi && a.lo == b.lo; }
};

// q_state: where an entry is. delayed: waits for its time; ready: due, in the ready heap;
// claimed: taken by step() for this step, not started; processing: its reconcile runs.
enum class q_state : std::uint8_t { delayed, ready, claimed, processing };

// queue_entry: everything the queue knows about one key (one entry per key, at most). Only
// failures and dirty start set: work_queue writes every other field before reading it (add
// sets converge, enqueue the run's fields, the heaps heap_index, a dirtying add the dirty_*),
// which spares a 100-byte clear per new key on the hot path.
struct queue_entry {
  time_point ready;           // due time of the pending run
  order_key order;            // ready-heap key: ready - priority * ageing
  time_point since;           // when it last entered the queue (for the queue duration)
  time_point converge;        // first notify since the key was last done()
  time_point dirty_ready;     // processing + dirty: due time of the run after this one
  time_point dirty_converge;  // processing + dirty: first notify during this run
  std::uint64_t seq;          // FIFO tie-break among equal keys
  std::uint64_t dirty_seq;    // processing + dirty: the FIFO place of the notify
  std::size_t heap_index;     // position in its heap
  std::uint32_t failures;     // consecutive failures, for the backoff
  priority prio;
  priority dirty_prio;
  q_state state;
  bool dirty;                 // notified while processing: run once more afterwards

  queue_entry() noexcept : failures(0), dirty(false) {}  // NOLINT: see above
  void reset() noexcept {
    failures = 0;
    dirty = false;
  }
};

// less_by_ready / less_by_order: the orders of the delayed heap and of the ready heap.
struct less_by_ready {
  static bool less(const queue_entry& a, const queue_entry& b) noexcept {
    return a.ready < b.ready || (a.ready == b.ready && a.seq < b.seq);
  }
};
struct less_by_order {
  static bool less(const queue_entry& a, const queue_entry& b) noexcept {
    return a.order < b.order || (a.order == b.order && a.seq < b.seq);
  }
};

// entry_heap<Node, Order>: a min-heap of Node* (Node = pair<const Key, queue_entry>) that
// keeps each entry's heap_index current, so update() and erase() need no search.
template <class Node, class Order>
class entry_heap {
 public:
  bool empty() const noexcept { return h_.empty(); }
  std::size_t size() const noexcept { return h_.size(); }
  Node* top() const noexcept { return h_.front(); }
  void reserve(std::size_t n) { h_.reserve(n); }
  void shrink_to_fit() { h_.shrink_to_fit(); }

  void push(Node* n) {
    h_.push_back(n);
    n->second.heap_index = h_.size() - 1;
    up(h_.size() - 1);
  }

  Node* pop() noexcept {
    Node* n = h_.front();
    erase_at(0);
    return n;
  }

  void erase(Node* n) noexcept { erase_at(n->second.heap_index); }

  // update(n): n's key moved earlier; restore the heap. O(log n).
  void update(Node* n) noexcept { up(n->second.heap_index); }

 private:
  static bool less(const Node* a, const Node* b) noexcept { return Order::less(a->second, b->second); }

  void place(std::size_t i, Node* n) noexcept {
    h_[i] = n;
    n->second.heap_index = i;
  }

  void erase_at(std::size_t i) noexcept {
    Node* last = h_.back();
    h_.pop_back();
    if (i == h_.size()) return;
    place(i, last);
    if (i > 0 && less(last, h_[(i - 1) / 2]))
      up(i);
    else
      down(i);
  }

  void up(std::size_t i) noexcept {
    Node* n = h_[i];
    while (i > 0) {
      const std::size_t p = (i - 1) / 2;
      if (!less(n, h_[p])) break;
      place(i, h_[p]);
      i = p;
    }
    place(i, n);
  }

  void down(std::size_t i) noexcept {
    Node* n = h_[i];
    const std::size_t size = h_.size();
    for (;;) {
      std::size_t c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && less(h_[c + 1], h_[c])) ++c;
      if (!less(h_[c], n)) break;
      place(i, h_[c]);
      i = c;
    }
    place(i, n);
  }

  std::vector<Node*> h_;
};

// add_sat(t, d): t + d, saturating at time_point::max() / min() instead of overflowing.
inline time_point add_sat(time_point t, duration d) noexcept {
  using rep = duration::rep;
  const rep a = t.time_since_epoch().count(), b = d.count();
  if (b > 0 && a > std::numeric_limits<rep>::max() - b) return time_point::max();
  if (b < 0 && a < std::numeric_limits<rep>::min() - b) return time_point::min();
  return time_point(duration(a + b));
}

// order_of(due, p, ageing): due - p * ageing, exact. ageing = duration::max() counts a level as
// 2^64 ns, more than any two time_points differ by, so priorities are strict at every level.
inline order_key order_of(time_point due, priority p, duration ageing) noexcept {
  const wide level = ageing == duration::max() ? wide(1) << 64
                     : ageing < duration::zero() ? wide(0)
                                                 : wide(ageing.count());
  return order_key(wide(due.time_since_epoch().count()) - wide(static_cast<int>(p)) * level);
}

}  // namespace reconcile::detail
