// bench_wire's workload: examples/game_server's tick, 10,000 entities. The delta is the one a
// client 2 ticks behind gets: diff(state at tick 18, state at tick 20), with the tolerance
// rules (PlainSnapshot) and with the example's quantized ones (Snapshot: the baseline is what
// a client holds, positions on the grid).
#pragma once

#include "wire/world.hpp"

#include <reconcile/reconcile.hpp>
#include <reconcile/wire.hpp>

#include <cstdint>
#include <vector>

namespace bench_wire {

struct workload {
  game::PlainSnapshot base, current;
  reconcile::changeset<game::PlainSnapshot> cs;
  game::Snapshot base_q, current_q;
  reconcile::changeset<game::Snapshot> cs_q;
};

inline const workload& tick() {
  static const workload w = [] {
    workload out;
    game::simulation<game::PlainSnapshot> sim(10'000);
    game::simulation<game::Snapshot> sim_q(10'000);
    for (int t = 1; t <= 20; ++t) {
      sim.tick(0.05f);
      sim_q.tick(0.05f);
      if (t == 18) {
        out.base = sim.state();
        std::vector<std::uint8_t> packet;
        reconcile::wire::encode_value(packet, sim_q.state());
        out.base_q = reconcile::wire::decode_value<game::Snapshot>(packet);  // on the grid
      }
    }
    out.current = sim.state();
    out.current_q = sim_q.state();
    reconcile::diff_into(out.cs, out.base, out.current);
    reconcile::diff_into(out.cs_q, out.base_q, out.current_q);
    return out;
  }();
  return w;
}

}  // namespace bench_wire
