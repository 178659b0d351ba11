// Issue #18's scenario on our own loop (plan / execute / expectations, per key, on a
// reconcile::controller): 30 % failing actuator calls, late effects, duplicated deliveries,
// reads up to 3 ticks stale, 50 % dropped events, 10 % desired churn, drift, two crashes.
// Every seed must converge with no duplicate create and no violation. CI: 2 seeds of 10,000
// keys, 200 seeds of 100 keys, and 50 seeds of 100 keys with every fault (about 10 s at -O0);
// scripts/soak raises them through the environment:
//   RECONCILE_SIM_SEEDS (200)  RECONCILE_SIM_KEYS (100)  RECONCILE_SIM_BIG_SEEDS (2)
//   RECONCILE_SIM_BIG_KEYS (10000)  RECONCILE_SIM_FIRST_SEED (1)
// Lost acknowledgements are on in a third pass that checks convergence only: until
// unknown outcomes exist (issue #16), a lost ack reads as a failure, the expectation ends, and
// a churned desired state can then be created a second time (see the report of issue #18).
#include "support/sim_buckets.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace sim = reconcile::sim;
using simtest::world;

namespace {

std::uint64_t env(const char* name, std::uint64_t fallback) {
  const char* s = std::getenv(name);
  return s && *s ? std::strtoull(s, nullptr, 10) : fallback;
}

struct totals {
  std::uint64_t seeds = 0, keys = 0, unconverged = 0, duplicates = 0, failed = 0, calls = 0;
  std::uint64_t p50_max = 0, p99_max = 0, max_calls = 0;
  std::vector<std::uint64_t> p99s;
};

// Runs seeds [first, first + n) over `keys` keys; every report must be ok (or, with
// `convergence_only`, converged).
enum class verdict { every_check, convergence_only };
totals sweep(const char* label, std::uint64_t first, std::uint64_t n, std::size_t keys, const sim::fault_options& faults,
             verdict v) {
  totals t;
  for (std::uint64_t seed = first; seed < first + n; ++seed) {
    auto o = simtest::scenario(keys, seed, faults);
    o.max_calls_per_key = 60;
    world w(o);
    const sim::report r = w.run([](world& x) { return std::make_unique<simtest::bucket_controller<>>(x); });
    ++t.seeds;
    t.keys += r.stats.keys;
    t.unconverged += r.stats.unconverged;
    t.duplicates += r.stats.duplicates;
    t.calls += r.stats.actuator_calls;
    t.max_calls = std::max<std::uint64_t>(t.max_calls, r.stats.max_calls_per_key);
    t.p50_max = std::max(t.p50_max, r.stats.converge_p50);
    t.p99_max = std::max(t.p99_max, r.stats.converge_p99);
    const bool good = v == verdict::every_check ? r.ok() : r.stats.converged;
    if (!good) {
      ++t.failed;
      FAIL_CHECK(r.to_string(20));
    }
  }
  MESSAGE("sim [" << label << "] " << t.seeds << " seeds x " << keys << " keys: " << t.failed << " failed, " << t.unconverged
                  << " keys unconverged, " << t.duplicates << " duplicate creates, "
                  << double(t.calls) / double(t.keys) << " actuator calls a key (at most " << t.max_calls
                  << "), ticks to converge p50 <= " << t.p50_max << ", p99 <= " << t.p99_max);
  return t;
}

// Today's library (before issue #16's unknown outcomes and journal-backed expectations): a
// lost ack is a failure that ends the expectation, and a crash loses every expectation, so a
// desired state churned meanwhile can be created twice (shrunk examples in the report). The
// passes that assert 0 duplicates leave those two faults out; the last pass has them all.
sim::fault_options without_unknown_outcomes() {
  sim::fault_options o = sim::fault_options::harsh();
  o.lost_ack = 0;
  o.crashes = 0;
  return o;
}

}  // namespace

TEST_CASE("world::run: issue #18's scenario") {
  const std::uint64_t first = env("RECONCILE_SIM_FIRST_SEED", 1);
  SUBCASE("10,000 keys") {
    const totals t = sweep("checked", first, env("RECONCILE_SIM_BIG_SEEDS", 2), env("RECONCILE_SIM_BIG_KEYS", 10000),
                           without_unknown_outcomes(), verdict::every_check);
    CHECK(t.duplicates == 0);
    CHECK(t.unconverged == 0);
  }
  SUBCASE("many seeds") {
    const totals t = sweep("checked", first, env("RECONCILE_SIM_SEEDS", 200), env("RECONCILE_SIM_KEYS", 100),
                           without_unknown_outcomes(), verdict::every_check);
    CHECK(t.seeds >= 1);
    CHECK(t.duplicates == 0);
  }
  SUBCASE("with lost acks and two crashes: still converges") {
    const totals t = sweep("every-fault", first, env("RECONCILE_SIM_SEEDS", 200) / 4, env("RECONCILE_SIM_KEYS", 100),
                           sim::fault_options::harsh(), verdict::convergence_only);
    CHECK(t.unconverged == 0);
  }
}
