// reconcile::expectations: actions issued but not yet observed, one per resource address
// (Kubernetes' ControllerExpectations), attempt numbers per address, and their journal.
// plan.hpp needs only its hooks (detail/expect_hooks.hpp); include this header to make one.
// What it keeps under its lock, and the journal's replay, are detail/expect_book.hpp.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/action.hpp>
#include <reconcile/detail/expect_book.hpp>
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
#include <utility>

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
      : clock_(c ? c : &real_clock::instance()), book_(ttl) {}
  /// expectations(j, ttl, clock): over journal j (which must outlive it): reloads the intents
  /// and attempt numbers j holds (an intent keeps the rest of its TTL: records are stamped by
  /// the system clock with the real clock, else by `clock`, e.g. a simulation's), then
  /// compacts j to them. Costs one load and one compact of j.
  explicit expectations(reconcile::journal& j, duration ttl = std::chrono::minutes(5),
                        const reconcile::clock* c = nullptr)
      : expectations(ttl, c) {
    std::lock_guard lk(mutex_);
    book_.log = detail::intent_log(&j, clock_);
    book_.reload(clock_->now());
  }
  expectations(const expectations&) = delete;
  expectations& operator=(const expectations&) = delete;
  ~expectations() = default;
  duration ttl() const noexcept { return book_.ttl; }

  /// Number of expectations not met yet and not expired.
  std::size_t pending() const {
    std::lock_guard lk(mutex_);
    return book_.pending(clock_->now());
  }
  /// Number of removes and replaces in flight (not met yet, not expired).
  std::size_t pending_destroys() const {
    std::lock_guard lk(mutex_);
    return book_.count_fresh(clock_->now(), [](const entry& e) { return e.v == verb::remove || e.v == verb::replace; });
  }
  /// Number of expectations whose action's outcome is unknown (reported so, or reloaded from
  /// a journal), not met yet and not expired.
  std::size_t unknown() const {
    std::lock_guard lk(mutex_);
    return book_.count_fresh(clock_->now(),
                             [](const entry& e) { return e.state == phase::unknown || e.state == phase::restored; });
  }
  /// True when an action with this idempotency key is in flight (issued less than ttl ago and
  /// not yet observed).
  bool in_flight(std::uint64_t key) const {
    std::lock_guard lk(mutex_);
    return book_.in_flight(key, clock_->now());
  }
  /// True when an action on this address (e.g. `volumes["v"]`) of this slice
  /// (plan_options::slice; keyed_loop: the printed key) is in flight.
  bool in_flight_at(const std::string& address, const std::string& slice = {}) const {
    std::lock_guard lk(mutex_);
    auto it = book_.by_address.find(joined(slice, address));
    return it != book_.by_address.end() && book_.fresh(it->second.since, clock_->now());
  }
  /// The attempt number of the latest attempt on this address of this slice (0 if none).
  std::uint32_t attempt_at(const std::string& address, const std::string& slice = {}) const {
    std::lock_guard lk(mutex_);
    auto it = book_.attempts.find(joined(slice, address));
    return it == book_.attempts.end() ? 0 : it->second.n;
  }
  /// Records that the action with this key was issued now, without an address: only an
  /// identical action is held back, until the TTL expires (no observation can tell which
  /// address it concerns).
  void record(std::uint64_t key) {
    std::lock_guard lk(mutex_);
    book_.by_key[key] = clock_->now();
  }
  /// Records that action `a` was issued now: its address waits for its target.
  void record(const action& a) {
    auto target = detail::action_access::target(a);
    std::lock_guard lk(mutex_);
    book_.open_attempt(a, {});
    book_.put(a.address(), {a.idempotency_key(), clock_->now(), a.verb(), std::move(target), phase::sent, {}});
  }
  /// Forgets the expectation on this address (e.g. the action turned out to have failed); the
  /// attempt is settled (the next action there gets a new request id).
  void forget(const std::string& address, const std::string& slice = {}) {
    const std::string id = joined(slice, address);
    std::lock_guard lk(mutex_);
    if (book_.drop(id)) book_.close_attempt(id);
  }
  /// Forgets every expectation (attempt numbers are kept).
  void clear() {
    std::lock_guard lk(mutex_);
    for (const auto& [id, e] : book_.by_address) book_.close_attempt(id);
    book_.by_address.clear();
    book_.slices.clear();
    book_.by_key.clear();
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
  static std::string joined(const std::string& slice, const std::string& address) {
    return detail::expect_book::joined(slice, address);
  }

  // admit(a): whether execute may issue action a. `go`: issue it (the address is now
  // reserved, and the intent journaled: confirm(), unknown() or fail() it); `expected`
  // (identical action in flight) / `held` (a different one; `reason` says which): do not.
  detail::admission admit(const action& a, const std::string& slice, std::string& reason) {
    const std::string address = a.address(), id = joined(slice, address);
    auto target = detail::action_access::target(a);
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    if (auto k = book_.by_key.find(a.idempotency_key()); k != book_.by_key.end() && book_.fresh(k->second, now))
      return detail::admission::expected;
    auto it = book_.by_address.find(id);
    if (it != book_.by_address.end() && book_.fresh(it->second.since, now) && !book_.met(it->second, a)) {
      reason = book_.why(it->second, now);
      return it->second.id == a.idempotency_key() ? detail::admission::expected : detail::admission::held;
    }
    if (it != book_.by_address.end()) book_.close_attempt(id);  // met or expired: that attempt is over
    book_.open_attempt(a, slice);
    if (book_.log) book_.log.issued(a, slice);
    book_.put(id, {a.idempotency_key(), now, a.verb(), std::move(target), phase::issuing, slice});
    return detail::admission::go;
  }
  // the action admitted has succeeded (phase sent) or its outcome is unknown: its
  // expectation starts now. `removal`: a replace run as its remove alone: the address now
  // waits for the resource gone (journaled as a remove of the same attempt).
  void confirm(const action& a, const std::string& slice, phase p, std::unique_ptr<detail::expected_target> removal) {
    const std::string id = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    auto it = book_.by_address.find(id);
    if (it != book_.by_address.end() && it->second.id == a.idempotency_key()) {
      it->second.since = clock_->now();
      it->second.state = p;
      if (removal) {
        it->second.v = verb::remove;
        it->second.target = std::move(removal);
        if (book_.log) book_.log.issued(a, slice, verb::remove);
      }
    }
  }
  // the action admitted has definitely failed: no expectation, the attempt is settled.
  void fail(const action& a, const std::string& slice) {
    const std::string id = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    auto it = book_.by_address.find(id);
    if (it != book_.by_address.end() && it->second.id == a.idempotency_key()) {
      book_.drop(id);
      book_.close_attempt(id);
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
    book_.erase_in_slice(slice, [&](const std::string& id, const entry& e) {
      if (!book_.fresh(e.since, now)) {
        book_.close_attempt(id);  // expired: the attempt is over (the next action is a new one)
        return true;
      }
      if (e.state == phase::issuing || !e.target || e.target->kind_index != kind_index) return false;
      if (!whole && !shown(*e.target)) return false;
      if (!met_in_slice(*e.target)) return false;
      book_.close_attempt(id);
      return true;
    });
  }
  // Whether any expectation of this kind was reloaded from the journal (known by hash only).
  bool has_restored(std::size_t kind_index) const override {
    std::lock_guard lk(mutex_);
    for (const auto& [address, e] : book_.by_address)
      if (e.target && !e.target->key_type && e.target->kind_index == kind_index) return true;
    return false;
  }
  // marks `a`: its attempt number and request id, and held (with the reason) when its address
  // has an expectation still unmet.
  void mark(action& a, const request_id_format& f, const std::string& slice) const override {
    const std::string address = joined(slice, a.address());
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    auto it = book_.by_address.find(address);
    const bool live = it != book_.by_address.end() && book_.fresh(it->second.since, now);  // not expired
    std::uint32_t n = 0;
    if (auto at = book_.attempts.find(address); at != book_.attempts.end())
      n = live && at->second.open && at->second.key == a.idempotency_key() ? at->second.n : at->second.n + 1;
    detail::action_access::attempt(a, n, f);
    if (live)
      detail::action_access::hold(a, book_.why(it->second, now), it->second.id == a.idempotency_key());
    else if (auto k = book_.by_key.find(a.idempotency_key()); k != book_.by_key.end() && book_.fresh(k->second, now))
      detail::action_access::hold(a, "waiting for the same " + std::string(to_string(a.verb())) + " in flight to be observed",
                                  true);
  }

  const reconcile::clock* clock_;
  mutable std::mutex mutex_;
  detail::expect_book book_;  // under mutex_
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
  book_.erase_in_slice(slice, [&](const std::string& id, const entry& e) {
    if (!book_.fresh(e.since, now)) return true;
    auto it = at.find(id);
    if (it == at.end() || !book_.met(e, *it->second)) return false;
    book_.close_attempt(id);
    return true;
  });
  std::erase_if(book_.by_key, [&](const auto& e) { return !book_.fresh(e.second, now); });
}

}  // namespace reconcile
