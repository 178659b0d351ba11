// reconcile/etcd.hpp against a real etcd (started here on a free loopback port, stopped by
// pid): the client, source<T> (list/watch, decode errors, relist on compaction and on
// reconnect), election (guard, cancellation, fencing, resign) and shard (hand-over while
// reconciles run, no overlap). Threaded: also built under TSan.
#include <doctest/doctest.h>

#include <reconcile/controller.hpp>
#include <reconcile/etcd.hpp>
#include <reconcile/json.hpp>

#include "etcd/etcd_server.hpp"
#include "etcd/intervals.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace etcd = reconcile::etcd;
using namespace std::chrono_literals;
using reconcile::result;

namespace {

struct Item {
  int gen = 0;
  std::string payload;
};

etcd_test::server& shared_etcd() {
  static etcd_test::server s;
  return s;
}
etcd::config cfg() { return etcd::config{{shared_etcd().url()}, 5000ms, 1000ms}; }

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

template <class P>
bool eventually(P p, std::chrono::milliseconds limit = 10000ms) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!p()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// sleep_for(d, stop): false when stop came first.
bool sleep_for(std::chrono::milliseconds d, const std::stop_token& stop) {
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock<std::mutex> lk(m);
  cv.wait_for(lk, stop, d, [] { return false; });
  return !stop.stop_requested();
}

// flaky: a transport over the real one that can be cut (calls fail, open streams break) and
// can hold new watch streams back (to compact etcd between a list and its watch).
struct flaky final : etcd::transport {
  explicit flaky(std::shared_ptr<etcd::transport> t) : inner(std::move(t)) {}
  std::shared_ptr<etcd::transport> inner;
  std::atomic<bool> down{false};
  std::mutex m;
  std::condition_variable_any cv;
  bool hold = false;
  int held = 0;
  std::vector<std::stop_source*> open;

  reply post(std::string_view path, const std::string& body, std::chrono::milliseconds timeout) override {
    if (down) throw etcd::etcd_error(-1, "etcd unreachable: cut by the test");
    return inner->post(path, body, timeout);
  }
  void stream(std::string_view path, const std::string& body, const line_handler& on_line,
              std::stop_token stop) override {
    {
      std::unique_lock<std::mutex> lk(m);
      ++held;
      cv.notify_all();
      cv.wait(lk, stop, [&] { return !hold; });
      --held;
      if (stop.stop_requested()) return;
    }
    if (down) throw etcd::etcd_error(-1, "etcd unreachable: cut by the test");
    std::stop_source mine;
    std::stop_callback link(stop, [&mine] { mine.request_stop(); });
    {
      std::lock_guard<std::mutex> g(m);
      open.push_back(&mine);
    }
    inner->stream(path, body, on_line, mine.get_token());
    {
      std::lock_guard<std::mutex> g(m);
      std::erase(open, &mine);
    }
    if (!stop.stop_requested() && down) throw etcd::etcd_error(-1, "stream cut by the test");
  }
  void cut() {
    down = true;
    std::lock_guard<std::mutex> g(m);
    for (auto* s : open) s->request_stop();
  }
  void hold_streams(bool h) {
    std::lock_guard<std::mutex> g(m);
    hold = h;
    cv.notify_all();
  }
  int waiting() {
    std::lock_guard<std::mutex> g(m);
    return held;
  }
};

// ran: the keys a controller reconciled, in order (thread-safe).
struct ran {
  std::mutex m;
  std::vector<std::string> keys;
  void add(const std::string& k) {
    std::lock_guard<std::mutex> g(m);
    keys.push_back(k);
  }
  std::vector<std::string> take() {
    std::lock_guard<std::mutex> g(m);
    return std::exchange(keys, {});
  }
  bool has(const std::string& k) {
    std::lock_guard<std::mutex> g(m);
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  }
};

// recorder: a controller whose reconciles record their keys, attached to a source once it
// synced, and stepped once (every key the source knows is reconciled).
struct recorder {
  ran seen;
  reconcile::controller<std::string> ctl{reconcile::options{}, [this](const std::string& k) {
                                           seen.add(k);
                                           return result::done();
                                         }};
  etcd::attachment link;  // after ctl: detaches first

  template <class Source>
  explicit recorder(Source& s) {
    REQUIRE(s.wait_synced(5000ms));
    link = s.attach(ctl);
    ctl.step();
  }
};

}  // namespace

TEST_CASE("client") {
  etcd::client c(cfg());
  SUBCASE("put, get, list in pages at one revision") {
    for (int i = 0; i < 1100; ++i) c.put("/c1/" + std::to_string(i), "v" + std::to_string(i));
    const etcd::range_result all = c.list("/c1/", 400);
    CHECK(all.kvs.size() == 1100);
    CHECK(c.get("/c1/7")->value == "v7");
    CHECK_FALSE(c.get("/c1/none"));
    CHECK(c.erase("/c1/", etcd::prefix_end("/c1/")) == 1100);
  }
  SUBCASE("a revoked lease takes its keys; its keepalive then reads zero") {
    const etcd::lease l = c.grant(30s);
    CHECK(l.ttl == 30s);
    c.put("/c2/k", "v", l.id);
    CHECK(c.keep_alive(l.id) == 30s);
    c.revoke(l.id);
    CHECK_FALSE(c.get("/c2/k"));
    CHECK(c.keep_alive(l.id).count() == 0);
  }
  SUBCASE("txn: create-if-absent happens once") {
    const etcd::txn_request t{{etcd::compare::absent("/c3/k")}, {etcd::operation::put("/c3/k", "1")},
                              {etcd::operation::get("/c3/k")}};
    CHECK(c.txn(t).succeeded);
    const etcd::txn_result second = c.txn(t);
    CHECK_FALSE(second.succeeded);
    CHECK(second.ranges.at(0).kvs.at(0).value == "1");
  }
  SUBCASE("compaction: old revisions fail, a watch from one ends as compacted") {
    const std::int64_t r1 = c.put("/c4/k", "1");
    const std::int64_t r2 = c.put("/c4/k", "2");
    c.compact(r2);
    CHECK_THROWS_AS(c.range("/c4/k", {}, {r1}), etcd::etcd_error);
    const etcd::watch_outcome out = c.watch({"/c4/", etcd::prefix_end("/c4/"), r1}, [](const etcd::watch_update&) {},
                                            std::stop_token{});
    CHECK(out.why == etcd::watch_outcome::reason::compacted);
    CHECK(out.compact_revision == r2);
  }
  SUBCASE("a watch delivers events and returns promptly when stopped") {
    std::stop_source stop;
    std::mutex m;
    std::vector<etcd::event> seen;
    std::atomic<bool> created{false};
    std::thread w([&] {
      c.watch({"/c5/", etcd::prefix_end("/c5/")}, [&](const etcd::watch_update& u) {
        std::lock_guard<std::mutex> g(m);
        seen.insert(seen.end(), u.events.begin(), u.events.end());
      }, stop.get_token(), [&](std::int64_t) { created = true; });
    });
    REQUIRE(eventually([&] { return created.load(); }));
    c.put("/c5/a", "1");
    c.erase("/c5/a");
    CHECK(eventually([&] {
      std::lock_guard<std::mutex> g(m);
      return seen.size() == 2;
    }));
    const auto t0 = std::chrono::steady_clock::now();
    stop.request_stop();
    w.join();
    CHECK(std::chrono::steady_clock::now() - t0 < 500ms);
    CHECK(seen[1].kind == etcd::event::type::erase);
  }
}

TEST_CASE("source") {
  etcd::client c(cfg());
  c.put("/s1/a", R"({"gen": 1})");
  c.put("/s1/b", R"({"gen": 2, "payload": "x"})");
  c.put("/s1/bad", R"({"gen": "one"})");

  std::mutex m;
  std::vector<std::pair<std::string, std::string>> errors;  // key, path
  etcd::source_options so;
  so.on_error = [&](const std::string& key, const reconcile::json_error& e) {
    std::lock_guard<std::mutex> g(m);
    errors.emplace_back(key, e.path().to_string());
  };
  etcd::source<Item> desired(c, "/s1/", so);
  recorder r(desired);
  auto& seen = r.seen;
  auto& ctl = r.ctl;
  auto keys = seen.take();
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"a", "b"});  // "bad" is not acted on

  SUBCASE("a value that fails to decode is reported with its path and not acted on") {
    const auto f = desired.failure("bad");
    REQUIRE(f);
    CHECK(f->path == "gen");
    CHECK(desired.get("bad") == nullptr);
    CHECK(desired.metrics().decode_errors == 1);
    std::lock_guard<std::mutex> g(m);
    CHECK(errors == std::vector<std::pair<std::string, std::string>>{{"bad", "gen"}});
  }
  SUBCASE("watch: a change notifies; a bad update keeps the last good value, silently for the loop") {
    c.put("/s1/b", R"({"gen": [1]})");   // bad
    c.put("/s1/a", R"({"gen": 5})");     // good, later: once seen, the bad one was handled
    // (the cache changes first, then the controller is notified: wait for both)
    REQUIRE(eventually([&] { return desired.get("a")->gen == 5 && ctl.pending() == 1; }));
    CHECK(desired.get("b")->gen == 2);
    CHECK(desired.failure("b")->path == "gen");
    CHECK(ctl.step() == 1);
    CHECK(seen.take() == std::vector<std::string>{"a"});
    c.put("/s1/b", R"({"gen": 3})");     // fixed: acted on again
    REQUIRE(eventually([&] { return desired.get("b")->gen == 3 && ctl.pending() == 1; }));
    CHECK_FALSE(desired.failure("b"));
    ctl.step();
    CHECK(seen.take() == std::vector<std::string>{"b"});
  }
  SUBCASE("a delete notifies; get() is then null") {
    c.erase("/s1/a");
    REQUIRE(eventually([&] { return desired.get("a") == nullptr && ctl.pending() == 1; }));
    ctl.step();
    CHECK(seen.take() == std::vector<std::string>{"a"});
    c.put("/s1/a", R"({"gen": 1})");
    REQUIRE(eventually([&] { return desired.get("a") != nullptr; }));
  }
  desired.stop();
}

TEST_CASE("source: relist") {
  etcd::client direct(cfg());
  for (int i = 0; i < 10; ++i) direct.put("/s2/k" + std::to_string(i), R"({"gen": 1})");
  auto wire = std::make_shared<flaky>(etcd::make_curl_transport(cfg()));
  etcd::client c(wire);
  etcd::source<Item> desired(c, "/s2/", etcd::source_options{{}, {}, 500, 50ms, 200ms, 1000ms});
  recorder r(desired);
  auto& seen = r.seen;
  auto& ctl = r.ctl;
  CHECK(seen.take().size() == 10);

  SUBCASE("after a compaction between its list and its watch") {
    wire->hold_streams(true);
    desired.relist();
    REQUIRE(eventually([&] { return wire->waiting() == 1; }));  // listed, watch held back
    direct.put("/s2/k1", R"({"gen": 2})");
    direct.erase("/s2/k2");
    direct.compact(direct.put("/s2/k3", R"({"gen": 2})"));
    wire->hold_streams(false);
    REQUIRE(eventually([&] { return desired.get("k3")->gen == 2 && desired.metrics().compactions == 1 && ctl.pending() == 3; }));
    CHECK(desired.get("k1")->gen == 2);
    CHECK(desired.get("k2") == nullptr);
    ctl.step();
    auto keys = seen.take();
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"k1", "k2", "k3"});
  }
  SUBCASE("after losing etcd and finding it again") {
    wire->cut();
    direct.put("/s2/k4", R"({"gen": 3})");
    direct.erase("/s2/k5");
    std::this_thread::sleep_for(300ms);  // a few failed attempts
    CHECK(desired.get("k4")->gen == 1);  // the cache stays as it was
    wire->down = false;
    REQUIRE(eventually([&] { return desired.get("k4")->gen == 3 && desired.get("k5") == nullptr && ctl.pending() == 2; }));
    CHECK(desired.metrics().disconnects >= 1);
    ctl.step();
    auto keys = seen.take();
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"k4", "k5"});
  }
  desired.stop();
}

TEST_CASE("election") {
  etcd::client c(cfg());
  etcd::election a(c, "/e1/", {"a", 2s, {}});
  REQUIRE(a.wait_for_leadership(10000ms));
  etcd::election b(c, "/e1/", {"b", 2s, {}});
  REQUIRE(eventually([&] { return b.leader() == "a"; }));
  CHECK_FALSE(b.is_leader());

  reconcile::options opts;
  opts.workers = 2;
  std::atomic<int> a_started{0}, a_cancelled{0}, a_late_write_ok{0};
  reconcile::controller<std::string> ctl_a(opts, a.guard([&](const std::string&, std::stop_token stop) {
    ++a_started;
    sleep_for(60000ms, stop);  // works until told to stop
    a_late_write_ok += a.fenced_put("/e1-status/k", "from a, too late") ? 1 : 0;
    ++a_cancelled;
    return result::done();
  }));
  ran b_ran;
  reconcile::controller<std::string> ctl_b(opts, b.guard([&](const std::string& k) {
    const bool wrote = b.fenced_put("/e1-status/" + k, "from b");
    b_ran.add(k);
    return wrote ? result::done() : result::retry();
  }));
  const etcd::attachment link_a = a.attach(ctl_a);
  const etcd::attachment link_b = b.attach(ctl_b);
  std::stop_source stop;
  std::jthread run_a([&] { ctl_a.run(stop.get_token()); });
  std::jthread run_b([&] { ctl_b.run(stop.get_token()); });

  ctl_b.notify("k");  // b does not lead: refused, remembered
  ctl_a.notify("k");
  REQUIRE(eventually([&] { return a_started == 1; }));
  std::this_thread::sleep_for(50ms);
  CHECK(b_ran.take().empty());
  CHECK(a.fenced_put("/e1-status/k", "from a"));
  const std::optional<etcd::compare> fence = a.fence();
  REQUIRE(fence);

  SUBCASE("losing the lease cancels in-flight work, the next leader takes over, late writes fail") {
    std::int64_t lease_a = 0;
    for (const auto& kv : c.range("/e1/", etcd::prefix_end("/e1/")).kvs)
      if (kv.value == "a") lease_a = kv.lease;
    REQUIRE(lease_a != 0);
    c.revoke(lease_a);  // as if a's lease had expired
    CHECK(eventually([&] { return a_cancelled == 1; }, 5000ms));
    CHECK(eventually([&] { return b_ran.has("k"); }, 5000ms));  // the refused key, handed on
    CHECK(b.is_leader());
    CHECK_FALSE(a.is_leader());
    CHECK(a_late_write_ok == 0);
    CHECK_FALSE(c.txn({{*fence}, {etcd::operation::put("/e1-status/k", "stale")}, {}}).succeeded);
    CHECK(c.get("/e1-status/k")->value == "from b");
    REQUIRE(eventually([&] { return a.leader() == "b"; }));  // a campaigns again, behind b
    SUBCASE("resign hands leadership over at once") {
      const auto t0 = std::chrono::steady_clock::now();
      b.resign();
      CHECK(a.wait_for_leadership(5000ms));
      MESSAGE("resign -> new leader: "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
              << " ms");
    }
  }
  stop.request_stop();
  run_a.join();
  run_b.join();
}

TEST_CASE("shard") {
  etcd::client c(cfg());
  std::vector<std::string> keys;
  for (int i = 0; i < 60; ++i) keys.push_back("k" + std::to_string(i));

  std::mutex m;
  std::vector<etcd_test::interval> intervals;
  struct member {
    std::string name;
    std::unique_ptr<etcd::shard> s;
    std::unique_ptr<reconcile::controller<std::string>> ctl;
    etcd::attachment link;  // after ctl: detaches first
    std::stop_source stop;
    std::thread runner;
  };
  std::map<std::string, std::unique_ptr<member>> group;
  auto join = [&](const std::string& name) {
    auto mb = std::make_unique<member>();
    mb->name = name;
    mb->s = std::make_unique<etcd::shard>(c, "/h1/", etcd::shard_options{name, 2s, {}, 300ms});
    reconcile::options opts;
    opts.workers = 2;
    member* self = mb.get();
    mb->ctl = std::make_unique<reconcile::controller<std::string>>(
        opts, mb->s->guard([&m, &intervals, self](const std::string& k, std::stop_token stop) {
          const std::int64_t t0 = now_ns();
          sleep_for(3ms, stop);
          const bool wrote = self->s->fenced_put(k, "/h1-status/" + k, self->name);
          std::lock_guard<std::mutex> g(m);
          intervals.push_back({self->name, k, t0, now_ns()});
          return (wrote || stop.stop_requested()) ? result::requeue_after(30ms) : result::retry();
        }));
    mb->link = mb->s->attach(*mb->ctl);
    mb->runner = std::thread([self] { self->ctl->run(self->stop.get_token()); });
    for (const auto& k : keys) mb->ctl->notify(k);
    group[name] = std::move(mb);
  };
  auto owner = [&](const std::string& k) {
    std::vector<std::string> names;
    for (const auto& [n, mb] : group) names.push_back(n);
    return *etcd::detail::rendezvous_owner(names, k);
  };
  // settled(since): every key reconciled after `since` by its owner among the current group.
  auto settled = [&](std::int64_t since) {
    return eventually([&] {
      std::set<std::string> done;
      std::lock_guard<std::mutex> g(m);
      for (const auto& i : intervals)
        if (i.start > since && group.count(i.replica) && i.replica == owner(i.key)) done.insert(i.key);
      return done.size() == keys.size();
    }, 20000ms);
  };
  auto depart = [&](const std::string& name, bool stop_first) {
    member& mb = *group[name];
    if (stop_first) mb.stop.request_stop();
    mb.s->leave();  // cancels and waits for in-flight reconciles, then revokes the lease
    mb.stop.request_stop();
    mb.runner.join();
    group.erase(name);
  };

  std::int64_t t = now_ns();
  join("m1");
  join("m2");
  join("m3");
  CHECK(settled(t));
  t = now_ns();
  join("m4");  // keys move from busy members: each must stop and release first
  CHECK(settled(t));
  t = now_ns();
  depart("m2", false);  // leaves while its controller still runs
  CHECK(settled(t));
  t = now_ns();
  depart("m1", true);
  CHECK(settled(t));

  for (auto& name : std::vector<std::string>{"m3", "m4"}) depart(name, true);
  std::lock_guard<std::mutex> g(m);
  const auto overlap = etcd_test::first_overlap(intervals);
  CHECK_MESSAGE(!overlap, *overlap);
  MESSAGE(intervals.size() << " reconciles by 4 members, none overlapping");
}

TEST_CASE("shard::on_release") {
  etcd::client c(cfg());
  std::vector<std::string> keys;
  for (int i = 0; i < 20; ++i) keys.push_back("k" + std::to_string(i));
  std::atomic<bool> undone{false};
  std::atomic<int> asked{0};
  ran by1, by2;
  etcd::shard s1(c, "/h2/", {"n1", 2s, {}, 200ms});
  s1.on_release([&](const std::string&) {
    ++asked;
    return undone.load();  // "my processes for this key are not stopped yet"
  });
  reconcile::options opts;
  opts.workers = 2;
  reconcile::controller<std::string> ctl1(opts, s1.guard([&](const std::string& k) {
    by1.add(k);
    return result::done();
  }));
  const etcd::attachment link1 = s1.attach(ctl1);
  std::stop_source stop;
  std::jthread run1([&] { ctl1.run(stop.get_token()); });
  for (const auto& k : keys) ctl1.notify(k);
  REQUIRE(eventually([&] { return s1.held() == keys.size(); }));  // alone: n1 owns every key

  etcd::shard s2(c, "/h2/", {"n2", 2s, {}, 200ms});
  reconcile::controller<std::string> ctl2(opts, s2.guard([&](const std::string& k) {
    by2.add(k);
    return result::done();
  }));
  const etcd::attachment link2 = s2.attach(ctl2);
  std::jthread run2([&] { ctl2.run(stop.get_token()); });
  for (const auto& k : keys) ctl2.notify(k);
  REQUIRE(eventually([&] { return asked.load() > 0; }));
  std::this_thread::sleep_for(300ms);
  CHECK(by2.take().empty());  // the new owner waits while the old one is not done
  undone = true;
  std::size_t moved = 0;
  for (const auto& k : keys) moved += *etcd::detail::rendezvous_owner({"n1", "n2"}, k) == "n2" ? 1u : 0u;
  CHECK(moved > 0);
  CHECK(eventually([&] { return s2.held() == moved; }));
  CHECK(s1.held() == keys.size() - moved);
  stop.request_stop();
  run1.join();
  run2.join();
}
