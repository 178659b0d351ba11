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
// With plan_options::expect, actions on resources whose earlier action is still in flight are
// marked held() (see reconcile::expectations).
#pragma once

#include <reconcile/detail/expect_hooks.hpp>
#include <reconcile/detail/plan_impl.hpp>
#include <reconcile/detail/print_plan.hpp>
#include <reconcile/error.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <unistd.h>

namespace reconcile {

/// observation_scope: what an observed world given to plan_for with expectations stands for.
/// part (the default): some part of the world; only the addresses it shows, observed or
/// desired, settle their expectations, so any slicing may share one expectations object
/// safely; a remove whose address then leaves both sides ends by its TTL, or once a later
/// observation shows the address. whole_slice: everything in plan_options::slice (the whole
/// world when that is empty); an address absent from it is gone, so a remove issued from
/// that slice is met as soon as it is observed gone. reconcile::loop observes the whole world,
/// keyed_loop each key's whole slice.
enum class observation_scope : unsigned char { part, whole_slice };

/// plan_options: safety budgets for plan_for, and the expectations to check.
struct plan_options {
  /// At most this many destroys per plan (a replace counts as one); the rest are deferred to a
  /// later plan (plan::deferred() counts them). Replaces take the budget first, then removes
  /// in execution order.
  std::size_t max_destroys = std::numeric_limits<std::size_t>::max();
  /// Expectations to check against the observed world (the met ones end) and to mark the
  /// plan's actions with: an action on an address whose earlier action is still in flight is
  /// held() (the plan's rendering says why). Pass the same object to execute. They also
  /// number the attempts per address that action::request_id() is derived from.
  /// Holds a `reconcile::expectations*` (assign `&e` or nullptr, test it, read it back as an
  /// `expectations*`); plan.hpp only declares expectations: include
  /// <reconcile/expectations.hpp> (or execute.hpp) to make one.
  detail::expect_ptr expect{};
  /// What the observed world stands for when settling expectations (see observation_scope).
  observation_scope observed = observation_scope::part;
  /// The slice of the world the plan covers (e.g. a keyed_loop's printed key); the
  /// expectations execute records remember it, and a whole_slice observation of it settles
  /// them. Empty: the whole world.
  std::string slice{};
  /// How action::request_id() is spelled (default: 20 characters of [0-9A-Za-z]).
  request_id_format request_ids{};
  /// Per-resource dependencies: depends_on(a) lists the addresses (reconcile::address_of) that
  /// the resource of action `a` needs: for a create, update or replace, read a.desired_as<R>();
  /// for a remove, a.observed_as<R>() (the remove of a needed resource then waits for the
  /// remove of the one needing it). Set, it replaces the dependencies by kind: execute skips
  /// only the true dependents of a failure and holds a dependent while what it needs is in
  /// flight. Called once per action by plan_for.
  std::function<std::vector<std::string>(const action&)> depends_on{};
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
  /// Actions held back because an earlier action on their resource is still in flight (only
  /// with plan_options::expect; see action::held()).
  std::size_t held() const noexcept {
    std::size_t n = 0;
    for (const auto& a : actions_) if (a->held()) ++n;
    return n;
  }

 private:
  friend struct detail::plan_access;
  std::size_t count(verb v) const noexcept {
    std::size_t n = 0;
    for (const auto& a : actions_) if (a->verb() == v) ++n;
    return n;
  }
  std::vector<std::unique_ptr<action>> actions_;
  std::vector<std::uint64_t> deferred_keys_;
  std::vector<std::unique_ptr<action>> deferred_;  // their actions: observations for expectations
  std::vector<std::vector<std::string>> needs_;    // per action: plan_options::depends_on
  std::string slice_;                              // plan_options::slice
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
  template <class World>
  static std::vector<std::unique_ptr<action>>& deferred_actions(plan<World>& p) noexcept {
    return p.deferred_;
  }
  template <class World>
  static const std::vector<std::unique_ptr<action>>& deferred_actions(const plan<World>& p) noexcept {
    return p.deferred_;
  }
  template <class World>
  static std::vector<std::vector<std::string>>& needs(plan<World>& p) noexcept {
    return p.needs_;
  }
  template <class World>
  static const std::vector<std::vector<std::string>>& needs(const plan<World>& p) noexcept {
    return p.needs_;
  }
  template <class World>
  static std::string& slice(plan<World>& p) noexcept {
    return p.slice_;
  }
  template <class World>
  static const std::string& slice(const plan<World>& p) noexcept {
    return p.slice_;
  }
};

}  // namespace detail

/// plan_for(observed, desired, options = {}): the actions that turn the observed world into
/// the desired one. World is a struct whose fields are resource collections, or a single
/// collection (map or unordered_map; its kind() is "resources"). Throws reconcile::error,
/// naming the resource's path, for a remove or replace under prevent_destroy and for a
/// duplicate key in a keyed_by sequence (of the world, or inside a resource). With
/// options.expect, first ends the expectations the observed world meets, then marks held the
/// actions on addresses still in flight. Costs one diff per resource present on both sides,
/// one content hash per action, plus sorting each side's keys (and, with expectations, one
/// look-up per expectation and per action).
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
  if (options.request_ids.alphabet.size() < 2 || options.request_ids.prefix.size() >= options.request_ids.length)
    detail::raise(error({}, "reconcile::plan_for: plan_options::request_ids needs an alphabet of 2 or more "
                            "characters and a prefix shorter than its length"));
  if constexpr ((single || reflectable<World>) && bad == detail::npos && unfit == detail::npos) {
    constexpr std::size_t n = detail::world_field_count<World>();
    std::vector<std::unique_ptr<action>> build;
    std::vector<std::vector<std::unique_ptr<action>>> destroy_by_kind(n);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (
          [&] {
            if constexpr (detail::world_kind<World, I>::is_kind)
              detail::plan_kind<World, I>(observed, desired, build, destroy_by_kind[I], options);
          }(),
          ...);
    }(std::make_index_sequence<n>{});
    auto& actions = detail::plan_access::actions(p);
    auto& deferred = detail::plan_access::deferred(p);
    auto& deferred_actions = detail::plan_access::deferred_actions(p);
    detail::plan_access::slice(p) = options.slice;
    std::size_t budget = options.max_destroys;
    auto defer = [&](std::unique_ptr<action>& a) {
      deferred.push_back(a->idempotency_key());
      deferred_actions.push_back(std::move(a));
    };
    for (auto& a : build) {
      if (a->verb() == verb::replace) {
        if (budget == 0) {
          defer(a);
          continue;
        }
        --budget;
      }
      actions.push_back(std::move(a));
    }
    for (auto k = destroy_by_kind.rbegin(); k != destroy_by_kind.rend(); ++k)
      for (auto& a : *k) {
        if (budget == 0) {
          defer(a);
          continue;
        }
        --budget;
        actions.push_back(std::move(a));
      }
    if (options.depends_on) {
      auto& needs = detail::plan_access::needs(p);
      needs.reserve(actions.size());
      for (const auto& a : actions) needs.push_back(options.depends_on(*a));
    }
  }
  return p;
}

/// print(plan, file = stdout): the plan and its summary line, coloured when file is a terminal.
template <class World>
void print(const plan<World>& p, std::FILE* file = stdout) {
  fmt::print(file, "{}\n", detail::render_plan(p, ::isatty(::fileno(file)) != 0 ? detail::ansi::on : detail::ansi::off));
}
}  // namespace reconcile

// fmt/ranges.h sees a plan as a range; see changeset.hpp for the opt-out.
FMT_BEGIN_NAMESPACE
template <typename T, typename Char>
struct is_range;
template <class World, class Char>
struct is_range<reconcile::plan<World>, Char> : std::false_type {};
FMT_END_NAMESPACE

template <class World>
struct fmt::formatter<reconcile::plan<World>> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::plan<World>& p, Ctx& ctx) const {
    return write(reconcile::detail::render_plan(p, reconcile::detail::ansi::off), ctx);
  }
};
