// A game server's snapshot replication (Quake 3's delta model) with reconcile/wire: each client
// is sent the delta from the snapshot it last acknowledged to the current world, as a compact
// binary packet. Entities are matched by id; moves under 1 cm are not sent; positions travel on
// a 1 cm grid. The links lose packets and reorder them (seeded); acks come back late and out
// of order. Each simulated client decodes each packet onto its own copy of that baseline and
// must then hold exactly what the server believes it holds.
//
//   game_server            600 ticks (30 s of game time at 20 ticks/s), figures at the end
//   game_server --check    2,000 entities, 40 ticks, each packet also checked against
//                          reconcile::apply; exits non-zero if a client ever differs
#include "world.hpp"

#include <reconcile/reconcile.hpp>
#include <reconcile/wire.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cstring>
#include <map>
#include <random>
#include <vector>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using bytes = std::vector<std::uint8_t>;
namespace wire = reconcile::wire;

// One client's link: packets and acks in flight, each with the tick it arrives at.
struct client_link {
  int latency;                // ticks one way, before jitter
  int jitter;                 // up to this many extra ticks: packets overtake each other
  int loss_pct;               // packets lost on the way to the client
  int every;                  // ticks between snapshots to this client
  wire::replicator<game::Snapshot>::peer peer{};
  wire::receiver<game::Snapshot> client{};
  std::multimap<std::int64_t, bytes> to_client{};           // arrival tick -> packet
  std::multimap<std::int64_t, std::uint64_t> to_server{};   // arrival tick -> acked sequence
  bytes packet{};
  // Figures: deltas, their bytes and changes; snapshots after the first (no baseline acked
  // yet, or lost for longer than the history); packets lost and arriving out of order.
  std::size_t first = 0, deltas = 0, bytes_sent = 0, changes = 0, lost = 0, reordered = 0, snapshots = 0;
};

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  const int ticks = check ? 40 : 600;
  game::simulation<> sim(check ? 2'000 : 10'000);
  wire::replicator<game::Snapshot> server(32);  // 32 baselines per client: 1.6 s at 20/s
  std::vector<client_link> clients{{1, 0, 0, 1}, {2, 2, 2, 1}, {3, 4, 5, 1}, {2, 1, 0, 2}};
  for (client_link& c : clients) c.peer = server.add_peer();
  std::mt19937 net(7);
  int mismatches = 0;
  double server_s = 0, client_s = 0;

  fmt::print("game server: {} entities, {} clients, {} ticks at 20/s\n", sim.state().entities.size(),
             clients.size(), ticks);
  const auto start = steady::now();
  for (std::int64_t now = 0; now < ticks; ++now) {
    if (now > 0) sim.tick(0.05f);
    for (std::size_t i = 0; i < clients.size(); ++i) {
      client_link& c = clients[i];
      // Acks that arrive now move this client's baseline forward (late ones are ignored).
      for (auto it = c.to_server.begin(); it != c.to_server.end() && it->first <= now; it = c.to_server.erase(it))
        server.ack(c.peer, it->second);
      if (now % c.every == 0) {
        const auto t0 = steady::now();
        c.packet.clear();
        const std::uint64_t seq = server.send(c.peer, sim.state(), c.packet);
        server_s += std::chrono::duration<double>(steady::now() - t0).count();
        const bool snapshot = wire::peek<game::Snapshot>(c.packet).kind == wire::packet_kind::snapshot;
        if (c.first == 0) c.first = c.packet.size();
        else if (snapshot) ++c.snapshots;
        else ++c.deltas, c.bytes_sent += c.packet.size(), c.changes += server.changes(c.peer).size();
        // The server's view of the client after this packet equals the world under the rules.
        if (!reconcile::equal(*server.view(c.peer, seq), sim.state()) && ++mismatches <= 5)
          fmt::print("tick {}: the view of client {} is not the world\n", now, i);
        if (check && !snapshot) {  // the packet agrees with reconcile::apply of the same changes
          const game::Snapshot* base = server.view(c.peer, wire::peek<game::Snapshot>(c.packet).baseline);
          game::Snapshot applied = *base;
          reconcile::apply(applied, server.changes(c.peer));
          if (!reconcile::equal(applied, *server.view(c.peer, seq)) && ++mismatches <= 5)
            fmt::print("tick {}: codec and apply disagree\n", now);
        }
        if (static_cast<int>(net() % 100) < c.loss_pct) ++c.lost;
        else c.to_client.emplace(now + c.latency + static_cast<int>(net() % static_cast<unsigned>(c.jitter + 1)), c.packet);
      }
      // Packets that arrive now, in arrival order (a later packet may overtake an earlier one).
      for (auto it = c.to_client.begin(); it != c.to_client.end() && it->first <= now; it = c.to_client.erase(it)) {
        const auto t0 = steady::now();
        const std::uint64_t newest = c.client.sequence();
        const std::uint64_t seq = c.client.receive(it->second);
        if (seq < newest) ++c.reordered;
        // The invariant: the client holds exactly what the server believes it holds.
        const game::Snapshot* view = server.view(c.peer, seq);
        if (view && !(*c.client.state(seq) == *view) && ++mismatches <= 5)
          fmt::print("tick {}: client {} differs from the server\n", now, i);
        c.to_server.emplace(now + c.latency, seq);
        client_s += std::chrono::duration<double>(steady::now() - t0).count();
      }
    }
  }
  const double total_s = std::chrono::duration<double>(steady::now() - start).count();

  fmt::print("client  latency  jitter  loss  rate  deltas  lost  reordered  snapshots  bytes/delta  vs snapshot  changes/delta\n");
  std::size_t all_bytes = 0;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const client_link& c = clients[i];
    const double n = static_cast<double>(c.deltas), avg = static_cast<double>(c.bytes_sent) / n;
    fmt::print("{:<7} {:>5}ms  {:>4}ms  {:>3}%  {:>2}/s  {:>6}  {:>4}  {:>9}  {:>9}  {:>11.0f}  {:>10.1f}%  {:>13.0f}\n", i,
               c.latency * 50, c.jitter * 50, c.loss_pct, 20 / c.every, c.deltas, c.lost, c.reordered, c.snapshots,
               avg, 100.0 * avg / static_cast<double>(c.first), static_cast<double>(c.changes) / n);
    all_bytes += c.bytes_sent;
  }
  const double per_tick = static_cast<double>(ticks - 1);
  fmt::print("full snapshot: {} bytes (each client's first packet); {} entities died and respawned\n",
             clients[0].first, sim.spawned() - 1 - sim.state().entities.size());
  fmt::print("per tick: {:.0f} bytes to all clients; {:.2f} ms (diff+encode {:.2f}, client decode+check {:.2f})\n",
             static_cast<double>(all_bytes) / per_tick, 1e3 * total_s / ticks, 1e3 * server_s / ticks,
             1e3 * client_s / ticks);
  fmt::print("client == server after every packet: {}\n", mismatches == 0 ? "yes" : "NO");
  return mismatches == 0 ? 0 : 1;
}
