// The practical limit: diffs written by hand, field by field, appending 32-byte records to a
// reused vector. Equality is the defaulted operator==.
#pragma once

#include "model.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bench {

enum class hop : std::uint8_t { add, remove, replace };

// One difference: item (list position in b), field of the top-level struct, sub-field of a
// container element, the key it concerns (label key, container or item name).
struct Change {
  std::uint32_t item;
  std::uint16_t field;
  std::uint16_t sub;
  hop op;
  std::string_view key;
};
static_assert(sizeof(Change) == 32);

namespace hand {

inline void diff_container(const Container& a, const Container& b, std::vector<Change>& out,
                           std::uint32_t item) {
  const std::string_view k = b.name;
  if (a.image != b.image) out.push_back({item, 4, 1, hop::replace, k});
  if (a.cpu_millis != b.cpu_millis) out.push_back({item, 4, 2, hop::replace, k});
  if (a.args != b.args) out.push_back({item, 4, 3, hop::replace, k});
}

inline void diff(const Deployment& a, const Deployment& b, std::vector<Change>& out,
                 std::uint32_t item = 0) {
  if (a.name != b.name) out.push_back({item, 0, 0, hop::replace, {}});
  if (a.ns != b.ns) out.push_back({item, 1, 0, hop::replace, {}});
  if (a.replicas != b.replicas) out.push_back({item, 2, 0, hop::replace, {}});
  // labels: merge walk over the two sorted maps
  auto ia = a.labels.begin(), ib = b.labels.begin();
  while (ia != a.labels.end() || ib != b.labels.end()) {
    if (ib == b.labels.end() || (ia != a.labels.end() && ia->first < ib->first)) {
      out.push_back({item, 3, 0, hop::remove, ia->first});
      ++ia;
    } else if (ia == a.labels.end() || ib->first < ia->first) {
      out.push_back({item, 3, 0, hop::add, ib->first});
      ++ib;
    } else {
      if (ia->second != ib->second) out.push_back({item, 3, 0, hop::replace, ib->first});
      ++ia, ++ib;
    }
  }
  // containers: matched by name (same position first, else a linear search: 4 elements)
  const auto& ca = a.containers;
  const auto& cb = b.containers;
  for (std::size_t j = 0; j < cb.size(); ++j) {
    const Container* match = nullptr;
    if (j < ca.size() && ca[j].name == cb[j].name) match = &ca[j];
    else
      for (const Container& c : ca)
        if (c.name == cb[j].name) match = &c;
    if (match) diff_container(*match, cb[j], out, item);
    else out.push_back({item, 4, 0, hop::add, cb[j].name});
  }
  for (std::size_t j = 0; j < ca.size(); ++j) {
    if (j < cb.size() && ca[j].name == cb[j].name) continue;
    bool found = false;
    for (const Container& c : cb) found = found || c.name == ca[j].name;
    if (!found) out.push_back({item, 4, 0, hop::remove, ca[j].name});
  }
  if (a.strategy != b.strategy) out.push_back({item, 5, 0, hop::replace, {}});
  if (a.max_surge != b.max_surge) out.push_back({item, 6, 0, hop::replace, {}});
  if (a.paused != b.paused) out.push_back({item, 7, 0, hop::replace, {}});
  if (a.generation != b.generation) out.push_back({item, 8, 0, hop::replace, {}});
}

#define BENCH_HAND_FIELD(n)                                                     \
  if (a.f##n != b.f##n) out.push_back({item, static_cast<std::uint16_t>(1##n - 100), 0, hop::replace, {}});

inline void diff(const Flat32& a, const Flat32& b, std::vector<Change>& out, std::uint32_t item = 0) {
  BENCH_HAND_FIELD(00) BENCH_HAND_FIELD(01) BENCH_HAND_FIELD(02) BENCH_HAND_FIELD(03)
  BENCH_HAND_FIELD(04) BENCH_HAND_FIELD(05) BENCH_HAND_FIELD(06) BENCH_HAND_FIELD(07)
  BENCH_HAND_FIELD(08) BENCH_HAND_FIELD(09) BENCH_HAND_FIELD(10) BENCH_HAND_FIELD(11)
  BENCH_HAND_FIELD(12) BENCH_HAND_FIELD(13) BENCH_HAND_FIELD(14) BENCH_HAND_FIELD(15)
  BENCH_HAND_FIELD(16) BENCH_HAND_FIELD(17) BENCH_HAND_FIELD(18) BENCH_HAND_FIELD(19)
  BENCH_HAND_FIELD(20) BENCH_HAND_FIELD(21) BENCH_HAND_FIELD(22) BENCH_HAND_FIELD(23)
  BENCH_HAND_FIELD(24) BENCH_HAND_FIELD(25) BENCH_HAND_FIELD(26) BENCH_HAND_FIELD(27)
  BENCH_HAND_FIELD(28) BENCH_HAND_FIELD(29) BENCH_HAND_FIELD(30) BENCH_HAND_FIELD(31)
}
#undef BENCH_HAND_FIELD

// Keyed list, hash index: an unordered_map of a's names, rebuilt on every call (10k nodes).
// Matched entries are erased as they are found; what is left was removed.
inline void diff_hash(const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
  std::unordered_map<std::string_view, std::uint32_t> index;
  index.reserve(a.items.size());
  for (std::uint32_t i = 0; i < a.items.size(); ++i) index.emplace(a.items[i].name, i);
  for (std::uint32_t j = 0; j < b.items.size(); ++j) {
    auto it = index.find(b.items[j].name);
    if (it == index.end()) {
      out.push_back({j, 0, 0, hop::add, b.items[j].name});
      continue;
    }
    diff(a.items[it->second], b.items[j], out, j);
    index.erase(it);
  }
  for (const auto& [name, i] : index) out.push_back({i, 0, 0, hop::remove, name});
}

// Keyed list, sort-merge: (name, position) pairs of both sides sorted by name, then walked
// together. The two buffers are reused from call to call (no allocation once warm).
inline void diff_sort_merge(const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
  using entry = std::pair<std::string_view, std::uint32_t>;
  static thread_local std::vector<entry> sa, sb;
  sa.clear();
  sb.clear();
  for (std::uint32_t i = 0; i < a.items.size(); ++i) sa.emplace_back(a.items[i].name, i);
  for (std::uint32_t j = 0; j < b.items.size(); ++j) sb.emplace_back(b.items[j].name, j);
  auto by_name = [](const entry& x, const entry& y) { return x.first < y.first; };
  std::sort(sa.begin(), sa.end(), by_name);
  std::sort(sb.begin(), sb.end(), by_name);
  auto ia = sa.begin(), ib = sb.begin();
  while (ia != sa.end() || ib != sb.end()) {
    if (ib == sb.end() || (ia != sa.end() && ia->first < ib->first)) {
      out.push_back({ia->second, 0, 0, hop::remove, ia->first});
      ++ia;
    } else if (ia == sa.end() || ib->first < ia->first) {
      out.push_back({ib->second, 0, 0, hop::add, ib->first});
      ++ib;
    } else {
      diff(a.items[ia->second], b.items[ib->second], out, ib->second);
      ++ia, ++ib;
    }
  }
}

// Keyed list, as a careful hand-written loop would be: walk both sides while the names agree
// (the steady state), fall back to the hash index for the rest.
inline void diff_in_step(const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
  std::size_t i = 0;
  const std::size_t n = std::min(a.items.size(), b.items.size());
  for (; i < n && a.items[i].name == b.items[i].name; ++i)
    diff(a.items[i], b.items[i], out, static_cast<std::uint32_t>(i));
  if (i == a.items.size() && i == b.items.size()) return;
  DeploymentList ra, rb;  // rare path: not measured
  ra.items.assign(a.items.begin() + static_cast<std::ptrdiff_t>(i), a.items.end());
  rb.items.assign(b.items.begin() + static_cast<std::ptrdiff_t>(i), b.items.end());
  diff_hash(ra, rb, out);
}

// Game tick: the delta of a world of entities, field by field, into a reused buffer.
struct Delta {
  std::uint32_t entity;
  std::uint32_t field;
  std::uint64_t bits;  // the new value
};

template <class V>
inline std::uint64_t bits_of(const V& v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof v);
  return b;
}

#define BENCH_TICK_FIELD(n)                                                                 \
  if (a.f##n != b.f##n)                                                                     \
    out.push_back({e, static_cast<std::uint32_t>(1##n - 100), bits_of(b.f##n)});

inline void tick(const std::vector<Flat32>& before, const std::vector<Flat32>& after,
                 std::vector<Delta>& out) {
  const std::size_t n = std::min(before.size(), after.size());
  for (std::uint32_t e = 0; e < n; ++e) {
    const Flat32& a = before[e];
    const Flat32& b = after[e];
    BENCH_TICK_FIELD(00) BENCH_TICK_FIELD(01) BENCH_TICK_FIELD(02) BENCH_TICK_FIELD(03)
    BENCH_TICK_FIELD(04) BENCH_TICK_FIELD(05) BENCH_TICK_FIELD(06) BENCH_TICK_FIELD(07)
    BENCH_TICK_FIELD(08) BENCH_TICK_FIELD(09) BENCH_TICK_FIELD(10) BENCH_TICK_FIELD(11)
    BENCH_TICK_FIELD(12) BENCH_TICK_FIELD(13) BENCH_TICK_FIELD(14) BENCH_TICK_FIELD(15)
    BENCH_TICK_FIELD(16) BENCH_TICK_FIELD(17) BENCH_TICK_FIELD(18) BENCH_TICK_FIELD(19)
    BENCH_TICK_FIELD(20) BENCH_TICK_FIELD(21) BENCH_TICK_FIELD(22) BENCH_TICK_FIELD(23)
    BENCH_TICK_FIELD(24) BENCH_TICK_FIELD(25) BENCH_TICK_FIELD(26) BENCH_TICK_FIELD(27)
    BENCH_TICK_FIELD(28) BENCH_TICK_FIELD(29) BENCH_TICK_FIELD(30) BENCH_TICK_FIELD(31)
  }
}
#undef BENCH_TICK_FIELD

}  // namespace hand
}  // namespace bench
