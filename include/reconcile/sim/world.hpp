// reconcile/sim/world.hpp - world<K, R>: a deterministic simulated world for a user's
// controller. One thread, one seed: each tick the world lands late effects, injects crashes,
// drift and churn, delivers (or drops, or repeats) change notifications, steps the
// controller once and checks every property (sim/checkers.hpp). The controller under test
// reads through world.read / world.list (stale, partial), acts through world.actuator()
// (failing, late, unacknowledged, duplicated) and keeps time by world.clock().
//
//   sim::world<std::string, Bucket> w(opts);
//   sim::report r = w.run([](auto& w) { return std::make_unique<my_controller>(w); });
//   if (!r.ok()) fmt::print("{}", r.to_string());   // seed, violations, fault schedule
#pragma once

#include <reconcile/result.hpp>
#include <reconcile/sim/detail/world_core.hpp>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace reconcile::sim {

namespace detail {
struct world_access;

// A factory's controller: make(world&) returns a pointer-like to something with step() and
// notify(key) (run() for the threaded mode).
template <class Make, class World, class K>
concept stepping_factory = requires(Make& m, World& w, const K& k) {
  m(w)->step();
  m(w)->notify(k);
};
}  // namespace detail

/// world<K, R, Ret = bool>: the simulated world of one scenario (world_options<K, R>); Ret is
/// what the actuator's calls return (bool, or std::error_code). Reusable: each run() starts
/// from the options again. Costs per tick: one step() of the controller plus one look-up per
/// changed key; per read, one fault decision and one copy of the resource.
template <class K, class R, class Ret = bool>
class world : private detail::world_core<K, R, Ret> {
  using core = detail::world_core<K, R, Ret>;
  friend struct detail::world_access;

 public:
  using resources = std::map<K, R>;
  using typename core::actuator_type;

  explicit world(world_options<K, R> o) : core(std::move(o)) { core::reset(nullptr); }
  world(const world&) = delete;
  world& operator=(const world&) = delete;

  /// clock(): this run's manual_clock (a fresh one each run): give it to the controller.
  using core::clock;
  /// actuator(): the faulty actuator over the simulated store, for execute().
  using core::actuator;
  /// read(key): the resource as the controller sees it now (maybe stale), if any.
  using core::read;
  /// list(): every resource as one list shows it (maybe stale, maybe missing some).
  using core::list;
  /// desired(key): the key's desired state, if it has one (thread-safe).
  using core::desired;
  /// keys(): every key desired or live at the start (the lister's answer; sorted).
  using core::keys;
  /// journal() / journal(key): durable storage for expectations (one for the world, or one
  /// per key for per-key expectations): each survives a crash, but for the records not yet
  /// synced. reconcile::expectations e(w.journal(key), ttl, &w.clock());
  using core::journal;
  /// truth() / desired_state(): the live resources and the desired state (between ticks).
  using core::desired_state;
  using core::options;
  using core::tick;
  using core::truth;

  /// checked(f): f, a reconciler result(const K&), wrapped so that a reconcile of a key
  /// already being reconciled is reported (check::concurrent_reconcile). Costs one lock.
  template <class F>
  auto checked(F f) {
    return [this, f = std::move(f)](const K& k) mutable -> reconcile::result {
      struct guard {
        world& w;
        const K& k;
        ~guard() { w.leave(k); }
      } g{*this, k};
      this->enter(k);
      return f(k);
    };
  }

  /// run(make): the run of options().seed: make(*this) builds the controller (again after
  /// each crash); returns the report. Deterministic: the same seed gives the same run.
  template <class Make>
  report run(Make&& make) {
    return go(make, nullptr);
  }
  /// replay(make, only): the run of the same seed with exactly the faults of `only` (a
  /// subset of an earlier run's schedule, e.g. shrunk): every other decision injects nothing.
  template <class Make>
  report replay(Make&& make, const schedule& only) {
    return go(make, &only);
  }

 private:
  template <class Make>
  report go(Make& make, const schedule* only) {
    static_assert(detail::stepping_factory<Make, world, K>,
                  "reconcile::sim::world::run: make(world&) must return a pointer (e.g. std::unique_ptr) to a "
                  "controller with step() and notify(const Key&)");
    if constexpr (detail::stepping_factory<Make, world, K>) {
      core::reset(only);
      auto ctl = make(*this);
      const std::uint64_t limit = this->opts_.fault_ticks + this->opts_.converge_within;
      std::optional<std::uint64_t> converged_at;
      std::uint64_t t = 0;
      for (;; ++t) {
        core::begin_tick(t);
        if (core::crash_due()) {
          ctl.reset();  // all its memory is lost
          ctl = make(*this);
        }
        core::drift_and_churn();
        core::deliver(*ctl);
        ctl->step();
        core::end_tick();
        if (core::settled()) {
          converged_at = t;
          break;
        }
        if (t >= limit) break;
      }
      if (converged_at) {  // the final full pass: every key once more; nothing may be called
        const std::size_t before = this->actuator().calls();
        for (const K& k : this->keys()) ctl->notify(k);
        for (std::uint64_t i = 1; i <= this->opts_.final_pass_ticks; ++i) {
          core::begin_tick(t + i);
          core::deliver(*ctl);
          ctl->step();
          core::end_tick();
        }
        if (const std::size_t extra = this->actuator().calls() - before)
          core::flag(check::idempotence, "the full pass after convergence made " + std::to_string(extra) +
                                             " actuator calls");
      }
      return core::finish(converged_at, t);
    } else {
      return {};
    }
  }
};

namespace detail {
// run_threads's way in to the world's phases.
struct world_access {
  template <class K, class R, class Ret>
  static world_core<K, R, Ret>& core(world<K, R, Ret>& w) noexcept {
    return w;
  }
};
}  // namespace detail

}  // namespace reconcile::sim
