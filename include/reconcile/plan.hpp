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
// follow the world's field order; removes run in reverse; within a kind, by key. A world
// field is a map, an unordered_map or a keyed_by sequence. World-field rules:
// create_before_destroy (a replace creates first), prevent_destroy (refuse to plan a
// remove or replace there). A plan owns copies of everything it needs.
#pragma once

#include <reconcile/detail/plan_impl.hpp>
#include <reconcile/error.hpp>

#include <cstddef>
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

/// plan<World>: the actions, in execution order. Iterate for `const action&`.
template <class World>
class plan {
 public:
  class iterator {
   public:
    using inner = typename std::vector<std::unique_ptr<action>>::const_iterator;
    using value_type = action;
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
  std::size_t deferred() const noexcept { return deferred_; }

  // Used by plan_for.
  std::vector<std::unique_ptr<action>>& actions() noexcept { return actions_; }
  void set_deferred(std::size_t n) noexcept { deferred_ = n; }

 private:
  std::size_t count(verb v) const noexcept {
    std::size_t n = 0;
    for (const auto& a : actions_) n += a->verb() == v ? 1 : 0;
    return n;
  }
  std::vector<std::unique_ptr<action>> actions_;
  std::size_t deferred_ = 0;
};

namespace detail {

// The actions of one kind: creates/updates/replaces into `build`, removes into `destroy`.
template <class C, class FR>
void plan_kind(const C& observed, const C& desired, std::string_view kind, std::size_t index,
               std::vector<std::unique_ptr<action>>& build, std::vector<std::unique_ptr<action>>& destroy) {
  using K = typename collection<C, FR>::key_type;
  using R = typename collection<C, FR>::resource;
  using A = resource_action<K, R>;
  constexpr bool cbd = (FR::flags & f_create_before_destroy) != 0;
  constexpr bool protect = (FR::flags & f_prevent_destroy) != 0;
  const auto o = side<K, R>::template of<C, FR>(observed);
  const auto d = side<K, R>::template of<C, FR>(desired);
  auto refuse = [&](const A& a, const char* what) {
    path p;
    p.push_back(segment::key(box(a.key())));
    raise(error(std::move(p), "reconcile::plan_for: " + a.address() + " would be " + what +
                                  ", but " + std::string(kind) + " has prevent_destroy"));
  };
  for (const auto& [key, want] : d.items) {
    const R* have = o.find(*key);
    if (!have) {
      build.push_back(std::make_unique<A>(verb::create, kind, index, *key, nullptr, want, cbd));
      continue;
    }
    changeset<R> cs = reconcile::diff(*have, *want);
    if (cs.empty()) continue;
    const bool replace = cs.requires_replace();
    auto a = std::make_unique<A>(replace ? verb::replace : verb::update, kind, index, *key, have, want, cbd);
    if (replace && protect) refuse(*a, "replaced");
    for (const change& c : cs) {
      if (replace && !c.requires_replace()) continue;
      std::string line;
      if (replace) line = c.path().empty() ? std::string("<resource>") : c.path()[0].name();
      else print_change(line, c);
      if (std::find(a->details_slot().begin(), a->details_slot().end(), line) == a->details_slot().end())
        a->details_slot().push_back(std::move(line));
    }
    a->changes_slot() = std::move(cs);
    build.push_back(std::move(a));
  }
  for (const auto& [key, have] : o.items) {
    if (d.find(*key)) continue;
    auto a = std::make_unique<A>(verb::remove, kind, index, *key, have, nullptr, cbd);
    if (protect) refuse(*a, "destroyed");
    destroy.push_back(std::move(a));
  }
}

}  // namespace detail

/// plan_for(observed, desired, options = {}): the actions that turn the observed world into
/// the desired one. World is a struct whose fields are resource collections, or a single
/// collection (map or unordered_map; its kind() is "resources"). Throws reconcile::error for
/// a remove or replace under prevent_destroy. Costs one diff per resource present on both
/// sides, plus sorting each side's keys.
template <class World>
plan<World> plan_for(const World& observed, const World& desired, const plan_options& options = {}) {
  std::vector<std::unique_ptr<action>> build;
  std::vector<std::vector<std::unique_ptr<action>>> destroy_by_kind;
  if constexpr (detail::resource_collection<World, detail::field_rule<>>) {
    destroy_by_kind.resize(1);
    detail::plan_kind<World, detail::field_rule<>>(observed, desired, "resources", 0, build, destroy_by_kind[0]);
  } else {
    static_assert(reflectable<World>,
                  "reconcile::plan_for: World must be a map, an unordered_map, or a struct whose fields are "
                  "such collections (or keyed_by sequences)");
    if constexpr (reflectable<World>) {
      destroy_by_kind.resize(field_count<World>);
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
              using FR = std::remove_cvref_t<decltype(detail::rule_for<World, I>(no_rules))>;
              using C = std::remove_cvref_t<decltype(reconcile::get<I>(observed))>;
              static_assert(detail::resource_collection<C, FR>,
                            "reconcile::plan_for: every World field must be a map, an unordered_map or a "
                            "sequence with a keyed_by rule");
              if constexpr (detail::resource_collection<C, FR>)
                detail::plan_kind<C, FR>(reconcile::get<I>(observed), reconcile::get<I>(desired),
                                         field_name<World, I>, I, build, destroy_by_kind[I]);
            }(),
            ...);
      }(std::make_index_sequence<field_count<World>>{});
    }
  }
  plan<World> p;
  std::size_t budget = options.max_destroys, deferred = 0;
  for (auto& a : build) {
    if (a->verb() == verb::replace) {
      if (budget == 0) {
        ++deferred;
        continue;
      }
      --budget;
    }
    p.actions().push_back(std::move(a));
  }
  for (auto k = destroy_by_kind.rbegin(); k != destroy_by_kind.rend(); ++k)
    for (auto& a : *k) {
      if (budget == 0) {
        ++deferred;
        continue;
      }
      --budget;
      p.actions().push_back(std::move(a));
    }
  p.set_deferred(deferred);
  return p;
}

}  // namespace reconcile
