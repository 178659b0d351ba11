// reconcile/etcd.hpp without an etcd: the gateway encoding (base64, int64 strings, txn and
// watch JSON) through a scripted transport, rendezvous hashing, and a shard's lock bookkeeping
// (detail::shard_locks) and batched lock release. Single-threaded; the
// tests against a real etcd are test_etcd_threads.cpp and test_etcd_failover.cpp.
#include <doctest/doctest.h>

#include <reconcile/etcd.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace etcd = reconcile::etcd;
using nlohmann::json;

namespace {

// scripted: answers post() from a queue and stream() from a list of lines; records requests.
struct scripted final : etcd::transport {
  std::vector<std::pair<std::string, json>> sent;
  std::deque<reply> replies;
  std::vector<std::string> lines;

  reply post(std::string_view path, const std::string& body, std::chrono::milliseconds) override {
    sent.emplace_back(std::string(path), json::parse(body));
    if (replies.empty()) throw etcd::etcd_error(-1, "etcd unreachable: scripted");
    reply r = std::move(replies.front());
    replies.pop_front();
    return r;
  }
  void stream(std::string_view path, const std::string& body, const line_handler& on_line, std::stop_token) override {
    sent.emplace_back(std::string(path), json::parse(body));
    for (const auto& l : lines)
      if (!on_line(l)) return;
  }
};

std::string b64(std::string_view s) { return reconcile::detail::base64_encode(s); }

}  // namespace

TEST_CASE("base64_encode") {
  SUBCASE("RFC 4648 vectors") {
    CHECK(b64("") == "");
    CHECK(b64("f") == "Zg==");
    CHECK(b64("fo") == "Zm8=");
    CHECK(b64("foo") == "Zm9v");
    CHECK(b64("foobar") == "Zm9vYmFy");
  }
  SUBCASE("round trips every byte value and length") {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    for (std::size_t n = 0; n <= bytes.size(); n += 7) {
      std::string out;
      REQUIRE(reconcile::detail::base64_decode(b64(bytes.substr(0, n)), out));
      CHECK(out == bytes.substr(0, n));
    }
  }
  SUBCASE("rejects characters outside the alphabet") {
    std::string out;
    CHECK_FALSE(reconcile::detail::base64_decode("Zm9*", out));
    CHECK_FALSE(reconcile::detail::base64_decode("Z", out));
  }
}

TEST_CASE("prefix_end") {
  CHECK(etcd::prefix_end("/a/") == "/a0");
  CHECK(etcd::prefix_end("a\xff") == "b");
  CHECK(etcd::prefix_end("") == std::string(1, '\0'));
}

TEST_CASE("rendezvous_owner") {
  using reconcile::etcd::detail::rendezvous_owner;
  std::vector<std::string> three{"r1", "r2", "r3"};
  std::map<std::string, std::string> before;
  std::map<std::string, int> load;
  for (int i = 0; i < 3000; ++i) {
    const std::string k = "key-" + std::to_string(i);
    before[k] = *rendezvous_owner(three, k);
    ++load[before[k]];
  }
  SUBCASE("spreads keys evenly") {
    for (const auto& entry : load) {  // (no structured binding: clang 14 cannot capture one)
      const int n = entry.second;
      CHECK_MESSAGE((n > 850 && n < 1150), entry.first << " owns " << n);
    }
  }
  SUBCASE("a new member takes keys only for itself") {
    std::vector<std::string> four{"r1", "r2", "r3", "r4"};
    int moved = 0;
    for (const auto& [k, o] : before) {
      const std::string& now = *rendezvous_owner(four, k);
      if (now != o) {
        CHECK(now == "r4");
        ++moved;
      }
    }
    CHECK((moved > 600 && moved < 900));
  }
  SUBCASE("a member's departure moves only its keys") {
    std::vector<std::string> two{"r1", "r3"};
    for (const auto& [k, o] : before)
      if (o != "r2") CHECK(*rendezvous_owner(two, k) == o);
  }
  SUBCASE("nobody owns anything without members") { CHECK(rendezvous_owner({}, "k") == nullptr); }
}

TEST_CASE("client") {
  auto wire = std::make_shared<scripted>();
  etcd::client c(wire);
  const std::string header = R"("header":{"cluster_id":"1","member_id":"2","revision":"42","raft_term":"2"})";

  SUBCASE("put sends base64 bytes and int64 as strings") {
    wire->replies.push_back({200, "{" + header + "}"});
    CHECK(c.put("/k", std::string("v\0x", 3), 7) == 42);
    CHECK(wire->sent[0].first == "/v3/kv/put");
    CHECK(wire->sent[0].second == json{{"key", b64("/k")}, {"value", b64(std::string("v\0x", 3))}, {"lease", "7"}});
  }
  SUBCASE("range decodes key-values; omitted fields read as zero") {
    wire->replies.push_back({200, "{" + header + R"(,"kvs":[{"key":")" + b64("/a") +
                                      R"(","create_revision":"3","mod_revision":"5","version":"2","value":")" +
                                      b64("x") + R"("},{"key":")" + b64("/b") + R"("}],"count":"2"})"});
    const etcd::range_result r = c.range("/", etcd::prefix_end("/"));
    REQUIRE(r.kvs.size() == 2);
    CHECK(r.revision == 42);
    CHECK(r.kvs[0].key == "/a");
    CHECK(r.kvs[0].value == "x");
    CHECK(r.kvs[0].create_revision == 3);
    CHECK(r.kvs[0].mod_revision == 5);
    CHECK(r.kvs[1].value.empty());
    CHECK(r.kvs[1].lease == 0);
    CHECK(wire->sent[0].second["range_end"] == b64("0"));  // "/" + 1
  }
  SUBCASE("txn encodes compares and operations, decodes the branch and its reads") {
    wire->replies.push_back({200, "{" + header + R"(,"responses":[{"response_range":{"header":{"revision":"42"},"kvs":[{"key":")" +
                                      b64("/l") + R"(","lease":"9","create_revision":"4"}],"count":"1"}}]})"});
    const etcd::txn_result r = c.txn({{etcd::compare::absent("/l"), etcd::compare::value_is("/v", "x")},
                                      {etcd::operation::put("/l", "me", 9)},
                                      {etcd::operation::get("/l")}});
    CHECK_FALSE(r.succeeded);
    REQUIRE(r.ranges.size() == 1);
    CHECK(r.ranges[0].kvs[0].lease == 9);
    const json& body = wire->sent[0].second;
    CHECK(body["compare"][0] ==
          json{{"key", b64("/l")}, {"target", "CREATE"}, {"result", "EQUAL"}, {"create_revision", "0"}});
    CHECK(body["compare"][1] == json{{"key", b64("/v")}, {"target", "VALUE"}, {"result", "EQUAL"}, {"value", b64("x")}});
    CHECK(body["success"][0]["request_put"]["lease"] == "9");
    CHECK(body["failure"][0]["request_range"]["key"] == b64("/l"));
  }
  SUBCASE("keep_alive of an expired lease: 200 without a TTL reads as zero") {
    wire->replies.push_back({200, R"({"result":{"header":{"revision":"3"},"ID":"123"}})"});
    CHECK(c.keep_alive(123).count() == 0);
    wire->replies.push_back({200, R"({"result":{"header":{"revision":"3"},"ID":"123","TTL":"5"}})"});
    CHECK(c.keep_alive(123).count() == 5);
  }
  SUBCASE("an error answer throws etcd_error with the gRPC code") {
    wire->replies.push_back({400, R"({"error":"etcdserver: mvcc: required revision has been compacted","code":11})"});
    try {
      c.range("/k", {}, {3});
      FAIL("no exception");
    } catch (const etcd::etcd_error& e) {
      CHECK(e.compacted());
      CHECK(std::string(e.what()).find("compacted") != std::string::npos);
    }
  }
  SUBCASE("no answer at all: unreachable") {
    try {
      c.get("/k");
      FAIL("no exception");
    } catch (const etcd::etcd_error& e) {
      CHECK(e.unreachable());
    }
  }
  SUBCASE("list pages at one revision") {
    auto page = [&](std::string first, bool more) {
      return etcd::transport::reply{200, "{" + header + R"(,"kvs":[{"key":")" + b64(first) + R"("}],"more":)" +
                                             (more ? "true" : "false") + "}"};
    };
    wire->replies.push_back(page("/p/1", true));
    wire->replies.push_back(page("/p/2", false));
    const etcd::range_result r = c.list("/p/", 1);
    REQUIRE(r.kvs.size() == 2);
    CHECK(wire->sent[1].second["key"] == b64(std::string("/p/1") + '\0'));
    CHECK(wire->sent[1].second["revision"] == "42");
  }
}

TEST_CASE("client::watch") {
  auto wire = std::make_shared<scripted>();
  etcd::client c(wire);
  std::vector<etcd::event> seen;
  std::int64_t created = 0;
  auto run = [&] {
    return c.watch({"/p/", etcd::prefix_end("/p/"), 7, false, false, true},
                   [&](const etcd::watch_update& u) { seen.insert(seen.end(), u.events.begin(), u.events.end()); },
                   std::stop_token{}, [&](std::int64_t rev) { created = rev; });
  };
  SUBCASE("events in order; a put has no type, a delete says DELETE") {
    wire->lines = {R"({"result":{"header":{"revision":"6"},"created":true}})",
                   R"({"result":{"header":{"revision":"8"},"events":[{"kv":{"key":")" + b64("/p/a") +
                       R"(","value":")" + b64("1") + R"(","mod_revision":"8"}},{"type":"DELETE","kv":{"key":")" +
                       b64("/p/b") + R"(","mod_revision":"8"}}]}})"};
    const etcd::watch_outcome out = run();
    CHECK(out.why == etcd::watch_outcome::reason::disconnected);  // the stream just ended
    CHECK(created == 6);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].kind == etcd::event::type::put);
    CHECK(seen[0].kv.value == "1");
    CHECK(seen[1].kind == etcd::event::type::erase);
    CHECK(seen[1].kv.key == "/p/b");
    const json& req = wire->sent[0].second["create_request"];
    CHECK(req["start_revision"] == "7");
    CHECK(req["prev_kv"] == true);
  }
  SUBCASE("a watch cancelled for compaction ends as compacted, though the stream stays open") {
    wire->lines = {R"({"result":{"header":{"revision":"9"},"created":true}})",
                   R"({"result":{"header":{},"canceled":true,"compact_revision":"8"}})",
                   R"({"result":{"header":{"revision":"10"},"events":[{"kv":{"key":")" + b64("/p/x") + R"("}}]}})"};
    const etcd::watch_outcome out = run();
    CHECK(out.why == etcd::watch_outcome::reason::compacted);
    CHECK(out.compact_revision == 8);
    CHECK(seen.empty());
  }
  SUBCASE("an error object inside the stream cancels the watch") {
    wire->lines = {R"({"error":{"grpc_code":14,"http_code":503,"message":"unavailable"}})"};
    const etcd::watch_outcome out = run();
    CHECK(out.why == etcd::watch_outcome::reason::canceled);
    CHECK(out.message.find("unavailable") != std::string::npos);
  }
}

TEST_CASE("shard_locks") {
  using reconcile::etcd::detail::lock_release;
  reconcile::etcd::detail::shard_locks locks;
  std::set<std::string> mine;     // keys owned by this member in the test's view
  std::set<std::string> running;  // keys with a reconcile in flight
  bool up = true;                 // the session
  auto owned = [&](const std::string& k) { return mine.count(k) != 0; };
  auto active = [&](const std::string& k) { return up && owned(k); };
  auto busy = [&](const std::string& k) { return running.count(k) != 0; };
  auto rebalance = [&](std::int64_t lease) {
    std::vector<std::string> wake;
    locks.rebalance(owned, active, busy, lease, wake);
    std::sort(wake.begin(), wake.end());
    return wake;
  };
  using keys = std::vector<std::string>;

  SUBCASE("a key that moves away releases its idle lock, with the lease that took it") {
    mine = {"a", "b"};
    locks.acquired("a");
    locks.acquired("b");
    CHECK(locks.held() == 2);
    mine = {"b"};
    CHECK(rebalance(7).empty());
    CHECK(!locks.holds("a"));
    CHECK(locks.holds("b"));
    CHECK(locks.leaving("a"));
    const std::vector<lock_release> batch = locks.take_releases(64);
    CHECK(batch == std::vector<lock_release>{{"a", 7}});
    CHECK(locks.leaving("a"));  // being deleted now
    CHECK(!locks.releases_due());
    std::vector<lock_release> rest;
    locks.releases_done(rest, 7);
    CHECK(!locks.leaving("a"));
  }
  SUBCASE("a running key keeps its lock until its reconcile finishes") {
    mine = {"a"};
    locks.acquired("a");
    running = {"a"};
    mine = {};
    rebalance(7);
    CHECK(locks.holds("a"));
    CHECK(!locks.leaving("a"));
    running = {};
    locks.finished("a", false, true, 7);
    CHECK(!locks.holds("a"));
    CHECK(locks.leaving("a"));
    mine = {"a"};  // back: parked, woken once active
    CHECK(rebalance(7) == keys{"a"});
    CHECK(rebalance(7).empty());
  }
  SUBCASE("an uncertain create is released like a held lock; lease 0 releases nothing") {
    mine = {"a", "b"};
    locks.uncertain("a");
    locks.uncertain("b");
    mine = {};
    rebalance(0);  // no lease: nothing to delete (a lost lease took its keys along)
    CHECK(!locks.releases_due());
    locks.uncertain("c");
    rebalance(9);
    CHECK(locks.take_releases(64) == std::vector<lock_release>{{"c", 9}});
  }
  SUBCASE("waiters: notified on a relist; parked when no longer owners or when the lease is lost") {
    mine = {"a", "b", "c"};
    locks.refused("a", true);
    locks.refused("b", true);
    locks.refused("x", false);  // not ours: parked, not waiting
    CHECK(locks.waits_for("a"));
    CHECK(!locks.waits_for("x"));
    keys w;
    locks.add_waiting(w);
    std::sort(w.begin(), w.end());
    CHECK(w == keys{"a", "b"});
    mine = {"b"};
    CHECK(rebalance(3).empty());  // a: parked (not ours); b: still waits
    CHECK(!locks.waits_for("a"));
    CHECK(locks.waits_for("b"));
    locks.acquired("c");
    locks.lease_lost();
    CHECK(locks.held() == 0);
    CHECK(!locks.waits_for("b"));
    mine = {"a", "b", "x"};
    CHECK(rebalance(4) == keys{"a", "b", "x"});
  }
  SUBCASE("nothing wakes while the session is down") {
    mine = {"a"};
    locks.park("a");
    up = false;
    CHECK(rebalance(1).empty());
    up = true;
    CHECK(rebalance(1) == keys{"a"});
  }
  SUBCASE("batches: at most max, all of one lease; what failed returns only under the current lease") {
    mine = {};
    for (int i = 0; i < 100; ++i) locks.uncertain("k" + std::to_string(i));
    rebalance(5);
    for (int i = 0; i < 10; ++i) locks.uncertain("m" + std::to_string(i));
    rebalance(6);  // a second lease (a fresh session) with locks of its own to release
    std::map<std::int64_t, int> seen;
    std::set<std::string> keys_seen;
    std::vector<lock_release> failed;
    while (locks.releases_due()) {
      auto batch = locks.take_releases(64);
      REQUIRE(!batch.empty());
      CHECK(batch.size() <= 64);
      for (const auto& [k, l] : batch) {
        CHECK(l == batch.front().second);
        CHECK(keys_seen.insert(k).second);
        CHECK(locks.leaving(k));
        ++seen[l];
      }
      if (failed.empty()) {  // the first batch fails once: queued again under its lease
        failed = batch;
        std::vector<lock_release> rest = batch;
        locks.releases_done(rest, batch.front().second);
        for (const auto& [k, l] : batch) keys_seen.erase(k), --seen[l];
      } else {
        std::vector<lock_release> rest = batch;
        locks.releases_done(rest, 0);  // taken under a lease since lost: dropped
      }
    }
    CHECK(seen == std::map<std::int64_t, int>{{5, 100}, {6, 10}});
    for (const auto& [k, l] : failed) CHECK(!locks.leaving(k));
  }
  SUBCASE("random operations keep the invariants") {
    std::mt19937 g(20261126);
    const keys universe{"a", "b", "c", "d", "e", "f"};
    std::int64_t lease = 1;
    std::map<std::string, std::int64_t> queued;  // what the test expects to be released
    auto pick = [&] { return universe[g() % universe.size()]; };
    for (int step = 0; step < 20000; ++step) {
      const std::string k = pick();
      switch (g() % 8) {
        case 0: mine.count(k) ? (void)mine.erase(k) : (void)mine.insert(k); break;
        case 1: running.count(k) ? (void)running.erase(k) : (void)running.insert(k); break;
        case 2:
          if (!locks.leaving(k) && owned(k)) locks.acquired(k);
          break;
        case 3:
          if (!locks.holds(k)) locks.refused(k, owned(k));  // (a held lock is never refused)
          break;
        case 4: {
          const bool had = locks.holds(k);
          running.erase(k);
          locks.finished(k, owned(k), false, lease);
          if (!owned(k)) CHECK(!locks.holds(k));
          if (owned(k)) CHECK(locks.holds(k) == had);
          break;
        }
        case 5: {
          const std::set<std::string> held_before = [&] {
            std::set<std::string> h;
            for (const auto& u : universe)
              if (locks.holds(u)) h.insert(u);
            return h;
          }();
          for (const auto& w : rebalance(lease)) CHECK(active(w));
          for (const auto& u : held_before) CHECK(locks.holds(u) == (owned(u) || busy(u)));
          break;
        }
        case 6: {
          auto batch = locks.take_releases(2);
          CHECK(batch.size() <= 2);
          for (const auto& [bk, bl] : batch) CHECK(bl == batch.front().second);
          if (g() % 2) batch.clear();  // deleted; else failed: back under the current lease
          locks.releases_done(batch, lease);
          break;
        }
        default:
          if (g() % 50 == 0) {
            locks.lease_lost();
            CHECK(locks.held() == 0);
            CHECK(!locks.releases_due());
            ++lease;
          }
      }
      for (const auto& u : universe) CHECK_FALSE((locks.holds(u) && locks.waits_for(u)));
    }
  }
}

TEST_CASE("erase_locks") {
  auto wire = std::make_shared<scripted>();
  etcd::client c(wire);
  auto lock_key = [](const std::string& k) { return "/s/locks/" + k; };
  const std::vector<reconcile::etcd::detail::lock_release> batch{{"a", 10}, {"b", 10}};
  SUBCASE("one transaction: each delete guarded by its lock's lease") {
    wire->replies.push_back({200, R"({"header": {"revision": "5"}, "succeeded": true})"});
    reconcile::etcd::detail::erase_locks(c, batch, lock_key);
    REQUIRE(wire->sent.size() == 1);
    const json& t = wire->sent[0].second;
    REQUIRE(t["compare"].size() == 2);
    CHECK(t["compare"][0]["key"] == b64("/s/locks/a"));
    CHECK(t["compare"][0]["target"] == "LEASE");
    CHECK(t["compare"][0]["lease"] == "10");
    CHECK(t["success"][1]["request_delete_range"]["key"] == b64("/s/locks/b"));
  }
  SUBCASE("when some lock is no longer ours: one transaction a lock") {
    wire->replies.push_back({200, R"({"header": {"revision": "5"}})"});
    wire->replies.push_back({200, R"({"header": {"revision": "6"}, "succeeded": true})"});
    wire->replies.push_back({200, R"({"header": {"revision": "6"}})"});
    reconcile::etcd::detail::erase_locks(c, batch, lock_key);
    REQUIRE(wire->sent.size() == 3);
    CHECK(wire->sent[1].second["compare"].size() == 1);
    CHECK(wire->sent[2].second["compare"][0]["key"] == b64("/s/locks/b"));
  }
  SUBCASE("etcd unreachable: etcd_error, for the janitor to retry") {
    CHECK_THROWS_AS(reconcile::etcd::detail::erase_locks(c, batch, lock_key), etcd::etcd_error);
  }
}
