// Which keys of a simulated world have converged (their live state equals the desired one),
// since when, and how long each took: the world marks a key after every tick that changed it,
// and the run's figures (p50, p99, max ticks to converge) come from the latencies recorded
// here. Part of sim/world.hpp (world_core holds one). Not public.
#pragma once

#include <reconcile/sim/checkers.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace reconcile::sim::detail {

// The value at percentile p (0..100) of v, sorting v; 0 when v is empty.
inline std::uint64_t percentile(std::vector<std::uint64_t>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size()));
  return v[std::min(rank, v.size() - 1)];
}

template <class K>
class convergence {
 public:
  // Starts a run: each key converged or not (converged(k)), none with a latency yet.
  template <class Converged>
  void reset(const std::vector<K>& keys, Converged converged) {
    state_.clear();
    latencies_.clear();
    unconverged_ = 0;
    for (const K& k : keys) {
      const bool ok = converged(k);
      state_[k] = {ok, 0};
      unconverged_ += ok ? 0 : 1;
    }
  }
  // Key k is (ok) or is not converged at tick now: a key that converges records how long it
  // took since it last stopped being converged.
  void mark(const K& k, bool ok, std::uint64_t now) {
    key_state& s = state_[k];
    if (ok == s.converged) return;
    s.converged = ok;
    if (ok) {
      latencies_.push_back(now - s.since);
      --unconverged_;
    } else {
      s.since = now;
      ++unconverged_;
    }
  }
  std::size_t unconverged() const noexcept { return unconverged_; }
  // Up to n keys not converged, each as address(k) after a space.
  template <class Address>
  std::string some_unconverged(std::size_t n, Address address) const {
    std::string some;
    std::size_t shown = 0;
    for (const auto& [k, s] : state_)
      if (!s.converged && shown++ < n) some += " " + address(k);
    return some;
  }
  // The latency figures of the run into s (sorts the latencies).
  void figures(run_stats& s) {
    s.unconverged = unconverged_;
    s.converge_p50 = percentile(latencies_, 50);
    s.converge_p99 = percentile(latencies_, 99);
    s.converge_max = latencies_.empty() ? 0 : latencies_.back();
  }

 private:
  struct key_state {
    bool converged = true;
    std::uint64_t since = 0;  // when it last stopped being converged
  };
  std::map<K, key_state> state_;
  std::size_t unconverged_ = 0;
  std::vector<std::uint64_t> latencies_;
};

}  // namespace reconcile::sim::detail
