// bench_wire's JSON peer: the tick's changeset as an RFC 6902 patch (reconcile::to_json_patch,
// nlohmann dump), what a user without reconcile/wire would send.
#include "wire/workload.hpp"

#include <reconcile/json.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

void BM_delta_json(benchmark::State& state) {
  const auto& w = bench_wire::tick();
  std::string out;
  try {
    out = reconcile::to_json_patch(w.base, w.cs);
  } catch (const reconcile::error& e) {  // reported, not fatal: the other figures still run
    state.SkipWithError(e.what());
    return;
  }
  for (auto _ : state) {
    out = reconcile::to_json_patch(w.base, w.cs);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_delta_json)->Name("BM_delta/json_patch");

}  // namespace
