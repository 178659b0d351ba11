// reconcile/sim/faults.hpp - what can go wrong in a simulated world: the kinds of fault, how
// often each is injected (fault_options), one injected fault (fault) and a run's faults in
// order (schedule), which prints as the reproduction of a failing run.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::sim {

/// fault_kind: one kind of injected fault.
///   fail          an actuator call fails and has no effect (thrown, or returned false / an error)
///   late          the call succeeds, its effect lands 1..max_delay_ticks ticks later
///   lost_ack      the effect lands, the call reports failure (its outcome is unknown)
///   duplicate     the effect lands, and the same request is delivered again 0..max_delay later
///   stale_read    a read shows the resource as it was 1..max_stale_ticks ticks ago
///   partial_read  a read misses the resource (it seems absent)
///   drift_delete, drift_mutate  an external actor deletes / changes a live resource
///   drop_event, duplicate_event  a change notification is lost / delivered twice
///   crash         the controller loses all its memory; a fresh one starts on the same world
///   churn         the desired state of one key changes
enum class fault_kind : unsigned char {
  fail, late, lost_ack, duplicate,
  stale_read, partial_read,
  drift_delete, drift_mutate,
  drop_event, duplicate_event,
  crash, churn
};
inline constexpr std::size_t fault_kind_count = 12;

/// to_string(fault_kind): its name, e.g. "lost_ack".
constexpr std::string_view to_string(fault_kind k) noexcept {
  constexpr std::array<std::string_view, fault_kind_count> names{
      "fail",         "late",         "lost_ack",   "duplicate",       "stale_read", "partial_read",
      "drift_delete", "drift_mutate", "drop_event", "duplicate_event", "crash",      "churn"};
  return names[static_cast<std::size_t>(k)];
}

/// fault_options: how often each fault is injected while faults are on (the first
/// world_options::fault_ticks ticks). Shares are probabilities in [0, 1]. Default: no fault.
struct fault_options {
  // Actuator calls: each call draws one of these (their sum must stay <= 1).
  double fail = 0;       ///< share of calls that fail with no effect
  double late = 0;       ///< share whose effect lands 1..max_delay_ticks later
  double lost_ack = 0;   ///< share whose effect lands but whose call reports failure
  double duplicate = 0;  ///< share delivered twice (the copy 0..max_delay_ticks later)
  std::uint32_t max_delay_ticks = 3;
  // Reads (each read of one resource):
  double stale_read = 0;  ///< share of reads that lag by 1..max_stale_ticks ticks
  std::uint32_t max_stale_ticks = 3;
  double partial_read = 0;  ///< share of reads that miss the resource
  // Events (each change notification):
  double drop_event = 0;
  double duplicate_event = 0;
  // The world:
  double drift_per_tick = 0;  ///< expected external deletes / mutations per tick (half each)
  double churn = 0;           ///< share of keys whose desired state changes once, mid-run
  std::uint32_t crashes = 0;  ///< controller crashes, at distinct random ticks

  /// none(): no fault at all (the world still runs: a baseline).
  static fault_options none() noexcept { return {}; }
  /// harsh(): issue #18's scenario: 30 % failing calls (half thrown, half returned), 10 % late
  /// effects, 5 % lost acks, 5 % duplicates, half the reads up to 3 ticks stale, 2 % partial
  /// reads, 50 % dropped events, 10 % churn, two drifts a tick, two crashes.
  static fault_options harsh() noexcept {
    fault_options o;
    o.fail = 0.30;
    o.late = 0.10;
    o.lost_ack = 0.05;
    o.duplicate = 0.05;
    o.stale_read = 0.5;
    o.partial_read = 0.02;
    o.drop_event = 0.5;
    o.duplicate_event = 0.05;
    o.drift_per_tick = 2;
    o.churn = 0.10;
    o.crashes = 2;
    return o;
  }
};

/// fault: one injected fault: when, what, on which target (a resource address, or
/// "controller"), the n-th decision on that target in that tick (ordinal), and its parameter
/// (ticks of delay or staleness; for fail, 0 thrown and 1 returned). Two faults with one tick,
/// kind's category, target and ordinal are the same fault: that is how a schedule replays.
struct fault {
  std::uint64_t tick = 0;
  fault_kind kind = fault_kind::fail;
  std::string target;
  std::uint32_t ordinal = 0;
  std::uint32_t param = 0;
  std::string note;  ///< what it hit, e.g. "create"

  /// to_string(): e.g. `tick 12  lost_ack  create resources["k7"]`.
  std::string to_string() const {
    std::string extra;
    switch (kind) {
      case fault_kind::late:
      case fault_kind::duplicate: extra = fmt::format(" (+{} ticks)", param); break;
      case fault_kind::stale_read: extra = fmt::format(" ({} ticks old)", param); break;
      case fault_kind::fail: extra = param ? " (returned)" : " (thrown)"; break;
      default: break;
    }
    return fmt::format("tick {:<5} {:<15} {}{}{}{}", tick, sim::to_string(kind), note, note.empty() ? "" : " ",
                       target, extra);
  }
};

/// schedule: the faults of one run, in the order they were injected.
struct schedule {
  std::vector<fault> faults;

  std::size_t size() const noexcept { return faults.size(); }
  bool empty() const noexcept { return faults.empty(); }
  /// count(k): how many faults of kind k.
  std::size_t count(fault_kind k) const noexcept {
    std::size_t n = 0;
    for (const fault& f : faults) n += f.kind == k ? 1 : 0;
    return n;
  }
  /// only(indexes): the faults at these positions (e.g. a shrunk schedule's), in order.
  schedule only(const std::vector<std::size_t>& indexes) const {
    schedule s;
    for (std::size_t i : indexes)
      if (i < faults.size()) s.faults.push_back(faults[i]);
    return s;
  }
  /// summary(): the count of each kind present, e.g. "fail 310, late 121, crash 2". O(n).
  std::string summary() const {
    std::string out;
    for (std::size_t k = 0; k < fault_kind_count; ++k)
      if (const std::size_t n = count(static_cast<fault_kind>(k)))
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", sim::to_string(static_cast<fault_kind>(k)), n);
    return out.empty() ? "no fault" : out;
  }
  /// to_string(max_lines): one fault a line (the first max_lines, then how many more).
  std::string to_string(std::size_t max_lines = 50) const {
    std::string out;
    for (std::size_t i = 0; i < faults.size() && i < max_lines; ++i)
      out += fmt::format("  #{:<4} {}\n", i, faults[i].to_string());
    if (faults.size() > max_lines) out += fmt::format("  ... and {} more\n", faults.size() - max_lines);
    return out;
  }
};

}  // namespace reconcile::sim
