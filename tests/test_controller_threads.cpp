// Threaded tests of reconcile::controller::run (also built under TSan): waking, shutdown,
// drain, and a stress test with several workers and notifier threads.
#include <doctest/doctest.h>

#include <reconcile/controller.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using reconcile::result;

namespace {

// eventually(p, limit): polls p until it holds (true) or the real-time limit passes (false),
// so that a missing wake-up fails the test instead of hanging it.
template <class P>
bool eventually(P p, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!p()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(200us);
  }
  return true;
}

}  // namespace

TEST_CASE("manual_clock::advance") {
  SUBCASE("wakes a sleeper that read the old time but was not yet asleep (kubernetes #125581)") {
    // The sleeper holds its mutex from its time check to its wait, for 30 ms; advance() comes
    // in that window. It must wait for the mutex before notifying, or the wake-up is lost.
    reconcile::manual_clock clock;
    std::mutex m;
    std::condition_variable cv;
    reconcile::clock::waiter w{&m, &cv};
    clock.attach(w);
    std::atomic<bool> checked{false}, woke{false};
    bool give_up = false;
    std::thread sleeper([&] {
      std::unique_lock<std::mutex> lk(m);
      const auto deadline = clock.now() + 1s;
      const bool must_sleep = clock.now() < deadline;  // the decision, taken on the old time
      checked = true;
      std::this_thread::sleep_for(30ms);  // the race window, mutex held
      // no deadline passed down: only advance()'s notify can end this wait
      if (must_sleep && !give_up) clock.wait_until(lk, cv, reconcile::time_point::max());
      woke = true;
    });
    REQUIRE(eventually([&] { return checked.load(); }));
    clock.advance(1s);
    CHECK(eventually([&] { return woke.load(); }, 2000ms));
    {
      std::lock_guard<std::mutex> g(m);
      give_up = true;
    }
    cv.notify_all();
    sleeper.join();
    clock.detach(w);
  }
  SUBCASE("set() moves forward only") {
    reconcile::manual_clock clock(reconcile::time_point(10s));
    clock.set(reconcile::time_point(5s));
    CHECK(clock.now() == reconcile::time_point(10s));
    clock.set(reconcile::time_point(20s));
    CHECK(clock.now() == reconcile::time_point(20s));
    clock.advance(-5s);
    CHECK(clock.now() == reconcile::time_point(20s));
  }
}

TEST_CASE("controller::run") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  opts.workers = 2;
  std::atomic<int> runs{0};

  SUBCASE("advance() wakes workers sleeping until a delayed item") {
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      ++runs;
      return result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    ctl.notify_after("a", 10s);
    REQUIRE(eventually([&] { return clock.sleepers() == 2; }));
    clock.advance(9s);
    CHECK(eventually([&] { return clock.sleepers() == 2; }));
    CHECK(runs == 0);
    clock.advance(1s);
    CHECK(eventually([&] { return runs == 1; }));
  }

  SUBCASE("no wake-up is lost when advance() races a worker going to sleep (kubernetes #125581)") {
    reconcile::controller<int> ctl(opts, [&](const int&) {
      ++runs;
      return result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    for (int i = 0; i < 300; ++i) {
      ctl.notify_after(i, 1ms);
      clock.advance(1ms);  // no waiting for sleepers: races the worker's decision
      REQUIRE(eventually([&] { return runs == i + 1; }, 2000ms));
    }
  }

  SUBCASE("notify wakes an idle worker (real clock)") {
    opts.clock = nullptr;
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      ++runs;
      return result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    std::this_thread::sleep_for(5ms);
    ctl.notify("a");
    CHECK(eventually([&] { return runs == 1; }));
    ctl.notify_after("b", 20ms);
    CHECK(eventually([&] { return runs == 2; }));
  }

  SUBCASE("a notify during a reconcile runs the key exactly once more, afterwards") {
    std::atomic<bool> inside{false}, release{false}, overlap{false};
    std::atomic<int> active{0};
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      if (active.fetch_add(1) != 0) overlap = true;
      if (++runs == 1) {
        inside = true;
        while (!release) std::this_thread::sleep_for(100us);
      }
      active.fetch_sub(1);
      return result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    ctl.notify("a");
    REQUIRE(eventually([&] { return inside.load(); }));
    ctl.notify("a");
    ctl.notify("a");
    ctl.notify("a");
    release = true;
    CHECK(eventually([&] { return runs == 2; }));
    std::this_thread::sleep_for(20ms);
    CHECK(runs == 2);
    CHECK_FALSE(overlap);
  }

  SUBCASE("stop: no new item starts, the in-flight one finishes, then run returns") {
    opts.workers = 1;
    std::atomic<bool> inside{false}, release{false}, returned{false};
    std::vector<std::string> ran;
    reconcile::controller<std::string> ctl(opts, [&](const std::string& k) {
      ran.push_back(k);
      inside = true;
      while (!release) std::this_thread::sleep_for(100us);
      return result::done();
    });
    std::stop_source stop;
    std::thread runner([&] {
      ctl.run(stop.get_token());
      returned = true;
    });
    ctl.notify("a");
    REQUIRE(eventually([&] { return inside.load(); }));
    ctl.notify("b");
    stop.request_stop();
    std::this_thread::sleep_for(20ms);
    CHECK_FALSE(returned);  // waits for the in-flight reconcile
    release = true;
    runner.join();
    CHECK(ran == std::vector<std::string>{"a"});
    CHECK(ctl.pending() == 1);  // b is still queued for a later run() or step()
  }

  SUBCASE("drain_on_stop: due items run before run returns; delayed ones stay queued") {
    opts.workers = 1;
    opts.drain_on_stop = true;
    std::atomic<bool> inside{false}, release{false};
    std::vector<std::string> ran;
    reconcile::controller<std::string> ctl(opts, [&](const std::string& k) {
      ran.push_back(k);
      inside = true;
      while (!release) std::this_thread::sleep_for(100us);
      return result::done();
    });
    std::stop_source stop;
    std::thread runner([&] { ctl.run(stop.get_token()); });
    ctl.notify("a");
    REQUIRE(eventually([&] { return inside.load(); }));
    ctl.notify("b");
    ctl.notify("c");
    ctl.notify_after("later", 1h);
    stop.request_stop();
    release = true;
    runner.join();
    CHECK(ran == std::vector<std::string>{"a", "b", "c"});
    CHECK(ctl.pending() == 1);
  }

  SUBCASE("the drain gives up at shutdown_timeout: run never hangs") {
    opts.drain_on_stop = true;
    opts.shutdown_timeout = 100ms;
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      ++runs;
      return result::requeue_after(0s);  // endless work
    });
    std::stop_source stop;
    std::thread runner([&] { ctl.run(stop.get_token()); });
    ctl.notify("a");
    ctl.notify("b");
    REQUIRE(eventually([&] { return runs > 10; }));
    const auto t = std::chrono::steady_clock::now();
    stop.request_stop();
    runner.join();
    const auto took = std::chrono::steady_clock::now() - t;
    CHECK(took >= 90ms);
    CHECK(took < 3s);
  }

  SUBCASE("a reconciler taking the stop token can cut itself short") {
    reconcile::controller<std::string> ctl(opts, [&](const std::string&, const std::stop_token& st) {
      ++runs;
      while (!st.stop_requested()) std::this_thread::sleep_for(100us);
      return result::retry();
    });
    std::stop_source stop;
    std::thread runner([&] { ctl.run(stop.get_token()); });
    ctl.notify("a");
    REQUIRE(eventually([&] { return runs == 1; }));
    stop.request_stop();
    runner.join();
    CHECK(ctl.failures("a") == 1);
  }

  SUBCASE("stopped before it starts: run returns at once; it can run again later") {
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      ++runs;
      return result::done();
    });
    std::stop_source stopped;
    stopped.request_stop();
    ctl.notify("a");
    ctl.run(stopped.get_token());
    CHECK(runs == 0);
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    CHECK(eventually([&] { return runs == 1; }));
  }

  SUBCASE("resync wakes sleeping workers when its period is up") {
    opts.resync_period = 10s;
    opts.resync_jitter = 0.0;
    reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
      ++runs;
      return result::done();
    });
    ctl.set_lister([] { return std::vector<std::string>{"x"}; });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    REQUIRE(eventually([&] { return runs == 1 && clock.sleepers() == 2; }));
    clock.advance(10s);
    CHECK(eventually([&] { return runs == 2; }));
  }
}

TEST_CASE("controller::notify") {
  SUBCASE("stress: workers x notifier threads; never concurrent, nothing lost") {
    // Rounds of random notifies from several threads; after each round the queue must go
    // quiet with every key's last run started after its last notify. (A lost notify is masked
    // by a later notify of the same key, so each round's last notifies are what is checked.)
    constexpr int keys = 64, notifiers = 3, rounds = 25, per_round = 250;
    reconcile::options opts;  // real clock
    opts.workers = 4;
    opts.backoff_base = 20us;
    opts.backoff_max = 500us;
    std::array<std::atomic<int>, keys> active{};
    std::array<std::atomic<std::uint64_t>, keys> last_notify{}, last_start{};
    std::atomic<std::uint64_t> seq{0};
    std::atomic<long> runs{0};
    std::atomic<bool> overlap{false};
    auto store_max = [](std::atomic<std::uint64_t>& a, std::uint64_t v) {
      std::uint64_t cur = a.load();
      while (cur < v && !a.compare_exchange_weak(cur, v)) {
      }
    };
    reconcile::controller<int> ctl(opts, [&](const int& k) {
      if (active[std::size_t(k)].fetch_add(1) != 0) overlap = true;
      store_max(last_start[std::size_t(k)], seq.load());
      const long n = ++runs;
      if (n % 3 == 0) {  // some work, so that notifies land on running keys
        const auto until = std::chrono::steady_clock::now() + 20us;
        while (std::chrono::steady_clock::now() < until) {
        }
      }
      active[std::size_t(k)].fetch_sub(1);
      if (n % 11 == 0) return result::retry();
      if (n % 13 == 0) return result::requeue_after(50us);
      return result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    long notifies = 0;
    for (int round = 0; round < rounds; ++round) {
      {
        std::vector<std::jthread> producers;
        for (int p = 0; p < notifiers; ++p)
          producers.emplace_back([&, p] {
            std::uint64_t rng = 0x9e3779b97f4a7c15ULL;
            rng *= static_cast<std::uint64_t>(round * notifiers + p + 1);
            for (int i = 0; i < per_round; ++i) {
              rng ^= rng << 13;
              rng ^= rng >> 7;
              rng ^= rng << 17;
              const int k = int(rng % keys);
              store_max(last_notify[std::size_t(k)], ++seq);
              if (rng % 4 == 0)
                ctl.notify_after(k, std::chrono::microseconds(rng % 200));
              else
                ctl.notify(k);
              if (i % 2 == 0) std::this_thread::yield();  // let the workers keep up
            }
          });
      }
      notifies += notifiers * per_round;
      REQUIRE(eventually([&] { return ctl.pending() == 0; }, 5000ms));
      for (int k = 0; k < keys; ++k) {
        INFO("round ", round, ", key ", k);
        REQUIRE(last_start[std::size_t(k)].load() >= last_notify[std::size_t(k)].load());
      }
    }
    runner.request_stop();
    runner.join();
    CHECK_FALSE(overlap);
    const auto m = ctl.metrics();
    CHECK(m.reconciles() == std::uint64_t(runs.load()));
    CHECK(runs.load() <= notifies + long(m.retries + m.reconcile_requeue_after));
    CHECK(m.active_workers == 0);
    MESSAGE("stress: ", runs.load(), " reconciles for ", notifies, " notifies, ", m.retries, " retries");
  }
}

// Bugs found by translating client-go's and controller-runtime's tests (issue #15), with run().
TEST_CASE("controller::bugs") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  opts.workers = 1;
  SUBCASE("a key notified during its own reconcile reruns before keys notified after it (FIFO)") {
    std::mutex m;
    std::vector<std::string> ran;
    reconcile::controller<std::string>* self = nullptr;
    reconcile::controller<std::string> ctl(opts, [&](const std::string& k) {
      std::size_t n;
      {
        std::lock_guard<std::mutex> g(m);
        ran.push_back(k);
        n = ran.size();
      }
      if (n == 1) {
        self->notify(k);
        self->notify("baz");
      }
      return result::done();
    });
    self = &ctl;
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    ctl.notify("foo");
    REQUIRE(eventually([&] {
      std::lock_guard<std::mutex> g(m);
      return ran.size() == 3;
    }));
    runner.request_stop();
    runner.join();
    CHECK(ran == std::vector<std::string>{"foo", "foo", "baz"});
  }
  SUBCASE("strict priorities: a higher level runs first at every level") {
    opts.priority_ageing = reconcile::duration::max();
    std::mutex m;
    std::vector<int> ran;
    reconcile::controller<int> ctl(opts, [&](const int& k) {
      std::lock_guard<std::mutex> g(m);
      ran.push_back(k);
      return result::done();
    });
    for (int p : {3, 9, -4, 6, -8}) ctl.notify(p, reconcile::priority(p));
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    REQUIRE(eventually([&] {
      std::lock_guard<std::mutex> g(m);
      return ran.size() == 5;
    }));
    runner.request_stop();
    runner.join();
    CHECK(ran == std::vector<int>{9, 6, 3, -4, -8});
  }
  SUBCASE("a finished key is not kept alive by the controller") {
    opts.workers = 2;
    reconcile::controller<std::shared_ptr<int>> ctl(opts, [](const std::shared_ptr<int>&) { return result::done(); });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    std::vector<std::weak_ptr<int>> weak;
    for (int i = 0; i < 20; ++i) {
      auto p = std::make_shared<int>(i);
      weak.push_back(p);
      ctl.notify(p);
    }
    CHECK(eventually([&] {
      for (auto& w : weak)
        if (!w.expired()) return false;
      return true;
    }));
  }
}

TEST_CASE("controller::run misuse and shutdown") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  std::atomic<int> runs{0};
  reconcile::controller<int> ctl(opts, [&](const int&) {
    ++runs;
    return result::done();
  });
  SUBCASE("a second run() while one is active throws controller_error") {
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    REQUIRE(eventually([&] { return clock.sleepers() == 1; }));
    std::stop_source other;
    CHECK_THROWS_AS(ctl.run(other.get_token()), reconcile::controller_error);
    ctl.notify(1);  // the first run() is unharmed
    CHECK(eventually([&] { return runs == 1; }));
  }
  SUBCASE("notify after stop: kept, counted, run by the next run()") {
    {
      std::jthread runner([&](std::stop_token st) { ctl.run(st); });
      ctl.notify(1);
      REQUIRE(eventually([&] { return runs == 1; }));
    }  // stopped and joined
    CHECK(ctl.metrics().notifies_after_stop == 0);
    ctl.notify(2);
    ctl.notify(2);
    CHECK(ctl.metrics().notifies_after_stop == 2);
    CHECK(ctl.pending() == 1);
    std::jthread again([&](std::stop_token st) { ctl.run(st); });
    CHECK(eventually([&] { return runs == 2; }));
    ctl.notify(3);  // running again: not counted
    CHECK(eventually([&] { return runs == 3; }));
    CHECK(ctl.metrics().notifies_after_stop == 2);
  }
}

TEST_CASE("controller::wait_idle") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  opts.workers = 3;
  SUBCASE("returns once everything due at the clock's time has run") {
    std::atomic<int> runs{0};
    reconcile::controller<int> ctl(opts, [&](const int& k) {
      ++runs;
      return k < 10 ? result::requeue_after(std::chrono::seconds(k)) : result::done();
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    for (int k = 1; k <= 20; ++k) ctl.notify(k);
    ctl.wait_idle();
    CHECK(runs == 20);
    clock.advance(std::chrono::seconds(5));  // keys 1..5 are due again
    ctl.wait_idle();
    CHECK(runs == 25);
    const auto m = ctl.metrics();
    CHECK(m.next_due == reconcile::time_point(std::chrono::seconds(6)));
    CHECK(m.active_workers == 0);
  }
  SUBCASE("without run(), due items keep it waiting: wait_idle_for gives up") {
    reconcile::controller<int> ctl(opts, [&](const int&) { return result::done(); });
    CHECK(ctl.wait_idle_for(std::chrono::milliseconds(1)));
    ctl.notify(1);
    CHECK_FALSE(ctl.wait_idle_for(std::chrono::milliseconds(20)));
    ctl.step();
    CHECK(ctl.wait_idle_for(std::chrono::milliseconds(1)));
  }
}

TEST_CASE("controller::reconcile_timeout") {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  opts.reconcile_timeout = std::chrono::seconds(10);
  SUBCASE("run(): the token stops when the clock passes the deadline; counted") {
    std::atomic<bool> inside{false}, saw_stop{false};
    reconcile::controller<int> ctl(opts, [&](const int&, const reconcile::run_context& c) {
      CHECK(c.deadline() == c.started() + std::chrono::seconds(10));
      inside = true;
      while (!c.stop_token().stop_requested()) std::this_thread::sleep_for(100us);
      saw_stop = true;
      return result::retry("timed out");
    });
    std::jthread runner([&](std::stop_token st) { ctl.run(st); });
    ctl.notify(1);
    REQUIRE(eventually([&] { return inside.load(); }));
    clock.advance(std::chrono::seconds(9));
    std::this_thread::sleep_for(5ms);
    CHECK_FALSE(saw_stop);
    clock.advance(std::chrono::seconds(1));
    CHECK(eventually([&] { return saw_stop.load(); }));
    CHECK(eventually([&] { return ctl.metrics().reconcile_error == 1; }));
    CHECK(ctl.metrics().timeouts == 1);
  }
  SUBCASE("step(): the stop_token overload sees the timeout too; the next run gets a fresh token") {
    int runs = 0;
    reconcile::controller<int> ctl(opts, [&](const int&, const std::stop_token& st) {
      ++runs;
      CHECK_FALSE(st.stop_requested());
      if (runs == 1) {
        clock.advance(std::chrono::seconds(11));
        CHECK(eventually([&] { return st.stop_requested(); }));
      }
      return result::done();
    });
    ctl.notify(1);
    ctl.step();
    ctl.notify(1);
    ctl.step();
    CHECK(runs == 2);
    CHECK(ctl.metrics().timeouts == 1);
  }
  SUBCASE("run()'s shutdown stops the token of a running reconcile, not counted as a timeout") {
    std::atomic<bool> inside{false};
    reconcile::controller<int> ctl(opts, [&](const int&, const std::stop_token& st) {
      inside = true;
      while (!st.stop_requested()) std::this_thread::sleep_for(100us);
      return result::done();
    });
    {
      std::jthread runner([&](std::stop_token st) { ctl.run(st); });
      ctl.notify(1);
      REQUIRE(eventually([&] { return inside.load(); }));
    }
    CHECK(ctl.metrics().timeouts == 0);
    CHECK(ctl.metrics().reconcile_success == 1);
  }
}
