// run_threads: issue #18's scenario with the controller on two run() workers (under TSan in
// scripts/test): no key reconciled twice at once, convergence, no duplicate create; with
// crashes (workers stopped, joined and replaced) too. Not deterministic; bounded in time.
#include "support/sim_buckets.hpp"

#include <doctest/doctest.h>

namespace sim = reconcile::sim;
using simtest::world;

namespace {
auto two_workers = [](world& w) { return std::make_unique<simtest::bucket_controller<>>(w, 2u); };

sim::thread_options pace() {
  sim::thread_options t;
  t.tick_every = std::chrono::microseconds(300);
  t.time_limit = std::chrono::seconds(30);
  return t;
}
}  // namespace

TEST_CASE("run_threads") {
  SUBCASE("every fault but lost acks and crashes: converges, no duplicate, never concurrent") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      sim::fault_options f = sim::fault_options::harsh();
      f.lost_ack = 0;
      f.crashes = 0;
      auto o = simtest::scenario(150, seed, f);
      o.converge_within = 100000;  // ticks; the real-time limit bounds the run
      world w(o);
      const sim::report r = sim::run_threads(w, two_workers, pace());
      CHECK_MESSAGE(r.ok(), r.to_string(10));
      CHECK(r.stats.actuator_calls >= 120);  // 60 creates, 45 updates, 15 removes at least
    }
  }
  SUBCASE("with two crashes and lost acks: converges, never concurrent") {
    auto o = simtest::scenario(150, 7, sim::fault_options::harsh());
    o.converge_within = 100000;
    world w(o);
    const sim::report r = sim::run_threads(w, two_workers, pace());
    CHECK_MESSAGE(r.stats.converged, r.to_string(10));
    CHECK(r.stats.crashes == 2);
    CHECK(r.count(sim::check::concurrent_reconcile) == 0);
  }
}
