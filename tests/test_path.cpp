// path and segment: a segment is plain data (kind, index, name) and, for a key or element, a
// view of its key value, which an owned segment owns (a copy owns a copy). Every kind must
// survive copies, moves and assignments, inline (up to path::inline_segments) and on the heap.
#include <reconcile/path.hpp>
#include <reconcile/error.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using reconcile::path;
using reconcile::segment;
using reconcile::segment_kind;

// What a segment should read back as.
struct expected {
  segment_kind kind;
  std::size_t index;
  std::string name;
  int key_kind;  // 0: no key, 1: int key, 2: std::string key
  int int_key;
  std::string text_key;
};

const std::string_view field_names[] = {"replicas", "labels", "", "a_rather_long_field_name_for_a_struct"};

std::pair<segment, expected> random_segment(std::mt19937& rng) {
  const int which = static_cast<int>(rng() % 6);
  const std::size_t n = rng() % 1000;
  switch (which) {
    case 0: {
      const std::string_view name = field_names[rng() % 4];
      return {segment::field(n, name), {segment_kind::field, n, std::string(name), 0, 0, {}}};
    }
    case 1: {
      std::string name = "member_" + std::to_string(n) + std::string(rng() % 40, 'm');
      return {segment::named_field(name), {segment_kind::field, static_cast<std::size_t>(-1), name, 2, 0, name}};
    }
    case 2:
      return {segment::position(n), {segment_kind::index, n, {}, 0, 0, {}}};
    case 3: {
      const std::string_view member = rng() % 2 ? "number" : "";  // a keyed sequence's key member, or a map key
      return {segment::key(static_cast<int>(n), member), {segment_kind::key, 0, std::string(member), 1, static_cast<int>(n), {}}};
    }
    case 4: {
      std::string k = "key-" + std::to_string(n) + std::string(rng() % 50, 'k');  // inline or heap string
      return {segment::key(k), {segment_kind::key, 0, {}, 2, 0, k}};
    }
    default: {
      std::string k = "elem-" + std::to_string(n);
      return {segment::element(k), {segment_kind::element, 0, {}, 2, 0, k}};
    }
  }
}

void check_segment(const segment& s, const expected& e) {
  REQUIRE(s.kind() == e.kind);
  CHECK(s.index() == e.index);
  CHECK(s.name() == e.name);
  if (e.key_kind == 0) {
    CHECK(s.key_value().empty());
  } else if (e.key_kind == 1) {
    REQUIRE(s.key_value().holds<int>());
    CHECK(s.key<int>() == e.int_key);
  } else {
    REQUIRE(s.key_value().holds<std::string>());
    CHECK(s.key<std::string>() == e.text_key);
  }
}

void check_path(const path& p, const std::vector<expected>& want) {
  REQUIRE(p.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) check_segment(p[i], want[i]);
}

}  // namespace

TEST_CASE("segment: every kind reads back its kind, index, name and key") {
  static_assert(sizeof(segment) == 48);  // index, name, key view (value and type), kind
  const segment f = segment::field(3, "replicas");
  CHECK(f.kind() == segment_kind::field);
  CHECK(f.index() == 3);
  CHECK(f.name() == "replicas");
  CHECK(f.key_value().empty());
  const segment p = segment::position(7);
  CHECK(p.kind() == segment_kind::index);
  CHECK(p.index() == 7);
  CHECK(p.name().empty());
  const segment k = segment::key(std::string("web"));
  CHECK(k.kind() == segment_kind::key);
  CHECK(k.index() == 0);
  CHECK(k.name().empty());
  CHECK(k.key<std::string>() == "web");
  const segment n = segment::named_field("spec");
  CHECK(n.kind() == segment_kind::field);
  CHECK(n.index() == static_cast<std::size_t>(-1));
  CHECK(n.name() == "spec");
  path in_place;
  in_place.push_field(2, "labels");
  in_place.push_back(segment::key(std::string("tier")));
  in_place.push_position(4);
  in_place.push_back(segment::element(9));
  CHECK(in_place.to_string() == "labels[\"tier\"][4]{9}");
  const segment member = segment::key(80, "number");  // a keyed sequence's integer key
  CHECK(member.name() == "number");
  CHECK(member.index() == 0);
  path ports;
  ports.push_field(0, "ports");
  ports.push_back(member);
  ports.push_back(segment::key(std::string("web"), "name"));
  CHECK(ports.to_string() == "ports[number=80][\"web\"]");
  CHECK(in_place[0].index() == 2);
  CHECK(in_place[1].index() == 0);
  CHECK(in_place[3].key<int>() == 9);
}

TEST_CASE("path: random segments survive copies, moves, assignments and growth to the heap") {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t n = rng() % 10;  // 0..9: inline (<= 4) and on the heap
    path p;
    std::vector<expected> want;
    for (std::size_t i = 0; i < n; ++i) {
      auto [s, e] = random_segment(rng);
      if (rng() % 2) {
        p.push_back(s);  // a copy
      } else {
        p.push_back(std::move(s));
      }
      want.push_back(std::move(e));
    }
    check_path(p, want);

    path copied(p);
    check_path(copied, want);
    path moved(std::move(copied));
    check_path(moved, want);

    // Assignment over a path of other segments (of other kinds), both ways.
    path other;
    std::vector<expected> other_want;
    for (std::size_t i = 0, m = rng() % 10; i < m; ++i) {
      auto [s, e] = random_segment(rng);
      other.push_back(std::move(s));
      other_want.push_back(std::move(e));
    }
    path assigned = other;
    check_path(assigned, other_want);
    assigned = p;
    check_path(assigned, want);
    other = std::move(moved);
    check_path(other, want);

    // Segments copied and assigned one by one, over segments of every other kind.
    for (std::size_t i = 0; i < n; ++i) {
      auto [s, e] = random_segment(rng);
      check_segment(s, e);
      s = p[i];
      check_segment(s, want[i]);
      segment t = std::move(s);
      check_segment(t, want[i]);
      const std::string left(s.name());  // a moved-from segment stays readable (ASan checks)
      CHECK(left.size() <= want[i].name.size());
    }

    // Cleared and refilled: steps of any kind after segments of any kind.
    for (int refill = 0; refill < 3; ++refill) {
      p.clear();
      CHECK(p.empty());
      std::vector<expected> again;
      for (std::size_t i = 0, m = rng() % 10; i < m; ++i) {
        const std::size_t v = rng() % 100;
        switch (rng() % 4) {
          case 0:
            p.push_field(v, "f");
            again.push_back({segment_kind::field, v, "f", 0, 0, {}});
            break;
          case 1:
            p.push_position(v);
            again.push_back({segment_kind::index, v, {}, 0, 0, {}});
            break;
          case 2:
            p.push_back(segment::key(static_cast<int>(v), "level"));
            again.push_back({segment_kind::key, 0, "level", 1, static_cast<int>(v), {}});
            break;
          default: {
            std::string k = "k" + std::to_string(v) + std::string(rng() % 40, 'x');
            p.push_back(segment::element(k));
            again.push_back({segment_kind::element, 0, {}, 2, 0, k});
          }
        }
      }
      check_path(p, again);
      const path c = p;  // copies take the segments in use only
      check_path(c, again);
    }
  }
}

TEST_CASE("error: copies and moves keep the path and the message") {
  reconcile::path p;
  p.push_field(0, "entities");
  reconcile::error e(p, "bad entity");
  reconcile::error copied(e);
  reconcile::error moved(std::move(copied));  // once recursed without end (owned_opaque)
  reconcile::error assigned({}, "other");
  assigned = moved;
  for (const reconcile::error* x : {&e, &moved, &assigned}) {
    CHECK(std::string(x->what()) == "bad entity");
    CHECK(reconcile::path_view(x->path()) == reconcile::path_view(p));
  }
}

// This translation unit includes path.hpp (and error.hpp) only, no reflection: keys of leaf
// types print through print_leaf.hpp, compiled and linked here (a struct key is a compile
// error: compile_fail/path_struct_key_without_printer.cpp; test_print prints one).
namespace {
enum class Tier { web, db };
}  // namespace

TEST_CASE("path: leaf keys print with path.hpp alone") {
  path p;
  p.push_field(0, "by_tier");
  p.push_back(segment::key(Tier::db));
  p.push_back(segment::key(std::int64_t{-3}));
  p.push_back(segment::element('x'));
  p.push_back(segment::key(true));
  p.push_back(segment::key(std::string_view("a\"b")));
  CHECK(p.to_string() == R"(by_tier[db][-3]{'x'}[true]["a\"b"])");
}
