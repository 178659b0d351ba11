// Issue #18's scenario on our own loop (plan / execute / expectations, per key, on a
// reconcile::controller): 30 % failing actuator calls, late effects, duplicated deliveries,
// reads up to 3 ticks stale, 50 % dropped events, 10 % desired churn (a quarter of it changing
// the immutable region: a replace), drift, two crashes.
// Lost acknowledgements are unknown outcomes and the expectations live in the world's journal
// (issue #16), so a crash forgets nothing in flight. Every seed must converge with no
// duplicate create and no violation. CI: 1 seed of 10,000 keys and 200 seeds of 60 keys
// (about 10 s at -O0, 40 s under ASan); scripts/soak raises them through the environment:
//   RECONCILE_SIM_SEEDS (200)  RECONCILE_SIM_KEYS (60)  RECONCILE_SIM_BIG_SEEDS (1)
//   RECONCILE_SIM_BIG_KEYS (10000)  RECONCILE_SIM_FIRST_SEED (1)
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
  totals operator+(const totals& o) const {
    return {seeds + o.seeds, keys + o.keys, unconverged + o.unconverged, duplicates + o.duplicates, failed + o.failed,
            calls + o.calls, std::max(p50_max, o.p50_max), std::max(p99_max, o.p99_max), std::max(max_calls, o.max_calls)};
  }
};

// How a sweep's store dedupes creates: for world_options' default window, or forever (a
// venue that remembers every id it has seen, as FIX ClOrdIDs for a day).
enum class memory { window, forever };

// Runs seeds [first, first + n) over `keys` keys; every report must be ok.
totals sweep(const char* label, std::uint64_t first, std::uint64_t n, std::size_t keys, const sim::fault_options& faults,
             simtest::churned churn = simtest::churned::tags_and_region, memory m = memory::window) {
  totals t;
  for (std::uint64_t seed = first; seed < first + n; ++seed) {
    auto o = simtest::scenario(keys, seed, faults, churn);
    o.max_calls_per_key = 60;
    if (m == memory::forever) o.dedupe_ticks = 1'000'000;
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
    if (!r.ok()) {
      ++t.failed;
      FAIL_CHECK(r.to_string(20));
    }
  }
  MESSAGE("sim [" << std::string(label) << "] " << t.seeds << " seeds x " << keys << " keys: " << t.failed << " failed, " << t.unconverged
                  << " keys unconverged, " << t.duplicates << " duplicate creates, "
                  << double(t.calls) / double(t.keys) << " actuator calls a key (at most " << t.max_calls
                  << "), ticks to converge p50 <= " << t.p50_max << ", p99 <= " << t.p99_max);
  return t;
}

}  // namespace

TEST_CASE("world::run: issue #18's scenario") {
  const std::uint64_t first = env("RECONCILE_SIM_FIRST_SEED", 1);
  SUBCASE("10,000 keys") {
    const totals t = sweep("checked", first, env("RECONCILE_SIM_BIG_SEEDS", 1), env("RECONCILE_SIM_BIG_KEYS", 10000),
                           sim::fault_options::harsh());
    CHECK(t.duplicates == 0);
    CHECK(t.unconverged == 0);
  }
  SUBCASE("many seeds") {
    const totals t = sweep("checked", first, env("RECONCILE_SIM_SEEDS", 200), env("RECONCILE_SIM_KEYS", 60),
                           sim::fault_options::harsh());
    CHECK(t.seeds >= 1);
    CHECK(t.duplicates == 0);
  }
}

// The seeds on which the simulator found a library bug; each failed before its fix.
TEST_CASE("world::run: the library bugs the simulator found") {
  SUBCASE("a replace's create sent before its removal landed: the late removal deleted it (seeds 23, 28)") {
    // execute now runs the remove alone and the create once a plan observes the resource gone.
    const totals t = sweep("replace", 23, 1, 100, sim::fault_options::harsh()) + sweep("replace", 28, 1, 100, sim::fault_options::harsh());
    CHECK(t.failed == 0);
    CHECK(t.duplicates == 0);
  }
  SUBCASE("an expired attempt kept its request id: a store that remembers ids never re-created (seeds 1, 2)") {
    // the expectations now settle an attempt whose expectation expires.
    const totals t = sweep("remembering", 1, 2, 60, sim::fault_options::harsh(), simtest::churned::tags, memory::forever);
    CHECK(t.failed == 0);
    CHECK(t.unconverged == 0);
  }
}
