// reconcile/control/autoscaler.hpp: the Kubernetes HPA's documented behaviours as cases
// (the replica formula, tolerance, stabilisation windows, rate policies and selectPolicy,
// min/max, missing and not-ready metrics), random loads against the bounds and the policies,
// and no allocation in the steady state.
#include "support/alloc_counter.hpp"

#include <reconcile/control/autoscaler.hpp>
#include <reconcile/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <vector>

RECONCILE_DEFINE_ALLOC_COUNTER();

using namespace std::chrono_literals;
using reconcile::control::autoscaler;
using reconcile::control::autoscaler_options;
using reconcile::control::policy_unit;
using reconcile::control::replica_metric;
using reconcile::control::replica_state;
using reconcile::control::scale_limit;
using reconcile::control::scaling_rules;
using reconcile::control::select_policy;

namespace {

reconcile::time_point at(std::chrono::seconds s) { return reconcile::time_point{} + s; }

// target 100 per replica, 1..100 replicas, HPA defaults otherwise.
autoscaler_options hpa() {
  autoscaler_options o;
  o.target = 100;
  o.min_replicas = 1;
  o.max_replicas = 100;
  return o;
}
// The same, without the scale-down window (so that a case sees the calculator alone).
autoscaler_options no_windows() {
  autoscaler_options o = hpa();
  o.scale_down.stabilization_window = 0s;
  return o;
}

std::vector<replica_metric> replicas(std::initializer_list<replica_metric> l) { return l; }
constexpr replica_metric missing{0, replica_state::missing};
constexpr replica_metric not_ready{0, replica_state::not_ready};

}  // namespace

TEST_CASE("autoscaler::recommend") {
  SUBCASE("desired = ceil(current * metric / target)") {
    autoscaler a(no_windows());
    CHECK(a.recommend(3, 200.0, at(0s)).replicas == 6);
    CHECK(a.recommend(6, 55.0, at(15s)).replicas == 4);  // ceil(3.3)
    CHECK(a.recommend(4, 100.0, at(30s)).replicas == 4);
  }
  SUBCASE("inside the 10 % tolerance nothing changes") {
    autoscaler a(no_windows());
    CHECK(a.recommend(10, 109.0, at(0s)).replicas == 10);
    CHECK(a.recommend(10, 91.0, at(15s)).replicas == 10);
    CHECK(a.recommend(10, 111.0, at(30s)).replicas == 12);  // ceil(11.1)
    autoscaler_options o = no_windows();
    o.tolerance = 0.2;
    autoscaler wide(o);
    CHECK(wide.recommend(10, 119.0, at(0s)).replicas == 10);
  }
  SUBCASE("scale-down waits for the highest recommendation of the last 300 s") {
    autoscaler a(hpa());
    CHECK(a.recommend(10, 100.0, at(0s)).replicas == 10);
    const auto d = a.recommend(10, 40.0, at(15s));  // raw 4: held at 10
    CHECK(d.replicas == 10);
    CHECK(d.recommended == 4);
    CHECK(d.limited_by == scale_limit::stabilization);
    CHECK(a.recommend(10, 80.0, at(100s)).replicas == 10);   // raw 8 joins the window
    CHECK(a.recommend(10, 40.0, at(299s)).replicas == 10);   // 0 s's 10 is still inside
    CHECK(a.recommend(10, 40.0, at(301s)).replicas == 8);    // highest left: 100 s's 8
    CHECK(a.recommend(8, 50.0, at(401s)).replicas == 4);     // 8 has left the window
  }
  SUBCASE("a new autoscaler does not scale down at once (its window starts at the current count)") {
    autoscaler a(hpa());
    CHECK(a.recommend(10, 10.0, at(0s)).replicas == 10);
    CHECK(a.recommend(10, 10.0, at(301s)).replicas == 1);
  }
  SUBCASE("scale-up has no window by default: at once") {
    autoscaler a(hpa());
    CHECK(a.recommend(4, 150.0, at(0s)).replicas == 6);
  }
  SUBCASE("a scale-up window takes the lowest recommendation in it") {
    autoscaler_options o = hpa();
    o.scale_up.stabilization_window = 60s;
    autoscaler a(o);
    CHECK(a.recommend(4, 100.0, at(0s)).replicas == 4);
    CHECK(a.recommend(4, 200.0, at(15s)).replicas == 4);   // 0 s's 4 is in the window
    CHECK(a.recommend(4, 150.0, at(61s)).replicas == 6);   // lowest of {8, 6}
  }
  SUBCASE("default scale-up policies: the larger of +100 % and +4 per 15 s") {
    autoscaler a(hpa());
    const auto d = a.recommend(2, 1000.0, at(0s));
    CHECK(d.replicas == 6);  // max(2 * 2, 2 + 4)
    CHECK(d.limited_by == scale_limit::rate);
    CHECK(a.recommend(6, 1000.0, at(5s)).replicas == 6);    // the period began at 2
    CHECK(a.recommend(6, 1000.0, at(16s)).replicas == 12);  // max(12, 10)
  }
  SUBCASE("selectPolicy Min takes the policy allowing the least change; Disabled allows none") {
    autoscaler_options o = hpa();
    o.scale_up.select = select_policy::min;
    autoscaler least(o);
    CHECK(least.recommend(2, 1000.0, at(0s)).replicas == 4);  // min(2 * 2, 2 + 4)
    o.scale_up.select = select_policy::disabled;
    autoscaler none(o);
    CHECK(none.recommend(2, 1000.0, at(0s)).replicas == 2);
    CHECK(none.recommend(2, 1000.0, at(0s)).limited_by == scale_limit::rate);
  }
  SUBCASE("a scale-down policy counts from the count at the period's start") {
    autoscaler_options o = no_windows();
    o.scale_down = scaling_rules{}.with({policy_unit::percent, 50, 60s});
    autoscaler a(o);
    CHECK(a.recommend(10, 10.0, at(0s)).replicas == 5);
    CHECK(a.recommend(5, 10.0, at(30s)).replicas == 5);  // 10 at the period's start: 5 is the floor
    CHECK(a.recommend(5, 10.0, at(61s)).replicas == 2);  // int(5 * 0.5)
    o.scale_down = scaling_rules{}.with({policy_unit::pods, 3, 60s});
    autoscaler by_pods(o);
    CHECK(by_pods.recommend(10, 10.0, at(0s)).replicas == 7);
  }
  SUBCASE("min and max bound the result; a count outside them is brought back at once") {
    autoscaler_options o = no_windows();
    o.min_replicas = 3;
    o.max_replicas = 8;
    autoscaler a(o);
    auto d = a.recommend(6, 1000.0, at(0s));
    CHECK(d.replicas == 8);
    CHECK(d.limited_by == scale_limit::max_replicas);
    d = a.recommend(8, 1.0, at(15s));
    CHECK(d.replicas == 3);
    CHECK(d.limited_by == scale_limit::min_replicas);
    CHECK(a.recommend(12, 100.0, at(30s)).replicas == 8);
    CHECK(a.recommend(1, 100.0, at(45s)).replicas == 3);
  }
  SUBCASE("zero replicas: autoscaling is off") {
    autoscaler a(hpa());
    const auto d = a.recommend(0, 500.0, at(0s));
    CHECK(d.replicas == 0);
    CHECK(d.limited_by == scale_limit::disabled);
  }
}

TEST_CASE("autoscaler::recommend with missing and not-ready metrics") {
  SUBCASE("missing metrics count at 0 on a scale-up: here that keeps the count") {
    autoscaler a(no_windows());
    const auto m = replicas({{200}, {200}, missing, missing});
    CHECK(a.recommend(4, m, at(0s)).replicas == 4);  // (200 + 200 + 0 + 0) / 4 = target
  }
  SUBCASE("missing metrics count at the target on a scale-down: a smaller step") {
    autoscaler a(no_windows());
    const auto m = replicas({{20}, {20}, missing, missing});
    CHECK(a.recommend(4, m, at(0s)).replicas == 3);  // ceil(4 * (20 + 20 + 100 + 100) / 400), not 1
  }
  SUBCASE("not-ready replicas count at 0 on a scale-up; a reversal keeps the count") {
    autoscaler a(no_windows());
    CHECK(a.recommend(4, replicas({{150}, {150}, not_ready, not_ready}), at(0s)).replicas == 4);
    CHECK(a.recommend(4, replicas({{300}, {300}, not_ready, not_ready}), at(15s)).replicas == 6);
  }
  SUBCASE("not-ready replicas are left out of a scale-down") {
    autoscaler a(no_windows());
    CHECK(a.recommend(4, replicas({{50}, {50}, not_ready, not_ready}), at(0s)).replicas == 1);
  }
  SUBCASE("no ready metric at all: the count is kept") {
    autoscaler a(no_windows());
    const auto d = a.recommend(5, replicas({missing, not_ready}), at(0s));
    CHECK(d.replicas == 5);
    CHECK(d.limited_by == scale_limit::no_metrics);
  }
  SUBCASE("every replica ready: the same as the average") {
    autoscaler a(no_windows());
    autoscaler b(no_windows());
    CHECK(a.recommend(3, replicas({{100}, {200}, {300}}), at(0s)).replicas ==
          b.recommend(3, 200.0, at(0s)).replicas);
  }
}

TEST_CASE("autoscaler options") {
  autoscaler_options o = hpa();
  o.max_replicas = 0;
  CHECK_THROWS_WITH_AS(autoscaler{o}, doctest::Contains("autoscaler_options.max_replicas"), reconcile::error);
  o = hpa();
  o.target = 0;
  CHECK_THROWS_WITH_AS(autoscaler{o}, doctest::Contains("autoscaler_options.target"), reconcile::error);
  o = hpa();
  o.scale_down = scaling_rules{};
  CHECK_THROWS_WITH_AS(autoscaler{o}, doctest::Contains("scale_down.policies"), reconcile::error);
  CHECK_THROWS_AS(scaling_rules{}.with({}).with({}).with({}).with({}).with({}), reconcile::error);
  autoscaler a(hpa());
  CHECK_THROWS_AS(a.recommend(-1, 1.0, at(0s)), reconcile::error);
}

TEST_CASE("autoscaler properties") {
  std::mt19937_64 rng(1919);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    autoscaler_options o;
    o.target = 10 + 100 * unit(rng);
    o.min_replicas = 1 + static_cast<std::int32_t>(5 * unit(rng));
    o.max_replicas = o.min_replicas + static_cast<std::int32_t>(50 * unit(rng));
    const std::int32_t up_pods = 1 + static_cast<std::int32_t>(5 * unit(rng));
    const std::int32_t down_pods = 1 + static_cast<std::int32_t>(5 * unit(rng));
    o.scale_up = scaling_rules{}.with({policy_unit::pods, up_pods, 60s});
    o.scale_down = scaling_rules{}.with({policy_unit::pods, down_pods, 60s});
    o.scale_down.stabilization_window = std::chrono::seconds(static_cast<int>(300 * unit(rng)));
    autoscaler a(o);
    std::int32_t current = o.min_replicas;
    std::vector<std::pair<int, std::int32_t>> changes;  // (second, change)
    for (int t = 0; t < 3600; t += 15) {
      const double load = o.target * current * (0.2 + 2 * unit(rng));  // total load
      const auto d = a.recommend(current, load / current, at(std::chrono::seconds(t)));
      REQUIRE(d.replicas >= o.min_replicas);
      REQUIRE(d.replicas <= o.max_replicas);
      // A step up (down) ends at most up_pods above (down_pods below) the count at the start
      // of the last 60 s, i.e. the current count less the changes made since (as the HPA counts).
      std::int32_t since = 0;
      for (const auto& [when, change] : changes)
        if (when > t - 60) since += change;
      if (d.replicas > current) REQUIRE(d.replicas - (current - since) <= up_pods);
      if (d.replicas < current) REQUIRE(d.replicas - (current - since) >= -down_pods);
      if (d.replicas != current) changes.push_back({t, d.replicas - current});
      current = d.replicas;
    }
  }
}

TEST_CASE("autoscaler allocation") {
  autoscaler a(hpa());  // 300 s window at 15 s samples: 20 recommendations kept
  std::int32_t current = 10;
  for (int t = 0; t < 600; t += 15) current = a.recommend(current, 80.0 + t % 45, at(std::chrono::seconds(t))).replicas;
  reconcile::test::alloc_scope s;
  for (int t = 600; t < 6000; t += 15) current = a.recommend(current, 80.0 + t % 45, at(std::chrono::seconds(t))).replicas;
  CHECK(s.count() == 0);
  CHECK(current >= 1);
}
