// Reconcile intervals (who reconciled which key from when to when) and the check the etcd
// tests hold the library to: no key's intervals overlap across replicas.
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace etcd_test {

struct interval {
  std::string replica;
  std::string key;
  std::int64_t start = 0;
  std::int64_t end = std::numeric_limits<std::int64_t>::max();  // still open
};

// first_overlap(all): two intervals of one key that intersect, described; nullopt if none.
inline std::optional<std::string> first_overlap(std::vector<interval> all) {
  std::map<std::string, std::vector<const interval*>> by_key;
  for (const auto& i : all) by_key[i.key].push_back(&i);
  for (auto& [key, v] : by_key) {
    std::sort(v.begin(), v.end(), [](const interval* a, const interval* b) { return a->start < b->start; });
    for (std::size_t i = 1; i < v.size(); ++i)
      if (v[i]->start < v[i - 1]->end) {
        std::ostringstream os;
        os << "key " << key << ": " << v[i - 1]->replica << " [" << v[i - 1]->start << ", " << v[i - 1]->end
           << ") overlaps " << v[i]->replica << " [" << v[i]->start << ", " << v[i]->end << ")";
        return os.str();
      }
  }
  return std::nullopt;
}

// replica_log: one replica's log file ("S key t", "E key t ok", "L 1 t", "M n t", ...), parsed.
struct replica_log {
  std::vector<interval> intervals;
  std::vector<std::pair<std::int64_t, bool>> leadership;  // (t, leading)
  std::int64_t ready = 0, bye = 0;
  std::size_t decode_errors = 0;

  // read(path, name, killed_at): intervals still open end at killed_at (the process died).
  static replica_log read(const std::string& path, const std::string& name,
                          std::int64_t killed_at = std::numeric_limits<std::int64_t>::max()) {
    replica_log r;
    std::ifstream in(path);
    std::map<std::string, std::size_t> open;
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string tag, key;
      std::int64_t t = 0;
      ls >> tag;
      if (tag == "S" && ls >> key >> t) {
        open[key] = r.intervals.size();
        r.intervals.push_back({name, key, t});
      } else if (tag == "E" && ls >> key >> t) {
        if (auto it = open.find(key); it != open.end()) {
          r.intervals[it->second].end = t;
          open.erase(it);
        }
      } else if (tag == "L") {
        int lead = 0;
        if (ls >> lead >> t) r.leadership.emplace_back(t, lead == 1);
      } else if (tag == "READY") {
        ls >> key >> r.ready;
      } else if (tag == "BYE") {
        ls >> r.bye;
      } else if (tag == "X") {
        ++r.decode_errors;
      }
    }
    for (const auto& [key, at] : open) r.intervals[at].end = killed_at;
    return r;
  }
};

}  // namespace etcd_test
