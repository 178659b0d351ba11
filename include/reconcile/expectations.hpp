// reconcile::expectations: actions issued but not yet observed, one per resource address
// (Kubernetes' ControllerExpectations), attempt numbers per address, and their journal.
// plan.hpp needs only its hooks (detail/expect_hooks.hpp); include this header to make one.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/action.hpp>
#include <reconcile/detail/expect_entry.hpp>
#include <reconcile/detail/expect_hooks.hpp>
#include <reconcile/detail/intent_log.hpp>
#include <reconcile/journal.hpp>
#include <reconcile/plan.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace reconcile {

namespace detail {
// How execute admits an action: issue it, or not (an identical one / another one in flight).
enum class admission : unsigned char { go, expected, held };
// execute's and plan_for's way in to the expectations (not public).
struct expect_access;
}  // namespace detail

/// expectations: for each resource address (`deployments["web"]`), the action issued on it
/// that the observer has not shown yet, and the target it drives the resource toward (the
/// desired resource, or its absence for a remove). While such an expectation is unmet and
/// younger than the TTL, no further action on that address is issued: execute reports an
/// identical action (same idempotency key) as `expected` and any other as `held`, with the
/// reason. It is met when an observation shows the resource equal to the target by the
/// resource's rules (ignore, tolerance...), or gone for a remove; it expires after the TTL (a
/// lost event cannot wedge a resource). A definitely failed action leaves none; an action of
/// unknown outcome (reconcile::effect) leaves one, like a success.
/// Observations come from plan_for(observed, desired, {.expect = &e}), which settles only the
/// addresses present in its observed or desired world, and from the actions of the plans
/// given to execute / observe (each carries its resource as observed); an address that no
/// observation covers keeps its expectation. So one object may serve any slicing of a world
/// (per key, per shard, the whole world): planning one slice never settles another's.
/// Attempts: per address, the expectations number the attempts (action::attempt()) and so
/// give every new attempt a new action::request_id() and every retry of one the same. An
/// attempt is open from its issue until it settles: observed, definitely failed, forgotten, or
/// expired (the TTL is how long an effect may take to show; past it, the observation is the
/// truth, and an action there is a new attempt: else a venue that remembers ids would take
/// every later retry for a replay of an effect that was undone, and never act again).
/// Over a journal (file_journal, etcd::journal), intents and attempt numbers survive a
/// restart: an intent written before the actuator call is reloaded as in flight (unknown).
/// Thread-safe. Costs per action: one hash look-up, plus one copy of the desired resource
/// when issued (and one journal append over a journal).
class expectations final : private detail::expect_hooks {
 public:
  /// expectations(ttl = 5 min, clock = null: the steady clock). The clock must outlive it.
  explicit expectations(duration ttl = std::chrono::minutes(5), const reconcile::clock* c = nullptr)
      : ttl_(ttl), clock_(c ? c : &real_clock::instance()) {}
  /// expectations(j, ttl, clock): over journal j (which must outlive it): reloads the intents
  /// and attempt numbers j holds (an intent keeps the rest of its TTL: records are stamped by
  /// the system clock with the real clock, else by `clock`, e.g. a simulation's), then
  /// compacts j to them. Costs one load and one compact of j.
  explicit expectations(reconcile::journal& j, duration ttl = std::chrono::minutes(5),
                        const reconcile::clock* c = nullptr)
      : expectations(ttl, c) {
    log_ = detail::intent_log(&j, clock_);
    reload();
  }
  expectations(const expectations&) = delete;
  expectations& operator=(const expectations&) = delete;
  ~expectations() = default;
  duration ttl() const noexcept { return ttl_; }

  /// Number of expectations not met yet and not expired.
  std::size_t pending() const {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    std::size_t n = count_fresh(now, [](const entry&) { return true; });
    for (const auto& [key, since] : by_key_)
      if (fresh(since, now)) ++n;
    return n;
  }
  /// Number of removes and replaces in flight (not met yet, not expired).
  std::size_t pending_destroys() const {
    std::lock_guard lk(mutex_);
    return count_fresh(clock_->now(), [](const entry& e) { return e.v == verb::remove || e.v == verb::replace; });
  }
  /// Number of expectations whose action's outcome is unknown (reported so, or reloaded from
  /// a journal), not met yet and not expired.
  std::size_t unknown() const {
    std::lock_guard lk(mutex_);
    return count_fresh(clock_->now(),
                       [](const entry& e) { return e.state == phase::unknown || e.state == phase::restored; });
  }
  /// True when an action with this idempotency key is in flight (issued less than ttl ago and
  /// not yet observed).
  bool in_flight(std::uint64_t key) const {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    if (auto it = by_key_.find(key); it != by_key_.end() && fresh(it->second, now)) return true;
    for (const auto& [address, e] : by_address_)
      if (e.id == key && fresh(e.since, now)) return true;
    return false;
  }
  /// True when an action on this address (e.g. `volumes["v"]`) of this slice
  /// (plan_options::slice; keyed_loop: the printed key) is in flight.
  bool in_flight_at(const std::string& address, const std::string& slice = {}) const {
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(joined(slice, address));
    return it != by_address_.end() && fresh(it->second.since, clock_->now());
  }
  /// The attempt number of the latest attempt on this address of this slice (0 if none).
  std::uint32_t attempt_at(const std::string& address, const std::string& slice = {}) const {
    std::lock_guard lk(mutex_);
    auto it = attempts_.find(joined(slice, address));
    return it == attempts_.end() ? 0 : it->second.n;
  }
  /// Records that the action with this key was issued now, without an address: only an
  /// identical action is held back, until the TTL expires (no observation can tell which
  /// address it concerns).
  void record(std::uint64_t key) {
    std::lock_guard lk(mutex_);
    by_key_[key] = clock_->now();
  }
  /// Records that action `a` was issued now: its address waits for its target.
  void record(const action& a) {
    auto target = detail::action_access::target(a);
    std::lock_guard lk(mutex_);
    open_attempt(a, {});
    put(a.address(), {a.idempotency_key(), clock_->now(), a.verb(), std::move(target), phase::sent, {}});
  }
  /// Forgets the expectation on this address (e.g. the action turned out to have failed); the
  /// attempt is settled (the next action there gets a new request id).
  void forget(const std::string& address, const std::string& slice = {}) {
    const std::string id = joined(slice, address);
    std::lock_guard lk(mutex_);
    if (drop(id)) close_attempt(id);
  }
  /// Forgets every expectation (attempt numbers are kept).
  void clear() {
    std::lock_guard lk(mutex_);
    for (const auto& [id, e] : by_address_) close_attempt(id);
    by_address_.clear();
    slices_.clear();
    by_key_.clear();
  }

  /// observe(live): `live` is a plan computed from a fresh observation. Each expectation on an
  /// address the plan has an action for (deferred ones included) is met when that action's
  /// observed resource equals its target; addresses without an action keep theirs (the plan
  /// may cover another slice of the world). Expired ones go.
  template <class World>
  void observe(const plan<World>& live);

 private:
  friend struct detail::expect_access;
  friend class detail::expect_ptr;  // converts an expectations* to its hooks
  using phase = detail::expect_phase;
  using entry = detail::expect_entry;
  using attempt_record = detail::attempt_record;
  static std::string joined(const std::string& slice, const std::string& address) {
    return detail::intent_log::joined(slice, address);
  }

  // admit(a): whether execute may issue action a. `go`: issue it (the address is now
  // reserved, and the intent journaled: confirm(), unknown() or fail() it); `expected`
  // (identical action in flight) / `held` (a different one; `reason` says which): do not.
  detail::admission admit(const action& a, const std::string& slice, std::string& reason) {
    const std::string address = a.address(), id = joined(slice, address);
    auto target = detail::action_access::target(a);
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    if (auto k = by_key_.find(a.idempotency_key()); k != by_key_.end() && fresh(k->second, now))
      return detail::admission::expected;
    auto it = by_address_.find(id);
    if (it != by_address_.end() && fresh(it->second.since, now) && !met(it->second, a)) {
      reason = why(it->second, now);
      return it->second.id == a.idempotency_key() ? detail::admission::expected : detail::admission::held;
    }
    if (it != by_address_.end()) close_attempt(id);  // met or expired: that attempt is over
    open_attempt(a, slice);
    if (log_) log_.issued(a, slice);
    put(id, {a.idempotency_key(), now, a.verb(), std::move(target), phase::issuing, slice});
    return detail::admission::go;
  }
  // the action admitted has succeeded (phase sent) or its outcome is unknown: its
  // expectation starts now. `removal`: a replace run as its remove alone: the address now
  // waits for the resource gone (journaled as a remove of the same attempt).
  void confirm(const action& a, const std::string& slice, phase p, std::unique_ptr<detail::expected_target> removal) {
    const std::string id = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(id);
    if (it != by_address_.end() && it->second.id == a.idempotency_key()) {
      it->second.since = clock_->now();
      it->second.state = p;
      if (removal) {
        it->second.v = verb::remove;
        it->second.target = std::move(removal);
        if (log_) log_.issued(a, slice, verb::remove);
      }
    }
  }
  // the action admitted has definitely failed: no expectation, the attempt is settled.
  void fail(const action& a, const std::string& slice) {
    const std::string id = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(id);
    if (it != by_address_.end() && it->second.id == a.idempotency_key()) {
      drop(id);
      close_attempt(id);
    }
  }
  // plan_for's check of one kind against its observed slice: shown(target) says whether the
  // slice shows the target's address (observed or desired), met_in_slice(target) whether the
  // observation meets it. A whole-world observation of slice `slice` also covers every
  // expectation issued from that slice. Met and expired expectations are erased.
  void settle(std::size_t kind_index, const std::string& slice, bool whole, target_test shown,
              target_test met_in_slice) override {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    erase_in_slice(slice, [&](const std::string& id, const entry& e) {
      if (!fresh(e.since, now)) {
        close_attempt(id);  // expired: the attempt is over (the next action is a new one)
        return true;
      }
      if (e.state == phase::issuing || !e.target || e.target->kind_index != kind_index) return false;
      if (!whole && !shown(*e.target)) return false;
      if (!met_in_slice(*e.target)) return false;
      close_attempt(id);
      return true;
    });
  }
  // Whether any expectation of this kind was reloaded from the journal (known by hash only).
  bool has_restored(std::size_t kind_index) const override {
    std::lock_guard lk(mutex_);
    for (const auto& [address, e] : by_address_)
      if (e.target && !e.target->key_type && e.target->kind_index == kind_index) return true;
    return false;
  }
  // marks `a`: its attempt number and request id, and held (with the reason) when its address
  // has an expectation still unmet.
  void mark(action& a, const request_id_format& f, const std::string& slice) const override {
    const std::string address = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    auto it = by_address_.find(address);
    const bool live = it != by_address_.end() && fresh(it->second.since, now);  // not expired
    std::uint32_t n = 0;
    if (auto at = attempts_.find(address); at != attempts_.end())
      n = live && at->second.open && at->second.key == a.idempotency_key() ? at->second.n : at->second.n + 1;
    detail::action_access::attempt(a, n, f);
    if (live)
      detail::action_access::hold(a, why(it->second, now), it->second.id == a.idempotency_key());
    else if (auto k = by_key_.find(a.idempotency_key()); k != by_key_.end() && fresh(k->second, now))
      detail::action_access::hold(a, "waiting for the same " + std::string(to_string(a.verb())) + " in flight to be observed",
                                  true);
  }

  // Under the lock:
  void open_attempt(const action& a, const std::string& slice) {
    attempts_[joined(slice, a.address())] = {a.idempotency_key(), a.attempt(), true, slice, a.address()};
  }
  void close_attempt(const std::string& id) {
    auto at = attempts_.find(id);
    if (at == attempts_.end() || !at->second.open) return;
    at->second.open = false;
    if (log_) log_.settled(at->second.slice, at->second.address, at->second.key, at->second.n);
  }
  // Replays the journal: open intents come back in flight (phase restored) with the rest of
  // their TTL; an expired one is settled, as it would have been without the restart (the
  // next action there is a new attempt, with a new request id).
  void reload() {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    log_.replay([&](const std::string& id, const journal_record& r, std::chrono::milliseconds age) {
      const bool open = r.what == journal_record::what_t::issued && age < ttl_;
      attempts_[id] = {r.idempotency_key, r.attempt, open, r.slice, r.address};
      if (!open) return;
      const std::size_t lb = r.address.find('['), rb = r.address.rfind(']');
      std::string key = lb != std::string::npos && rb > lb ? r.address.substr(lb + 1, rb - lb - 1) : "";
      auto target = std::make_unique<detail::restored_target>(r.kind_index, std::move(key), r.target_hash);
      put(id, {r.idempotency_key, now - std::chrono::duration_cast<duration>(age), r.verb, std::move(target),
               phase::restored, r.slice});
    });
  }

  bool fresh(time_point since, time_point now) const noexcept { return now - since < ttl_; }
  // The entries by id, indexed by slice too: a slice's pass visits only its own entries.
  void put(const std::string& id, entry e) {
    slices_[e.slice].insert(id);
    by_address_[id] = std::move(e);
  }
  bool drop(const std::string& id) {
    auto it = by_address_.find(id);
    if (it == by_address_.end()) return false;
    if (auto s = slices_.find(it->second.slice); s != slices_.end() && s->second.erase(id) && s->second.empty())
      slices_.erase(s);
    by_address_.erase(it);
    return true;
  }
  // Erases the entries of `slice` that pred(id, entry) accepts.
  template <class Pred>
  void erase_in_slice(const std::string& slice, Pred pred) {
    auto s = slices_.find(slice);
    if (s == slices_.end()) return;
    std::vector<std::string> gone;
    for (const std::string& id : s->second)
      if (pred(id, by_address_.at(id))) gone.push_back(id);
    for (const std::string& id : gone) drop(id);
  }
  // The address expectations, not expired, that `pred` accepts (under the lock).
  template <class Pred>
  std::size_t count_fresh(time_point now, Pred pred) const {
    std::size_t n = 0;
    for (const auto& [id, e] : by_address_)
      if (fresh(e.since, now) && pred(e)) ++n;
    return n;
  }
  static bool met(const entry& e, const action& later) {
    return e.state != phase::issuing && e.target && e.target->met_by(later);
  }
  std::string why(const entry& e, time_point now) const { return detail::waiting_reason(e, now, ttl_); }

  duration ttl_;
  const reconcile::clock* clock_;
  detail::intent_log log_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> by_address_;
  std::unordered_map<std::string, std::unordered_set<std::string>> slices_;  // slice -> ids
  std::unordered_map<std::uint64_t, time_point> by_key_;
  std::unordered_map<std::string, attempt_record> attempts_;
};

namespace detail {
struct expect_access {
  static admission admit(expectations& e, const action& a, const std::string& slice, std::string& reason) {
    return e.admit(a, slice, reason);
  }
  static void confirm(expectations& e, const action& a, const std::string& slice,
                      std::unique_ptr<expected_target> removal = nullptr) {
    e.confirm(a, slice, expectations::phase::sent, std::move(removal));
  }
  static void unknown(expectations& e, const action& a, const std::string& slice,
                      std::unique_ptr<expected_target> removal = nullptr) {
    e.confirm(a, slice, expectations::phase::unknown, std::move(removal));
  }
  static void fail(expectations& e, const action& a, const std::string& slice) { e.fail(a, slice); }
};
}  // namespace detail

template <class World>
void expectations::observe(const plan<World>& live) {
  std::unordered_map<std::string, const action*> at;
  const std::string& slice = detail::plan_access::slice(live);
  for (const action& a : live) at.emplace(joined(slice, a.address()), &a);
  for (const auto& a : detail::plan_access::deferred_actions(live)) at.emplace(joined(slice, a->address()), a.get());
  std::lock_guard lk(mutex_);
  const time_point now = clock_->now();
  erase_in_slice(slice, [&](const std::string& id, const entry& e) {
    if (!fresh(e.since, now)) return true;
    auto it = at.find(id);
    if (it == at.end() || !met(e, *it->second)) return false;
    close_attempt(id);
    return true;
  });
  std::erase_if(by_key_, [&](const auto& e) { return !fresh(e.second, now); });
}

}  // namespace reconcile
