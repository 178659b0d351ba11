// reconcile/format.hpp - every formatter of the core, in one include (kept for programs written
// before the formatters moved beside their types; nothing needs it now).
//
// Each public type prints with fmt as soon as its own header is included:
//   path, change, op, changeset        changeset.hpp (so diff.hpp): one change a line
//   value_ref                          value.hpp
//   plan, action, verb, print(plan)    plan.hpp: Terraform's symbols and summary
//   report, outcome_status             report.hpp (so execute.hpp)
//   metrics, reconcile_id              metrics.hpp, run_context.hpp
// Every one of them also prints with fmt/ranges.h and fmt/std.h included, in either order.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/report.hpp>
