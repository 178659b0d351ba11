// Fail-over with real processes: three (then four) etcd_replica processes over 1,000 keys
// (tests/etcd/replica.cpp), against an etcd started here. Leader mode: kill -9 the leader,
// another leads and the keys converge within the TTL plus a margin. Sharded mode: a replica
// joins, one is killed -9, one leaves gracefully; their keys move and converge. Both modes
// survive an etcd restart and a compaction. Every replica logs its reconcile intervals and
// no key's intervals may overlap across replicas. Fail-over times are printed (MESSAGE).
#include <doctest/doctest.h>

#include <reconcile/etcd.hpp>
#include <reconcile/json.hpp>

#include "etcd/etcd_server.hpp"
#include "etcd/intervals.hpp"

#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#ifndef RECONCILE_ETCD_REPLICA
#error "tests/etcd/CMakeLists.txt defines RECONCILE_ETCD_REPLICA, the path of etcd_replica"
#endif

namespace etcd = reconcile::etcd;
using namespace std::chrono_literals;

namespace {

struct Item {
  int gen = 0;
  std::string payload;
};

constexpr int n_keys = 1000;
constexpr int ttl_seconds = 2;
// After a kill -9, the first reconcile by the new owner must come within the TTL plus
// takeover_margin (etcd checks lease expiry every 500 ms; watch, lock, scheduling), and all
// 1000 keys must converge within the TTL plus converge_margin (sanitizers, 2 shared cores).
constexpr auto takeover_margin = 5s;
constexpr auto converge_margin = 15s;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
double ms(std::int64_t ns) { return double(ns) / 1e6; }

std::string key_name(int i) {
  std::string s = std::to_string(i);
  return "item-" + std::string(4 - s.size(), '0') + s;
}

// write_desired(gen): every key's desired item, in transactions of 100 puts.
void write_desired(const etcd::client& c, const std::string& prefix, int gen) {
  for (int base = 0; base < n_keys; base += 100) {
    etcd::txn_request t;
    for (int i = base; i < base + 100 && i < n_keys; ++i)
      t.then.push_back(etcd::operation::put(prefix + "desired/" + key_name(i),
                                            reconcile::to_json(Item{gen, "payload of " + key_name(i)})));
    REQUIRE(c.txn(t).succeeded);
  }
}

// converged(gen): every status key holds the desired item of generation gen.
int converged_count(const etcd::client& c, const std::string& prefix, int gen) {
  int n = 0;
  try {
    for (const auto& kv : c.list(prefix + "status/").kvs)
      if (reconcile::from_json<Item>(kv.value).gen == gen) ++n;
  } catch (const etcd::etcd_error&) {
  }
  return n;
}
// wait_converged(gen, limit): the time it took, or a negative duration when limit passed.
std::chrono::milliseconds wait_converged(const etcd::client& c, const std::string& prefix, int gen,
                                         std::chrono::milliseconds limit) {
  const auto t0 = std::chrono::steady_clock::now();
  while (converged_count(c, prefix, gen) != n_keys) {
    if (std::chrono::steady_clock::now() - t0 > limit) {
      MESSAGE("not converged: " << converged_count(c, prefix, gen) << " of " << n_keys << " at generation " << gen);
      return -1ms;
    }
    std::this_thread::sleep_for(20ms);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
}

// cluster: replica processes of one mode, their logs in etcd's temporary directory.
struct cluster {
  struct replica {
    std::string name, log;
    pid_t pid = -1;
    std::int64_t ended = std::numeric_limits<std::int64_t>::max();  // killed or exited at
  };
  etcd_test::server& server;
  std::string prefix, mode;
  std::map<std::string, replica> replicas;

  void start(const std::string& name) {
    replica r{name, server.dir() + "/" + mode + "-" + name + ".log"};
    r.pid = etcd_test::spawn({RECONCILE_ETCD_REPLICA, "--endpoint", server.url(), "--prefix", prefix, "--mode", mode,
                              "--name", name, "--log", r.log, "--ttl", std::to_string(ttl_seconds), "--workers", "8",
                              "--work-ms", "2"},
                             server.dir() + "/" + mode + "-" + name + ".out");
    replicas[name] = r;
  }
  // kill9(name): the time of the kill.
  std::int64_t kill9(const std::string& name) {
    replica& r = replicas.at(name);
    const std::int64_t t = now_ns();
    ::kill(r.pid, SIGKILL);
    ::waitpid(r.pid, nullptr, 0);
    r.pid = -1;
    r.ended = t;
    return t;
  }
  // term(name): SIGTERM and a clean exit (status 0: also no sanitizer report, no leak).
  std::int64_t term(const std::string& name) {
    replica& r = replicas.at(name);
    const std::int64_t t = now_ns();
    ::kill(r.pid, SIGTERM);
    int status = 0;
    ::waitpid(r.pid, &status, 0);
    CHECK_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), name << " exited with status " << status
                                                                       << "; see " << server.dir());
    r.pid = -1;
    r.ended = now_ns();
    return t;
  }
  std::vector<std::string> alive() const {
    std::vector<std::string> out;
    for (const auto& [n, r] : replicas)
      if (r.pid > 0) out.push_back(n);
    return out;
  }
  std::map<std::string, etcd_test::replica_log> logs() const {
    std::map<std::string, etcd_test::replica_log> out;
    for (const auto& [n, r] : replicas) out[n] = etcd_test::replica_log::read(r.log, n, r.ended);
    return out;
  }
  std::vector<etcd_test::interval> intervals() const {
    std::vector<etcd_test::interval> all;
    for (const auto& [n, l] : logs()) all.insert(all.end(), l.intervals.begin(), l.intervals.end());
    return all;
  }
  // first_start_after(t, from, keys): the earliest reconcile start after t by a replica other
  // than `from`, among `keys` (all keys when empty); 0 when none.
  std::int64_t first_start_after(std::int64_t t, const std::string& from, const std::set<std::string>& keys = {}) const {
    std::int64_t best = 0;
    for (const auto& i : intervals())
      if (i.replica != from && i.start > t && (keys.empty() || keys.count(i.key)) && (!best || i.start < best))
        best = i.start;
    return best;
  }
  // owned_by(name, before): the keys whose last reconcile before `before` was by name.
  std::set<std::string> owned_by(const std::string& name, std::int64_t before) const {
    std::map<std::string, const etcd_test::interval*> last;
    const auto all = intervals();
    for (const auto& i : all)
      if (i.start < before && (!last[i.key] || last[i.key]->start < i.start)) last[i.key] = &i;
    std::set<std::string> out;
    for (const auto& [k, i] : last)
      if (i && i->replica == name) out.insert(k);
    return out;
  }
  void stop_all() {
    for (const auto& n : alive()) term(n);
  }
  ~cluster() {
    for (auto& [n, r] : replicas)
      if (r.pid > 0) {
        ::kill(r.pid, SIGKILL);
        ::waitpid(r.pid, nullptr, 0);
      }
  }
};

std::string current_leader(const etcd::client& c, const std::string& prefix) {
  const std::string p = prefix + "election/";
  const etcd::key_value* lowest = nullptr;
  const etcd::range_result r = c.range(p, etcd::prefix_end(p));
  for (const auto& kv : r.kvs)
    if (!lowest || kv.create_revision < lowest->create_revision) lowest = &kv;
  return lowest ? lowest->value : std::string();
}

// restart_and_compact(gen): etcd stops and starts again on its data; then a new generation
// is written and the history compacted away; the replicas must converge on it.
void restart_and_compact(etcd_test::server& server, const etcd::client& c, const std::string& prefix, int gen) {
  server.stop(SIGTERM);
  std::this_thread::sleep_for(300ms);
  server.start();
  write_desired(c, prefix, gen);
  c.compact(c.put(prefix + "marker", "compacted here"));
  const auto took = wait_converged(c, prefix, gen, 30000ms);
  CHECK(took >= 0ms);
  MESSAGE("after an etcd restart and a compaction: converged in " << took.count() << " ms");
}

void check_no_overlap(const cluster& cl) {
  const auto all = cl.intervals();
  const auto overlap = etcd_test::first_overlap(all);
  CHECK_MESSAGE(!overlap, *overlap);
  double total = 0;
  std::size_t closed = 0;
  for (const auto& i : all)
    if (i.end != std::numeric_limits<std::int64_t>::max()) total += ms(i.end - i.start), ++closed;
  MESSAGE(all.size() << " reconcile intervals across " << cl.replicas.size()
                     << " replicas, none overlapping another replica's on the same key; mean reconcile "
                     << (closed ? total / double(closed) : 0.0) << " ms (2 ms of work, a fenced txn, two log writes)");
}

}  // namespace

TEST_CASE("fail-over: leader") {
  etcd_test::server server;
  etcd::client c(etcd::config{{server.url()}});
  const std::string prefix = "/leader/";
  write_desired(c, prefix, 1);
  cluster cl{server, prefix, "leader", {}};
  for (const auto* n : {"r1", "r2", "r3"}) cl.start(n);
  REQUIRE(wait_converged(c, prefix, 1, 60000ms) >= 0ms);

  const std::string leader = current_leader(c, prefix);
  REQUIRE(cl.replicas.count(leader));
  for (const auto& log : cl.logs())
    if (log.first != leader)
      CHECK_MESSAGE(log.second.intervals.empty(), log.first << " reconciled while " << leader << " led");

  const std::int64_t killed = cl.kill9(leader);
  write_desired(c, prefix, 2);
  const auto took = wait_converged(c, prefix, 2, std::chrono::seconds(ttl_seconds) + converge_margin);
  CHECK(took >= 0ms);
  const std::int64_t first = cl.first_start_after(killed, leader);
  CHECK(first > 0);
  CHECK(first - killed < std::chrono::nanoseconds(std::chrono::seconds(ttl_seconds) + takeover_margin).count());
  const std::string next = current_leader(c, prefix);
  CHECK(next != leader);
  MESSAGE("leader mode, TTL " << ttl_seconds << " s: kill -9 " << leader << " -> first reconcile by " << next
                              << " after " << ms(first - killed) << " ms; 1000 keys converged "
                              << ms(now_ns() - killed) << " ms after the kill");

  restart_and_compact(server, c, prefix, 3);

  const std::int64_t resigned = cl.term(next);  // graceful: resigns at once
  write_desired(c, prefix, 4);
  CHECK(wait_converged(c, prefix, 4, 30000ms) >= 0ms);
  const std::int64_t first_after = cl.first_start_after(resigned, next);
  CHECK(first_after > 0);
  MESSAGE("leader mode: SIGTERM " << next << " (resign) -> first reconcile by the next leader after "
                                  << ms(first_after - resigned) << " ms");
  cl.stop_all();
  check_no_overlap(cl);
}

TEST_CASE("fail-over: sharded") {
  etcd_test::server server;
  etcd::client c(etcd::config{{server.url()}});
  const std::string prefix = "/shard/";
  write_desired(c, prefix, 1);
  cluster cl{server, prefix, "shard", {}};
  for (const auto* n : {"r1", "r2", "r3"}) cl.start(n);
  REQUIRE(wait_converged(c, prefix, 1, 60000ms) >= 0ms);

  const std::int64_t joined = now_ns();
  cl.start("r4");
  write_desired(c, prefix, 2);  // every key reconciles while ownership moves
  CHECK(wait_converged(c, prefix, 2, 60000ms) >= 0ms);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (cl.owned_by("r4", now_ns()).size() < 150 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  CHECK(cl.owned_by("r4", now_ns()).size() >= 150);  // about a quarter of 1000 moved to r4
  MESSAGE("r4 joined " << ms(now_ns() - joined) << " ms ago and reconciles " << cl.owned_by("r4", now_ns()).size()
                       << " keys");

  const std::set<std::string> victims = cl.owned_by("r2", now_ns());
  CHECK(victims.size() > 100);
  const std::int64_t killed = cl.kill9("r2");
  write_desired(c, prefix, 3);
  const auto took = wait_converged(c, prefix, 3, std::chrono::seconds(ttl_seconds) + converge_margin);
  CHECK(took >= 0ms);
  const std::int64_t first = cl.first_start_after(killed, "r2", victims);
  CHECK(first > 0);
  CHECK(first - killed < std::chrono::nanoseconds(std::chrono::seconds(ttl_seconds) + takeover_margin).count());
  MESSAGE("sharded mode, TTL " << ttl_seconds << " s: kill -9 r2 (" << victims.size()
                               << " keys) -> first reconcile of one of its keys by a new owner after "
                               << ms(first - killed) << " ms; 1000 keys converged " << ms(now_ns() - killed)
                               << " ms after the kill");

  const std::set<std::string> leaving = cl.owned_by("r3", now_ns());
  const std::int64_t left = cl.term("r3");  // graceful: releases every lock at once
  write_desired(c, prefix, 4);
  CHECK(wait_converged(c, prefix, 4, 30000ms) >= 0ms);
  const std::int64_t first_after = cl.first_start_after(left, "r3", leaving);
  CHECK(first_after > 0);
  MESSAGE("sharded mode: SIGTERM r3 (" << leaving.size() << " keys) -> first reconcile of one of them by a new owner after "
                                       << ms(first_after - left) << " ms");

  restart_and_compact(server, c, prefix, 5);
  cl.stop_all();
  check_no_overlap(cl);
}
