// reconcile/control.hpp - the optional control layer: continuous setpoints and noisy observations.
//
//   control/pid.hpp                 pid: PID with anti-windup, slew limit, bumpless manual/auto
//   control/autoscaler.hpp          autoscaler: the Kubernetes HPA's replica count, windows, policies
//   control/filters.hpp             debounced<T>, hysteresis_switch, requeue_if_stale
//   control/observation_filter.hpp  dsl::debounce / hysteresis / stale_after rules and
//                                   observation_filter<T>, which applies them before a plan
//
// Every name is in namespace reconcile::control, except the rules, which join reconcile::dsl.
// Opt-in: reconcile/reconcile.hpp does not include this layer.
#pragma once

#include <reconcile/control/autoscaler.hpp>
#include <reconcile/control/filters.hpp>
#include <reconcile/control/observation_filter.hpp>
#include <reconcile/control/pid.hpp>
