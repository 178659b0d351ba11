// bench_wire: reconcile/wire against examples/game_server's hand-written codec (the baseline,
// kept in benchmarks/wire/hand_codec.hpp), on the game tick workload (benchmarks/wire/workload.hpp).
//   BM_delta/<impl>      encode the tick's changeset, then decode it onto a copy of the baseline
//                        (the copy is not timed); counters: bytes per delta, allocs
//   BM_delta/reconcile_encode_delta  the packet straight from the two states (encode_delta), decoded
//   BM_delta/hand_from_states        diff_into + the hand codec + its decode: the whole step from states
//   BM_encode/<impl>, BM_decode/<impl>: the two halves
//   BM_snapshot/<impl>   a full snapshot of the 10,000 entities: reconcile's encode_value, a
//                        memcpy-style serialiser (each field's bytes copied), one bulk memcpy
//                        (the floor), protobuf SerializeToString (benchmarks/wire/peer_protobuf.cpp)
//   BM_delta/json        reconcile::to_json_patch of the changeset (benchmarks/wire/peer_json.cpp)
#include "support/alloc_counter.hpp"
#include "wire/hand_codec.hpp"
#include "wire/workload.hpp"

#include <reconcile/wire.hpp>

#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

namespace {

using bytes = std::vector<std::uint8_t>;
namespace wire = reconcile::wire;

void BM_delta_hand(benchmark::State& state) {
  const auto& w = bench_wire::tick();
  bytes packet;
  game::PlainSnapshot target = w.base;
  bench::alloc_probe probe;
  for (auto _ : state) {
    game::encode(packet, 20, 18, w.cs);
    game::decode_into(target, packet);
    state.PauseTiming();
    target = w.base;
    state.ResumeTiming();
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
  state.counters["changes"] = static_cast<double>(w.cs.size());
}
BENCHMARK(BM_delta_hand)->Name("BM_delta/hand");

template <class Snap>
void delta_wire(benchmark::State& state, const Snap& base, const reconcile::changeset<Snap>& cs) {
  bytes packet;
  Snap target = base;
  bench::alloc_probe probe;
  for (auto _ : state) {
    packet.clear();
    wire::encode(packet, cs, {wire::packet_kind::delta, 20, 18});
    wire::decode_into(target, packet);
    state.PauseTiming();
    target = base;
    state.ResumeTiming();
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
  state.counters["changes"] = static_cast<double>(cs.size());
}
void BM_delta_wire(benchmark::State& state) { delta_wire(state, bench_wire::tick().base, bench_wire::tick().cs); }
void BM_delta_wire_quantized(benchmark::State& state) {
  delta_wire(state, bench_wire::tick().base_q, bench_wire::tick().cs_q);
}
BENCHMARK(BM_delta_wire)->Name("BM_delta/reconcile");

// encode_delta: the packet straight from the two states (no changeset), then the decode.
template <class Snap>
void delta_direct(benchmark::State& state, const Snap& base, const Snap& current) {
  bytes packet;
  Snap target = base;
  bench::alloc_probe probe;
  for (auto _ : state) {
    packet.clear();
    wire::encode_delta(packet, base, current, {wire::packet_kind::delta, 20, 18});
    wire::decode_into(target, packet);
    state.PauseTiming();
    target = base;
    state.ResumeTiming();
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
}
void BM_delta_direct(benchmark::State& state) { delta_direct(state, bench_wire::tick().base, bench_wire::tick().current); }
void BM_delta_direct_quantized(benchmark::State& state) {
  delta_direct(state, bench_wire::tick().base_q, bench_wire::tick().current_q);
}
BENCHMARK(BM_delta_direct)->Name("BM_delta/reconcile_encode_delta");
BENCHMARK(BM_delta_direct_quantized)->Name("BM_delta/reconcile_encode_delta_quantized");

// The whole sender's step from two states, hand-written: diff_into, then the hand codec.
void BM_delta_hand_from_states(benchmark::State& state) {
  const auto& w = bench_wire::tick();
  bytes packet;
  reconcile::changeset<game::PlainSnapshot> cs;
  game::PlainSnapshot target = w.base;
  for (auto _ : state) {
    reconcile::diff_into(cs, w.base, w.current);
    game::encode(packet, 20, 18, cs);
    game::decode_into(target, packet);
    state.PauseTiming();
    target = w.base;
    state.ResumeTiming();
  }
  state.counters["bytes"] = static_cast<double>(packet.size());
}
BENCHMARK(BM_delta_hand_from_states)->Name("BM_delta/hand_from_states");
BENCHMARK(BM_delta_wire_quantized)->Name("BM_delta/reconcile_quantized");

void BM_encode_hand(benchmark::State& state) {
  bytes packet;
  for (auto _ : state) {
    game::encode(packet, 20, 18, bench_wire::tick().cs);
    benchmark::DoNotOptimize(packet.data());
  }
  state.counters["bytes"] = static_cast<double>(packet.size());
}
void BM_encode_wire(benchmark::State& state) {
  bytes packet;
  bench::alloc_probe probe;
  for (auto _ : state) {
    packet.clear();
    wire::encode(packet, bench_wire::tick().cs);
    benchmark::DoNotOptimize(packet.data());
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
}
BENCHMARK(BM_encode_hand)->Name("BM_encode/hand");
BENCHMARK(BM_encode_wire)->Name("BM_encode/reconcile");
void BM_encode_delta(benchmark::State& state) {
  bytes packet;
  bench::alloc_probe probe;
  for (auto _ : state) {
    packet.clear();
    wire::encode_delta(packet, bench_wire::tick().base, bench_wire::tick().current);
    benchmark::DoNotOptimize(packet.data());
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
}
BENCHMARK(BM_encode_delta)->Name("BM_encode/reconcile_encode_delta");

void BM_decode_hand(benchmark::State& state) {
  const auto& w = bench_wire::tick();
  bytes packet;
  game::encode(packet, 20, 18, w.cs);
  game::PlainSnapshot target = w.base;
  for (auto _ : state) {
    game::decode_into(target, packet);
    state.PauseTiming();
    target = w.base;
    state.ResumeTiming();
  }
}
void BM_decode_wire(benchmark::State& state) {
  const auto& w = bench_wire::tick();
  bytes packet;
  wire::encode(packet, w.cs);
  game::PlainSnapshot target = w.base;
  bench::alloc_probe probe;
  for (auto _ : state) {
    wire::decode_into(target, packet);
    state.PauseTiming();
    target = w.base;
    state.ResumeTiming();
  }
  probe.report(state);
}
BENCHMARK(BM_decode_hand)->Name("BM_decode/hand");
BENCHMARK(BM_decode_wire)->Name("BM_decode/reconcile");

void BM_snapshot_wire(benchmark::State& state) {
  bytes packet;
  bench::alloc_probe probe;
  for (auto _ : state) {
    packet.clear();
    wire::encode_value(packet, bench_wire::tick().current);
    benchmark::DoNotOptimize(packet.data());
  }
  probe.report(state);
  state.counters["bytes"] = static_cast<double>(packet.size());
}
// A plain serialiser: the count, then each field's bytes, copied with memcpy.
void BM_snapshot_memcpy_fields(benchmark::State& state) {
  bytes packet;
  for (auto _ : state) {
    const auto& es = bench_wire::tick().current.entities;
    packet.resize(8 + es.size() * (4 * 6));
    std::uint8_t* p = packet.data();
    const std::uint64_t n = es.size();
    std::memcpy(p, &n, 8);
    p += 8;
    for (const game::PlainEntity& e : es) {
      reconcile::for_each_field(e, [&](const auto& v, auto) {
        std::memcpy(p, &v, sizeof v);
        p += sizeof v;
      });
    }
    benchmark::DoNotOptimize(packet.data());
  }
  state.counters["bytes"] = static_cast<double>(packet.size());
}
void BM_snapshot_memcpy_bulk(benchmark::State& state) {
  bytes packet;
  for (auto _ : state) {
    const auto& es = bench_wire::tick().current.entities;
    packet.resize(es.size() * sizeof(game::PlainEntity));
    std::memcpy(packet.data(), es.data(), packet.size());
    benchmark::DoNotOptimize(packet.data());
  }
  state.counters["bytes"] = static_cast<double>(packet.size());
}
BENCHMARK(BM_snapshot_wire)->Name("BM_snapshot/reconcile");
BENCHMARK(BM_snapshot_memcpy_fields)->Name("BM_snapshot/memcpy_fields");
BENCHMARK(BM_snapshot_memcpy_bulk)->Name("BM_snapshot/memcpy_bulk");

}  // namespace

BENCHMARK_MAIN();
