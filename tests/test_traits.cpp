// detail/traits.hpp recognises containers, optionals and smart pointers by their members: the
// std types keep their kinds (multimaps, multisets, strings, vector<bool> stay leaves), and
// look-alikes from Boost.Container and boost::optional diff and apply as the std types do.
#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>

#include <boost/container/flat_map.hpp>
#include <boost/container/flat_set.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/optional.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <array>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace {

using reconcile::detail::is_sorted_assoc;
using reconcile::detail::kind_v;
using K = reconcile::detail::vkind;

struct Point {
  int x = 0;
  int y = 0;
};

static_assert(kind_v<std::map<int, int>> == K::map && is_sorted_assoc<std::map<int, int>>::value);
static_assert(kind_v<std::unordered_map<std::string, int>> == K::map);
static_assert(!is_sorted_assoc<std::unordered_map<std::string, int>>::value);
static_assert(kind_v<std::set<int>> == K::set && is_sorted_assoc<std::set<int>>::value);
static_assert(kind_v<std::unordered_set<int>> == K::set && !is_sorted_assoc<std::unordered_set<int>>::value);
static_assert(kind_v<std::multimap<int, int>> == K::leaf);
static_assert(kind_v<std::unordered_multimap<int, int>> == K::leaf);
static_assert(kind_v<std::multiset<int>> == K::leaf);
static_assert(kind_v<std::unordered_multiset<int>> == K::leaf);
static_assert(kind_v<std::vector<Point>> == K::sequence);
static_assert(kind_v<std::deque<int>> == K::sequence);
static_assert(kind_v<std::list<std::string>> == K::sequence);
static_assert(kind_v<std::vector<bool>> == K::leaf);
static_assert(kind_v<std::forward_list<int>> == K::leaf);
static_assert(kind_v<std::queue<int>> == K::leaf);
static_assert(kind_v<std::string> == K::leaf);
static_assert(kind_v<std::wstring> == K::leaf);
static_assert(kind_v<std::string_view> == K::leaf);
static_assert(kind_v<std::optional<Point>> == K::optional);
static_assert(kind_v<std::unique_ptr<int>> == K::pointer);
static_assert(kind_v<std::unique_ptr<const Point>> == K::pointer);
static_assert(kind_v<std::shared_ptr<Point>> == K::pointer);
static_assert(kind_v<std::weak_ptr<int>> == K::unsupported);
static_assert(kind_v<int*> == K::leaf);
static_assert(kind_v<std::array<int, 3>> == K::array);
static_assert(kind_v<std::pair<int, int>> == K::tuple);
static_assert(kind_v<std::tuple<int, double>> == K::tuple);
static_assert(kind_v<std::variant<int, Point>> == K::variant);
static_assert(kind_v<Point> == K::structure);

namespace bc = boost::container;
static_assert(kind_v<bc::flat_map<std::string, int>> == K::map && is_sorted_assoc<bc::flat_map<std::string, int>>::value);
static_assert(kind_v<bc::flat_set<int>> == K::set && is_sorted_assoc<bc::flat_set<int>>::value);
static_assert(kind_v<bc::flat_multimap<int, int>> == K::leaf);
static_assert(kind_v<bc::small_vector<Point, 2>> == K::sequence);
static_assert(kind_v<boost::optional<int>> == K::optional);

}  // namespace

namespace model_b {
struct Spec {
  bc::flat_map<std::string, int> limits;
  bc::flat_set<std::string> tags;
  bc::small_vector<int, 2> ports;
  boost::optional<int> replicas;
};
}  // namespace model_b

TEST_CASE("traits: Boost.Container look-alikes diff and apply as the std types") {
  model_b::Spec a, b;
  a.limits = {{"cpu", 1}, {"mem", 2}};
  b.limits = {{"cpu", 3}, {"gpu", 1}};
  a.tags = {"blue", "old"};
  b.tags = {"blue", "new"};
  a.ports = {80};
  b.ports = {80, 443, 8080};
  b.replicas = 3;
  auto cs = reconcile::diff(a, b);
  CHECK(fmt::format("{}", cs) ==
        "~ limits[\"cpu\"]: 1 -> 3\n"
        "+ limits[\"gpu\"]: 1\n"
        "- limits[\"mem\"]\n"
        "+ tags{\"new\"}\n"
        "- tags{\"old\"}\n"
        "+ ports[1]: 443\n"
        "+ ports[2]: 8080\n"
        "+ replicas: 3");
  model_b::Spec x = a;
  reconcile::apply(x, cs);
  CHECK(reconcile::equal(x, b));
  CHECK(reconcile::diff(x, b).empty());

  // Random cases: apply(a, diff(a, b)) == b.
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    model_b::Spec p, q;
    for (auto* s : {&p, &q}) {
      for (int k = 0; k < 4; ++k)
        if (rng() % 2) s->limits[std::string(1, static_cast<char>('a' + k))] = static_cast<int>(rng() % 3);
      for (int k = 0; k < 4; ++k)
        if (rng() % 2) s->tags.insert(std::string(1, static_cast<char>('a' + k)));
      for (auto n = rng() % 5; n > 0; --n) s->ports.push_back(static_cast<int>(rng() % 3));
      if (rng() % 2) s->replicas = static_cast<int>(rng() % 3);
    }
    auto d = reconcile::diff(p, q);
    CHECK(d.empty() == reconcile::equal(p, q));
    model_b::Spec r = p;
    reconcile::apply(r, d);
    REQUIRE(reconcile::equal(r, q));
  }
}
