// reconcile/control/filters.hpp: debounced<T> by count and by time, the hysteresis switch,
// and requeue_if_stale; random noise against a reference model of each.
#include <reconcile/clock.hpp>
#include <reconcile/control/filters.hpp>
#include <reconcile/error.hpp>
#include <reconcile/result.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <random>
#include <string>

using namespace std::chrono_literals;
using reconcile::control::debounced;
using reconcile::control::hysteresis_switch;

namespace {
reconcile::time_point at(reconcile::duration d) { return reconcile::time_point{} + d; }
}  // namespace

TEST_CASE("debounced::update") {
  SUBCASE("by count: a value counts once seen n times in a row") {
    debounced<std::string> phase("running", 3);
    CHECK(phase.update("failed", at(0s)) == "running");
    CHECK(phase.pending());
    CHECK(phase.update("failed", at(1s)) == "running");
    CHECK(phase.update("failed", at(2s)) == "failed");
    CHECK_FALSE(phase.pending());
  }
  SUBCASE("by count: an interruption starts the count again") {
    debounced<int> v(0, 2);
    CHECK(v.update(1, at(0s)) == 0);
    CHECK(v.update(0, at(1s)) == 0);  // back to the stable value
    CHECK(v.update(1, at(2s)) == 0);
    CHECK(v.update(2, at(3s)) == 0);  // another candidate
    CHECK(v.update(2, at(4s)) == 2);
  }
  SUBCASE("by time: a value counts once it lasted the hold") {
    debounced<bool> healthy(true, 10s);
    CHECK(healthy.update(false, at(0s)) == true);
    CHECK(healthy.update(false, at(9s)) == true);
    CHECK(healthy.update(false, at(10s)) == false);
    CHECK(healthy.update(true, at(11s)) == false);
    CHECK(healthy.update(true, at(21s)) == true);
  }
  SUBCASE("one observation is enough with n = 1, and with a zero hold") {
    debounced<int> a(0, 1);
    CHECK(a.update(5, at(0s)) == 5);
    debounced<int> b(0, 0s);
    CHECK(b.update(5, at(0s)) == 5);
  }
  SUBCASE("a negative hold is refused") {
    CHECK_THROWS_AS(debounced<int>(0, -1s), reconcile::error);
  }
  SUBCASE("random noise: the output changes only to a value seen n times in a row") {
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
      const std::uint32_t n = 1 + static_cast<std::uint32_t>(rng() % 5);
      debounced<int> v(0, n);
      std::deque<int> last;  // the last n raw values
      int out = 0;
      for (int k = 0; k < 300; ++k) {
        const int raw = static_cast<int>(rng() % 3);
        last.push_back(raw);
        if (last.size() > n) last.pop_front();
        const int now = v.update(raw, at(std::chrono::seconds(k)));
        if (now != out) {
          REQUIRE(now == raw);
          REQUIRE(last.size() == n);
          for (int x : last) REQUIRE(x == raw);
        }
        out = now;
      }
    }
  }
}

TEST_CASE("hysteresis_switch::update") {
  SUBCASE("on above high, off below low, unchanged in between") {
    hysteresis_switch s(5, 20);
    CHECK_FALSE(s.update(10));
    CHECK_FALSE(s.update(20));
    CHECK(s.update(21));
    CHECK(s.update(10));
    CHECK(s.update(5));
    CHECK_FALSE(s.update(4.9));
    CHECK_FALSE(s.update(19));
  }
  SUBCASE("constexpr") {
    constexpr bool on = [] {
      hysteresis_switch s(1, 2);
      s.update(3);
      return s.update(1.5);
    }();
    static_assert(on);
  }
  SUBCASE("low above high is refused") {
    CHECK_THROWS_WITH_AS(hysteresis_switch(3, 2), doctest::Contains("hysteresis_switch.low"), reconcile::error);
  }
  SUBCASE("noise around one threshold: the band removes nearly every flip") {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> noise(0, 1);
    hysteresis_switch banded(7, 13);  // 3 sigma either side of 10
    hysteresis_switch single(10, 10);
    int banded_flips = 0, single_flips = 0;
    bool banded_was = false, single_was = false;
    for (int k = 0; k < 10000; ++k) {
      const double x = 10 + noise(rng);
      const bool b = banded.update(x), s = single.update(x);
      banded_flips += b != banded_was ? 1 : 0;
      single_flips += s != single_was ? 1 : 0;
      banded_was = b;
      single_was = s;
    }
    // P(x > 13) = P(x < 7) = 0.00135: about 13 flips in 10,000 samples; a single threshold
    // flips on about half of them.
    CHECK(banded_flips <= 30);
    CHECK(single_flips > 3000);
  }
}

TEST_CASE("requeue_if_stale") {
  const auto fresh = reconcile::control::requeue_if_stale(at(10s), at(15s), 30s, 2s);
  CHECK_FALSE(fresh.has_value());
  const auto old = reconcile::control::requeue_if_stale(at(10s), at(41s), 30s, 2s);
  REQUIRE(old.has_value());
  CHECK(*old == reconcile::result::requeue_after(2s));
  CHECK_FALSE(reconcile::control::requeue_if_stale(at(10s), at(40s), 30s, 2s).has_value());  // exactly at the bound
}
