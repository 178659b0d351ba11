// What faulty_actuator's calls return for success and for a returned failure, and the copy
// of an action a late or duplicate delivery keeps. Part of sim/actuator.hpp.
#pragma once

#include <reconcile/plan.hpp>

#include <memory>
#include <system_error>
#include <type_traits>

namespace reconcile::sim::detail {

template <class Ret>
Ret success() {
  if constexpr (std::is_same_v<Ret, std::error_code>) return {};
  else return Ret(true);
}

template <class Ret>
Ret failure() {
  if constexpr (std::is_same_v<Ret, std::error_code>) return std::make_error_code(std::errc::io_error);
  else return Ret(false);
}

// copy_action<K, R>(a): an action equal to `a` (same verb, key, resources, changes, id) that
// outlives the plan holding `a`.
template <class K, class R>
std::shared_ptr<const reconcile::detail::resource_action<K, R>> copy_action(const reconcile::action& a) {
  auto c = std::make_shared<reconcile::detail::resource_action<K, R>>(
      a.verb(), a.kind(), a.kind_index(), *a.key_as<K>(), a.observed_as<R>(), a.desired_as<R>(),
      a.create_before_destroy());
  if (const changeset<R>* cs = a.changes_as<R>()) c->changes_slot() = *cs;
  return c;
}

}  // namespace reconcile::sim::detail
