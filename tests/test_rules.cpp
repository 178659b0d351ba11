// reconcile/rules.hpp: every rule of the DSL, found by ADL or given at the call site, in
// equal, diff and apply.
#include "support/model.hpp"
#include "support/random_value.hpp"
#include "support/summary.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/format.hpp>
#include <reconcile/rules.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <list>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

using reconcile::op;
using reconcile::test::copy_of;
using reconcile::test::lines;
using reconcile::test::summary;
using reconcile::test::deep_equal;

namespace {

template <class T>
std::size_t moves(const reconcile::changeset<T>& cs) {
  return static_cast<std::size_t>(std::count_if(cs.begin(), cs.end(), [](const auto& c) { return c.op() == op::move; }));
}

std::vector<model::Step> steps(std::string_view ids) {
  std::vector<model::Step> out;
  for (char c : ids) out.push_back({std::string(1, c), 0, {}});
  return out;
}
std::string ids(const std::vector<model::Step>& s) {
  std::string out;
  for (const auto& e : s) out += e.id;
  return out;
}

// Longest strictly increasing subsequence, by the quadratic textbook method (an oracle).
std::size_t lis_length(const std::vector<int>& v) {
  std::vector<std::size_t> best(v.size(), 1);
  std::size_t m = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (v[j] < v[i]) best[i] = std::max(best[i], best[j] + 1);
    m = std::max(m, best[i]);
  }
  return m;
}


// Multisets of the same values three ways: ints (counted through a hashed index), seconds
// (counted through a sorted index: no std::hash) and boxed ints (a struct: the quadratic count,
// the reference the other two must agree with).
struct boxed {
  int v = 0;
  bool operator==(const boxed&) const = default;
};
struct bags {
  std::vector<int> ints;
  std::vector<std::chrono::seconds> secs;
  std::vector<boxed> boxes;
};
constexpr auto reconcile_rules(reconcile::type_t<bags>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&bags::ints> | unordered, field<&bags::secs> | unordered, field<&bags::boxes> | unordered);
}
// xs in the fields named by `fields` (bit k: field k), the other fields empty.
bags bag_of(const std::vector<int>& xs, unsigned fields = 7) {
  bags b;
  for (int x : xs) {
    if (fields & 1) b.ints.push_back(x);
    if (fields & 2) b.secs.push_back(std::chrono::seconds(x));
    if (fields & 4) b.boxes.push_back({x});
  }
  return b;
}
// Each change of one field as (op, value, count): the same for the three fields.
template <class Changeset>
std::vector<std::string> multiset_changes(const Changeset& cs, std::size_t field) {
  std::vector<std::string> out;
  for (const reconcile::change& c : cs) {
    if (c.path()[0].index() != field) continue;
    const reconcile::value_ref v = c.path()[1].key_value();
    const long long x = field == 0 ? v.get<int>() : field == 1 ? v.get<std::chrono::seconds>().count() : v.get<boxed>().v;
    out.push_back(fmt::format("{} {} x{}", reconcile::to_string(c.op()), x, c.count()));
  }
  return out;
}
}  // namespace

TEST_CASE("ignore") {
  SUBCASE("an ignored field is not compared") {
    model::Deployment a, b;
    b.status = {model::Phase::failed, 3};
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
  }
  SUBCASE("nor patched: apply leaves it alone") {
    model::Deployment a, b;
    a.status = {model::Phase::running, 2};
    b.status = {model::Phase::failed, 0};
    b.replicas = 4;
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.replicas == 4);
    CHECK(a.status.phase == model::Phase::running);
    CHECK(a.status.ready == 2);
  }
  SUBCASE("the same type without the rule sees the field") {
    model::Pod a, b;
    b.status.ready = 1;
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ status.ready"});
  }
  SUBCASE("Hana ADAPT_STRUCT types: by member pointer") {
    model::Adapted a{"x", {}, 1}, b{"x", {}, 2};
    CHECK(reconcile::equal(a, b));
    b.id = "y";
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ id"});
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.secret == 1);
  }
}

TEST_CASE("tolerance") {
  SUBCASE("values within abs are equal, the bound included") {
    model::Quote a, b;
    a.bid = 1.0;
    b.bid = 1.0 + 0.005;
    CHECK(reconcile::equal(a, b));
    b.bid = 1.0 + 0.0099;
    CHECK(reconcile::diff(a, b).empty());
    b.bid = 1.5;
    CHECK_FALSE(reconcile::equal(a, b));
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ bid"});
    model::Deployment d, e;
    d.max_surge = 0.25;
    e.max_surge = 0.25 + 1e-10;
    CHECK(reconcile::equal(d, e));
    e.max_surge = 0.25 + 1e-8;
    CHECK_FALSE(reconcile::equal(d, e));
  }
  SUBCASE("exactly abs apart is equal (<=)") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Pod::replicas> | tolerance(2));
    model::Pod a, b;
    a.replicas = 3;
    b.replicas = 5;
    CHECK(reconcile::equal(a, b, r));
    b.replicas = 6;
    CHECK_FALSE(reconcile::equal(a, b, r));
    CHECK(reconcile::diff(a, b, r).size() == 1);
  }
  SUBCASE("NaN equals NaN, and nothing else") {
    model::Quote a, b;
    a.bid = b.bid = std::numeric_limits<double>::quiet_NaN();
    CHECK(reconcile::equal(a, b));
    b.bid = 0;
    CHECK_FALSE(reconcile::equal(a, b));
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ bid"});
  }
  SUBCASE("infinities") {
    model::Quote a, b;
    a.bid = b.bid = std::numeric_limits<double>::infinity();
    CHECK(reconcile::equal(a, b));
    b.bid = -a.bid;
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("on a container of numbers: per element") {
    model::Quote a, b;
    a.levels = {1.0, 2.0};
    b.levels = {1.001, 2.009};
    CHECK(reconcile::equal(a, b));
    b.levels = {1.001, 2.02};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ levels[1]"});
    b.levels = {1.001};
    CHECK(summary(reconcile::diff(a, b)) == lines{"- levels[1]"});
  }
  SUBCASE("on an optional number") {
    model::Quote a, b;
    a.last = 1.0f;
    b.last = 1.2f;
    CHECK(reconcile::equal(a, b));
    b.last = 1.3f;
    CHECK_FALSE(reconcile::equal(a, b));
    b.last.reset();
    CHECK(summary(reconcile::diff(a, b)) == lines{"- last"});
  }
  SUBCASE("apply sets the desired value exactly") {
    model::Quote a, b;
    a.bid = 1;
    b.bid = 2;
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.bid == 2);
  }
  SUBCASE("Hana DEFINE_STRUCT types: by member pointer") {
    model::HanaBox a{"box", 1, 10.0, {}}, b{"box", 1, 10.4, {}};
    CHECK(reconcile::equal(a, b));
    b.weight = 10.6;
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ weight"});
  }
}

TEST_CASE("relative") {
  SUBCASE("|x-y| <= frac * min(|x|, |y|)") {
    model::Quote a, b;
    a.ask = 1000;
    b.ask = 1000.9;  // 0.9 <= 0.001 * 1000
    CHECK(reconcile::equal(a, b));
    a.both = 10;
    b.both = 11.05;  // 1.05 > 0.1 * min(10, 11.05), though <= 0.1 * max(...): min, not max
    CHECK_FALSE(reconcile::equal(a, b));
    b.both = 10.95;
    CHECK(reconcile::equal(a, b));
    b.ask = 1001.5;
    CHECK_FALSE(reconcile::equal(a, b));
    a.ask = -1000;
    b.ask = -1000.9;
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("zero is only equal to zero") {
    model::Quote a, b;
    a.ask = 0;
    b.ask = 1e-300;
    CHECK_FALSE(reconcile::equal(a, b));
    b.ask = -0.0;
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("with tolerance: the larger bound (go-cmp EquateApprox)") {
    model::Quote a, b;
    a.both = 10;
    b.both = 10.9;  // relative bound 1.0
    CHECK(reconcile::equal(a, b));
    a.both = 1;
    b.both = 1.4;  // absolute bound 0.5
    CHECK(reconcile::equal(a, b));
    b.both = 1.6;
    CHECK_FALSE(reconcile::equal(a, b));
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ both"});
  }
  SUBCASE("NaN equals NaN") {
    model::Quote a, b;
    a.ask = b.ask = std::nan("");
    a.both = b.both = std::nan("");
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
  }
  SUBCASE("on map values") {
    model::Quote a, b;
    a.marks = {{"x", 100.0}};
    b.marks = {{"x", 100.5}};
    CHECK(reconcile::equal(a, b));
    b.marks = {{"x", 102.0}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ marks[\"x\"]"});
  }
}

namespace {
// compare(&Version::same_era): a member function compares (as std::invoke would call it).
struct Version {
  int era = 0;
  int patch = 0;
  bool same_era(const Version& o) const { return era == o.era; }
};
struct Release {
  Version version;
  int build = 0;
};
}  // namespace

TEST_CASE("compare") {
  SUBCASE("a member function decides equality") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&Release::version> | compare(&Version::same_era));
    Release a, b;
    b.version.patch = 7;
    CHECK(reconcile::equal(a, b, r));
    CHECK(reconcile::diff(a, b, r).empty());
    b.version.era = 2;
    CHECK(!reconcile::equal(a, b, r));
    CHECK(summary(reconcile::diff(a, b, r)) == lines{"~ version"});
  }
  SUBCASE("a function decides equality") {
    model::Quote a, b;
    a.venue = "NYSE";
    b.venue = "nyse";
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
    b.venue = "nasdaq";
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ venue"});
  }
  SUBCASE("a lambda on a container's elements") {
    model::Quote a, b;
    a.symbols = {"AAPL", "msft"};
    b.symbols = {"aapl", "MSFT"};
    CHECK(reconcile::equal(a, b));
    b.symbols = {"aapl", "goog"};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ symbols[1]"});
  }
  SUBCASE("apply writes the desired value as it is") {
    model::Quote a, b;
    a.venue = "x";
    b.venue = "Y";
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.venue == "Y");
  }
  SUBCASE("on a struct: the whole value is replaced") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Everything::origin> |
                                    compare([](const model::Point& p, const model::Point& q) { return p.x == q.x; }));
    model::Everything a, b;
    b.origin = {0, 5};
    CHECK(reconcile::equal(a, b, r));
    b.origin = {1, 5};
    auto cs = reconcile::diff(a, b, r);
    CHECK(summary(cs) == lines{"~ origin"});
    CHECK(cs[0].to<model::Point>().y == 5);
    reconcile::apply(a, cs);
    CHECK(a.origin.y == 5);
  }
  SUBCASE("reaches values inside variants, optionals and tuples") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Shapes::mixed> | compare(&model::same_ignoring_case),
                                    field<&model::Shapes::pair> | compare(&model::same_ignoring_case));
    model::Shapes a, b;
    a.mixed = {1, std::string("ABC")};
    b.mixed = {1, std::string("abc")};
    a.pair.second = "X";
    b.pair.second = "x";
    CHECK(reconcile::equal(a, b, r));
    CHECK(reconcile::diff(a, b, r).empty());
    b.mixed[0] = 2;  // ints compare as usual
    CHECK(summary(reconcile::diff(a, b, r)) == lines{"~ mixed[0]"});
  }
  SUBCASE("usable in constant expressions") {
    using namespace reconcile::dsl;
    constexpr auto r = reconcile::rules(
        field<&model::Point::y> | compare([](int p, int q) { return (p % 2) == (q % 2); }));
    static_assert(reconcile::equal(model::Point{1, 2}, model::Point{1, 4}, r));
    static_assert(!reconcile::equal(model::Point{1, 2}, model::Point{1, 3}, r));
  }
}

TEST_CASE("keyed_by") {
  SUBCASE("elements match by key, order-free") {
    model::Deployment a, b;
    a.containers = {{"web", "nginx", 1, {}}, {"db", "pg", 2, {}}};
    b.containers = {{"db", "pg", 2, {}}, {"web", "nginx", 1, {}}};
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
  }
  SUBCASE("paths name the key") {
    model::Deployment a, b;
    a.containers = {{"web", "nginx:1", 1, {}}, {"old", "x", 2, {}}};
    b.containers = {{"new", "y", 3, {}}, {"web", "nginx:2", 1, {"-v"}}};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{R"(~ containers["web"].image)", R"(+ containers["web"].args[0])",
                               R"(- containers["old"])", R"(+ containers["new"])"});
    CHECK(cs[0].path()[1].kind() == reconcile::segment_kind::key);
    CHECK(cs[0].path()[1].key<std::string>() == "web");
    CHECK(cs[3].to<model::Container>().image == "y");
    CHECK(cs[3].element_op());
  }
  SUBCASE("integer keys, on a deque") {
    model::Pipeline a, b;
    a.ports = {{80, "tcp"}, {53, "udp"}};
    b.ports = {{53, "tcp"}, {80, "tcp"}};
    CHECK(summary(reconcile::diff(a, b)) == lines{"~ ports[number=53].protocol"});
  }
  SUBCASE("same keys in the same order: element-wise") {
    model::Deployment a, b;
    a.containers = {{"a", "1", 1, {}}, {"b", "2", 1, {}}};
    b.containers = {{"a", "1", 1, {}}, {"b", "3", 1, {}}};
    CHECK(summary(reconcile::diff(a, b)) == lines{R"(~ containers["b"].image)"});
  }
  SUBCASE("different sizes are not equal") {
    model::Deployment a, b;
    a.containers = {{"a", "1", 1, {}}};
    CHECK_FALSE(reconcile::equal(a, b));
    CHECK(summary(reconcile::diff(a, b)) == lines{R"(- containers["a"])"});
  }
  SUBCASE("apply matches by key, whatever the order of the target") {
    model::Deployment a, b;
    a.containers = {{"web", "nginx:1", 1, {}}, {"old", "x", 2, {}}, {"db", "pg", 1, {}}};
    b.containers = {{"db", "pg", 5, {}}, {"new", "y", 3, {}}, {"web", "nginx:2", 1, {}}};
    auto cs = reconcile::diff(a, b);
    model::Deployment c;
    c.containers = {{"db", "pg", 1, {}}, {"web", "nginx:1", 1, {}}, {"old", "x", 2, {}}};
    reconcile::apply(c, cs);
    CHECK(reconcile::equal(c, b));
    reconcile::apply(c, cs);
    CHECK(reconcile::equal(c, b));
    CHECK(c.containers.size() == 3);
  }
  SUBCASE("a duplicate key is an error naming the path") {
    model::Deployment a, b;
    a.containers = {{"web", "1", 1, {}}, {"db", "1", 1, {}}, {"web", "2", 1, {}}};
    b.containers = {{"db", "1", 1, {}}};
    reconcile::changeset<model::Deployment> cs = reconcile::diff(b, b);
    try {
      reconcile::diff_into(cs, a, b);
      FAIL("a duplicate key must throw");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "containers");
      CHECK(std::string(e.what()).find("duplicate key \"web\"") != std::string::npos);
      CHECK(std::string(e.what()).find("containers") != std::string::npos);
    }
    CHECK(cs.empty());
    CHECK_THROWS_AS(reconcile::diff(b, a), reconcile::error);  // in the desired side too
  }
  SUBCASE("a duplicate key nested in a map names the whole path") {
    model::Shapes a, b;
    a.by_id[4].containers = {{"x", "1", 1, {}}, {"x", "2", 1, {}}};
    b.by_id[4].containers = {{"y", "1", 1, {}}};
    try {
      (void)reconcile::diff(a, b);
      FAIL("a duplicate key must throw");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "by_id[4].containers");
    }
  }
  SUBCASE("a duplicate key in the same order on both sides is still an error when they differ") {
    model::Deployment a, b;
    a.containers = {{"web", "1", 1, {}}, {"web", "2", 1, {}}};
    b.containers = {{"web", "1", 1, {}}, {"web", "3", 1, {}}};
    CHECK_THROWS_AS(reconcile::diff(a, b), reconcile::error);
  }
}

TEST_CASE("ordered") {
  SUBCASE("hand-computed minimal moves") {
    struct expectation {
      const char* from;
      const char* to;
      std::size_t moves;
    };
    const expectation cases[] = {
        {"abcd", "abcd", 0}, {"abcd", "dabc", 1}, {"abcd", "bcda", 1}, {"abcd", "badc", 2},
        {"abcd", "dcba", 3}, {"abcde", "edcba", 4}, {"abcdefgh", "badcfehg", 4}, {"abcdef", "acebdf", 2},
        {"abcd", "xcab", 1},  // d removed, x added, c moved
        {"ab", "ba", 1},     {"", "abc", 0},       {"abc", "", 0},
    };
    for (const auto& c : cases) {
      CAPTURE(c.from);
      CAPTURE(c.to);
      model::Pipeline a, b;
      a.steps = steps(c.from);
      b.steps = steps(c.to);
      auto cs = reconcile::diff(a, b);
      CHECK(moves(cs) == c.moves);
      CHECK(reconcile::equal(a, b) == (std::string_view(c.from) == c.to));
      reconcile::apply(a, cs);
      CHECK(ids(a.steps) == c.to);  // apply reproduces the exact order
      reconcile::apply(a, cs);
      CHECK(ids(a.steps) == c.to);
    }
  }
  SUBCASE("a move: op::move, the key, the element it goes after") {
    model::Pipeline a, b;
    a.steps = steps("abcd");
    b.steps = steps("dabc");
    auto cs = reconcile::diff(a, b);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].op() == op::move);
    CHECK(cs[0].path().to_string() == R"(steps["d"])");
    CHECK(cs[0].has_anchor());
    CHECK(cs[0].after().empty());  // goes first
    b.steps = steps("bcad");
    cs = reconcile::diff(a, b);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].path().to_string() == R"(steps["a"])");
    CHECK(cs[0].after().get<std::string>() == "c");
  }
  SUBCASE("order matters for equal") {
    model::Pipeline a, b;
    a.steps = steps("ab");
    b.steps = steps("ba");
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("a moved element that also changed: the change and the move") {
    model::Pipeline a, b;
    a.steps = steps("abc");
    b.steps = steps("cab");
    b.steps[0].weight = 7;
    CHECK(summary(reconcile::diff(a, b)) == lines{R"(~ steps["c"].weight)", R"(> steps["c"])"});
  }
  SUBCASE("moves = common elements - longest increasing subsequence, on random permutations") {
    reconcile::test::rng g(99);
    for (int round = 0; round < 500; ++round) {
      const std::size_t n = 1 + g.below(9);
      std::vector<int> perm(n);
      std::iota(perm.begin(), perm.end(), 0);
      for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[g.below(i)]);
      std::string from, to;
      for (std::size_t i = 0; i < n; ++i) from += static_cast<char>('a' + i);
      for (int p : perm) to += static_cast<char>('a' + p);
      model::Pipeline a, b;
      a.steps = steps(from);
      b.steps = steps(to);
      auto cs = reconcile::diff(a, b);
      CAPTURE(to);
      CHECK(moves(cs) == n - lis_length(perm));
      CHECK(cs.size() == moves(cs));
      reconcile::apply(a, cs);
      CHECK(ids(a.steps) == to);
    }
  }
  SUBCASE("on a std::list, with adds and removes") {
    model::Pipeline a, b;
    for (char c : std::string("abcde")) a.stages.push_back({std::string(1, c), 0, {}});
    for (char c : std::string("xeacy")) b.stages.push_back({std::string(1, c), 0, {}});
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{R"(- stages["b"])", R"(- stages["d"])", R"(+ stages["x"])", R"(> stages["e"])",
                               R"(+ stages["y"])"});
    reconcile::apply(a, cs);
    CHECK(deep_equal(a.stages, b.stages));
  }
  SUBCASE("duplicate keys are an error") {
    model::Pipeline a, b;
    a.steps = steps("aba");
    b.steps = steps("ab");
    CHECK_THROWS_AS(reconcile::diff(a, b), reconcile::error);
  }
}

TEST_CASE("unordered") {
  SUBCASE("a multiset: order does not matter, counts do") {
    model::Pipeline a, b;
    a.tags = {"a", "b", "a"};
    b.tags = {"b", "a", "a"};
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
    b.tags = {"b", "a"};
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("one change per distinct value whose count differs") {
    model::Pipeline a, b;
    a.tags = {"red", "blue", "red", "green"};
    b.tags = {"blue", "blue", "blue", "green", "white"};
    auto cs = reconcile::diff(a, b);
    REQUIRE(summary(cs) == lines{R"(- tags{"red"})", R"(+ tags{"blue"})", R"(+ tags{"white"})"});
    CHECK(cs[0].count() == 0);
    CHECK(cs[1].count() == 3);
    CHECK(cs[2].count() == 1);
    CHECK(cs[1].path()[1].kind() == reconcile::segment_kind::element);
    CHECK(cs[1].path()[1].key<std::string>() == "blue");
  }
  SUBCASE("apply sets the count") {
    model::Pipeline a, b;
    a.tags = {"red", "blue"};
    b.tags = {"blue", "red", "red"};
    auto cs = reconcile::diff(a, b);  // red: 2 in all
    model::Pipeline other;
    other.tags = {"red", "red", "red", "red", "x"};
    reconcile::apply(other, cs);
    CHECK(std::count(other.tags.begin(), other.tags.end(), "red") == 2);
    CHECK(other.tags.size() == 3);
    reconcile::apply(a, cs);
    CHECK(reconcile::equal(a, b));
    reconcile::apply(a, cs);
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("on a std::list of numbers") {
    model::Pipeline a, b;
    a.numbers = {3, 1, 2};
    b.numbers = {1, 2, 3, 3};
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{"+ numbers{3}"});
    reconcile::apply(a, cs);
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("Hana ADAPT_STRUCT types") {
    model::Adapted a{"x", {1, 2, 2}, 0}, b{"x", {2, 1, 2}, 0};
    CHECK(reconcile::equal(a, b));
  }
  SUBCASE("counted through an index (hashed, sorted) as the quadratic count counts") {
    reconcile::test::rng g(20261206);
    for (int n = 0; n < 3000; ++n) {
      CAPTURE(n);
      std::vector<int> xs(g.below(12)), ys;
      const std::size_t range = 1 + g.below(6);  // few values: many repeats
      for (int& x : xs) x = static_cast<int>(g.below(range));
      if (g.chance(30)) {
        ys = xs;  // a permutation, maybe with a few values changed
        for (std::size_t i = ys.size(); i > 1; --i) std::swap(ys[i - 1], ys[g.below(i)]);
        for (int& y : ys)
          if (g.chance(15)) y = static_cast<int>(g.below(range + 2));
      } else {
        ys.resize(g.below(12));
        const std::size_t common = std::min(xs.size(), g.below(ys.size() + 1));  // a shared prefix
        for (std::size_t i = 0; i < ys.size(); ++i) ys[i] = i < common ? xs[i] : static_cast<int>(g.below(range + 2));
      }
      const bags a = bag_of(xs), b = bag_of(ys);
      const auto cs = reconcile::diff(a, b);
      const auto reference = multiset_changes(cs, 2);
      CHECK(multiset_changes(cs, 0) == reference);
      CHECK(multiset_changes(cs, 1) == reference);
      std::vector<int> sx = xs, sy = ys;
      std::sort(sx.begin(), sx.end());
      std::sort(sy.begin(), sy.end());
      for (unsigned field : {1u, 2u, 4u}) CHECK(reconcile::equal(bag_of(xs, field), bag_of(ys, field)) == (sx == sy));
      CHECK(cs.empty() == (sx == sy));
      bags c = a;
      reconcile::apply(c, cs);
      std::sort(c.ints.begin(), c.ints.end());
      CHECK(c.ints == sy);
    }
  }
}

TEST_CASE("immutable") {
  SUBCASE("a change to the field requires replacement") {
    model::Deployment a, b;
    b.name = "other";
    b.replicas = 3;
    auto cs = reconcile::diff(a, b);
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].requires_replace());
    CHECK_FALSE(cs[1].requires_replace());
    CHECK(cs.requires_replace());
    b.name = a.name;
    CHECK_FALSE(reconcile::diff(a, b).requires_replace());
  }
  SUBCASE("everything under an immutable field requires replacement") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Pod::containers> | immutable, field<&model::Pod::status> | immutable);
    model::Pod a, b;
    a.containers = {{"web", "1", 1, {"x"}}};
    b.containers = {{"web", "1", 1, {"y"}}, {"db", "1", 1, {}}};
    b.status.ready = 2;
    b.replicas = 7;
    auto cs = reconcile::diff(a, b, r);
    REQUIRE(cs.size() == 4);
    CHECK(summary(cs) == lines{"~ replicas", "~ containers[0].args[0]", "+ containers[1]", "~ status.ready"});
    CHECK_FALSE(cs[0].requires_replace());
    CHECK(cs[1].requires_replace());
    CHECK(cs[2].requires_replace());
    CHECK(cs[3].requires_replace());
  }
  SUBCASE("combines with other rules") {
    using namespace reconcile::dsl;
    const auto r = reconcile::rules(field<&model::Pod::containers> | keyed_by<&model::Container::name> | immutable);
    model::Pod a, b;
    a.containers = {{"web", "1", 1, {}}};
    b.containers = {{"web", "2", 1, {}}};
    auto cs = reconcile::diff(a, b, r);
    REQUIRE(summary(cs) == lines{R"(~ containers["web"].image)"});
    CHECK(cs[0].requires_replace());
  }
  SUBCASE("Hana DEFINE_STRUCT types") {
    model::HanaBox a{"a", 1, 0, {}}, b{"b", 1, 0, {}};
    CHECK(reconcile::diff(a, b).requires_replace());
  }
}

TEST_CASE("reconcile_rules") {
  SUBCASE("found by ADL in nested and container positions") {
    model::World a, b;
    a.deployments["x"].status.ready = 1;                 // ignored inside a map
    a.deployments["x"].containers = {{"p", "1", 1, {}}, {"q", "1", 1, {}}};
    b.deployments["x"].containers = {{"q", "1", 1, {}}, {"p", "1", 1, {}}};  // keyed
    a.boxes = {{"b", 1, 1.0, {}}};
    b.boxes = {{"b", 1, 1.2, {}}};                       // tolerance inside a vector
    a.adapted.values = {1, 2};
    b.adapted.values = {2, 1};                           // unordered inside a struct
    a.quote.venue = "X";
    b.quote.venue = "x";
    CHECK(reconcile::equal(a, b));
    CHECK(reconcile::diff(a, b).empty());
    b.deployments["x"].name = "y";
    auto cs = reconcile::diff(a, b);
    CHECK(summary(cs) == lines{R"(~ deployments["x"].name)"});
    CHECK(cs.requires_replace());                        // immutable inside a map
  }
  SUBCASE("inside optionals, pointers and variants") {
    model::Shapes a, b;
    a.pipeline.emplace();
    b.pipeline.emplace();
    a.pipeline->tags = {"a", "b"};
    b.pipeline->tags = {"b", "a"};
    CHECK(reconcile::equal(a, b));
    b.pipeline->steps = steps("ab");
    a.pipeline->steps = steps("ba");
    CHECK(summary(reconcile::diff(a, b)) == lines{R"(> pipeline.steps["a"])"});
  }
  SUBCASE("apply uses them too") {
    model::World a, b;
    a.pipelines[1].steps = steps("abc");
    b.pipelines[1].steps = steps("cba");
    a.pipelines[1].tags = {"x"};
    b.pipelines[1].tags = {"y", "x", "y"};
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(ids(a.pipelines[1].steps) == "cba");
    CHECK(reconcile::equal(a, b));
  }
}

// A library's type whose namespace the user does not own.
namespace vendor {
struct Quote {
  double px = 0;
  int qty = 0;
};
struct Tick {
  double px = 0;
};
struct Bar {
  double px = 0;
};
}  // namespace vendor

// Rules written for vendor::Tick in the wrong namespace: ADL never looks here, so they are not
// seen (the silent miss that has_rules makes visible).
namespace app {
constexpr auto reconcile_rules(reconcile::type_t<vendor::Tick>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&vendor::Tick::px> | tolerance(0.5));
}
}  // namespace app

// rules_of<T>: written from any namespace (here the global one); dsl names resolve inside.
template <>
struct reconcile::rules_of<vendor::Quote> {
  static constexpr auto value = reconcile::rules(dsl::field<&vendor::Quote::px> | dsl::tolerance(0.5));
};

static_assert(reconcile::has_rules<vendor::Quote>);
static_assert(reconcile::has_rules<model::Deployment>);  // reconcile_rules beside the type
static_assert(!reconcile::has_rules<vendor::Tick>);      // declared in the wrong namespace
static_assert(!reconcile::has_rules<vendor::Bar>);

TEST_CASE("rules_of") {
  SUBCASE("specialised from another namespace, the rules apply") {
    CHECK(reconcile::equal(vendor::Quote{1.0, 5}, vendor::Quote{1.4, 5}));
    CHECK(summary(reconcile::diff(vendor::Quote{1.0, 5}, vendor::Quote{1.6, 6})) == lines{"~ px", "~ qty"});
  }
  SUBCASE("inside containers too") {
    std::vector<vendor::Quote> a{{1.0, 1}}, b{{1.3, 1}};
    CHECK(reconcile::diff(a, b).empty());
  }
  SUBCASE("rules in the wrong namespace are not seen") {
    CHECK_FALSE(reconcile::equal(vendor::Tick{1.0}, vendor::Tick{1.4}));
  }
}

TEST_CASE("has_rules") {
  CHECK(reconcile::has_rules<vendor::Quote>);
  CHECK(reconcile::has_rules<model::Deployment>);
  CHECK_FALSE(reconcile::has_rules<vendor::Tick>);
  CHECK_FALSE(reconcile::has_rules<int>);
}

TEST_CASE("rules at the call site") {
  using namespace reconcile::dsl;
  SUBCASE("override the type's own rule for that field") {
    model::Deployment a, b;
    a.containers = {{"a", "1", 1, {}}, {"b", "1", 1, {}}};
    b.containers = {{"b", "1", 1, {}}, {"a", "1", 1, {}}};
    CHECK(reconcile::equal(a, b));  // the type's own rule: keyed, order-free
    const auto r = reconcile::rules(field<&model::Deployment::containers> | keyed_by<&model::Container::name> | ordered);
    CHECK_FALSE(reconcile::equal(a, b, r));
    auto cs = reconcile::diff(a, b, r);
    CHECK(summary(cs) == lines{R"(> containers["b"])"});
    reconcile::apply(a, cs);  // apply uses the rules the diff was made with
    CHECK(a.containers[0].name == "b");
  }
  SUBCASE("keep the type's rules for the other fields") {
    model::Deployment a, b;
    b.status.ready = 5;  // ignored by the type's rules
    b.max_surge = 0.5;
    const auto r = reconcile::rules(field<&model::Deployment::max_surge> | tolerance(0.5));
    CHECK(reconcile::equal(a, b, r));
    CHECK(reconcile::diff(a, b, r).empty());
    CHECK_FALSE(reconcile::equal(a, b));
  }
  SUBCASE("reach nested types") {
    model::Pod a, b;
    a.containers = {{"web", "nginx:1", 1, {"x", "y"}}};
    b.containers = {{"web", "nginx:2", 1, {"y", "x"}}};
    const auto r = reconcile::rules(field<&model::Container::image> | ignore, field<&model::Container::args> | unordered);
    CHECK(reconcile::equal(a, b, r));
    CHECK(reconcile::diff(a, b, r).empty());
    CHECK(reconcile::diff(a, b).size() == 3);
  }
  SUBCASE("apply honours call-site ignore") {
    model::Pod a, b;
    a.name = "keep";
    b.name = "other";
    b.replicas = 9;
    const auto r = reconcile::rules(field<&model::Pod::name> | ignore);
    auto cs = reconcile::diff(a, b, r);
    CHECK(summary(cs) == lines{"~ replicas"});
    reconcile::apply(a, cs);
    CHECK(a.name == "keep");
    CHECK(a.replicas == 9);
  }
  SUBCASE("a changeset keeps its call-site rules when copied and outlives them") {
    model::Pod a, b;
    a.containers = {{"a", "1", 1, {}}, {"b", "1", 1, {}}, {"c", "1", 1, {}}};
    b.containers = {{"c", "1", 1, {}}, {"a", "1", 1, {}}, {"b", "2", 1, {}}};
    auto made = [&] {
      const auto r = reconcile::rules(field<&model::Pod::containers> | keyed_by<&model::Container::name> | ordered,
                                      field<&model::Pod::name> | compare([](const std::string& x, const std::string& y) {
                                        return x.size() == y.size();
                                      }));
      return reconcile::diff(a, b, r);  // a changeset<Pod, decltype(r)>: keeps a copy of r
    };
    auto cs = made();
    auto copy = cs;
    // As a plain changeset<Pod>, it has forgotten the rules: apply refuses it, changing nothing.
    const reconcile::changeset<model::Pod> plain = cs;
    model::Pod untouched = copy_of(a);
    CHECK_THROWS_AS(reconcile::apply(untouched, plain), reconcile::error);
    CHECK(deep_equal(untouched.containers, a.containers));
    reconcile::apply(a, copy);
    CHECK(deep_equal(a.containers, b.containers));
  }
}

TEST_CASE("rules") {
  using namespace reconcile::dsl;
  SUBCASE("keyed_by | ordered composes either way") {
    constexpr auto x = field<&model::Pipeline::steps> | keyed_by<&model::Step::id> | ordered;
    constexpr auto y = field<&model::Pipeline::steps> | (keyed_by<&model::Step::id> | ordered);
    static_assert(std::is_same_v<decltype(x), decltype(y)>);
    static_assert((decltype(x)::flags & reconcile::detail::f_ordered) != 0);
  }
  SUBCASE("no_rules is the default") {
    model::Pod a, b;
    b.replicas = 2;
    CHECK(summary(reconcile::diff(a, b, reconcile::no_rules)) == summary(reconcile::diff(a, b)));
    CHECK(reconcile::equal(a, a, reconcile::no_rules));
  }
  SUBCASE("rules are resolved at compile time") {
    constexpr auto r = reconcile::rules(field<&model::Quote::bid> | tolerance(0.5), field<&model::Quote::exact> | ignore);
    static_assert(std::tuple_size_v<decltype(r.entries)> == 2);
    static_assert(std::get<0>(r.entries).abs == 0.5);
  }
}

// A struct that no rule names is walked by one fold over its fields (default_rules_only); a
// call-site rule that names one of its fields and changes nothing (field<&M::n> with no rule)
// takes the per-field path. Both must agree on equal, on every change (op, path, values) and
// on the apply round trip.
namespace default_only {
struct Inner {
  int x = 0;
  std::string s;
};
struct Mixed {
  int n = 0;
  double d = 0;
  std::string name;
  Inner inner;
  std::vector<int> list;
  std::map<std::string, Inner> by_name;
  std::optional<Inner> maybe;
  std::vector<Inner> items;
};
}  // namespace default_only

TEST_CASE("default_rules_only") {
  using default_only::Mixed;
  using reconcile::dsl::field;
  constexpr auto per_field = reconcile::rules(field<&Mixed::n>);
  using PerField = std::remove_cvref_t<decltype(per_field)>;
  static_assert(reconcile::detail::default_rules_only<Mixed, reconcile::rules_t<>>);
  static_assert(reconcile::detail::default_rules_only<default_only::Inner, PerField>);
  static_assert(!reconcile::detail::default_rules_only<Mixed, PerField>);
  reconcile::test::rng g(20261206);
  auto changes = [](const auto& cs) {
    lines out;
    for (const auto& c : cs)
      out.push_back(fmt::format("{} {} {} -> {}", static_cast<int>(c.op()), c.path().to_string(),
                                c.old_value().to_string(), c.new_value().to_string()));
    return out;
  };
  std::size_t differing = 0;
  for (int i = 0; i < 300; ++i) {
    const Mixed a = reconcile::test::random_value<Mixed>(g);
    Mixed b = copy_of(a);
    if (i % 5 != 0) reconcile::test::mutate(b, g);
    const bool same = reconcile::equal(a, b);
    CHECK(same == reconcile::equal(a, b, per_field));
    CHECK(same == deep_equal(a, b));
    const auto fast = reconcile::diff(a, b);
    const reconcile::changeset<Mixed> slow = reconcile::diff(a, b, per_field);
    CHECK(changes(fast) == changes(slow));
    CHECK(fast.empty() == same);
    differing += same ? 0 : 1;
    Mixed x = copy_of(a);
    reconcile::apply(x, fast);
    CHECK(deep_equal(x, b));
  }
  CHECK(differing > 100);
}
