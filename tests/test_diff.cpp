// reconcile/diff.hpp: equal, diff, diff_into, change, changeset and paths, with the default
// semantics of every supported type (no rules; see test_rules.cpp for those).
#include "support/model.hpp"
#include "support/random_value.hpp"
#include "support/summary.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/changeset.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/path.hpp>
#include <reconcile/rules.hpp>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include <algorithm>
#include <iterator>
#include <chrono>
#include <map>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using model::Everything;
using reconcile::op;
using reconcile::test::copy_of;
using reconcile::test::lines;
using reconcile::test::summary;

namespace {

// The one change of cs; fails the test when there is not exactly one.
template <class T>
const reconcile::change& only(const reconcile::changeset<T>& cs) {
  REQUIRE(cs.size() == 1);
  return cs[0];
}

// Diff of a default Everything against one edited by f.
template <class F>
reconcile::changeset<Everything> diff_after(F f) {
  Everything a;
  Everything b;
  f(b);
  return reconcile::diff(a, b);
}
template <class F>
reconcile::changeset<Everything> diff_before(F f) {
  Everything a;
  Everything b;
  f(a);
  return reconcile::diff(a, b);
}

}  // namespace

TEST_CASE("diff") {
  SUBCASE("equal values: no change") {
    Everything a;
    CHECK(reconcile::diff(a, a).empty());
    Everything b;
    CHECK(reconcile::diff(a, b).empty());
    model::Pod p{"web", 3, {{"app", "web"}}, {{"web", "nginx", 100, {"-v"}}}, "Recreate", 0.5, {}};
    CHECK(reconcile::diff(p, copy_of(p)).empty());
  }
  SUBCASE("arithmetic: replace with both values") {
    model::Pod a, b;
    a.replicas = 3;
    b.replicas = 5;
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.op() == op::replace);
    CHECK(c.path().to_string() == "replicas");
    CHECK(c.from<int>() == 3);
    CHECK(c.to<int>() == 5);
    CHECK_FALSE(c.requires_replace());
    CHECK_FALSE(c.element_op());
  }
  SUBCASE("bool, char, unsigned, float") {
    auto cs = diff_after([](Everything& e) {
      e.flag = true;
      e.letter = 'z';
      e.big = std::numeric_limits<std::uint64_t>::max();
      e.f = 1.5f;
    });
    CHECK(summary(cs) == lines{"~ flag", "~ letter", "~ big", "~ f"});
    CHECK(cs[0].to<bool>() == true);
    CHECK(cs[1].to<char>() == 'z');
    CHECK(cs[2].to<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
    CHECK(cs[3].to<float>() == 1.5f);
  }
  SUBCASE("floating point: exact, except that NaN equals NaN") {
    auto tiny = diff_after([](Everything& e) { e.ratio = 1e-300; });
    CHECK(summary(tiny) == lines{"~ ratio"});
    Everything a, b;
    a.ratio = b.ratio = std::numeric_limits<double>::quiet_NaN();
    CHECK(reconcile::diff(a, b).empty());
    b.ratio = 1;
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ ratio"});
    CHECK(std::isnan(reconcile::diff(a, b)[0].from<double>()));
  }
  SUBCASE("enums") {
    const auto cs = diff_after([](Everything& e) { e.phase = model::Phase::failed; });
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "phase");
    CHECK(c.to<model::Phase>() == model::Phase::failed);
    CHECK(summary(diff_after([](Everything& e) { e.color = model::Color::blue; })) == lines{"~ color"});
  }
  SUBCASE("strings") {
    const auto cs = diff_after([](Everything& e) { e.text = std::string(100, 'x'); });
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "text");
    CHECK(c.from<std::string>().empty());
    CHECK(c.to<std::string>() == std::string(100, 'x'));
  }
  SUBCASE("chrono durations and time points") {
    auto cs = diff_after([](Everything& e) {
      e.timeout = 250ms;
      e.stamp += 1h;
      e.tick += 3s;
    });
    CHECK(summary(cs) == lines{"~ timeout", "~ stamp", "~ tick"});
    CHECK(cs[0].to<std::chrono::milliseconds>() == 250ms);
    CHECK(cs[1].to<std::chrono::system_clock::time_point>().time_since_epoch() == 1h);
  }
  SUBCASE("a leaf type with only operator==") {
    const auto cs = diff_after([](Everything& e) { e.version = model::Version(2, 1); });
    const reconcile::change& c = only(cs);
    CHECK(c.op() == op::replace);
    CHECK(c.path().to_string() == "version");
    CHECK(c.to<model::Version>() == model::Version(2, 1));
  }
  SUBCASE("nested structs: a path through fields") {
    auto cs = diff_after([](Everything& e) { e.origin.y = 4; });
    CHECK(summary(cs) == lines{"~ origin.y"});
    CHECK(cs[0].path().size() == 2);
    CHECK(cs[0].path()[0].kind() == reconcile::segment_kind::field);
    CHECK(cs[0].path()[0].name() == "origin");
    CHECK(cs[0].path()[1].index() == 1);
  }
  SUBCASE("declaration order") {
    auto cs = diff_after([](Everything& e) {
      e.origin.x = 1;
      e.count = 1;
      e.text = "t";
    });
    CHECK(summary(cs) == lines{"~ count", "~ text", "~ origin.x"});
  }
}

TEST_CASE("diff of sequences") {
  SUBCASE("vector: element-wise over the common prefix") {
    Everything a, b;
    a.args = {0, 0, 0};
    b.args = {0, 7, 0};
    auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "args[1]");
    CHECK(c.path()[1].kind() == reconcile::segment_kind::index);
    CHECK(c.path()[1].index() == 1);
    CHECK(c.to<int>() == 7);
  }
  SUBCASE("vector: growth is adds at the tail") {
    Everything a, b;
    a.args = {1, 2};
    b.args = {1, 2, 3, 4};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"+ args[2]", "+ args[3]"});
    CHECK(cs[0].to<int>() == 3);
    CHECK(cs[1].to<int>() == 4);
    CHECK(cs[0].element_op());
  }
  SUBCASE("vector: shrinkage is removes from the tail") {
    Everything a, b;
    a.args = {1, 2, 3};
    b.args = {1};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"- args[1]", "- args[2]"});
    CHECK(cs[0].element_op());
    CHECK(cs[0].new_value().empty());
  }
  SUBCASE("vector: insertion at the front is index-wise, not a shift") {
    Everything a, b;
    a.args = {1, 2};
    b.args = {0, 1, 2};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ args[0]", "~ args[1]", "+ args[2]"});
  }
  SUBCASE("deque") {
    Everything a, b;
    a.queue = {"a", "b"};
    b.queue = {"a", "c", "d"};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"~ queue[1]", "+ queue[2]"});
    CHECK(cs[1].to<std::string>() == "d");
  }
  SUBCASE("list") {
    Everything a, b;
    a.history = {1, 2, 3};
    b.history = {1, 5};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ history[1]", "- history[2]"});
  }
  SUBCASE("array") {
    Everything a, b;
    b.triple = {0, 0, 9};
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "triple[2]");
    CHECK(c.to<int>() == 9);
  }
  SUBCASE("vector of structs: a path into the element") {
    Everything a, b;
    a.points = {{1, 1}, {2, 2}};
    b.points = {{1, 1}, {2, 3}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ points[1].y"});
  }
}

namespace {
struct Bits {
  std::vector<bool> bits;
};
}  // namespace

TEST_CASE("diff of maps and sets") {
  SUBCASE("map: add, remove and change by key") {
    model::Pod a, b;
    a.labels = {{"app", "web"}, {"old", "x"}, {"tier", "1"}};
    b.labels = {{"app", "web"}, {"new", "y"}, {"tier", "2"}};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"+ labels[\"new\"]", "- labels[\"old\"]", "~ labels[\"tier\"]"});
    CHECK(cs[0].to<std::string>() == "y");
    CHECK(cs[0].element_op());
    CHECK(cs[0].path()[1].kind() == reconcile::segment_kind::key);
    CHECK(cs[0].path()[1].key<std::string>() == "new");
    CHECK(cs[2].from<std::string>() == "1");
    CHECK(cs[2].to<std::string>() == "2");
    CHECK_FALSE(cs[2].element_op());
  }
  SUBCASE("map with int keys") {
    Everything a, b;
    a.limits = {{"cpu", 1}};
    b.limits = {{"cpu", 2}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ limits[\"cpu\"]"});
    model::Shapes s, t;
    t.by_id[7].replicas = 2;
    CHECK(summary(reconcile::diff(s, t)) == lines{"+ by_id[7]"});
  }
  SUBCASE("unordered_map") {
    Everything a, b;
    a.env = {{"HOME", "/root"}, {"PATH", "/bin"}};
    b.env = {{"PATH", "/usr/bin"}, {"HOME", "/root"}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ env[\"PATH\"]"});
    b.env.erase("HOME");
    b.env["USER"] = "me";
    auto s = summary(reconcile::diff(a, b));
    std::sort(s.begin(), s.end());
    CHECK(s == lines{"+ env[\"USER\"]", "- env[\"HOME\"]", "~ env[\"PATH\"]"});
  }
  SUBCASE("set: elements by value") {
    Everything a, b;
    a.tags = {"red", "green"};
    b.tags = {"green", "blue"};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"+ tags{\"blue\"}", "- tags{\"red\"}"});
    CHECK(cs[0].path()[1].kind() == reconcile::segment_kind::element);
    CHECK(cs[0].path()[1].key<std::string>() == "blue");
    CHECK(cs[0].element_op());
  }
  SUBCASE("unordered_set") {
    Everything a, b;
    a.ports = {80, 443};
    b.ports = {443, 80};
    CHECK(reconcile::diff(a, b).empty());
    b.ports.insert(8080);
    CHECK(summary(reconcile::diff(a, b)) == lines{"+ ports{8080}"});
  }
}

TEST_CASE("diff of optionals, variants, tuples and pointers") {
  SUBCASE("optional: engaged is add, emptied is remove, changed is replace") {
    auto added = diff_after([](Everything& e) { e.maybe = 4; });
    CHECK(summary(added) == lines{"+ maybe"});
    CHECK(added[0].to<int>() == 4);
    CHECK_FALSE(added[0].element_op());
    CHECK(summary(diff_before([](Everything& e) { e.maybe = 4; })) == lines{"- maybe"});
    Everything a, b;
    a.maybe = 1;
    b.maybe = 2;
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"~ maybe"});
    CHECK(cs[0].from<int>() == 1);
  }
  SUBCASE("variant: another alternative is one replace of the whole variant") {
    using V = std::variant<int, std::string, model::Point>;
    const auto cs = diff_after([](Everything& e) { e.choice = std::string("x"); });
    const reconcile::change& c = only(cs);
    CHECK(c.op() == op::replace);
    CHECK(c.path().to_string() == "choice");
    CHECK(std::get<int>(c.from<V>()) == 0);
    CHECK(std::get<std::string>(c.to<V>()) == "x");
  }
  SUBCASE("variant: the same alternative diffs inside it") {
    Everything a, b;
    a.choice = model::Point{1, 2};
    b.choice = model::Point{1, 3};
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "choice.y");
    CHECK(c.to<int>() == 3);
    a.choice = 1;
    b.choice = 2;
    CHECK(only(reconcile::diff(a, b)).to<int>() == 2);
  }
  SUBCASE("pair: first and second") {
    auto cs = diff_after([](Everything& e) { e.range = {1, "b"}; });
    CHECK(summary(cs) == lines{"~ range.first", "~ range.second"});
  }
  SUBCASE("tuple: elements by position") {
    auto cs = diff_after([](Everything& e) { std::get<1>(e.triplet) = "x"; });
    CHECK(summary(cs) == lines{"~ triplet.1"});
  }
  SUBCASE("unique_ptr: by pointee") {
    Everything a, b;
    a.owned = std::make_unique<model::Point>(model::Point{1, 2});
    b.owned = std::make_unique<model::Point>(model::Point{1, 2});
    CHECK(reconcile::diff(a, b).empty());
    b.owned->y = 5;
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ owned.y"});
    b.owned.reset();
    CHECK(summary(reconcile::diff(a, b)) == lines{"- owned"});
    auto cs = reconcile::diff(b, a);
    CHECK(summary(cs) == lines{"+ owned"});
    CHECK(cs[0].to<model::Point>().y == 2);
  }
  SUBCASE("shared_ptr: by pointee") {
    Everything a, b;
    a.shared = std::make_shared<model::Point>(model::Point{1, 2});
    b.shared = std::make_shared<model::Point>(model::Point{1, 2});
    CHECK(reconcile::diff(a, b).empty());
    b.shared = a.shared;  // the same pointee
    CHECK(reconcile::diff(a, b).empty());
    b.shared = std::make_shared<model::Point>(model::Point{3, 2});
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ shared.x"});
    b.shared = nullptr;
    CHECK(summary(reconcile::diff(a, b)) == lines{"- shared"});
  }
  SUBCASE("shared_ptr<const T>") {
    model::Pointers a, b;
    b.frozen = std::make_shared<const model::Point>(model::Point{0, 1});
    CHECK(summary(reconcile::diff(a, b)) == lines{"+ frozen"});
    a.frozen = std::make_shared<const model::Point>(model::Point{0, 2});
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ frozen.y"});
  }
}

TEST_CASE("diff of a top-level value") {
  SUBCASE("a container at the root: paths start with its key") {
    std::map<std::string, int> a{{"x", 1}}, b{{"x", 2}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ [\"x\"]"});
    std::vector<int> u{1}, v{1, 2};
    CHECK(summary(reconcile::diff(u, v)) == lines{"+ [1]"});
  }
  SUBCASE("a leaf at the root: the empty path") {
    const auto cs = reconcile::diff(1, 2);
    const reconcile::change& c = only(cs);
    CHECK(c.path().empty());
    CHECK(c.to<int>() == 2);
  }
  SUBCASE("vector<bool> is compared as a leaf") {
    Bits a{{true, false}}, b{{true, true}};
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.path().to_string() == "bits");
    CHECK(c.to<std::vector<bool>>() == std::vector<bool>{true, true});
  }
}

TEST_CASE("equal") {
  SUBCASE("agrees with diff on every field") {
    Everything a, b;
    CHECK(reconcile::equal(a, b));
    b.tags.insert("blue");
    CHECK_FALSE(reconcile::equal(a, b));
    b.tags.clear();
    b.origin.x = 1;
    CHECK_FALSE(reconcile::equal(a, b));
    b.origin.x = 0;
    b.choice = std::string();
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("NaN equals NaN") {
    Everything a, b;
    a.ratio = b.ratio = std::nan("");
    CHECK(reconcile::equal(a, b));
    b.f = std::numeric_limits<float>::quiet_NaN();
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("pointers by pointee, not address") {
    Everything a, b;
    a.owned = std::make_unique<model::Point>(model::Point{1, 1});
    CHECK_FALSE(reconcile::equal(a, b));
    b.owned = std::make_unique<model::Point>(model::Point{1, 1});
    CHECK(reconcile::equal(a, b));
    a.shared = std::make_shared<model::Point>();
    b.shared = std::make_shared<model::Point>();
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("unordered containers regardless of insertion order") {
    Everything a, b;
    for (int i = 0; i < 50; ++i) a.ports.insert(i), a.env[std::to_string(i)] = "v";
    for (int i = 49; i >= 0; --i) b.ports.insert(i), b.env[std::to_string(i)] = "v";
    CHECK(reconcile::equal(a, b));
    b.env["7"] = "w";
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("sequences by index and length") {
    Everything a, b;
    a.history = {1, 2};
    b.history = {2, 1};
    CHECK_FALSE(reconcile::equal(a, b));
    b.history = {1, 2, 3};
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("leaves and top-level values") {
    CHECK(reconcile::equal(std::string("a"), std::string("a")));
    CHECK_FALSE(reconcile::equal(model::Version(1, 0), model::Version(1, 1)));
    CHECK(reconcile::equal(std::vector<int>{1, 2}, std::vector<int>{1, 2}));
  }
  SUBCASE("is usable in constant expressions for literal types") {
    static_assert(reconcile::equal(model::Point{1, 2}, model::Point{1, 2}));
    static_assert(!reconcile::equal(model::Point{1, 2}, model::Point{1, 3}));
  }
}

TEST_CASE("diff_into") {
  SUBCASE("replaces the previous changes") {
    model::Pod a, b, c;
    b.replicas = 2;
    c.name = "x";
    c.replicas = 3;
    reconcile::changeset<model::Pod> cs;
    reconcile::diff_into(cs, a, b);
    CHECK(summary(cs) == lines{"~ replicas"});
    reconcile::diff_into(cs, a, c);
    CHECK(summary(cs) == lines{"~ name", "~ replicas"});
    CHECK(cs[1].to<int>() == 3);
    reconcile::diff_into(cs, a, a);
    CHECK(cs.empty());
  }
  SUBCASE("keeps the memory of its changes") {
    model::Pod a, b;
    b.name = "x";
    b.replicas = 2;
    reconcile::changeset<model::Pod> cs;
    reconcile::diff_into(cs, a, b);
    const reconcile::change* before = &cs[0];
    b.replicas = 3;
    reconcile::diff_into(cs, a, b);
    CHECK(&cs[0] == before);
    CHECK(cs[1].to<int>() == 3);
  }
  SUBCASE("gives the same changes as diff") {
    reconcile::test::rng g(7);
    reconcile::changeset<model::Pod> cs;
    for (int i = 0; i < 200; ++i) {
      auto a = reconcile::test::random_value<model::Pod>(g);
      auto b = reconcile::test::random_value<model::Pod>(g);
      reconcile::diff_into(cs, a, b);
      CHECK(summary(cs) == summary(reconcile::diff(a, b)));
    }
  }
}

TEST_CASE("change") {
  SUBCASE("op, path, values") {
    model::Pod a, b;
    b.labels["tier"] = "web";
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    CHECK(c.op() == op::add);
    CHECK(c.path().to_string() == R"(labels["tier"])");
    CHECK(c.to<std::string>() == "web");
    CHECK(c.old_value().empty());
    CHECK_FALSE(c.new_value().empty());
    CHECK_FALSE(c.has_anchor());
    CHECK(c.count() == 0);
  }
  SUBCASE("path(): a view into the changeset; a path copy outlives it") {
    model::Pod a, b;
    a.labels = {{"tier", "web"}};
    b = copy_of(a);
    b.labels["tier"] = "db";
    reconcile::path kept;
    {
      const auto cs = reconcile::diff(a, b);
      const reconcile::path_view v = only(cs).path();
      REQUIRE(v.size() == 2);
      CHECK(v[1].kind() == reconcile::segment_kind::key);
      CHECK(v[1].key<std::string>() == "tier");
      CHECK(std::distance(v.begin(), v.end()) == 2);
      kept = v;  // an owned copy of each key
      CHECK(reconcile::path_view(kept) == v);
      CHECK_FALSE(v == reconcile::path_view());
    }
    CHECK(kept.to_string() == R"(labels["tier"])");
    CHECK(kept[1].key<std::string>() == "tier");
  }
  SUBCASE("requires_replace is false without an immutable rule") {
    model::Pod a, b;
    b.name = "other";
    CHECK_FALSE(only(reconcile::diff(a, b)).requires_replace());
    CHECK_FALSE(reconcile::diff(a, b).requires_replace());
  }
  SUBCASE("to_string(op)") {
    CHECK(reconcile::to_string(op::add) == "add");
    CHECK(reconcile::to_string(op::remove) == "remove");
    CHECK(reconcile::to_string(op::replace) == "replace");
    CHECK(reconcile::to_string(op::move) == "move");
  }
}

TEST_CASE("changeset") {
  SUBCASE("owns its values and keys: it outlives its inputs") {
    reconcile::changeset<model::Pod> cs;
    {
      model::Pod a, b;
      a.labels[std::string(40, 'k')] = std::string(40, 'v');
      b.labels[std::string(40, 'k')] = std::string(50, 'w');
      b.containers.push_back({std::string(30, 'n'), "img", 1, {std::string(30, 'a')}});
      cs = reconcile::diff(a, b);
    }  // a and b are gone
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].path().to_string() == "labels[\"" + std::string(40, 'k') + "\"]");
    CHECK(cs[0].from<std::string>() == std::string(40, 'v'));
    CHECK(cs[0].to<std::string>() == std::string(50, 'w'));
    CHECK(cs[1].to<model::Container>().args[0] == std::string(30, 'a'));
  }
  SUBCASE("copies and moves keep the changes") {
    model::Pod a, b;
    b.labels["k"] = "v";
    auto cs = reconcile::diff(a, b);
    reconcile::changeset<model::Pod> copy = cs;
    reconcile::changeset<model::Pod> moved = std::move(cs);
    CHECK(summary(copy) == lines{R"(+ labels["k"])"});
    CHECK(summary(moved) == summary(copy));
    CHECK(copy[0].to<std::string>() == "v");
  }
  SUBCASE("size, empty, iteration, clear") {
    model::Pod a, b;
    CHECK(reconcile::changeset<model::Pod>{}.empty());
    b.replicas = 9;
    b.strategy = "x";
    auto cs = reconcile::diff(a, b);
    CHECK(cs.size() == 2);
    CHECK_FALSE(cs.empty());
    std::size_t n = 0;
    for (const auto& c : cs) n += c.op() == op::replace || c.op() == op::add;
    CHECK(n == 2);
    cs.clear();
    CHECK(cs.empty());
  }
}

TEST_CASE("path") {
  SUBCASE("text of each segment kind") {
    model::Deployment a, b;
    a.containers = {{"web", "nginx:1", 100, {"a", "b", "c"}}};
    b.containers = {{"web", "nginx:2", 100, {"a", "b", "d"}}};
    b.labels["tier"] = "web";
    b.replicas = 2;
    auto s = summary(reconcile::diff(a, b));
    CHECK(s == lines{"~ replicas", R"(+ labels["tier"])", R"(~ containers["web"].image)",
                     R"(~ containers["web"].args[2])"});
  }
  SUBCASE("keys print as values: strings quoted, numbers bare") {
    model::Shapes s, t;
    s.by_id[3].replicas = 1;
    t.by_id[3].replicas = 2;
    CHECK(summary(reconcile::diff(s, t)) == lines{"~ by_id[3].replicas"});
  }
  SUBCASE("strings in keys are escaped") {
    model::Pod a, b;
    b.labels["a\"b"] = "x";
    CHECK(summary(reconcile::diff(a, b)) == lines{R"(+ labels["a\"b"])"});
  }
  SUBCASE("segments") {
    model::Pod a, b;
    a.containers = {{"web", "x", 1, {"p"}}};
    b.containers = {{"web", "x", 1, {"q"}}};
    const auto cs = reconcile::diff(a, b);
    const reconcile::change& c = only(cs);
    const reconcile::path& p = c.path();
    REQUIRE(p.size() == 4);
    CHECK(p[0].kind() == reconcile::segment_kind::field);
    CHECK(p[0].name() == "containers");
    CHECK(p[0].index() == 3);
    CHECK(p[1].kind() == reconcile::segment_kind::index);
    CHECK(p[1].index() == 0);
    CHECK(p[2].name() == "args");
    CHECK(p[3].index() == 0);
    CHECK(p.to_string() == "containers[0].args[0]");
  }
}

namespace {
struct Views {
  std::string_view name;
  std::map<std::string_view, std::string_view> labels;
  std::optional<std::string_view> note;
};
}  // namespace

TEST_CASE("changeset of string_views") {
  SUBCASE("owns copies of the characters: it outlives the viewed strings") {
    reconcile::changeset<Views> cs;
    {
      std::string n1(40, 'a'), n2(40, 'b'), key(40, 'k'), value(40, 'v'), note(40, 'n');
      Views a{n1, {}, {}};
      Views b{n2, {{key, value}}, note};
      cs = reconcile::diff(a, b);
      n1.assign(40, 'X');  // the viewed characters change, then die
      n2.assign(40, 'X');
      key.assign(40, 'X');
      value.assign(40, 'X');
    }
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].from<std::string_view>() == std::string(40, 'a'));
    CHECK(cs[0].to<std::string_view>() == std::string(40, 'b'));
    CHECK(cs[1].path().to_string() == "labels[\"" + std::string(40, 'k') + "\"]");
    CHECK(cs[1].to<std::string_view>() == std::string(40, 'v'));
    CHECK(cs[2].to<std::string_view>() == std::string(40, 'n'));
    const reconcile::changeset<Views> copy = cs;  // copies keep their own characters
    cs = {};
    CHECK(copy[0].to<std::string_view>() == std::string(40, 'b'));
    Views target;
    reconcile::apply(target, copy);  // the applied views view the changeset's copies
    CHECK(target.name == std::string(40, 'b'));
    CHECK(target.labels.begin()->first == std::string(40, 'k'));
  }
}

TEST_CASE("change records: small scalars inline, read through checked views") {
  Everything a, b;
  b.count = 7;
  b.ratio = 2.5;
  b.phase = model::Phase::failed;
  b.text = "a string too long for any small-string buffer";
  auto cs = reconcile::diff(a, b);
  REQUIRE(summary(cs) == lines{"~ count", "~ ratio", "~ phase", "~ text"});
  CHECK(sizeof(reconcile::change) == 48);
  const reconcile::change& count = cs[0];
  CHECK(count.old_value().holds<int>());
  CHECK_FALSE(count.new_value().holds<long>());
  CHECK(count.new_value().type_name() == "int");
  CHECK(count.new_value().to_string() == "7");
  CHECK(count.old_value().to_string() == "0");
  CHECK_THROWS_AS((void)count.new_value().get<long>(), reconcile::bad_value_access);
  CHECK(count.count() == 0);
  CHECK(cs[1].from<double>() == 0.0);
  CHECK(cs[1].to<double>() == 2.5);
  CHECK(*cs[2].new_value().get_if<model::Phase>() == model::Phase::failed);
  CHECK(cs[3].to<std::string>() == b.text);
  CHECK(fmt::format("{}", cs) == "~ count: 0 -> 7\n~ ratio: 0 -> 2.5\n~ phase: pending -> failed\n~ text: \"\" -> \"" + b.text + "\"");

  // A copy of the changeset (and of a change) reads its own values, after the original is
  // refilled with other ones.
  reconcile::changeset<Everything> copy = cs;
  reconcile::diff_into(cs, b, a);
  CHECK(cs[0].to<int>() == 0);
  reconcile::changeset<Everything> moved = std::move(copy);
  const reconcile::change one = moved[0];
  CHECK(one.to<int>() == 7);
  CHECK(one.path().to_string() == "count");
  CHECK(moved[3].to<std::string>() == b.text);
  Everything x = copy_of(a);
  reconcile::apply(x, moved);
  CHECK(reconcile::equal(x, b));

  // Keys live in the changeset's kept key boxes: a copy owns its own, refills reuse them.
  Everything c, d;
  const std::string long_key = "memory-limit-with-a-name-longer-than-any-small-string";
  c.limits = {{"cpu", 1}, {long_key, 2}};
  d.limits = {{"cpu", 3}};
  d.tags = {"blue"};
  auto keyed = reconcile::diff(c, d);
  REQUIRE(keyed.size() == 3);
  const reconcile::changeset<Everything> kept = keyed;
  reconcile::diff_into(keyed, d, c);
  REQUIRE(keyed.size() == 3);
  CHECK(keyed[1].path().to_string() == "limits[\"" + long_key + "\"]");
  CHECK(kept[0].path().to_string() == "limits[\"cpu\"]");
  CHECK(kept[1].path()[1].key<std::string>() == long_key);
  CHECK(kept[1].op() == op::remove);
  CHECK(kept[2].path().to_string() == "tags{\"blue\"}");
  const reconcile::path owned = kept[1].path();  // an owned copy of the key
  keyed = {};
  CHECK(owned.to_string() == "limits[\"" + long_key + "\"]");
  Everything y = copy_of(c);
  reconcile::apply(y, kept);
  CHECK(reconcile::equal(y, d));
}

TEST_CASE("apply checks that it has the rules the changeset was made with") {
  using namespace reconcile::dsl;
  const auto r = reconcile::rules(field<&model::Everything::origin> |
                                  compare([](const model::Point& p, const model::Point& q) { return p.x == q.x; }));
  Everything a, b;
  b.origin = {1, 5};
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const reconcile::error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  SUBCASE("diff(o, d, rules) keeps them: apply(obj, cs) uses them") {
    const auto typed = reconcile::diff(a, b, r);
    Everything x = copy_of(a);
    reconcile::apply(x, typed);
    CHECK(x.origin.y == 5);
  }
  SUBCASE("a changeset<T> made with rules is applied with them, else a clear error and no change") {
    const reconcile::changeset<Everything> plain = reconcile::diff(a, b, r);
    REQUIRE(summary(plain) == lines{"~ origin"});
    Everything x = copy_of(a);
    const std::string why = message([&] { reconcile::apply(x, plain); });
    CHECK(why.find("reconcile::apply: the changeset was made by a diff given rules") == 0);
    CHECK(why.find("apply(obj, cs, rules)") != std::string::npos);
    CHECK(x.origin.y == 0);
    reconcile::apply(x, plain, r);
    CHECK(x.origin.y == 5);
  }
  SUBCASE("a changeset made without rules refuses rules; diff_into records the rules of each diff") {
    reconcile::changeset<Everything> cs = reconcile::diff(a, b);
    Everything x = copy_of(a);
    CHECK(message([&] { reconcile::apply(x, cs, r); }) != "no error");
    CHECK(x.origin.y == 0);
    reconcile::diff_into(cs, a, b, r);
    CHECK(message([&] { reconcile::apply(x, cs); }) != "no error");
    reconcile::apply(x, cs, r);
    CHECK(x.origin.y == 5);
    reconcile::diff_into(cs, x, a);
    reconcile::apply(x, cs);
    CHECK(x.origin.y == 0);
  }
}
