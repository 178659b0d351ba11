// reconcile/control/observation_filter.hpp: the debounce, hysteresis and stale_after rules in
// the DSL (they compose with the other rules and leave plain equal/diff alone), the filter's
// masking, holding and requeueing, a controller driven by step() on noisy observations, and
// no allocation once warm.
#include "support/alloc_counter.hpp"

#include <reconcile/controller.hpp>
#include <reconcile/control/observation_filter.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

RECONCILE_DEFINE_ALLOC_COUNTER();

using namespace std::chrono_literals;

namespace filtered {

struct Pool {
  std::string phase = "running";
  int workers = 0;
  double latency_ms = 0;
  reconcile::time_point observed_at{};
};

constexpr auto reconcile_rules(reconcile::type_t<Pool>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Pool::phase> | debounce(3),
                          field<&Pool::workers> | debounce(10s),
                          field<&Pool::latency_ms> | tolerance(0.5) | hysteresis(5, 20),
                          field<&Pool::observed_at> | stale_after(30s));
}

struct Plain {
  double x = 0;
  int n = 0;
};

// Rules on nested structs: Health's own (ADL), and a vendor type's through rules_of.
struct Health {
  std::string phase = "running";
  double load = 0;
  reconcile::time_point at{};
};

constexpr auto reconcile_rules(reconcile::type_t<Health>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Health::phase> | debounce(2), field<&Health::load> | hysteresis(1, 3),
                          field<&Health::at> | stale_after(10s));
}

}  // namespace filtered

namespace vendor {  // a namespace that is not ours: its rules come through rules_of
struct Gauge {
  double value = 0;
  int generation = 0;
};
}  // namespace vendor

template <>
struct reconcile::rules_of<vendor::Gauge> {
  static constexpr auto value = reconcile::rules(dsl::field<&vendor::Gauge::value> | dsl::hysteresis(1, 4));
};

namespace filtered {

struct Node {
  std::string name;
  Health health;
};

struct Fleet {
  Node a;
  Node b;
  vendor::Gauge gauge;
  int size = 0;
};

constexpr auto reconcile_rules(reconcile::type_t<Fleet>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Fleet::size> | debounce(3));
}

// A debounced text with a compare rule of its own (case-insensitive, and "?", unknown, equal
// to nothing, itself included): the filter's no-op check must use the rule, not a byte compare.
struct Named {
  std::string text;
  std::string label;
};

constexpr bool same_label(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a == "?") return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

constexpr auto reconcile_rules(reconcile::type_t<Named>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Named::text> | debounce(2),
                          field<&Named::label> | compare(same_label) | debounce(2));
}

}  // namespace filtered

using filtered::Fleet;
using filtered::Named;
using filtered::Plain;
using filtered::Pool;
using reconcile::control::observation_filter;

namespace {
reconcile::time_point at(reconcile::duration d) { return reconcile::time_point{} + d; }
}  // namespace

TEST_CASE("dsl::debounce / hysteresis / stale_after") {
  SUBCASE("plain equal and diff ignore them, and ignore the time stamp field") {
    Pool a, b;
    b.observed_at = at(99s);
    CHECK(reconcile::equal(a, b));
    b.latency_ms = 0.4;  // the tolerance still applies
    CHECK(reconcile::equal(a, b));
    b.phase = "failed";
    CHECK(reconcile::diff(a, b).size() == 1);
  }
  SUBCASE("they compose with the other rules in either order") {
    using namespace reconcile::dsl;
    constexpr auto r1 = reconcile::rules(field<&Plain::x> | hysteresis(1, 2) | tolerance(0.5));
    constexpr auto r2 = reconcile::rules(field<&Plain::x> | tolerance(0.5) | hysteresis(1, 2) | debounce(2));
    constexpr auto r3 = reconcile::rules(field<&Plain::n> | debounce(2) | immutable);
    Plain a{1.0, 1}, b{1.4, 1};
    CHECK(reconcile::equal(a, b, r1));
    CHECK(reconcile::equal(a, b, r2));
    using n_rule = std::remove_cvref_t<decltype(std::get<0>(r3.entries))>;
    CHECK((n_rule::flags & reconcile::detail::f_immutable) != 0);
    CHECK(std::get<0>(r2.entries).observe.debounce_count == 2);
    CHECK(std::get<0>(r2.entries).observe.high == 2);
  }
  SUBCASE("bad arguments are refused") {
    CHECK_THROWS_AS(reconcile::dsl::hysteresis(3, 2), reconcile::error);
    CHECK_THROWS_AS(reconcile::dsl::stale_after(-1s), reconcile::error);
  }
}

TEST_CASE("observation_filter::observe") {
  observation_filter<Pool> filter;
  Pool desired;
  desired.workers = 4;
  desired.latency_ms = 50;
  Pool seen = desired;
  auto observe_at = [&](reconcile::duration t) -> const Pool& {
    seen.observed_at = at(t);
    return filter.observe(seen, desired, at(t));
  };

  SUBCASE("debounce(3): a difference shows on its third observation in a row") {
    seen.phase = "failed";
    CHECK(observe_at(0s).phase == "running");
    CHECK(filter.held() == 1);
    CHECK(filter.requeue(15s) == reconcile::result::requeue_after(15s));
    CHECK(observe_at(15s).phase == "running");
    CHECK(observe_at(30s).phase == "failed");
    CHECK(filter.held() == 0);
    CHECK_FALSE(filter.requeue(15s).has_value());
  }
  SUBCASE("debounce(3): a blip between them starts the count again") {
    seen.phase = "failed";
    observe_at(0s);
    observe_at(1s);
    seen.phase = "running";
    observe_at(2s);
    seen.phase = "failed";
    CHECK(observe_at(3s).phase == "running");
    CHECK(observe_at(4s).phase == "running");
    CHECK(observe_at(5s).phase == "failed");
  }
  SUBCASE("debounce(10s): requeued for when the time runs out") {
    seen.workers = 2;
    CHECK(observe_at(0s).workers == 4);
    CHECK(filter.requeue(15s) == reconcile::result::requeue_after(10s));
    CHECK(observe_at(4s).workers == 4);
    CHECK(filter.requeue(15s) == reconcile::result::requeue_after(6s));
    CHECK(observe_at(10s).workers == 2);
  }
  SUBCASE("hysteresis(5, 20): act above 20 away from desired, until within 5") {
    seen.latency_ms = 60;
    CHECK(observe_at(0s).latency_ms == 50);  // 10 away: inside the band
    CHECK(filter.held() == 0);               // not held: nothing to come back for
    seen.latency_ms = 71;
    CHECK(observe_at(1s).latency_ms == 71);
    seen.latency_ms = 60;
    CHECK(observe_at(2s).latency_ms == 60);  // still acting: not yet within 5
    seen.latency_ms = 54;
    CHECK(observe_at(3s).latency_ms == 50);  // within 5: stops
    seen.latency_ms = 60;
    CHECK(observe_at(4s).latency_ms == 50);
  }
  SUBCASE("stale_after(30s): an old observation is not acted on; requeue") {
    seen.phase = "failed";
    seen.workers = 9;
    seen.observed_at = at(0s);
    const Pool& out = filter.observe(seen, desired, at(31s));
    CHECK(filter.stale());
    CHECK(reconcile::equal(out, desired));
    CHECK(filter.requeue(5s) == reconcile::result::requeue_after(5s));
    seen.observed_at = at(31s);
    CHECK(filter.observe(seen, desired, at(31s)).phase == "running");
    CHECK_FALSE(filter.stale());
    CHECK(filter.held() == 2);  // phase and workers, counting
    seen.observed_at = at(32s);
    CHECK(filter.observe(seen, desired, at(32s)).phase == "running");  // 2 of 3: the stale one did not count
    seen.observed_at = at(33s);
    CHECK(filter.observe(seen, desired, at(33s)).phase == "failed");
  }
  SUBCASE("nothing held back: observed itself, not a copy") {
    seen.phase = "failed";
    seen.observed_at = at(0s);
    Pool other = desired;
    other.phase = "failed";
    other.observed_at = at(0s);
    CHECK(filter.observe(seen, other, at(0s)).phase == "failed");  // no difference: observed itself
    CHECK(&filter.observe(seen, other, at(0s)) == &seen);
  }
  SUBCASE("reset() forgets the counts") {
    seen.phase = "failed";
    observe_at(0s);
    observe_at(1s);
    CHECK(filter.held() == 1);
    filter.reset();
    CHECK(filter.held() == 0);
    CHECK_FALSE(filter.requeue(15s).has_value());
    CHECK(observe_at(2s).phase == "running");
  }
  SUBCASE("no allocation once warm") {
    seen.phase = "failed";
    observe_at(0s);
    reconcile::test::alloc_scope s;
    for (int k = 1; k < 100; ++k) observe_at(std::chrono::seconds(k));
    CHECK(s.count() == 0);
  }
  SUBCASE("the no-op path (as desired, nothing counting) keeps every count, state and report") {
    const auto quiet_for = [&](int from, int to) {  // observations as desired: observed itself
      bool all = true;
      for (int k = from; k < to; ++k) {
        const Pool& out = observe_at(std::chrono::seconds(k));
        all = all && &out == &seen && filter.held() == 0 && !filter.stale() && !filter.requeue(15s).has_value();
      }
      return all;
    };
    CHECK(quiet_for(0, 100));
    // A debounce starts counting from one after the quiet run, and ends it on its third.
    seen.phase = "failed";
    CHECK(observe_at(100s).phase == "running");
    CHECK(filter.held() == 1);
    CHECK(filter.requeue(15s) == reconcile::result::requeue_after(15s));
    CHECK(observe_at(101s).phase == "running");
    CHECK(observe_at(102s).phase == "failed");
    CHECK(filter.held() == 0);
    // Back as desired: quiet again; a new difference counts from one again.
    seen.phase = "running";
    CHECK(quiet_for(103, 110));
    seen.phase = "failed";
    CHECK(observe_at(110s).phase == "running");
    CHECK(filter.held() == 1);
    seen.phase = "running";
    CHECK(quiet_for(111, 112));
    seen.phase = "failed";
    CHECK(observe_at(112s).phase == "running");
    CHECK(observe_at(113s).phase == "running");
    CHECK(observe_at(114s).phase == "failed");
    seen.phase = "running";
    CHECK(quiet_for(115, 120));
    // A debounce by time, after the quiet run: requeued for its end, acted on at it.
    seen.workers = 2;
    CHECK(observe_at(120s).workers == 4);
    CHECK(filter.requeue(15s) == reconcile::result::requeue_after(10s));
    CHECK(observe_at(130s).workers == 2);
    seen.workers = 4;
    CHECK(quiet_for(131, 140));
    // A stale observation after the quiet run is reported; the next fresh one is quiet again.
    seen.observed_at = at(100s);
    const Pool& out = filter.observe(seen, desired, at(140s));
    CHECK(&out == &desired);
    CHECK(filter.stale());
    CHECK(filter.requeue(5s) == reconcile::result::requeue_after(5s));
    CHECK(quiet_for(141, 150));
    // A hysteresis still acting is not skipped: 60 is 10 away, acted on until within 5.
    seen.latency_ms = 71;
    CHECK(observe_at(150s).latency_ms == 71);
    seen.latency_ms = 60;
    CHECK(observe_at(151s).latency_ms == 60);
    seen.latency_ms = 50;
    CHECK(quiet_for(152, 160));
    seen.latency_ms = 60;
    CHECK(observe_at(160s).latency_ms == 50);  // stopped: 10 away is inside the band again
    seen.latency_ms = 50;
    // reset() forgets a count held back; the no-op path then runs, and counting restarts.
    seen.phase = "failed";
    observe_at(161s);
    observe_at(162s);
    CHECK(filter.held() == 1);
    filter.reset();
    CHECK(filter.held() == 0);
    CHECK_FALSE(filter.requeue(15s).has_value());
    seen.phase = "running";
    CHECK(quiet_for(163, 170));
    seen.phase = "failed";
    CHECK(observe_at(170s).phase == "running");
    CHECK(observe_at(171s).phase == "running");
    CHECK(observe_at(172s).phase == "failed");
  }
}

TEST_CASE("observation_filter::observe on a debounced text of each length") {
  // The no-op check compares a debounced std::string without a library call, in word-sized
  // pieces by length (1-3, 4-8, 9-16, longer): a difference in any one byte, at any length,
  // is held back; the same text is not.
  for (std::size_t n = 0; n <= 40; ++n) {
    CAPTURE(n);
    observation_filter<Named> filter;
    Named desired;
    for (std::size_t i = 0; i < n; ++i) desired.text.push_back(static_cast<char>('a' + i % 26));
    Named seen = desired;
    CHECK(&filter.observe(seen, desired, {}) == &seen);
    CHECK(filter.held() == 0);
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      seen.text[i] = '#';
      CHECK(filter.observe(seen, desired, {}).text == desired.text);  // held back: 1 of 2
      CHECK(filter.held() == 1);
      seen.text[i] = desired.text[i];
      CHECK(&filter.observe(seen, desired, {}) == &seen);  // back to desired: the count restarts
      CHECK(filter.held() == 0);
    }
    seen.text.push_back('a');  // one byte longer, same prefix
    CHECK(filter.observe(seen, desired, {}).text == desired.text);
    CHECK(filter.held() == 1);
  }
}

TEST_CASE("observation_filter::observe on a debounced text with a compare rule") {
  observation_filter<Named> filter;
  const Named desired{"a", "Running"};
  Named seen = desired;
  seen.label = "RUNNING";  // equal by the field's rule: nothing to hold back
  CHECK(&filter.observe(seen, desired, {}) == &seen);
  CHECK(filter.held() == 0);
  seen.label = "Failing";
  CHECK(filter.observe(seen, desired, {}).label == "Running");
  CHECK(filter.held() == 1);
  CHECK(filter.observe(seen, desired, {}).label == "Failing");  // 2 of 2
  observation_filter<Named> fresh;
  const Named unknown{"a", "?"};
  seen.label = "?";  // the same bytes as desired's, but unequal by the rule: held back
  CHECK(&fresh.observe(seen, unknown, {}) != &seen);
  CHECK(fresh.held() == 1);
  CHECK(&fresh.observe(seen, unknown, {}) == &seen);  // 2 of 2: acted on
  CHECK(fresh.held() == 0);
}

TEST_CASE("observation_filter::observe on nested structs") {
  observation_filter<Fleet> filter;
  Fleet desired;
  desired.a.name = "a";
  desired.b.name = "b";
  desired.gauge.value = 10;
  desired.size = 2;
  Fleet seen = desired;
  auto observe_at = [&](reconcile::duration t) -> const Fleet& {
    seen.a.health.at = seen.b.health.at = at(t);
    return filter.observe(seen, desired, at(t));
  };

  SUBCASE("a nested field's debounce counts for each place the struct appears") {
    seen.a.health.phase = "failed";
    CHECK(observe_at(0s).a.health.phase == "running");
    seen.b.health.phase = "failed";
    const Fleet& second = observe_at(1s);
    CHECK(second.a.health.phase == "failed");  // a: 2 of 2
    CHECK(second.b.health.phase == "running");  // b: 1 of 2
    CHECK(filter.held() == 1);
    CHECK(observe_at(2s).b.health.phase == "failed");
  }
  SUBCASE("held-back nested fields take desired's value; the rest stays as observed") {
    seen.a.health.phase = "failed";
    seen.a.name = "renamed";  // no rule: acted on at once
    seen.size = 5;            // Fleet's own debounce(3)
    const Fleet& out = observe_at(0s);
    CHECK(out.a.health.phase == "running");
    CHECK(out.a.name == "renamed");
    CHECK(out.size == 2);
    CHECK(filter.held() == 2);
    CHECK(reconcile::diff(out, desired).size() == 1);  // only the name
  }
  SUBCASE("a nested hysteresis, and a vendor type's through rules_of") {
    seen.a.health.load = 2;
    CHECK(observe_at(0s).a.health.load == 0);  // 2 away: inside the band
    seen.a.health.load = 4;
    CHECK(observe_at(1s).a.health.load == 4);
    seen.gauge.value = 13;
    CHECK(observe_at(2s).gauge.value == 10);  // 3 away, high is 4
    seen.gauge.value = 15;
    CHECK(observe_at(3s).gauge.value == 15);
    seen.gauge.value = 12;
    CHECK(observe_at(4s).gauge.value == 12);  // still acting: not yet within 1
    seen.gauge.value = 10.5;
    CHECK(observe_at(5s).gauge.value == 10);  // within 1: stops, and holds until above 4 again
    seen.gauge.value = 13;
    CHECK(observe_at(6s).gauge.value == 10);
  }
  SUBCASE("a nested stale_after makes the whole observation stale") {
    seen.size = 7;
    seen.a.health.at = at(0s);
    seen.b.health.at = at(20s);
    CHECK(reconcile::equal(filter.observe(seen, desired, at(20s)), desired));
    CHECK(filter.stale());
    CHECK(filter.requeue(5s) == reconcile::result::requeue_after(5s));
    seen.a.health.at = at(20s);
    filter.observe(seen, desired, at(20s));
    CHECK_FALSE(filter.stale());
  }
  SUBCASE("no allocation once warm") {
    seen.a.health.phase = "failed";
    observe_at(0s);
    reconcile::test::alloc_scope s;
    for (int k = 1; k < 100; ++k) {
      seen.b.health.phase = k % 2 == 0 ? "failed" : "running";
      observe_at(std::chrono::seconds(k));
    }
    CHECK(s.count() == 0);
  }
}

TEST_CASE("observation_filter in a controller driven by step()") {
  // A pool whose phase reads "failed" for single observations now and then (noise), and once
  // for good. Without the filter each blip restarts the pool; with debounce(3) only the real
  // failure does.
  auto run = [](bool filtered_run) {
    reconcile::manual_clock clock;
    reconcile::options opts;
    opts.clock = &clock;
    std::mt19937_64 rng(3);
    observation_filter<Pool> filter;
    const Pool desired{"running", 4, 50, {}};
    Pool actual = desired;
    int restarts = 0, t = 0;
    bool blip = false;
    reconcile::controller<int> ctl(opts, [&](const int&) {
      Pool seen = actual;
      seen.observed_at = clock.now();
      blip = t < 600 && !blip && rng() % 5 == 0;  // a blip: never two in a row
      if (blip) seen.phase = "failed";
      if (t == 700) actual.phase = "failed";                 // a real failure
      if (t >= 700) seen.phase = actual.phase;
      const Pool& use = filtered_run ? filter.observe(seen, desired, clock.now()) : seen;
      if (!reconcile::equal(use, desired)) {
        ++restarts;
        actual.phase = "running";
      }
      return reconcile::result::requeue_after(1s);
    });
    ctl.notify(0);
    for (t = 0; t < 800; ++t) {
      ctl.step();
      clock.advance(1s);
    }
    return restarts;
  };
  CHECK(run(false) > 30);
  CHECK(run(true) == 1);
}

TEST_CASE("observation_filter: a no-op reconcile through step() allocates nothing") {
  // 64 keys whose observations match desired, run as the docs say (observe, requeue, compare).
  // The phase is longer than std::string's inline buffer, so a copy of an observation would
  // allocate. Round 0 warms the controller up without the filters; round 1 is every filter's
  // first observation (a filter that copied would allocate here), rounds 2-3 the steady state.
  constexpr int n = 64;
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  Pool running{"running and serving requests", 4, 50, {}};
  std::vector<Pool> observed(n, running), desired(n, running);
  std::vector<observation_filter<Pool>> filters(n);
  bool filtering = false;
  int acted = 0, runs = 0;
  reconcile::controller<int> ctl(opts, [&](const int& key, const reconcile::run_context& run) {
    const auto k = static_cast<std::size_t>(key);
    ++runs;
    observed[k].observed_at = run.started();
    const Pool& seen = filtering ? filters[k].observe(observed[k], desired[k], run.started()) : observed[k];
    if (filtering) {
      if (auto later = filters[k].requeue(15s)) return *later;
    }
    if (!reconcile::equal(seen, desired[k])) ++acted;
    return reconcile::result::done();
  });
  ctl.reserve(n);
  for (int round = 0; round < 4; ++round) {
    filtering = round > 0;
    reconcile::test::alloc_scope s;
    for (int k = 0; k < n; ++k) ctl.notify(k);
    ctl.step();
    if (round > 0) CHECK(s.count() == 0);
    clock.advance(1s);
  }
  CHECK(runs == 4 * n);
  CHECK(acted == 0);
  CHECK_FALSE(filters[0].requeue(15s).has_value());
}
