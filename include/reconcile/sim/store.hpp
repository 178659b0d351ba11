// reconcile/sim/store.hpp - the simulated external system a controller acts on: the live
// resources (the truth), each one's recent history (for stale reads), which request created
// each live resource (to flag a duplicate create) and which keys changed (the events).
// It is an actuator itself: create / update / remove apply at once; faulty_actuator wraps it
// to fail, delay, lose acknowledgements and deliver twice. Thread-safe (one mutex).
#pragma once

#include <reconcile/plan.hpp>
#include <reconcile/sim/detail/request.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reconcile::sim {

/// duplicate_create: a create that reached a resource already live (or created while pending)
/// under another request id: the effect happened twice.
struct duplicate_create {
  std::uint64_t tick = 0;
  std::string address;
  std::string first_request, second_request;
};

/// store<K, R>: resources of type R by key K, as an external system holds them. Costs per
/// call: one map look-up plus one copy of the resource; the history keeps the last
/// `history_ticks` ticks of each resource.
template <class K, class R>
class store {
 public:
  using resources = std::map<K, R>;

  /// store(history_ticks, dedupe_ticks): keeps history_ticks of history per resource, and
  /// remembers each create's request id for dedupe_ticks ticks (a server's idempotency window).
  explicit store(std::uint64_t history_ticks = 4, std::uint64_t dedupe_ticks = 20)
      : horizon_(history_ticks + 1), dedupe_(dedupe_ticks) {}

  /// reset(initial): the truth becomes `initial` at tick 0; history, events and flags go.
  void reset(const resources& initial) {
    std::lock_guard lk(m_);
    slots_.clear();
    truth_.clear();
    changed_.clear();
    duplicates_.clear();
    tick_ = 0;
    for (const auto& [k, r] : initial) {
      slot& s = slot_of(k);
      write(s, k, r);
      s.creator = "initial";  // made before the run, by no request of the controller
    }
    changed_.clear();
  }
  /// set_tick(t): the current tick (for history and flags).
  void set_tick(std::uint64_t t) {
    std::lock_guard lk(m_);
    tick_ = t;
  }
  /// address(k): the key's resource address, e.g. `resources["k7"]`, as actions print it.
  static std::string address(const K& k) {
    std::string s = "resources[";
    reconcile::detail::print_value(s, k);
    return s + "]";
  }

  // The actuator interface: applied at once. Creates are not name-unique (as cloud instances
  // or orders): a create under a request id this key has seen in the last dedupe_ticks ticks
  // is a no-op (the server's idempotency: a retry, or a late copy of a request); under
  // another id it makes a resource, and if one is live already, a second one: a duplicate.
  bool create(const K& k, const R& desired, const action& a) {
    const std::string id = detail::request_id(a);
    std::lock_guard lk(m_);
    slot& s = slot_of(k);
    auto [seen, fresh] = s.requests.try_emplace(id, tick_);
    if (!fresh && tick_ - seen->second <= dedupe_) return true;
    seen->second = tick_;
    if (s.live) duplicates_.push_back({tick_, a.address(), s.creator, id});
    s.creator = id;
    write(s, k, desired);
    return true;
  }
  /// update: replaces the live resource with `desired` (fails when it is absent: not found).
  bool update(const K& k, const R&, const R& desired, const changeset<R>&, const action&) {
    std::lock_guard lk(m_);
    slot& s = slot_of(k);
    if (!s.live) return false;
    write(s, k, desired);
    return true;
  }
  /// remove: deletes the resource if live (deleting an absent one succeeds).
  bool remove(const K& k, const R&, const action&) {
    std::lock_guard lk(m_);
    slot& s = slot_of(k);
    if (s.live) write(s, k, std::nullopt);
    return true;
  }

  // The external actor (drift): changes behind the controller's back.
  void put(const K& k, const R& r) {
    std::lock_guard lk(m_);
    write(slot_of(k), k, r);
  }
  void erase(const K& k) {
    std::lock_guard lk(m_);
    slot& s = slot_of(k);
    if (s.live) write(s, k, std::nullopt);
  }

  /// get(k): the live resource now, if any.
  std::optional<R> get(const K& k) const {
    std::lock_guard lk(m_);
    auto it = truth_.find(k);
    return it == truth_.end() ? std::nullopt : std::optional<R>(it->second);
  }
  /// as_of(k, age): the resource as it was `age` ticks ago, but never older than what an
  /// earlier read of k showed (reads are monotonic, as an informer's cache is).
  std::optional<R> as_of(const K& k, std::uint64_t age) {
    std::lock_guard lk(m_);
    auto it = slots_.find(k);
    if (it == slots_.end()) return std::nullopt;
    slot& s = it->second;
    std::uint64_t at = tick_ >= age ? tick_ - age : 0;
    if (at < s.last_read) at = s.last_read;
    s.last_read = at;
    const std::optional<R>* seen = nullptr;
    for (const auto& [t, v] : s.history)
      if (t <= at) seen = &v;
    return seen ? *seen : std::nullopt;
  }
  /// live_key(n): the key of live resource number n % count (in key order), if any. O(count).
  std::optional<K> live_key(std::uint64_t n) const {
    std::lock_guard lk(m_);
    if (truth_.empty()) return std::nullopt;
    auto it = truth_.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(n % truth_.size()));
    return it->first;
  }
  /// with_truth(f): f(the live resources), under the store's lock.
  template <class F>
  void with_truth(F&& f) const {
    std::lock_guard lk(m_);
    f(truth_);
  }
  /// truth(): the live resources (not thread-safe against writers: for checks between ticks).
  const resources& truth() const noexcept { return truth_; }
  /// take_changes(): the keys changed since the last call, each once, in key order.
  std::vector<K> take_changes() {
    std::lock_guard lk(m_);
    std::vector<K> out;
    out.reserve(changed_.size());
    for (auto& [k, unused] : changed_) out.push_back(k);
    changed_.clear();
    return out;
  }
  /// duplicates(): every duplicate create so far.
  std::vector<duplicate_create> duplicates() const {
    std::lock_guard lk(m_);
    return duplicates_;
  }

 private:
  struct slot {
    bool live = false;
    std::string creator;             // request id of the create that made the live resource
    std::map<std::string, std::uint64_t> requests;  // create request ids processed: when
    std::deque<std::pair<std::uint64_t, std::optional<R>>> history;
    std::uint64_t last_read = 0;
  };
  slot& slot_of(const K& k) { return slots_[k]; }
  void write(slot& s, const K& k, std::optional<R> v) {
    s.live = v.has_value();
    if (v) {
      truth_.insert_or_assign(k, *v);
    } else {
      truth_.erase(k);
      s.creator.clear();
    }
    if (!s.history.empty() && s.history.back().first == tick_) s.history.back().second = std::move(v);
    else s.history.emplace_back(tick_, std::move(v));
    while (s.history.size() > 1 && s.history[1].first + horizon_ <= tick_) s.history.pop_front();
    changed_.emplace(k, true);
  }

  std::uint64_t horizon_;
  std::uint64_t dedupe_;
  std::uint64_t tick_ = 0;
  mutable std::mutex m_;
  std::map<K, slot> slots_;
  resources truth_;
  std::map<K, bool> changed_;
  std::vector<duplicate_create> duplicates_;
};

}  // namespace reconcile::sim
