// Tests of reconcile/queue.hpp: the work queue's client-go semantics (and the fixed #126027),
// priorities with ageing (exact at every level), key lifetime and memory. Time is passed
// explicitly: deterministic. The rate limiters are in test_rate_limit.cpp.
#include <doctest/doctest.h>

#include <reconcile/queue.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/alloc_counter.hpp"

RECONCILE_DEFINE_ALLOC_COUNTER();

using namespace std::chrono_literals;
using reconcile::priority;
using reconcile::time_point;
using queue = reconcile::work_queue<std::string>;

namespace {
const time_point t0{};

// drain(q, now): pops and finishes every due item, returning their keys in order.
std::vector<std::string> drain(queue& q, time_point now) {
  std::vector<std::string> keys;
  while (auto t = q.pop(now)) {
    keys.push_back(t.key());
    q.done(t, now);
  }
  return keys;
}
}  // namespace

TEST_CASE("work_queue::add") {
  queue q;
  SUBCASE("a key is queued at most once") {
    CHECK(q.add("a", t0, t0));
    CHECK_FALSE(q.add("a", t0, t0));
    CHECK_FALSE(q.add("a", t0, t0, priority::high));
    CHECK(q.size() == 1);
    CHECK(drain(q, t0) == std::vector<std::string>{"a"});
    CHECK(q.empty());
  }
  SUBCASE("an immediate add overrides a pending delayed run: one run, now (kubernetes #126027)") {
    q.add("a", t0 + 10s, t0);
    CHECK(q.delayed() == 1);
    CHECK_FALSE(q.add("a", t0, t0));
    CHECK(q.delayed() == 0);
    CHECK(drain(q, t0) == std::vector<std::string>{"a"});
    CHECK(drain(q, t0 + 10s).empty());  // no second run at the old due time
    CHECK(q.empty());
  }
  SUBCASE("the due time only moves earlier") {
    q.add("a", t0 + 5s, t0);
    q.add("a", t0 + 10s, t0);
    CHECK(q.next_due() == t0 + 5s);
    q.add("a", t0 + 2s, t0);
    CHECK(q.next_due() == t0 + 2s);
    CHECK(drain(q, t0 + 1s).empty());
    CHECK(drain(q, t0 + 2s) == std::vector<std::string>{"a"});
  }
  SUBCASE("an add while processing runs it exactly once more, after done") {
    q.add("a", t0, t0);
    auto t = q.pop(t0);
    REQUIRE(t);
    CHECK(q.add("a", t0, t0));        // dirty: counts as a new run
    CHECK_FALSE(q.add("a", t0, t0));  // already dirty: deduped
    CHECK_FALSE(q.pop(t0));           // never handed out while processing
    q.done(t, t0);
    CHECK(drain(q, t0) == std::vector<std::string>{"a"});
    CHECK(q.empty());
  }
  SUBCASE("a delayed add while processing waits for its time after done") {
    q.add("a", t0, t0);
    auto t = q.pop(t0);
    q.add("a", t0 + 3s, t0);
    q.done(t, t0);
    CHECK(drain(q, t0 + 2s).empty());
    CHECK(drain(q, t0 + 3s) == std::vector<std::string>{"a"});
  }
  SUBCASE("keep: a pending run is left alone, a processing key is still dirtied") {
    q.add("a", t0 + 5s, t0);
    CHECK_FALSE(q.add("a", t0, t0, priority::low, reconcile::when_pending::keep));
    CHECK(q.next_due() == t0 + 5s);
    q.add("b", t0, t0);
    auto t = q.pop(t0);
    CHECK(q.add("b", t0, t0, priority::low, reconcile::when_pending::keep));
    q.done(t, t0);
    CHECK(drain(q, t0) == std::vector<std::string>{"b"});
  }
  SUBCASE("an add of a claimed key is deduped: the claimed run covers it") {
    q.add("a", t0, t0);
    auto t = q.claim(t0);
    CHECK(q.claimed() == 1);
    CHECK_FALSE(q.add("a", t0, t0));
    q.start(t);
    q.done(t, t0);
    CHECK(q.empty());
  }
}

TEST_CASE("work_queue::pop") {
  queue q;
  SUBCASE("FIFO among equal priorities") {
    for (const char* k : {"c", "a", "b"}) q.add(k, t0, t0);
    CHECK(drain(q, t0) == std::vector<std::string>{"c", "a", "b"});
  }
  SUBCASE("delayed items become due in due-time order") {
    q.add("late", t0 + 2s, t0);
    q.add("early", t0 + 1s, t0);
    CHECK_FALSE(q.pop(t0));
    CHECK(drain(q, t0 + 2s) == std::vector<std::string>{"early", "late"});
  }
  SUBCASE("higher priority first among due items") {
    q.add("n", t0, t0);
    q.add("l", t0, t0, priority::low);
    q.add("h", t0, t0, priority::high);
    CHECK(drain(q, t0) == std::vector<std::string>{"h", "n", "l"});
  }
  SUBCASE("an add with a higher priority raises a queued item") {
    q.add("a", t0, t0);
    q.add("b", t0, t0, priority::low);
    q.add("b", t0, t0, priority::high);
    CHECK(drain(q, t0) == std::vector<std::string>{"b", "a"});
  }
  SUBCASE("ageing: a low item sorts before normal items due more than `ageing` after it") {
    queue aged(1s);
    aged.add("low", t0, t0, priority::low);
    aged.add("n1", t0 + 500ms, t0 + 500ms);
    aged.add("n2", t0 + 1500ms, t0 + 1500ms);
    CHECK(drain(aged, t0 + 2s) == std::vector<std::string>{"n1", "low", "n2"});
  }
  SUBCASE("strict priorities (ageing = max) keep low behind every normal item") {
    queue strict(reconcile::duration::max());
    strict.add("low", t0, t0, priority::low);
    strict.add("n", t0 + 1000h, t0 + 1000h);
    CHECK(drain(strict, t0 + 1000h) == std::vector<std::string>{"n", "low"});
  }
}

TEST_CASE("work_queue::done") {
  queue q;
  q.add("a", t0, t0);
  auto t = q.pop(t0);
  REQUIRE(t);
  CHECK(t.key() == "a");
  SUBCASE("without again: the entry is recycled") {
    q.done(t, t0);
    CHECK(q.empty());
    CHECK(q.processing() == 0);
  }
  SUBCASE("with again: runs at that time") {
    q.done(t, t0, t0 + 4s);
    CHECK(q.next_due() == t0 + 4s);
    CHECK(drain(q, t0 + 4s) == std::vector<std::string>{"a"});
  }
  SUBCASE("dirty and again: the earlier wins, one run") {
    q.add("a", t0 + 1s, t0);
    q.done(t, t0, t0 + 4s);
    CHECK(q.next_due() == t0 + 1s);
    CHECK(drain(q, t0 + 1s) == std::vector<std::string>{"a"});
    CHECK(drain(q, t0 + 4s).empty());
  }
}

TEST_CASE("work_queue::fail") {
  queue q;
  q.add("a", t0, t0);
  auto t = q.pop(t0);
  CHECK(q.fail(t) == 1);
  q.done(t, t0, t0 + 5ms);
  SUBCASE("the failure count survives an immediate add that overrides the backoff") {
    q.add("a", t0, t0);
    t = q.pop(t0);
    REQUIRE(t);
    CHECK(t.failures() == 1);
    CHECK(q.fail(t) == 2);
    q.done(t, t0, t0 + 10ms);
    CHECK(q.failures("a") == 2);
  }
  SUBCASE("forget resets it") {
    t = q.pop(t0 + 5ms);
    REQUIRE(t);
    q.forget(t);
    CHECK(t.failures() == 0);
    q.done(t, t0 + 5ms);
    CHECK(q.failures("a") == 0);
  }
}

TEST_CASE("work_queue::converged") {
  queue q;
  q.add("a", t0, t0);
  auto t = q.pop(t0);
  q.fail(t);
  q.done(t, t0 + 1s, t0 + 2s);
  t = q.pop(t0 + 2s);
  SUBCASE("measures from the first add since the key was last done") {
    CHECK(q.converged(t, t0 + 3s) == 3s);
  }
  SUBCASE("an add during the run starts the next measurement") {
    q.add("a", t0 + 2500ms, t0 + 2500ms);
    CHECK(q.converged(t, t0 + 3s) == 3s);
    q.done(t, t0 + 3s);
    t = q.pop(t0 + 4s);
    REQUIRE(t);
    CHECK(q.converged(t, t0 + 4s) == 1500ms);
  }
}

TEST_CASE("work_queue::reserve") {
  SUBCASE("a warm queue allocates nothing") {
    queue q;
    q.reserve(64);
    std::vector<std::string> keys;
    for (int i = 0; i < 64; ++i) keys.push_back("key-" + std::to_string(i));
    for (int round = 0; round < 2; ++round) {  // round 0 warms up
      reconcile::test::alloc_scope s;
      for (int i = 0; i < 64; ++i) q.add(keys[std::size_t(i)], t0 + std::chrono::milliseconds(i % 3), t0);
      for (const auto& k : keys) q.add(k, t0, t0);
      auto t = q.pop(t0);
      q.add(t.key(), t0, t0);  // dirty
      q.done(t, t0);
      while (auto u = q.pop(t0)) q.done(u, t0);
      if (round == 1) CHECK(s.count() == 0);
    }
    CHECK(q.empty());
  }
}

// Bugs found by translating client-go's and controller-runtime's queue tests (issue #15).
TEST_CASE("work_queue::bugs") {
  SUBCASE("strict priorities order every level (10 before 5, -5 before -10)") {
    reconcile::work_queue<int> q(reconcile::duration::max());
    q.add(1, t0, t0, priority(5));
    q.add(2, t0, t0, priority(10));
    q.add(3, t0, t0, priority(-10));
    q.add(4, t0, t0, priority(-5));
    std::vector<int> order;
    while (auto t = q.pop(t0)) {
      order.push_back(t.key());
      q.done(t, t0);
    }
    CHECK(order == std::vector<int>{2, 1, 4, 3});
  }
  SUBCASE("a key re-added while processing keeps the place of its notify (FIFO)") {
    queue q;
    q.add("foo", t0, t0);
    auto t = q.pop(t0);
    q.add("foo", t0, t0);  // dirty, notified first
    q.add("baz", t0, t0);  // notified second
    q.done(t, t0);
    CHECK(drain(q, t0) == std::vector<std::string>{"foo", "baz"});
  }
  SUBCASE("a finished key is destroyed when it leaves the queue") {
    reconcile::work_queue<std::shared_ptr<int>> q;
    auto p = std::make_shared<int>(7);
    std::weak_ptr<int> w = p;
    q.add(p, t0, t0);
    p.reset();
    auto t = q.pop(t0);
    q.done(t, t0);
    CHECK(w.expired());
  }
}

TEST_CASE("work_queue::pop order") {
  // Property: among due items the pop order is exactly (due - priority * ageing, then FIFO),
  // with ageing = duration::max() meaning strict priorities; every level counts. 300 seeded
  // cases of 60 items with random levels in -128..127, due times and ageings.
  using wide = reconcile::detail::wide;
  std::uint64_t rng = 0x2545F4914F6CDD1DULL;
  auto next = [&] {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
  };
  const reconcile::duration ageings[] = {reconcile::duration::zero(), 1ms, 1s, 1000h,
                                         reconcile::duration(std::int64_t(1) << 62), reconcile::duration::max()};
  for (int c = 0; c < 300; ++c) {
    const reconcile::duration ageing = ageings[next() % 6];
    reconcile::work_queue<int> q(ageing);
    struct item {
      int key;
      time_point due;
      int level;
    };
    std::vector<item> items;
    for (int k = 0; k < 60; ++k) {
      const item it{k, t0 + std::chrono::milliseconds(next() % 50), int(next() % 256) - 128};
      items.push_back(it);
      q.add(it.key, it.due, t0, priority(static_cast<std::int8_t>(it.level)));
    }
    const bool strict = ageing == reconcile::duration::max();
    // the reference order; ties by key = by insertion (std::sort: stable_sort's temporary
    // buffer uses a nothrow operator new that the allocation counter does not replace)
    std::sort(items.begin(), items.end(), [&](const item& a, const item& b) {
      if (strict) {
        if (a.level != b.level) return a.level > b.level;
        if (a.due != b.due) return a.due < b.due;
        return a.key < b.key;
      }
      const wide oa = wide(a.due.time_since_epoch().count()) - wide(a.level) * wide(ageing.count());
      const wide ob = wide(b.due.time_since_epoch().count()) - wide(b.level) * wide(ageing.count());
      return oa != ob ? oa < ob : a.key < b.key;
    });
    std::vector<int> expected, got;
    for (const item& it : items) expected.push_back(it.key);
    while (auto t = q.pop(t0 + 1s)) {
      got.push_back(t.key());
      q.done(t, t0 + 1s);
    }
    INFO("case ", c, ", ageing ", ageing.count(), " ns");
    REQUIRE(got == expected);
  }
}

TEST_CASE("work_queue::done rerun priority") {
  queue q(reconcile::duration::max());
  q.add("a", t0, t0);
  q.add("b", t0, t0);
  SUBCASE("a rerun at a higher priority goes first") {
    auto t = q.pop(t0);
    REQUIRE(t.key() == "a");
    q.done(t, t0, t0, priority::high);
    CHECK(drain(q, t0) == std::vector<std::string>{"a", "b"});
  }
  SUBCASE("a rerun at a lower priority goes last") {
    auto t = q.pop(t0);
    q.done(t, t0, t0, priority::low);
    q.add("c", t0, t0);
    CHECK(drain(q, t0) == std::vector<std::string>{"b", "c", "a"});
  }
}

TEST_CASE("work_queue::shrink_to_fit") {
  SUBCASE("finished keys leave their node memory pooled until shrink_to_fit frees it") {
    reconcile::work_queue<int> q;
    for (int k = 0; k < 32; ++k) q.add(k, t0, t0);
    while (auto t = q.pop(t0)) q.done(t, t0);
    CHECK(q.empty());
    CHECK(q.pooled() == 32);
    {
      reconcile::test::alloc_scope s;
      for (int k = 0; k < 32; ++k) q.add(k + 100, t0, t0);  // reuses the pool
      CHECK(s.count() == 0);
    }
    while (auto t = q.pop(t0)) q.done(t, t0);
    q.shrink_to_fit();
    CHECK(q.pooled() == 0);
    q.add(1, t0, t0);
    auto t = q.pop(t0);
    REQUIRE(t);
    CHECK(t.key() == 1);
    q.done(t, t0);
    CHECK(q.pooled() == 1);
  }
}
