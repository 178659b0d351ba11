// reconcile::apply on keyed sequences (vector, deque, list; order-free and ordered; hashable
// keys and keys with only <), against a reference that spells out apply's semantics with a
// linear search per change. Random sequences of up to 300 elements, so that apply's cursor
// runs out of budget and its key index is built, then kept in step with erases, appends and
// moves. Checked for every case:
//   apply(a, diff(a, b)) equals b (exactly, order included, for ordered sequences)
//   applying it again changes nothing
//   applied to another object t (a's elements reordered, some missing, some extra), apply
//   gives exactly what the reference gives, or, where the reference finds a change that does
//   not fit, throws reconcile::error naming that path and leaves t unchanged
// RECONCILE_CASES (default 1000 in CI; scripts/soak runs 20000) cases per container;
// RECONCILE_SEED as in test_property.
#include "support/random_value.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/format.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <vector>

namespace keyed {

struct Item {
  int id = 0;
  int v = 0;
  std::string s;
  bool operator==(const Item&) const = default;
};
// A key without std::hash: apply indexes it by sorting.
struct Name {
  std::string text;
  bool operator==(const Name&) const = default;
  auto operator<=>(const Name&) const = default;
};
struct Named {
  Name name;
  int v = 0;
  bool operator==(const Named&) const = default;
};

struct Bag {
  std::vector<Item> vec;         // keyed_by id
  std::deque<Item> deq;          // keyed_by id
  std::list<Item> lst;           // keyed_by id
  std::vector<Item> ord;         // keyed_by id | ordered
  std::list<Item> ord_list;      // keyed_by id | ordered
  std::deque<Named> names;       // keyed_by name (sorted index)
  std::vector<Named> ord_names;  // keyed_by name | ordered
  bool operator==(const Bag&) const = default;
};

constexpr auto reconcile_rules(reconcile::type_t<Bag>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Bag::vec> | keyed_by<&Item::id>, field<&Bag::deq> | keyed_by<&Item::id>,
                          field<&Bag::lst> | keyed_by<&Item::id>, field<&Bag::ord> | keyed_by<&Item::id> | ordered,
                          field<&Bag::ord_list> | (keyed_by<&Item::id> | ordered),
                          field<&Bag::names> | keyed_by<&Named::name>,
                          field<&Bag::ord_names> | (keyed_by<&Named::name> | ordered));
}

}  // namespace keyed

namespace {

namespace rt = reconcile::test;
using keyed::Bag;
using keyed::Item;
using keyed::Name;
using keyed::Named;

std::size_t case_count() {
  if (const char* s = std::getenv("RECONCILE_CASES"); s && *s) return std::strtoull(s, nullptr, 10);
  return 1000;
}

// ---- random sequences ----

int key_of(const Item& e) { return e.id; }
const Name& key_of(const Named& e) { return e.name; }
Item make(int id, rt::rng& g) { return {id, static_cast<int>(g.below(3)), g.chance(50) ? "x" : "y"}; }
Named make_named(int id, rt::rng& g) { return {{"k" + std::to_string(id)}, static_cast<int>(g.below(3))}; }
template <class E>
E make_elem(int id, rt::rng& g) {
  if constexpr (std::is_same_v<E, Item>) return make(id, g);
  else return make_named(id, g);
}
template <class E>
void touch(E& e, rt::rng& g) {
  e.v = static_cast<int>(g.below(3));
  if constexpr (std::is_same_v<E, Item>) e.s = g.chance(50) ? "x" : "z";
}

// Distinct keys from [0, space); small or (one case in three) large.
template <class Seq>
Seq random_seq(rt::rng& g, int space) {
  using E = typename Seq::value_type;
  std::vector<int> ids(static_cast<std::size_t>(space));
  for (int i = 0; i < space; ++i) ids[static_cast<std::size_t>(i)] = i;
  const std::size_t n = g.below(ids.size() + 1);
  for (std::size_t i = 0; i < n; ++i) std::swap(ids[i], ids[i + g.below(ids.size() - i)]);
  Seq s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(make_elem<E>(ids[i], g));
  return s;
}

template <class Seq>
std::vector<typename Seq::value_type> as_vector(const Seq& s) {
  return {s.begin(), s.end()};
}
template <class Seq>
Seq from_vector(const std::vector<typename Seq::value_type>& v) {
  return Seq(v.begin(), v.end());
}

// A variant of s: some elements changed, dropped, added (fresh keys) and, sometimes, moved
// around (a block moved, a few swaps, or a full shuffle).
template <class Seq>
Seq edited(const Seq& s, rt::rng& g, int space) {
  using E = typename Seq::value_type;
  auto v = as_vector(s);
  const unsigned rate = g.chance(50) ? 5 : 30;
  for (E& e : v)
    if (g.chance(rate)) touch(e, g);
  std::erase_if(v, [&](const E&) { return g.chance(rate / 2); });
  for (std::size_t n = g.below(4); n > 0; --n) {
    const int id = space + static_cast<int>(g.below(static_cast<std::size_t>(space)));
    E e = make_elem<E>(id, g);
    if (std::none_of(v.begin(), v.end(), [&](const E& x) { return key_of(x) == key_of(e); }))
      v.insert(v.begin() + static_cast<std::ptrdiff_t>(g.below(v.size() + 1)), e);
  }
  if (v.size() > 1) {
    switch (g.below(4)) {
      case 0: break;
      case 1: std::rotate(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(g.below(v.size())), v.end()); break;
      case 2:
        for (std::size_t n = g.below(4); n > 0; --n) std::swap(v[g.below(v.size())], v[g.below(v.size())]);
        break;
      default:
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[g.below(i)]);
    }
  }
  return from_vector<Seq>(v);
}

// ---- the reference: apply's semantics, one linear search per change ----

template <class Seq, class K>
auto find_first(Seq& s, const K& k) {
  return std::find_if(s.begin(), s.end(), [&](const auto& e) { return key_of(e) == k; });
}

// Applies the changes whose path starts at field `field` (a keyed sequence of Seq) to s.
// Returns the change that does not fit (checked first, against the untouched s), if any.
template <class Seq, class K>
std::optional<std::string> reference(Seq& s, std::size_t field, const reconcile::changeset<Bag>& cs) {
  using E = typename Seq::value_type;
  for (const reconcile::change& c : cs) {
    if (c.path()[0].index() != field) continue;
    const K& k = c.path()[1].template key<K>();
    const bool whole = c.path().size() == 2;
    if ((!whole || c.op() == reconcile::op::move) && find_first(s, k) == s.end()) {
      reconcile::path to_element;  // the error names the path up to the missing element
      to_element.push_back(c.path()[0]);
      to_element.push_back(c.path()[1]);
      return to_element.to_string();
    }
  }
  for (const reconcile::change& c : cs) {
    if (c.path()[0].index() != field) continue;
    const K& k = c.path()[1].template key<K>();
    auto it = find_first(s, k);
    if (c.path().size() == 3) {  // a field of the element: v (index 1) or s (index 2)
      const std::size_t f = c.path()[2].index();
      if (f == 1) it->v = c.template to<int>();
      if constexpr (std::is_same_v<E, Item>)
        if (f == 2) it->s = c.template to<std::string>();
      continue;
    }
    if (c.op() == reconcile::op::remove) {
      if (it != s.end()) s.erase(it);
      continue;
    }
    if (c.op() == reconcile::op::add) {
      if (it != s.end()) *it = c.template to<E>();
      else it = s.insert(s.end(), c.template to<E>());
    }
    if (c.has_anchor()) {  // take it out, then put it back after the anchor (first / last)
      E value = *it;
      s.erase(it);
      auto pos = s.begin();
      if (!c.after().empty()) {
        pos = find_first(s, c.after().template get<K>());
        if (pos != s.end()) ++pos;
      }
      s.insert(pos, value);
    }
  }
  return std::nullopt;
}

template <class Seq>
std::string text(const Seq& s) {
  std::string out;
  reconcile::detail::print_value(out, s);
  return out;
}

// The index of Bag's field Member, as a change's path names it.
template <auto Member>
std::size_t field_index() {
  using Seq = std::remove_cvref_t<decltype(std::declval<Bag&>().*Member)>;
  Bag x, y;
  (y.*Member).push_back(make_elem<typename Seq::value_type>(1, *std::make_unique<rt::rng>(1)));
  return reconcile::diff(x, y)[0].path()[0].index();
}

// Applies cs to t (another object than the one cs was computed from) and checks it against
// reference(): the same result, or a throw naming the first change that does not fit with t
// unchanged. Returns what went wrong (empty: nothing); counts the rejected applies.
template <auto Member, class K>
std::string against_reference(const Bag& t, std::size_t field, const reconcile::changeset<Bag>& cs,
                              std::size_t& rejected) {
  using Seq = std::remove_cvref_t<decltype(std::declval<Bag&>().*Member)>;
  std::string why;
    Seq expect = t.*Member;
    const auto misfit = reference<Seq, K>(expect, field, cs);
    Bag got = t;
    try {
      reconcile::apply(got, cs);
      if (why.empty() && misfit) why = "apply accepted a change that does not fit: " + *misfit;
      if (why.empty() && !(got.*Member == expect))
        why = fmt::format("apply to another object:\n  got:      {}\n  expected: {}", text(got.*Member), text(expect));
    } catch (const reconcile::error& e) {
      ++rejected;
      if (why.empty() && !misfit) why = std::string("apply threw: ") + e.what();
      if (why.empty() && e.path().to_string() != *misfit) why = "the error names " + e.path().to_string() + ", not " + *misfit;
      if (why.empty() && !(got == t)) why = "a rejected apply changed the object";
    }
  return why;
}


// One sequence field of Bag under test.
template <auto Member, class K>
void check_field(const char* name, bool ordered) {
  using Seq = std::remove_cvref_t<decltype(std::declval<Bag&>().*Member)>;
  const std::uint64_t base = rt::seed_from_env();
  const std::size_t cases = case_count();
  std::size_t indexed = 0, rejected = 0;
  const std::size_t field = field_index<Member>();
  for (std::size_t i = 0; i < cases; ++i) {
    const std::uint64_t seed = base + i;
    rt::rng g(seed);
    const int space = g.chance(33) ? 300 : 8;
    Bag a, b;
    a.*Member = random_seq<Seq>(g, space);
    b.*Member = g.chance(10) ? random_seq<Seq>(g, space) : edited(a.*Member, g, space);
    const auto cs = reconcile::diff(a, b);
    std::string why;

    Bag once = a;
    reconcile::apply(once, cs);
    if (!reconcile::equal(once, b)) why = "apply(a, diff(a, b)) is not equal to b";
    else if (ordered && !(once == b)) why = "apply(a, diff(a, b)) is not b, in b's order";
    Bag twice = once;
    reconcile::apply(twice, cs);
    if (why.empty() && !(twice == once)) why = "applying twice differs from once";

    // Another object: a's elements in another order, some dropped, some added.
    Bag t;
    t.*Member = edited(a.*Member, g, space);
    if (cs.size() * 2 > (a.*Member).size()) ++indexed;  // roughly: enough changes to index
    if (why.empty()) why = against_reference<Member, K>(t, field, cs, rejected);
    if (!why.empty()) {
      FAIL_CHECK(name << ": case " << i << " failed; replay with RECONCILE_SEED=" << seed << " RECONCILE_CASES=1\n  "
                      << why << "\n  a: " << text(a.*Member) << "\n  b: " << text(b.*Member)
                      << "\n  t: " << text(t.*Member) << "\n  diff (" << cs.size() << " changes):\n"
                      << fmt::format("{}", cs).substr(0, 2000));
      return;
    }
  }
  MESSAGE(name << ": " << cases << " cases, " << rejected << " rejected, base seed " << base);
  if (cases >= 1000) {  // both outcomes, and large runs of changes, must be exercised
    CHECK(rejected > 0);
    CHECK(rejected < cases);
    CHECK(indexed > 0);
  }
}

}  // namespace

TEST_CASE("apply: keyed sequences against the reference") {
  SUBCASE("vector") { check_field<&Bag::vec, int>("vec", false); }
  SUBCASE("deque") { check_field<&Bag::deq, int>("deq", false); }
  SUBCASE("list") { check_field<&Bag::lst, int>("lst", false); }
  SUBCASE("ordered vector") { check_field<&Bag::ord, int>("ord", true); }
  SUBCASE("ordered list") { check_field<&Bag::ord_list, int>("ord_list", true); }
  SUBCASE("deque, key without std::hash") { check_field<&Bag::names, Name>("names", false); }
  SUBCASE("ordered vector, key without std::hash") { check_field<&Bag::ord_names, Name>("ord_names", true); }
}

TEST_CASE("apply: keyed sequences, large runs") {
  SUBCASE("10,000 elements, every 7th changed, 50 removed, 50 added: as diff's target") {
    Bag a, b;
    for (int i = 0; i < 10'000; ++i) a.vec.push_back({i, 0, "x"});
    for (int i = 0; i < 10'000; ++i)
      if (i % 200 != 3) b.vec.push_back({i, i % 7 == 0 ? 1 : 0, "x"});
    for (int i = 0; i < 50; ++i) b.vec.push_back({20'000 + i, 2, "n"});
    const auto cs = reconcile::diff(a, b);
    std::size_t changed = 0;
    for (int i = 0; i < 10'000; ++i) changed += i % 7 == 0 && i % 200 != 3;
    CHECK(cs.size() == changed + 50 + 50);
    Bag x = a;
    reconcile::apply(x, cs);
    CHECK(x == b);
    SUBCASE("applied to the same elements in reverse order") {
      Bag r = a;
      std::reverse(r.vec.begin(), r.vec.end());
      reconcile::apply(r, cs);
      CHECK(reconcile::equal(r, b));
      CHECK(r.vec.size() == b.vec.size());
      CHECK(r.vec.front().id == 9999);          // the survivors keep their order
      CHECK(r.vec.back().id == 20'049);         // the new ones are appended in b's order
    }
    SUBCASE("adds whose keys the object already has, below others it has: assigned in place") {
      Bag t = a;
      t.vec.insert(t.vec.begin() + 5000, Item{20'010, 5, "old"});
      t.vec.push_back({30'000, 0, "last"});  // every add's key is below the greatest key
      reconcile::apply(t, cs);
      CHECK(std::count_if(t.vec.begin(), t.vec.end(), [](const Item& e) { return e.id == 20'010; }) == 1);
      const auto it = std::find_if(t.vec.begin(), t.vec.end(), [](const Item& e) { return e.id == 20'010; });
      CHECK(it - t.vec.begin() < 5000);  // still where it was, less the removed before it
      CHECK(*it == Item{20'010, 2, "n"});
      CHECK(t.vec.size() == b.vec.size() + 1);
    }
  }
  SUBCASE("a key missing deep in a large run: error, nothing changed") {
    Bag a, b;
    for (int i = 0; i < 1000; ++i) a.vec.push_back({i, 0, "x"});
    b = a;
    for (Item& e : b.vec) e.v = 1;
    const auto cs = reconcile::diff(a, b);
    Bag t = a;
    t.vec.erase(t.vec.begin() + 700);
    const Bag before = t;
    try {
      reconcile::apply(t, cs);
      FAIL("apply must throw");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "vec[id=700]");
      CHECK(std::string(e.what()).find("vec[id=700].v") != std::string::npos);
    }
    CHECK(t == before);
  }
}

// ---- long runs of erases: apply lets a vector's or deque's erases wait and closes every gap
// in one compaction; more than 64 waiting erases (its stack) compact early. Nested keyed
// sequences erase at both levels. ----

namespace keyed {
struct Group {
  int id = 0;
  std::vector<Item> items;  // keyed_by id
  bool operator==(const Group&) const = default;
};
struct Tree {
  std::vector<Group> groups;  // keyed_by id
  std::deque<Group> more;     // keyed_by id
  bool operator==(const Tree&) const = default;
};
constexpr auto reconcile_rules(reconcile::type_t<Group>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Group::items> | keyed_by<&Item::id>);
}
constexpr auto reconcile_rules(reconcile::type_t<Tree>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Tree::groups> | keyed_by<&Group::id>, field<&Tree::more> | keyed_by<&Group::id>);
}
}  // namespace keyed

namespace {

using keyed::Group;
using keyed::Tree;

// a: n elements (keys 0..n-1, in order or shuffled); b: each erased with probability
// erase_pct, else touched one time in five, and a few fresh keys added (or none).
template <class Seq>
void long_runs(rt::rng& g, Seq& a, Seq& b, unsigned erase_pct, bool adds) {
  using E = typename Seq::value_type;
  const int n = 100 + static_cast<int>(g.below(500));
  std::vector<E> v;
  for (int i = 0; i < n; ++i) v.push_back(make_elem<E>(i, g));
  if (g.chance(30))
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[g.below(i)]);
  a = from_vector<Seq>(v);
  std::vector<E> w;
  for (const E& e : v) {
    if (g.chance(erase_pct)) continue;
    w.push_back(e);
    if (g.chance(20)) touch(w.back(), g);
  }
  if (adds)
    for (std::size_t k = g.below(5); k > 0; --k) w.push_back(make_elem<E>(n + static_cast<int>(k), g));
  b = from_vector<Seq>(w);
}

template <auto Member, class K>
void check_long_erase_runs(const char* name) {
  using Seq = std::remove_cvref_t<decltype(std::declval<Bag&>().*Member)>;
  const std::uint64_t base = rt::seed_from_env();
  const std::size_t cases = std::max<std::size_t>(case_count() / 10, 20);
  const std::size_t field = field_index<Member>();
  std::size_t long_runs_seen = 0, rejected = 0;
  for (std::size_t i = 0; i < cases; ++i) {
    const std::uint64_t seed = base + i;
    rt::rng g(seed);
    Bag a, b;
    const bool adds = g.chance(50);
    long_runs(g, a.*Member, b.*Member, 20 + static_cast<unsigned>(g.below(60)), adds);
    const auto cs = reconcile::diff(a, b);
    std::size_t removes = 0;
    for (const reconcile::change& c : cs) removes += c.op() == reconcile::op::remove;
    long_runs_seen += removes > 64;
    std::string why;

    Bag once = a;
    if constexpr (std::is_same_v<Seq, std::vector<Item>>) {
      (once.*Member).reserve((a.*Member).size() + 8);  // room for the adds too
      const auto* data = (once.*Member).data();
      const auto capacity = (once.*Member).capacity();
      reconcile::apply(once, cs);
      if ((once.*Member).data() != data || (once.*Member).capacity() != capacity) why = "the vector was reallocated";
    } else {
      reconcile::apply(once, cs);
    }
    if (why.empty() && !(once == b)) why = "apply(a, diff(a, b)) is not b";

    // Another object: a with some elements dropped (some changes no longer fit) or reordered.
    Bag t = a;
    auto v = as_vector(t.*Member);
    if (g.chance(50)) std::erase_if(v, [&](const auto&) { return g.chance(2); });
    else std::rotate(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(g.below(v.size())), v.end());
    t.*Member = from_vector<Seq>(v);
    if (why.empty()) why = against_reference<Member, K>(t, field, cs, rejected);
    if (!why.empty()) {
      FAIL_CHECK(name << ": case " << i << " failed; replay with RECONCILE_SEED=" << seed << " RECONCILE_CASES=10\n  " << why
                      << "\n  diff (" << cs.size() << " changes):\n"
                      << fmt::format("{}", cs).substr(0, 2000));
      return;
    }
  }
  CHECK(long_runs_seen > cases / 4);  // most cases erase more than the 64 that can wait
  CHECK(rejected > 0);
  CHECK(rejected < cases);
}

}  // namespace

TEST_CASE("apply: erase runs longer than 64 elements") {
  SUBCASE("vector") { check_long_erase_runs<&Bag::vec, int>("vec"); }
  SUBCASE("deque") { check_long_erase_runs<&Bag::deq, int>("deq"); }
  SUBCASE("deque, key without std::hash") { check_long_erase_runs<&Bag::names, Name>("names"); }

  SUBCASE("nested keyed sequences, erases at both levels") {
    const std::uint64_t base = rt::seed_from_env();
    const std::size_t cases = std::max<std::size_t>(case_count() / 10, 20);
    for (std::size_t i = 0; i < cases; ++i) {
      const std::uint64_t seed = base + i;
      rt::rng g(seed);
      Tree a, b;
      const int groups = 2 + static_cast<int>(g.below(120));
      for (int k = 0; k < groups; ++k) {
        Group ga{k, {}}, gb{k, {}};
        long_runs(g, ga.items, gb.items, static_cast<unsigned>(g.below(40)), g.chance(30));
        if (!g.chance(10)) a.groups.push_back(ga), a.more.push_back(ga);
        if (!g.chance(30)) b.groups.push_back(gb);
        if (!g.chance(30)) b.more.push_back(gb);
      }
      const auto cs = reconcile::diff(a, b);
      Tree x = a;
      reconcile::apply(x, cs);
      CHECK_MESSAGE(reconcile::equal(x, b), "seed " << seed);
      Tree twice = x;
      reconcile::apply(twice, cs);
      CHECK_MESSAGE(twice == x, "seed " << seed);
      // A group that changes lies missing from the target: an error naming it, nothing written.
      const auto inner = std::find_if(cs.begin(), cs.end(), [](const reconcile::change& c) { return c.path().size() > 3; });
      if (inner == cs.end()) continue;
      const int missing = inner->path()[1].key<int>();
      Tree t = a;
      std::erase_if(t.groups, [&](const Group& e) { return e.id == missing; });
      std::erase_if(t.more, [&](const Group& e) { return e.id == missing; });
      const Tree before = t;
      CHECK_THROWS_AS(reconcile::apply(t, cs), reconcile::error);
      CHECK_MESSAGE(t == before, "seed " << seed);
    }
  }

  SUBCASE("a vector at capacity: removes and changes keep its storage, and allocate nothing when warm") {
    Bag a, b;
    for (int i = 0; i < 1000; ++i) a.vec.push_back({i, 0, "x"});
    for (int i = 0; i < 1000; ++i)
      if (i % 5 != 2) b.vec.push_back({i, i % 3 == 0 ? 1 : 0, "x"});
    const auto cs = reconcile::diff(a, b);
    Bag x = a;
    x.vec.shrink_to_fit();
    const Item* data = x.vec.data();
    reconcile::apply(x, cs);
    CHECK(x == b);
    CHECK(x.vec.data() == data);
    CHECK(x.vec.capacity() == 1000);
  }
}

namespace {
// cs = diff(a, b) applied to a copy of a gives b, and applied again changes nothing.
void check_applies_twice(const Bag& a, const Bag& b) {
  const auto cs = reconcile::diff(a, b);
  Bag x = a;
  reconcile::apply(x, cs);
  CHECK(x == b);
  reconcile::apply(x, cs);  // again: the spawns find their keys present
  CHECK(x == b);
}
}  // namespace

// Performing, a change that only writes a plain value (an int, a string) is written where the
// check found its place, without a walk, until a change moves elements (an append, a move, a
// compaction of erases, an erase that does not wait) or changes a key: then the places are
// stale and each change walks again. Each case puts such a move before plain writes to the
// elements it moved; a stale place would write the wrong element (or freed storage: ASan).
TEST_CASE("apply: plain writes after a change that moves elements") {
  SUBCASE("ordered sequences: a move first, then changes to the elements it shifted") {
    Bag a, b;
    for (int i = 0; i < 40; ++i) a.ord.push_back({i, 0, "x"}), a.ord_list.push_back({i, 0, "x"});
    b.ord.push_back({39, 1, "y"});  // the last element moves first: every other shifts by one
    for (int i = 0; i < 39; ++i) b.ord.push_back({i, i % 3, i % 2 ? "y" : "x"});
    b.ord_list = {b.ord.begin(), b.ord.end()};
    REQUIRE(reconcile::diff(a, b).size() > 20);
    check_applies_twice(a, b);
  }
  SUBCASE("more erases than wait at once (a compaction half-way), then changes behind them") {
    for (int skip : {0, 1}) {
      Bag a, b;
      for (int i = 0; i < 300; ++i) a.vec.push_back({i, 0, "x"}), a.deq.push_back({i, 0, "x"});
      for (int i = 0; i < 300; ++i)
        if (i >= 100 && (skip == 0 || i % 2 == 0)) {
          b.vec.push_back({i, i % 4, i % 3 ? "x" : "long enough to live on the heap"});
          b.deq.push_back(b.vec.back());
        }
      check_applies_twice(a, b);
    }
  }
  SUBCASE("a spawn that reallocates, then changes to the spawned and the old elements") {
    Bag a, b;
    for (int i = 0; i < 16; ++i) a.ord.push_back({i, 0, "x"});
    a.ord.shrink_to_fit();
    b.ord.push_back({100, 7, "new"});  // added first, in front: an append (storage grows), then a move
    for (int i = 0; i < 16; ++i) b.ord.push_back({i, 1, "x"});
    const auto cs = reconcile::diff(a, b);
    Bag x = a;
    x.ord.shrink_to_fit();
    reconcile::apply(x, cs);
    CHECK(x == b);
  }
  SUBCASE("despawns between moves and spawns at the end (a game tick), applied to another object") {
    Bag a, b;
    for (int i = 0; i < 500; ++i) a.vec.push_back({i, 0, "x"});
    for (int i = 0; i < 500; ++i)
      if (i % 97 != 5) b.vec.push_back({i, i % 7 == 0 ? 1 : 0, "x"});
    for (int i = 0; i < 5; ++i) b.vec.push_back({1000 + i, 2, "spawned"});
    check_applies_twice(a, b);
    const auto cs = reconcile::diff(a, b);
    Bag t = a;  // another object: one spawn's key already there, elements rotated
    t.vec.push_back({1002, 9, "old"});
    std::rotate(t.vec.begin(), t.vec.begin() + 123, t.vec.end());
    Bag expect = t;
    const auto misfit = reference<std::vector<Item>, int>(expect.vec, field_index<&Bag::vec>(), cs);
    REQUIRE(!misfit);
    reconcile::apply(t, cs);
    CHECK(t == expect);
  }
}
