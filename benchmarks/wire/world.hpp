// The game tick workload of bench_wire: examples/game_server's world and simulation, plus
// PlainEntity: the entity as it was before reconcile/wire (tolerance only, no quantize), what
// the hand-written codec (hand_codec.hpp) was written for.
#pragma once

#include "../../examples/game_server/world.hpp"

#include <reconcile/reconcile.hpp>

#include <cstdint>
#include <vector>

namespace game {

struct PlainEntity {
  std::uint32_t id = 0;
  float x = 0, y = 0;
  float vx = 0, vy = 0;
  std::int32_t health = 100;
  bool operator==(const PlainEntity&) const = default;
};
struct PlainSnapshot {
  std::vector<PlainEntity> entities;
  bool operator==(const PlainSnapshot&) const = default;
};
constexpr auto reconcile_rules(reconcile::type_t<PlainSnapshot>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&PlainSnapshot::entities> | keyed_by<&PlainEntity::id>);
}
constexpr auto reconcile_rules(reconcile::type_t<PlainEntity>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&PlainEntity::x> | tolerance(0.01), field<&PlainEntity::y> | tolerance(0.01),
                          field<&PlainEntity::vx> | tolerance(0.01), field<&PlainEntity::vy> | tolerance(0.01));
}

}  // namespace game
