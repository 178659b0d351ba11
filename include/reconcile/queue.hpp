// reconcile/queue.hpp — the work queue under the controller (its rate limiters: rate_limit.hpp).
//
// work_queue<Key> has client-go's queue semantics without its known defects:
//   - a key is queued at most once (dedupe); a key being processed is never handed out again;
//     an add() while it is processed marks it dirty: it runs exactly once more afterwards, in
//     the FIFO place of that add (not of the moment it finished; issue #15);
//   - one entry per key whose due time only moves earlier: an immediate add overrides a
//     pending delayed run (a backoff delay included) instead of adding a second run
//     (kubernetes #126027); the key's failure count is kept until forget();
//   - among due items the most urgent runs first: order = due time - priority * ageing, then
//     FIFO. A low-priority item is ordered as if it were due `ageing` later per level, so any
//     later normal item sorts behind it and it is never starved (controller-runtime #3496).
//     The order is computed in 128 bits: every level counts, strict priorities included;
//   - a key leaves the queue when its last run is done: the Key object is destroyed then.
// It is a plain data structure: not thread-safe (the controller locks around it) and given the
// time explicitly, which makes it trivially deterministic.
//
// Cost: add/claim/done are O(log n) (two indexed binary heaps) plus one hash lookup. The hash
// map's node memory is kept in a free list when a key leaves (the key itself is destroyed; a
// std::string key is kept whole, buffer included, for the next key: its destruction is
// unobservable), so once the queue has seen its peak number of pending keys it allocates
// nothing (a Key whose copy allocates is the exception). shrink_to_fit() frees that memory.
// (The keys, their map and that memory: detail/queue_pool.hpp.)
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/queue_pool.hpp>
#include <reconcile/detail/queue_heap.hpp>
#include <reconcile/priority.hpp>
#include <reconcile/rate_limit.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace reconcile {

/// when_pending: what add() does to a key that already has a pending run.
///   move_earlier: its due time moves to the earlier of the two, its priority to the higher
///   keep: it is left alone (resync: a run is already coming); a processing key still gets
///         marked dirty if it was not
enum class when_pending : unsigned char { move_earlier, keep };

/// work_queue<Key, Hash, KeyEqual>: dedupe + per-key exclusivity + delays + priorities.
/// Lifecycle of a key: add() -> [delayed ->] ready -> claim() -> start() -> done(); pop() is
/// claim() + start(). The ticket handed out stays valid until done().
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class work_queue {
  static_assert(std::is_invocable_r_v<std::size_t, const Hash&, const Key&>,
                "reconcile::work_queue: Key is not hashable; specialise std::hash<Key> or pass a Hash");
  static_assert(std::is_invocable_r_v<bool, const KeyEqual&, const Key&, const Key&>,
                "reconcile::work_queue: Key is not equality comparable; define operator== or pass a KeyEqual");
  using store_type = detail::key_store<Key, Hash, KeyEqual, detail::queue_entry>;
  using node = typename store_type::node;

 public:
  /// ticket: a claimed or processing key; key() stays valid until done(ticket).
  class ticket {
   public:
    ticket() = default;
    explicit operator bool() const noexcept { return n_ != nullptr; }
    const Key& key() const noexcept { return n_->first; }
    std::uint32_t failures() const noexcept { return n_->second.failures; }
    reconcile::priority priority() const noexcept { return n_->second.prio; }
    // queued_since(): when the run became due (max of due time and entry into the queue).
    time_point queued_since() const noexcept {
      return n_->second.ready > n_->second.since ? n_->second.ready : n_->second.since;
    }
    friend bool operator==(ticket a, ticket b) noexcept { return a.n_ == b.n_; }

   private:
    friend class work_queue;
    explicit ticket(node* n) noexcept : n_(n) {}
    node* n_ = nullptr;
  };

  /// work_queue(ageing): ageing = how much waiting one priority level is worth (default 1 s);
  /// duration::max() gives strict priorities (low can starve).
  explicit work_queue(duration ageing = std::chrono::seconds(1))
      : ageing_(ageing) {}
  work_queue(const work_queue&) = delete;
  work_queue& operator=(const work_queue&) = delete;

  /// add(key, due, now, p, w): schedule a run of key at `due` (<= now: ready now). Returns true
  /// when this created a run (a new entry, or dirtied a processing key); false when deduped.
  bool add(const Key& key, time_point due, time_point now, reconcile::priority p = reconcile::priority::normal,
           when_pending w = when_pending::move_earlier) {
    node* n = keys_.find(key);
    if (n == nullptr) {
      n = keys_.make(key);
      n->second.converge = now;
      enqueue(n, due, p, now, ++seq_);
      return true;
    }
    detail::queue_entry& e = n->second;
    const bool earlier = w == when_pending::move_earlier;
    switch (e.state) {
      case detail::q_state::processing:
        if (!e.dirty) {
          e.dirty = true;
          e.dirty_ready = due;
          e.dirty_prio = p;
          e.dirty_converge = now;
          e.dirty_seq = ++seq_;
          return true;
        }
        if (earlier) {
          if (due < e.dirty_ready) e.dirty_ready = due;
          if (p > e.dirty_prio) e.dirty_prio = p;
        }
        return false;
      case detail::q_state::claimed:
        return false;
      case detail::q_state::ready:
        if (earlier && (due < e.ready || p > e.prio)) {
          if (due < e.ready) e.ready = due;
          if (p > e.prio) e.prio = p;
          e.order = order_of(e.ready, e.prio);
          ready_.update(n);
        }
        return false;
      case detail::q_state::delayed:
        if (earlier && (due < e.ready || p > e.prio)) {
          if (due < e.ready) e.ready = due;
          if (p > e.prio) e.prio = p;
          if (e.ready <= now) {
            delayed_.erase(n);
            push_ready(n);
          } else {
            delayed_.update(n);
          }
        }
        return false;
    }
    return false;
  }

  /// claim(now): takes the most urgent due item (nullptr-like ticket if none). The key still
  /// counts as queued: add() dedupes against it. O(log n) plus the items promoted.
  ticket claim(time_point now) {
    promote(now);
    if (ready_.empty()) return ticket();
    node* n = ready_.pop();
    n->second.state = detail::q_state::claimed;
    ++claimed_;
    return ticket(n);
  }

  /// start(t): the claimed item's reconcile begins; from now on add() marks it dirty.
  void start(ticket t) noexcept {
    t.n_->second.state = detail::q_state::processing;
    --claimed_;
    ++processing_;
  }

  /// pop(now): claim(now) + start(): what a worker thread does.
  ticket pop(time_point now) {
    ticket t = claim(now);
    if (t) start(t);
    return t;
  }

  /// fail(t): counts a failure of the processing key; returns the new count (n of the backoff).
  std::uint32_t fail(ticket t) noexcept { return ++t.n_->second.failures; }
  /// forget(t): the key succeeded; its failure count restarts at zero.
  void forget(ticket t) noexcept { t.n_->second.failures = 0; }

  /// converged(t, now): time since the first notify after the key was last done; restarts the
  /// measurement (a notify during this run starts the next one).
  duration converged(ticket t, time_point now) noexcept {
    detail::queue_entry& e = t.n_->second;
    const duration d = now - e.converge;
    e.converge = e.dirty ? e.dirty_converge : now;
    return d;
  }

  /// done(t, now, again, rerun): the run ended. The key runs again at the earlier of `again` and
  /// a dirty notify's due time (time_point::max(): neither), at priority `rerun` if given (else
  /// the run's own, raised by the dirty notify's); otherwise the key leaves the queue and is
  /// destroyed. A dirty rerun keeps the FIFO place of its notify.
  void done(ticket t, time_point now, time_point again = time_point::max(),
            std::optional<reconcile::priority> rerun = std::nullopt) {
    node* n = t.n_;
    detail::queue_entry& e = n->second;
    --processing_;
    time_point next = again;
    reconcile::priority p = rerun ? *rerun : e.prio;
    std::uint64_t seq = 0;
    if (e.dirty) {
      if (e.dirty_ready <= next) {
        next = e.dirty_ready;
        seq = e.dirty_seq;
      }
      if ((again == time_point::max() && !rerun) || e.dirty_prio > p) p = e.dirty_prio;
      e.dirty = false;
    }
    if (next == time_point::max()) {
      keys_.release(n);
      return;
    }
    enqueue(n, next, p, now, seq ? seq : ++seq_);
  }

  /// promote(now): moves delayed items due at now into the ready heap. O(k log n).
  void promote(time_point now) {
    while (!delayed_.empty() && delayed_.top()->second.ready <= now) push_ready(delayed_.pop());
  }

  /// next_due(): the due time of the earliest delayed item; time_point::max() if none.
  time_point next_due() const noexcept {
    return delayed_.empty() ? time_point::max() : delayed_.top()->second.ready;
  }

  std::size_t ready() const noexcept { return ready_.size(); }          // due, not claimed
  std::size_t claimed() const noexcept { return claimed_; }             // claimed, not started
  std::size_t delayed() const noexcept { return delayed_.size(); }      // waiting for their time
  std::size_t processing() const noexcept { return processing_; }       // running
  std::size_t size() const noexcept { return keys_.size(); }            // keys with an entry
  bool empty() const noexcept { return keys_.size() == 0; }
  bool contains(const Key& k) const { return keys_.find(k) != nullptr; }
  /// failures(k): the failure count of k (0 if k has no entry).
  std::uint32_t failures(const Key& k) const {
    const node* n = keys_.find(k);
    return n == nullptr ? 0 : n->second.failures;
  }

  /// reserve(n): pre-sizes for n pending keys so that the first n adds allocate only nodes.
  void reserve(std::size_t n) {
    keys_.reserve(n);
    ready_.reserve(n);
    delayed_.reserve(n);
  }
  /// shrink_to_fit(): frees the node memory kept for reuse and shrinks the bucket array and the
  /// heaps to the keys pending now. O(pooled + size).
  void shrink_to_fit() {
    keys_.shrink_to_fit();
    ready_.shrink_to_fit();
    delayed_.shrink_to_fit();
  }
  /// pooled(): node blocks kept for reuse (freed by shrink_to_fit()).
  std::size_t pooled() const noexcept { return keys_.pooled(); }

 private:
  void enqueue(node* n, time_point due, reconcile::priority p, time_point now, std::uint64_t seq) {
    detail::queue_entry& e = n->second;
    e.ready = due;
    e.prio = p;
    e.since = now;
    e.seq = seq;
    if (due <= now) {
      push_ready(n);
    } else {
      e.state = detail::q_state::delayed;
      delayed_.push(n);
    }
  }

  void push_ready(node* n) {
    detail::queue_entry& e = n->second;
    e.state = detail::q_state::ready;
    e.order = order_of(e.ready, e.prio);
    ready_.push(n);
  }

  detail::order_key order_of(time_point due, reconcile::priority p) const noexcept {
    return detail::order_of(due, p, ageing_);
  }

  duration ageing_;
  store_type keys_;  // the entries; the heaps below point into it
  detail::entry_heap<node, detail::less_by_order> ready_;
  detail::entry_heap<node, detail::less_by_ready> delayed_;
  std::uint64_t seq_ = 0;
  std::size_t claimed_ = 0;
  std::size_t processing_ = 0;
};

}  // namespace reconcile
