// The hot path allocates nothing: equal, and diff_into of unchanged data once its changeset
// is warm (keyed and unordered sequences listed in the same order on both sides: the steady
// state). A warm diff_into with changes reuses the changeset's memory.
#if defined(__GNUC__) && !defined(__clang__)
// The counting operator delete frees with std::free what the counting operator new took with
// std::malloc; once both are inlined, g++ -O1 cannot see that they pair up.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "support/alloc_counter.hpp"
#include "support/model.hpp"
#include "support/random_value.hpp"

#include <reconcile/diff.hpp>
#include <reconcile/rules.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

RECONCILE_DEFINE_ALLOC_COUNTER();

namespace alloc_model {
// A value of exactly box::capacity bytes that no reflection looks into (a leaf).
class Blob40 {
 public:
  explicit Blob40(double x = 0) {
    for (double& v : v_) v = x;
  }
  bool operator==(const Blob40&) const = default;

 private:
  double v_[5];
};
struct Deep {
  std::vector<std::vector<std::vector<int>>> grid;  // grid[i][j][k]: 4 segments
  std::optional<std::string> note;                  // a std::string value
  Blob40 blob;
  std::vector<Blob40> blobs;
};
// A game world: entities keyed by id (int, hashed) and by name (a key with only `<`).
struct Entity {
  int id = 0;
  float x = 0, y = 0;
};
struct SortKey {
  std::string text;
  friend bool operator<(const SortKey& a, const SortKey& b) { return a.text < b.text; }
  friend bool operator==(const SortKey& a, const SortKey& b) { return a.text == b.text; }
};
struct Tagged {
  SortKey key;
  int level = 0;
};
struct Arena {
  std::vector<Entity> entities;
  std::vector<Tagged> tags;
};
constexpr auto reconcile_rules(reconcile::type_t<Arena>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Arena::entities> | keyed_by<&Entity::id>,
                          field<&Arena::tags> | keyed_by<&Tagged::key>);
}
}  // namespace alloc_model

using reconcile::test::alloc_scope;
using reconcile::test::copy_of;

namespace {

const std::string long_text(100, 'x');  // well past any small-string buffer

model::Deployment big_deployment() {
  model::Deployment d;
  d.name = long_text;
  d.replicas = 3;
  for (int i = 0; i < 20; ++i) d.labels[long_text + std::to_string(i)] = long_text;
  for (int i = 0; i < 20; ++i)
    d.containers.push_back({long_text + std::to_string(i), long_text, i, {long_text, long_text}});
  d.strategy = long_text;
  d.status.ready = 3;
  return d;
}

model::Pipeline big_pipeline() {
  model::Pipeline p;
  for (int i = 0; i < 20; ++i) {
    p.steps.push_back({long_text + std::to_string(i), i, long_text});
    p.stages.push_back({std::to_string(i), i, {}});
    p.ports.push_back({i, long_text});
    p.tags.push_back(i % 3 ? long_text : "short");
    p.numbers.push_back(i % 4);
  }
  p.owner = long_text;
  return p;
}

model::Everything big_everything() {
  model::Everything e;
  e.text = long_text;
  e.args = {1, 2, 3};
  e.queue = {long_text, long_text};
  e.history = {1, 2};
  e.limits = {{long_text, 1}, {"b", 2}};
  e.env = {{long_text, long_text}, {"k", "v"}};
  e.tags = {long_text, "blue"};
  e.ports = {80, 443, 8080};
  e.maybe = 3;
  e.choice = std::string(long_text);
  e.range = {1, long_text};
  e.triplet = {1, long_text, 2.5};
  e.owned = std::make_unique<model::Point>();
  e.shared = std::make_shared<model::Point>();
  e.points = {{1, 2}, {3, 4}};
  return e;
}

template <class T, class Rules = reconcile::rules_t<>>
void check_unchanged_allocates_nothing(const T& a, const Rules& rules = reconcile::no_rules) {
  const T b = copy_of(a);  // equal contents, separate memory
  reconcile::changeset<T> cs;
  reconcile::diff_into(cs, a, b, rules);  // warm-up
  REQUIRE(cs.empty());
  {
    alloc_scope s;
    const bool same = reconcile::equal(a, b, rules);
    CHECK(s.count() == 0);
    CHECK(same);
  }
  {
    alloc_scope s;
    reconcile::diff_into(cs, a, b, rules);
    reconcile::diff_into(cs, a, a, rules);
    CHECK(s.count() == 0);
    CHECK(cs.empty());
  }
}

}  // namespace

TEST_CASE("equal") {
  SUBCASE("the counter counts") {
    alloc_scope s;
    std::string* p = new std::string(long_text);
    CHECK(s.count() >= 1);
    delete p;
  }
  SUBCASE("Deployment: keyed containers, maps, long strings, ignore, tolerance") {
    check_unchanged_allocates_nothing(big_deployment());
  }
  SUBCASE("Pipeline: ordered keyed vector and list, keyed deque, multisets") {
    check_unchanged_allocates_nothing(big_pipeline());
  }
  SUBCASE("Everything: every supported type") { check_unchanged_allocates_nothing(big_everything()); }
  SUBCASE("Quote: tolerance, relative, compare") {
    model::Quote q;
    q.levels = {1, 2, 3};
    q.marks = {{long_text, 1.0}};
    q.venue = long_text;
    q.symbols = {long_text, "x"};
    q.last = 1.0f;
    check_unchanged_allocates_nothing(q);
  }
  SUBCASE("World: maps of keyed structs, Hana structs") {
    model::World w;
    w.deployments[long_text] = big_deployment();
    w.pipelines[1] = big_pipeline();
    w.boxes = {{long_text, 1, 2.0, {{1, 2}}}};
    w.ids = {1, 2, 3};
    w.adapted = {long_text, {3, 2, 1}, 0};
    check_unchanged_allocates_nothing(w);
  }
  SUBCASE("not equal: early exit, still no allocation") {
    model::Deployment a = big_deployment();
    model::Deployment b = copy_of(a);
    b.containers.back().args.back() = "y";
    alloc_scope s;
    CHECK_FALSE(reconcile::equal(a, b));
    CHECK(s.count() == 0);
  }
}

// a and b differ by `changes` changes: once diff_into has warmed a changeset, diffing and
// comparing them again allocates nothing. Returns the warm changeset.
template <class T>
reconcile::changeset<T> check_warm_changes_allocate_nothing(const T& a, const T& b, std::size_t changes) {
  reconcile::changeset<T> cs;
  reconcile::diff_into(cs, a, b);  // warm-up
  REQUIRE(cs.size() == changes);
  CHECK_FALSE(reconcile::equal(a, b));
  alloc_scope s;
  for (int i = 0; i < 3; ++i) {
    reconcile::diff_into(cs, a, b);
    CHECK_FALSE(reconcile::equal(a, b));
  }
  CHECK(s.count() == 0);
  CHECK(cs.size() == changes);
  return cs;
}

TEST_CASE("diff_into") {
  using namespace reconcile::dsl;
  SUBCASE("unchanged data under call-site rules, once warm") {
    const auto r = reconcile::rules(
        field<&model::Deployment::containers> | keyed_by<&model::Container::name> | ordered,
        field<&model::Deployment::max_surge> | tolerance(0.5) | relative(0.1),
        field<&model::Container::image> | compare([](const std::string& x, const std::string& y) { return x == y; }),
        field<&model::Deployment::labels> | immutable);
    static_assert(sizeof(r) > reconcile::detail::box::capacity, "the rules must not fit inline");
    check_unchanged_allocates_nothing(big_deployment(), r);
  }
  SUBCASE("a warm changeset with changes is reused without allocating") {
    model::Pod a, b;
    a.replicas = 1;
    a.labels = {{"tier", "web"}, {"app", "x"}};
    a.containers = {{"web", "nginx", 100, {"-v"}}};
    b = copy_of(a);
    b.replicas = 2;
    b.labels["tier"] = "db";
    b.containers[0].cpu_millis = 200;  // containers[0].cpu_millis: 3 segments, stored inline
    b.labels["new"] = "label";
    b.strategy = "Recreate";
    reconcile::changeset<model::Pod> cs;
    reconcile::diff_into(cs, a, b);  // warm-up
    REQUIRE(cs.size() == 5);
    const reconcile::change* storage = &cs[0];
    alloc_scope s;
    for (int i = 0; i < 10; ++i) reconcile::diff_into(cs, a, b);
    CHECK(s.count() == 0);  // short strings and numbers: every value fits in its change
    CHECK(cs.size() == 5);
    CHECK(&cs[0] == storage);
  }
  SUBCASE("paths deeper than 3 segments and long values reuse their storage once warm") {
    model::Pod a, b;
    a.containers = {{"web", "nginx", 100, {"-v"}}};
    b = copy_of(a);
    b.containers[0].args[0] = "-x";  // containers[0].args[0]: 4 segments
    b.labels["tier"] = long_text;     // a value past the small-string buffer
    reconcile::changeset<model::Pod> cs;
    reconcile::diff_into(cs, a, b);
    REQUIRE(cs.size() == 2);
    const reconcile::change* storage = &cs[0];
    alloc_scope s;
    reconcile::diff_into(cs, a, b);
    // The 4-segment path's heap buffer and the long string's copy were made by the warm-up;
    // a warm diff_into refills its changes in place and keeps both.
    CHECK(s.count() == 0);
    CHECK(&cs[0] == storage);
  }
  SUBCASE("call-site rules holding a capturing lambda") {
    const std::size_t limit = long_text.size() * 10;
    const auto r = reconcile::rules(
        field<&model::Deployment::containers> | keyed_by<&model::Container::name> | ordered,
        field<&model::Deployment::max_surge> | tolerance(0.5) | relative(0.1),
        field<&model::Container::image> | compare([limit](const std::string& x, const std::string& y) {
          return x.size() < limit && x == y;
        }));
    static_assert(!std::is_copy_assignable_v<std::remove_const_t<decltype(r)>>);
    check_unchanged_allocates_nothing(big_deployment(), r);
  }
  SUBCASE("a warm changeset keeps its buffer when the number of changes varies") {
    model::Pod a, b;
    b.replicas = 2;
    b.name = "n";
    b.strategy = "s";
    reconcile::changeset<model::Pod> cs;
    reconcile::diff_into(cs, a, b);
    const reconcile::change* storage = &cs[0];
    model::Pod c = copy_of(a);
    c.replicas = 3;
    alloc_scope s;
    reconcile::diff_into(cs, a, c);
    CHECK(cs.size() == 1);
    reconcile::diff_into(cs, a, b);
    CHECK(cs.size() == 3);
    CHECK(s.count() == 0);
    CHECK(&cs[0] == storage);
  }
  SUBCASE("long keys in paths reuse their storage once warm") {
    model::Deployment a = big_deployment();
    model::Deployment b = copy_of(a);
    b.containers[3].image = "other";           // containers["<100 chars>3"].image
    b.labels[long_text + "1"] = "x";           // labels["<100 chars>1"]
    b.containers[5].args[1] = long_text + "y";  // containers["<100 chars>5"].args[1]: 4 segments
    reconcile::changeset<model::Deployment> cs;
    reconcile::diff_into(cs, a, b);  // warm-up
    REQUIRE(cs.size() == 3);
    alloc_scope s;
    for (int i = 0; i < 3; ++i) reconcile::diff_into(cs, a, b);
    CHECK(s.count() == 0);
    CHECK(cs.size() == 3);
  }
  SUBCASE("a change is a small record; its segments and values live in the changeset's arenas") {
    static_assert(sizeof(reconcile::change) <= 64, "a change is at most one cache line");
    static_assert(std::is_trivially_copyable_v<reconcile::change>);
    static_assert(reconcile::detail::box::capacity == 40 && sizeof(alloc_model::Blob40) == 40);
    alloc_model::Deep a, b;
    a.grid = {{{1, 2}}};
    a.blobs = {alloc_model::Blob40(1)};
    b = a;
    b.grid[0][0][1] = 3;                  // grid[0][0][1]: 4 segments
    b.note.emplace("short");              // + note: a short string (no heap copy)
    b.blob = alloc_model::Blob40(2);      // ~ blob: 40 bytes, old and new
    b.blobs[0] = alloc_model::Blob40(3);  // ~ blobs[0]
    reconcile::changeset<alloc_model::Deep> cs;
    std::size_t cold = 0;
    {
      alloc_scope s;
      reconcile::diff_into(cs, a, b);
      cold = static_cast<std::size_t>(s.count());
    }
    REQUIRE(cs.size() == 4);
    CHECK(cs[0].path().size() == 4);
    CHECK(cs[0].path().to_string() == "grid[0][0][1]");
    CHECK(cs[1].to<std::string>() == "short");
    CHECK(cs[2].to<alloc_model::Blob40>() == alloc_model::Blob40(2));
    CHECK(cs[3].from<alloc_model::Blob40>() == alloc_model::Blob40(1));
    // Only the three arenas grow, once each (room for 8 changes, 16 segments, 8 values): 4
    // changes, 4 + 1 + 1 + 2 segments and 5 value boxes (the changed int is kept inline in its
    // change). No value goes to the heap on its own.
    CHECK(cold == 3);
    CHECK(cs[0].from<int>() == 2);
    alloc_scope s;
    reconcile::diff_into(cs, a, b);
    CHECK(s.count() == 0);
    CHECK(cs[0].path().to_string() == "grid[0][0][1]");
    CHECK(cs[3].to<alloc_model::Blob40>() == alloc_model::Blob40(3));
  }
  SUBCASE("spawns, despawns and reorders in keyed sequences allocate nothing once warm") {
    alloc_model::Arena a;
    for (int i = 0; i < 1000; ++i) a.entities.push_back({i, float(i), 0});
    for (int i = 0; i < 40; ++i) a.tags.push_back({{"tag-" + std::to_string(i) + std::string(30, 'x')}, i});
    alloc_model::Arena b = a;
    b.entities.push_back({5000, 1, 2});                 // spawn
    b.entities.erase(b.entities.begin() + 500);          // despawn
    b.entities[10].x = -1;                               // a change
    std::swap(b.tags[3], b.tags[30]);                    // out of step: matched by key
    b.tags.erase(b.tags.begin() + 7);
    check_warm_changes_allocate_nothing(a, b, 4);
  }
  SUBCASE("multisets out of order (counted through an index) allocate nothing once warm") {
    model::Pipeline a, b;
    for (int i = 0; i < 300; ++i) a.tags.push_back("tag-" + std::to_string(i % 37));
    for (int i = 0; i < 200; ++i) a.numbers.push_back(i % 11);
    b = a;
    std::reverse(b.tags.begin(), b.tags.end());  // out of step from the first element
    b.tags.push_back("tag-3");
    b.tags.erase(b.tags.begin() + 5);
    b.numbers.reverse();
    b.numbers.push_back(99);
    reconcile::changeset<model::Pipeline> cs = check_warm_changes_allocate_nothing(a, b, 3);  // tags: 2, numbers: 1
    b.tags = a.tags;  // the same values, reversed: equal, counted
    std::reverse(b.tags.begin(), b.tags.end());
    b.numbers = a.numbers;
    b.numbers.reverse();
    alloc_scope s;
    CHECK(reconcile::equal(a, b));
    reconcile::diff_into(cs, a, b);
    CHECK(cs.empty());
    CHECK(s.count() == 0);
  }
}
