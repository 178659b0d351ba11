// reconcile/execute.hpp - running a plan on an actuator, with dependency-aware skipping,
// Kubernetes-style expectations, unknown outcomes and bounded parallelism.
//
// The actuator has, for each resource type R with key type K (its result: see effect.hpp;
// void, bool, std::error_code or reconcile::effect; an exception is a failure, a thrown
// reconcile::outcome_unknown an unknown outcome):
//   create(const K&, const R& desired)
//   update(const K&, const R& observed, const R& desired, const changeset<R>&)
//   remove(const K&, const R& observed)
//   replace(const K&, const R& observed, const R& desired)   // optional
// Each may take extra last arguments: `const reconcile::action&` (e.g. to send its
// request_id()), then `std::stop_token` (stopped by execute_options::stop or call_timeout: a
// call that then ends without success is unknown: it may have landed). Without replace(), a replace runs remove
// then create (create first under create_before_destroy); with expectations, it runs the
// remove alone (its outcome `succeeded`, saying so) and expects the resource gone: the next
// plan that observes it gone creates it (a new attempt), so a removal that lands late (an
// asynchronous delete, a queued request) cannot delete the new resource.
// Dependencies: by kind (default): creates/updates/replaces of kind i depend on those of
// earlier kinds; removes of kind i on the removes of later kinds. Per resource (with
// plan_options::depends_on): an action depends only on the actions on the addresses its
// resource needs (a remove: on the removes of the resources that need it). The dependents of a
// failure are skipped; the dependents of an action in flight (unknown, expected, held, or,
// with expectations and per-resource dependencies, just issued and not yet observed) are held.
// With expectations, an action on a resource whose earlier action is still in flight is not
// issued (`expected` when identical, `held` otherwise).
//
//   auto report = reconcile::execute(plan, cloud);
//   if (!report.ok()) fmt::print("{}\n", report);   // one line per action, then the counts
#pragma once

#include <reconcile/detail/execute_dependencies.hpp>
#include <reconcile/detail/execute_impl.hpp>
#include <reconcile/detail/execute_pool.hpp>
#include <reconcile/effect.hpp>
#include <reconcile/expectations.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/report.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <semaphore>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

namespace reconcile {

/// call_limit(n): at most n actuator calls at once across every execute given it (a world-level
/// parallelism budget shared by concurrent executes, e.g. the keys of a keyed_loop).
class call_limit {
 public:
  explicit call_limit(std::ptrdiff_t n) : slots_(n) {}
  void acquire() { slots_.acquire(); }
  void release() { slots_.release(); }

 private:
  std::counting_semaphore<> slots_;
};

/// execute_options: expectations to honour (none by default: see reconcile::expectations;
/// with them, an action on a resource whose earlier action is still in flight is not issued:
/// its outcome is `expected` when identical, else `held`, with the reason) and how many actions
/// of one wave (consecutive actions of one kind and phase that do not depend on each other) may
/// run at once. Default 1: sequential on the calling thread, the actuator needs no locking;
/// above 1 the wave runs on min(parallelism, wave size) threads (the caller's and a pool started
/// once per execute) and the actuator must be thread-safe. Waves run one after another.
struct execute_options {
  expectations* expect = nullptr;
  std::size_t parallelism = 1;
  /// A stop: actions not started yet are skipped, a call that takes a std::stop_token sees it,
  /// and a call that ends without success once it is stopped is `unknown`.
  std::stop_token stop{};
  /// Shared limit on actuator calls in flight (null: none).
  call_limit* calls = nullptr;
  /// A per-call timeout (zero: none), on the steady clock: a call still running after it has
  /// its std::stop_token stopped; if it then ends without success its outcome is `unknown`.
  /// Costs one watchdog thread per execute that sets it.
  std::chrono::steady_clock::duration call_timeout = std::chrono::steady_clock::duration::zero();
};

/// execute(p, actuator, options = {}): runs the plan's actions in order on the actuator.
/// Returns the report of every action's outcome; report.ok() when none failed or was skipped.
/// Never throws for an actuator failure (it is reported); costs one actuator call per action
/// (two for a replace without replace() and without expectations).
template <class World, class Actuator>
report execute(const plan<World>& p, Actuator& actuator, const execute_options& options = {}) {
  constexpr std::size_t unserved = detail::first_unserved_kind<World, Actuator>();
  report r;
  if constexpr (unserved != detail::npos) {
    using T = detail::kind_types<World, unserved>;
    static_assert(detail::check_actuator<Actuator, typename T::key_type, typename T::resource>());
    return r;
  } else {
    expectations* const expect = options.expect;
    static constexpr const char* removed_only_note =
        "removed; the create follows once a plan observes the resource gone (a late removal cannot delete it)";
    const std::string& slice = detail::plan_access::slice(p);
    if (expect) expect->observe(p);
    const std::size_t n = p.size();
    r.outcomes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) r.outcomes.push_back(detail::describe(p[i], i));
    detail::dependencies deps(p, expect != nullptr);
    detail::wave_pool pool(std::max<std::size_t>(1, options.parallelism) - 1);
    detail::call_watchdog watchdog(options.call_timeout, options.stop);
    const std::function<void(std::size_t)> run_one = [&](std::size_t idx) {
      const action& a = p[idx];
      outcome& o = r.outcomes[idx];
      if (deps.block(idx, r.outcomes, expect, o)) return;
      if (options.stop.stop_requested()) {
        o.status = outcome_status::skipped;
        o.error = "execute was stopped before it was issued";
        return;
      }
      if (expect) {
        switch (detail::expect_access::admit(*expect, a, slice, o.error)) {
          case detail::admission::go: break;
          case detail::admission::expected: o.status = outcome_status::expected; return;
          case detail::admission::held: o.status = outcome_status::held; return;
        }
      }
      if (options.calls) options.calls->acquire();
      detail::call_result result;
      const auto steps = expect ? detail::replace_steps::remove_then_observe : detail::replace_steps::both_now;
      if (watchdog.active()) {
        const auto watch = watchdog.arm();
        result = detail::run_action<World>(a, actuator, detail::call_watchdog::token(watch), steps);
        watchdog.disarm(watch);
      } else {
        result = detail::run_action<World>(a, actuator, options.stop, steps);
      }
      if (options.calls) options.calls->release();
      switch (result.what) {
        case effect::done:
          o.status = outcome_status::succeeded;
          if (result.removed_only) o.error = removed_only_note;
          if (expect) detail::expect_access::confirm(*expect, a, slice, std::move(result.removed_only));
          break;
        case effect::failed:
          o.status = outcome_status::failed;
          o.error = std::move(result.text);
          if (expect) detail::expect_access::fail(*expect, a, slice);
          break;
        case effect::unknown:
          o.status = outcome_status::unknown;
          o.error = std::move(result.text);
          if (expect) detail::expect_access::unknown(*expect, a, slice, std::move(result.removed_only));
          break;
      }
    };
    for (std::size_t i = 0; i < n;) {
      const std::size_t j = deps.wave_end(i);
      pool.run(i, j, std::min(std::max<std::size_t>(1, options.parallelism), j - i), run_one);
      deps.after_wave(i, j, r.outcomes);
      i = j;
    }
    return r;
  }
}

}  // namespace reconcile
