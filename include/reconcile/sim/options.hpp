// reconcile/sim/options.hpp - world_options<K, R>: one simulated scenario: the seed, the
// resources at the start, the desired state, the faults and their window, the bounds the
// checkers hold the controller to, and the hooks that change resources (churn, drift).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/sim/checkers.hpp>
#include <reconcile/sim/faults.hpp>
#include <reconcile/sim/rng.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace reconcile::sim {

/// world_options<K, R>: a scenario over resources of type R keyed by K. Copied by the world;
/// every run of a world starts again from it, so one seed always gives one run.
template <class K, class R>
struct world_options {
  /// The seed of every random decision of the run.
  std::uint64_t seed = 1;
  /// What goes wrong, and how often, during ticks [0, fault_ticks).
  fault_options faults{};
  std::uint64_t fault_ticks = 40;
  /// Every key must have converged by tick fault_ticks + converge_within.
  std::uint64_t converge_within = 200;
  /// How much the world's manual_clock advances per tick.
  reconcile::duration tick = std::chrono::milliseconds(100);
  /// At most this many actuator calls per resource address over the run (0: unchecked).
  std::uint32_t max_calls_per_key = 0;
  /// How long the simulated store remembers a create's request id (its idempotency window):
  /// a create under an id seen this recently is a no-op.
  std::uint64_t dedupe_ticks = 20;
  /// Ticks of the final full pass (every key notified once more; it must call nothing).
  std::uint64_t final_pass_ticks = 5;
  /// The live resources at tick 0, and the desired state.
  std::map<K, R> initial;
  std::map<K, R> desired;
  /// churn(key, desired, rng): changes one key's desired state (needed when faults.churn > 0).
  std::function<void(const K&, R&, rng&)> churn;
  /// drift(key, live, rng): how the external actor mutates a live resource (default: churn).
  std::function<void(const K&, R&, rng&)> drift;
  /// Checked after every tick.
  std::vector<invariant<K, R>> invariants;
};

}  // namespace reconcile::sim
