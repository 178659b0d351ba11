// The inputs of every workload, built once on first use and shared by every implementation
// (and by the peer translation units), so that each compares the very same objects.
#pragma once

#include "model.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bench {

struct deploy_case {
  Deployment a, b;
};
// changes: 0 (two separately built equal objects), 1 or 3.
inline const deploy_case& deploy_data(int changes) {
  static const deploy_case cases[3] = {
      {make_deployment(42), make_deployment(42)},
      [] { deploy_case c{make_deployment(42), make_deployment(42)}; change_deployment(c.b, 1); return c; }(),
      [] { deploy_case c{make_deployment(42), make_deployment(42)}; change_deployment(c.b, 3); return c; }()};
  return cases[changes == 0 ? 0 : changes == 1 ? 1 : 2];
}

struct flat_case {
  Flat32 a, b;
};
// changes: 0, 1 or 32 (every field).
inline const flat_case& flat_data(int changes) {
  static const flat_case cases[3] = {
      {make_flat(7), make_flat(7)},
      [] { flat_case c{make_flat(7), make_flat(7)}; change_flat(c.b, 1); return c; }(),
      [] { flat_case c{make_flat(7), make_flat(7)}; change_flat(c.b, 32); return c; }()};
  return cases[changes == 0 ? 0 : changes == 1 ? 1 : 2];
}

// Keyed lists: n items, 1 % modified (2 changes each), b in the given order. modified == false
// gives two equal lists.
inline const keyed_pair& keyed_data(std::size_t n, order o, bool modified = true) {
  static std::map<std::tuple<std::size_t, order, bool>, std::unique_ptr<keyed_pair>> cache;
  auto& slot = cache[{n, o, modified}];
  if (!slot) {
    slot = std::make_unique<keyed_pair>(make_keyed(n, o));
    if (!modified) {
      slot->b.items.clear();
      for (std::size_t i = 0; i < n; ++i) slot->b.items.push_back(make_deployment(i));
      slot->modified = 0;
    }
  }
  return *slot;
}

inline const world_pair& world_data() {
  static const world_pair w = make_world(10'000);
  return w;
}

// One line of the cross-check: how many changes an implementation found in a workload.
struct check_row {
  std::string workload;
  std::string impl;
  long long changes;  // -1: equality only
  bool equal;
};

// Implemented by the peer translation units that are built (protobuf, nlohmann json): each
// registers its benchmarks and appends its cross-check rows.
void register_protobuf(bool checks, std::vector<check_row>& rows);
void register_json(bool checks, std::vector<check_row>& rows);

}  // namespace bench
