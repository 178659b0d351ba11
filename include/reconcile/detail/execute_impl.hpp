// Calling the actuator for one typed action, and the checks that an actuator serves a kind.
// Part of execute.hpp.
#pragma once

#include <reconcile/effect.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/report.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace reconcile {

namespace detail {

inline outcome describe(const action& a, std::size_t index) {
  outcome o;
  o.verb = a.verb();
  o.kind = std::string(a.kind());
  o.key = a.key_text();
  o.address = a.address();
  o.idempotency_key = a.idempotency_key();
  o.request_id = a.request_id();
  o.attempt = a.attempt();
  o.index = index;
  o.source = &a;
  return o;
}

// What one actuator call did: its effect and, unless done, the text why. `removed_only`: a
// replace run as its remove alone (replace_steps::remove_then_observe): the resource is now
// expected gone, with this target, and the create is left to a later plan.
struct call_result {
  effect what = effect::done;
  std::string text;
  std::unique_ptr<expected_target> removed_only;
};

// How a replace runs on an actuator without replace(): both calls now (remove then create;
// create first under create_before_destroy), or, with expectations, the remove alone: the
// create waits for a plan that observes the resource gone, so a removal that lands late
// cannot delete the new resource.
enum class replace_steps : unsigned char { both_now, remove_then_observe };

// Runs f (given the call's stop token); a failure whose token was stopped meanwhile is unknown.
template <class F>
call_result outcome_of(F&& f, const std::stop_token& stop) {
  call_result r;
#if defined(__cpp_exceptions)
  try {
#endif
    using Ret = decltype(f());
    if constexpr (std::is_void_v<Ret>) {
      f();
    } else if constexpr (std::is_same_v<std::remove_cvref_t<Ret>, effect>) {
      r.what = f();
      if (r.what == effect::failed) r.text = "the actuator returned effect::failed";
      else if (r.what == effect::unknown) r.text = "the actuator returned effect::unknown";
    } else if constexpr (std::is_same_v<std::remove_cvref_t<Ret>, std::error_code>) {
      const std::error_code ec = f();
      if (ec) r = {effect::failed, ec.message(), nullptr};
    } else {
      if (!static_cast<bool>(f())) r = {effect::failed, "the actuator returned false", nullptr};
    }
#if defined(__cpp_exceptions)
  } catch (const outcome_unknown& e) {
    r = {effect::unknown, e.what(), nullptr};
  } catch (const std::exception& e) {
    r = {effect::failed, e.what(), nullptr};
  } catch (...) {
    r = {effect::failed, "unknown exception", nullptr};
  }
#endif
  if (r.what == effect::failed && stop.stop_requested()) {
    r.what = effect::unknown;
    r.text = "stopped in flight (timeout or stop): " + r.text;
  }
  return r;
}

// What an actuator call may return: void, std::error_code, reconcile::effect, or something
// testable as bool.
template <class Ret>
concept actuator_result = std::is_void_v<Ret> || std::is_same_v<std::remove_cvref_t<Ret>, std::error_code> ||
                          std::is_same_v<std::remove_cvref_t<Ret>, effect> || std::is_constructible_v<bool, Ret>;

// Each call may take, after its own arguments, the action (`create(key, desired, const
// action&)`, e.g. to send its request_id()), a std::stop_token (stopped on a timeout or a stop
// of execute), or both in that order; the first form the actuator has, in the order (action,
// stop_token), (stop_token), (action), (), is used. `Call` is a generic lambda taking the
// actuator then the extras (the actuator a parameter, so that a missing member is no error).
template <class Call, class A>
concept extra_action_stop = std::is_invocable_v<Call&, A&, const action&, std::stop_token>;
template <class Call, class A>
concept extra_stop = std::is_invocable_v<Call&, A&, std::stop_token>;
template <class Call, class A>
concept extra_action = std::is_invocable_v<Call&, A&, const action&>;
template <class Call, class A>
concept callable_with_extras =
    extra_action_stop<Call, A> || extra_stop<Call, A> || extra_action<Call, A> || std::is_invocable_v<Call&, A&>;

template <class Call, class A>
decltype(auto) call_with_extras(Call& call, A& act, const action& x, const std::stop_token& st) {
  if constexpr (extra_action_stop<Call, A>) return call(act, x, st);
  else if constexpr (extra_stop<Call, A>) return call(act, st);
  else if constexpr (extra_action<Call, A>) return call(act, x);
  else return call(act);
}

template <class Call, class A>
using extras_result_t = decltype(call_with_extras(std::declval<Call&>(), std::declval<A&>(),
                                                  std::declval<const action&>(), std::declval<const std::stop_token&>()));

// The four calls, as function objects over (actuator, extras...), SFINAE-friendly by their
// return types. (Named types, not lambdas: clang 14 crashes on lambdas in these unevaluated
// uses when the actuator is a class template with lambdas in its members.)
template <class K, class R>
struct create_call {
  const K& k;
  const R& desired;
  template <class Self, class... X>
  auto operator()(Self& self, X&&... extra) const -> decltype(self.create(k, desired, extra...)) {
    return self.create(k, desired, extra...);
  }
};
template <class K, class R>
struct update_call {
  const K& k;
  const R& observed;
  const R& desired;
  const changeset<R>& cs;
  template <class Self, class... X>
  auto operator()(Self& self, X&&... extra) const -> decltype(self.update(k, observed, desired, cs, extra...)) {
    return self.update(k, observed, desired, cs, extra...);
  }
};
template <class K, class R>
struct remove_call {
  const K& k;
  const R& observed;
  template <class Self, class... X>
  auto operator()(Self& self, X&&... extra) const -> decltype(self.remove(k, observed, extra...)) {
    return self.remove(k, observed, extra...);
  }
};
template <class K, class R>
struct replace_call {
  const K& k;
  const R& observed;
  const R& desired;
  template <class Self, class... X>
  auto operator()(Self& self, X&&... extra) const -> decltype(self.replace(k, observed, desired, extra...)) {
    return self.replace(k, observed, desired, extra...);
  }
};

template <class K, class R>
using create_call_t = create_call<K, R>;
template <class K, class R>
using update_call_t = update_call<K, R>;
template <class K, class R>
using remove_call_t = remove_call<K, R>;
template <class K, class R>
using replace_call_t = replace_call<K, R>;

template <class A, class K, class R>
concept has_create = callable_with_extras<create_call_t<K, R>, A>;
template <class A, class K, class R>
concept has_update = callable_with_extras<update_call_t<K, R>, A>;
template <class A, class K, class R>
concept has_remove = callable_with_extras<remove_call_t<K, R>, A>;
template <class A, class K, class R>
concept has_replace = callable_with_extras<replace_call_t<K, R>, A>;

template <class A, class K, class R>
consteval bool results_fit() {
  bool ok = actuator_result<extras_result_t<create_call_t<K, R>, A>> &&
            actuator_result<extras_result_t<update_call_t<K, R>, A>> &&
            actuator_result<extras_result_t<remove_call_t<K, R>, A>>;
  if constexpr (has_replace<A, K, R>) ok = ok && actuator_result<extras_result_t<replace_call_t<K, R>, A>>;
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
                  "Resource> returns neither void, bool (false = failure), std::error_code nor reconcile::effect");
  return true;
}

template <class K, class R, class A>
call_result run_typed(const resource_action<K, R>& a, A& act, const std::stop_token& st, replace_steps steps) {
  auto run = [&](auto call) { return outcome_of([&] { return call_with_extras(call, act, a, st); }, st); };
  switch (a.verb()) {
    case verb::create: return run(create_call<K, R>{a.key(), a.desired()});
    case verb::update: return run(update_call<K, R>{a.key(), a.observed(), a.desired(), a.changes()});
    case verb::remove: return run(remove_call<K, R>{a.key(), a.observed()});
    case verb::replace:
      if constexpr (has_replace<A, K, R>) {
        return run(replace_call<K, R>{a.key(), a.observed(), a.desired()});
      } else {
        auto create = [&] { return run(create_call<K, R>{a.key(), a.desired()}); };
        auto remove = [&] { return run(remove_call<K, R>{a.key(), a.observed()}); };
        if (steps == replace_steps::remove_then_observe && !a.create_before_destroy()) {
          call_result r = remove();
          if (r.what != effect::failed)
            r.removed_only = std::make_unique<expected_of<K, R>>(a.kind_index(), a.key(), std::nullopt);
          return r;
        }
        // The second step runs only if the first is done; an unknown first step ends it too.
        call_result first = a.create_before_destroy() ? create() : remove();
        if (first.what != effect::done) return first;
        return a.create_before_destroy() ? remove() : create();
      }
  }
  return {};
}

// Runs one action of a plan<World> on the actuator, dispatching on its kind at run time.
template <class World, class A>
call_result run_action(const action& a, A& act, const std::stop_token& st, replace_steps steps) {
  call_result result;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)(([&] {
             if constexpr (world_kind<World, I>::is_kind) {
               if (a.kind_index() != I) return false;
               using T = kind_types<World, I>;
               result = run_typed(static_cast<const resource_action<typename T::key_type, typename T::resource>&>(a),
                                  act, st, steps);
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
