// A game server's snapshot replication (Quake 3's delta model) with reconcile: each client is
// sent the diff between the snapshot it last acknowledged and the current world, as a compact
// binary delta. Entities are matched by id; moves under 1 cm are not sent. A simulated client
// decodes each packet onto its own copy of that baseline and must then equal the server.
//
//   game_server            600 ticks (30 s of game time at 20 ticks/s), figures at the end
//   game_server --check    2,000 entities, 40 ticks, each packet also checked against
//                          reconcile::apply; exits non-zero if a client ever differs
#include "codec.hpp"
#include "world.hpp"

#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <random>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

// One connected client as the server sees it, plus the simulated client at the other end.
struct client_link {
  int lag;                    // ticks until the client's ack reaches the server (round trip)
  int loss_pct;               // packets lost on the way to the client
  reconcile::duration every;  // how often this client gets a snapshot
  // Server side: what the client holds after each packet not yet known to be superseded
  // (tick -> state; -1 is the empty world before the first packet), and the acks on the way.
  std::map<std::int64_t, game::Snapshot> views{{-1, {}}};
  std::deque<std::pair<std::int64_t, std::int64_t>> acks{};  // (arrives at tick, acked tick)
  std::int64_t acked = -1;
  reconcile::changeset<game::Snapshot> cs{};  // reused by diff_into: no allocation once warm
  game::bytes packet{};
  // Client side: the states it decoded, by tick.
  std::map<std::int64_t, game::Snapshot> received{{-1, {}}};
  // Figures: the first packet (a full snapshot: every entity a spawn), then the deltas.
  std::size_t first = 0, packets = 0, lost = 0, bytes = 0, changes = 0;
};

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  const int ticks = check ? 40 : 600;
  const reconcile::duration tick_length = 50ms;
  game::simulation sim(check ? 2'000 : 10'000);
  std::vector<client_link> clients{{1, 0, 50ms}, {3, 2, 50ms}, {6, 5, 50ms}, {4, 0, 100ms}};
  std::mt19937 net(7);
  std::int64_t now = 0;
  int mismatches = 0;
  double server_s = 0, client_s = 0;

  // The tick loop drives a controller with a manual clock: each client is a key whose
  // reconcile sends it one snapshot and asks to run again after that client's interval, so
  // step() serves exactly the clients that are due this tick (no threads).
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  reconcile::controller<std::size_t> server(opts, [&](const std::size_t& i) {
    client_link& c = clients[i];
    const auto t0 = steady::now();
    // The client holds views[acked]: diff it against the world (entities matched by id,
    // tolerance on floats) into a reused changeset, and encode that.
    const game::Snapshot& base = c.views.at(c.acked);
    reconcile::diff_into(c.cs, base, sim.state());
    game::encode(c.packet, now, c.acked, c.cs);
    // What the client will hold once it decodes the packet: the next possible baseline.
    game::Snapshot& view = c.views[now] = base;
    game::decode_into(view, c.packet);
    if (check) {  // the codec must agree with the library: apply(base, cs) gives the same state
      game::Snapshot applied = base;
      reconcile::apply(applied, c.cs);
      if (!(applied == view) && ++mismatches <= 5) fmt::print("tick {}: codec and apply disagree\n", now);
    }
    c.views.erase(c.views.begin(), c.views.find(c.acked));  // older baselines: never used again
    const auto t1 = steady::now();
    server_s += std::chrono::duration<double>(t1 - t0).count();
    if (c.first == 0) c.first = c.packet.size();
    else ++c.packets, c.bytes += c.packet.size(), c.changes += c.cs.size();
    if (now == 100 && i == 0)  // one look at what reconcile found, as the library prints it
      for (std::size_t k = 0; k < 3 && k < c.cs.size(); ++k) fmt::print("  tick 100, client 0: {}\n", c.cs[k]);

    // The network and the client: a lost packet is simply not acked; the server keeps
    // diffing from the last baseline it knows the client has.
    if (static_cast<int>(net() % 100) < c.loss_pct) {
      ++c.lost;
      return reconcile::result::requeue_after(c.every);
    }
    const std::int64_t b = game::baseline_of(c.packet);
    game::Snapshot& mine = c.received[now] = c.received.at(b);
    game::decode_into(mine, c.packet);
    c.received.erase(c.received.begin(), c.received.find(b));
    // The invariant: the client equals the world under the rules (within 1 cm), and exactly
    // what the server believes it holds.
    if ((!reconcile::equal(mine, sim.state()) || !(mine == view)) && ++mismatches <= 5)
      fmt::print("tick {}: client {} differs from the server\n", now, i);
    c.acks.emplace_back(now + c.lag, now);
    client_s += std::chrono::duration<double>(steady::now() - t1).count();
    return reconcile::result::requeue_after(c.every);
  });
  server.set_lister([&] {
    std::vector<std::size_t> all(clients.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  });

  fmt::print("game server: {} entities, {} clients, {} ticks at 20/s\n", sim.state().entities.size(),
             clients.size(), ticks);
  const auto start = steady::now();
  double sim_s = 0;
  for (now = 0; now < ticks; ++now) {
    const auto t0 = steady::now();
    if (now > 0) sim.tick(0.05f);
    sim_s += std::chrono::duration<double>(steady::now() - t0).count();
    for (client_link& c : clients)  // acks that arrive this tick move the baseline forward
      for (; !c.acks.empty() && c.acks.front().first <= now; c.acks.pop_front())
        c.acked = std::max(c.acked, c.acks.front().second);
    server.step();
    clock.advance(tick_length);
  }
  const double total_s = std::chrono::duration<double>(steady::now() - start).count();

  fmt::print("client  rtt    loss  rate  deltas  lost  bytes/delta  vs full snapshot  changes/delta\n");
  std::size_t all_bytes = 0;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const client_link& c = clients[i];
    const double n = static_cast<double>(c.packets), avg = static_cast<double>(c.bytes) / n;
    fmt::print("{:<7} {:>3}ms  {:>3}%  {:>2}/s  {:>6}  {:>4}  {:>11.0f}  {:>15.1f}%  {:>13.0f}\n", i, c.lag * 50, c.loss_pct,
               1000 / std::chrono::duration_cast<std::chrono::milliseconds>(c.every).count(), c.packets, c.lost,
               avg, 100.0 * avg / static_cast<double>(c.first), static_cast<double>(c.changes) / n);
    all_bytes += c.bytes;
  }
  const double per_tick = static_cast<double>(ticks - 1);
  fmt::print("full snapshot: {} bytes (each client's first packet); {} entities died and respawned\n",
             clients[0].first, sim.spawned() - 1 - sim.state().entities.size());
  fmt::print("per tick: {:.0f} bytes to all clients; {:.2f} ms (simulate {:.2f}, diff+encode {:.2f}, "
             "client decode+check {:.2f})\n",
             static_cast<double>(all_bytes) / per_tick, 1e3 * total_s / ticks, 1e3 * sim_s / ticks,
             1e3 * server_s / ticks, 1e3 * client_s / ticks);
  fmt::print("client == server after every packet: {}\n", mismatches == 0 ? "yes" : "NO");
  return mismatches == 0 ? 0 : 1;
}
