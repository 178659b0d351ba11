// Tests of reconcile/wire/replicator.hpp: replicator<T> and receiver<T> over simulated links
// that lose, delay and reorder packets and acks (seeded: RECONCILE_SEED); and the allocation
// count of the warm hot path (encode, decode_into, send, receive).
#include "support/alloc_counter.hpp"
#include "support/random_value.hpp"
#include "support/wire_types.hpp"

#include <reconcile/wire.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <vector>

RECONCILE_DEFINE_ALLOC_COUNTER();

namespace rt = reconcile::test;
namespace wire = reconcile::wire;
using bytes = std::vector<unsigned char>;
using wiretest::Arena;

namespace {

// A world of units that walk; a few die and are replaced by new ones each tick.
struct world {
  Arena state;
  std::uint32_t next_id = 1;
  explicit world(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) state.units.push_back({next_id++, 0, 0, 100});
  }
  void tick(rt::rng& g, bool spawns = true) {
    for (auto& u : state.units) {
      if (g.chance(30)) u.x += static_cast<float>(g.below(200)) / 100.0f - 1.0f;
      if (g.chance(30)) u.y += static_cast<float>(g.below(200)) / 100.0f - 1.0f;
      if (g.chance(2)) u.hp -= 1;
    }
    if (spawns && g.chance(50)) {
      state.units.erase(state.units.begin() + static_cast<std::ptrdiff_t>(g.below(state.units.size())));
      state.units.push_back({next_id++, 1, 1, 100});
    }
  }
};

}  // namespace

TEST_CASE("replicator::send") {
  SUBCASE("client == server after every packet over a lossy, reordering link") {
    rt::rng g(rt::seed_from_env(41));
    for (int run = 0; run < 4; ++run) {
      world w(60);
      wire::replicator<Arena> server(8);
      wire::receiver<Arena> client(8);
      const auto peer = server.add_peer();
      std::multimap<int, bytes> to_client;
      std::multimap<int, std::uint64_t> to_server;
      std::size_t delivered = 0, reordered = 0;
      for (int now = 0; now < 150; ++now) {
        w.tick(g);
        for (auto it = to_server.begin(); it != to_server.end() && it->first <= now; it = to_server.erase(it))
          server.ack(peer, it->second);
        bytes packet;
        const std::uint64_t seq = server.send(peer, w.state, packet);
        // What the server believes the client will hold equals the world, under the rules.
        REQUIRE(reconcile::equal(*server.view(peer, seq), w.state));
        const bool burst = now >= 60 && now < 72;  // longer than the history: a snapshot follows
        if (!burst && !g.chance(20)) to_client.emplace(now + 1 + static_cast<int>(g.below(4)), std::move(packet));
        for (auto it = to_client.begin(); it != to_client.end() && it->first <= now; it = to_client.erase(it)) {
          const std::uint64_t newest = client.sequence();
          std::uint64_t got = 0;
          try {
            got = client.receive(it->second);
          } catch (const wire::wire_error& e) {  // a baseline this client never got or dropped
            REQUIRE(e.kind() == wire::errc::no_baseline);
            continue;
          }
          ++delivered;
          if (got < newest) ++reordered;
          if (const Arena* view = server.view(peer, got)) REQUIRE(*client.state(got) == *view);
          if (!g.chance(20)) to_server.emplace(now + 1 + static_cast<int>(g.below(4)), got);
        }
      }
      CHECK(delivered > 80);
      CHECK(reordered > 0);
      CHECK(server.snapshots(peer) >= 2);  // the first, and the one after the burst
      CHECK(reconcile::equal(client.state(), *server.view(peer, client.sequence())));
    }
  }
  SUBCASE("history bounds what is kept per peer") {
    world w(5);
    wire::replicator<Arena> server(4);
    const auto peer = server.add_peer();
    bytes packet;
    for (int i = 0; i < 10; ++i) server.send(peer, w.state, packet);
    CHECK(server.view(peer, 10) != nullptr);
    CHECK(server.view(peer, 7) != nullptr);
    CHECK(server.view(peer, 6) == nullptr);
    server.ack(peer, 5);  // too old: no longer held
    CHECK(server.acked(peer) == 0);
  }
}

TEST_CASE("replicator::resync") {
  world w(10);
  wire::replicator<Arena> server(8);
  wire::receiver<Arena> client(8), restarted(8);
  const auto peer = server.add_peer();
  bytes packet;
  client.receive((server.send(peer, w.state, packet), packet));
  server.ack(peer, 1);
  rt::rng g(7);
  w.tick(g);
  packet.clear();
  server.send(peer, w.state, packet);
  CHECK(wire::peek<Arena>(packet).kind == wire::packet_kind::delta);
  try {
    restarted.receive(packet);  // a delta, and no baseline
    FAIL("decoded a delta without its baseline");
  } catch (const wire::wire_error& e) {
    CHECK(e.kind() == wire::errc::no_baseline);
  }
  CHECK(restarted.sequence() == 0);
  server.resync(peer);
  packet.clear();
  const auto seq = server.send(peer, w.state, packet);
  CHECK(wire::peek<Arena>(packet).kind == wire::packet_kind::snapshot);
  CHECK(restarted.receive(packet) == seq);
  CHECK(reconcile::equal(restarted.state(), w.state));
}

TEST_CASE("receiver::receive") {
  SUBCASE("a packet already held or older than the history is not decoded again") {
    world w(3);
    wire::replicator<Arena> server(4);
    wire::receiver<Arena> client(4);
    const auto peer = server.add_peer();
    bytes first;
    server.send(peer, w.state, first);
    CHECK(client.receive(first) == 1);
    CHECK(client.receive(first) == 1);
    bytes packet;
    for (int i = 0; i < 6; ++i) {
      packet.clear();
      client.receive((server.send(peer, w.state, packet), packet));
    }
    CHECK(client.receive(first) == 1);
    CHECK(client.sequence() == 7);
    CHECK(client.state(1) == nullptr);
  }
}

TEST_CASE("allocations") {
  SUBCASE("encode and decode_into of a warm buffer and target allocate nothing (units die and spawn)") {
    world w(200);
    rt::rng g(3);
    Arena held = w.state;
    reconcile::changeset<Arena> cs;
    bytes packet;
    for (int i = 0; i < 5; ++i) {  // warm: the buffer's and the changeset's storage
      w.tick(g);
      reconcile::diff_into(cs, held, w.state);
      packet.clear();
      wire::encode(packet, cs);
      wire::decode_into(held, packet);
    }
    for (int i = 0; i < 20; ++i) {
      w.tick(g);
      reconcile::diff_into(cs, held, w.state);
      rt::alloc_scope scope;
      packet.clear();
      wire::encode(packet, cs);
      wire::decode_into(held, packet);
      CHECK(scope.count() == 0);
    }
    CHECK(reconcile::equal(held, w.state));
  }
  SUBCASE("encode_delta, encode_value and their decodes of a warm buffer and target allocate nothing") {
    world w(200);
    rt::rng g(4);
    Arena held = w.state, whole = w.state;
    bytes packet;
    auto round = [&] {
      packet.clear();
      wire::encode_delta(packet, held, w.state);
      wire::decode_into(held, packet);
      packet.clear();
      wire::encode_value(packet, w.state);
      wire::decode_into(whole, packet);
    };
    for (int i = 0; i < 5; ++i) w.tick(g, false), round();
    for (int i = 0; i < 20; ++i) {
      w.tick(g, false);
      rt::alloc_scope scope;
      round();
      CHECK(scope.count() == 0);
    }
    CHECK(reconcile::equal(held, w.state));
    CHECK(reconcile::equal(whole, w.state));
  }
  SUBCASE("send, receive and ack once warm allocate nothing") {
    world w(200);
    rt::rng g(5);
    wire::replicator<Arena> server(4);
    wire::receiver<Arena> client(4);
    const auto peer = server.add_peer();
    bytes packet;
    auto round = [&] {
      w.tick(g, false);
      packet.clear();
      server.send(peer, w.state, packet);
      server.ack(peer, client.receive(packet));
    };
    for (int i = 0; i < 12; ++i) round();  // every slot of both rings filled once
    rt::alloc_scope scope;
    for (int i = 0; i < 20; ++i) round();
    CHECK(scope.count() == 0);
  }
}
