// reconcile/sim/checkers.hpp - what a simulated run checks and how it reports: the checks,
// a violation (which check, at which tick, what), user invariants, the run's figures and the
// report that a failing run prints (its seed, first violations and fault schedule).
#pragma once

#include <reconcile/sim/faults.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::sim {

/// check: one property a run is held to.
///   convergence           every key's resource equals its desired state (or both are absent)
///                         within world_options::converge_within ticks after the faults stop
///   idempotence           afterwards, a full pass (every key notified) calls the actuator
///                         never, and plan_for(truth, desired) is empty
///   duplicate_effect      no create reached a live resource under another request id
///   concurrent_reconcile  no key was being reconciled twice at once
///   call_bound            no resource address got more actuator calls than the bound
///   invariant             every user invariant held after every tick
enum class check : unsigned char {
  convergence, idempotence, duplicate_effect, concurrent_reconcile, call_bound, invariant
};

/// to_string(check): its name, e.g. "duplicate_effect".
constexpr std::string_view to_string(check c) noexcept {
  switch (c) {
    case check::convergence: return "convergence";
    case check::idempotence: return "idempotence";
    case check::duplicate_effect: return "duplicate_effect";
    case check::concurrent_reconcile: return "concurrent_reconcile";
    case check::call_bound: return "call_bound";
    case check::invariant: return "invariant";
  }
  return "?";
}

/// violation: a check that failed, at a tick, with what was seen.
struct violation {
  check what = check::convergence;
  std::uint64_t tick = 0;
  std::string detail;
  std::string to_string() const { return fmt::format("tick {}: {}: {}", tick, sim::to_string(what), detail); }
};

/// invariant<K, R>: a named predicate over the live resources and the desired state, checked
/// after every tick; `holds` returns false to report a violation.
template <class K, class R>
struct invariant {
  std::string name;
  std::function<bool(const std::map<K, R>& truth, const std::map<K, R>& desired)> holds;
};

/// run_stats: the figures of one run.
struct run_stats {
  std::size_t keys = 0;               ///< keys desired or live at any time
  std::uint64_t ticks = 0;            ///< ticks simulated (the final pass excluded)
  std::uint64_t fault_ticks = 0;      ///< the fault window
  bool converged = false;             ///< every key converged in time
  std::uint64_t converged_tick = 0;   ///< the tick every key had converged by
  std::size_t unconverged = 0;        ///< keys not converged at the end
  std::size_t actuator_calls = 0;     ///< calls the controller made
  std::uint32_t max_calls_per_key = 0;
  double calls_per_key = 0;           ///< actuator_calls / keys
  std::size_t duplicates = 0;         ///< duplicate creates
  std::size_t crashes = 0;
  std::uint64_t converge_p50 = 0;     ///< ticks from a key's disturbance to its convergence
  std::uint64_t converge_p99 = 0;
  std::uint64_t converge_max = 0;
};

/// report: the outcome of one run: ok() when no check failed.
struct report {
  std::uint64_t seed = 0;
  std::vector<violation> violations;
  schedule faults;  ///< every fault injected, in order
  run_stats stats;

  bool ok() const noexcept { return violations.empty(); }
  /// count(c): violations of check c.
  std::size_t count(check c) const noexcept {
    return static_cast<std::size_t>(
        std::count_if(violations.begin(), violations.end(), [c](const violation& v) { return v.what == c; }));
  }
  /// to_string(max_lines): a one-line verdict with the figures; when failing, the first
  /// violations, the fault schedule (up to max_lines faults) and how to replay the run.
  std::string to_string(std::size_t max_lines = 40) const {
    const run_stats& s = stats;
    std::string out = fmt::format(
        "seed {}: {}: {} keys, {} ticks (faults until tick {}), {}; {} actuator calls ({:.2f} a key, at most {}), "
        "{} duplicate creates, {} crashes; ticks to converge p50 {} p99 {} max {}\n",
        seed, ok() ? "ok" : "FAILED", s.keys, s.ticks, s.fault_ticks,
        s.converged ? fmt::format("converged at tick {}", s.converged_tick)
                         : fmt::format("{} keys not converged", s.unconverged),
        s.actuator_calls, s.calls_per_key, s.max_calls_per_key, s.duplicates, s.crashes, s.converge_p50,
        s.converge_p99, s.converge_max);
    out += fmt::format("  faults: {}\n", faults.summary());
    if (ok()) return out;
    for (std::size_t i = 0; i < violations.size() && i < max_lines; ++i)
      out += "  " + violations[i].to_string() + "\n";
    if (violations.size() > max_lines) out += fmt::format("  ... and {} more violations\n", violations.size() - max_lines);
    out += fmt::format("  fault schedule ({} faults):\n", faults.size()) + faults.to_string(max_lines);
    out += fmt::format("  replay: world_options::seed = {} (the same run, exactly)\n", seed);
    return out;
  }
};

}  // namespace reconcile::sim
