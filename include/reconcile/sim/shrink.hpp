// reconcile/sim/shrink.hpp - shrink(): reduces a failing run's fault schedule to a minimal
// set of faults that still fails (Zeller's ddmin, over the faults in order), by replaying
// the same seed with subsets of the schedule.
#pragma once

#include <reconcile/sim/checkers.hpp>
#include <reconcile/sim/faults.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace reconcile::sim {

/// shrunk: the smallest failing schedule found, its report, and the replays it took.
struct shrunk {
  schedule faults;
  report last_failure;
  std::size_t replays = 0;
};

/// shrink(replay, failing, max_replays = 500): replay(schedule) runs the failing seed with
/// exactly those faults (e.g. [&](const sim::schedule& s) { return w.replay(make, s); });
/// returns a 1-minimal failing subset of failing.faults (removing any one fault makes it
/// pass) unless max_replays ran out first. It first tries the faults on the addresses the
/// first violation names (and the crashes). Costs O(n log n) replays typically, O(n^2) at worst.
template <class Replay>
shrunk shrink(Replay&& replay, const report& failing, std::size_t max_replays = 500) {
  shrunk out{failing.faults, failing, 0};
  std::vector<fault> current = failing.faults.faults;
  auto fails = [&](const std::vector<fault>& subset) {
    if (out.replays >= max_replays) return false;
    ++out.replays;
    report r = replay(schedule{subset});
    if (r.ok()) return false;
    out.last_failure = std::move(r);
    return true;
  };
  // First guess: only the faults on what the first violation names (and the crashes).
  if (!failing.violations.empty()) {
    const std::string& text = failing.violations.front().detail;
    std::vector<fault> named;
    for (const fault& f : current)
      if (f.kind == fault_kind::crash || text.find(f.target) != std::string::npos) named.push_back(f);
    if (named.size() < current.size() && fails(named)) current = std::move(named);
  }
  std::size_t parts = 2;
  while (current.size() >= 2 && out.replays < max_replays) {
    const std::size_t chunk = (current.size() + parts - 1) / parts;
    bool reduced = false;
    for (std::size_t start = 0; start < current.size() && !reduced; start += chunk) {
      const std::size_t stop = std::min(current.size(), start + chunk);
      std::vector<fault> only(current.begin() + static_cast<std::ptrdiff_t>(start),
                              current.begin() + static_cast<std::ptrdiff_t>(stop));
      std::vector<fault> rest(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(start));
      rest.insert(rest.end(), current.begin() + static_cast<std::ptrdiff_t>(stop), current.end());
      if (fails(only)) {
        current = std::move(only);
        parts = 2;
        reduced = true;
      } else if (parts > 2 && fails(rest)) {
        current = std::move(rest);
        parts = std::max<std::size_t>(parts - 1, 2);
        reduced = true;
      }
    }
    if (!reduced) {
      if (parts >= current.size()) break;
      parts = std::min(current.size(), parts * 2);
    }
  }
  if (current.size() == 1 && fails({})) current.clear();
  out.faults = schedule{std::move(current)};
  return out;
}

}  // namespace reconcile::sim
