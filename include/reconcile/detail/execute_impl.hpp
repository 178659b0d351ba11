// Calling the actuator for one typed action, and the report types. Part of execute.hpp.
#pragma once

#include <reconcile/plan.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace reconcile {

/// outcome_status: succeeded; failed (the actuator reported failure); skipped (a dependency
/// failed); expected (an identical action is still in flight: not issued again).
enum class outcome_status : unsigned char { succeeded, failed, skipped, expected };

/// outcome: what happened to one action of a plan.
struct outcome {
  reconcile::verb verb = verb::create;
  std::string address;  // e.g. deployments["web"]
  std::uint64_t idempotency_key = 0;
  outcome_status status = outcome_status::skipped;
  std::string error;  // the failure's text, or why it was skipped
};

/// report: the outcome of every action, in plan order.
struct report {
  std::vector<outcome> outcomes;
  /// True when every action succeeded (or was already in flight).
  bool ok() const noexcept {
    for (const outcome& o : outcomes)
      if (o.status == outcome_status::failed || o.status == outcome_status::skipped) return false;
    return true;
  }
  std::size_t count(outcome_status s) const noexcept {
    std::size_t n = 0;
    for (const outcome& o : outcomes) n += o.status == s ? 1 : 0;
    return n;
  }
};

namespace detail {

inline outcome describe(const action& a) {
  outcome o;
  o.verb = a.verb();
  o.address = a.address();
  o.idempotency_key = a.idempotency_key();
  return o;
}

// Runs f; the failure's text, or nothing on success.
template <class F>
std::optional<std::string> outcome_of(F&& f) {
#if defined(__cpp_exceptions)
  try {
#endif
    using Ret = decltype(f());
    if constexpr (std::is_void_v<Ret>) {
      f();
      return std::nullopt;
    } else if constexpr (std::is_same_v<std::remove_cvref_t<Ret>, std::error_code>) {
      const std::error_code ec = f();
      if (ec) return ec.message();
      return std::nullopt;
    } else {
      if (static_cast<bool>(f())) return std::nullopt;
      return std::string("the actuator returned false");
    }
#if defined(__cpp_exceptions)
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string("unknown exception");
  }
#endif
}

template <class A, class K, class R>
concept actuator_of = requires(A& a, const K& k, const R& r, const changeset<R>& cs) {
  a.create(k, r);
  a.update(k, r, r, cs);
  a.remove(k, r);
};
template <class A, class K, class R>
concept has_replace = requires(A& a, const K& k, const R& r) { a.replace(k, r, r); };

// The key and resource types of kind I of World.
template <class World, std::size_t I>
struct kind_types {
  using FR = std::remove_cvref_t<decltype(rule_for<World, I>(no_rules))>;
  using C = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<const World&>()))>;
  using key_type = typename collection<C, FR>::key_type;
  using resource = typename collection<C, FR>::resource;
};
template <class World, std::size_t I>
  requires resource_collection<World, field_rule<>>
struct kind_types<World, I> {
  using key_type = typename collection<World, field_rule<>>::key_type;
  using resource = typename collection<World, field_rule<>>::resource;
};

template <class World>
consteval std::size_t kind_count() {
  if constexpr (resource_collection<World, field_rule<>>) return 1;
  else return field_count<World>;
}

template <class World, class A>
consteval bool actuator_for_world() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return (actuator_of<A, typename kind_types<World, I>::key_type, typename kind_types<World, I>::resource> && ...);
  }(std::make_index_sequence<kind_count<World>()>{});
}

template <class K, class R, class A>
std::optional<std::string> run_typed(const resource_action<K, R>& a, A& act) {
  if constexpr (!actuator_of<A, K, R>) {
    return std::string("no actuator overload");
  } else {
    switch (a.verb()) {
      case verb::create: return outcome_of([&] { return act.create(a.key(), a.desired()); });
      case verb::update:
        return outcome_of([&] { return act.update(a.key(), a.observed(), a.desired(), a.changes()); });
      case verb::remove: return outcome_of([&] { return act.remove(a.key(), a.observed()); });
      case verb::replace:
        if constexpr (has_replace<A, K, R>) {
          return outcome_of([&] { return act.replace(a.key(), a.observed(), a.desired()); });
        } else {
          auto create = [&] { return outcome_of([&] { return act.create(a.key(), a.desired()); }); };
          auto remove = [&] { return outcome_of([&] { return act.remove(a.key(), a.observed()); }); };
          if (a.create_before_destroy()) {
            if (auto e = create()) return e;
            return remove();
          }
          if (auto e = remove()) return e;
          return create();
        }
    }
    return std::nullopt;
  }
}

// Runs one action of a plan<World> on the actuator, dispatching on its kind at run time.
template <class World, class A>
std::optional<std::string> run_action(const action& a, A& act) {
  std::optional<std::string> result;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((a.kind_index() == I
                ? (result = run_typed(static_cast<const resource_action<typename kind_types<World, I>::key_type,
                                                                         typename kind_types<World, I>::resource>&>(a),
                                      act),
                   true)
                : false) ||
           ...);
  }(std::make_index_sequence<kind_count<World>()>{});
  return result;
}

}  // namespace detail
}  // namespace reconcile
