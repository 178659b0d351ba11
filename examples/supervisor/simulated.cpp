// examples/supervisor under reconcile::sim (`supervisor --sim [--check] [--seed N]`): the
// supervisor's controller (its options, its per-service pass of service_pass.hpp) over a
// simulated process table: starts and stops fail, land late, lose their acknowledgement, run
// twice; the table it reads lags (stale) or misses replicas; replicas die or are restarted
// with another command behind its back (drift); the desired command or replica set changes
// (churn); SIGCHLD-like events are dropped or repeated; the supervisor crashes twice (its
// expectations' journal survives). Checked: every replica converges, a full pass afterwards
// acts on nothing, never two live processes for one replica, at most 40 calls a replica.
// The same controller without expectations (the supervisor as it was) is run too: with a
// lagging table it starts replicas twice.
#include "service_pass.hpp"

#include <reconcile/reconcile.hpp>
#include <reconcile/sim.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace supervisor {
namespace {

using namespace std::chrono_literals;
using world = reconcile::sim::world<std::string, Replica>;
enum class memory { expectations, none };

const std::vector<std::pair<std::string, int>> services = {{"web", 5}, {"worker", 2}, {"cron", 1}, {"api", 3}};

// The supervisor's controller on the world: one pass per service, as main.cpp runs it.
class simulated_supervisor {
 public:
  simulated_supervisor(world& w, memory m)
      : w_(w),
        memory_(m),
        expect_(w.journal(), 5s, &w.clock()),
        ctl_(options(w), w.checked([this](const std::string& s) { return reconcile(s); })) {
    ctl_.set_lister([](auto&& emit) {
      for (const auto& [name, n] : services) emit(name);
    });
  }
  void notify(const std::string& replica) { ctl_.notify(replica.substr(0, replica.find('/'))); }
  std::size_t step() { return ctl_.step(); }

 private:
  static reconcile::options options(world& w) {
    reconcile::options o = controller_options();
    o.clock = &w.clock();
    o.seed = w.options().seed;
    return o;
  }
  reconcile::result reconcile(const std::string& service) {
    Replicas seen, want;
    for (const auto& [name, n] : services) {
      if (name != service) continue;
      for (int i = 0; i < n; ++i) {
        const std::string k = fmt::format("{}/{}", service, i);
        if (auto r = w_.read(k)) seen.replicas.emplace(k, std::move(*r));
        if (auto d = w_.desired(k)) want.replicas.emplace(k, std::move(*d));
      }
    }
    if (memory_ == memory::expectations) return pass(service, seen, want, w_.actuator(), expect_).next;
    const auto plan = reconcile::plan_for(seen, want);  // the supervisor before the simulator
    if (plan.empty()) return reconcile::result::done();
    return reconcile::execute(plan, w_.actuator()).ok() ? reconcile::result::done() : reconcile::result::retry();
  }

  world& w_;
  memory memory_;
  reconcile::expectations expect_;
  reconcile::controller<std::string> ctl_;
};

reconcile::sim::world_options<std::string, Replica> scenario(std::uint64_t seed) {
  reconcile::sim::world_options<std::string, Replica> o;
  o.seed = seed;
  o.faults = reconcile::sim::fault_options::harsh();
  o.max_calls_per_key = 40;
  for (const auto& [name, n] : services)
    for (int i = 0; i < n; ++i) {
      const std::string k = fmt::format("{}/{}", name, i);
      o.desired[k] = Replica{{"sleep", "600"}};
      if (i == 0) o.initial[k] = Replica{{"sleep", "599"}};  // an old command: replaced
    }
  o.initial["old/0"] = Replica{{"sleep", "1"}};  // a service no longer desired: stopped
  o.churn = [](const std::string&, Replica& r, reconcile::sim::rng& g) { r.command[1] = std::to_string(600 + g.below(9)); };
  return o;
}

}  // namespace

// run_simulated(argc, argv): seeds 1..20 (--seed N: that one) with expectations, then the
// same seeds without; under --check, non-zero if a seed fails with them.
int run_simulated(int argc, char** argv) {
  bool check = false;
  std::uint64_t first = 1, last = 20;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) check = true;
    else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) first = last = std::strtoull(argv[++i], nullptr, 10);
  }
  std::uint64_t passed[2] = {0, 0};
  for (memory m : {memory::expectations, memory::none})
    for (std::uint64_t seed = first; seed <= last; ++seed) {
      world w(scenario(seed));
      const auto r = w.run([m](world& x) { return std::make_unique<simulated_supervisor>(x, m); });
      passed[m == memory::none] += r.ok();
      if ((m == memory::expectations && (seed == first || !r.ok())) || (m == memory::none && !r.ok() && seed == first))
        fmt::print("{} {}", m == memory::none ? "without expectations:" : "supervisor --sim:", r.to_string(3));
    }
  const std::uint64_t seeds = last - first + 1;
  fmt::print("supervisor --sim: {} of {} seeds pass every check; without expectations, {} of {}\n", passed[0], seeds,
             passed[1], seeds);
  return check && passed[0] != seeds ? 1 : 0;
}

}  // namespace supervisor
