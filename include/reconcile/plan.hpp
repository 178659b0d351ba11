// reconcile/plan.hpp - keyed resources -> an ordered, idempotent action sequence.
//
//   struct World {                                   // fields are resource kinds, in
//     std::map<std::string, Volume>     volumes;     // dependency order
//     std::map<std::string, Deployment> deployments;
//   };
//   reconcile::plan<World> p = reconcile::plan_for(observed_world, desired_world);
//
// Per resource: absent -> create; not desired -> remove; differs -> update (with its
// changeset); differs in an `immutable` field -> replace. Creates, updates and replaces
// follow the world's field order; removes run in reverse; within a kind, by key (by the
// printed key when the key type has no <), whatever the collection's own order. A world field
// is a map, an unordered_map or a keyed_by sequence; a field with the `ignore` rule is not a
// kind. World-field rules: create_before_destroy (a replace creates first), prevent_destroy
// (refuse to plan a remove or replace there). A plan owns copies of everything it needs.
#pragma once

#include <reconcile/detail/plan_impl.hpp>
#include <reconcile/error.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace reconcile {

/// plan_options: safety budgets for plan_for.
struct plan_options {
  /// At most this many destroys per plan (a replace counts as one); the rest are deferred to a
  /// later plan (plan::deferred() counts them). Replaces take the budget first, then removes
  /// in execution order.
  std::size_t max_destroys = std::numeric_limits<std::size_t>::max();
};

template <class World>
class plan;
namespace detail {
struct plan_access;
}

/// plan<World>: the actions, in execution order. Iterate for `const action&`. Move-only;
/// owns its actions, so it outlives the worlds it was computed from.
template <class World>
class plan {
 public:
  class iterator {
   public:
    using inner = typename std::vector<std::unique_ptr<action>>::const_iterator;
    using iterator_category = std::forward_iterator_tag;
    using value_type = action;
    using pointer = const action*;
    using reference = const action&;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(inner i) : i_(i) {}
    const action& operator*() const { return **i_; }
    const action* operator->() const { return i_->get(); }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator t = *this;
      ++i_;
      return t;
    }
    bool operator==(const iterator&) const = default;

   private:
    inner i_{};
  };

  iterator begin() const noexcept { return iterator(actions_.begin()); }
  iterator end() const noexcept { return iterator(actions_.end()); }
  std::size_t size() const noexcept { return actions_.size(); }
  bool empty() const noexcept { return actions_.empty(); }
  const action& operator[](std::size_t i) const noexcept { return *actions_[i]; }
  /// Terraform's counts: a replace counts in both to_add and to_destroy.
  std::size_t to_add() const noexcept { return count(verb::create) + count(verb::replace); }
  std::size_t to_change() const noexcept { return count(verb::update); }
  std::size_t to_destroy() const noexcept { return count(verb::remove) + count(verb::replace); }
  /// Removes and replaces left out by plan_options::max_destroys.
  std::size_t deferred() const noexcept { return deferred_keys_.size(); }
  /// The idempotency keys of the deferred actions (expectations keep them alive).
  const std::vector<std::uint64_t>& deferred_keys() const noexcept { return deferred_keys_; }

 private:
  friend struct detail::plan_access;
  std::size_t count(verb v) const noexcept {
    std::size_t n = 0;
    for (const auto& a : actions_) n += a->verb() == v ? 1 : 0;
    return n;
  }
  std::vector<std::unique_ptr<action>> actions_;
  std::vector<std::uint64_t> deferred_keys_;
};

namespace detail {

struct plan_access {
  template <class World>
  static std::vector<std::unique_ptr<action>>& actions(plan<World>& p) noexcept {
    return p.actions_;
  }
  template <class World>
  static std::vector<std::uint64_t>& deferred(plan<World>& p) noexcept {
    return p.deferred_keys_;
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
    p.push_back(segment::key(box(key)));
    std::string where = p.to_string();
    for (const segment& s : e.path()) p.push_back(s);
    throw error(std::move(p), "reconcile::plan_for: " + where + ": " + e.what());
  }
#else
  (void)index, (void)kind, (void)key;
  return reconcile::diff(observed, desired);
#endif
}

// The actions of kind I: creates/updates/replaces into `build`, removes into `destroy`.
template <class World, std::size_t I>
void plan_kind(const World& observed_world, const World& desired_world, std::vector<std::unique_ptr<action>>& build,
               std::vector<std::unique_ptr<action>>& destroy) {
  using W = world_kind<World, I>;
  using C = typename W::type;
  using FR = typename W::rule;
  using K = typename kind_types<World, I>::key_type;
  using R = typename kind_types<World, I>::resource;
  using A = resource_action<K, R>;
  constexpr std::string_view kind = W::name;
  constexpr bool cbd = (FR::flags & f_create_before_destroy) != 0;
  constexpr bool protect = (FR::flags & f_prevent_destroy) != 0;
  const auto o = side<K, R>::template of<C, FR>(W::of(observed_world), I, kind, "observed");
  const auto d = side<K, R>::template of<C, FR>(W::of(desired_world), I, kind, "desired");
  auto refuse = [&](const A& a, const char* what) {
    path p;
    p.push_back(segment::field(I, kind));
    p.push_back(segment::key(box(a.key())));
    raise(error(std::move(p), "reconcile::plan_for: " + a.address() + " would be " + what + ", but " +
                                  std::string(kind) + " has prevent_destroy"));
  };
  for (const auto& item : d.items) {
    const R* have = o.find(*item.key);
    if (!have) {
      build.push_back(std::make_unique<A>(verb::create, kind, I, *item.key, nullptr, item.resource, cbd));
      continue;
    }
    changeset<R> cs = diff_resource(*have, *item.resource, I, kind, *item.key);
    if (cs.empty()) continue;
    const bool replace = cs.requires_replace();
    auto a = std::make_unique<A>(replace ? verb::replace : verb::update, kind, I, *item.key, have, item.resource, cbd);
    if (replace && protect) refuse(*a, "replaced");
    auto& details = a->details_slot();
    for (const change& c : cs) {
      if (replace && !c.requires_replace()) continue;
      std::string line;
      if (replace) line = c.path().empty() ? std::string("<resource>") : std::string(c.path()[0].name());
      else print_change(line, c);
      if (std::find(details.begin(), details.end(), line) == details.end()) details.push_back(std::move(line));
    }
    a->changes_slot() = std::move(cs);
    build.push_back(std::move(a));
  }
  for (const auto& item : o.items) {
    if (d.find(*item.key)) continue;
    auto a = std::make_unique<A>(verb::remove, kind, I, *item.key, item.resource, nullptr, cbd);
    if (protect) refuse(*a, "destroyed");
    destroy.push_back(std::move(a));
  }
}

}  // namespace detail

/// plan_for(observed, desired, options = {}): the actions that turn the observed world into
/// the desired one. World is a struct whose fields are resource collections, or a single
/// collection (map or unordered_map; its kind() is "resources"). Throws reconcile::error,
/// naming the resource's path, for a remove or replace under prevent_destroy and for a
/// duplicate key in a keyed_by sequence (of the world, or inside a resource). Costs one diff per resource present on both sides,
/// one content hash per action, plus sorting each side's keys.
template <class World>
plan<World> plan_for(const World& observed, const World& desired, const plan_options& options = {}) {
  constexpr bool single = detail::resource_collection<World, detail::field_rule<>>;
  static_assert(single || reflectable<World>,
                "reconcile::plan_for: World must be a map, an unordered_map, or a struct whose fields are "
                "such collections (or sequences with a keyed_by rule)");
  constexpr std::size_t bad = detail::first_invalid_kind<World>();
  if constexpr (bad != detail::npos)
    static_assert(detail::check_world_field<World, bad, typename detail::world_kind<World, bad>::type>());
  constexpr std::size_t unfit = bad == detail::npos ? detail::first_unfit_resource<World>() : detail::npos;
  if constexpr (unfit != detail::npos)
    static_assert(detail::check_resource<World, unfit, typename detail::kind_types<World, unfit>::key_type,
                                         typename detail::kind_types<World, unfit>::resource>());
  plan<World> p;
  if constexpr ((single || reflectable<World>) && bad == detail::npos && unfit == detail::npos) {
    constexpr std::size_t n = detail::world_field_count<World>();
    std::vector<std::unique_ptr<action>> build;
    std::vector<std::vector<std::unique_ptr<action>>> destroy_by_kind(n);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (
          [&] {
            if constexpr (detail::world_kind<World, I>::is_kind)
              detail::plan_kind<World, I>(observed, desired, build, destroy_by_kind[I]);
          }(),
          ...);
    }(std::make_index_sequence<n>{});
    auto& actions = detail::plan_access::actions(p);
    auto& deferred = detail::plan_access::deferred(p);
    std::size_t budget = options.max_destroys;
    for (auto& a : build) {
      if (a->verb() == verb::replace) {
        if (budget == 0) {
          deferred.push_back(a->idempotency_key());
          continue;
        }
        --budget;
      }
      actions.push_back(std::move(a));
    }
    for (auto k = destroy_by_kind.rbegin(); k != destroy_by_kind.rend(); ++k)
      for (auto& a : *k) {
        if (budget == 0) {
          deferred.push_back(a->idempotency_key());
          continue;
        }
        --budget;
        actions.push_back(std::move(a));
      }
  }
  return p;
}

}  // namespace reconcile
