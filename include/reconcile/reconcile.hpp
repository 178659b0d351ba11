// reconcile/reconcile.hpp - the whole library: reflect, rules, diff, apply, format.
#pragma once

#include <reconcile/apply.hpp>
#include <reconcile/changeset.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/format.hpp>
#include <reconcile/loop.hpp>
#include <reconcile/path.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>
