// bench_wire's protobuf peer: SerializeToString of the full snapshot (the message is built
// outside the timed loop).
#include "wire/workload.hpp"
#include "wire_model.pb.h"

#include <benchmark/benchmark.h>

#include <string>

namespace {

void BM_snapshot_protobuf(benchmark::State& state) {
  reconcile_bench::WireSnapshot msg;
  for (const game::PlainEntity& e : bench_wire::tick().current.entities) {
    auto* m = msg.add_entities();
    m->set_id(e.id);
    m->set_x(e.x);
    m->set_y(e.y);
    m->set_vx(e.vx);
    m->set_vy(e.vy);
    m->set_health(e.health);
  }
  std::string out;
  for (auto _ : state) {
    msg.SerializeToString(&out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_snapshot_protobuf)->Name("BM_snapshot/protobuf");

}  // namespace
