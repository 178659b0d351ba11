// Tests of reconcile/views.hpp: by_op, under, by_verb, by_kind over changesets and plans,
// composed with range-v3 views and consumed by std::ranges algorithms; random cases check
// each view against a hand-written loop.
#include "support/alloc_counter.hpp"

#include <reconcile/diff.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/views.hpp>

#include <doctest/doctest.h>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/transform.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <random>
#include <ranges>
#include <string>
#include <vector>

RECONCILE_DEFINE_ALLOC_COUNTER();

namespace viewcase {
struct Container {
  std::string image;
  int cpu = 100;
};
struct Service {
  int replicas = 1;
  std::map<std::string, std::string> labels;
  std::map<std::string, Container> containers;
};
struct Volume {
  int size_gb = 1;
};
struct World {
  std::map<std::string, Volume> volumes;
  std::map<std::string, Service> services;
};
}  // namespace viewcase

using reconcile::op;
using reconcile::verb;
namespace views = reconcile::views;

namespace {

std::vector<std::string> paths(auto&& changes) {
  return changes | ranges::views::transform([](const reconcile::change& c) { return c.path().to_string(); }) |
         ranges::to<std::vector>();
}
std::vector<std::string> addresses(auto&& actions) {
  return actions | ranges::views::transform([](const reconcile::action& a) { return a.address(); }) |
         ranges::to<std::vector>();
}

viewcase::Service observed_service() {
  viewcase::Service s;
  s.labels = {{"tier", "web"}, {"old", "x"}};
  s.containers = {{"web", {"nginx:1", 100}}, {"webx", {"envoy:1", 100}}};
  return s;
}
viewcase::Service desired_service() {
  viewcase::Service s;
  s.replicas = 3;
  s.labels = {{"tier", "api"}, {"team", "edge"}};
  s.containers = {{"web", {"nginx:2", 200}}, {"webx", {"envoy:2", 100}}, {"db", {"pg:16", 100}}};
  return s;
}

}  // namespace

TEST_CASE("by_op") {
  const auto cs = reconcile::diff(observed_service(), desired_service());
  SUBCASE("keeps the changes of one op, in changeset order") {
    CHECK(paths(cs | views::by_op(op::add)) == std::vector<std::string>{"labels[\"team\"]", "containers[\"db\"]"});
    CHECK(paths(cs | views::by_op(op::remove)) == std::vector<std::string>{"labels[\"old\"]"});
    CHECK(std::ranges::distance(cs | views::by_op(op::move)) == 0);
  }
  SUBCASE("an input range for std::ranges algorithms") {
    auto replaces = cs | views::by_op(op::replace);
    static_assert(std::ranges::input_range<decltype(replaces)>);
    CHECK(std::ranges::count_if(replaces, [](const reconcile::change& c) { return c.path().size() == 3; }) == 3);
  }
  SUBCASE("iterating allocates nothing") {
    auto adds = cs | views::by_op(op::add);
    std::size_t n = 0;
    reconcile::test::alloc_scope scope;
    for (const reconcile::change& c : adds) n += c.path().size();
    CHECK(scope.count() == 0);
    CHECK(n == 4);
  }
}

TEST_CASE("under") {
  const auto cs = reconcile::diff(observed_service(), desired_service());
  SUBCASE("a prefix holds the paths that continue it with a step, not a longer key") {
    CHECK(paths(cs | views::under("containers[\"web\"]")) ==
          std::vector<std::string>{"containers[\"web\"].image", "containers[\"web\"].cpu"});
  }
  SUBCASE("a whole field, and the path itself") {
    CHECK(paths(cs | views::under("replicas")) == std::vector<std::string>{"replicas"});
    CHECK(std::ranges::distance(cs | views::under("labels")) == 3);
    CHECK(std::ranges::distance(cs | views::under("label")) == 0);
    CHECK(std::ranges::distance(cs | views::under("")) == static_cast<std::ptrdiff_t>(cs.size()));
  }
  SUBCASE("composes with by_op, either way round") {
    const std::vector<std::string> want{"containers[\"db\"]"};
    CHECK(paths(cs | views::under("containers") | views::by_op(op::add)) == want);
    CHECK(paths(cs | views::by_op(op::add) | views::under("containers")) == want);
  }
  SUBCASE("allocates nothing once warm") {
    auto web = cs | views::under("containers[\"web\"]");
    std::ptrdiff_t n = std::ranges::distance(web);
    reconcile::test::alloc_scope scope;
    n += std::ranges::distance(cs | views::under("containers[\"web\"]"));  // the prefix is moved in
    CHECK(scope.count() <= 1);  // at most the prefix string itself
    CHECK(n == 4);
  }
}

TEST_CASE("by_verb and by_kind") {
  viewcase::World observed, desired;
  observed.volumes = {{"tmp", {}}, {"data", {}}};
  observed.services = {{"api", {}}, {"old", {}}};
  desired.volumes = {{"data", {5}}, {"logs", {}}};
  desired.services = {{"api", desired_service()}, {"web", {}}};
  const auto p = reconcile::plan_for(observed, desired);
  SUBCASE("by verb, in plan order") {
    CHECK(addresses(p | views::by_verb(verb::create)) ==
          std::vector<std::string>{"volumes[\"logs\"]", "services[\"web\"]"});
    CHECK(addresses(p | views::by_verb(verb::remove)) ==
          std::vector<std::string>{"services[\"old\"]", "volumes[\"tmp\"]"});
  }
  SUBCASE("by kind, and both") {
    CHECK(std::ranges::distance(p | views::by_kind("volumes")) == 3);
    CHECK(addresses(p | views::by_kind("services") | views::by_verb(verb::update)) ==
          std::vector<std::string>{"services[\"api\"]"});
    CHECK(std::ranges::distance(p | views::by_kind("volume")) == 0);
  }
}

#if !defined(__clang__)
// clang 14 cannot compile std::views adaptors over libstdc++ 12; g++ can, over these views too.
TEST_CASE("by_op with std::views") {
  const auto cs = reconcile::diff(observed_service(), desired_service());
  auto sizes = cs | views::by_op(op::add) | std::views::transform([](const reconcile::change& c) { return c.path().size(); });
  CHECK(std::vector<std::size_t>(sizes.begin(), sizes.end()) == std::vector<std::size_t>{2, 2});
}
#endif

TEST_CASE("views against a hand-written loop") {
  std::mt19937 rng(14);
  const std::vector<std::string> keys{"a", "b", "c", "d", "e"};
  for (int round = 0; round < 300; ++round) {
    viewcase::Service o, d;
    for (const auto& k : keys) {
      if (rng() % 2) o.labels[k] = std::to_string(rng() % 3);
      if (rng() % 2) d.labels[k] = std::to_string(rng() % 3);
      if (rng() % 2) o.containers[k] = {std::to_string(rng() % 2), static_cast<int>(rng() % 2)};
      if (rng() % 2) d.containers[k] = {std::to_string(rng() % 2), static_cast<int>(rng() % 2)};
    }
    const auto cs = reconcile::diff(o, d);
    const std::string prefix = "containers[\"" + keys[rng() % keys.size()] + "\"]";
    for (op o2 : {op::add, op::remove, op::replace}) {
      std::vector<std::string> want;
      for (const reconcile::change& c : cs) {
        const std::string t = c.path().to_string();
        if (c.op() == o2 && (t == prefix || t.starts_with(prefix + "."))) want.push_back(t);
      }
      REQUIRE(paths(cs | views::by_op(o2) | views::under(prefix)) == want);
    }
  }
}
