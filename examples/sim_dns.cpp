// Testing your own controller under the simulator: a DNS-record controller (plan, execute,
// expectations kept in a journal, per key) run against reconcile::sim's world with seeded
// faults: failing, late, unacknowledged and duplicated calls, stale reads, dropped events,
// drift, churn, two crashes. Ten seeds must pass
// every check. Then the same controller without its expectations: the simulator finds the
// bug, prints the seed, and shrinks the fault schedule to the few faults that cause it.
//   sim_dns            prints the reports
//   sim_dns --check    the same; exits non-zero unless the first passes and the second fails
#include <reconcile/reconcile.hpp>
#include <reconcile/sim.hpp>

#include <fmt/core.h>

#include <map>
#include <memory>
#include <string>

namespace dns {

struct Record {
  std::string type = "A";
  std::string value;
  int ttl = 300;
};

using world = reconcile::sim::world<std::string, Record>;
enum class memory { expectations, none };

// The controller under test: what you would run in production, given the world's clock,
// reads and actuator instead of the real ones.
class controller {
 public:
  controller(world& w, memory m)
      : w_(w),
        memory_(m),
        expect_(w.journal(), std::chrono::seconds(5), &w.clock()),  // intents outlive a crash
        ctl_(options(w), w.checked([this](const std::string& name) { return reconcile(name); })) {
    ctl_.set_lister([&w] { return w.keys(); });
  }
  std::size_t step() { return ctl_.step(); }
  void notify(const std::string& name) { ctl_.notify(name); }

 private:
  static reconcile::options options(world& w) {
    reconcile::options o;
    o.clock = &w.clock();  // simulated time
    o.seed = 7;            // deterministic resync jitter
    o.backoff_base = std::chrono::milliseconds(100);
    o.backoff_max = std::chrono::seconds(1);
    o.resync_period = std::chrono::seconds(2);
    return o;
  }
  reconcile::result reconcile(const std::string& name) {
    std::map<std::string, Record> observed, desired;
    if (auto r = w_.read(name)) observed.emplace(name, *r);
    if (auto d = w_.desired(name)) desired.emplace(name, *d);
    reconcile::plan_options po;
    po.expect = memory_ == memory::expectations ? &expect_ : nullptr;
    po.observed = reconcile::observation_scope::whole_slice;  // all there is of this name
    po.slice = name;
    auto plan = reconcile::plan_for(observed, desired, po);
    auto report = reconcile::execute(plan, w_.actuator(), {.expect = po.expect});
    if (plan.empty()) return reconcile::result::done();
    if (!report.ok()) return reconcile::result::retry();
    return reconcile::result::requeue_after(std::chrono::milliseconds(200));
  }

  world& w_;
  memory memory_;
  reconcile::expectations expect_;
  reconcile::controller<std::string> ctl_;
};

reconcile::sim::world_options<std::string, Record> scenario(std::uint64_t seed) {
  reconcile::sim::world_options<std::string, Record> o;
  o.seed = seed;
  o.faults = reconcile::sim::fault_options::harsh();
  o.faults.late = 0.3;  // more of what finds the bug below
  o.faults.churn = 0.5;
  o.faults.drift_per_tick = 3;
  o.max_calls_per_key = 30;
  for (int i = 0; i < 100; ++i) {
    const std::string name = fmt::format("host{:03}.example.com", i);
    o.desired[name] = Record{"A", fmt::format("10.0.{}.{}", i / 100, i % 100)};
    if (i % 3 == 0) o.initial[name] = Record{"A", "10.9.9.9"};  // wrong address: update
  }
  o.churn = [](const std::string&, Record& r, reconcile::sim::rng& g) { r.value = fmt::format("10.1.0.{}", g.below(250)); };
  o.invariants.push_back({"only A records", [](const auto& live, const auto&) {
                            for (const auto& [name, r] : live)
                              if (r.type != "A") return false;
                            return true;
                          }});
  return o;
}

}  // namespace dns

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::string(argv[1]) == "--check";
  auto correct = [](dns::world& w) { return std::make_unique<dns::controller>(w, dns::memory::expectations); };
  auto forgetful = [](dns::world& w) { return std::make_unique<dns::controller>(w, dns::memory::none); };

  int passed = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    dns::world w(dns::scenario(seed));
    const reconcile::sim::report r = w.run(correct);
    passed += r.ok();
    if (seed == 1 || !r.ok()) fmt::print("{}", r.to_string());
  }
  fmt::print("with expectations: {} of 10 seeds pass every check\n\n", passed);

  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    dns::world w(dns::scenario(seed));
    const reconcile::sim::report r = w.run(forgetful);
    if (r.ok()) continue;
    fmt::print("without expectations: {}", r.to_string(3));
    auto shrunk = reconcile::sim::shrink([&](const reconcile::sim::schedule& s) { return w.replay(forgetful, s); }, r, 200);
    fmt::print("shrunk from {} to {} faults in {} replays; replayed, it fails with:\n  {}\n{}", r.faults.size(),
               shrunk.faults.size(), shrunk.replays, shrunk.last_failure.violations.at(0).to_string(),
               shrunk.faults.to_string());
    return check && passed != 10 ? 1 : 0;
  }
  fmt::print("without expectations: no seed failed\n");
  return check ? 1 : 0;
}
