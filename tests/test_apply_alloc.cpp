// reconcile::apply allocates only for the values it copies in, its thread's buffer of lookup
// hints (once: kept warm) and, for a long run of changes to a keyed sequence that does not
// come in the sequence's order, one key index: applying scalar changes, or changes inside
// keyed elements in the sequence's order (the changeset diff makes), allocates nothing once
// warm.
#if defined(__GNUC__) && !defined(__clang__)
// The counting operator delete frees with std::free what the counting operator new took with
// std::malloc; once both are inlined, g++ -O1 cannot see that they pair up.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "support/alloc_counter.hpp"
#include "support/model.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

RECONCILE_DEFINE_ALLOC_COUNTER();

using reconcile::test::alloc_scope;

namespace {

model::Deployment many_containers(std::size_t n) {
  model::Deployment d;
  d.name = "web";
  for (std::size_t i = 0; i < n; ++i) d.containers.push_back({"c" + std::to_string(i), "img", 100, {}});
  return d;
}

}  // namespace

TEST_CASE("apply") {
  SUBCASE("scalar fields: no allocation") {
    model::Pod a, b;
    b.replicas = 5;
    b.max_surge = 0.5;
    const auto cs = reconcile::diff(a, b);
    model::Pod x = a;
    alloc_scope s;
    reconcile::apply(x, cs);
    CHECK(s.count() == 0);
    CHECK(x.replicas == 5);
  }
  SUBCASE("inside keyed elements, in the sequence's order: no allocation when warm, small or large") {
    for (std::size_t n : {3u, 2000u}) {
      const model::Deployment a = many_containers(n);
      model::Deployment b = a;
      for (std::size_t i = 0; i < n; i += 3) b.containers[i].cpu_millis = 7;
      const auto cs = reconcile::diff(a, b);
      REQUIRE(cs.size() == (n + 2) / 3);
      model::Deployment warm = a;
      reconcile::apply(warm, cs);  // the thread's hint buffer grows to this changeset's size
      model::Deployment x = a;
      alloc_scope s;
      reconcile::apply(x, cs);
      CHECK(s.count() == 0);
      CHECK(x.containers.back().cpu_millis == b.containers.back().cpu_millis);
    }
  }
  SUBCASE("removes and adds in a keyed sequence, in its order: no allocation when warm") {
    const model::Deployment a = many_containers(2000);
    model::Deployment b = a;
    b.containers.erase(b.containers.begin() + 700);
    b.containers.erase(b.containers.begin() + 1500);
    for (std::size_t i = 0; i < b.containers.size(); i += 5) b.containers[i].cpu_millis = 9;
    const auto cs = reconcile::diff(a, b);
    model::Deployment warm = a;
    reconcile::apply(warm, cs);
    model::Deployment x = a;
    alloc_scope s;
    reconcile::apply(x, cs);  // removes only: the vector keeps its storage
    CHECK(s.count() == 0);
    CHECK(reconcile::equal(x, b));
  }
  SUBCASE("out of the sequence's order: one key index, allocated once per apply pass") {
    const model::Deployment a = many_containers(2000);
    model::Deployment b = a;
    for (std::size_t i = 0; i < 2000; i += 3) b.containers[i].cpu_millis = 7;
    const auto cs = reconcile::diff(a, b);
    model::Deployment x = a;
    std::reverse(x.containers.begin(), x.containers.end());  // every lookup is far from the last
    alloc_scope s;
    reconcile::apply(x, cs);
    CHECK(s.count() <= 4);  // the index and its table, in the check pass and in the apply pass
    CHECK(reconcile::equal(x, b));
  }
}
