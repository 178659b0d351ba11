// reconcile/rules_fwd.hpp - declarations of the rules types, for headers that name them before
// reconcile/rules.hpp defines them (the engine's rule look-up, detail/rule_lookup.hpp). Users
// include reconcile/rules.hpp.
#pragma once

namespace reconcile {

/// rules_t<Entries...>: the rules of a type, built by the DSL (defined in rules.hpp).
template <class... Entries>
struct rules_t;

/// rules_of<T>: rules for T declared from any namespace (defined in rules.hpp).
template <class T>
struct rules_of;

}  // namespace reconcile
