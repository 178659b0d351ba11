// Tests of reconcile/plan.hpp (plan_for, plan, action) and the plan formatting of format.hpp:
// verbs, order, determinism, ownership, typed access, idempotency keys, budgets, rendering.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <unordered_map>
#include <vector>

#include "support/fake_cloud.hpp"

using fake::Deployment;
using fake::Port;
using fake::Record;
using fake::Volume;
using fake::World;
using reconcile::verb;

// A key type with == and a hash but no <: plans order it by its printed text.
namespace keys {
struct Cell {
  int x = 0;
  int y = 0;
  bool operator==(const Cell&) const = default;
};
struct CellHash {
  std::size_t operator()(const Cell& c) const noexcept { return std::hash<int>{}(c.x * 31 + c.y); }
};

// A world that carries a non-resource field, ignored by the plan.
struct Tagged {
  std::string region;
  std::map<std::string, Volume> volumes;
};
constexpr auto reconcile_rules(reconcile::type_t<Tagged>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Tagged::region> | ignore);
}
}  // namespace keys

// Immutability deep inside a resource: a replace names the immutable field's own path.
namespace nested {
struct Selector {
  std::string app;
  std::string tier;
};
constexpr auto reconcile_rules(reconcile::type_t<Selector>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Selector::app> | immutable);  // only app; tier may change
}
struct Template {
  std::map<std::string, std::string> labels;
  std::string image;
};
struct Spec {
  Selector selector;
  Template pod;
  std::optional<Selector> canary;
  int replicas = 1;
};
constexpr auto reconcile_rules(reconcile::type_t<Spec>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Spec::pod> | immutable);  // the whole template, map included
}
struct Container {
  std::string name;
  std::string image;
  std::pair<int, std::string> port;
};
constexpr auto reconcile_rules(reconcile::type_t<Container>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Container::image> | immutable);
}
struct Workload {
  Spec spec;
  std::vector<Container> containers;
  std::variant<int, Selector> placement;
};
constexpr auto reconcile_rules(reconcile::type_t<Workload>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Workload::containers> | keyed_by<&Container::name>);
}
}  // namespace nested

namespace {

World observed_world() {
  World w;
  w.volumes = {{"data", {"eu-1", 10, {}}}, {"tmp", {"eu-1", 1, {}}}};
  w.deployments = {{"api", {"api", "api:1", 2, {}, ""}}, {"db", {"db", "pg:15", 1, {}, ""}}, {"old", {"old", "x", 1, {}, ""}}};
  w.records = {{"old.example", "2.2.2.2", 300}, {"a.example", "1.1.1.1", 300}};
  return w;
}

World desired_world() {
  World w;
  w.volumes = {{"data", {"eu-1", 20, {}}}, {"logs", {"eu-1", 5, {}}}};
  w.deployments = {{"api", {"api", "api:1", 3, {}, ""}}, {"db", {"db2", "pg:15", 1, {}, ""}}, {"web", {"web", "nginx", 2, {}, ""}}};
  w.records = {{"new.example", "3.3.3.3", 300}, {"a.example", "1.1.1.2", 300}};
  return w;
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

const char* const full_plan =
    "~ update volumes[\"data\"]  (size_gb: 10 -> 20)\n"
    "+ create volumes[\"logs\"]\n"
    "~ update deployments[\"api\"]  (replicas: 2 -> 3)\n"
    "-/+ replace deployments[\"db\"]  (name is immutable)\n"
    "+ create deployments[\"web\"]\n"
    "~ update records[\"a.example\"]  (target: \"1.1.1.1\" -> \"1.1.1.2\")\n"
    "+ create records[\"new.example\"]\n"
    "- delete records[\"old.example\"]\n"
    "- delete deployments[\"old\"]\n"
    "- delete volumes[\"tmp\"]\n"
    "Plan: 4 to add, 3 to change, 4 to destroy.";

}  // namespace

TEST_CASE("plan_for") {
  SUBCASE("equal worlds give an empty plan") {
    const auto p = reconcile::plan_for(observed_world(), observed_world());
    CHECK(p.empty());
    CHECK(p.size() == 0);
    CHECK(p.begin() == p.end());
    CHECK(fmt::format("{}", p) == "No changes.");
  }
  SUBCASE("absent: create; not desired: remove; differs: update; immutable differs: replace") {
    World o, d;
    o.volumes = {{"same", {}}, {"grow", {"eu-1", 1, {}}}, {"move", {"eu-1", 1, {}}}, {"gone", {}}};
    d.volumes = {{"same", {}}, {"grow", {"eu-1", 2, {}}}, {"move", {"eu-2", 1, {}}}, {"new", {}}};
    const auto p = reconcile::plan_for(o, d);
    REQUIRE(p.size() == 4);
    CHECK(lines(p) == std::vector<std::string>{"update volumes[\"grow\"]", "replace volumes[\"move\"]",
                                               "create volumes[\"new\"]", "remove volumes[\"gone\"]"});
    CHECK(p[0].verb() == verb::update);
    CHECK(p[0].details() == std::vector<std::string>{"~ size_gb: 1 -> 2"});
    CHECK(p[1].verb() == verb::replace);
    CHECK(p[1].details() == std::vector<std::string>{"zone"});
    CHECK_FALSE(p[1].create_before_destroy());
    for (const auto& a : p) CHECK(a.kind() == "volumes");
  }
  SUBCASE("an update carries its changeset; a replace carries the diff too") {
    World o = observed_world(), d = observed_world();
    d.deployments["api"].replicas = 5;
    d.deployments["api"].image = "api:2";
    d.volumes["data"].zone = "eu-9";
    d.volumes["data"].size_gb = 11;
    const auto p = reconcile::plan_for(o, d);
    REQUIRE(p.size() == 2);
    const auto* vol = p[0].changes_as<Volume>();
    REQUIRE(vol);
    CHECK(vol->size() == 2);
    CHECK(vol->requires_replace());
    const auto* cs = p[1].changes_as<Deployment>();
    REQUIRE(cs);
    CHECK(fmt::format("{}", *cs) == "~ image: \"api:1\" -> \"api:2\"\n~ replicas: 2 -> 5");
    CHECK(p[1].details() == std::vector<std::string>{"~ image: \"api:1\" -> \"api:2\"", "~ replicas: 2 -> 5"});
  }
  SUBCASE("rules of the resource type hold: ignored fields and keyed order cause no action") {
    World o = observed_world(), d = observed_world();
    o.deployments["api"].status = "Running";
    o.deployments["api"].ports = {{"http", 80}, {"grpc", 90}};
    d.deployments["api"].ports = {{"grpc", 90}, {"http", 80}};
    CHECK(reconcile::plan_for(o, d).empty());
  }
  SUBCASE("a keyed_by world field matches records by key, not by position") {
    World o = observed_world(), d = observed_world();
    std::reverse(d.records.begin(), d.records.end());
    CHECK(reconcile::plan_for(o, d).empty());
    d.records[0].ttl = 60;  // a.example after the reverse
    const auto p = reconcile::plan_for(o, d);
    CHECK(lines(p) == std::vector<std::string>{"update records[\"a.example\"]"});
    CHECK(p[0].key_text() == "\"a.example\"");
  }
  SUBCASE("a duplicate key in a keyed_by world field is an error naming its path") {
    World o = observed_world(), d = observed_world();
    d.records.push_back({"a.example", "9.9.9.9", 1});
    try {
      (void)reconcile::plan_for(o, d);
      FAIL("no error");
    } catch (const reconcile::error& e) {
      CHECK(fmt::format("{}", e.path()) == "records[\"a.example\"]");
      CHECK(std::string(e.what()) == "reconcile::plan_for: duplicate key in the desired records: records[\"a.example\"]");
    }
  }
  SUBCASE("a duplicate key inside a resource is an error naming the resource's path") {
    World o = observed_world(), d = observed_world();
    d.deployments["api"].ports = {{"http", 80}, {"http", 81}};
    try {
      (void)reconcile::plan_for(o, d);
      FAIL("no error");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "deployments[\"api\"].ports");
      CHECK(std::string(e.what()).starts_with("reconcile::plan_for: deployments[\"api\"]: reconcile::diff: duplicate key"));
    }
  }
  SUBCASE("a single collection: plan_for(map, map), kind \"resources\"") {
    std::map<std::string, Volume> o{{"a", {}}, {"b", {}}}, d{{"b", {"eu-1", 3, {}}}, {"c", {}}};
    const auto p = reconcile::plan_for(o, d);
    CHECK(lines(p) == std::vector<std::string>{"update resources[\"b\"]", "create resources[\"c\"]",
                                               "remove resources[\"a\"]"});
    CHECK(fmt::format("{}", p) ==
          "~ update resources[\"b\"]  (size_gb: 10 -> 3)\n+ create resources[\"c\"]\n- delete resources[\"a\"]\n"
          "Plan: 1 to add, 1 to change, 1 to destroy.");
  }
  SUBCASE("a single unordered_map with int keys") {
    std::unordered_map<int, Volume> o{{3, {}}, {1, {}}}, d{{2, {}}, {1, {"eu-1", 7, {}}}};
    CHECK(lines(reconcile::plan_for(o, d)) ==
          std::vector<std::string>{"update resources[1]", "create resources[2]", "remove resources[3]"});
  }
  SUBCASE("keys without < are ordered by their printed text") {
    std::unordered_map<keys::Cell, Volume, keys::CellHash> o, d;
    for (int i : {10, 2, 1}) d[{i, 0}] = Volume{};
    const auto p = reconcile::plan_for(o, d);
    CHECK(lines(p) == std::vector<std::string>{"create resources[{x: 1, y: 0}]", "create resources[{x: 10, y: 0}]",
                                               "create resources[{x: 2, y: 0}]"});
  }
  SUBCASE("a world field with the ignore rule is not a kind") {
    keys::Tagged o{"eu", {}}, d{"us", {{"v", {}}}};
    const auto p = reconcile::plan_for(o, d);
    CHECK(lines(p) == std::vector<std::string>{"create volumes[\"v\"]"});
    CHECK(p[0].kind_index() == 1);
  }
}

TEST_CASE("plan_for order") {
  SUBCASE("creates, updates and replaces in kind order; removes reversed; by key within a kind") {
    const auto p = reconcile::plan_for(observed_world(), desired_world());
    CHECK(lines(p) == std::vector<std::string>{
                          "update volumes[\"data\"]", "create volumes[\"logs\"]", "update deployments[\"api\"]",
                          "replace deployments[\"db\"]", "create deployments[\"web\"]", "update records[\"a.example\"]",
                          "create records[\"new.example\"]", "remove records[\"old.example\"]",
                          "remove deployments[\"old\"]", "remove volumes[\"tmp\"]"});
    std::vector<std::size_t> kinds;
    for (const auto& a : p) kinds.push_back(a.kind_index());
    CHECK(kinds == std::vector<std::size_t>{0, 0, 1, 1, 1, 2, 2, 2, 1, 0});
  }
  SUBCASE("deterministic for unordered_map whatever its insertion order and bucket count") {
    World o1, d1, o2, d2;
    const std::vector<std::string> names = {"k", "c", "x", "a", "q", "m", "b", "z", "e", "h"};
    for (const auto& n : names) {
      o1.deployments[n] = {n, "old", 1, {}, ""};
      d1.deployments[n + "2"] = {n, "new", 1, {}, ""};
    }
    o2.deployments.rehash(1024);
    d2.deployments.rehash(3);
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
      o2.deployments[*it] = {*it, "old", 1, {}, ""};
      d2.deployments[*it + "2"] = {*it, "new", 1, {}, ""};
    }
    const auto p1 = reconcile::plan_for(o1, d1);
    const auto p2 = reconcile::plan_for(o2, d2);
    CHECK(lines(p1) == lines(p2));
    CHECK(fmt::format("{}", p1) == fmt::format("{}", p2));
    REQUIRE(p1.size() == 20);
    CHECK(p1[0].address() == "deployments[\"a2\"]");
    CHECK(p1[19].address() == "deployments[\"z\"]");  // removes come last, also by key
    CHECK(p1[10].address() == "deployments[\"a\"]");
  }
}

TEST_CASE("plan ownership") {
  SUBCASE("a plan outlives the worlds it was computed from") {
    reconcile::plan<World> p;
    {
      World o = observed_world();
      World d = desired_world();
      p = reconcile::plan_for(o, d);
      o.deployments.clear();
      d.deployments.clear();
    }
    CHECK(fmt::format("{}", p) == full_plan);
    const auto& db = p[3];
    REQUIRE(db.desired_as<Deployment>());
    CHECK(db.desired_as<Deployment>()->name == "db2");
    CHECK(db.observed_as<Deployment>()->name == "db");
    CHECK(db.changes_as<Deployment>()->size() == 1);
  }
  SUBCASE("executing the plan changes the observed world; the plan is unaffected") {
    fake::cloud<World> c;
    c.state = observed_world();
    const World want = desired_world();
    const auto p = reconcile::plan_for(c.state, want);
    const std::string before = fmt::format("{}", p);
    REQUIRE(reconcile::execute(p, c).ok());
    CHECK(c.state.volumes.count("tmp") == 0);  // the observed world changed under the plan
    CHECK(fmt::format("{}", p) == before);
    CHECK(p[9].observed_as<Volume>()->size_gb == 1);  // remove volumes["tmp"] kept its copy
    CHECK(p[0].observed_as<Volume>()->size_gb == 10);
  }
  SUBCASE("a plan moves") {
    auto p = reconcile::plan_for(observed_world(), desired_world());
    auto q = std::move(p);
    CHECK(q.size() == 10);
  }
}

TEST_CASE("action typed access") {
  const auto p = reconcile::plan_for(observed_world(), desired_world());
  const reconcile::action& update = p[0];  // volumes["data"]
  const reconcile::action& create = p[1];  // volumes["logs"]
  const reconcile::action& remove = p[9];  // volumes["tmp"]
  const reconcile::action& record = p[5];  // records["a.example"]
  SUBCASE("holds the resource type") {
    CHECK(update.holds<Volume>());
    CHECK_FALSE(update.holds<Deployment>());
    CHECK(record.holds<Record>());
  }
  SUBCASE("key, observed, desired and changes of the right type") {
    REQUIRE(update.key_as<std::string>());
    CHECK(*update.key_as<std::string>() == "data");
    CHECK(update.observed_as<Volume>()->size_gb == 10);
    CHECK(update.desired_as<Volume>()->size_gb == 20);
    REQUIRE(update.changes_as<Volume>());
    CHECK(fmt::format("{}", *update.changes_as<Volume>()) == "~ size_gb: 10 -> 20");
    CHECK(record.desired_as<Record>()->target == "1.1.1.2");
    CHECK(*record.key_as<std::string>() == "a.example");
  }
  SUBCASE("absent parts and wrong types give nullptr") {
    CHECK(create.observed_as<Volume>() == nullptr);
    CHECK(create.desired_as<Volume>() != nullptr);
    CHECK(create.changes_as<Volume>() == nullptr);
    CHECK(remove.desired_as<Volume>() == nullptr);
    CHECK(remove.observed_as<Volume>() != nullptr);
    CHECK(update.desired_as<Deployment>() == nullptr);
    CHECK(update.changes_as<Record>() == nullptr);
    CHECK(update.key_as<int>() == nullptr);
  }
  SUBCASE("address, key text and kind") {
    CHECK(update.address() == "volumes[\"data\"]");
    CHECK(update.key_text() == "\"data\"");
    CHECK(record.kind() == "records");
    CHECK(record.kind_index() == 2);
  }
}

TEST_CASE("action::idempotency_key") {
  SUBCASE("a stable literal value: the same on every run, compiler and platform") {
    World o, d;
    d.volumes["logs"] = {"eu-1", 5, {{"team", "infra"}}};
    const auto p = reconcile::plan_for(o, d);
    REQUIRE(p.size() == 1);
    CHECK(p[0].idempotency_id() == "b8c262e975c96266");
    CHECK(p[0].idempotency_key() == 0xb8c262e975c96266ull);
  }
  SUBCASE("identical for equal inputs built separately") {
    World o1, o2, d1, d2;
    d1.volumes["v"] = {"eu-1", 5, {}};
    d2.volumes["v"] = {"eu-1", 5, {}};
    d2.volumes["v"].tags.rehash(512);
    for (int i = 0; i < 20; ++i) d1.volumes["v"].tags["t" + std::to_string(i)] = "x";
    for (int i = 19; i >= 0; --i) d2.volumes["v"].tags["t" + std::to_string(i)] = "x";
    d1.deployments["api"] = {"api", "img", 2, {{"http", 80}, {"grpc", 90}}, ""};
    d2.deployments["api"] = {"api", "img", 2, {{"grpc", 90}, {"http", 80}}, "Running"};  // status is ignored
    const auto p1 = reconcile::plan_for(o1, d1);
    const auto p2 = reconcile::plan_for(o2, d2);
    REQUIRE(p1.size() == 2);
    REQUIRE(p2.size() == 2);
    CHECK(p1[0].idempotency_key() == p2[0].idempotency_key());
    CHECK(p1[1].idempotency_key() == p2[1].idempotency_key());
    CHECK(p1[0].idempotency_key() != p1[1].idempotency_key());
  }
  SUBCASE("the same action planned again, from other observations, keeps its key") {
    World o1 = observed_world(), o2 = observed_world();
    o2.deployments["api"].replicas = 1;  // another starting point, same desired
    const auto p1 = reconcile::plan_for(o1, desired_world());
    const auto p2 = reconcile::plan_for(o2, desired_world());
    CHECK(p1[2].address() == "deployments[\"api\"]");
    CHECK(p2[2].address() == "deployments[\"api\"]");
    CHECK(p1[2].idempotency_key() == p2[2].idempotency_key());
  }
  SUBCASE("differs when the desired content, the key, the kind or the verb differ") {
    World o, d1, d2, d3;
    d1.volumes["v"] = {"eu-1", 5, {}};
    d2.volumes["v"] = {"eu-1", 6, {}};
    d3.volumes["w"] = {"eu-1", 5, {}};
    const auto k1 = reconcile::plan_for(o, d1)[0].idempotency_key();
    CHECK(k1 != reconcile::plan_for(o, d2)[0].idempotency_key());
    CHECK(k1 != reconcile::plan_for(o, d3)[0].idempotency_key());
    std::map<std::string, Volume> single{{"v", {"eu-1", 5, {}}}};
    CHECK(k1 != reconcile::plan_for(std::map<std::string, Volume>{}, single)[0].idempotency_key());
    World r = d1;
    r.volumes["v"].zone = "eu-2";  // a replace towards d1
    CHECK(reconcile::plan_for(r, d1)[0].verb() == verb::replace);
    CHECK(k1 != reconcile::plan_for(r, d1)[0].idempotency_key());
  }
}

TEST_CASE("plan_options::max_destroys") {
  World o, d;
  o.volumes = {{"a", {}}, {"b", {}}, {"c", {}}, {"z", {"eu-1", 1, {}}}};
  o.deployments = {{"d", {"d", "i", 1, {}, ""}}};
  d.volumes = {{"z", {"eu-2", 1, {}}}, {"n", {}}};  // z: replace; a, b, c, d: removes
  SUBCASE("no budget: everything") {
    const auto p = reconcile::plan_for(o, d);
    CHECK(p.size() == 6);
    CHECK(p.deferred() == 0);
  }
  SUBCASE("the replace takes the budget first, then removes in execution order; the rest is deferred") {
    reconcile::plan_options opts;
    opts.max_destroys = 2;
    const auto p = reconcile::plan_for(o, d, opts);
    CHECK(lines(p) == std::vector<std::string>{"create volumes[\"n\"]", "replace volumes[\"z\"]",
                                               "remove deployments[\"d\"]"});
    CHECK(p.deferred() == 3);
    CHECK(p.deferred_keys().size() == 3);
    CHECK(fmt::format("{}", p) ==
          "+ create volumes[\"n\"]\n-/+ replace volumes[\"z\"]  (zone is immutable)\n- delete deployments[\"d\"]\n"
          "Plan: 2 to add, 0 to change, 2 to destroy. (3 destroys deferred by max_destroys)");
  }
  SUBCASE("the next plan holds the deferred destroys") {
    reconcile::plan_options opts;
    opts.max_destroys = 2;
    fake::cloud<World> c;
    c.state = o;
    std::vector<std::vector<std::string>> rounds;
    for (int i = 0; i < 4; ++i) {
      const auto p = reconcile::plan_for(c.state, d, opts);
      if (p.empty()) break;
      rounds.push_back(lines(p));
      REQUIRE(reconcile::execute(p, c).ok());
    }
    CHECK(rounds == std::vector<std::vector<std::string>>{
                        {"create volumes[\"n\"]", "replace volumes[\"z\"]", "remove deployments[\"d\"]"},
                        {"remove volumes[\"a\"]", "remove volumes[\"b\"]"},
                        {"remove volumes[\"c\"]"}});
    CHECK(reconcile::equal(c.state, d));
  }
  SUBCASE("a zero budget defers every destroy and keeps the rest") {
    reconcile::plan_options opts;
    opts.max_destroys = 0;
    const auto p = reconcile::plan_for(o, d, opts);
    CHECK(lines(p) == std::vector<std::string>{"create volumes[\"n\"]"});
    CHECK(p.deferred() == 5);
  }
}

TEST_CASE("prevent_destroy") {
  fake::ProtectedWorld o, d;
  o.volumes = {{"keep", {}}, {"tmp", {}}};
  o.deployments = {{"old", {"old", "i", 1, {}, ""}}};
  SUBCASE("a plan that would delete there is refused, naming the path") {
    d.volumes = {{"keep", {}}};
    try {
      (void)reconcile::plan_for(o, d);
      FAIL("no error");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "volumes[\"tmp\"]");
      CHECK(e.path()[0].kind() == reconcile::segment_kind::field);
      CHECK(e.path()[1].key<std::string>() == "tmp");
      CHECK(std::string(e.what()) ==
            "reconcile::plan_for: volumes[\"tmp\"] would be destroyed, but volumes has prevent_destroy");
    }
  }
  SUBCASE("a replace there is refused too") {
    d.volumes = {{"keep", {"eu-2", 10, {}}}, {"tmp", {}}};
    CHECK_THROWS_WITH_AS(
        (void)reconcile::plan_for(o, d),
        "reconcile::plan_for: volumes[\"keep\"] would be replaced, but volumes has prevent_destroy", reconcile::error);
  }
  SUBCASE("creates, updates and other kinds' removes are allowed") {
    d.volumes = {{"keep", {"eu-1", 50, {}}}, {"tmp", {}}, {"new", {}}};
    const auto p = reconcile::plan_for(o, d);
    CHECK(lines(p) == std::vector<std::string>{"update volumes[\"keep\"]", "create volumes[\"new\"]",
                                               "remove deployments[\"old\"]"});
  }
}

TEST_CASE("fmt::formatter<plan>") {
  SUBCASE("Terraform's symbols and the summary; a replace counts as add and destroy") {
    const auto p = reconcile::plan_for(observed_world(), desired_world());
    CHECK(fmt::format("{}", p) == full_plan);
    CHECK(p.to_add() == 4);
    CHECK(p.to_change() == 3);
    CHECK(p.to_destroy() == 4);
  }
  SUBCASE("several immutable fields, several changes") {
    std::map<std::string, Deployment> o{{"a", {"a", "i", 1, {}, ""}}};
    auto d = o;
    d["a"].replicas = 2;
    d["a"].ports = {{"http", 80}};
    CHECK(fmt::format("{}", reconcile::plan_for(o, d)) ==
          "~ update resources[\"a\"]  (replicas: 1 -> 2, + ports[\"http\"]: {name: \"http\", number: 80})\n"
          "Plan: 0 to add, 1 to change, 0 to destroy.");
  }
  SUBCASE("create_before_destroy renders +/-") {
    fake::CbdWorld o, d;
    o.deployments = {{"db", {"db", "pg", 1, {}, ""}}};
    d.deployments = {{"db", {"db2", "pg", 1, {}, ""}}};
    const auto p = reconcile::plan_for(o, d);
    CHECK(p[0].create_before_destroy());
    CHECK(fmt::format("{}", p) ==
          "+/- replace deployments[\"db\"]  (name is immutable)\nPlan: 1 to add, 0 to change, 1 to destroy.");
  }
  SUBCASE("colour when asked: ANSI codes around the symbol") {
    World o, d;
    o.volumes = {{"a", {}}, {"b", {}}, {"c", {}}};
    d.volumes = {{"a", {"eu-1", 1, {}}}, {"b", {"eu-2", 10, {}}}, {"n", {}}};
    const auto p = reconcile::plan_for(o, d);
    CHECK(reconcile::detail::render_plan(p, reconcile::detail::ansi::on) ==
          "\033[33m~ update \033[0mvolumes[\"a\"]  (size_gb: 10 -> 1)\n"
          "\033[31m-/+ replace \033[0mvolumes[\"b\"]  (zone is immutable)\n"
          "\033[32m+ create \033[0mvolumes[\"n\"]\n"
          "\033[31m- delete \033[0mvolumes[\"c\"]\n"
          "Plan: 2 to add, 1 to change, 2 to destroy.");
    CHECK(reconcile::detail::render_plan(p, reconcile::detail::ansi::off) == fmt::format("{}", p));
    CHECK(fmt::format("{}", p).find('\033') == std::string::npos);
  }
  SUBCASE("width and alignment of the string formatter apply") {
    std::map<std::string, Volume> o, d{{"a", {}}};
    CHECK(fmt::format("{:>5}", reconcile::plan_for(o, o)) == "No changes.");
    CHECK(fmt::format("[{:^15}]", reconcile::plan_for(o, o)) == "[  No changes.  ]");
    (void)d;
  }
}

TEST_CASE("replace: the exact path of the immutable field that forces it") {
  using nested::Workload;
  std::map<std::string, Workload> o;
  o["w"].spec.selector = {"web", "front"};
  o["w"].spec.pod = {{{"team", "a"}}, "nginx:1"};
  o["w"].containers = {{"web", "nginx:1", {80, "http"}}, {"log", "fluent:1", {0, ""}}};
  auto one = [&](auto&& edit) {
    auto want = o;
    edit(want["w"]);
    const auto p = reconcile::plan_for(o, want);
    REQUIRE(p.size() == 1);
    return std::pair{std::string(reconcile::to_string(p[0].verb())), p[0].details()};
  };
  using details = std::vector<std::string>;
  SUBCASE("a nested immutable field: its full path, not the top-level field") {
    const auto [v, det] = one([](Workload& w) { w.spec.selector.app = "api"; });
    CHECK(v == "replace");
    CHECK(det == details{"spec.selector.app"});
    auto want = o;
    want["w"].spec.selector.app = "api";
    const auto p = reconcile::plan_for(o, want);
    CHECK(fmt::format("{}", p[0]) == "-/+ replace resources[\"w\"]  (spec.selector.app is immutable)");
  }
  SUBCASE("a mutable sibling of an immutable field is an update") {
    const auto [v, det] = one([](Workload& w) { w.spec.selector.tier = "back"; });
    CHECK(v == "update");
    CHECK(det == details{"~ spec.selector.tier: \"front\" -> \"back\""});
  }
  SUBCASE("a change below an immutable struct or map names that field, once") {
    CHECK(one([](Workload& w) { w.spec.pod.labels["team"] = "b"; }).second == details{"spec.pod"});
    CHECK(one([](Workload& w) {
            w.spec.pod.labels["env"] = "prod";
            w.spec.pod.image = "nginx:2";
          }).second == details{"spec.pod"});
  }
  SUBCASE("inside a keyed sequence: the element's key is part of the path") {
    const auto [v, det] = one([](Workload& w) { w.containers[1].image = "fluent:2"; });
    CHECK(v == "replace");
    CHECK(det == details{"containers[\"log\"].image"});
  }
  SUBCASE("through an optional and a variant alternative") {
    o["w"].spec.canary = nested::Selector{"web", "canary"};
    o["w"].placement = nested::Selector{"zone-a", "x"};
    CHECK(one([](Workload& w) { w.spec.canary->app = "api"; }).second == details{"spec.canary.app"});
    CHECK(one([](Workload& w) { std::get<nested::Selector>(w.placement).app = "zone-b"; }).second ==
          details{"placement.app"});
    CHECK(one([](Workload& w) { std::get<nested::Selector>(w.placement).tier = "y"; }).first == "update");
  }
  SUBCASE("several immutable fields: each path, in declaration order") {
    auto want = o;
    want["w"].spec.selector.app = "api";
    want["w"].containers[0].image = "nginx:2";
    want["w"].containers[1].image = "fluent:2";
    want["w"].spec.replicas = 3;  // mutable: not listed
    const auto p = reconcile::plan_for(o, want);
    CHECK(p[0].details() == details{"spec.selector.app", "containers[\"web\"].image", "containers[\"log\"].image"});
    CHECK(fmt::format("{}", p) ==
          "-/+ replace resources[\"w\"]  (spec.selector.app, containers[\"web\"].image, containers[\"log\"].image "
          "are immutable)\nPlan: 1 to add, 0 to change, 1 to destroy.");
  }
  SUBCASE("a top-level immutable field is still its own name") {
    std::map<std::string, Deployment> a{{"x", {"x", "i", 1, {}, ""}}}, b{{"x", {"y", "i", 1, {}, ""}}};
    CHECK(reconcile::plan_for(a, b)[0].details() == details{"name"});
  }
}

TEST_CASE("fmt::formatter<action>") {
  const auto p = reconcile::plan_for(observed_world(), desired_world());
  CHECK(fmt::format("{}", p[0]) == "~ update volumes[\"data\"]  (size_gb: 10 -> 20)");
  CHECK(fmt::format("{}", p[3]) == "-/+ replace deployments[\"db\"]  (name is immutable)");
  CHECK(fmt::format("{}", p[9]) == "- delete volumes[\"tmp\"]");
  CHECK(fmt::format("{} {}", p[1].verb(), p[9].verb()) == "create delete");
  CHECK(fmt::format("{}", reconcile::outcome_status::expected) == "expected");
}

TEST_CASE("reconcile::print") {
  SUBCASE("to a file that is not a terminal: plain") {
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    reconcile::print(reconcile::plan_for(observed_world(), desired_world()), f);
    std::rewind(f);
    std::string text;
    for (int ch; (ch = std::fgetc(f)) != EOF;) text += static_cast<char>(ch);
    std::fclose(f);
    CHECK(text == std::string(full_plan) + "\n");
  }
}
