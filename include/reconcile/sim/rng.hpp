// reconcile/sim/rng.hpp - the simulator's random numbers: a seeded stream (sim::rng) for the
// hooks a scenario supplies (churn, drift), and counter-based draws (a hash of the seed and of
// what is being decided) behind every fault, so that removing one fault never moves another.
#pragma once

#include <cstdint>
#include <string_view>

namespace reconcile::sim {

/// mix(x): splitmix64's finaliser, a bijective, well-spread 64-bit hash of x. Free.
constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// hash_text(s): a 64-bit hash of the text s (FNV-1a, then mix). O(|s|).
constexpr std::uint64_t hash_text(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix(h);
}

/// draw(a, b, ...): a hash of the words a, b, ... in order: one counter-based draw. Free.
template <class... W>
constexpr std::uint64_t draw(std::uint64_t first, W... rest) noexcept {
  std::uint64_t h = mix(first);
  ((h = mix(h ^ static_cast<std::uint64_t>(rest))), ...);
  return h;
}

/// unit(h): h mapped to [0, 1). Free.
constexpr double unit(std::uint64_t h) noexcept { return static_cast<double>(h >> 11) * 0x1.0p-53; }

/// rng(seed): a small deterministic stream (splitmix64) for scenario hooks. Each call is a
/// few multiplications; two rngs with one seed give one sequence.
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
  /// next(): the next 64 random bits.
  std::uint64_t next() noexcept { return mix(state_++); }
  /// below(n): uniform in [0, n) (n > 0; slightly biased for huge n, fine for tests).
  std::uint64_t below(std::uint64_t n) noexcept { return n ? next() % n : 0; }
  /// unit(): uniform in [0, 1).
  double unit() noexcept { return sim::unit(next()); }
  /// chance(p): true with probability p.
  bool chance(double p) noexcept { return unit() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace reconcile::sim
