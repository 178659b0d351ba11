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
  // The actuator member each action calls (to_string says "delete" for verb::remove).
  for (const reconcile::action& a : p)
    v.push_back((a.verb() == reconcile::verb::remove ? std::string("remove") : std::string(reconcile::to_string(a.verb()))) +
                " " + a.address());
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
  SUBCASE("with expectations, the remove alone: a removal that lands late cannot delete the new resource") {
    // The simulator's bug (seeds 23 and 28): the create went out as soon as remove() returned;
    // the removal, queued by the cloud, landed after it and deleted the new resource.
    struct late_remover : fake::cloud<World> {
      using fake::cloud<World>::remove;
      std::vector<std::string> queued;
      bool remove(const std::string& k, const Deployment&) {
        calls.push_back("remove deployments[\"" + k + "\"]");
        queued.push_back(k);  // accepted; deleted later
        return true;
      }
      void land() {
        for (const std::string& k : queued) state.deployments.erase(k);
        queued.clear();
      }
    };
    late_remover c;
    c.state.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    World want;
    want.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    reconcile::manual_clock clock;
    reconcile::expectations expect(30s, &clock);
    const auto pass = [&] {
      return reconcile::execute(reconcile::plan_for(c.state, want, {.expect = &expect}), c, {.expect = &expect});
    };
    const auto first = pass();
    CHECK(statuses(first) == std::vector<std::string>{"succeeded deployments[\"db\"]"});
    CHECK(first.outcomes[0].error.starts_with("removed; the create follows once a plan observes the resource gone"));
    CHECK(c.calls == std::vector<std::string>{"remove deployments[\"db\"]"});  // no create yet
    CHECK(expect.pending_destroys() == 1);
    CHECK(statuses(pass()) == std::vector<std::string>{"expected deployments[\"db\"]"});  // not observed gone yet
    c.land();
    CHECK(statuses(pass()) == std::vector<std::string>{"succeeded deployments[\"db\"]"});  // the create
    CHECK(c.calls.back() == "create deployments[\"db\"]");
    c.land();  // nothing late is left to hit it
    CHECK(c.state.deployments.at("db").name == "db2");
    CHECK(reconcile::plan_for(c.state, want, {.expect = &expect}).empty());
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
          "FAILED    delete records[\"old.example\"]: Permission denied\n"
          "skipped   delete deployments[\"old\"]: depends on records[\"old.example\"], which failed\n"
          "skipped   delete volumes[\"tmp\"]: depends on records[\"old.example\"], which failed\n"
          "6 succeeded, 2 failed, 2 skipped, 0 expected");
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

// An execute that records expectations (TTL 30 s on a manual clock) against a fake cloud seen
// through a lagging observer, and a desired world holding volume "v".
struct expecting {
  reconcile::manual_clock clock;
  reconcile::expectations expect{30s, &clock};
  reconcile::execute_options opts;
  fake::cloud<World> c;
  fake::lagging_observer<World> watch{c};
  World want;
  expecting() {
    opts.expect = &expect;
    want.volumes = {{"v", {"eu-1", 5, {}}}};
  }
};

TEST_CASE_FIXTURE(expecting, "expectations") {
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
          "expected  create volumes[\"v\"]: waiting for the create in flight to be observed (issued 10000 ms ago, "
          "expires in 20000 ms)\n"
          "expected  create deployments[\"api\"]: waiting for the create in flight to be observed (issued 10000 ms "
          "ago, expires in 20000 ms)\n"
          "0 succeeded, 0 failed, 0 skipped, 2 expected");
  }
  SUBCASE("once the observer catches up, the expectations clear") {
    reconcile::plan_options checked;
    checked.expect = &expect;
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    watch.catch_up();
    const auto p = reconcile::plan_for(watch.observe(), want, checked);
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
  SUBCASE("observe(plan) settles what the plan's actions show, and keeps the rest") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(expect.pending() == 2);
    watch.catch_up();
    World half = watch.observe();
    half.volumes.clear();  // the volume is not observed; the deployment is, but it has no action
    want.deployments["api"].replicas = 3;  // now it has: an update whose observation meets the create
    expect.observe(reconcile::plan_for(half, want));
    CHECK(expect.pending() == 1);
    CHECK_FALSE(expect.in_flight_at("deployments[\"api\"]"));
    CHECK(expect.in_flight_at("volumes[\"v\"]"));  // its create shows nothing yet: still in flight
    // A plan that has no action on an address says nothing about it (it may cover another
    // slice of the world): the volume's expectation stays.
    expect.observe(reconcile::plan_for(World{}, World{}));
    CHECK(expect.in_flight_at("volumes[\"v\"]"));
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
  SUBCASE("a different desired content on the same resource is held, not issued") {
    reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    want.volumes["v"].size_gb = 6;
    const auto r = reconcile::execute(reconcile::plan_for(watch.observe(), want), c, opts);
    CHECK(statuses(r) == std::vector<std::string>{"held volumes[\"v\"]", "expected deployments[\"api\"]"});
    CHECK(c.calls.size() == 2);
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

namespace gauges {
// A resource compared with a tolerance: an observation within 0.5 meets an expectation.
struct Level {
  double value = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Level>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Level::value> | tolerance(0.5));
}
using Levels = std::map<std::string, Level>;
struct panel {
  std::vector<std::string> calls;
  void create(const std::string& k, const Level& l) { calls.push_back("create " + k + " " + std::to_string(int(l.value))); }
  void update(const std::string& k, const Level&, const Level& l, const reconcile::changeset<Level>&) {
    calls.push_back("update " + k + " " + std::to_string(int(l.value)));
  }
  void remove(const std::string& k, const Level&) { calls.push_back("remove " + k); }
};
}  // namespace gauges

TEST_CASE_FIXTURE(expecting, "expectations by resource address") {
  const std::string v = "volumes[\"v\"]";
  auto run = [&](const World& desired) { return reconcile::execute(reconcile::plan_for(watch.observe(), desired), c, opts); };

  SUBCASE("a create in flight, then the target moves: no second action until it is observed") {
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
    CHECK(expect.in_flight_at(v));
    clock.advance(2s);
    want.volumes["v"].size_gb = 6;  // the target moves before the observer shows the create
    const auto r2 = run(want);
    CHECK(statuses(r2) == std::vector<std::string>{"held " + v});
    CHECK(r2.ok());  // waiting is not failing
    CHECK(r2.outcomes[0].error ==
          "waiting for the create in flight to be observed (issued 2000 ms ago, expires in 28000 ms)");
    CHECK(fmt::format("{}", r2) ==
          "held      create volumes[\"v\"]: waiting for the create in flight to be observed (issued 2000 ms ago, "
          "expires in 28000 ms)\n0 succeeded, 0 failed, 0 skipped, 0 expected, 1 held");
    clock.advance(3s);
    want.volumes["v"].size_gb = 7;  // and again
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v});
    CHECK(c.calls == std::vector<std::string>{"create " + v});
    CHECK(c.state.volumes.at("v").size_gb == 5);
    // The observer shows the create: the expectation is met, the next action goes out.
    watch.catch_up();
    const auto r4 = run(want);
    CHECK(statuses(r4) == std::vector<std::string>{"succeeded " + v});
    CHECK(c.calls == std::vector<std::string>{"create " + v, "update " + v});
    CHECK(c.state.volumes.at("v").size_gb == 7);
    // That update is in flight now: the same update again is `expected`, another one held.
    CHECK(statuses(run(want)) == std::vector<std::string>{"expected " + v});
    want.volumes["v"].size_gb = 8;
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v});
    CHECK(expect.pending() == 1);
    watch.catch_up();
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
  }
  SUBCASE("an observation that differs from the target is no confirmation") {
    run(want);
    c.state.volumes.at("v").size_gb = 4;  // something else changed it meanwhile
    watch.catch_up();
    want.volumes["v"].size_gb = 6;
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v});
    c.state.volumes.at("v").size_gb = 5;
    watch.catch_up();
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
  }
  SUBCASE("met by the resource's rules: an ignored field may differ") {
    want.deployments = {{"api", {"api", "img", 1, {}, ""}}};
    run(want);
    c.state.deployments.at("api").status = "Running";  // observed-only, ignored
    watch.catch_up();
    want.deployments["api"].replicas = 2;
    const auto r = run(want);
    CHECK(r.outcomes.back().address == "deployments[\"api\"]");
    CHECK(r.outcomes.back().status == outcome_status::succeeded);
  }
  SUBCASE("met by the resource's rules: within a tolerance") {
    gauges::panel act;
    gauges::Levels seen, target{{"a", {10}}};
    CHECK(reconcile::execute(reconcile::plan_for(seen, target), act, opts).ok());
    seen = {{"a", {11}}};  // outside the tolerance of 0.5: not the create's result
    target["a"].value = 12;
    CHECK(reconcile::execute(reconcile::plan_for(seen, target), act, opts).count(outcome_status::held) == 1);
    seen = {{"a", {10.3}}};  // within it: met
    CHECK(reconcile::execute(reconcile::plan_for(seen, target), act, opts).count(outcome_status::succeeded) == 1);
    CHECK(act.calls == std::vector<std::string>{"create a 10", "update a 12"});
  }
  SUBCASE("a delete in flight: met when the resource is observed gone") {
    c.state = want;
    watch.catch_up();
    CHECK(statuses(run(World{})) == std::vector<std::string>{"succeeded " + v});
    CHECK(statuses(run(World{})) == std::vector<std::string>{"expected " + v});  // the observer lags
    want.volumes["v"].size_gb = 9;  // wanted back, bigger: not while the delete is in flight
    clock.advance(1500ms);
    const auto r = run(want);
    CHECK(statuses(r) == std::vector<std::string>{"held " + v});
    CHECK(r.outcomes[0].verb == reconcile::verb::update);
    CHECK(r.outcomes[0].error ==
          "waiting for the delete in flight to be observed gone (issued 1500 ms ago, expires in 28500 ms)");
    watch.catch_up();
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
    CHECK(c.calls == std::vector<std::string>{"remove " + v, "create " + v});
    CHECK(c.state.volumes.at("v").size_gb == 9);
  }
  SUBCASE("the TTL ends an expectation that is never met (a lost event)") {
    run(want);
    c.state = World{};  // the create was lost: the observer will never show it
    want.volumes["v"].size_gb = 6;
    clock.advance(30s - 1ms);
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v});
    CHECK(expect.pending() == 1);
    clock.advance(1ms);
    CHECK(expect.pending() == 0);
    CHECK_FALSE(expect.in_flight_at(v));
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
    CHECK(c.calls == std::vector<std::string>{"create " + v, "create " + v});
    CHECK(expect.pending() == 1);  // the new create is expected in its turn
  }
  SUBCASE("a failed action leaves no expectation: the next one goes out at once") {
    bool reserved_during_call = false;
    c.on_call = [&](const std::string&) { reserved_during_call = expect.in_flight_at(v); };
    c.fail("create " + v);
    CHECK(statuses(run(want)) == std::vector<std::string>{"failed " + v});
    CHECK(reserved_during_call);  // the address is reserved while the call runs
    CHECK(expect.pending() == 0);
    CHECK_FALSE(expect.in_flight_at(v));
    c.heal();
    want.volumes["v"].size_gb = 6;
    CHECK(statuses(run(want)) == std::vector<std::string>{"succeeded " + v});
    CHECK(c.state.volumes.at("v").size_gb == 6);
  }
  SUBCASE("a skipped action leaves none either, and a held one does not block its dependents") {
    want.deployments = {{"api", {"api", "img", 1, {}, ""}}};
    c.fail("create " + v);
    CHECK(statuses(run(want)) == std::vector<std::string>{"failed " + v, "skipped deployments[\"api\"]"});
    CHECK(expect.pending() == 0);
    c.heal();
    World only_v = want;
    only_v.deployments.clear();
    CHECK(run(only_v).ok());
    want.volumes["v"].size_gb = 6;  // held: the create is in flight; the deployment still goes
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v, "succeeded deployments[\"api\"]"});
    want.deployments["api"].replicas = 4;
    CHECK(statuses(run(want)) == std::vector<std::string>{"held " + v, "held deployments[\"api\"]"});
  }
}

TEST_CASE_FIXTURE(expecting, "expectations checked by plan_for (plan_options::expect)") {
  reconcile::plan_options checked;
  checked.expect = &expect;
  want.deployments = {{"api", {"api", "img", 1, {}, ""}}};
  REQUIRE(reconcile::execute(reconcile::plan_for(watch.observe(), want, checked), c, opts).ok());
  clock.advance(1s);

  SUBCASE("the plan marks held actions, and its rendering says why") {
    want.volumes["v"].size_gb = 6;
    const auto p = reconcile::plan_for(watch.observe(), want, checked);
    REQUIRE(p.size() == 2);
    CHECK(p[0].held());
    CHECK(p[1].held());
    CHECK(p.held() == 2);
    CHECK(fmt::format("{}", p) ==
          "+ create volumes[\"v\"]  # held: waiting for the create in flight to be observed (issued 1000 ms ago, "
          "expires in 29000 ms)\n"
          "+ create deployments[\"api\"]  # expected: waiting for the create in flight to be observed (issued 1000 "
          "ms ago, expires in 29000 ms)\n"
          "Plan: 2 to add, 0 to change, 0 to destroy. (1 expected, 1 held while earlier actions are in flight)");
    CHECK_FALSE(p[0].expected());
    CHECK(p[1].expected());  // the identical create: the report says `expected` too
    CHECK(fmt::format("{}", p[0]) == "+ create volumes[\"v\"]");
    const auto r = reconcile::execute(p, c, opts);
    CHECK(statuses(r) == std::vector<std::string>{"held volumes[\"v\"]", "expected deployments[\"api\"]"});
    CHECK(c.calls.size() == 2);
    // Without expectations nothing is held.
    CHECK(reconcile::plan_for(watch.observe(), want).held() == 0);
  }
  SUBCASE("met expectations end when the whole observed world shows them") {
    watch.catch_up();
    const auto p = reconcile::plan_for(watch.observe(), want, checked);
    CHECK(p.empty());
    CHECK(expect.pending() == 0);
  }
  SUBCASE("an address the plan has no action for keeps its unmet expectation") {
    // The desired volume goes away while its create is in flight (the observer shows nothing
    // there yet, so there is nothing to do), then comes back different: still no second create.
    World without = want;
    without.volumes.clear();
    const auto p1 = reconcile::plan_for(watch.observe(), without, checked);
    CHECK(lines(p1) == std::vector<std::string>{"create deployments[\"api\"]"});
    CHECK(reconcile::execute(p1, c, opts).count(outcome_status::expected) == 1);
    CHECK(expect.in_flight_at("volumes[\"v\"]"));
    want.volumes["v"].size_gb = 7;
    CHECK(statuses(reconcile::execute(reconcile::plan_for(watch.observe(), want, checked), c, opts)) ==
          std::vector<std::string>{"held volumes[\"v\"]", "expected deployments[\"api\"]"});
    watch.catch_up();  // the first create lands: now the update goes out
    CHECK(statuses(reconcile::execute(reconcile::plan_for(watch.observe(), want, checked), c, opts)) ==
          std::vector<std::string>{"succeeded volumes[\"v\"]"});
    CHECK(c.calls == std::vector<std::string>{"create volumes[\"v\"]", "create deployments[\"api\"]",
                                              "update volumes[\"v\"]"});
  }
  SUBCASE("a kind kept in a keyed_by sequence: found by its key") {
    World dns = want;
    dns.records = {{"a.example", "1.1.1.1", 300}};
    REQUIRE(reconcile::execute(reconcile::plan_for(watch.observe(), dns, checked), c, opts).count(outcome_status::succeeded) == 1);
    dns.records[0].target = "1.1.1.2";
    const auto p = reconcile::plan_for(watch.observe(), dns, checked);
    CHECK(p.held() == 3);
    watch.catch_up();
    const auto r = reconcile::execute(reconcile::plan_for(watch.observe(), dns, checked), c, opts);
    CHECK(statuses(r) == std::vector<std::string>{"succeeded records[\"a.example\"]"});
    CHECK(expect.pending() == 1);
  }
  SUBCASE("a plan made without them keeps an address it has no action for in flight") {
    World without = want;
    without.volumes.clear();
    reconcile::execute(reconcile::plan_for(watch.observe(), without), c, opts);
    CHECK(expect.in_flight_at("volumes[\"v\"]"));  // nothing shows it met: it may lie in another slice
    CHECK(expect.in_flight_at("deployments[\"api\"]"));
  }
}

TEST_CASE("expectations recorded by idempotency key alone") {
  reconcile::manual_clock clock;
  reconcile::expectations expect(30s, &clock);
  World want;
  want.volumes = {{"v", {"eu-1", 5, {}}}};
  const auto p = reconcile::plan_for(World{}, want);
  expect.record(p[0].idempotency_key());
  CHECK(expect.in_flight(p[0].idempotency_key()));
  CHECK_FALSE(expect.in_flight_at("volumes[\"v\"]"));  // no address: only the identical action waits
  reconcile::execute_options opts;
  opts.expect = &expect;
  fake::cloud<World> c;
  CHECK(statuses(reconcile::execute(p, c, opts)) == std::vector<std::string>{"expected volumes[\"v\"]"});
  want.volumes["v"].size_gb = 6;
  CHECK(statuses(reconcile::execute(reconcile::plan_for(World{}, want), c, opts)) ==
        std::vector<std::string>{"succeeded volumes[\"v\"]"});
  CHECK(expect.pending() == 2);  // the address-keyed one; the key-only one until its TTL
  clock.advance(30s);
  CHECK(expect.pending() == 0);
}

// This TU includes fmt/core.h only, never fmt/format.h (whose formatter<string_view>::format the
// core's formatters used to inherit: a program that printed without fmt/format.h did not link).
#ifdef FMT_FORMAT_H_
#error "test_execute.cpp proves the formatters need only fmt/core.h: do not include fmt/format.h here"
#endif

TEST_CASE("formatters: every core type prints with fmt/core.h alone, with fill, align and width") {
  fake::cloud<World> c;
  c.state = start();
  const auto p = reconcile::plan_for(c.state, goal());
  const auto r = reconcile::execute(p, c);
  const auto cs = reconcile::diff(start().volumes.at("data"), goal().volumes.at("data"));
  REQUIRE(!cs.empty());
  const reconcile::change& first = *cs.begin();
  CHECK(fmt::format("{}", p).ends_with("Plan: 4 to add, 3 to change, 4 to destroy."));
  CHECK(fmt::format("{}", p[0]) == "~ update volumes[\"data\"]  (size_gb: 10 -> 20, + tags[\"team\"]: \"db\")");
  CHECK(fmt::format("[{:>8}]", reconcile::verb::create) == "[  create]");
  CHECK(fmt::format("[{:*^7}]", reconcile::op::add) == "[**add**]");
  CHECK(fmt::format("{}", r).starts_with("ok        update volumes[\"data\"]"));
  CHECK(fmt::format("[{:<9}]", outcome_status::held) == "[held     ]");
  CHECK(fmt::format("{}", cs) == "~ size_gb: 10 -> 20\n+ tags[\"team\"]: \"db\"");
  CHECK(fmt::format("{}", first) == "~ size_gb: 10 -> 20");
  CHECK(fmt::format("[{:>9}]", first.path()) == "[  size_gb]");
  CHECK(fmt::format("{} -> {}", first.old_value(), first.new_value()) == "10 -> 20");
  CHECK(fmt::format("[{:>4}]", reconcile::reconcile_id{7}) == "[   7]");
}
