// The work of plan_for for one kind: each side's resources sorted by key, one diff per
// resource on both sides, the typed actions, and the check of expectations against the
// observed world. Part of plan.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/detail/expect_hooks.hpp>
#include <reconcile/detail/immutable_path.hpp>
#include <reconcile/action.hpp>
#include <reconcile/detail/plan_world.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/detail/print_change.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reconcile::detail {

// Entries of one side, sorted by key (by printed key when keys have no <): plans are
// deterministic whatever the collection's order. Throws reconcile::error on a duplicate key.
template <class K, class R>
struct side {
  static constexpr bool ordered = std::totally_ordered<K>;
  struct item {
    const K* key;
    const R* resource;
    std::string text;  // the printed key, when K has no <
  };
  std::vector<item> items;

  static bool less(const item& x, const item& y) {
    if constexpr (ordered) return *x.key < *y.key;
    else return x.text < y.text;
  }
  template <class C, class MemberRule>
  static side of(const C& c, std::size_t kind_index, std::string_view kind, const char* which) {
    side s;
    collection<C, MemberRule>::each(c, [&](const K& k, const R& r) {
      item it{&k, &r, {}};
      if constexpr (!ordered) print_value(it.text, k);
      s.items.push_back(std::move(it));
    });
    std::sort(s.items.begin(), s.items.end(), &less);
    for (std::size_t i = 1; i < s.items.size(); ++i)
      if (*s.items[i - 1].key == *s.items[i].key) {
        path p;
        p.push_back(segment::field(kind_index, kind));
        p.push_back(segment::key(*s.items[i].key));
        const std::string where = p.to_string();
        raise(error(std::move(p), "reconcile::plan_for: duplicate key in the " + std::string(which) + " " +
                                      std::string(kind) + ": " + where));
      }
    return s;
  }
  const R* find(const K& k) const {
    item probe{&k, nullptr, {}};
    if constexpr (!ordered) print_value(probe.text, k);
    auto it = std::lower_bound(items.begin(), items.end(), probe, &less);
    for (; it != items.end() && !less(probe, *it); ++it)
      if (*it->key == k) return it->resource;
    return nullptr;
  }
};

// diff(observed, desired) of one resource; its errors (a duplicate key in a keyed sequence
// inside the resource) are re-raised with the resource's path in front: deployments["api"].ports.
template <class K, class R>
changeset<R> diff_resource(const R& observed, const R& desired, std::size_t index, std::string_view kind, const K& key) {
#if defined(__cpp_exceptions)
  try {
    return reconcile::diff(observed, desired);
  } catch (const error& e) {
    path p;
    p.push_back(segment::field(index, kind));
    p.push_back(segment::key(key));
    std::string where = p.to_string();
    for (const segment& s : e.path()) p.push_back(s);
    throw error(std::move(p), "reconcile::plan_for: " + where + ": " + e.what());
  }
#else
  (void)index, (void)kind, (void)key;
  return reconcile::diff(observed, desired);
#endif
}

// An update's details: its changes, one a line. A replace's: the paths of the immutable fields
// that force it, each once (`spec.selector.app`, `containers["web"].image`).
template <class R>
std::vector<std::string> action_details(const changeset<R>& cs, bool replace) {
  std::vector<std::string> details;
  for (const change& c : cs) {
    if (replace && !c.requires_replace()) continue;
    std::string line;
    if (replace) line = immutable_path_text<R>(c.path());
    else print_change(line, c);
    if (std::find(details.begin(), details.end(), line) == details.end()) details.push_back(std::move(line));
  }
  return details;
}

template <class K>
std::string printed_key(const K& k) {
  std::string s;
  print_value(s, k);
  return s;
}

// The actions of kind I (Options: reconcile::plan_options, declared after this file): creates/updates/replaces into `build`, removes into `destroy`. With
// expectations: first each expectation on this kind is checked against the observed side.
template <class World, std::size_t I, class Options>
void plan_kind(const World& observed_world, const World& desired_world, std::vector<std::unique_ptr<action>>& build,
               std::vector<std::unique_ptr<action>>& destroy, const Options& options) {
  expect_hooks* const expect = options.expect.hooks();
  const request_id_format& ids = options.request_ids;
  const bool whole = options.observed == decltype(options.observed)::whole_slice;
  using W = world_kind<World, I>;
  using C = typename W::type;
  using MemberRule = typename W::rule;
  using K = typename kind_types<World, I>::key_type;
  using R = typename kind_types<World, I>::resource;
  using A = resource_action<K, R>;
  constexpr std::string_view kind = W::name;
  constexpr bool cbd = (MemberRule::flags & f_create_before_destroy) != 0;
  constexpr bool protect = (MemberRule::flags & f_prevent_destroy) != 0;
  const auto o = side<K, R>::template of<C, MemberRule>(W::of(observed_world), I, kind, "observed");
  const auto d = side<K, R>::template of<C, MemberRule>(W::of(desired_world), I, kind, "desired");
  if (expect) {
    // Only the addresses this slice shows (observed or desired) are settled: another slice's
    // expectations stay. Targets reloaded from a journal are found by printed key and met by
    // content hash.
    std::unordered_map<std::string, const R*> observed_text, desired_text;
    if (expect->has_restored(I)) {
      for (const auto& item : o.items) observed_text[printed_key(*item.key)] = item.resource;
      for (const auto& item : d.items) desired_text[printed_key(*item.key)] = item.resource;
    }
    auto typed = [](const expected_target& t) -> const expected_of<K, R>* {
      if (t.key_type != &type_id<K> || t.resource_type != &type_id<R>) return nullptr;
      return &static_cast<const expected_of<K, R>&>(t);
    };
    expect->settle(
        I, options.slice, whole,
        [&](const expected_target& t) {
          if (const auto* e = typed(t)) return o.find(e->key) || d.find(e->key);
          if (t.key_type) return false;
          const auto& key = static_cast<const restored_target&>(t).key_text;
          return observed_text.contains(key) || desired_text.contains(key);
        },
        [&](const expected_target& t) {
          if (const auto* e = typed(t)) return t.met_by(static_cast<const void*>(o.find(e->key)));
          auto it = observed_text.find(static_cast<const restored_target&>(t).key_text);
          const std::uint64_t seen = it == observed_text.end() ? 0 : A::hash_of(*it->second);
          return seen == t.hash;
        });
  }
  auto refuse = [&](const A& a, const char* what) {
    path p;
    p.push_back(segment::field(I, kind));
    p.push_back(segment::key(a.key()));
    raise(error(std::move(p), "reconcile::plan_for: " + a.address() + " would be " + what + ", but " +
                                  std::string(kind) + " has prevent_destroy"));
  };
  auto add = [&](std::vector<std::unique_ptr<action>>& to, std::unique_ptr<A> a) {
    if (expect) expect->mark(*a, ids, options.slice);
    else action_access::attempt(*a, 0, ids);
    to.push_back(std::move(a));
  };
  for (const auto& item : d.items) {
    const R* have = o.find(*item.key);
    if (!have) {
      add(build, std::make_unique<A>(verb::create, kind, I, *item.key, nullptr, item.resource, cbd));
      continue;
    }
    changeset<R> cs = diff_resource(*have, *item.resource, I, kind, *item.key);
    if (cs.empty()) continue;
    const bool replace = cs.requires_replace();
    auto a = std::make_unique<A>(replace ? verb::replace : verb::update, kind, I, *item.key, have, item.resource, cbd);
    if (replace && protect) refuse(*a, "replaced");
    a->details_slot() = action_details(cs, replace);
    a->changes_slot() = std::move(cs);
    add(build, std::move(a));
  }
  for (const auto& item : o.items) {
    if (d.find(*item.key)) continue;
    auto a = std::make_unique<A>(verb::remove, kind, I, *item.key, item.resource, nullptr, cbd);
    if (protect) refuse(*a, "destroyed");
    add(destroy, std::move(a));
  }
}

}  // namespace reconcile::detail
