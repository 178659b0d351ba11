// The supervisor's pass over one service, shared by main.cpp (real processes) and
// simulated.cpp (the same pass under reconcile::sim): the service's desired replicas, planned
// against what is observed of it, executed on the actuator, with the supervisor's
// expectations, and the controller's result.
#pragma once

#include <reconcile/reconcile.hpp>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace supervisor {

// One replica of a service: what the plan creates, replaces (command changed) or removes.
struct Replica {
  std::vector<std::string> command;
};
constexpr auto reconcile_rules(reconcile::type_t<Replica>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Replica::command> | immutable);  // new command: new process
}
// The world of one service: its replicas by key ("web/0", "web/1", ...).
struct Replicas {
  std::map<std::string, Replica> replicas;
};

// The controller's options: crash loops wait 0.2 s, 0.4 s, 0.8 s, ... up to 10 s; a resync
// every 3 s.
inline reconcile::options controller_options() {
  using namespace std::chrono_literals;
  reconcile::options o;
  o.backoff_base = 200ms;
  o.backoff_max = 10s;
  o.resync_period = 3s;
  return o;
}

// service_pass: the plan and report of one pass, and the result for the controller.
struct service_pass {
  reconcile::plan<Replicas> plan;
  reconcile::report report;
  reconcile::result next;
};

// pass(service, observed, want, act, expect): plans `observed` against `want` (the whole of
// the service: slice `service`) with the expectations `expect` (a replica just started or
// stopped is not started or stopped again before it is observed: the simulator found the
// supervisor starting replicas twice when its observation lagged) and executes the plan.
// Done when there is nothing to do; retried on a failure; else looked at again in 100 ms to
// confirm (or to start a replaced replica once its old process is observed gone).
template <class Actuator>
service_pass pass(const std::string& service, const Replicas& observed, const Replicas& want, Actuator& act,
                  reconcile::expectations& expect) {
  using namespace std::chrono_literals;
  reconcile::plan_options po;
  po.expect = &expect;
  po.slice = service;
  po.observed = reconcile::observation_scope::whole_slice;
  service_pass p{reconcile::plan_for(observed, want, po), {}, reconcile::result::done()};
  if (p.plan.empty()) return p;
  p.report = reconcile::execute(p.plan, act, {.expect = &expect});
  p.next = p.report.ok() ? reconcile::result::requeue_after(100ms) : reconcile::result::retry();
  return p;
}

}  // namespace supervisor
