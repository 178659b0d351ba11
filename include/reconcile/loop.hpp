// reconcile/loop.hpp - the whole reconciliation cycle in a few lines: observe -> plan ->
// execute -> done or retry, driven by the controller's triggers, backoff and resync.
//
//   reconcile::loop<World, Cloud> lp(opts, [&] { return observe(); }, [&] { return desired(); }, cloud);
//   lp.notify();        // edge trigger (a child died, a file changed); thread-safe
//   lp.step();          // game loop: one pass if due     |  lp.run(stop): worker thread
//
// Each pass observes, plans and executes. An empty plan is done(); a plan whose actions
// all succeeded is looked at again after loop_options::confirm_after (the next pass
// confirms convergence, and expectations keep it from repeating actions the observation has
// not caught up with yet); a failed or skipped action is retry() with per-key backoff.
// Many independent keys: reconcile::keyed_loop (keyed_loop.hpp).
#pragma once

#include <reconcile/controller.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/journal.hpp>
#include <reconcile/plan.hpp>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <utility>

namespace reconcile {

namespace detail {
// What a pass of loop / keyed_loop asks of its controller: an empty plan is done (or looked at
// again after `deferred_after` when budgets deferred actions); a failure or skip retries with
// backoff; a plan whose actions all wait (in flight, deferred) polls; else confirm.
template <class World>
result pass_result(const plan<World>& p, const report& r, duration confirm_after, duration poll_in_flight,
                   duration deferred_after) {
  if (p.empty()) return p.deferred() ? result::requeue_after(deferred_after) : result::done();
  if (!r.ok()) return result::retry();
  if (r.count(outcome_status::succeeded) == 0 || p.deferred()) return result::requeue_after(poll_in_flight);
  return result::requeue_after(confirm_after);
}
}  // namespace detail

/// loop_options: the controller's options plus the plan and execute settings of each pass.
struct loop_options {
  reconcile::options controller{};
  reconcile::plan_options plan{};
  std::size_t parallelism = 1;
  /// After a pass that executed actions successfully, run again after this long to confirm.
  duration confirm_after = duration::zero();
  /// When a pass found only actions still in flight (nothing to issue), look again after this.
  duration poll_in_flight = std::chrono::milliseconds(50);
  /// How long an executed action suppresses an identical one the observer has not caught up with.
  duration expectation_ttl = std::chrono::minutes(5);
  /// The journal the expectations keep their intents in (null: memory only); must outlive
  /// the loop. Reloaded at construction: a restart neither repeats nor forgets an action.
  reconcile::journal* journal = nullptr;
};

/// loop<World, Actuator>: drives observe/plan/execute passes over a whole World.
/// on_pass(f) hears every pass with a non-empty plan: f(const plan<World>&, const report&).
/// Costs per pass: one observe(), one desired(), one plan_for, one execute.
template <class World, class Actuator>
class loop {
 public:
  using observe_fn = std::function<World()>;
  using desired_fn = std::function<World()>;
  using pass_fn = std::function<void(const plan<World>&, const report&)>;

  loop(const loop_options& o, observe_fn observe, desired_fn desired, Actuator& actuator)
      : opts_(o),
        observe_(std::move(observe)),
        desired_(std::move(desired)),
        actuator_(actuator),
        expect_(o.journal ? std::make_unique<expectations>(*o.journal, o.expectation_ttl, o.controller.clock)
                          : std::make_unique<expectations>(o.expectation_ttl, o.controller.clock)),
        ctl_(o.controller, [this](const int&) { return pass(); }) {
    ctl_.set_lister([] { return std::array<int, 1>{0}; });
  }

  /// on_pass(f): f(plan, report) after each pass that had actions. Call before step()/run().
  void on_pass(pass_fn f) { on_pass_ = std::move(f); }
  /// notify(): run a pass as soon as possible (edge trigger). Thread-safe.
  void notify() { ctl_.notify(0); }
  /// step(): runs the pass if it is due now; returns 1 if it ran, else 0.
  std::size_t step() { return ctl_.step(); }
  /// run(stop): runs passes on a worker thread until stop is requested.
  void run(std::stop_token stop) { ctl_.run(std::move(stop)); }
  /// The controller's metrics (reconciles, failures, retries, time to converge...).
  reconcile::metrics metrics() const { return ctl_.metrics(); }
  /// Consecutive failed passes (the backoff exponent); 0 once converged.
  std::uint32_t failures() const { return ctl_.failures(0); }
  /// Actions executed but not yet observed.
  std::size_t in_flight() const { return expect_->pending(); }
  /// The loop's expectations (e.g. to ask in_flight_at(address)).
  const expectations& expected() const noexcept { return *expect_; }

 private:
  result pass() {
    const World observed = observe_();
    const World desired = desired_();
    plan_options po = opts_.plan;
    po.expect = expect_.get();
    po.observed = observation_scope::whole_slice;
    const plan<World> p = plan_for(observed, desired, po);
    execute_options eo;
    eo.expect = expect_.get();
    eo.parallelism = opts_.parallelism;
    const report r = execute(p, actuator_, eo);
    if (on_pass_ && !p.empty()) on_pass_(p, r);
    return detail::pass_result(p, r, opts_.confirm_after, opts_.poll_in_flight, opts_.confirm_after);
  }

  loop_options opts_;
  observe_fn observe_;
  desired_fn desired_;
  Actuator& actuator_;
  std::unique_ptr<expectations> expect_;
  pass_fn on_pass_;
  controller<int> ctl_;
};

}  // namespace reconcile
