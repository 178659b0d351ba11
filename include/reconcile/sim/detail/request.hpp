// The request id the simulated store keys duplicate creates on: the action's request_id()
// (one per attempt on an address: every retry of an attempt carries it; issue #16), or its
// idempotency_id() when the action has none. Part of sim/store.hpp.
#pragma once

#include <reconcile/plan.hpp>

#include <string>

namespace reconcile::sim::detail {

// request_id(a): the id a create is sent with; a retry of one attempt sends the same one.
inline std::string request_id(const reconcile::action& a) {
  return a.request_id().empty() ? a.idempotency_id() : a.request_id();
}

}  // namespace reconcile::sim::detail
