// reconcile::expectations: actions issued but not yet observed, one per resource address
// (Kubernetes' ControllerExpectations). Part of plan.hpp and execute.hpp.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/action.hpp>

#include <atomic>
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

template <class World>
class plan;
class expectations;

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
/// lost event cannot wedge a resource); a failed action leaves none. Observations come from
/// plan_for(observed, desired, {.expect = &e}) (the whole observed world: exact) or from the
/// plans given to execute / observe (each action carries its resource as observed; an address
/// such a plan has no action for is taken as met, its observation agreeing with the desired
/// state). One expectations object per world (per loop); thread-safe.
/// Costs per action: one hash look-up, plus one copy of the desired resource when issued.
class expectations {
 public:
  /// expectations(ttl = 5 min, clock = null: the steady clock). The clock must outlive it.
  explicit expectations(duration ttl = std::chrono::minutes(5), const reconcile::clock* c = nullptr)
      : ttl_(ttl), clock_(c ? c : &real_clock::instance()), serial_(next_serial()) {}
  duration ttl() const noexcept { return ttl_; }

  /// Number of expectations not met yet and not expired.
  std::size_t pending() const {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    std::size_t n = 0;
    for (const auto& [address, e] : by_address_) n += fresh(e.since, now) ? 1u : 0u;
    for (const auto& [key, since] : by_key_) n += fresh(since, now) ? 1u : 0u;
    return n;
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
  /// True when an action on this address (e.g. `volumes["v"]`) is in flight.
  bool in_flight_at(const std::string& address) const {
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(address);
    return it != by_address_.end() && fresh(it->second.since, clock_->now());
  }
  /// Records that the action with this key was issued now, without an address: only an
  /// identical action is held back, until a plan no longer holds it or the TTL expires.
  void record(std::uint64_t key) {
    std::lock_guard lk(mutex_);
    by_key_[key] = clock_->now();
  }
  /// Records that action `a` was issued now: its address waits for its target.
  void record(const action& a) {
    auto target = a.target();
    std::lock_guard lk(mutex_);
    by_address_[a.address()] = {a.idempotency_key(), clock_->now(), a.verb(), std::move(target), false};
  }
  /// Forgets the expectation on this address (e.g. the action turned out to have failed).
  void forget(const std::string& address) {
    std::lock_guard lk(mutex_);
    by_address_.erase(address);
  }
  /// Forgets every expectation.
  void clear() {
    std::lock_guard lk(mutex_);
    by_address_.clear();
    by_key_.clear();
  }

  /// observe(live): `live` is a plan computed from a fresh observation. Each expectation on an
  /// address the plan has an action for (deferred ones included) is met when that action's
  /// observed resource equals its target; one on an address without action is met too (the
  /// observation agrees with the desired state there), unless the plan was computed with these
  /// expectations (plan_options::expect), which checked the whole observed world already.
  /// Expectations recorded by key alone end when the plan no longer holds their action.
  /// Expired ones go.
  template <class World>
  void observe(const plan<World>& live);

 private:
  friend struct detail::expect_access;
  // serial(): distinct for every expectations object of the program (a plan remembers which
  // one it was checked against without holding a pointer to it).
  std::uint64_t serial() const noexcept { return serial_; }

  // admit(a): whether execute may issue action a. `go`: issue it (the address is now
  // reserved: confirm() or fail() it); `expected` (identical action in flight) / `held` (a
  // different one; `reason` says which): do not.
  detail::admission admit(const action& a, std::string& reason) {
    const std::string address = a.address();
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    if (auto k = by_key_.find(a.idempotency_key()); k != by_key_.end() && fresh(k->second, now))
      return detail::admission::expected;
    auto it = by_address_.find(address);
    if (it != by_address_.end() && fresh(it->second.since, now) && !met(it->second, a)) {
      if (it->second.id == a.idempotency_key()) return detail::admission::expected;
      reason = why(it->second, now);
      return detail::admission::held;
    }
    by_address_[address] = {a.idempotency_key(), now, a.verb(), a.target(), true};  // reserved
    return detail::admission::go;
  }
  // the action admitted has succeeded: its expectation starts now.
  void confirm(const action& a) {
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(a.address());
    if (it != by_address_.end() && it->second.id == a.idempotency_key()) {
      it->second.since = clock_->now();
      it->second.issuing = false;
    }
  }
  // the action admitted has failed: no expectation.
  void fail(const action& a) {
    std::lock_guard lk(mutex_);
    auto it = by_address_.find(a.address());
    if (it != by_address_.end() && it->second.id == a.idempotency_key()) by_address_.erase(it);
  }
  // plan_for's check against the whole observed world: met_in_world(target) says
  // whether the observation meets a target; met and expired expectations are erased.
  template <class F>
  void settle(F&& met_in_world) {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    std::erase_if(by_address_, [&](const auto& kv) {
      const entry& e = kv.second;
      return !fresh(e.since, now) || (!e.issuing && e.target && met_in_world(*e.target));
    });
  }
  // marks `a` held (a.held_reason()) when its address has an expectation still unmet.
  void mark(action& a) const {
    std::lock_guard lk(mutex_);
    const time_point now = clock_->now();
    auto it = by_address_.find(a.address());
    if (it != by_address_.end() && fresh(it->second.since, now)) a.held_reason_ = why(it->second, now);
    else if (auto k = by_key_.find(a.idempotency_key()); k != by_key_.end() && fresh(k->second, now))
      a.held_reason_ = "waiting for the same " + std::string(to_string(a.verb())) + " in flight to be observed";
  }

  struct entry {
    std::uint64_t id = 0;  // the idempotency key of the action in flight
    time_point since{};    // when it was issued (reserved, then confirmed)
    verb v = verb::create;
    std::unique_ptr<detail::expected_target> target;
    bool issuing = false;  // the actuator call has not returned yet
  };
  static std::uint64_t next_serial() noexcept {
    static std::atomic<std::uint64_t> n{0};
    return ++n;
  }
  bool fresh(time_point since, time_point now) const noexcept { return now - since < ttl_; }
  static bool met(const entry& e, const action& later) { return !e.issuing && e.target && e.target->met_by(later); }
  // e.g. "waiting for the create in flight to be observed (issued 2000 ms ago, expires in 28000 ms)".
  std::string why(const entry& e, time_point now) const {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    const auto age = duration_cast<milliseconds>(now - e.since).count();
    const auto left = duration_cast<milliseconds>(ttl_ - (now - e.since)).count();
    const std::string v(to_string(e.v));
    const std::string times = std::to_string(age) + " ms ago, expires in " + std::to_string(left) + " ms)";
    if (e.issuing) return "waiting for the " + v + " being issued on another thread (started " + times;
    return "waiting for the " + v + " in flight to be observed" + (e.v == verb::remove ? " gone" : "") +
           " (issued " + times;
  }

  duration ttl_;
  const reconcile::clock* clock_;
  std::uint64_t serial_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> by_address_;
  std::unordered_map<std::uint64_t, time_point> by_key_;
};

namespace detail {
struct expect_access {
  static std::uint64_t serial(const expectations& e) noexcept { return e.serial(); }
  static admission admit(expectations& e, const action& a, std::string& reason) { return e.admit(a, reason); }
  static void confirm(expectations& e, const action& a) { e.confirm(a); }
  static void fail(expectations& e, const action& a) { e.fail(a); }
  template <class F>
  static void settle(expectations& e, F&& met_in_world) {
    e.settle(std::forward<F>(met_in_world));
  }
  static void mark(const expectations& e, action& a) { e.mark(a); }
};
}  // namespace detail
}  // namespace reconcile
