// reconcile/apply.hpp: apply(obj, cs) turns obj into the diff's target, once or many times,
// for every supported type; never writes through a shared_ptr; rejects changes that do not
// fit (naming the path) and then changes nothing.
#include "support/model.hpp"
#include "support/random_value.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <variant>
#include <vector>

using namespace std::chrono_literals;
using model::Everything;

namespace leafmix {
// The same field index, a plain value of another type in each alternative: a change made for
// one alternative does not fit the other (apply writes a plain leaf without a call to at()).
struct PI {
  int x = 0;
  int y = 0;
  bool operator==(const PI&) const = default;
};
struct PF {
  float x = 0;
  float y = 0;
  bool operator==(const PF&) const = default;
};
struct Holder {
  int n = 0;
  std::variant<PI, PF> v;
  bool operator==(const Holder&) const = default;
};
}  // namespace leafmix

namespace optcmp {
// compare rules on the optional and the shared_ptr themselves: empty counts as 0. diff then
// reports each as one replace whose values are the whole optional / pointer.
struct Limits {
  std::optional<int> cap;
  std::optional<std::string> note;
  std::shared_ptr<int> weight;
};
inline bool same_cap(const std::optional<int>& a, const std::optional<int>& b) { return a.value_or(0) == b.value_or(0); }
inline bool same_note(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return a.value_or("") == b.value_or("");
}
inline bool same_weight(const std::shared_ptr<int>& a, const std::shared_ptr<int>& b) {
  return (a ? *a : 0) == (b ? *b : 0);
}
constexpr auto reconcile_rules(reconcile::type_t<Limits>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Limits::cap> | compare(&same_cap), field<&Limits::note> | compare(&same_note),
                          field<&Limits::weight> | compare(&same_weight));
}
}  // namespace optcmp
using reconcile::test::copy_of;
using reconcile::test::deep_equal;

namespace {

// Applies diff(a, b) to a copy of a, checks the copy equals b (exactly), then applies it
// again and checks nothing moved. Returns the changeset.
template <class T>
reconcile::changeset<T> round_trip(const T& a, const T& b) {
  auto cs = reconcile::diff(a, b);
  T x = copy_of(a);
  reconcile::apply(x, cs);
  CHECK(reconcile::equal(x, b));
  CHECK(deep_equal(x, b));
  T y = copy_of(x);
  reconcile::apply(y, cs);
  CHECK(deep_equal(x, y));
  return cs;
}

template <class F>
reconcile::changeset<Everything> round_trip_edit(F edit) {
  Everything a;
  a.args = {1, 2, 3};
  a.queue = {"a", "b"};
  a.history = {1};
  a.limits = {{"cpu", 1}, {"mem", 2}};
  a.env = {{"HOME", "/root"}};
  a.tags = {"red"};
  a.ports = {80};
  a.maybe = 3;
  a.owned = std::make_unique<model::Point>(model::Point{1, 2});
  a.shared = std::make_shared<model::Point>(model::Point{3, 4});
  a.points = {{1, 1}, {2, 2}};
  Everything b = copy_of(a);
  edit(b);
  return round_trip(a, b);
}

}  // namespace

TEST_CASE("apply") {
  SUBCASE("leaves") {
    round_trip_edit([](Everything& e) {
      e.flag = true;
      e.letter = 'q';
      e.count = -4;
      e.big = 1ull << 60;
      e.ratio = 0.5;
      e.f = 2.5f;
      e.phase = model::Phase::running;
      e.color = model::Color::green;
      e.text = std::string(64, 't');
      e.timeout = 3s;
      e.stamp += 24h;
      e.tick += 1ms;
      e.version = model::Version(4, 2);
    });
  }
  SUBCASE("sequences: change, grow, shrink") {
    round_trip_edit([](Everything& e) { e.args[1] = 7; });
    round_trip_edit([](Everything& e) { e.args.insert(e.args.begin(), 0); });
    round_trip_edit([](Everything& e) { e.args.clear(); });
    round_trip_edit([](Everything& e) { e.queue = {"z", "b", "c", "d"}; });
    round_trip_edit([](Everything& e) { e.history = {5, 6, 7}; });
    round_trip_edit([](Everything& e) { e.history.clear(); });
    round_trip_edit([](Everything& e) { e.triple = {3, 2, 1}; });
    round_trip_edit([](Everything& e) { e.points = {{2, 2}, {1, 1}, {0, 0}}; });
  }
  SUBCASE("maps and sets") {
    round_trip_edit([](Everything& e) { e.limits = {{"cpu", 5}, {"gpu", 1}}; });
    round_trip_edit([](Everything& e) { e.env = {{"PATH", "/bin"}, {"HOME", "/home"}}; });
    round_trip_edit([](Everything& e) { e.tags = {"blue", "green"}; });
    round_trip_edit([](Everything& e) { e.ports = {443, 8080}; });
  }
  SUBCASE("optional: engage, change, empty") {
    round_trip_edit([](Everything& e) { e.maybe = 9; });
    round_trip_edit([](Everything& e) { e.maybe.reset(); });
    Everything a, b;
    b.maybe = 1;
    round_trip(a, b);
  }
  SUBCASE("variant: change of alternative and inside one") {
    round_trip_edit([](Everything& e) { e.choice = std::string("s"); });
    round_trip_edit([](Everything& e) { e.choice = model::Point{5, 6}; });
    Everything a, b;
    a.choice = model::Point{1, 2};
    b.choice = model::Point{1, 3};
    round_trip(a, b);
  }
  SUBCASE("pair and tuple") {
    round_trip_edit([](Everything& e) {
      e.range = {3, "x"};
      e.triplet = {1, "y", 2.5};
    });
  }
  SUBCASE("unique_ptr: engage, change pointee, empty") {
    round_trip_edit([](Everything& e) { e.owned->y = 9; });
    round_trip_edit([](Everything& e) { e.owned.reset(); });
    Everything a, b;
    b.owned = std::make_unique<model::Point>(model::Point{7, 7});
    round_trip(a, b);
  }
  SUBCASE("shared_ptr: engage, change pointee, empty") {
    round_trip_edit([](Everything& e) { e.shared = std::make_shared<model::Point>(model::Point{3, 5}); });
    round_trip_edit([](Everything& e) { e.shared.reset(); });
  }
  SUBCASE("an empty changeset changes nothing") {
    Everything a;
    a.count = 4;
    reconcile::apply(a, reconcile::changeset<Everything>{});
    CHECK(a.count == 4);
    reconcile::apply(a, reconcile::diff(a, copy_of(a)));
    CHECK(a.count == 4);
  }
  SUBCASE("a top-level container") {
    std::map<std::string, std::vector<int>> a{{"x", {1}}, {"y", {2}}}, b{{"x", {1, 3}}, {"z", {}}};
    round_trip(a, b);
  }
}

TEST_CASE("apply to another object") {
  SUBCASE("a changeset outlives its inputs: apply it later") {
    reconcile::changeset<model::Pod> cs;
    {
      model::Pod a, b;
      b.labels[std::string(40, 'k')] = std::string(40, 'v');
      b.containers.push_back({"web", std::string(40, 'i'), 5, {"x"}});
      b.strategy = "Recreate";
      cs = reconcile::diff(a, b);
    }
    model::Pod later;
    reconcile::apply(later, cs);
    CHECK(later.labels.at(std::string(40, 'k')) == std::string(40, 'v'));
    REQUIRE(later.containers.size() == 1);
    CHECK(later.containers[0].image == std::string(40, 'i'));
    CHECK(later.strategy == "Recreate");
  }
  SUBCASE("sequence add at i assigns element i if it exists, else appends") {
    Everything a, b;
    a.args = {1, 2};
    b.args = {1, 2, 3};
    auto cs = reconcile::diff(a, b);  // + args[2]: 3
    Everything shorter;
    shorter.args = {9};
    reconcile::apply(shorter, cs);
    CHECK(shorter.args == std::vector<int>{9, 3});
    Everything longer;
    longer.args = {1, 2, 7, 8};
    reconcile::apply(longer, cs);
    CHECK(longer.args == std::vector<int>{1, 2, 3, 8});
  }
  SUBCASE("sequence remove at i truncates to i") {
    Everything a, b;
    a.args = {1, 2, 3};
    b.args = {1};
    auto cs = reconcile::diff(a, b);  // - args[1], - args[2]
    Everything longer;
    longer.args = {1, 2, 3, 4, 5};
    reconcile::apply(longer, cs);
    CHECK(longer.args == std::vector<int>{1});
    Everything shorter;
    reconcile::apply(shorter, cs);  // nothing to remove
    CHECK(shorter.args.empty());
  }
  SUBCASE("map add replaces an existing entry; remove of an absent key does nothing") {
    model::Pod a, b;
    a.labels = {{"gone", "1"}};
    b.labels = {{"tier", "web"}};
    auto cs = reconcile::diff(a, b);
    model::Pod other;
    other.labels = {{"tier", "db"}, {"keep", "me"}};
    reconcile::apply(other, cs);
    CHECK(other.labels == std::map<std::string, std::string>{{"keep", "me"}, {"tier", "web"}});
  }
  SUBCASE("set add and remove by value") {
    Everything a, b;
    a.tags = {"red"};
    b.tags = {"blue"};
    auto cs = reconcile::diff(a, b);
    Everything other;
    other.tags = {"red", "green"};
    reconcile::apply(other, cs);
    CHECK(other.tags == std::set<std::string>{"blue", "green"});
  }
}

TEST_CASE("apply through shared_ptr") {
  SUBCASE("a change inside the pointee installs a fresh copy") {
    auto old_pointee = std::make_shared<model::Point>(model::Point{1, 2});
    std::shared_ptr<model::Point> other_owner = old_pointee;
    Everything a, b;
    a.shared = old_pointee;
    b.shared = std::make_shared<model::Point>(model::Point{1, 5});
    auto cs = reconcile::diff(a, b);
    reconcile::apply(a, cs);
    CHECK(a.shared->y == 5);
    CHECK(a.shared != old_pointee);
    CHECK(old_pointee->y == 2);   // the old pointee is unchanged
    CHECK(other_owner->y == 2);   // and its other owner still sees the old value
  }
  SUBCASE("two objects sharing a pointee: applying to one leaves the other") {
    model::Pointers a;
    a.shared = std::make_shared<model::Container>(model::Container{"web", "nginx:1", 100, {}});
    a.steps = {std::make_shared<model::Step>(model::Step{"s", 1, {}})};
    model::Pointers twin;
    twin.shared = a.shared;
    twin.steps = a.steps;
    model::Pointers b;
    b.shared = std::make_shared<model::Container>(model::Container{"web", "nginx:2", 100, {}});
    b.steps = {std::make_shared<model::Step>(model::Step{"s", 2, {}})};
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.shared->image == "nginx:2");
    CHECK(a.steps[0]->weight == 2);
    CHECK(twin.shared->image == "nginx:1");
    CHECK(twin.steps[0]->weight == 1);
  }
  SUBCASE("shared_ptr<const T>") {
    auto frozen = std::make_shared<const model::Point>(model::Point{1, 1});
    model::Pointers a, b;
    a.frozen = frozen;
    b.frozen = std::make_shared<const model::Point>(model::Point{1, 2});
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.frozen->y == 2);
    CHECK(frozen->y == 1);
  }
  SUBCASE("unique_ptr: the pointee is changed in place") {
    Everything a, b;
    a.owned = std::make_unique<model::Point>(model::Point{1, 2});
    b.owned = std::make_unique<model::Point>(model::Point{1, 3});
    const model::Point* before = a.owned.get();
    reconcile::apply(a, reconcile::diff(a, b));
    CHECK(a.owned.get() == before);
    CHECK(a.owned->y == 3);
  }
}

TEST_CASE("apply of a change that does not fit") {
  SUBCASE("a key that is absent: error naming the path, nothing changed") {
    model::Pod a, b;
    a.containers = {{"web", "x", 1, {"a"}}};
    b.containers = {{"web", "x", 1, {"b"}}};
    a.labels = {{"k", "1"}};
    b.labels = {{"k", "1"}, {"new", "2"}};
    b.replicas = 7;
    auto cs = reconcile::diff(a, b);  // replicas, labels["new"], containers[0].args[0]
    model::Pod other;                 // no containers: containers[0] does not exist
    try {
      reconcile::apply(other, cs);
      FAIL("apply must throw");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "containers[0]");
      CHECK(std::string(e.what()).find("containers[0].args[0]") != std::string::npos);
    }
    CHECK(other.replicas == 1);  // all or nothing: the earlier changes were not made
    CHECK(other.labels.empty());
  }
  SUBCASE("a nested change under an empty optional") {
    model::Shapes a, b;
    a.anchor = model::Point{1, 1};
    b.anchor = model::Point{1, 2};
    auto cs = reconcile::diff(a, b);
    model::Shapes other;
    CHECK_THROWS_AS(reconcile::apply(other, cs), reconcile::error);
    CHECK_FALSE(other.anchor.has_value());
  }
  SUBCASE("a plain field's change meeting a field of another type") {
    leafmix::Holder a, b;
    a.v = leafmix::PI{1, 1};
    b.n = 5;
    b.v = leafmix::PI{1, 2};
    auto cs = reconcile::diff(a, b);  // n, then v.y (an int)
    REQUIRE(cs.size() == 2);
    leafmix::Holder other;
    other.v = leafmix::PF{3, 4};  // y is a float: v.y does not fit
    try {
      reconcile::apply(other, cs);
      FAIL("apply must throw");
    } catch (const reconcile::error& e) {
      CHECK(std::string(e.what()).find("holds a value of another type") != std::string::npos);
    }
    CHECK(other == leafmix::Holder{0, leafmix::PF{3, 4}});  // n was not written either
    other.v = leafmix::PI{7, 8};
    reconcile::apply(other, cs);
    CHECK(other == leafmix::Holder{5, leafmix::PI{7, 2}});
  }
  SUBCASE("a change inside a variant holding another alternative") {
    model::Shapes a, b;
    a.primary = model::Point{1, 1};
    b.primary = model::Point{1, 2};
    auto cs = reconcile::diff(a, b);  // primary.y
    model::Shapes other;
    other.primary = std::string("s");
    CHECK_THROWS_AS(reconcile::apply(other, cs), reconcile::error);
    CHECK(std::get<std::string>(other.primary) == "s");
  }
}

TEST_CASE("apply to an optional or pointer whose own type has a compare rule") {
  using optcmp::Limits;
  auto limits = [](std::optional<int> cap, std::optional<std::string> note, std::optional<int> weight) {
    Limits l;
    l.cap = cap;
    l.note = std::move(note);
    if (weight) l.weight = std::make_shared<int>(*weight);
    return l;
  };
  auto check = [](const Limits& a, const Limits& b) {
    const auto cs = reconcile::diff(a, b);
    CHECK(cs.size() == 3);
    REQUIRE(cs.size() == 3);  // each a replace of the whole optional / pointer
    CHECK(cs[0].new_value().holds<std::optional<int>>());
    CHECK(cs[1].new_value().holds<std::optional<std::string>>());
    CHECK(cs[2].new_value().holds<std::shared_ptr<int>>());
    Limits x = a;
    const std::shared_ptr<int> before = x.weight;
    reconcile::apply(x, cs);
    CHECK(x.cap == b.cap);
    CHECK(x.note == b.note);
    CHECK(static_cast<bool>(x.weight) == static_cast<bool>(b.weight));
    if (x.weight && b.weight) {
      CHECK(*x.weight == *b.weight);
      CHECK(x.weight != b.weight);  // a fresh copy, never the changeset's or b's pointee
    }
    if (before) CHECK(*before == *a.weight);  // the old pointee is untouched
    Limits y = x;
    reconcile::apply(y, cs);
    CHECK(y.cap == x.cap);
    CHECK(y.note == x.note);
  };
  SUBCASE("engaged -> engaged") { check(limits(1, "a", 1), limits(2, std::string(40, 'b'), 2)); }
  SUBCASE("empty -> engaged") { check(limits({}, {}, {}), limits(5, "n", 5)); }
  SUBCASE("engaged -> empty") { check(limits(3, "x", 3), limits({}, {}, {})); }
}
