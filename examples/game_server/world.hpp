// The game world of examples/game_server: entities, their reconcile rules, and a simulation.
#pragma once

#include <reconcile/reconcile.hpp>

#include <cstdint>
#include <random>
#include <vector>

namespace game {

// One replicated entity. Plain aggregate: reconcile reflects its fields (id, x, y, vx, vy,
// health) and their indices, which reconcile/wire uses as field numbers.
struct Entity {
  std::uint32_t id = 0;
  float x = 0, y = 0;    // position, metres
  float vx = 0, vy = 0;  // velocity, metres per second
  std::int32_t health = 100;
  bool operator==(const Entity&) const = default;  // exact (bitwise) equality, for the checks
};

// What the server replicates: every live entity, in spawn order.
struct Snapshot {
  std::vector<Entity> entities;
  bool operator==(const Snapshot&) const = default;
};

// The replication rules, found by ADL wherever an Entity or a Snapshot is diffed, compared or
// sent: entities are matched by id, not by position in the vector (a despawn does not shift
// the rest); moves under 1 cm and velocity changes under 1 cm/s are not worth a packet, and
// what is sent travels on a 1 cm grid (reconcile/wire sends a position as the steps it moved).
constexpr auto reconcile_rules(reconcile::type_t<Snapshot>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Snapshot::entities> | keyed_by<&Entity::id>);
}
constexpr auto reconcile_rules(reconcile::type_t<Entity>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Entity::x> | tolerance(0.01) | quantize(0.01),
                          field<&Entity::y> | tolerance(0.01) | quantize(0.01),
                          field<&Entity::vx> | tolerance(0.01) | quantize(0.01),
                          field<&Entity::vy> | tolerance(0.01) | quantize(0.01));
}

// The authoritative simulation: 10% of the entities walk, the rest stand still but jitter by
// a fraction of a millimetre (physics noise, which the tolerance keeps off the wire); a few
// change direction, take damage, die and are replaced by new spawns each tick.
// Snap: a snapshot of entities with the fields of Entity (benchmarks/bench_wire also runs it on
// an entity type without quantize).
template <class Snap = Snapshot>
class simulation {
 public:
  explicit simulation(std::size_t n, std::uint32_t seed = 42) : rng_(seed) {
    state_.entities.reserve(n + n / 10);
    for (std::size_t i = 0; i < n; ++i) spawn();
  }
  const Snap& state() const noexcept { return state_; }
  std::uint32_t spawned() const noexcept { return next_id_; }

  void tick(float dt) {
    std::uniform_real_distribution<float> jitter(-0.0005f, 0.0005f);
    std::uniform_int_distribution<int> chance(0, 9999), damage(1, 10);
    for (auto& e : state_.entities) {
      if (e.vx != 0 || e.vy != 0) e.x += e.vx * dt, e.y += e.vy * dt;
      else e.x += jitter(rng_), e.y += jitter(rng_);
      const int roll = chance(rng_);
      if (roll < 50) turn(e);                          // 0.5%: a new heading
      else if (roll < 80) e.health -= damage(rng_);    // 0.3%: hit
      else if (roll < 82) e.health = 0;                // 0.02%: killed
    }
    const auto dead = std::erase_if(state_.entities, [](const auto& e) { return e.health <= 0; });
    for (std::size_t i = 0; i < dead; ++i) spawn();  // respawn: a new id, appended
  }

 private:
  template <class E>
  void turn(E& e) {
    std::uniform_real_distribution<float> v(-2.0f, 2.0f);
    const bool walker = std::uniform_int_distribution<int>(0, 9)(rng_) == 0;
    e.vx = walker ? v(rng_) : 0.0f;
    e.vy = walker ? v(rng_) : 0.0f;
  }
  void spawn() {
    std::uniform_real_distribution<float> pos(0.0f, 1000.0f);
    typename decltype(state_.entities)::value_type e{next_id_++, pos(rng_), pos(rng_), 0, 0, 100};
    turn(e);
    state_.entities.push_back(e);
  }

  std::mt19937 rng_;
  Snap state_;
  std::uint32_t next_id_ = 1;
};

}  // namespace game
