// reconcile/format.hpp: the text of paths, ops, changes and changesets, exactly.
#include "support/model.hpp"

#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>

using namespace std::chrono_literals;
using model::Everything;

namespace fmtcase {
// Ordered keyed sequences with a non-string key, for anchors.
struct Rank {
  int level = 0;
  std::string label;
};
struct Ladder {
  std::vector<Rank> ranks;
};
constexpr auto reconcile_rules(reconcile::type_t<Ladder>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Ladder::ranks> | keyed_by<&Rank::level> | ordered);
}
}  // namespace fmtcase

namespace {

template <class T>
std::string text_of_diff(const T& a, const T& b) {
  return fmt::format("{}", reconcile::diff(a, b));
}

template <class F>
std::string text_after(F edit) {
  Everything a, b;
  edit(b);
  return text_of_diff(a, b);
}

template <class V>
std::string value_text(const V& v) {
  std::string s;
  reconcile::detail::print_value(s, v);
  return s;
}

}  // namespace

TEST_CASE("format changeset") {
  SUBCASE("replace: old -> new") {
    model::Pod a, b;
    a.replicas = 3;
    b.replicas = 5;
    CHECK(text_of_diff(a, b) == "~ replicas: 3 -> 5");
  }
  SUBCASE("add with its value, remove without") {
    model::Pod a, b;
    a.labels = {{"old", "x"}};
    b.labels = {{"tier", "web"}};
    CHECK(text_of_diff(a, b) == "- labels[\"old\"]\n+ labels[\"tier\"]: \"web\"");
  }
  SUBCASE("one change a line, declaration order, no trailing newline") {
    model::Pod a, b;
    b.name = "web";
    b.replicas = 2;
    b.strategy = "Recreate";
    CHECK(text_of_diff(a, b) == "~ name: \"\" -> \"web\"\n~ replicas: 1 -> 2\n+ strategy: \"Recreate\"");
  }
  SUBCASE("an empty changeset is empty text") {
    model::Pod a;
    CHECK(text_of_diff(a, a).empty());
  }
  SUBCASE("sequences: index paths") {
    model::Pod a, b;
    a.containers = {{"a", "x", 1, {}}, {"b", "y", 2, {}}, {"c", "z", 3, {}}};
    b.containers = {{"a", "x", 1, {"-v"}}, {"b", "y", 2, {}}};
    CHECK(text_of_diff(a, b) == "+ containers[0].args[0]: \"-v\"\n- containers[2]");
  }
  SUBCASE("structs as {field: value, ...}") {
    model::Pod a, b;
    b.containers = {{"web", "nginx", 100, {"-v", "-x"}}};
    CHECK(text_of_diff(a, b) ==
          R"(+ containers[0]: {name: "web", image: "nginx", cpu_millis: 100, args: ["-v", "-x"]})");
  }
  SUBCASE("keyed sequences: key paths") {
    model::Deployment a, b;
    a.containers = {{"web", "nginx:1", 100, {}}, {"old", "busybox", 50, {}}};
    b.containers = {{"web", "nginx:2", 100, {}}};
    CHECK(text_of_diff(a, b) == "~ containers[\"web\"].image: \"nginx:1\" -> \"nginx:2\"\n- containers[\"old\"]");
  }
  SUBCASE("keyed sequences, non-string keys: [member=key], never read as a position") {
    model::Pipeline a, b;
    a.ports = {{80, "tcp"}, {53, "udp"}, {1, "x"}};
    b.ports = {{53, "tcp"}, {80, "tcp"}, {443, "tcp"}};
    CHECK(text_of_diff(a, b) == "~ ports[number=53].protocol: \"udp\" -> \"tcp\"\n"
                                "- ports[number=1]\n"
                                "+ ports[number=443]: {number: 443, protocol: \"tcp\"}");
    fmtcase::Ladder x, y;
    x.ranks = {{1, "a"}, {2, "b"}, {3, "c"}};
    y.ranks = {{3, "c"}, {1, "a"}, {7, "n"}, {2, "b"}};
    CHECK(text_of_diff(x, y) ==
          "> ranks[level=3]: moved first\n"
          "+ ranks[level=7]: {level: 7, label: \"n\"}, moved after level=1");
  }
  SUBCASE("positions and map keys stay bare: args[2], pipelines[1]") {
    Everything a, b;
    a.args = {1, 2};
    b.args = {1, 2, 3};
    CHECK(text_of_diff(a, b) == "+ args[2]: 3");
    model::World w, v;
    w.pipelines[1].owner = "a";
    v.pipelines[1].owner = "b";
    CHECK(text_of_diff(w, v) == "~ pipelines[1].owner: \"a\" -> \"b\"  # forces replacement");
  }
  SUBCASE("a change at the root: (root)") {
    CHECK(text_of_diff(1, 2) == "~ (root): 1 -> 2");
    CHECK(text_of_diff(std::optional<int>{}, std::optional<int>{3}) == "+ (root): 3");
    CHECK(text_of_diff(std::optional<int>{3}, std::optional<int>{}) == "- (root)");
    CHECK(text_of_diff(std::string("a"), std::string("b")) == "~ (root): \"a\" -> \"b\"");
  }
  SUBCASE("immutable: # forces replacement") {
    model::Deployment a, b;
    a.name = "a";
    b.name = "b";
    CHECK(text_of_diff(a, b) == "~ name: \"a\" -> \"b\"  # forces replacement");
  }
  SUBCASE("set elements: {value}") {
    Everything a, b;
    a.tags = {"red"};
    b.tags = {"blue"};
    CHECK(text_of_diff(a, b) == "+ tags{\"blue\"}\n- tags{\"red\"}");
  }
  SUBCASE("multisets: the new count") {
    model::Pipeline a, b;
    a.tags = {"blue", "red", "red"};
    b.tags = {"blue", "blue", "red"};
    CHECK(text_of_diff(a, b) == "- tags{\"red\"}: 1 in all\n+ tags{\"blue\"}: 2 in all");
    b.tags = {"blue"};
    CHECK(text_of_diff(a, b) == "- tags{\"red\"}");
  }
  SUBCASE("ordered keyed sequences: moves and anchored adds") {
    model::Pipeline a, b;
    a.steps = {{"a", 0, {}}, {"b", 0, {}}, {"c", 0, {}}};
    b.steps = {{"c", 0, {}}, {"a", 0, {}}, {"n", 1, {}}, {"b", 0, {}}};
    CHECK(text_of_diff(a, b) ==
          "> steps[\"c\"]: moved first\n"
          "+ steps[\"n\"]: {id: \"n\", weight: 1, note: null}, moved after \"a\"");
    b.steps = {{"b", 0, {}}, {"c", 0, {}}, {"a", 0, {}}};
    CHECK(text_of_diff(a, b) == "> steps[\"a\"]: moved after \"c\"");
  }
}

TEST_CASE("format value") {
  SUBCASE("strings quoted and escaped") {
    CHECK(text_after([](Everything& e) { e.text = "say \"hi\"\n"; }) == R"(~ text: "" -> "say \"hi\"\n")");
  }
  SUBCASE("bool, char, integers, floating point") {
    CHECK(text_after([](Everything& e) { e.flag = true; }) == "~ flag: false -> true");
    CHECK(text_after([](Everything& e) { e.letter = 'z'; }) == "~ letter: 'a' -> 'z'");
    CHECK(text_after([](Everything& e) { e.big = 18446744073709551615ull; }) == "~ big: 0 -> 18446744073709551615");
    CHECK(text_after([](Everything& e) { e.ratio = 0.25; }) == "~ ratio: 0 -> 0.25");
    CHECK(text_after([](Everything& e) { e.ratio = std::nan(""); }) == "~ ratio: 0 -> nan");
  }
  SUBCASE("enums by name; unnamed values as numbers") {
    CHECK(text_after([](Everything& e) { e.phase = model::Phase::failed; }) == "~ phase: pending -> failed");
    CHECK(text_after([](Everything& e) { e.phase = static_cast<model::Phase>(9); }) == "~ phase: pending -> 9");
    CHECK(text_after([](Everything& e) { e.color = static_cast<model::Color>(3); }) == "~ color: red -> 3");
    model::Schedule a, b;
    b.plain = model::plain_b;
    CHECK(text_of_diff(a, b) == "~ plain: plain_a -> plain_b");
  }
  SUBCASE("chrono") {
    CHECK(text_after([](Everything& e) { e.timeout = 250ms; }) == "~ timeout: 0ms -> 250ms");
    CHECK(text_after([](Everything& e) { e.stamp += 1h; }) == "~ stamp: 1970-01-01 00:00:00 -> 1970-01-01 01:00:00");
    CHECK(text_after([](Everything& e) { e.tick += 2s; }) == "~ tick: 0ns -> 2000000000ns");
  }
  SUBCASE("unprintable values as <Type>") {
    CHECK(text_after([](Everything& e) { e.version = model::Version(1, 0); }) ==
          "~ version: <model::Version> -> <model::Version>");
  }
  SUBCASE("containers") {
    CHECK(value_text(std::vector<int>{1, 2}) == "[1, 2]");
    CHECK(value_text(std::deque<std::string>{"a"}) == "[\"a\"]");
    CHECK(value_text(std::array<int, 2>{3, 4}) == "[3, 4]");
    CHECK(value_text(std::map<std::string, int>{{"a", 1}, {"b", 2}}) == "{\"a\": 1, \"b\": 2}");
    CHECK(value_text(std::set<int>{2, 1}) == "{1, 2}");
    CHECK(value_text(std::pair<int, std::string>{1, "x"}) == "(1, \"x\")");
    CHECK(value_text(std::tuple<int, double, char>{1, 2.5, 'c'}) == "(1, 2.5, 'c')");
    CHECK(value_text(std::optional<int>{}) == "null");
    CHECK(value_text(std::optional<int>{3}) == "3");
    CHECK(value_text(std::unique_ptr<int>{}) == "null");
    CHECK(value_text(std::make_shared<model::Point>(model::Point{1, 2})) == "{x: 1, y: 2}");
    CHECK(value_text(std::variant<int, std::string>{std::string("v")}) == "string(\"v\")");
    CHECK(value_text(std::variant<std::monostate, model::Point>{}) == "monostate");
  }
  SUBCASE("optional add and remove") {
    CHECK(text_after([](Everything& e) { e.maybe = 4; }) == "+ maybe: 4");
    Everything a, b;
    a.maybe = 4;
    CHECK(text_of_diff(a, b) == "- maybe");
  }
  SUBCASE("variant: a change of alternative names both alternatives") {
    CHECK(text_after([](Everything& e) { e.choice = model::Point{1, 2}; }) == "~ choice: int(0) -> Point{x: 1, y: 2}");
    CHECK(text_after([](Everything& e) { e.choice = std::string("a"); }) == "~ choice: int(0) -> string(\"a\")");
    CHECK(text_after([](Everything& e) { e.choice = 3; }) == "~ choice: 0 -> 3");  // same alternative: the value
  }
}

TEST_CASE("format path") {
  model::Deployment a, b;
  a.containers = {{"web", "x", 1, {"a", "b", "c"}}};
  b.containers = {{"web", "y", 1, {"a", "b", "d"}}};
  b.labels["tier"] = "web";
  auto cs = reconcile::diff(a, b);
  REQUIRE(cs.size() == 3);
  SUBCASE("each kind of segment") {
    CHECK(fmt::format("{}", cs[0].path()) == R"(labels["tier"])");
    CHECK(fmt::format("{}", cs[1].path()) == R"(containers["web"].image)");
    CHECK(fmt::format("{}", cs[2].path()) == R"(containers["web"].args[2])");
  }
  SUBCASE("format specs apply to the text") {
    CHECK(fmt::format("[{:>16}]", cs[0].path()) == R"([  labels["tier"]])");
    CHECK(fmt::format("[{:<16}]", cs[0].path()) == R"([labels["tier"]  ])");
  }
  SUBCASE("a keyed-sequence key that is not a string: [member=key]") {
    model::Pipeline x, y;
    x.ports = {{80, "tcp"}};
    y.ports = {{80, "udp"}};
    const auto d = reconcile::diff(x, y);
    CHECK(fmt::format("{}", d[0].path()) == "ports[number=80].protocol");
    CHECK(d[0].path()[1].name() == "number");
    CHECK(d[0].path()[1].key<int>() == 80);
  }
  SUBCASE("tags{\"blue\"}") {
    Everything x, y;
    y.tags = {"blue"};
    CHECK(fmt::format("{}", reconcile::diff(x, y)[0].path()) == R"(tags{"blue"})");
  }
}

TEST_CASE("format op") {
  CHECK(fmt::format("{}", reconcile::op::add) == "add");
  CHECK(fmt::format("{}", reconcile::op::remove) == "remove");
  CHECK(fmt::format("{}", reconcile::op::replace) == "replace");
  CHECK(fmt::format("{}", reconcile::op::move) == "move");
  CHECK(fmt::format("{:>8}", reconcile::op::add) == "     add");
}

TEST_CASE("format change") {
  model::Pod a, b;
  a.replicas = 3;
  b.replicas = 5;
  auto cs = reconcile::diff(a, b);
  CHECK(fmt::format("{}", cs[0]) == "~ replicas: 3 -> 5");
  CHECK(fmt::format("<{}>", cs[0]) == "<~ replicas: 3 -> 5>");
}
