// reconcile/keyed_loop.hpp - the reconciliation cycle per key: many independent slices of
// one world (instruments, tenants, clusters), each observed, planned and executed on its own,
// with per-key backoff, and world-level budgets kept across keys.
//
//   reconcile::keyed_loop<std::string, Book, Session> lp(opts,
//       [&](const std::string& instrument) { return venue.book(instrument); },     // observed slice
//       [&](const std::string& instrument) { return strategy.quotes(instrument); }, // desired slice
//       session);
//   lp.set_lister([&] { return instruments; });   // resync: every key, every resync period
//   lp.notify("AAPL");   lp.step();   // or lp.run(stop) on opts.controller.workers threads
//
// A pass over key k observes k's slice, plans it (plan_options::slice = k printed, observed
// as k's whole slice) and executes it, with one expectations object shared by every key (so
// a journal, if given, holds every key's intents). The controller underneath runs one pass
// per key at a time, several keys at once on its workers, and backs off per key. World-level
// budgets: at most max_destroys removes/replaces in flight (issued, not yet observed) across
// all keys, and at most parallelism actuator calls at once across all keys.
#pragma once

#include <reconcile/controller.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/journal.hpp>
#include <reconcile/loop.hpp>
#include <reconcile/plan.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <utility>

namespace reconcile {

/// keyed_loop_options: the controller's options, the plan settings of each key's pass, and
/// the world-level budgets.
struct keyed_loop_options {
  reconcile::options controller{};
  /// Per key (depends_on, request_ids...); its expect, slice and observed are set per pass.
  reconcile::plan_options plan{};
  /// At most this many actuator calls at once, across all keys (and within a key's waves).
  std::size_t parallelism = 1;
  /// At most this many removes and replaces in flight at once, across all keys: a pass
  /// defers the rest (plan::deferred()) and looks again after poll_in_flight.
  std::size_t max_destroys = std::numeric_limits<std::size_t>::max();
  /// After a pass that executed actions successfully, run the key again after this long.
  duration confirm_after = duration::zero();
  /// When a key's pass found only actions in flight or deferred, look again after this.
  duration poll_in_flight = std::chrono::milliseconds(50);
  /// How long an issued action holds its address before it may be issued again unobserved.
  duration expectation_ttl = std::chrono::minutes(5);
  /// The journal the expectations keep their intents in (null: memory only); must outlive
  /// the loop. Reloaded at construction: a restart neither repeats nor forgets an action.
  reconcile::journal* journal = nullptr;
};

/// keyed_loop<Key, World, Actuator>: observe/plan/execute passes per key over slices of a
/// World. on_pass(f) hears each pass with a non-empty plan: f(key, plan, report). Costs per
/// pass: one observe(key), one desired(key), one plan_for, one execute; plus, with
/// max_destroys, one count of the destroys in flight.
template <class Key, class World, class Actuator>
class keyed_loop {
 public:
  using slice_fn = std::function<World(const Key&)>;
  using pass_fn = std::function<void(const Key&, const plan<World>&, const report&)>;

  keyed_loop(const keyed_loop_options& o, slice_fn observe, slice_fn desired, Actuator& actuator)
      : opts_(o),
        observe_(std::move(observe)),
        desired_(std::move(desired)),
        actuator_(actuator),
        expect_(o.journal ? std::make_unique<expectations>(*o.journal, o.expectation_ttl, o.controller.clock)
                          : std::make_unique<expectations>(o.expectation_ttl, o.controller.clock)),
        calls_(static_cast<std::ptrdiff_t>(std::max<std::size_t>(1, o.parallelism))),
        ctl_(o.controller, [this](const Key& k) { return pass(k); }) {}

  /// on_pass(f): f(key, plan, report) after each pass that had actions. Call before step()/run().
  void on_pass(pass_fn f) { on_pass_ = std::move(f); }
  /// set_lister(f): the keys for resync (as controller::set_lister).
  template <class F>
  void set_lister(F&& f) {
    ctl_.set_lister(std::forward<F>(f));
  }
  /// notify(key): run key's pass as soon as possible (edge trigger). Thread-safe.
  void notify(const Key& k) { ctl_.notify(k); }
  /// step(): runs, on this thread, every key's pass that is due now; returns how many ran.
  std::size_t step() { return ctl_.step(); }
  /// run(stop): runs passes on the controller's workers until stop is requested.
  void run(std::stop_token stop) { ctl_.run(std::move(stop)); }
  /// The controller's metrics.
  reconcile::metrics metrics() const { return ctl_.metrics(); }
  /// Consecutive failed passes of key (its backoff exponent).
  std::uint32_t failures(const Key& k) const { return ctl_.failures(k); }
  /// Actions executed but not yet observed, all keys.
  std::size_t in_flight() const { return expect_->pending(); }
  /// True when an action on this address of key k's slice is in flight.
  bool in_flight_at(const Key& k, const std::string& address) const { return expect_->in_flight_at(address, slice_of(k)); }
  /// The expectations shared by every key (their slice: the printed key).
  const expectations& expected() const noexcept { return *expect_; }

 private:
  static std::string slice_of(const Key& k) {
    std::string s;
    detail::print_value(s, k);
    return s;
  }
  result pass(const Key& k) {
    const World observed = observe_(k);
    const World desired = desired_(k);
    plan_options po = opts_.plan;
    po.expect = expect_.get();
    po.observed = observation_scope::whole_slice;
    po.slice = slice_of(k);
    std::size_t reserved = 0;
    std::unique_lock budget(budget_mutex_, std::defer_lock);
    if (opts_.max_destroys != std::numeric_limits<std::size_t>::max()) {
      budget.lock();  // held across plan_for, so that two keys never spend the same budget
      const std::size_t busy = expect_->pending_destroys() + reserved_;
      po.max_destroys = std::min(po.max_destroys, busy >= opts_.max_destroys ? 0 : opts_.max_destroys - busy);
    }
    const plan<World> p = plan_for(observed, desired, po);
    if (budget.owns_lock()) {
      reserved = p.to_destroy();
      reserved_ += reserved;
      budget.unlock();
    }
    execute_options eo;
    eo.expect = expect_.get();
    eo.parallelism = opts_.parallelism;
    eo.calls = &calls_;
    const report r = execute(p, actuator_, eo);
    if (reserved) {
      std::lock_guard lk(budget_mutex_);
      reserved_ -= reserved;  // now counted by the expectations (or failed)
    }
    if (on_pass_ && !p.empty()) on_pass_(k, p, r);
    return detail::pass_result(p, r, opts_.confirm_after, opts_.poll_in_flight, opts_.poll_in_flight);
  }

  keyed_loop_options opts_;
  slice_fn observe_;
  slice_fn desired_;
  Actuator& actuator_;
  std::unique_ptr<expectations> expect_;
  call_limit calls_;
  pass_fn on_pass_;
  std::mutex budget_mutex_;
  std::size_t reserved_ = 0;  // destroys planned by passes still executing
  controller<Key> ctl_;
};

}  // namespace reconcile
