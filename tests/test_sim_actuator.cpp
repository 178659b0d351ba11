// The simulator's parts: faulty_actuator (each fault kind, both failure styles), the store
// (duplicate creates, stale and monotonic reads) and the injector (seeded, replayable).
#include "support/sim_buckets.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <system_error>

namespace sim = reconcile::sim;
using simtest::Bucket;
using buckets = std::map<std::string, Bucket>;

namespace {

// One actuator call per fault: `only` fault kind at share 1.
sim::fault_options only(sim::fault_kind k) {
  sim::fault_options o;
  o.max_delay_ticks = 3;
  switch (k) {
    case sim::fault_kind::fail: o.fail = 1; break;
    case sim::fault_kind::late: o.late = 1; break;
    case sim::fault_kind::lost_ack: o.lost_ack = 1; break;
    default: o.duplicate = 1; break;
  }
  return o;
}

const buckets want{{"a", Bucket{"eu", 1, {}}}, {"b", Bucket{"us", 0, {}}}};

// Lands the effects in flight tick by tick until none is left; returns the ticks it took.
std::uint64_t land_all(sim::injector& inj, sim::store<std::string, Bucket>& st) {
  std::uint64_t t = inj.tick();
  while (inj.in_flight()) {
    inj.set_tick(++t);
    st.set_tick(t);
    inj.land_due();
  }
  return t;
}

}  // namespace

TEST_CASE("faulty_actuator") {
  sim::store<std::string, Bucket> st;
  st.reset({});
  SUBCASE("fail: no effect; thrown or returned (bool and std::error_code)") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      sim::injector inj(seed, only(sim::fault_kind::fail), 10);
      sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
      sim::faulty_actuator<sim::store<std::string, Bucket>, std::error_code> coded(st, inj);
      const auto r1 = reconcile::execute(reconcile::plan_for(buckets{}, want), act);
      const auto r2 = reconcile::execute(reconcile::plan_for(buckets{}, want), coded);
      CHECK(r1.count(reconcile::outcome_status::failed) == 2);
      CHECK(r2.count(reconcile::outcome_status::failed) == 2);
      CHECK(st.truth().empty());
    }
    sim::injector inj(1, only(sim::fault_kind::fail), 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    for (int i = 0; i < 20; ++i) (void)reconcile::execute(reconcile::plan_for(buckets{}, want), act);
    CHECK(inj.recorded().count(sim::fault_kind::fail) == 40);
    std::size_t thrown = 0;
    for (const sim::fault& f : inj.recorded().faults) thrown += f.param == 0;
    CHECK(thrown > 5);
    CHECK(thrown < 35);
    CHECK(act.calls() == 40);
    CHECK(act.calls_by_address().at("resources[\"a\"]") == 20);
  }
  SUBCASE("late: success now, the effect lands 1..3 ticks later") {
    sim::injector inj(3, only(sim::fault_kind::late), 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    CHECK(reconcile::execute(reconcile::plan_for(buckets{}, want), act).ok());
    CHECK(st.truth().empty());
    CHECK(inj.in_flight() == 2);
    const std::uint64_t t = land_all(inj, st);
    CHECK(t >= 1);
    CHECK(t <= 3);
    CHECK(reconcile::equal(st.truth(), want));
  }
  SUBCASE("lost_ack: the effect lands, the outcome is unknown (thrown, or effect::unknown)") {
    sim::injector inj(4, only(sim::fault_kind::lost_ack), 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    const auto r = reconcile::execute(reconcile::plan_for(buckets{}, want), act);
    CHECK(r.count(reconcile::outcome_status::unknown) == 2);
    CHECK(r.outcomes[0].error.find("acknowledgement lost") != std::string::npos);
    CHECK(reconcile::equal(st.truth(), want));
    sim::faulty_actuator<sim::store<std::string, Bucket>, reconcile::effect> told(st, inj);
    buckets newer = want;
    newer["b"].versioning = 3;
    const auto r2 = reconcile::execute(reconcile::plan_for(st.truth(), newer), told);
    CHECK(r2.count(reconcile::outcome_status::unknown) == 1);
    CHECK(st.get("b")->versioning == 3);
  }
  SUBCASE("a late delivery carries the action's request id") {
    sim::injector inj(3, only(sim::fault_kind::late), 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    reconcile::expectations e;
    reconcile::plan_options po;
    po.expect = &e;
    const auto p = reconcile::plan_for(buckets{}, want, po);
    const std::string id = p[0].request_id();
    CHECK(reconcile::execute(p, act, {.expect = &e}).ok());
    land_all(inj, st);
    // The same create again, on time, under the same attempt: no second bucket.
    sim::injector none(1, {}, 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> direct(st, none);
    CHECK(reconcile::execute(p, direct).ok());
    CHECK(st.duplicates().empty());
    CHECK_FALSE(id.empty());
  }
  SUBCASE("duplicate: delivered twice; a create's copy under its own request is no new effect") {
    sim::injector inj(5, only(sim::fault_kind::duplicate), 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    CHECK(reconcile::execute(reconcile::plan_for(buckets{}, want), act).ok());
    CHECK(reconcile::equal(st.truth(), want));
    land_all(inj, st);
    CHECK(st.duplicates().empty());
    // An update delivered again after a newer one lands puts the older state back.
    buckets newer = want;
    newer["a"].versioning = 7;
    CHECK(reconcile::execute(reconcile::plan_for(st.truth(), newer), act).ok());
    CHECK(st.get("a")->versioning == 7);
  }
}

TEST_CASE("store") {
  sim::store<std::string, Bucket> st(3);
  st.reset({{"old", Bucket{}}});
  SUBCASE("a create of a live resource under another request is a duplicate") {
    sim::injector inj(1, {}, 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    CHECK(reconcile::execute(reconcile::plan_for(buckets{}, want), act).ok());
    CHECK(reconcile::execute(reconcile::plan_for(buckets{}, want), act).ok());  // the same requests
    CHECK(st.duplicates().empty());
    buckets other = want;
    other["a"].versioning = 9;  // another desired state: another request id
    CHECK(reconcile::execute(reconcile::plan_for(buckets{}, other), act).ok());
    REQUIRE(st.duplicates().size() == 1);
    CHECK(st.duplicates()[0].address == "resources[\"a\"]");
  }
  SUBCASE("update of an absent resource fails; remove of one succeeds") {
    sim::injector inj(1, {}, 10);
    sim::faulty_actuator<sim::store<std::string, Bucket>> act(st, inj);
    buckets gone{{"a", Bucket{}}}, changed{{"a", Bucket{"eu", 3, {}}}};
    CHECK_FALSE(reconcile::execute(reconcile::plan_for(gone, changed), act).ok());
    CHECK(reconcile::execute(reconcile::plan_for(gone, buckets{}), act).ok());
  }
  SUBCASE("stale reads show the past, never older than an earlier read") {
    for (std::uint64_t t = 1; t <= 4; ++t) {
      st.set_tick(t);
      st.put("old", Bucket{"eu", int(t), {}});
    }
    CHECK(st.as_of("old", 2)->versioning == 2);
    CHECK(st.as_of("old", 3)->versioning == 2);  // monotonic: not tick 1
    CHECK(st.as_of("old", 0)->versioning == 4);
    CHECK(st.as_of("old", 3)->versioning == 4);
    CHECK_FALSE(st.as_of("never", 0));
    const auto changed = st.take_changes();
    CHECK(changed == std::vector<std::string>{"old"});
    CHECK(st.take_changes().empty());
  }
}

TEST_CASE("injector") {
  sim::fault_options o = sim::fault_options::harsh();
  auto decide_all = [&](sim::injector& inj) {
    for (std::uint64_t t = 0; t < 20; ++t) {
      inj.set_tick(t);
      for (int k = 0; k < 50; ++k) {
        const std::string target = "resources[\"" + std::to_string(k) + "\"]";
        (void)inj.on_call(target, "create");
        (void)inj.on_read(target, sim::read_kind::list);
        (void)inj.on_event(target);
      }
    }
  };
  SUBCASE("one seed, one schedule; another seed, another") {
    sim::injector a(7, o, 100), b(7, o, 100), c(8, o, 100);
    decide_all(a), decide_all(b), decide_all(c);
    CHECK(a.recorded().to_string(100000) == b.recorded().to_string(100000));
    CHECK(a.recorded().to_string(100000) != c.recorded().to_string(100000));
    // The shares come out near the options: 1000 calls, 30 % fail.
    CHECK(a.recorded().count(sim::fault_kind::fail) > 240);
    CHECK(a.recorded().count(sim::fault_kind::fail) < 360);
    CHECK(a.recorded().count(sim::fault_kind::drop_event) > 420);
  }
  SUBCASE("replay injects exactly the faults given") {
    sim::injector a(7, o, 100);
    decide_all(a);
    const sim::schedule some = a.recorded().only({3, 10, 200});
    sim::injector b(7, o, 100);
    b.replay(some);
    decide_all(b);
    CHECK(b.recorded().to_string() == some.to_string());
  }
  SUBCASE("no fault after the window") {
    sim::injector a(7, o, 5);
    decide_all(a);
    for (const sim::fault& f : a.recorded().faults) CHECK(f.tick < 5);
  }
}
