// The request id the simulated store keys duplicate creates on: the action's
// idempotency_id() (one id per kind, verb, key and desired content). Part of sim/store.hpp.
#pragma once

#include <reconcile/plan.hpp>

#include <string>

namespace reconcile::sim::detail {

// request_id(a): the id a create is sent with; a retry of one attempt sends the same one.
inline std::string request_id(const reconcile::action& a) { return a.idempotency_id(); }

}  // namespace reconcile::sim::detail
