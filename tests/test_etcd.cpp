// reconcile/etcd.hpp without an etcd: the gateway encoding (base64, int64 strings, txn and
// watch JSON) through a scripted transport, and rendezvous hashing. Single-threaded; the
// tests against a real etcd are test_etcd_threads.cpp and test_etcd_failover.cpp.
#include <doctest/doctest.h>

#include <reconcile/etcd.hpp>

#include <nlohmann/json.hpp>

#include <deque>
#include <map>
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
