// Tests of per-resource dependencies (plan_options::depends_on): a failure skips only the
// true dependents, a dependent is held while what it needs is in flight, removes wait for
// the removes of their dependents; and a hostile world (30 % failures, effects landing 1-3
// ticks late) run with dependencies by kind and per resource, side by side.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>
#include <reconcile/format.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using reconcile::outcome_status;

namespace deps {

struct Volume {
  int size_gb = 10;
};
struct Service {
  std::string volume;  // the volume it mounts: volumes[volume]
  int replicas = 1;
};
struct World {
  std::map<std::string, Volume> volumes;
  std::map<std::string, Service> services;
};

// What a resource needs: a service its volume.
inline std::vector<std::string> needs(const reconcile::action& a) {
  const Service* s = a.desired_as<Service>();
  if (!s) s = a.observed_as<Service>();
  if (!s) return {};
  return {reconcile::address_of("volumes", s->volume)};
}

// A cloud whose effects land `lag` ticks after the call (0: at once); calls on addresses in
// `failing` fail; `mounts_missing` counts service creates whose volume did not exist yet.
struct cloud {
  World truth;
  std::set<std::string> failing;
  std::function<int()> lag = [] { return 0; };
  std::function<bool()> random_failure = [] { return false; };
  std::deque<std::pair<int, std::function<void()>>> landing;
  int now = 0;
  std::size_t mounts_missing = 0, volumes_in_use_removed = 0;
  std::vector<std::string> calls;

  void call(const std::string& what, const std::string& address, std::function<void()> effect) {
    calls.push_back(what + " " + address);
    if (failing.contains(address) || random_failure()) throw std::runtime_error("failed: " + address);
    const int at = now + lag();
    if (at == now) effect();
    else landing.emplace_back(at, std::move(effect));
  }
  void tick() {
    ++now;
    std::stable_sort(landing.begin(), landing.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    while (!landing.empty() && landing.front().first <= now) {
      landing.front().second();
      landing.pop_front();
    }
  }
  void create(const std::string& k, const Volume& v) {
    call("create", "volumes[\"" + k + "\"]", [this, k, v] { truth.volumes[k] = v; });
  }
  void update(const std::string& k, const Volume&, const Volume& v, const reconcile::changeset<Volume>&) {
    call("update", "volumes[\"" + k + "\"]", [this, k, v] { truth.volumes[k] = v; });
  }
  void remove(const std::string& k, const Volume&) {
    call("remove", "volumes[\"" + k + "\"]", [this, k] {
      for (const auto& [name, s] : truth.services) volumes_in_use_removed += s.volume == k ? 1u : 0u;
      truth.volumes.erase(k);
    });
  }
  void create(const std::string& k, const Service& s) {
    if (!truth.volumes.contains(s.volume)) ++mounts_missing;
    call("create", "services[\"" + k + "\"]", [this, k, s] { truth.services[k] = s; });
  }
  void update(const std::string& k, const Service&, const Service& s, const reconcile::changeset<Service>&) {
    call("update", "services[\"" + k + "\"]", [this, k, s] { truth.services[k] = s; });
  }
  void remove(const std::string& k, const Service&) {
    call("remove", "services[\"" + k + "\"]", [this, k] { truth.services.erase(k); });
  }
};

inline std::vector<std::string> statuses(const reconcile::report& r) {
  std::vector<std::string> v;
  for (const auto& o : r.outcomes) v.push_back(std::string(reconcile::to_string(o.status)) + " " + o.address);
  return v;
}

}  // namespace deps

using deps::World;

TEST_CASE("plan_options::depends_on") {
  deps::cloud c;
  World want;
  want.volumes = {{"a", {}}, {"b", {}}};
  want.services = {{"on-a", {"a", 1}}, {"on-b", {"b", 1}}};
  reconcile::plan_options po;
  po.depends_on = deps::needs;

  SUBCASE("a failure skips only its true dependents") {
    c.failing = {"volumes[\"a\"]"};
    const auto by_kind = reconcile::execute(reconcile::plan_for(World{}, want), c);
    CHECK(deps::statuses(by_kind) == std::vector<std::string>{"failed volumes[\"a\"]", "succeeded volumes[\"b\"]",
                                                               "skipped services[\"on-a\"]",
                                                               "skipped services[\"on-b\"]"});
    c = {};
    c.failing = {"volumes[\"a\"]"};
    const auto per_resource = reconcile::execute(reconcile::plan_for(World{}, want, po), c);
    CHECK(deps::statuses(per_resource) == std::vector<std::string>{"failed volumes[\"a\"]", "succeeded volumes[\"b\"]",
                                                                    "skipped services[\"on-a\"]",
                                                                    "succeeded services[\"on-b\"]"});
    CHECK(per_resource.outcomes[2].error == "depends on volumes[\"a\"], which failed");
  }
  SUBCASE("a dependent is held while what it needs is in flight") {
    reconcile::manual_clock clock;
    reconcile::expectations expect(30s, &clock);
    po.expect = &expect;
    reconcile::execute_options eo;
    eo.expect = &expect;
    c.lag = [] { return 1; };  // effects land a tick later
    const auto r1 = reconcile::execute(reconcile::plan_for(c.truth, want, po), c, eo);
    CHECK(deps::statuses(r1) == std::vector<std::string>{"succeeded volumes[\"a\"]", "succeeded volumes[\"b\"]",
                                                          "held services[\"on-a\"]", "held services[\"on-b\"]"});
    CHECK(r1.outcomes[2].error == "depends on volumes[\"a\"], issued now and not yet observed");
    CHECK(r1.ok());
    // Still unobserved: the volumes' creates are expected; the services wait on them.
    const auto r2 = reconcile::execute(reconcile::plan_for(c.truth, want, po), c, eo);
    CHECK(r2.outcomes[2].status == outcome_status::held);
    CHECK(r2.outcomes[2].error == "depends on volumes[\"a\"], in flight and not yet observed");
    c.tick();  // the volumes exist and are observed: the services go
    const auto r3 = reconcile::execute(reconcile::plan_for(c.truth, want, po), c, eo);
    CHECK(deps::statuses(r3) ==
          std::vector<std::string>{"succeeded services[\"on-a\"]", "succeeded services[\"on-b\"]"});
    CHECK(c.mounts_missing == 0);
  }
  SUBCASE("an unknown outcome holds its dependents, by kind too") {
    struct unsure : deps::cloud {
      using deps::cloud::create;
      reconcile::effect create(const std::string& k, const deps::Volume& v) {
        deps::cloud::create(k, v);
        return k == "a" ? reconcile::effect::unknown : reconcile::effect::done;
      }
    } u;
    const auto by_kind = reconcile::execute(reconcile::plan_for(World{}, want), u);
    CHECK(deps::statuses(by_kind) == std::vector<std::string>{"unknown volumes[\"a\"]", "succeeded volumes[\"b\"]",
                                                               "held services[\"on-a\"]", "held services[\"on-b\"]"});
    CHECK(by_kind.outcomes[3].error == "depends on volumes[\"a\"], whose outcome is unknown");
    const auto per_resource = reconcile::execute(reconcile::plan_for(World{}, want, po), u);
    CHECK(deps::statuses(per_resource) == std::vector<std::string>{"unknown volumes[\"a\"]",
                                                                    "succeeded volumes[\"b\"]",
                                                                    "held services[\"on-a\"]",
                                                                    "succeeded services[\"on-b\"]"});
  }
  SUBCASE("a remove waits for the removes of what needs it") {
    c.truth = want;
    c.failing = {"services[\"on-a\"]"};
    const auto r = reconcile::execute(reconcile::plan_for(c.truth, World{}, po), c);
    CHECK(deps::statuses(r) == std::vector<std::string>{"failed services[\"on-a\"]", "succeeded services[\"on-b\"]",
                                                         "skipped volumes[\"a\"]", "succeeded volumes[\"b\"]"});
    CHECK(c.volumes_in_use_removed == 0);
  }
  SUBCASE("a dependency later in the plan holds the dependent (same kind)") {
    reconcile::plan_options chain;
    chain.depends_on = [](const reconcile::action& a) -> std::vector<std::string> {
      return a.key_text() == "\"a\"" && a.kind() == "volumes" ? std::vector<std::string>{"volumes[\"b\"]"}
                                                               : std::vector<std::string>{};
    };
    World two;
    two.volumes = want.volumes;
    const auto r = reconcile::execute(reconcile::plan_for(World{}, two, chain), c);
    CHECK(deps::statuses(r) == std::vector<std::string>{"held volumes[\"a\"]", "succeeded volumes[\"b\"]"});
    CHECK(r.outcomes[0].error == "depends on volumes[\"b\"], which comes later in the plan");
  }
}

namespace {

struct hostile_figures {
  std::size_t done = 0, skipped = 0, held = 0, failed = 0, mounts_missing = 0, passes = 0;
  bool converged = false;
};

// 200 volumes, each with 2 services; 30 % of calls fail and effects land 1-3 ticks late
// for 8 passes; then the faults stop and the world must converge. Counts while faults last.
hostile_figures hostile(bool per_resource, unsigned seed) {
  std::mt19937 rng(seed);
  deps::cloud c;
  bool faults = true;
  c.lag = [&] { return std::uniform_int_distribution<int>(1, 3)(rng); };
  c.random_failure = [&] { return faults && std::uniform_int_distribution<int>(0, 99)(rng) < 30; };
  World want;
  for (int i = 0; i < 200; ++i) {
    const std::string v = "v" + std::to_string(i);
    want.volumes[v] = {};
    want.services[v + "-web"] = {v, 1};
    want.services[v + "-api"] = {v, 2};
  }
  reconcile::manual_clock clock;
  reconcile::expectations expect(1s, &clock);
  reconcile::plan_options po;
  po.expect = &expect;
  po.observed = reconcile::observation_scope::whole_slice;
  if (per_resource) po.depends_on = deps::needs;
  reconcile::execute_options eo;
  eo.expect = &expect;
  hostile_figures f;
  for (int pass = 0; pass < 200; ++pass) {
    if (pass == 8) faults = false;
    const auto r = reconcile::execute(reconcile::plan_for(c.truth, want, po), c, eo);
    if (faults) {
      f.done += r.count(outcome_status::succeeded);
      f.skipped += r.count(outcome_status::skipped);
      f.held += r.count(outcome_status::held);
      f.failed += r.count(outcome_status::failed);
    }
    c.tick();
    clock.advance(100ms);
    if (!faults && c.landing.empty() && reconcile::equal(c.truth, want)) {
      f.converged = true;
      f.passes = static_cast<std::size_t>(pass + 1);
      break;
    }
  }
  f.mounts_missing = c.mounts_missing;
  return f;
}

}  // namespace

TEST_CASE("plan_options::depends_on in a hostile world") {
  for (unsigned seed : {1u, 2u, 3u}) {
    const hostile_figures kind = hostile(false, seed), resource = hostile(true, seed);
    MESSAGE("seed " << seed << " while faults last: by kind " << kind.done << " done, " << kind.skipped
                    << " skipped, " << kind.failed << " failed, " << kind.mounts_missing
                    << " services created before their volume; per resource " << resource.done << " done, "
                    << resource.skipped << " skipped, " << resource.held << " held, " << resource.failed
                    << " failed, " << resource.mounts_missing << " created before their volume; converged after "
                    << kind.passes << " / " << resource.passes << " passes");
    CHECK(resource.done > kind.done);
    CHECK(kind.converged);
    CHECK(resource.converged);
    CHECK(resource.mounts_missing == 0);  // never a service before its volume is observed
    CHECK(kind.mounts_missing > 0);       // by kind, creates go out while volumes are in flight
    CHECK(resource.skipped * 2 < kind.skipped);
  }
}
