// Tests of reconcile::to_json_patch and reconcile::apply_json_patch: the operations emitted
// for each kind of change (indices valid when each applies, moves, truncation, multiset
// counts, escaping), apply_json_patch's all-or-nothing errors, and the round-trip property:
//   nlohmann's json::patch(to_json(o), to_json_patch(o, diff(o, d))) == to_json(apply(o, diff))
// (== to_json(d) exactly for types without order-free containers or value-blurring rules),
// over RECONCILE_CASES (default 1000 in CI; scripts/soak runs 50000) random pairs per type,
// seeded by RECONCILE_SEED.
#include "support/model.hpp"
#include "support/random_value.hpp"

#include <reconcile/json.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace jp {

using nlohmann::json;

// A string-like key whose values need RFC 6901 escaping.
class Name {
 public:
  Name() = default;
  explicit Name(std::string s) : s_(std::move(s)) {}
  operator std::string_view() const { return s_; }
  bool operator==(const Name&) const = default;
  auto operator<=>(const Name&) const = default;

 private:
  std::string s_;
};

struct Item {
  std::string id;
  int qty = 0;
};
struct Ordered {  // no order-free container and no value-blurring rule: patch gives exactly d
  std::vector<Item> items;  // keyed_by id | ordered
  std::list<Item> queue;    // keyed_by id | ordered
  std::vector<int> numbers;
  std::deque<std::string> words;
  std::map<Name, int> escaped;
  std::map<std::pair<int, int>, std::string> grid;
  std::set<std::string> tags;
  std::unordered_set<int> ids;
  std::unordered_map<int, std::string> by_id;
  std::set<std::pair<int, char>> pairs;
  std::optional<model::Point> anchor;
  std::variant<int, std::string, model::Point, std::vector<int>> choice;
  std::array<int, 2> fixed{};
  std::tuple<int, std::optional<std::string>> tup;
  std::vector<std::optional<int>> holes;
};
constexpr auto reconcile_rules(reconcile::type_t<Ordered>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Ordered::items> | keyed_by<&Item::id> | ordered,
                          field<&Ordered::queue> | keyed_by<&Item::id> | ordered);
}

struct Named {
  std::string name;
  int n = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Named>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Named::name> | required);
}

std::size_t cases_from_env(std::size_t fallback) {
  if (const char* s = std::getenv("RECONCILE_CASES"); s && *s) return std::strtoull(s, nullptr, 0);
  return fallback;
}

template <class T>
std::string text(const T& v) {
  return reconcile::test::to_text(v);
}

// The property, over random pairs (o, d): d is o after 1-3 edits, or (one in four) fresh.
template <class T, class Ctx = reconcile::rules_t<>>
void patch_round_trip(bool exact_desired, const Ctx& ctx = reconcile::no_rules) {
  namespace rt = reconcile::test;
  const std::size_t cases = cases_from_env(1000);
  const std::uint64_t seed = rt::seed_from_env();
  std::size_t ops = 0, moves = 0;
  for (std::size_t i = 0; i < cases; ++i) {
    const std::uint64_t case_seed = seed + i;
    rt::rng g(case_seed);
    const T o = rt::random_value<T>(g, ctx);
    T d = rt::copy_of(o);
    if (g.chance(25)) d = rt::random_value<T>(g, ctx);
    else
      for (std::size_t n = 1 + g.below(3); n > 0; --n) rt::mutate(d, g, ctx);
    const reconcile::changeset<T> cs = reconcile::diff(o, d, ctx);
    const json patch = reconcile::to_json_patch_value(o, cs, ctx);
    T applied = rt::copy_of(o);
    reconcile::apply(applied, cs, ctx);  // a changeset<T> made with rules is applied with them
    INFO("seed " << case_seed << "\nobserved: " << text(o) << "\ndesired:  " << text(d)
                 << "\npatch: " << patch.dump() << "\nchanges:\n" << fmt::format("{}", cs));
    json doc = reconcile::to_json_value(o);
    REQUIRE_NOTHROW(doc.patch_inplace(patch));
    REQUIRE(doc == reconcile::to_json_value(applied));
    if (exact_desired) REQUIRE(doc == reconcile::to_json_value(d));
    if (i % 4 == 0) REQUIRE(reconcile::equal(reconcile::from_json<T>(doc), d, ctx));
    if (i % 16 == 0) {  // the typed way back: apply_json_patch
      T x = rt::copy_of(o);
      reconcile::apply_json_patch(x, patch);
      REQUIRE(rt::deep_equal(x, applied));
    }
    ops += patch.size();
    for (const json& op : patch) moves += op["op"] == "move";
  }
  MESSAGE(cases << " cases, " << ops << " operations, " << moves << " moves");
}

template <class T>
json patch_of(const T& o, const T& d) {
  return reconcile::to_json_patch_value(o, reconcile::diff(o, d));
}

}  // namespace jp

template <>
struct reconcile::test::generator<jp::Name> {
  static jp::Name make(reconcile::test::rng& g) {
    static constexpr std::string_view names[] = {"a/b", "~0", "~", "x~1/y", "/", "", "plain"};
    return jp::Name(std::string(names[g.below(std::size(names))]));
  }
};

using namespace jp;

TEST_CASE("to_json_patch") {
  SUBCASE("the contract's Deployment") {
    model::Deployment o;
    o.name = "web";
    o.replicas = 3;
    o.labels = {{"app", "web"}, {"old", "x"}};
    o.containers = {{"web", "nginx:1.0", 100, {}}, {"old", "busybox", 50, {}}};
    model::Deployment d = o;
    d.replicas = 5;
    d.labels.erase("old");
    d.labels["tier"] = "web";
    d.containers.erase(d.containers.begin() + 1);
    d.containers[0].image = "nginx:1.1";
    d.containers.push_back({"sidecar", "envoy", 10, {}});
    d.strategy = "Recreate";
    CHECK(reconcile::to_json_patch(o, reconcile::diff(o, d)) ==
          R"([{"op":"replace","path":"/replicas","value":5},)"
          R"({"op":"remove","path":"/labels/old"},)"
          R"({"op":"add","path":"/labels/tier","value":"web"},)"
          R"({"op":"replace","path":"/containers/0/image","value":"nginx:1.1"},)"
          R"({"op":"remove","path":"/containers/1"},)"
          R"({"op":"add","path":"/containers/1","value":{"args":[],"cpu_millis":10,"image":"envoy","name":"sidecar"}},)"
          R"({"op":"add","path":"/strategy","value":"Recreate"}])");
    d.strategy.reset();
    o.strategy = "Rolling";
    CHECK(patch_of(o, d).back() == json::parse(R"({"op":"remove","path":"/strategy"})"));
  }
  SUBCASE("keyed removes use the index valid when each applies") {
    model::Deployment o;
    o.containers = {{"a", "", 0, {}}, {"b", "", 0, {}}, {"c", "", 0, {}}, {"d", "", 0, {}}};
    model::Deployment d;
    d.containers = {{"b", "", 0, {}}, {"d", "", 0, {}}};
    CHECK(patch_of(o, d) == json::parse(R"([{"op":"remove","path":"/containers/0"},
                                            {"op":"remove","path":"/containers/1"}])"));
  }
  SUBCASE("ordered keyed: moves and anchored adds") {
    Ordered o, d;
    o.items = {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}};
    d.items = {{"d", 4}, {"b", 2}, {"x", 9}, {"c", 3}, {"a", 1}};
    const json p = patch_of(o, d);
    CHECK(p == json::parse(R"([{"op":"move","from":"/items/3","path":"/items/0"},
                               {"op":"add","path":"/items/3","value":{"id":"x","qty":9}},
                               {"op":"move","from":"/items/1","path":"/items/4"}])"));
    CHECK(reconcile::to_json_value(o).patch(p) == reconcile::to_json_value(d));
  }
  SUBCASE("positional sequences shrink from the end; multisets by count") {
    model::Pod o, d;
    o.containers = {{"a", "", 0, {}}, {"b", "", 0, {}}, {"c", "", 0, {}}};
    d.containers = {{"a", "", 0, {}}};
    CHECK(patch_of(o, d) == json::parse(R"([{"op":"remove","path":"/containers/2"},
                                            {"op":"remove","path":"/containers/1"}])"));
    model::Pipeline po, pd;
    po.tags = {"x", "y", "x", "z", "x"};
    pd.tags = {"x", "z", "y", "w", "w"};
    const json p = patch_of(po, pd);
    CHECK(p == json::parse(R"([{"op":"remove","path":"/tags/4"},{"op":"remove","path":"/tags/2"},
                               {"op":"add","path":"/tags/3","value":"w"},{"op":"add","path":"/tags/4","value":"w"}])"));
  }
  SUBCASE("RFC 6901 escaping, sets and maps written as arrays") {
    Ordered o, d;
    d.escaped = {{Name("a/b~c"), 1}};
    d.tags = {"m"};
    d.grid = {{{1, 2}, "g"}};
    o.tags = {"a", "z"};
    CHECK(patch_of(o, d) == json::parse(R"([{"op":"add","path":"/escaped/a~1b~0c","value":1},
      {"op":"add","path":"/grid/0","value":[[1,2],"g"]},
      {"op":"remove","path":"/tags/0"},{"op":"add","path":"/tags/0","value":"m"},{"op":"remove","path":"/tags/1"}])"));
  }
  SUBCASE("call-site rules must be passed along") {
    model::Pod o, d;
    o.containers = {{"a", "", 0, {}}, {"b", "", 0, {}}};
    d.containers = {{"b", "", 0, {}}};
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Pod::containers> | keyed_by<&model::Container::name>);
    const auto cs = reconcile::diff(o, d, r);
    CHECK(reconcile::to_json_patch(o, cs, r) == R"([{"op":"remove","path":"/containers/0"}])");
    CHECK_THROWS_AS((void)reconcile::to_json_patch(o, cs), reconcile::error);
  }
  SUBCASE("an empty changeset is an empty patch") {
    CHECK(reconcile::to_json_patch(model::Deployment{}, reconcile::changeset<model::Deployment>{}) == "[]");
  }
}

TEST_CASE("apply_json_patch") {
  model::Deployment d;
  d.name = "web";
  d.containers = {{"web", "nginx", 1, {}}};
  d.labels = {{"a/b", "1"}};
  const std::string before = reconcile::to_json(d);
  auto unchanged = [&] { CHECK(reconcile::to_json(d) == before); };

  SUBCASE("every operation") {
    reconcile::apply_json_patch(d, R"([
      {"op": "test", "path": "/containers/0/image", "value": "nginx"},
      {"op": "replace", "path": "/replicas", "value": 4},
      {"op": "add", "path": "/containers/-", "value": {"name": "side", "image": "envoy"}},
      {"op": "copy", "from": "/containers/0/image", "path": "/strategy"},
      {"op": "move", "from": "/labels/a~1b", "path": "/labels/c"},
      {"op": "remove", "path": "/containers/0"}])");
    CHECK(d.replicas == 4);
    REQUIRE(d.containers.size() == 1);
    CHECK(d.containers[0].name == "side");
    CHECK(d.containers[0].cpu_millis == 100);
    CHECK(d.strategy == "nginx");
    CHECK(d.labels == std::map<std::string, std::string>{{"c", "1"}});
    reconcile::apply_json_patch(d, R"([{"op": "remove", "path": "/replicas"}, {"op": "remove", "path": "/strategy"}])");
    CHECK(d.replicas == 1);  // a removed member takes its default
    CHECK(!d.strategy);
  }
  SUBCASE("a failed test: nothing applied, the path named") {
    const auto check = [&](const std::string& patch, reconcile::json_errc code, const std::string& path,
                           const std::string& what) {
      try {
        reconcile::apply_json_patch(d, patch);
        FAIL("no error for " << patch);
      } catch (const reconcile::json_error& e) {
        CHECK(e.code() == code);
        CHECK(e.path().to_string() == path);
        CHECK(std::string(e.what()) == what);
      }
      unchanged();
    };
    check(R"([{"op": "replace", "path": "/replicas", "value": 9},
              {"op": "test", "path": "/containers/0/image", "value": "httpd"}])",
          reconcile::json_errc::patch_failed, "containers[0].image",
          R"(containers[0].image: patch operation 1 (test) failed: unsuccessful: {"op":"test","path":"/containers/0/image","value":"httpd"})");
    check(R"([{"op": "remove", "path": "/labels/a~1b/x"}])", reconcile::json_errc::patch_failed, R"(labels["a/b"].x)",
          R"(labels["a/b"].x: patch operation 0 (remove) failed: no value at /labels/a~1b/x)");
    check(R"([{"op": "add", "path": "/replicas/x", "value": 1}])", reconcile::json_errc::patch_failed, "replicas.x",
          "replicas.x: patch operation 0 (add) failed: cannot add to number 1 at /replicas");
    check(R"([{"op": "move", "from": "/labels", "path": "/labels/x"}])", reconcile::json_errc::patch_failed,
          R"(labels["x"])", R"(labels["x"]: patch operation 0 (move) failed: cannot move /labels into itself)");
    check(R"([{"op": "replace", "path": "/containers/3/image", "value": "x"}])", reconcile::json_errc::patch_failed,
          "containers[3].image",
          "containers[3].image: patch operation 0 (replace) failed: array index 3 is out of range");
    check(R"([{"op": "replace", "path": "/containers/0/cpu_millis", "value": "many"}])",
          reconcile::json_errc::wrong_type, "containers[0].cpu_millis",
          R"(containers[0].cpu_millis: expected an integer, got string "many")");
    Named n{"keep", 2};
    try {
      reconcile::apply_json_patch(n, R"([{"op": "replace", "path": "/n", "value": 3}, {"op": "remove", "path": "/name"}])");
      FAIL("no error");
    } catch (const reconcile::json_error& e) {
      CHECK(e.code() == reconcile::json_errc::missing_member);
      CHECK(std::string(e.what()) == "name: required member is missing");
    }
    CHECK(n.name == "keep");
    CHECK(n.n == 2);
    check(R"({"op": "remove"})", reconcile::json_errc::malformed, "",
          "a JSON patch is an array of operations, got object");
    check(R"([{"op": "jump", "path": "/replicas"}])", reconcile::json_errc::patch_failed, "replicas",
          "replicas: patch operation 0 (jump) failed: parse error: operation value 'jump' is invalid");
    check("[", reconcile::json_errc::malformed, "",
          "malformed JSON: parse error at line 1, column 2: syntax error while parsing value - unexpected end of "
          "input; expected '[', '{', or a literal");
    std::string bomb = R"([{"op": "add", "path": "/labels/x", "value": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]})";
    for (int i = 0; i < 20; ++i) bomb += R"(,{"op": "copy", "from": "/labels", "path": "/labels/y)" + std::to_string(i) + "\"}";
    check(bomb + "]", reconcile::json_errc::too_deep, R"(labels["y15"])",
          R"(labels["y15"]: the patch grows the document past 1048576 values)");
  }
}

namespace jp {
struct Samples {
  std::vector<int> values;
  std::map<std::string, int> tags;
};
}  // namespace jp

TEST_CASE("apply_json_patch max_values") {
  // json_options::max_values bounds the document's size after each operation: net growth,
  // what an operation adds minus what it replaces or removes; `test` adds nothing.
  jp::Samples s;
  s.values.assign(1000, 0);
  reconcile::json_options small;
  small.max_values = 1100;
  SUBCASE("1,100 replaces of a 1,000-element array never grow it") {
    std::string patch = "[";
    for (int i = 0; i < 1100; ++i)
      patch += (i ? "," : "") + std::string(R"({"op": "replace", "path": "/values/)") + std::to_string(i % 1000) +
               R"(", "value": )" + std::to_string(i) + "}";
    reconcile::apply_json_patch(s, patch + "]", small);
    CHECK(s.values[0] == 1000);
    CHECK(s.values[999] == 999);
  }
  SUBCASE("tests add nothing, removes make room") {
    std::string patch = "[";
    for (int i = 0; i < 1100; ++i) patch += R"({"op": "test", "path": "/values/0", "value": 0},)";
    for (int i = 0; i < 200; ++i) patch += R"({"op": "remove", "path": "/values/0"},)";
    for (int i = 0; i < 150; ++i) patch += R"({"op": "add", "path": "/tags/t)" + std::to_string(i) + R"(", "value": 1},)";
    patch += R"({"op": "replace", "path": "/tags/t0", "value": 2}])";
    reconcile::apply_json_patch(s, patch, small);
    CHECK(s.values.size() == 800);
    CHECK(s.tags.size() == 150);
  }
  SUBCASE("growth past the bound is refused, and nothing changes") {
    std::string patch = "[";
    for (int i = 0; i < 90; ++i) patch += R"({"op": "add", "path": "/values/-", "value": 1},)";
    patch += R"({"op": "copy", "from": "/values", "path": "/tags/x"}])";
    try {
      reconcile::apply_json_patch(s, patch, small);
      FAIL("no error");
    } catch (const reconcile::json_error& e) {
      CHECK(e.code() == reconcile::json_errc::too_deep);
      CHECK(std::string(e.what()) == R"(tags["x"]: the patch grows the document past 1100 values)");
    }
    CHECK(s.values.size() == 1000);
  }
  SUBCASE("a move over an object member drops the member it overwrites") {
    s.tags = {{"a", 1}, {"b", 2}};
    small.max_values = 1005;  // the document: 1 + 1 + 1000 + 1 + 2
    reconcile::apply_json_patch(s, R"([{"op": "move", "from": "/tags/a", "path": "/tags/b"},
                                       {"op": "add", "path": "/tags/c", "value": 3}])", small);
    CHECK(s.tags == std::map<std::string, int>{{"b", 1}, {"c", 3}});
  }
}

TEST_CASE("to_json_patch round trip") {
  SUBCASE("Deployment (keyed, map, optional, ignore, tolerance)") { patch_round_trip<model::Deployment>(false); }
  SUBCASE("Pod with call-site ordered keyed rules (positional args inside)") {
    using namespace reconcile::dsl;
    patch_round_trip<model::Pod>(
        true, reconcile::rules(field<&model::Pod::containers> | keyed_by<&model::Container::name> | ordered));
  }
  SUBCASE("Pipeline (ordered keyed vector and list, keyed deque, multisets)") {
    patch_round_trip<model::Pipeline>(false);
  }
  SUBCASE("Ordered (ordered keyed, maps and sets as arrays, escaping, variant, optional)") {
    patch_round_trip<Ordered>(true);
  }
  SUBCASE("Shapes (variants, optional structs, nested rules)") { patch_round_trip<model::Shapes>(false); }
  SUBCASE("World (maps of resources, Hana structs, tolerances, compare)") { patch_round_trip<model::World>(false); }
}
