// Tests of reconcile/execute.hpp: calls on the actuator, replace strategies, failure by each
// mechanism, dependency skipping, the report, idempotency across rounds, and expectations
// with a lagging observer (TTL on a manual clock).
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>

#include <chrono>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "support/fake_cloud.hpp"

using namespace std::chrono_literals;
using fake::Deployment;
using fake::Record;
using fake::Volume;
using fake::World;
using reconcile::outcome_status;

namespace {

World start() {
  World w;
  w.volumes = {{"data", {"eu-1", 10, {}}}, {"tmp", {"eu-1", 1, {}}}};
  w.deployments = {{"api", {"api", "api:1", 2, {}, ""}}, {"db", {"db", "pg:15", 1, {}, ""}}, {"old", {"old", "x", 1, {}, ""}}};
  w.records = {{"old.example", "2.2.2.2", 300}, {"a.example", "1.1.1.1", 300}};
  return w;
}

World goal() {
  World w;
  w.volumes = {{"data", {"eu-1", 20, {{"team", "db"}}}}, {"logs", {"eu-1", 5, {}}}};
  w.deployments = {{"api", {"api", "api:1", 3, {}, ""}}, {"db", {"db2", "pg:15", 1, {}, ""}}, {"web", {"web", "nginx", 2, {}, ""}}};
  w.records = {{"new.example", "3.3.3.3", 300}, {"a.example", "1.1.1.2", 300}};
  return w;
}

const std::vector<std::string> all_calls = {
    "update volumes[\"data\"]",       "create volumes[\"logs\"]",     "update deployments[\"api\"]",
    "remove deployments[\"db\"]",     "create deployments[\"db\"]",   "create deployments[\"web\"]",
    "update records[\"a.example\"]",  "create records[\"new.example\"]", "remove records[\"old.example\"]",
    "remove deployments[\"old\"]",    "remove volumes[\"tmp\"]"};

std::vector<std::string> statuses(const reconcile::report& r) {
  std::vector<std::string> v;
  for (const auto& o : r.outcomes) v.push_back(std::string(reconcile::to_string(o.status)) + " " + o.address);
  return v;
}

template <class W>
std::vector<std::string> lines(const reconcile::plan<W>& p) {
  std::vector<std::string> v;
  for (const reconcile::action& a : p) v.push_back(std::string(reconcile::to_string(a.verb())) + " " + a.address());
  return v;
}

// Records calls with the resource's name, to tell the old resource from the new.
struct recorder {
  std::vector<std::string> calls;
  void create(const std::string& k, const Volume&) { calls.push_back("create " + k); }
  void update(const std::string&, const Volume&, const Volume&, const reconcile::changeset<Volume>&) {}
  void remove(const std::string& k, const Volume&) { calls.push_back("remove " + k); }
  void create(const std::string& k, const Deployment& d) { calls.push_back("create " + k + " " + d.name); }
  void update(const std::string&, const Deployment&, const Deployment&, const reconcile::changeset<Deployment>&) {}
  void remove(const std::string& k, const Deployment& d) { calls.push_back("remove " + k + " " + d.name); }
  void create(const std::string&, const Record&) {}
  void update(const std::string&, const Record&, const Record&, const reconcile::changeset<Record>&) {}
  void remove(const std::string&, const Record&) {}
};

// Takes the action as a last argument: passes its idempotency id on as a request id.
struct request_ids {
  std::vector<std::string> calls;
  void create(const std::string& k, const Volume&, const reconcile::action& a) {
    calls.push_back("create " + k + " " + a.idempotency_id());
  }
  void update(const std::string& k, const Volume&, const Volume&, const reconcile::changeset<Volume>&,
              const reconcile::action& a) {
    calls.push_back("update " + k + " " + a.idempotency_id());
  }
  void remove(const std::string& k, const Volume&, const reconcile::action& a) {
    calls.push_back("remove " + k + " " + std::string(reconcile::to_string(a.verb())));
  }
  // Plain forms mix freely with the others.
  void create(const std::string& k, const Deployment&) { calls.push_back("create " + k); }
  void update(const std::string&, const Deployment&, const Deployment&, const reconcile::changeset<Deployment>&) {}
  void remove(const std::string&, const Deployment&) {}
  bool replace(const std::string& k, const Deployment&, const Deployment&, const reconcile::action& a) {
    calls.push_back("replace " + k + " " + a.idempotency_id());
    return true;
  }
  void create(const std::string&, const Record&) {}
  void update(const std::string&, const Record&, const Record&, const reconcile::changeset<Record>&) {}
  void remove(const std::string&, const Record&) {}
};

// Fails in ways that are not std::exception.
struct odd_failures {
  void create(const std::string&, const Volume&) { throw 42; }
  void update(const std::string&, const Volume&, const Volume&, const reconcile::changeset<Volume>&) {}
  int remove(const std::string&, const Volume&) { return 0; }  // 0: false
  void create(const std::string&, const Deployment&) {}
  void update(const std::string&, const Deployment&, const Deployment&, const reconcile::changeset<Deployment>&) {}
  void remove(const std::string&, const Deployment&) {}
  void create(const std::string&, const Record&) {}
  void update(const std::string&, const Record&, const Record&, const reconcile::changeset<Record>&) {}
  void remove(const std::string&, const Record&) {}
};

}  // namespace

TEST_CASE("execute") {
  fake::cloud<World> c;
  c.state = start();
  const World want = goal();
  SUBCASE("runs every action in plan order; a replace is remove then create at its kind's place") {
    const auto p = reconcile::plan_for(c.state, want);
    const auto r = reconcile::execute(p, c);
    CHECK(r.ok());
    CHECK(r.outcomes.size() == p.size());
    CHECK(r.count(outcome_status::succeeded) == 10);
    CHECK(c.calls == all_calls);
    CHECK(reconcile::equal(c.state, want));
  }
  SUBCASE("an update gets observed, desired and the changeset that turns one into the other") {
    // fake::cloud applies the changeset and checks it reaches desired (it throws otherwise).
    const auto r = reconcile::execute(reconcile::plan_for(c.state, want), c);
    CHECK(r.ok());
    CHECK(c.state.volumes.at("data").tags.at("team") == "db");
  }
  SUBCASE("the report: one outcome per action, with verb, kind, key, address and idempotency key") {
    const auto p = reconcile::plan_for(c.state, want);
    const auto r = reconcile::execute(p, c);
    REQUIRE(r.outcomes.size() == p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      CHECK(r.outcomes[i].verb == p[i].verb());
      CHECK(r.outcomes[i].kind == p[i].kind());
      CHECK(r.outcomes[i].key == p[i].key_text());
      CHECK(r.outcomes[i].address == p[i].address());
      CHECK(r.outcomes[i].idempotency_key == p[i].idempotency_key());
      CHECK(r.outcomes[i].error.empty());
    }
  }
  SUBCASE("an empty plan runs nothing and is ok") {
    c.state = want;
    const auto r = reconcile::execute(reconcile::plan_for(c.state, want), c);
    CHECK(r.ok());
    CHECK(r.outcomes.empty());
    CHECK(c.calls.empty());
  }
}

TEST_CASE("execute with the action passed to the actuator") {
  World o, d;
  o.volumes = {{"grow", {"eu-1", 1, {}}}, {"move", {"eu-1", 1, {}}}};
  o.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
  d.volumes = {{"grow", {"eu-1", 2, {}}}, {"move", {"eu-2", 1, {}}}, {"new", {}}};
  d.deployments = {{"db", {"db2", "pg", 1, {}, ""}}, {"web", {"web", "nginx", 1, {}, ""}}};
  const auto p = reconcile::plan_for(o, d);
  request_ids act;
  CHECK(reconcile::execute(p, act).ok());
  CHECK(act.calls == std::vector<std::string>{
                         "update grow " + p[0].idempotency_id(), "remove move replace",
                         "create move " + p[1].idempotency_id(),  // the replace's id, for both of its calls
                         "create new " + p[2].idempotency_id(), "replace db " + p[3].idempotency_id(), "create web"});
}

TEST_CASE("execute replace") {
  SUBCASE("delete then create by default") {
    fake::cloud<World> c;
    c.state.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    World want;
    want.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    CHECK(reconcile::execute(reconcile::plan_for(c.state, want), c).ok());
    CHECK(c.calls == std::vector<std::string>{"remove deployments[\"db\"]", "create deployments[\"db\"]"});
    CHECK(c.state.deployments.at("db").name == "db2");
  }
  SUBCASE("create first under create_before_destroy") {
    recorder rec;
    fake::CbdWorld seen, want;
    seen.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    want.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    CHECK(reconcile::execute(reconcile::plan_for(seen, want), rec).ok());
    CHECK(rec.calls == std::vector<std::string>{"create db db2", "remove db db"});
  }
  SUBCASE("under create_before_destroy a failed create leaves the old resource alone") {
    fake::cloud<fake::CbdWorld> c;
    c.state.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    fake::CbdWorld want;
    want.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    c.fail("create deployments[\"db\"]");
    const auto r = reconcile::execute(reconcile::plan_for(c.state, want), c);
    CHECK(c.calls == std::vector<std::string>{"create deployments[\"db\"]"});
    CHECK(statuses(r) == std::vector<std::string>{"failed deployments[\"db\"]"});
    CHECK(c.state.deployments.at("db").name == "db");
  }
  SUBCASE("the actuator's replace() when it has one") {
    fake::replacing_cloud<World> c;
    c.state.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    World want;
    want.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    CHECK(reconcile::execute(reconcile::plan_for(c.state, want), c).ok());
    CHECK(c.calls == std::vector<std::string>{"replace deployments[\"db\"]"});
    CHECK(c.state.deployments.at("db").name == "db2");
  }
  SUBCASE("a replace whose remove fails does not create") {
    fake::cloud<World> c;
    c.state.volumes = {{"v", {"eu-1", 1, {}}}};
    World want;
    want.volumes = {{"v", {"eu-2", 1, {}}}};
    c.fail("remove volumes[\"v\"]");
    const auto r = reconcile::execute(reconcile::plan_for(c.state, want), c);
    CHECK(c.calls == std::vector<std::string>{"remove volumes[\"v\"]"});
    CHECK(statuses(r) == std::vector<std::string>{"failed volumes[\"v\"]"});
    CHECK(r.outcomes[0].error == "volume in use: v");
  }
}

TEST_CASE("execute failures") {
  fake::cloud<World> c;
  c.state = start();
  const World want = goal();
  const auto p = reconcile::plan_for(c.state, want);
  SUBCASE("an exception: its text; creates/updates of later kinds are skipped; removes still run") {
    c.fail("create volumes[\"logs\"]");
    const auto r = reconcile::execute(p, c);
    CHECK_FALSE(r.ok());
    CHECK(statuses(r) == std::vector<std::string>{
                             "succeeded volumes[\"data\"]", "failed volumes[\"logs\"]", "skipped deployments[\"api\"]",
                             "skipped deployments[\"db\"]", "skipped deployments[\"web\"]",
                             "skipped records[\"a.example\"]", "skipped records[\"new.example\"]",
                             "succeeded records[\"old.example\"]", "succeeded deployments[\"old\"]",
                             "succeeded volumes[\"tmp\"]"});
    CHECK(r.outcomes[1].error == "quota exceeded for logs");
    CHECK(r.outcomes[2].error == "depends on volumes[\"logs\"], which failed");
    CHECK(r.outcomes[6].error == "depends on volumes[\"logs\"], which failed");
    CHECK(c.calls == std::vector<std::string>{"update volumes[\"data\"]", "create volumes[\"logs\"]",
                                              "remove records[\"old.example\"]", "remove deployments[\"old\"]",
                                              "remove volumes[\"tmp\"]"});
  }
  SUBCASE("a false return: the next kinds are skipped, the earlier ones ran") {
    c.fail("update deployments[\"api\"]");
    const auto r = reconcile::execute(p, c);
    CHECK(r.outcomes[2].status == outcome_status::failed);
    CHECK(r.outcomes[2].error == "the actuator returned false");
    CHECK(r.outcomes[3].status == outcome_status::succeeded);  // same kind: independent
    CHECK(r.outcomes[4].status == outcome_status::succeeded);
    CHECK(r.outcomes[5].status == outcome_status::skipped);
    CHECK(r.outcomes[5].error == "depends on deployments[\"api\"], which failed");
    CHECK(r.count(outcome_status::skipped) == 2);
  }
  SUBCASE("an error_code: its message") {
    c.fail("create records[\"new.example\"]");
    const auto r = reconcile::execute(p, c);
    CHECK(r.outcomes[6].status == outcome_status::failed);
    CHECK(r.outcomes[6].error == std::make_error_code(std::errc::permission_denied).message());
    CHECK(r.count(outcome_status::failed) == 1);
    CHECK(r.count(outcome_status::skipped) == 0);  // records is the last kind
  }
  SUBCASE("a failed remove skips the removes of earlier kinds, not the creates") {
    c.fail("remove deployments[\"old\"]");
    const auto r = reconcile::execute(p, c);
    CHECK(r.count(outcome_status::succeeded) == 8);
    CHECK(r.outcomes[8].status == outcome_status::failed);
    CHECK(r.outcomes[9].status == outcome_status::skipped);
    CHECK(r.outcomes[9].error == "depends on deployments[\"old\"], which failed");
    CHECK(c.state.volumes.count("tmp") == 1);
  }
  SUBCASE("a skip propagates: dependents of a skipped action are skipped, naming the root failure") {
    c.fail("update volumes[\"data\"]");
    c.fail("remove records[\"old.example\"]");
    const auto r = reconcile::execute(p, c);
    CHECK(r.outcomes[0].error == "volume busy: data");
    CHECK(r.outcomes[6].error == "depends on volumes[\"data\"], which failed");
    CHECK(r.outcomes[9].status == outcome_status::skipped);
    CHECK(r.outcomes[9].error == "depends on records[\"old.example\"], which failed");
    CHECK(r.count(outcome_status::succeeded) == 1);  // volumes["logs"]
  }
  SUBCASE("a failure that is not a std::exception, and a falsy non-bool return") {
    odd_failures act;
    World seen, wanted;
    seen.volumes = {{"old", {}}};
    wanted.volumes = {{"new", {}}};
    const auto r = reconcile::execute(reconcile::plan_for(seen, wanted), act);
    CHECK(statuses(r) == std::vector<std::string>{"failed volumes[\"new\"]", "failed volumes[\"old\"]"});
    CHECK(r.outcomes[0].error == "unknown exception");
    CHECK(r.outcomes[1].error == "the actuator returned false");
  }
  SUBCASE("a replace whose create fails: the next plan creates the resource") {
    c.state = World{};
    c.state.volumes = {{"v", {"eu-1", 1, {}}}};
    World want1;
    want1.volumes = {{"v", {"eu-2", 1, {}}}};
    c.fail("create volumes[\"v\"]");
    CHECK_FALSE(reconcile::execute(reconcile::plan_for(c.state, want1), c).ok());
    CHECK(c.state.volumes.empty());
    c.heal();
    const auto next = reconcile::plan_for(c.state, want1);
    CHECK(lines(next) == std::vector<std::string>{"create volumes[\"v\"]"});
  }
  SUBCASE("report::with lists successes, failures with their text, and skips") {
    c.fail("create deployments[\"web\"]");
    const auto r = reconcile::execute(p, c);
    const auto failed = r.with(outcome_status::failed);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]->address == "deployments[\"web\"]");
    CHECK(failed[0]->error == "the actuator returned false");
    CHECK(r.with(outcome_status::skipped).size() == 2);
    CHECK(r.with(outcome_status::succeeded).size() == 7);
    CHECK(r.with(outcome_status::expected).empty());
  }
  SUBCASE("fmt::formatter<report>") {
    c.fail("create records[\"new.example\"]");
    c.fail("remove records[\"old.example\"]");
    const auto r = reconcile::execute(p, c);
    CHECK(fmt::format("{}", r) ==
          "ok        update volumes[\"data\"]\n"
          "ok        create volumes[\"logs\"]\n"
          "ok        update deployments[\"api\"]\n"
          "ok        replace deployments[\"db\"]\n"
          "ok        create deployments[\"web\"]\n"
          "ok        update records[\"a.example\"]\n"
          "FAILED    create records[\"new.example\"]: Permission denied\n"
          "FAILED    remove records[\"old.example\"]: Permission denied\n"
          "skipped   remove deployments[\"old\"]: depends on records[\"old.example\"], which failed\n"
          "skipped   remove volumes[\"tmp\"]: depends on records[\"old.example\"], which failed\n"
          "6 succeeded, 2 failed, 2 skipped, 0 in flight");
  }
}

TEST_CASE("execute idempotency") {
  fake::cloud<World> c;
  c.state = start();
  const World want = goal();
  SUBCASE("execute, observe, plan again: an empty plan") {
    REQUIRE(reconcile::execute(reconcile::plan_for(c.state, want), c).ok());
    const auto again = reconcile::plan_for(c.state, want);
    CHECK(again.empty());
    c.calls.clear();
    CHECK(reconcile::execute(again, c).ok());
    CHECK(c.calls.empty());
  }
  SUBCASE("after a partial failure the next plan holds only the remaining work") {
    c.fail("update deployments[\"api\"]");
    c.fail("remove volumes[\"tmp\"]");
    const auto first = reconcile::plan_for(c.state, want);
    const auto r1 = reconcile::execute(first, c);
    CHECK_FALSE(r1.ok());
    const auto second = reconcile::plan_for(c.state, want);
    CHECK(lines(second) == std::vector<std::string>{"update deployments[\"api\"]", "update records[\"a.example\"]",
                                                    "create records[\"new.example\"]", "remove volumes[\"tmp\"]"});
    // The remaining actions are the very same actions: same idempotency keys.
    CHECK(second[0].idempotency_key() == first[2].idempotency_key());
    CHECK(second[3].idempotency_key() == first[9].idempotency_key());
    c.heal();
    c.calls.clear();
    CHECK(reconcile::execute(second, c).ok());
    CHECK(c.calls == lines(second));
    CHECK(reconcile::plan_for(c.state, want).empty());
    CHECK(reconcile::equal(c.state, want));
  }
}

TEST_CASE("expectations") {
  reconcile::manual_clock clock;
  reconcile::expectations expect(30s, &clock);
  reconcile::execute_options opts;
  opts.expect = &expect;
  fake::cloud<World> c;
  fake::lagging_observer<World> watch(c);
  World want;
  want.volumes = {{"v", {"eu-1", 5, {}}}};
  want.deployments = {{"api", {"api", "img", 1, {}, ""}}};

  SUBCASE("no duplicate action while in flight and unobserved") {
    const auto r1 = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(r1.ok());
    CHECK(expect.pending() == 2);
    CHECK(c.calls.size() == 2);
    // The observer has not seen the creates yet: the same plan again issues nothing.
    clock.advance(10s);
    const auto p2 = reconcile::plan_for(watch.observe(), want);
    CHECK(p2.size() == 2);
    const auto r2 = reconcile::execute(p2, c, opts);
    CHECK(r2.ok());
    CHECK(r2.count(outcome_status::expected) == 2);
    CHECK(c.calls.size() == 2);
    CHECK(fmt::format("{}", r2) ==
          "in flight create volumes[\"v\"]\nin flight create deployments[\"api\"]\n0 succeeded, 0 failed, 0 skipped, "
          "2 in flight");
  }
  SUBCASE("once the observer catches up, the expectations clear") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    watch.catch_up();
    const auto p = reconcile::plan_for(watch.observe(), want);
    CHECK(p.empty());
    reconcile::execute(p, c, opts);
    CHECK(expect.pending() == 0);
    // The resource disappears out of band: the same create is issued again, at once.
    c.state.volumes.clear();
    watch.catch_up();
    c.calls.clear();
    const auto r = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(r.count(outcome_status::succeeded) == 1);
    CHECK(c.calls == std::vector<std::string>{"create volumes[\"v\"]"});
  }
  SUBCASE("observe(plan) alone clears what the plan no longer holds") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(expect.pending() == 2);
    watch.catch_up();
    c.state.volumes.clear();  // only the deployment is observed
    World half = watch.observe();
    half.volumes.clear();
    expect.observe(reconcile::plan_for(half, want));
    CHECK(expect.pending() == 1);
    CHECK_FALSE(expect.in_flight(reconcile::plan_for(World{}, want)[1].idempotency_key()));
    CHECK(expect.in_flight(reconcile::plan_for(World{}, want)[0].idempotency_key()));
  }
  SUBCASE("after the TTL the action is issued again") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    clock.advance(29s);
    CHECK(expect.pending() == 2);
    CHECK(reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts).count(outcome_status::expected) == 2);
    clock.advance(1s);
    CHECK(expect.pending() == 0);
    c.state = World{};  // the first creates were lost
    const auto r = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(r.count(outcome_status::succeeded) == 2);
    CHECK(c.calls.size() == 4);
    CHECK(expect.pending() == 2);  // recorded anew
  }
  SUBCASE("a failed action is not expected: the next round issues it again") {
    c.fail("create volumes[\"v\"]");
    const auto r1 = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(r1.outcomes[0].status == outcome_status::failed);
    CHECK(expect.pending() == 0);  // the deployment was skipped, the volume failed
    c.heal();
    const auto r2 = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(r2.ok());
    CHECK(r2.count(outcome_status::succeeded) == 2);
  }
  SUBCASE("a different desired content is a different action: not suppressed") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    c.state = World{};
    want.volumes["v"].size_gb = 6;
    const auto r = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(statuses(r) == std::vector<std::string>{"succeeded volumes[\"v\"]", "expected deployments[\"api\"]"});
  }
  SUBCASE("a remove deferred by max_destroys keeps its expectation") {
    reconcile::plan_options one;
    one.max_destroys = 1;
    World seen, none;
    seen.volumes = {{"a", {}}};
    c.state = seen;
    CHECK(reconcile::execute(reconcile::plan_for(seen, none, one), c, opts).ok());
    // The observation lags and now also shows a deployment to remove: its remove runs first
    // and takes the budget, so the in-flight remove of volumes["a"] is deferred, not dropped.
    seen.deployments = {{"d", {"d", "i", 1, {}, ""}}};
    c.state.deployments = seen.deployments;
    const auto p2 = reconcile::plan_for(seen, none, one);
    CHECK(lines(p2) == std::vector<std::string>{"remove deployments[\"d\"]"});
    CHECK(p2.deferred() == 1);
    CHECK(reconcile::execute(p2, c, opts).ok());
    seen.deployments.clear();
    const auto r3 = reconcile::execute(reconcile::plan_for(seen, none, one), c, opts);
    CHECK(statuses(r3) == std::vector<std::string>{"expected volumes[\"a\"]"});
    CHECK(c.calls == std::vector<std::string>{"remove volumes[\"a\"]", "remove deployments[\"d\"]"});
  }
  SUBCASE("the default TTL is 5 minutes; clear() forgets everything") {
    reconcile::expectations e;
    CHECK(e.ttl() == std::chrono::minutes(5));
    e.record(42);
    CHECK(e.in_flight(42));
    CHECK(e.pending() == 1);
    e.clear();
    CHECK_FALSE(e.in_flight(42));
  }
}
