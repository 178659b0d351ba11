// Calling the actuator for one typed action, and the checks that an actuator serves a kind.
// Part of execute.hpp.
#pragma once

#include <reconcile/plan.hpp>
#include <reconcile/report.hpp>

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

namespace detail {

inline outcome describe(const action& a) {
  outcome o;
  o.verb = a.verb();
  o.kind = std::string(a.kind());
  o.key = a.key_text();
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

// What an actuator call may return: void, std::error_code, or something testable as bool.
template <class Ret>
concept actuator_result = std::is_void_v<Ret> || std::is_same_v<std::remove_cvref_t<Ret>, std::error_code> ||
                          std::is_constructible_v<bool, Ret>;

// Each call may take the action as a last argument (`create(key, desired, const action&)`),
// e.g. to pass its idempotency_id() on as a request id; the plain form is used otherwise.
template <class A, class K, class R>
concept has_create = requires(A& a, const K& k, const R& r, const action& x) { a.create(k, r, x); } ||
                     requires(A& a, const K& k, const R& r) { a.create(k, r); };
template <class A, class K, class R>
concept has_update =
    requires(A& a, const K& k, const R& r, const changeset<R>& cs, const action& x) { a.update(k, r, r, cs, x); } ||
    requires(A& a, const K& k, const R& r, const changeset<R>& cs) { a.update(k, r, r, cs); };
template <class A, class K, class R>
concept has_remove = requires(A& a, const K& k, const R& r, const action& x) { a.remove(k, r, x); } ||
                     requires(A& a, const K& k, const R& r) { a.remove(k, r); };
template <class A, class K, class R>
concept has_replace = requires(A& a, const K& k, const R& r, const action& x) { a.replace(k, r, r, x); } ||
                      requires(A& a, const K& k, const R& r) { a.replace(k, r, r); };

template <class A, class K, class R>
decltype(auto) call_create(A& a, const K& k, const R& desired, const action& x) {
  if constexpr (requires { a.create(k, desired, x); }) return a.create(k, desired, x);
  else return a.create(k, desired);
}
template <class A, class K, class R>
decltype(auto) call_update(A& a, const K& k, const R& observed, const R& desired, const changeset<R>& cs,
                           const action& x) {
  if constexpr (requires { a.update(k, observed, desired, cs, x); }) return a.update(k, observed, desired, cs, x);
  else return a.update(k, observed, desired, cs);
}
template <class A, class K, class R>
decltype(auto) call_remove(A& a, const K& k, const R& observed, const action& x) {
  if constexpr (requires { a.remove(k, observed, x); }) return a.remove(k, observed, x);
  else return a.remove(k, observed);
}
template <class A, class K, class R>
decltype(auto) call_replace(A& a, const K& k, const R& observed, const R& desired, const action& x) {
  if constexpr (requires { a.replace(k, observed, desired, x); }) return a.replace(k, observed, desired, x);
  else return a.replace(k, observed, desired);
}

template <class A, class K, class R>
consteval bool results_fit() {
  using X = const action&;
  using KR = const K&;
  using RR = const R&;
  bool ok = actuator_result<decltype(call_create(std::declval<A&>(), std::declval<KR>(), std::declval<RR>(),
                                                 std::declval<X>()))> &&
            actuator_result<decltype(call_update(std::declval<A&>(), std::declval<KR>(), std::declval<RR>(),
                                                 std::declval<RR>(), std::declval<const changeset<R>&>(),
                                                 std::declval<X>()))> &&
            actuator_result<decltype(call_remove(std::declval<A&>(), std::declval<KR>(), std::declval<RR>(),
                                                 std::declval<X>()))>;
  if constexpr (has_replace<A, K, R>)
    ok = ok && actuator_result<decltype(call_replace(std::declval<A&>(), std::declval<KR>(), std::declval<RR>(),
                                                     std::declval<RR>(), std::declval<X>()))>;
  return ok;
}

template <class A, class K, class R>
concept actuator_of = has_create<A, K, R> && has_update<A, K, R> && has_remove<A, K, R> && results_fit<A, K, R>();

// The first kind of World the actuator A cannot serve; npos if none.
template <class World, class A>
consteval std::size_t first_unserved_kind() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t bad = npos;
    ((bad == npos && world_kind<World, I>::is_kind &&
              !actuator_of<A, typename kind_types<World, I>::key_type, typename kind_types<World, I>::resource>
          ? (bad = I)
          : 0),
     ...);
    return bad;
  }(std::make_index_sequence<world_field_count<World>()>{});
}

// Instantiated only for the first resource type the actuator cannot serve: the compiler's
// note "in instantiation of check_actuator<Actuator, Key, Resource>" names it. Exactly one
// assertion fires: the first missing call.
template <class Actuator, class Key, class Resource>
consteval bool check_actuator() {
  if constexpr (!has_create<Actuator, Key, Resource>)
    static_assert(has_create<Actuator, Key, Resource>,
                  "reconcile::execute: the actuator lacks create(const Key& key, const Resource& desired) for the "
                  "Resource named in check_actuator<Actuator, Key, Resource>");
  else if constexpr (!has_update<Actuator, Key, Resource>)
    static_assert(has_update<Actuator, Key, Resource>,
                  "reconcile::execute: the actuator lacks update(const Key& key, const Resource& observed, const "
                  "Resource& desired, const reconcile::changeset<Resource>& changes) for the Resource named in "
                  "check_actuator<Actuator, Key, Resource> (each call may also take a last const reconcile::action&)");
  else if constexpr (!has_remove<Actuator, Key, Resource>)
    static_assert(has_remove<Actuator, Key, Resource>,
                  "reconcile::execute: the actuator lacks remove(const Key& key, const Resource& observed) for the "
                  "Resource named in check_actuator<Actuator, Key, Resource> (each call may also take a last const "
                  "reconcile::action&)");
  else
    static_assert(results_fit<Actuator, Key, Resource>(),
                  "reconcile::execute: an actuator call for the Resource named in check_actuator<Actuator, Key, "
                  "Resource> returns neither void, bool (false = failure) nor std::error_code");
  return true;
}

template <class K, class R, class A>
std::optional<std::string> run_typed(const resource_action<K, R>& a, A& act) {
  switch (a.verb()) {
    case verb::create: return outcome_of([&] { return call_create(act, a.key(), a.desired(), a); });
    case verb::update:
      return outcome_of([&] { return call_update(act, a.key(), a.observed(), a.desired(), a.changes(), a); });
    case verb::remove: return outcome_of([&] { return call_remove(act, a.key(), a.observed(), a); });
    case verb::replace:
      if constexpr (has_replace<A, K, R>) {
        return outcome_of([&] { return call_replace(act, a.key(), a.observed(), a.desired(), a); });
      } else {
        auto create = [&] { return outcome_of([&] { return call_create(act, a.key(), a.desired(), a); }); };
        auto remove = [&] { return outcome_of([&] { return call_remove(act, a.key(), a.observed(), a); }); };
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

// Runs one action of a plan<World> on the actuator, dispatching on its kind at run time.
template <class World, class A>
std::optional<std::string> run_action(const action& a, A& act) {
  std::optional<std::string> result;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)(([&] {
             if constexpr (world_kind<World, I>::is_kind) {
               if (a.kind_index() != I) return false;
               using T = kind_types<World, I>;
               result = run_typed(static_cast<const resource_action<typename T::key_type, typename T::resource>&>(a),
                                  act);
               return true;
             } else {
               return false;
             }
           }()) ||
           ...);
  }(std::make_index_sequence<world_field_count<World>()>{});
  return result;
}

}  // namespace detail
}  // namespace reconcile
