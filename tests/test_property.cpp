// Property tests of diff / equal / apply over random values of many types, with and without
// rules. For each type, RECONCILE_CASES (default 1000 in CI; scripts/soak runs 100000) random
// pairs (o, d): d is o after 1-3 random edits, or (one case in four) an independent random
// value. Checked for every pair:
//   diff(x, x) is empty and equal(x, x)                 (x = o and x = d)
//   equal(o, d) == diff(o, d).empty()
//   apply(o', diff(o, d)) on a copy o' of o makes equal(o', d), and diff(o', d) empty
//   applying the same changeset again changes nothing  (exactly: every field, every order)
//   for types without rules that allow it to differ, apply reproduces d exactly
//   the source o is untouched, though o' shares its shared_ptr pointees
//   the changeset outlives its inputs (made from temporaries; ASan checks), and formats
//   diff_into into a reused changeset finds as many changes as diff
// The run is reproducible: seed RECONCILE_SEED (default fixed); a failure prints the case's
// seed, and RECONCILE_SEED=<that seed> RECONCILE_CASES=1 replays exactly that case first.
#include "support/model.hpp"
#include "support/random_value.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace rt = reconcile::test;

template <>
struct reconcile::test::generator<model::Version> {
  static model::Version make(rng& g) { return model::Version(static_cast<int>(g.below(3)), static_cast<int>(g.below(2))); }
};

namespace {

std::size_t case_count() {
  if (const char* s = std::getenv("RECONCILE_CASES"); s && *s) return std::strtoull(s, nullptr, 10);
  return 1000;
}

struct outcome {
  bool ok = true;
  std::string why;
  void fail(std::string w) {
    if (ok) why = std::move(w);
    ok = false;
  }
};

// One case: checks every property for (o, d) under ctx; returns what failed, if anything.
// exact: the type has no rule that lets apply's result differ from d (ignore, tolerance,
// compare, order-free keyed or multiset sequences), so apply must reproduce d exactly.
template <class T, class Ctx>
outcome check_pair(const T& o, const T& d, const Ctx& ctx, reconcile::changeset<T>& reused, bool exact) {
  outcome r;
  if (!reconcile::equal(o, o, ctx)) r.fail("equal(o, o) is false");
  if (!reconcile::equal(d, d, ctx)) r.fail("equal(d, d) is false");
  if (!reconcile::diff(o, o, ctx).empty()) r.fail("diff(o, o) is not empty");
  if (!reconcile::diff(d, d, ctx).empty()) r.fail("diff(d, d) is not empty");

  const T before = rt::clone(o);
  // Made from temporaries: the changeset must own everything it mentions.
  const reconcile::changeset<T> cs = [&] {
    T a = rt::copy_of(o);
    T b = rt::copy_of(d);
    return reconcile::diff(a, b, ctx);
  }();
  const bool eq = reconcile::equal(o, d, ctx);
  if (eq != cs.empty())
    r.fail(fmt::format("equal(o, d) is {} but diff(o, d) has {} change(s)", eq, cs.size()));

  reconcile::diff_into(reused, o, d, ctx);
  if (reused.size() != cs.size())
    r.fail(fmt::format("diff_into found {} change(s), diff {}", reused.size(), cs.size()));

  T once = rt::copy_of(o);  // shares o's shared_ptr pointees: apply must not write through them
  reconcile::apply(once, cs, ctx);  // a changeset<T> made with call-site rules is applied with them
  if (!reconcile::equal(once, d, ctx)) r.fail("after apply(o, diff(o, d)), equal(o, d) is false");
  if (const auto again = reconcile::diff(once, d, ctx); !again.empty())
    r.fail(fmt::format("after apply, diff(o, d) is not empty:\n{}", again));
  if (!rt::deep_equal(o, before)) r.fail("apply on a copy changed the source (wrote through a shared_ptr?)");
  if (exact && !rt::deep_equal(once, d)) r.fail("without rules, apply(o, diff(o, d)) is not exactly d");

  T twice = rt::copy_of(once);
  reconcile::apply(twice, cs, ctx);
  if (!rt::deep_equal(once, twice))
    r.fail(fmt::format("applying twice differs from once:\n  once:  {}\n  twice: {}", rt::to_text(once),
                       rt::to_text(twice)));

  if (!r.ok) {
    r.why += fmt::format("\n  o:    {}\n  d:    {}\n  diff:\n{}\n  o after apply: {}", rt::to_text(o),
                         rt::to_text(d), cs, rt::to_text(once));
  } else if (fmt::format("{}", cs).empty() != cs.empty()) {
    r.fail("a non-empty changeset formats as nothing");
  }
  return r;
}

template <class T, class Ctx = reconcile::rules_t<>>
void property(const char* name, bool exact, const Ctx& ctx = reconcile::no_rules) {
  const std::uint64_t base = rt::seed_from_env();
  const std::size_t cases = case_count();
  reconcile::changeset<T> reused;
  std::size_t equal_pairs = 0;
  for (std::size_t i = 0; i < cases; ++i) {
    const std::uint64_t seed = base + i;
    rt::rng g(seed);
    T o = rt::random_value<T>(g, ctx);
    T d;
    if (g.chance(25)) {
      d = rt::random_value<T>(g, ctx);
    } else {
      d = rt::copy_of(o);
      for (std::size_t n = 1 + g.below(3); n > 0; --n) rt::mutate(d, g, ctx);
    }
    outcome r;
#if defined(__cpp_exceptions)
    try {
      r = check_pair(o, d, ctx, reused, exact);
    } catch (const std::exception& e) {
      r.fail(fmt::format("threw: {}\n  o: {}\n  d: {}", e.what(), rt::to_text(o), rt::to_text(d)));
    }
#else
    r = check_pair(o, d, ctx, reused, exact);
#endif
    equal_pairs += reconcile::equal(o, d, ctx);
    if (!r.ok) {
      FAIL_CHECK(std::string(name) << ": case " << i << " failed; replay with RECONCILE_SEED=" << seed
                      << " RECONCILE_CASES=1\n  " << r.why);
      return;  // one report per type
    }
  }
  MESSAGE(std::string(name) << ": " << cases << " cases, " << equal_pairs << " equal pairs, base seed " << base);
  // Both outcomes must be exercised, or the property says little.
  if (cases >= 1000) {
    CHECK(equal_pairs > 0);
    CHECK(equal_pairs < cases);
  }
}

}  // namespace

TEST_CASE("diff") {
  SUBCASE("Deployment: ignore, keyed_by, tolerance, immutable") { property<model::Deployment>("Deployment", false); }
  SUBCASE("Pod: no rules") { property<model::Pod>("Pod", true); }
  SUBCASE("Pod: call-site rules, nested (ordered keyed containers, unordered args)") {
    using namespace reconcile::dsl;
    property<model::Pod>("Pod+rules", false,
                         reconcile::rules(field<&model::Pod::containers> | keyed_by<&model::Container::name> | ordered,
                                          field<&model::Pod::status> | ignore,
                                          field<&model::Container::args> | unordered));
  }
  SUBCASE("Everything: every supported type, default semantics") { property<model::Everything>("Everything", true); }
  SUBCASE("Pipeline: ordered keyed, keyed deque, ordered keyed list, multisets") {
    property<model::Pipeline>("Pipeline", false);
  }
  SUBCASE("Quote: tolerance, relative, compare") { property<model::Quote>("Quote", false); }
  SUBCASE("Shapes: variants, nested rules in maps and optionals") { property<model::Shapes>("Shapes", false); }
  SUBCASE("Pointers: unique_ptr, shared_ptr, shared_ptr<const>") { property<model::Pointers>("Pointers", true); }
  SUBCASE("Schedule: chrono, enums, opaque leaf") { property<model::Schedule>("Schedule", true); }
  SUBCASE("HanaBox: BOOST_HANA_DEFINE_STRUCT with rules") { property<model::HanaBox>("HanaBox", false); }
  SUBCASE("World: everything nested") { property<model::World>("World", false); }
}
