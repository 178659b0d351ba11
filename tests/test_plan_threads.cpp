// Tests of execute_options::parallelism (also run under TSan): the actions of one wave run
// concurrently, waves still run one after another, failures still skip their dependents.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/fake_cloud.hpp"

using namespace std::chrono_literals;
using fake::World;
using reconcile::outcome_status;

namespace {

// rendezvous(n): arrive() blocks until n callers arrived (true) or 10 s passed (false).
class rendezvous {
 public:
  explicit rendezvous(int n) : n_(n) {}
  bool arrive() {
    std::unique_lock lk(m_);
    ++arrived_;
    cv_.notify_all();
    return cv_.wait_for(lk, 10s, [&] { return arrived_ >= n_; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int n_;
  int arrived_ = 0;
};

// concurrency: how many calls are inside a hook at once, at most.
struct concurrency {
  std::atomic<int> now{0};
  std::atomic<int> max{0};
  void enter() {
    const int n = ++now;
    int m = max.load();
    while (n > m && !max.compare_exchange_weak(m, n)) {
    }
    std::this_thread::sleep_for(5ms);
    --now;
  }
};

World many(int volumes, int deployments, int records) {
  World w;
  for (int i = 0; i < volumes; ++i) w.volumes["v" + std::to_string(i)] = {};
  for (int i = 0; i < deployments; ++i) w.deployments["d" + std::to_string(i)] = {"d" + std::to_string(i), "img", 1, {}, ""};
  for (int i = 0; i < records; ++i) w.records.push_back({"r" + std::to_string(i), "1.1.1.1", 300});
  return w;
}

}  // namespace

TEST_CASE("execute_options::parallelism") {
  fake::cloud<World> c;
  reconcile::execute_options opts;
  SUBCASE("two actions of one wave run at the same time") {
    rendezvous both(2);
    std::atomic<int> met{0};
    c.on_call = [&](const std::string&) { met += both.arrive() ? 1 : 0; };
    opts.parallelism = 2;
    const auto r = reconcile::execute(reconcile::plan_for(World{}, many(2, 0, 0)), c, opts);
    CHECK(r.ok());
    CHECK(met == 2);  // each call waited inside the actuator until the other one arrived
  }
  SUBCASE("sequential by default: never two calls at once") {
    concurrency seen;
    c.on_call = [&](const std::string&) { seen.enter(); };
    const auto r = reconcile::execute(reconcile::plan_for(World{}, many(4, 0, 0)), c, opts);
    CHECK(r.ok());
    CHECK(seen.max == 1);
  }
  SUBCASE("at most `parallelism` calls at once; every action of a larger wave runs") {
    concurrency seen;
    c.on_call = [&](const std::string&) { seen.enter(); };
    opts.parallelism = 3;
    const auto r = reconcile::execute(reconcile::plan_for(World{}, many(9, 0, 0)), c, opts);
    CHECK(r.count(outcome_status::succeeded) == 9);
    CHECK(seen.max <= 3);
    CHECK(c.state.volumes.size() == 9);
  }
  SUBCASE("a wave starts only when the wave it depends on has finished") {
    std::atomic<int> early{0};
    c.on_call = [&](const std::string& call) {
      const auto [volumes, deployments] =
          c.locked([&] { return std::pair{c.state.volumes.size(), c.state.deployments.size()}; });
      if (call.find("deployments") != std::string::npos && volumes != 4) ++early;
      if (call.find("records") != std::string::npos && deployments != 4) ++early;
      if (call.find("remove volumes") != std::string::npos) ++early;  // not planned here
    };
    opts.parallelism = 4;
    const auto r = reconcile::execute(reconcile::plan_for(World{}, many(4, 4, 4)), c, opts);
    CHECK(r.ok());
    CHECK(early == 0);
    const auto log = c.log();
    REQUIRE(log.size() == 12);
    for (int i = 0; i < 12; ++i) {
      const char* kind = i < 4 ? "volumes" : i < 8 ? "deployments" : "records";
      CHECK(log[static_cast<std::size_t>(i)].find(kind) != std::string::npos);
    }
  }
  SUBCASE("removes: a wave waits for the removes of later kinds") {
    c.state = many(3, 3, 0);
    std::atomic<int> early{0};
    c.on_call = [&](const std::string& call) {
      const auto deployments = c.locked([&] { return c.state.deployments.size(); });
      if (call.find("volumes") != std::string::npos && deployments != 0) ++early;
    };
    opts.parallelism = 3;
    const auto r = reconcile::execute(reconcile::plan_for(c.state, World{}), c, opts);
    CHECK(r.ok());
    CHECK(early == 0);
    CHECK(c.state.volumes.empty());
  }
  SUBCASE("a failure in a parallel wave skips the dependent waves, not its own") {
    c.fail("create volumes[\"v1\"]");
    opts.parallelism = 4;
    const auto p = reconcile::plan_for(World{}, many(4, 2, 0));
    const auto r = reconcile::execute(p, c, opts);
    CHECK(r.count(outcome_status::succeeded) == 3);
    CHECK(r.count(outcome_status::failed) == 1);
    CHECK(r.count(outcome_status::skipped) == 2);
    CHECK(r.outcomes[1].error == "quota exceeded for v1");
    CHECK(r.outcomes[4].error == "depends on volumes[\"v1\"], which failed");
    CHECK(c.log().size() == 4);
  }
  SUBCASE("expectations are shared safely by the threads of a wave") {
    reconcile::manual_clock clock;
    reconcile::expectations expect(1min, &clock);
    opts.expect = &expect;
    opts.parallelism = 4;
    const auto want = many(8, 0, 0);
    CHECK(reconcile::execute(reconcile::plan_for(World{}, want), c, opts).ok());
    CHECK(expect.pending() == 8);
    const auto again = reconcile::execute(reconcile::plan_for(World{}, want), c, opts);  // observer lags
    CHECK(again.count(outcome_status::expected) == 8);
    CHECK(c.log().size() == 8);
  }
}

TEST_CASE("expectations_threads: one action per resource across concurrent executes") {
  SUBCASE("two executes racing with different targets for one resource: one call, the other held") {
    for (int round = 0; round < 20; ++round) {
      reconcile::manual_clock clock;
      reconcile::expectations expect(1min, &clock);
      fake::cloud<World> c;
      c.on_call = [](const std::string&) { std::this_thread::sleep_for(2ms); };
      reconcile::execute_options opts;
      opts.expect = &expect;
      World a, b;
      a.volumes = {{"v", {"eu-1", 1, {}}}};
      b.volumes = {{"v", {"eu-1", 2, {}}}};
      const auto pa = reconcile::plan_for(World{}, a), pb = reconcile::plan_for(World{}, b);
      std::latch start(2);
      reconcile::report ra, rb;
      {
        std::jthread ta([&] {
          start.arrive_and_wait();
          ra = reconcile::execute(pa, c, opts);
        });
        std::jthread tb([&] {
          start.arrive_and_wait();
          rb = reconcile::execute(pb, c, opts);
        });
      }
      CHECK(c.log().size() == 1);
      CHECK(ra.count(outcome_status::succeeded) + rb.count(outcome_status::succeeded) == 1);
      CHECK(ra.count(outcome_status::held) + rb.count(outcome_status::held) == 1);
      const auto& held = ra.count(outcome_status::held) ? ra.outcomes[0] : rb.outcomes[0];
      CHECK(held.error.starts_with("waiting for the create "));
      CHECK(expect.pending() == 1);
    }
  }
  SUBCASE("a parallel wave holds the resources still in flight and issues the others") {
    reconcile::manual_clock clock;
    reconcile::expectations expect(1min, &clock);
    fake::cloud<World> c;
    reconcile::execute_options opts;
    opts.expect = &expect;
    opts.parallelism = 4;
    World want = many(8, 0, 0);
    CHECK(reconcile::execute(reconcile::plan_for(World{}, want), c, opts).ok());
    CHECK(expect.pending() == 8);
    World seen;  // the observer shows half of the creates
    for (int i = 0; i < 4; ++i) seen.volumes["v" + std::to_string(i)] = want.volumes["v" + std::to_string(i)];
    for (auto& [k, vol] : want.volumes) vol.size_gb = 20;  // every target moves
    const auto r = reconcile::execute(reconcile::plan_for(seen, want), c, opts);
    CHECK(r.count(outcome_status::succeeded) == 4);
    CHECK(r.count(outcome_status::held) == 4);
    for (const auto& o : r.outcomes)
      CHECK(o.status == (o.verb == reconcile::verb::update ? outcome_status::succeeded : outcome_status::held));
    CHECK(c.log().size() == 12);
    CHECK(expect.pending() == 8);
  }
}
