// Loop-driver throughput: ns per no-op reconcile through step() (N keys notified, then one
// step, per iteration), the same with the run_context reconciler overload, a hand-written
// baseline (a locked deque + dedupe set, no delays, priorities or metrics), the cost of a
// deduplicated notify, and reconciles/s with 2 workers.
#include <benchmark/benchmark.h>

#include <reconcile/controller.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

// ns/reconcile: a counter printed as time per item.
benchmark::Counter per_item(double items) {
  return benchmark::Counter(items, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// step_noop(state, opts, reconciler, keys): notify every key, then one step(), per iteration.
template <class Key, class F>
void step_noop(benchmark::State& state, const reconcile::options& opts, F reconciler, const std::vector<Key>& keys) {
  reconcile::controller<Key> ctl(opts, std::move(reconciler));
  ctl.reserve(keys.size());
  for (auto _ : state) {
    for (const Key& k : keys) ctl.notify(k);
    benchmark::DoNotOptimize(ctl.step());
  }
  const auto items = state.iterations() * std::int64_t(keys.size());
  state.SetItemsProcessed(items);
  state.counters["per_reconcile"] = per_item(double(items));
}

std::vector<int> int_keys(benchmark::State& state) {
  std::vector<int> keys;
  for (int k = 0; k < int(state.range(0)); ++k) keys.push_back(k);
  return keys;
}

void step_noop_int(benchmark::State& state) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  step_noop(state, opts, [](const int&) { return reconcile::result::done(); }, int_keys(state));
}
BENCHMARK(step_noop_int)->Arg(1)->Arg(64)->Arg(4096);

void step_noop_context_int(benchmark::State& state) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  step_noop(
      state, opts,
      [](const int&, const reconcile::run_context& c) {
        benchmark::DoNotOptimize(c.id());
        return reconcile::result::done();
      },
      int_keys(state));
}
BENCHMARK(step_noop_context_int)->Arg(64);

// baseline_locked_deque_int: the least a thread-safe deduplicating queue does per item: a
// locked push with a set insert, a locked pop with a set erase, a std::function call.
void baseline_locked_deque_int(benchmark::State& state) {
  const int n = int(state.range(0));
  std::mutex m;
  std::deque<int> q;
  std::unordered_set<int> queued;
  queued.reserve(std::size_t(n));
  std::function<int(const int&)> fn = [](const int&) { return 0; };
  for (auto _ : state) {
    for (int k = 0; k < n; ++k) {
      std::lock_guard<std::mutex> g(m);
      if (queued.insert(k).second) q.push_back(k);
    }
    for (;;) {
      int k;
      {
        std::lock_guard<std::mutex> g(m);
        if (q.empty()) break;
        k = q.front();
        q.pop_front();
        queued.erase(k);
      }
      benchmark::DoNotOptimize(fn(k));
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["per_reconcile"] = per_item(double(state.iterations() * n));
}
BENCHMARK(baseline_locked_deque_int)->Arg(64)->Arg(4096);

void step_noop_string(benchmark::State& state) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  std::vector<std::string> keys;
  for (int k = 0; k < int(state.range(0)); ++k) keys.push_back("namespace/deployment-" + std::to_string(k));
  step_noop(state, opts, [](const std::string&) { return reconcile::result::done(); }, keys);
}
BENCHMARK(step_noop_string)->Arg(64)->Arg(4096);

void step_noop_real_clock(benchmark::State& state) {
  reconcile::options opts;  // steady clock: two now() calls more per reconcile
  step_noop(state, opts, [](const int&) { return reconcile::result::done(); }, int_keys(state));
}
BENCHMARK(step_noop_real_clock)->Arg(64);

void notify_deduplicated(benchmark::State& state) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  reconcile::controller<int> ctl(opts, [](const int&) { return reconcile::result::done(); });
  for (int k = 0; k < 1024; ++k) ctl.notify(k);
  int k = 0;
  for (auto _ : state) ctl.notify(k++ & 1023);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(notify_deduplicated);

// run_2_workers: 64 keys, each reconcile returns requeue_after(0) until `total` reconciles
// have run; measures whole-system throughput of run() with two worker threads.
void run_2_workers(benchmark::State& state) {
  const long total = 200000;
  for (auto _ : state) {
    std::atomic<long> count{0};
    reconcile::options opts;
    opts.workers = 2;
    reconcile::controller<int> ctl(opts, [&](const int&) {
      return ++count < total ? reconcile::result::requeue_after(0s) : reconcile::result::done();
    });
    for (int k = 0; k < 64; ++k) ctl.notify(k);
    std::stop_source stop;
    std::thread runner([&] { ctl.run(stop.get_token()); });
    while (count.load(std::memory_order_relaxed) < total) std::this_thread::sleep_for(100us);
    stop.request_stop();
    runner.join();
  }
  state.SetItemsProcessed(state.iterations() * total);
}
BENCHMARK(run_2_workers)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
