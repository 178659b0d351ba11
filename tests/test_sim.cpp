// The simulated world: runs converge and replay exactly; each checker catches the bug it is
// for (a lazy, a blind, a chatty controller; a broken invariant; a re-entrant reconcile); a
// failing run shrinks to a minimal fault set that still fails; the report says how to replay.
#include "support/sim_buckets.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace sim = reconcile::sim;
using simtest::Bucket;
using simtest::bucket_controller;
using simtest::world;

namespace {

auto correct = [](world& w) { return std::make_unique<bucket_controller<>>(w); };

// lazy: never acts.
struct lazy {
  std::size_t step() { return 0; }
  void notify(const std::string&) {}
};

// blind: creates every desired bucket on every pass, whatever it reads (a new request id
// whenever the desired state changed).
struct blind {
  world& w;
  reconcile::controller<std::string> ctl;
  static reconcile::options opts(world& w) {
    reconcile::options o;
    o.clock = &w.clock();
    o.seed = 1;
    return o;
  }
  explicit blind(world& x)
      : w(x), ctl(opts(x), [this](const std::string& k) {
          std::map<std::string, Bucket> want;
          if (auto d = w.desired(k)) want.emplace(k, *d);
          (void)reconcile::execute(reconcile::plan_for(std::map<std::string, Bucket>{}, want), w.actuator());
          return reconcile::result::done();
        }) {
    ctl.set_lister([&] { return w.keys(); });
  }
  std::size_t step() { return ctl.step(); }
  void notify(const std::string& k) { ctl.notify(k); }
};

// reentrant: its reconcile of a key reconciles the same key again from inside.
struct reentrant {
  std::function<reconcile::result(const std::string&)> fn;
  int depth = 0;
  reconcile::controller<std::string> ctl;
  explicit reentrant(world& w) : ctl(blind::opts(w), [this](const std::string& k) { return fn(k); }) {
    fn = w.checked([this](const std::string& k) {
      if (depth++ == 0) (void)fn(k);
      --depth;
      return reconcile::result::done();
    });
    ctl.set_lister([&w] { return w.keys(); });
  }
  std::size_t step() { return ctl.step(); }
  void notify(const std::string& k) { ctl.notify(k); }
};

sim::fault_options benign() { return sim::fault_options::harsh(); }  // a correct controller survives all

}  // namespace

TEST_CASE("world::run") {
  SUBCASE("no fault: converges at once; the final pass calls nothing") {
    world w(simtest::scenario(200, 1, sim::fault_options::none()));
    const sim::report r = w.run(correct);
    CHECK_MESSAGE(r.ok(), r.to_string());
    CHECK(r.stats.converged);
    CHECK(r.stats.actuator_calls == 160);  // 80 creates, 60 updates, 20 removes
    CHECK(r.faults.empty());
    CHECK(reconcile::equal(w.truth(), w.desired_state()));
  }
  SUBCASE("one seed, one run: twice the same report, fault for fault") {
    world w(simtest::scenario(300, 42, sim::fault_options::harsh()));
    const sim::report a = w.run(correct), b = w.run(correct);
    CHECK(a.to_string(100000) == b.to_string(100000));
    CHECK(a.faults.size() > 100);
    world other(simtest::scenario(300, 43, sim::fault_options::harsh()));
    CHECK(other.run(correct).faults.to_string(100000) != a.faults.to_string(100000));
  }
  SUBCASE("every fault: converges, no duplicate, bounded calls") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      auto o = simtest::scenario(200, seed, benign());
      o.max_calls_per_key = 40;
      world w(o);
      const sim::report r = w.run(correct);
      CHECK_MESSAGE(r.ok(), r.to_string());
      CHECK(r.stats.crashes == 2);
      CHECK(r.faults.count(sim::fault_kind::churn) > 0);
    }
  }
  SUBCASE("std::error_code actuator results") {
    using coded = sim::world<std::string, Bucket, std::error_code>;
    coded w(simtest::scenario(100, 5, benign()));
    const sim::report r = w.run([](coded& x) { return std::make_unique<bucket_controller<coded>>(x); });
    CHECK(r.stats.converged);
    CHECK(r.faults.count(sim::fault_kind::fail) > 0);
  }
}

TEST_CASE("checkers") {
  SUBCASE("convergence: a controller that never acts, with the keys left") {
    world w(simtest::scenario(50, 1, sim::fault_options::none()));
    const sim::report r = w.run([](world&) { return std::make_unique<lazy>(); });
    CHECK_FALSE(r.ok());
    REQUIRE(r.count(sim::check::convergence) == 1);
    CHECK(r.violations[0].detail.find("40 keys not converged") == 0);
  }
  SUBCASE("duplicate_effect and idempotence: a blind controller") {
    auto o = simtest::scenario(50, 1, sim::fault_options::none());
    o.initial.clear();
    o.faults.churn = 0.5;
    world w(o);
    const sim::report r = w.run([](world& x) { return std::make_unique<blind>(x); });
    CHECK(r.count(sim::check::duplicate_effect) > 0);
    CHECK(r.count(sim::check::idempotence) == 1);
    CHECK(r.stats.duplicates == r.count(sim::check::duplicate_effect));
  }
  SUBCASE("idempotence alone: no churn, blind creates repeat their request") {
    auto o = simtest::scenario(50, 1, sim::fault_options::none());
    o.initial.clear();
    o.dedupe_ticks = 1000;  // the store remembers every request: the repeats are no-ops
    world w(o);
    const sim::report r = w.run([](world& x) { return std::make_unique<blind>(x); });
    CHECK(r.count(sim::check::duplicate_effect) == 0);
    CHECK(r.count(sim::check::idempotence) == 1);
  }
  SUBCASE("call_bound") {
    auto o = simtest::scenario(50, 1, benign());
    o.max_calls_per_key = 1;
    world w(o);
    CHECK(w.run(correct).count(sim::check::call_bound) > 0);
  }
  SUBCASE("invariant: checked after every tick, reported by name") {
    auto o = simtest::scenario(50, 1, sim::fault_options::none());
    o.faults.drift_per_tick = 1;
    o.invariants.push_back({"versioning below 10", [](const auto& truth, const auto&) {
                              for (const auto& [k, b] : truth)
                                if (b.versioning >= 10) return false;
                              return true;
                            }});
    world w(o);
    const sim::report r = w.run(correct);
    REQUIRE(r.count(sim::check::invariant) > 0);
    CHECK(r.violations[0].detail == "versioning below 10");
  }
  SUBCASE("concurrent_reconcile: a reconcile of a key already being reconciled") {
    world w(simtest::scenario(5, 1, sim::fault_options::none()));
    const sim::report r = w.run([](world& x) { return std::make_unique<reentrant>(x); });
    CHECK(r.count(sim::check::concurrent_reconcile) >= 5);
    CHECK(r.violations[0].detail == "resources[\"b00000\"] is reconciled twice at once");
  }
}

TEST_CASE("shrink") {
  // A controller that forgets what it has in flight re-creates a bucket whose late create is
  // not visible yet; if the desired state changed meanwhile, that is a second bucket.
  sim::fault_options o;
  o.late = 0.5;
  o.churn = 1;
  o.drift_per_tick = 3;
  auto forgetful = [](world& w) { return std::make_unique<bucket_controller<>>(w, 1, simtest::in_flight::forgotten); };
  std::optional<sim::report> failing;
  std::uint64_t seed = 1;
  std::unique_ptr<world> w;
  for (; seed <= 40 && !failing; ++seed) {
    w = std::make_unique<world>(simtest::scenario(40, seed, o));
    if (sim::report r = w->run(forgetful); !r.ok()) failing = std::move(r);
  }
  REQUIRE(failing);
  auto replay = [&](const sim::schedule& s) { return w->replay(forgetful, s); };
  const sim::shrunk s = sim::shrink(replay, *failing);
  CHECK(s.faults.size() < failing->faults.size());
  CHECK(s.faults.size() <= 4);
  CHECK(s.faults.count(sim::fault_kind::late) >= 1);
  CHECK_FALSE(replay(s.faults).ok());  // the shrunk schedule fails again, exactly
  for (std::size_t i = 0; i < s.faults.size(); ++i) {  // and each of its faults is needed
    sim::schedule less = s.faults;
    less.faults.erase(less.faults.begin() + static_cast<std::ptrdiff_t>(i));
    CHECK(replay(less).ok());
  }
  MESSAGE("seed " << failing->seed << ": " << failing->faults.size() << " faults shrunk to " << s.faults.size()
                  << " in " << s.replays << " replays:\n"
                  << s.faults.to_string());
}

TEST_CASE("report::to_string") {
  world w(simtest::scenario(20, 9, sim::fault_options::none()));
  const sim::report r = w.run([](world&) { return std::make_unique<lazy>(); });
  const std::string text = r.to_string();
  CHECK(text.find("seed 9: FAILED") == 0);
  CHECK(text.find("convergence: 16 keys not converged") != std::string::npos);
  CHECK(text.find("replay: world_options::seed = 9") != std::string::npos);
  world ok(simtest::scenario(20, 9, sim::fault_options::none()));
  CHECK(ok.run(correct).to_string().find("seed 9: ok: 20 keys") == 0);
}
