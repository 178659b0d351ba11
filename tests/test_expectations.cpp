// Tests of reconcile::expectations beyond test_execute's: attempts and request ids per
// address (a retry keeps its id, a new attempt, after the earlier one was observed, failed or
// expired, gets a new one), and slicing: one object
// shared by per-key slices of a world never lets one slice settle another's expectations.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>
#include <reconcile/format.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/fake_cloud.hpp"
#include "support/orders.hpp"

using namespace std::chrono_literals;
using fake::World;
using reconcile::outcome_status;

namespace {

struct ids_seen {
  std::vector<std::string> ids;
  fake::cloud<World> c;
  void create(const std::string& k, const fake::Volume& v, const reconcile::action& a) {
    ids.push_back(a.request_id());
    c.create(k, v);
  }
  void update(const std::string& k, const fake::Volume& o, const fake::Volume& d,
              const reconcile::changeset<fake::Volume>& cs) {
    c.update(k, o, d, cs);
  }
  void remove(const std::string& k, const fake::Volume& o) { c.remove(k, o); }
  bool create(const std::string& k, const fake::Deployment& d) { return c.create(k, d); }
  bool update(const std::string& k, const fake::Deployment& o, const fake::Deployment& d,
              const reconcile::changeset<fake::Deployment>& cs) {
    return c.update(k, o, d, cs);
  }
  bool remove(const std::string& k, const fake::Deployment& o) { return c.remove(k, o); }
  std::error_code create(const std::string& k, const fake::Record& r) { return c.create(k, r); }
  std::error_code update(const std::string& k, const fake::Record& o, const fake::Record& d,
                         const reconcile::changeset<fake::Record>& cs) {
    return c.update(k, o, d, cs);
  }
  std::error_code remove(const std::string& k, const fake::Record& o) { return c.remove(k, o); }
};

std::vector<std::string> statuses_of(const reconcile::report& r) {
  std::vector<std::string> v;
  for (const auto& o : r.outcomes) v.emplace_back(reconcile::to_string(o.status));
  return v;
}

}  // namespace

TEST_CASE("action::request_id") {
  orders::expecting e(30s);
  reconcile::manual_clock& clock = e.clock;
  reconcile::expectations& expect = e.expect;
  const reconcile::plan_options& po = e.po;
  const reconcile::execute_options& eo = e.eo;
  ids_seen act;
  World want;
  want.volumes = {{"v", {"eu-1", 5, {}}}};
  auto pass = [&] { return e.pass(act.c.state, want, act); };

  SUBCASE("20 characters of [0-9A-Za-z] by default: a valid FIX ClOrdID") {
    const auto p = reconcile::plan_for(World{}, want, po);
    const std::string& id = p[0].request_id();
    CHECK(id.size() == 20);
    CHECK(id.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == std::string::npos);
    CHECK(p[0].attempt() == 0);
    // Deterministic: planned again (another process, no expectations), the same id.
    CHECK(reconcile::plan_for(World{}, want)[0].request_id() == id);
    CHECK(p[0].idempotency_id().size() == 16);  // the content key is unchanged
  }
  SUBCASE("length, alphabet and prefix") {
    reconcile::plan_options fix;
    fix.request_ids = {"0123456789", 12, "D1-"};
    const auto p = reconcile::plan_for(World{}, want, fix);
    CHECK(p[0].request_id().size() == 12);
    CHECK(p[0].request_id().starts_with("D1-"));
    CHECK(p[0].request_id().find_first_not_of("0123456789", 3) == std::string::npos);
    fix.request_ids = {"0", 12, ""};
    CHECK_THROWS_WITH_AS(reconcile::plan_for(World{}, want, fix),
                         "reconcile::plan_for: plan_options::request_ids needs an alphabet of 2 or more characters "
                         "and a prefix shorter than its length",
                         reconcile::error);
  }
  SUBCASE("a resource deleted out of band is re-created under a new id") {
    CHECK(pass().ok());
    CHECK(reconcile::plan_for(act.c.state, want, po).empty());  // observed: the attempt settles
    act.c.state.volumes.clear();                                 // someone deletes it
    const auto p = reconcile::plan_for(act.c.state, want, po);
    CHECK(p[0].attempt() == 1);
    CHECK(reconcile::execute(p, act, eo).ok());
    REQUIRE(act.ids.size() == 2);
    CHECK(act.ids[0] != act.ids[1]);
    CHECK(expect.attempt_at("volumes[\"v\"]") == 1);
  }
  SUBCASE("an attempt whose expectation expires unseen is settled: the next create has a new id") {
    // The simulator's bug (seeds 1 and 2, a store that remembers every id): the retry reused
    // the id, the store took it for a replay of the create that was undone, and the resource
    // was never made again.
    CHECK(pass().ok());
    act.c.state.volumes.clear();  // deleted before anyone saw it
    CHECK(pass().count(outcome_status::expected) == 1);  // within the TTL: waits for it
    clock.advance(30s);                                   // the expectation expires
    const auto p = reconcile::plan_for(act.c.state, want, po);
    CHECK(p[0].attempt() == 1);
    CHECK(reconcile::execute(p, act, eo).ok());
    REQUIRE(act.ids.size() == 2);
    CHECK(act.ids[0] != act.ids[1]);
    CHECK(expect.attempt_at("volumes[\"v\"]") == 1);
  }
  SUBCASE("new desired content is a new attempt") {
    CHECK(pass().ok());
    act.c.state.volumes.clear();
    clock.advance(30s);
    want.volumes["v"].size_gb = 6;
    CHECK(pass().ok());
    REQUIRE(act.ids.size() == 2);
    CHECK(act.ids[0] != act.ids[1]);
  }
}

TEST_CASE("expectations shared by slices of a world") {
  // Two tenants' slices of one world, planned one at a time with one expectations object.
  reconcile::manual_clock clock;
  reconcile::expectations expect(30s, &clock);
  reconcile::plan_options po;
  po.expect = &expect;
  reconcile::execute_options eo;
  eo.expect = &expect;
  fake::cloud<World> c;
  c.state.volumes = {{"a", {}}, {"b", {}}};
  World seen = c.state;  // the observation lags: it still shows both volumes
  auto slice = [](const World& w, const std::string& key) {
    World s;
    if (auto it = w.volumes.find(key); it != w.volumes.end()) s.volumes.insert(*it);
    return s;
  };
  auto pass = [&](const std::string& key, const World& desired) {
    return reconcile::execute(reconcile::plan_for(slice(seen, key), desired, po), c, eo);
  };
  SUBCASE("planning one slice keeps another's in-flight remove: it is not issued twice") {
    CHECK(pass("b", World{}).count(outcome_status::succeeded) == 1);  // remove volumes["b"]
    World want_a;
    want_a.volumes = {{"a", {}}};
    CHECK(reconcile::plan_for(slice(seen, "a"), want_a, po).empty());  // b is absent from slice a
    CHECK(expect.in_flight_at("volumes[\"b\"]"));
    CHECK(statuses_of(pass("b", World{})) == std::vector<std::string>{"expected"});
    CHECK(c.calls == std::vector<std::string>{"remove volumes[\"b\"]"});
    seen = c.state;  // the observer catches up; b is in neither side of slice b now
    CHECK(reconcile::plan_for(slice(seen, "b"), World{}, po).empty());
    CHECK(expect.in_flight_at("volumes[\"b\"]"));  // only a slice showing b, or the TTL, ends it
    World want_b;
    want_b.volumes = {{"b", {}}};  // wanted back: slice b shows the address, the remove is met
    CHECK(statuses_of(pass("b", want_b)) == std::vector<std::string>{"succeeded"});
    CHECK(c.calls == std::vector<std::string>{"remove volumes[\"b\"]", "create volumes[\"b\"]"});
  }
  SUBCASE("a whole-slice observation settles its own slice's remove once gone, never another's") {
    reconcile::plan_options as_b = po;
    as_b.observed = reconcile::observation_scope::whole_slice;
    as_b.slice = "b";
    reconcile::plan_options as_a = as_b;
    as_a.slice = "a";
    World want_a;
    want_a.volumes = {{"a", {}}};
    CHECK(reconcile::execute(reconcile::plan_for(slice(seen, "b"), World{}, as_b), c, eo).ok());
    seen = c.state;
    CHECK(reconcile::plan_for(slice(seen, "a"), want_a, as_a).empty());
    CHECK(expect.in_flight_at("volumes[\"b\"]", "b"));  // slice a's whole view says nothing of slice b
    CHECK(reconcile::plan_for(slice(seen, "b"), World{}, as_b).empty());
    CHECK(expect.pending() == 0);
  }
}

TEST_CASE("plan_options::expect holds an expectations* (plan.hpp only declares expectations)") {
  reconcile::manual_clock clock;
  reconcile::expectations expect(30s, &clock);
  reconcile::plan_options po;
  CHECK_FALSE(po.expect);
  CHECK(po.expect == nullptr);
  po.expect = &expect;
  CHECK(po.expect);
  CHECK_FALSE(po.expect == nullptr);
  reconcile::expectations* back = po.expect;  // reads back as the pointer it was given
  CHECK(back == &expect);
  reconcile::execute_options eo;
  eo.expect = po.expect;  // as examples/sim_dns.cpp passes it on
  CHECK(eo.expect == &expect);
  reconcile::plan_options copy = po;
  CHECK(copy.expect == po.expect);
  // Through the hooks: an action in flight holds the next plan's action on its address.
  fake::cloud<World> c;
  World want;
  want.volumes = {{"a", {}}};
  CHECK(reconcile::execute(reconcile::plan_for(c.state, want, po), c, eo).ok());
  CHECK(expect.in_flight_at("volumes[\"a\"]"));
  World want_other;
  fake::Volume bigger;
  bigger.size_gb = 7;
  want_other.volumes = {{"a", bigger}};
  const auto held = reconcile::plan_for(World{}, want_other, po);  // the observation lags
  REQUIRE(held.size() == 1);
  CHECK(held[0].held());
  po.expect = nullptr;
  CHECK_FALSE(po.expect);
  CHECK(reconcile::plan_for(World{}, want_other, po)[0].held() == false);
}
