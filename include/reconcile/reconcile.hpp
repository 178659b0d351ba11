// reconcile/reconcile.hpp - the whole core library (the optional JSON and etcd layers are
// opt-in: include <reconcile/json.hpp> or <reconcile/etcd.hpp>).
#pragma once

// state and diffs
#include <reconcile/apply.hpp>
#include <reconcile/changeset.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/format.hpp>
#include <reconcile/path.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>
// plans
#include <reconcile/effect.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/expectations.hpp>
#include <reconcile/journal.hpp>
#include <reconcile/plan.hpp>
// the loop driver
#include <reconcile/clock.hpp>
#include <reconcile/controller.hpp>
#include <reconcile/keyed_loop.hpp>
#include <reconcile/loop.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/rate_limit.hpp>
#include <reconcile/result.hpp>
