// Heap allocations made by this thread, counted by a replaced global operator new (every
// form; alloc_counter.cpp). Catches allocations inside libstdc++, libprotobuf and the rest.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

namespace bench {

/// Allocations (operator new calls) made by the calling thread so far.
std::uint64_t allocations() noexcept;

/// Reads the counter around a benchmark loop and reports allocations per iteration as the
/// counter "allocs".
class alloc_probe {
 public:
  alloc_probe() noexcept : start_(allocations()) {}
  void report(benchmark::State& state) const {
    state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations() - start_),
                                                  benchmark::Counter::kAvgIterations);
  }

 private:
  std::uint64_t start_;
};

}  // namespace bench
