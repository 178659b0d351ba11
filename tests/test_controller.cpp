// Tests of reconcile/controller.hpp driven by step() and a manual_clock: fully deterministic,
// no threads (the threaded ones are in test_controller_threads.cpp).
#include <doctest/doctest.h>

#include <reconcile/controller.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "support/alloc_counter.hpp"

RECONCILE_DEFINE_ALLOC_COUNTER();

using namespace std::chrono_literals;
using reconcile::duration;
using reconcile::priority;
using reconcile::result;
using reconcile::time_point;

namespace {

// fixture: a controller on a manual clock whose reconciler logs each run (key, time) and
// returns what `answer` says for the key (done by default).
struct fixture {
  reconcile::manual_clock clock;
  reconcile::options opts;
  std::vector<std::pair<std::string, time_point>> runs;
  std::map<std::string, std::vector<result>> script;  // results to return, in order, per key
  std::function<void(const std::string&)> during;     // called inside each reconcile

  fixture() { opts.clock = &clock; }

  reconcile::controller<std::string> make() {
    return reconcile::controller<std::string>(opts, [this](const std::string& k) {
      runs.emplace_back(k, clock.now());
      if (during) during(k);
      auto& s = script[k];
      if (s.empty()) return result::done();
      result r = s.front();
      s.erase(s.begin());
      return r;
    });
  }

  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (auto& r : runs) out.push_back(r.first);
    return out;
  }
  time_point at(std::size_t i) const { return runs.at(i).second; }
};

const time_point t0{};

}  // namespace

TEST_CASE("controller::notify") {
  fixture f;
  auto ctl = f.make();
  SUBCASE("deduplicated: three notifies, one run") {
    ctl.notify("a");
    ctl.notify("a");
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    CHECK(ctl.step() == 0);
    CHECK(f.keys() == std::vector<std::string>{"a"});
  }
  SUBCASE("notify_after runs once the delay has passed") {
    ctl.notify_after("a", 2s);
    CHECK(ctl.step() == 0);
    f.clock.advance(1999ms);
    CHECK(ctl.step() == 0);
    f.clock.advance(1ms);
    CHECK(ctl.step() == 1);
  }
  SUBCASE("an immediate notify overrides a pending delayed run: once, now (kubernetes #126027)") {
    ctl.notify_after("a", 10s);
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    f.clock.advance(10s);
    CHECK(ctl.step() == 0);
    CHECK(f.runs.size() == 1);
  }
  SUBCASE("an immediate notify overrides a backoff; the failure count is kept until done()") {
    f.script["a"] = {result::retry(), result::retry()};
    ctl.notify("a");
    ctl.step();  // failure 1: backoff 5 ms
    CHECK(ctl.failures("a") == 1);
    ctl.notify("a");
    CHECK(ctl.step() == 1);  // runs now, not after 5 ms; failure 2: backoff 10 ms
    CHECK(ctl.failures("a") == 2);
    f.clock.advance(5ms);
    CHECK(ctl.step() == 0);  // the old 5 ms run is gone
    f.clock.advance(5ms);
    CHECK(ctl.step() == 1);  // 10 ms after failure 2: done
    CHECK(ctl.failures("a") == 0);
    CHECK(f.runs.size() == 3);
  }
  SUBCASE("a later notify_after does not postpone an earlier one") {
    ctl.notify_after("a", 1s);
    ctl.notify_after("a", 5s);
    f.clock.advance(1s);
    CHECK(ctl.step() == 1);
    f.clock.advance(4s);
    CHECK(ctl.step() == 0);
  }
}

TEST_CASE("controller::step") {
  fixture f;
  auto ctl = f.make();
  SUBCASE("runs every due item once, in order, and returns the count") {
    ctl.notify("a");
    ctl.notify("b");
    ctl.notify_after("c", 1s);
    CHECK(ctl.step() == 2);
    CHECK(f.keys() == std::vector<std::string>{"a", "b"});
  }
  SUBCASE("an item due exactly now runs (now >= due)") {
    ctl.notify_after("a", 1s);
    f.clock.advance(1s);
    CHECK(ctl.step() == 1);
  }
  SUBCASE("a notify during a reconcile runs the key exactly once more, in the next step") {
    f.during = [&](const std::string& k) {
      if (f.runs.size() == 1) {
        ctl.notify(k);
        ctl.notify(k);
      }
    };
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    CHECK(ctl.step() == 1);
    CHECK(ctl.step() == 0);
    CHECK(f.runs.size() == 2);
  }
  SUBCASE("keys notified during a step run in the next step") {
    f.during = [&](const std::string& k) {
      if (k == "a") ctl.notify("b");
    };
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    CHECK(f.keys() == std::vector<std::string>{"a"});
    CHECK(ctl.step() == 1);
    CHECK(f.keys() == std::vector<std::string>{"a", "b"});
  }
  SUBCASE("a notify of a key claimed by this step but not yet run is covered by that run") {
    f.during = [&](const std::string& k) {
      if (k == "a") ctl.notify("b");
    };
    ctl.notify("a");
    ctl.notify("b");
    CHECK(ctl.step() == 2);
    CHECK(ctl.step() == 0);
  }
  SUBCASE("requeue_after(0) runs in the next step, not again in this one") {
    f.script["a"] = {result::requeue_after(0s)};
    ctl.notify("a");
    CHECK(ctl.step() == 1);
    CHECK(ctl.step() == 1);
    CHECK(ctl.step() == 0);
  }
  SUBCASE("max_items caps a step; the rest wait for the next") {
    for (const char* k : {"a", "b", "c"}) ctl.notify(k);
    CHECK(ctl.step(2) == 2);
    CHECK(ctl.step(2) == 1);
  }
  SUBCASE("step inside a reconcile is refused: it returns 0") {
    std::size_t inner = 99;
    f.during = [&](const std::string&) { inner = ctl.step(); };
    ctl.notify("a");
    ctl.step();
    CHECK(inner == 0);
  }
}

TEST_CASE("controller::backoff") {
  fixture f;
  f.opts.backoff_base = 5ms;
  f.opts.backoff_max = 1000s;
  SUBCASE("failure n waits backoff_base * 2^(n-1), capped at backoff_max") {
    f.opts.backoff_max = 40ms;
    auto ctl = f.make();
    f.script["a"] = std::vector<result>(6, result::retry());
    ctl.notify("a");
    ctl.step();
    std::vector<duration> waits;
    for (int i = 0; i < 5; ++i) {
      duration waited = 0ms;
      while (ctl.step() == 0) {
        f.clock.advance(1ms);
        waited += 1ms;
      }
      waits.push_back(waited);
    }
    CHECK(waits == std::vector<duration>{5ms, 10ms, 20ms, 40ms, 40ms});
    CHECK(ctl.metrics().retries == 6);
  }
  SUBCASE("done() forgets the failures") {
    auto ctl = f.make();
    f.script["a"] = {result::retry(), result::retry(), result::done(), result::retry()};
    ctl.notify("a");
    ctl.step();
    f.clock.advance(5ms);
    ctl.step();
    f.clock.advance(10ms);
    ctl.step();  // done
    CHECK(ctl.failures("a") == 0);
    ctl.notify("a");
    ctl.step();  // fails: failure 1 again, 5 ms
    f.clock.advance(5ms);
    CHECK(ctl.step() == 1);
  }
  SUBCASE("requeue_after(d) forgets the failures and runs after d") {
    auto ctl = f.make();
    f.script["a"] = {result::retry(), result::retry(), result::requeue_after(1s), result::retry()};
    ctl.notify("a");
    ctl.step();
    f.clock.advance(5ms);
    ctl.step();
    f.clock.advance(10ms);
    ctl.step();  // requeue_after(1 s)
    CHECK(ctl.failures("a") == 0);
    f.clock.advance(999ms);
    CHECK(ctl.step() == 0);
    f.clock.advance(1ms);
    CHECK(ctl.step() == 1);  // fails: failure 1, 5 ms
    f.clock.advance(5ms);
    CHECK(ctl.step() == 1);
  }
  SUBCASE("an exception is a failure, counted as a panic, reported") {
    std::vector<std::string> reported;
    auto ctl = reconcile::controller<std::string>(f.opts, [&](const std::string& k) -> result {
      f.runs.emplace_back(k, f.clock.now());
      if (f.runs.size() == 1) throw std::runtime_error("boom");
      if (f.runs.size() == 2) throw 42;
      return result::done();
    });
    ctl.set_error_handler([&](const std::string& k, std::string_view what) { reported.push_back(k + ": " + std::string(what)); });
    ctl.notify("a");
    ctl.step();
    f.clock.advance(5ms);
    ctl.step();
    f.clock.advance(10ms);
    CHECK(ctl.step() == 1);
    CHECK(reported == std::vector<std::string>{"a: boom", "a: unknown exception"});
    auto m = ctl.metrics();
    CHECK(m.exceptions == 2);
    CHECK(m.reconcile_error == 2);
    CHECK(m.errors == 2);
    CHECK(m.reconcile_success == 1);
  }
  SUBCASE("terminal(msg): no retry, failures forgotten, message reported") {
    std::string reported;
    auto ctl = f.make();
    ctl.set_error_handler([&](const std::string&, std::string_view what) { reported = what; });
    f.script["a"] = {result::retry(), result::terminal("bad spec")};
    ctl.notify("a");
    ctl.step();
    f.clock.advance(5ms);
    ctl.step();
    f.clock.advance(1h);
    CHECK(ctl.step() == 0);
    CHECK(reported == "bad spec");
    CHECK(ctl.pending() == 0);
    auto m = ctl.metrics();
    CHECK(m.reconcile_terminal == 1);
    CHECK(m.errors == 2);
  }
  SUBCASE("jitter: delays shortened by up to the fraction, reproducible with a seed") {
    f.opts.backoff_jitter = 0.5;
    f.opts.seed = 42;
    auto measure = [&] {
      fixture g;
      g.opts = f.opts;
      g.opts.clock = &g.clock;
      auto ctl = g.make();
      g.script["a"] = std::vector<result>(8, result::retry());
      ctl.notify("a");
      ctl.step();
      std::vector<duration> waits;
      for (int i = 0; i < 7; ++i) {
        duration waited = 0ms;
        while (ctl.step() == 0) {
          g.clock.advance(100us);
          waited += 100us;
        }
        waits.push_back(waited);
      }
      return waits;
    };
    const auto a = measure(), b = measure();
    CHECK(a == b);
    bool shortened = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const duration full = 5ms * (1 << i);
      CHECK(a[i] <= full);
      CHECK(a[i] >= full / 2);
      shortened = shortened || a[i] < full;
    }
    CHECK(shortened);
  }
  SUBCASE("a global token bucket: the delay is the max of the limiters") {
    f.opts.bucket = {1.0, 1.0};  // one retry per second
    auto ctl = f.make();
    f.script["a"] = {result::retry()};
    f.script["b"] = {result::retry()};
    ctl.notify("a");
    ctl.notify("b");
    ctl.step();  // a takes the only token (5 ms backoff); b must wait 1 s for the next
    f.clock.advance(5ms);
    CHECK(f.keys().size() == 2);
    CHECK(ctl.step() == 1);
    f.clock.advance(994ms);
    CHECK(ctl.step() == 0);
    f.clock.advance(1ms);
    CHECK(ctl.step() == 1);
    CHECK(f.keys() == std::vector<std::string>{"a", "b", "a", "b"});
  }
}

TEST_CASE("controller::set_lister") {
  fixture f;
  f.opts.resync_period = 10s;
  f.opts.seed = 7;
  SUBCASE("lists every key at start, then every period with +-10% jitter") {
    auto ctl = f.make();
    ctl.set_lister([] { return std::vector<std::string>{"a", "b"}; });
    CHECK(ctl.step() == 2);
    std::vector<time_point> resyncs;
    for (int i = 0; i < 400; ++i) {  // 40 s in 100 ms ticks
      f.clock.advance(100ms);
      if (ctl.step() == 2) resyncs.push_back(f.clock.now());
    }
    REQUIRE(resyncs.size() >= 3);
    bool jittered = false;
    time_point last = t0;
    for (time_point r : resyncs) {
      CHECK(r - last >= 9s);
      CHECK(r - last <= 11s + 100ms);
      jittered = jittered || (r - last != 10s);
      last = r;
    }
    CHECK(jittered);
    // the same seed gives the same resync times
    fixture g;
    g.opts = f.opts;
    g.opts.clock = &g.clock;
    auto again = g.make();
    again.set_lister([] { return std::vector<std::string>{"a", "b"}; });
    again.step();
    std::vector<time_point> replay;
    for (int i = 0; i < 400; ++i) {
      g.clock.advance(100ms);
      if (again.step() == 2) replay.push_back(g.clock.now());
    }
    CHECK(replay == resyncs);
  }
  SUBCASE("an emit-style lister; resync does not move a pending run earlier") {
    f.opts.resync_period = 0s;
    auto ctl = f.make();
    ctl.notify_after("b", 5s);
    ctl.set_lister([](auto&& emit) {
      emit(std::string("a"));
      emit(std::string("b"));
    });
    CHECK(ctl.step() == 1);
    CHECK(f.keys() == std::vector<std::string>{"a"});
    f.clock.advance(5s);
    CHECK(ctl.step() == 1);
    f.clock.advance(1h);
    CHECK(ctl.step() == 0);  // period 0: listed once, at start
  }
  SUBCASE("resync keys run at low priority") {
    auto ctl = f.make();
    ctl.set_lister([] { return std::vector<std::string>{"r"}; });
    ctl.notify("n");
    ctl.step();
    CHECK(f.keys() == std::vector<std::string>{"n", "r"});
  }
}

TEST_CASE("controller::priority") {
  fixture f;
  f.opts.priority_ageing = 1s;
  SUBCASE("ageing: low priority is never starved by a stream of normal work (controller-runtime #3496)") {
    auto ctl = f.make();
    ctl.notify("low", priority::low);
    int tick = 0;
    for (; tick < 100; ++tick) {
      ctl.notify("n" + std::to_string(tick));
      ctl.notify("n" + std::to_string(tick) + "b");  // two new items per tick, one runs
      f.clock.advance(100ms);
      ctl.step(1);
      if (f.runs.back().first == "low") break;
    }
    // low sorts as if due at 1 s: it waits only for the 20 normal items due before that
    CHECK(tick == 20);
  }
  SUBCASE("strict priorities (ageing = max) starve it: the case ageing fixes") {
    f.opts.priority_ageing = duration::max();
    auto ctl = f.make();
    ctl.notify("low", priority::low);
    for (int tick = 0; tick < 100; ++tick) {
      ctl.notify("n" + std::to_string(tick));
      ctl.notify("n" + std::to_string(tick) + "b");
      f.clock.advance(100ms);
      ctl.step(1);
    }
    for (auto& r : f.runs) CHECK(r.first != "low");
  }
  SUBCASE("high priority goes first") {
    auto ctl = f.make();
    ctl.notify("a");
    ctl.notify("b", priority::high);
    ctl.step();
    CHECK(f.keys() == std::vector<std::string>{"b", "a"});
  }
}

TEST_CASE("controller::metrics") {
  fixture f;
  f.opts.workers = 3;
  auto ctl = f.make();
  SUBCASE("results, adds, depth and retries") {
    f.script["e"] = {result::retry()};
    f.script["r"] = {result::requeue_after(1s)};
    f.script["t"] = {result::terminal("no")};
    for (const char* k : {"s", "e", "r", "t", "s"}) ctl.notify(k);
    ctl.notify_after("later", 1h);
    auto m = ctl.metrics();
    CHECK(m.adds == 5);
    CHECK(m.depth == 4);
    CHECK(m.delayed == 1);
    CHECK(m.max_concurrent == 3);
    ctl.step();
    m = ctl.metrics();
    CHECK(m.reconcile_success == 1);
    CHECK(m.reconcile_error == 1);
    CHECK(m.reconcile_requeue_after == 1);
    CHECK(m.reconcile_terminal == 1);
    CHECK(m.reconciles() == 4);
    CHECK(m.errors == 2);
    CHECK(m.retries == 1);
    CHECK(m.depth == 0);
    CHECK(m.delayed == 3);  // e (backoff), r (requeue), later
    CHECK(m.reconcile_time.count == 4);
    CHECK(m.work_duration.count == 4);
    CHECK(m.queue_duration.count == 4);
  }
  SUBCASE("queue duration: from due to start") {
    ctl.notify_after("a", 1s);
    f.clock.advance(3s);  // due at 1 s, started at 3 s: waited 2 s
    ctl.step();
    auto m = ctl.metrics();
    CHECK(m.queue_duration.sum == doctest::Approx(2.0));
    CHECK(m.queue_duration.cumulative(8) == 0);  // not <= 1 s
    CHECK(m.queue_duration.cumulative(9) == 1);  // <= 10 s
  }
  SUBCASE("time to converge: first notify after done -> next done, across failures") {
    f.script["a"] = {result::retry(), result::retry()};
    ctl.notify("a");
    ctl.step();
    f.clock.advance(5ms);
    ctl.notify("a");  // deduped: the clock already runs
    ctl.step();
    f.clock.advance(10ms);
    ctl.step();  // done after 15 ms
    auto m = ctl.metrics();
    CHECK(m.time_to_converge.count == 1);
    CHECK(m.time_to_converge.sum == doctest::Approx(0.015));
    f.clock.advance(1h);
    ctl.notify("a");
    f.clock.advance(2s);
    ctl.step();
    m = ctl.metrics();
    CHECK(m.time_to_converge.count == 2);
    CHECK(m.time_to_converge.sum == doctest::Approx(2.015));
  }
  SUBCASE("reconcile time, active workers and longest running, seen from inside a reconcile") {
    reconcile::metrics inside;
    f.during = [&](const std::string&) {
      f.clock.advance(3s);
      inside = ctl.metrics();
    };
    ctl.notify("a");
    ctl.step();
    CHECK(inside.active_workers == 1);
    CHECK(inside.longest_running_seconds == doctest::Approx(3.0));
    CHECK(inside.unfinished_work_seconds == doctest::Approx(3.0));
    auto m = ctl.metrics();
    CHECK(m.active_workers == 0);
    CHECK(m.longest_running_seconds == 0.0);
    CHECK(m.reconcile_time.sum == doctest::Approx(3.0));
  }
}

TEST_CASE("controller::reserve") {
  SUBCASE("notify and step on a warm controller allocate nothing") {
    fixture f;
    f.opts.backoff_base = 1ms;
    int n = 0;
    reconcile::controller<std::string> ctl(f.opts, [&](const std::string&) {
      ++n;
      return n % 3 == 0 ? result::retry() : n % 3 == 1 ? result::done() : result::requeue_after(0s);
    });
    std::vector<std::string> keys;
    for (int i = 0; i < 100; ++i) keys.push_back("key/" + std::to_string(i));
    for (int round = 0; round < 3; ++round) {  // rounds 0 and 1 warm up
      reconcile::test::alloc_scope s;
      for (const auto& k : keys) ctl.notify(k);
      for (const auto& k : keys) ctl.notify_after(k, 1ms);
      while (ctl.pending() > 0) {
        ctl.step();
        f.clock.advance(1ms);
      }
      (void)ctl.metrics();
      if (round == 2) CHECK(s.count() == 0);
    }
    CHECK(n > 300);
  }
}

// Bugs found by translating client-go's and controller-runtime's tests (issue #15).
TEST_CASE("controller::bugs") {
  fixture f;
  SUBCASE("a key notified during its own reconcile reruns before keys notified after it (FIFO)") {
    auto ctl = f.make();
    f.during = [&](const std::string& k) {
      if (f.runs.size() == 1) {
        ctl.notify(k);
        ctl.notify("baz");
      }
    };
    ctl.notify("foo");
    ctl.step();
    ctl.step();
    CHECK(f.keys() == std::vector<std::string>{"foo", "foo", "baz"});
  }
  SUBCASE("strict priorities: a higher level runs first at every level") {
    f.opts.priority_ageing = duration::max();
    auto ctl = f.make();
    ctl.notify("five", priority(5));
    ctl.notify("ten", priority(10));
    ctl.step();
    CHECK(f.keys() == std::vector<std::string>{"ten", "five"});
  }
  SUBCASE("a finished key is not kept alive by the controller") {
    reconcile::controller<std::shared_ptr<int>> ctl(f.opts, [](const std::shared_ptr<int>&) { return result::done(); });
    auto p = std::make_shared<int>(1);
    std::weak_ptr<int> w = p;
    ctl.notify(p);
    p.reset();
    ctl.step();
    CHECK(w.expired());
  }
}

TEST_CASE("controller::result") {
  fixture f;
  f.opts.backoff_base = 1s;
  auto ctl = f.make();
  SUBCASE("requeue(): runs again after the rate limiter's delay; labelled requeue, not an error") {
    f.script["a"] = {result::requeue(), result::requeue()};
    ctl.notify("a");
    ctl.step();
    CHECK(ctl.failures("a") == 1);
    f.clock.advance(999ms);
    CHECK(ctl.step() == 0);
    f.clock.advance(1ms);
    CHECK(ctl.step() == 1);  // 1 s
    f.clock.advance(2s);
    CHECK(ctl.step() == 1);  // 2 s: it backs off
    const auto m = ctl.metrics();
    CHECK(m.reconcile_requeue == 2);
    CHECK(m.reconcile_success == 1);
    CHECK(m.errors == 0);
    CHECK(m.retries == 2);
    CHECK(ctl.failures("a") == 0);  // done() forgot them
  }
  SUBCASE("retry_after(d, error): an error and a requeue delay at once") {
    std::vector<std::string> errors;
    ctl.set_error_handler([&](const std::string& k, std::string_view what) { errors.push_back(k + ": " + std::string(what)); });
    f.script["a"] = {result::retry_after(30s, "quota exceeded")};
    ctl.notify("a");
    ctl.step();
    CHECK(errors == std::vector<std::string>{"a: quota exceeded"});
    CHECK(ctl.failures("a") == 1);  // counted, though the wait is the caller's
    f.clock.advance(29s);
    CHECK(ctl.step() == 0);  // not after the 1 s backoff
    f.clock.advance(1s);
    CHECK(ctl.step() == 1);
    const auto m = ctl.metrics();
    CHECK(m.reconcile_error == 1);
    CHECK(m.errors == 1);
  }
  SUBCASE("retry(error): backs off and reports the text") {
    std::string seen;
    ctl.set_error_handler([&](const std::string&, std::string_view what) { seen = what; });
    f.script["a"] = {result::retry("connection refused")};
    ctl.notify("a");
    ctl.step();
    CHECK(seen == "connection refused");
    CHECK(ctl.metrics().next_due == t0 + 1s);
  }
  SUBCASE("with_priority(p): the rerun runs at p") {
    f.opts.priority_ageing = duration::max();
    auto strict = f.make();
    f.script["a"] = {result::requeue_after(0s).with_priority(priority::high)};
    f.script["z"] = {result::requeue_after(0s).with_priority(priority::low)};
    strict.notify("a");
    strict.notify("z");
    strict.step();
    strict.notify("b");
    strict.notify("c");
    strict.step();
    CHECK(f.keys() == std::vector<std::string>{"a", "z", "a", "b", "c", "z"});
  }
  SUBCASE("result values compare, keep their parts") {
    const result r = result::retry_after(2s, "x").with_priority(priority::high);
    CHECK(r.kind() == reconcile::result_kind::retry);
    CHECK(r.has_after());
    CHECK(r.after() == 2s);
    CHECK(r.message() == "x");
    CHECK(r.rerun_priority() == priority::high);
    CHECK(r.failed());
    CHECK(r != result::retry("x"));
    CHECK_FALSE(result::requeue().failed());
  }
}

TEST_CASE("controller::run_context") {
  fixture f;
  SUBCASE("each run gets the next reconcile id, the key's failures and no deadline") {
    std::vector<std::uint64_t> ids;
    std::vector<std::uint32_t> failures;
    std::vector<std::pair<std::string, std::uint64_t>> reported;
    int n = 0;
    reconcile::controller<std::string> ctl(f.opts, [&](const std::string&, const reconcile::run_context& c) {
      ids.push_back(c.id().value);
      failures.push_back(c.failures());
      CHECK(c.deadline() == time_point::max());
      CHECK(c.started() == f.clock.now());
      CHECK_FALSE(c.stop_token().stop_possible());
      return ++n < 3 ? result::retry("boom") : result::done();
    });
    ctl.set_error_handler([&](const std::string& k, std::string_view, reconcile::reconcile_id id) {
      reported.emplace_back(k, id.value);
    });
    ctl.notify("a");
    for (int i = 0; i < 3; ++i) {
      ctl.step();
      f.clock.advance(1h);
    }
    CHECK(ids == std::vector<std::uint64_t>{1, 2, 3});
    CHECK(failures == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(reported == std::vector<std::pair<std::string, std::uint64_t>>{{"a", 1}, {"a", 2}});
  }
  SUBCASE("the stop_token overload still works") {
    int runs = 0;
    reconcile::controller<int> ctl(f.opts, [&](const int&, const std::stop_token& st) {
      ++runs;
      CHECK_FALSE(st.stop_requested());
      return result::done();
    });
    ctl.notify(1);
    CHECK(ctl.step() == 1);
    CHECK(runs == 1);
  }
}

TEST_CASE("controller::set_rate_limiter") {
  fixture f;
  SUBCASE("a composed limiter replaces the backoff options; done() forgets in it") {
    auto ctl = f.make();
    ctl.set_rate_limiter(reconcile::with_max_wait(
        reconcile::max_of(reconcile::item_fast_slow_limiter<std::string>(10ms, 1h, 2),
                          reconcile::item_exponential_limiter<std::string>(1ms, 1h)),
        30s));
    f.script["a"] = {result::retry(), result::retry(), result::retry(), result::requeue()};
    ctl.notify("a");
    std::vector<duration> waits;
    for (int i = 0; i < 4; ++i) {
      ctl.step();
      const auto m = ctl.metrics();
      waits.push_back(m.next_due - f.clock.now());
      f.clock.set(m.next_due);
    }
    CHECK(waits == std::vector<duration>{10ms, 10ms, 30s, 30s});
    ctl.step();  // done: forgets
    f.script["a"] = {result::retry()};
    ctl.notify("a");
    ctl.step();
    CHECK(ctl.metrics().next_due - f.clock.now() == 10ms);
  }
}

TEST_CASE("controller::metrics adds") {
  fixture f;
  SUBCASE("edge adds, resync adds, deduplicated notifies and resync passes are separate") {
    f.opts.resync_period = 10s;
    f.opts.resync_jitter = 0;
    auto ctl = f.make();
    ctl.set_lister([] { return std::vector<std::string>{"a", "b"}; });
    ctl.notify("a");
    ctl.notify("a");              // deduplicated
    ctl.notify_after("c", 1h);
    ctl.step();                   // resync: a deduplicated, b added
    f.clock.advance(10s);
    ctl.step();                   // second pass: a and b added
    const auto m = ctl.metrics();
    CHECK(m.edge_adds == 2);
    CHECK(m.resync_adds == 3);
    CHECK(m.adds == 5);
    CHECK(m.deduplicated == 2);
    CHECK(m.resync_passes == 2);
    CHECK(m.next_due == t0 + 1h);
    CHECK(m.taken_at == t0 + 10s);
  }
}

TEST_CASE("controller::shrink_to_fit") {
  SUBCASE("frees the pooled queue memory; the controller keeps working") {
    fixture f;
    auto ctl = f.make();
    for (int i = 0; i < 50; ++i) ctl.notify("k" + std::to_string(i));
    ctl.step();
    ctl.shrink_to_fit();
    ctl.notify("x");
    CHECK(ctl.step() == 1);
    CHECK(ctl.pending() == 0);
  }
}
