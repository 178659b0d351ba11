// reconcile/execute.hpp - running a plan on an actuator, with dependency-aware skipping,
// Kubernetes-style expectations and bounded parallelism.
//
// The actuator has, for each resource type R with key type K (failure: an exception, a
// `false`, or a non-zero std::error_code; void means success):
//   create(const K&, const R& desired)
//   update(const K&, const R& observed, const R& desired, const changeset<R>&)
//   remove(const K&, const R& observed)
//   replace(const K&, const R& observed, const R& desired)   // optional
// Without replace(), a replace runs remove then create (create first under
// create_before_destroy). An action runs only if the actions it depends on succeeded:
// creates/updates/replaces of kind i depend on those of earlier kinds; removes of kind i on
// the removes of later kinds. The dependents of a failure are skipped.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/execute_impl.hpp>
#include <reconcile/plan.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace reconcile {

/// expectations: actions executed successfully but not yet seen by the observer. While an
/// identical action (same idempotency key) is pending and younger than the TTL, execute
/// does not issue it again (Kubernetes' ReplicaSet "expectations"). An expectation ends when
/// a plan no longer holds its action (the observation caught up) or when the TTL expires.
/// Thread-safe. Costs one hash look-up per action.
class expectations {
 public:
  explicit expectations(duration ttl = std::chrono::minutes(5), const reconcile::clock* c = nullptr)
      : ttl_(ttl), clock_(c ? c : &real_clock::instance()) {}
  /// Number of actions in flight (not yet observed, not expired).
  std::size_t pending() const {
    std::lock_guard lk(mutex_);
    std::size_t n = 0;
    const time_point now = clock_->now();
    for (const auto& [key, since] : inflight_) n += now - since < ttl_ ? 1 : 0;
    return n;
  }
  /// Forgets every action not in `live` (they were observed), keeps the others.
  template <class World>
  void observe(const plan<World>& live) {
    std::lock_guard lk(mutex_);
    std::erase_if(inflight_, [&](const auto& e) {
      return std::none_of(live.begin(), live.end(), [&](const action& a) { return a.idempotency_key() == e.first; });
    });
  }
  bool in_flight(std::uint64_t key) const {
    std::lock_guard lk(mutex_);
    auto it = inflight_.find(key);
    return it != inflight_.end() && clock_->now() - it->second < ttl_;
  }
  void record(std::uint64_t key) {
    std::lock_guard lk(mutex_);
    inflight_[key] = clock_->now();
  }

 private:
  duration ttl_;
  const reconcile::clock* clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, time_point> inflight_;
};

/// execute_options: expectations to honour (none by default) and how many actions of one
/// wave (same kind and phase: they never depend on each other) may run at once. Default 1:
/// sequential, the actuator needs no locking; above 1 it must be thread-safe.
struct execute_options {
  expectations* expect = nullptr;
  std::size_t parallelism = 1;
};

/// execute(p, actuator, options = {}): runs the plan's actions in order on the actuator.
/// Returns the report of every action's outcome; report.ok() when none failed or was skipped.
template <class World, class Actuator>
report execute(const plan<World>& p, Actuator& actuator, const execute_options& options = {}) {
  static_assert(detail::actuator_for_world<World, Actuator>(),
                "reconcile::execute: the actuator lacks create(key, desired), update(key, observed, desired, "
                "changeset) or remove(key, observed) for a resource type of this plan (see the "
                "'required from' note naming it)");
  report r;
  if (options.expect) options.expect->observe(p);
  const std::size_t n = p.size();
  r.outcomes.resize(n);
  std::vector<bool> build_failed, destroy_failed;
  std::size_t i = 0;
  while (i < n) {
    // A wave: consecutive actions of one kind and one phase.
    const action& first = p[i];
    const bool destroy = first.verb() == verb::remove;
    std::size_t j = i;
    while (j < n && p[j].kind_index() == first.kind_index() && (p[j].verb() == verb::remove) == destroy) ++j;
    const std::size_t k = first.kind_index();
    if (build_failed.size() <= k) build_failed.resize(k + 1, false), destroy_failed.resize(k + 1, false);
    bool blocked = false;
    if (destroy) {
      for (std::size_t m = k + 1; m < destroy_failed.size(); ++m) blocked = blocked || destroy_failed[m];
    } else {
      for (std::size_t m = 0; m < k; ++m) blocked = blocked || build_failed[m];
    }
    auto run_one = [&](std::size_t idx) {
      const action& a = p[idx];
      outcome& o = r.outcomes[idx];
      o = detail::describe(a);
      if (blocked) {
        o.status = outcome_status::skipped;
        o.error = "a dependency failed";
      } else if (options.expect && options.expect->in_flight(a.idempotency_key())) {
        o.status = outcome_status::expected;
      } else {
        auto err = detail::run_action<World>(a, actuator);
        o.status = err ? outcome_status::failed : outcome_status::succeeded;
        if (err) o.error = std::move(*err);
        else if (options.expect) options.expect->record(a.idempotency_key());
      }
    };
    const std::size_t width = std::max<std::size_t>(1, options.parallelism);
    if (width == 1 || j - i == 1) {
      for (std::size_t idx = i; idx < j; ++idx) run_one(idx);
    } else {
      for (std::size_t b = i; b < j; b += width) {
        std::vector<std::thread> threads;
        for (std::size_t idx = b; idx < std::min(j, b + width); ++idx) threads.emplace_back(run_one, idx);
        for (auto& t : threads) t.join();
      }
    }
    bool failed = false;
    for (std::size_t idx = i; idx < j; ++idx)
      failed = failed || r.outcomes[idx].status == outcome_status::failed || r.outcomes[idx].status == outcome_status::skipped;
    if (failed) (destroy ? destroy_failed : build_failed)[k] = true;
    i = j;
  }
  return r;
}

}  // namespace reconcile
