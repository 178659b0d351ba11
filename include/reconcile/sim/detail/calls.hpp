// What faulty_actuator's calls return for success and for a returned failure, and the copy
// of an action a late or duplicate delivery keeps. Part of sim/actuator.hpp.
#pragma once

#include <reconcile/effect.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/plan.hpp>

#include <memory>
#include <stop_token>
#include <string>
#include <system_error>
#include <type_traits>

namespace reconcile::sim::detail {

// What a call returning Ret says for done, failed and (where Ret can say it) unknown.
template <class Ret>
Ret success() {
  if constexpr (std::is_same_v<Ret, std::error_code>) return {};
  else if constexpr (std::is_same_v<Ret, reconcile::effect>) return reconcile::effect::done;
  else return Ret(true);
}

template <class Ret>
Ret failure() {
  if constexpr (std::is_same_v<Ret, std::error_code>) return std::make_error_code(std::errc::io_error);
  else if constexpr (std::is_same_v<Ret, reconcile::effect>) return reconcile::effect::failed;
  else return Ret(false);
}

// An unknown outcome: returned as effect::unknown where Ret is reconcile::effect, else thrown
// as reconcile::outcome_unknown.
template <class Ret>
Ret unknown(const std::string& why) {
  if constexpr (std::is_same_v<Ret, reconcile::effect>) return reconcile::effect::unknown;
  else throw reconcile::outcome_unknown(why);
}

// The inner actuator's calls, in the first form it has (action and stop token, stop token,
// action, neither), through execute's own dispatch (reconcile::detail::call_with_extras over
// its create_call/update_call/remove_call/replace_call), so the simulator calls an actuator
// exactly as execute does.
using action_ref = const reconcile::action&;
using stop_ref = const std::stop_token&;

template <class A, class K, class R>
decltype(auto) create_on(A& a, const K& k, const R& d, action_ref x, stop_ref st) {
  reconcile::detail::create_call<K, R> call{k, d};
  return reconcile::detail::call_with_extras(call, a, x, st);
}
template <class A, class K, class R>
decltype(auto) update_on(A& a, const K& k, const R& o, const R& d, const changeset<R>& cs, action_ref x, stop_ref st) {
  reconcile::detail::update_call<K, R> call{k, o, d, cs};
  return reconcile::detail::call_with_extras(call, a, x, st);
}
template <class A, class K, class R>
decltype(auto) remove_on(A& a, const K& k, const R& o, action_ref x, stop_ref st) {
  reconcile::detail::remove_call<K, R> call{k, o};
  return reconcile::detail::call_with_extras(call, a, x, st);
}
template <class A, class K, class R>
concept replaces = reconcile::detail::has_replace<A, K, R>;
template <class A, class K, class R>
decltype(auto) replace_on(A& a, const K& k, const R& o, const R& d, action_ref x, stop_ref st) {
  reconcile::detail::replace_call<K, R> call{k, o, d};
  return reconcile::detail::call_with_extras(call, a, x, st);
}

// copy_action<K, R>(a): an action equal to `a` (same verb, key, resources, changes, ids and
// attempt) that outlives the plan holding `a`. The request id is respelled from the attempt
// with the default request_id_format (a plan made with another format gets other ids).
template <class K, class R>
std::shared_ptr<const reconcile::detail::resource_action<K, R>> copy_action(const reconcile::action& a) {
  auto c = std::make_shared<reconcile::detail::resource_action<K, R>>(
      a.verb(), a.kind(), a.kind_index(), *a.key_as<K>(), a.observed_as<R>(), a.desired_as<R>(),
      a.create_before_destroy());
  if (const changeset<R>* cs = a.changes_as<R>()) c->changes_slot() = *cs;
  reconcile::detail::action_access::attempt(*c, a.attempt(), reconcile::request_id_format{});
  return c;
}

}  // namespace reconcile::sim::detail
