// State on the wire: a server replicates its world to a client as compact binary deltas
// (reconcile/wire), each from the last state the client acknowledged. Positions travel on a
// 1 cm grid; the packet that is lost is simply never acknowledged.
#include <reconcile/wire.hpp>

#include <fmt/core.h>

#include <cstdint>
#include <string>
#include <vector>

struct Player {
  std::uint32_t id = 0;
  std::string name;
  float x = 0, y = 0;
  int score = 0;
};
struct World {
  std::vector<Player> players;
  int round = 1;
};
constexpr auto reconcile_rules(reconcile::type_t<World>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&World::players> | keyed_by<&Player::id>);
}
constexpr auto reconcile_rules(reconcile::type_t<Player>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Player::x> | quantize(0.01), field<&Player::y> | quantize(0.01));
}

int main() {
  namespace wire = reconcile::wire;
  World world{{{1, "ada", 0, 0, 0}, {2, "bob", 5, 5, 0}}};
  wire::replicator<World> server;  // per client: the states it may acknowledge
  wire::receiver<World> client;    // the other end of the link
  const auto peer = server.add_peer();
  std::vector<std::uint8_t> packet;
  for (int tick = 1; tick <= 4; ++tick) {
    world.players[0].x += 0.25f;  // ada walks
    if (tick == 2) world.players[1].score += 10;
    if (tick == 3) world.players.push_back({3, "cy", 9, 9, 0});
    packet.clear();
    const auto seq = server.send(peer, world, packet);
    const auto info = wire::peek<World>(packet);
    fmt::print("tick {}: packet {} ({}), {} bytes", tick, seq,
               info.kind == wire::packet_kind::snapshot ? "snapshot" : fmt::format("delta from {}", info.baseline),
               packet.size());
    if (tick == 2) {  // lost on the way: never acknowledged
      fmt::print(", lost\n");
      continue;
    }
    server.ack(peer, client.receive(packet));  // decode, then acknowledge
    const World& seen = client.state();
    fmt::print(" -> client: {} players, ada at x={:.2f}, bob scored {}\n", seen.players.size(), seen.players[0].x,
               seen.players[1].score);
  }
  fmt::print("client within the rules of the server: {}\n", reconcile::equal(client.state(), world));
}
