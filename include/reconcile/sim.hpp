// reconcile/sim.hpp - deterministic simulation of a user's controller under seeded faults
// (opt-in layer). A world<K, R> runs the controller against a simulated store with failing,
// late, unacknowledged and duplicated actuator calls, stale and partial reads, dropped and
// repeated events, drift, desired-state churn and crashes; checkers report convergence,
// idempotence, duplicate effects, concurrent reconciles, call bounds and user invariants
// with the seed and tick; a failing run replays from its seed and shrinks to minimal faults.
#pragma once

#include <reconcile/sim/actuator.hpp>
#include <reconcile/sim/checkers.hpp>
#include <reconcile/sim/faults.hpp>
#include <reconcile/sim/injector.hpp>
#include <reconcile/sim/journal.hpp>
#include <reconcile/sim/options.hpp>
#include <reconcile/sim/rng.hpp>
#include <reconcile/sim/shrink.hpp>
#include <reconcile/sim/store.hpp>
#include <reconcile/sim/threads.hpp>
#include <reconcile/sim/world.hpp>
