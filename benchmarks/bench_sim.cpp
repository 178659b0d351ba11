// The simulator's speed: simulated ticks per second and CPU per run for issue #18's scenario
// over 10,000 keys with every fault on (bucket controller: plan / execute / expectations per
// key), against the same world with no fault, and against a hand-written baseline: the same
// controller stepping on a bare store (no injector, no checkers, no stale-read history).
#include <benchmark/benchmark.h>

#include "../tests/support/sim_buckets.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sim = reconcile::sim;
using simtest::Bucket;

namespace {

constexpr std::size_t keys = 10000;

void run_world(benchmark::State& state, const sim::fault_options& faults) {
  std::uint64_t seed = 1, ticks = 0, calls = 0;
  bool converged = true;
  for (auto _ : state) {
    simtest::world w(simtest::scenario(keys, seed++, faults));
    const sim::report r = w.run([](simtest::world& x) { return std::make_unique<simtest::bucket_controller<>>(x); });
    ticks += r.stats.ticks;
    calls += r.stats.actuator_calls;
    converged = converged && r.stats.converged;
  }
  state.counters["ticks/s"] = benchmark::Counter(double(ticks), benchmark::Counter::kIsRate);
  state.counters["ticks/run"] = double(ticks) / double(state.iterations());
  state.counters["calls/key"] = double(calls) / (double(state.iterations()) * double(keys));
  if (!converged) state.SkipWithError("a run did not converge");
}

// Every fault of issue #18 (lost acks and two crashes included).
void sim_10k_every_fault(benchmark::State& state) { run_world(state, sim::fault_options::harsh()); }
BENCHMARK(sim_10k_every_fault)->Unit(benchmark::kMillisecond);

void sim_10k_no_fault(benchmark::State& state) { run_world(state, sim::fault_options::none()); }
BENCHMARK(sim_10k_no_fault)->Unit(benchmark::kMillisecond);

// The baseline: what bucket_controller needs from a world, on a bare store, stepped until a
// step runs nothing.
class bare_world {
 public:
  explicit bare_world(const sim::world_options<std::string, Bucket>& o) : opts_(o), desired_(o.desired) {
    store_.reset(o.initial);
    for (const auto& [k, v] : o.initial) keys_.push_back(k);
    for (const auto& [k, v] : o.desired)
      if (!o.initial.contains(k)) keys_.push_back(k);
  }
  reconcile::manual_clock& clock() { return clock_; }
  sim::journal& journal(const std::string& k) { return journals_[k]; }
  const sim::world_options<std::string, Bucket>& options() const { return opts_; }
  const std::vector<std::string>& keys() const { return keys_; }
  std::optional<Bucket> read(const std::string& k) { return store_.get(k); }
  std::optional<Bucket> desired(const std::string& k) const {
    auto it = desired_.find(k);
    return it == desired_.end() ? std::nullopt : std::optional<Bucket>(it->second);
  }
  sim::store<std::string, Bucket>& actuator() { return store_; }
  template <class F>
  F checked(F f) {
    return f;
  }

 private:
  sim::world_options<std::string, Bucket> opts_;
  std::map<std::string, Bucket> desired_;
  sim::store<std::string, Bucket> store_;
  reconcile::manual_clock clock_;
  std::map<std::string, sim::journal> journals_;
  std::vector<std::string> keys_;
};

void baseline_10k_bare_store(benchmark::State& state) {
  std::uint64_t ticks = 0;
  for (auto _ : state) {
    bare_world w(simtest::scenario(keys, 1, sim::fault_options::none()));
    simtest::bucket_controller<bare_world> ctl(w);
    while (ctl.step() > 0) {
      w.clock().advance(std::chrono::milliseconds(100));
      ++ticks;
    }
  }
  state.counters["ticks/s"] = benchmark::Counter(double(ticks), benchmark::Counter::kIsRate);
}
BENCHMARK(baseline_10k_bare_store)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
