// reconcile/execute.hpp - running a plan on an actuator, with dependency-aware skipping,
// Kubernetes-style expectations and bounded parallelism.
//
// The actuator has, for each resource type R with key type K (failure: an exception, a
// `false`, or a non-zero std::error_code; void means success):
//   create(const K&, const R& desired)
//   update(const K&, const R& observed, const R& desired, const changeset<R>&)
//   remove(const K&, const R& observed)
//   replace(const K&, const R& observed, const R& desired)   // optional
// Each may take the action as an extra last argument, `const reconcile::action&`, e.g. to pass
// its idempotency_id() on as a request id (a replace run as remove + create passes the replace).
// Without replace(), a replace runs remove then create (create first under
// create_before_destroy). An action runs only if the actions it depends on succeeded:
// creates/updates/replaces of kind i depend on those of earlier kinds; removes of kind i on
// the removes of later kinds. The dependents of a failure are skipped. With expectations, an
// action on a resource whose earlier action is still in flight is not issued (`expected` when
// identical, `held` otherwise; neither blocks its dependents).
//
//   auto report = reconcile::execute(plan, cloud);
//   if (!report.ok()) fmt::print("{}\n", report);   // one line per action, then the counts
#pragma once

#include <reconcile/detail/execute_impl.hpp>
#include <reconcile/expectations.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/report.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace reconcile {

/// execute_options: expectations to honour (none by default: see reconcile::expectations;
/// with them, an action on a resource whose earlier action is still in flight is not issued:
/// its outcome is `expected` when identical, else `held`, with the reason) and how many actions of one
/// wave (consecutive actions of one kind and phase: they never depend on each other) may run
/// at once. Default 1: sequential on the calling thread, the actuator needs no locking; above 1
/// a wave of w actions runs on min(parallelism, w) threads (the caller's and new ones) and the
/// actuator must be thread-safe. Waves still run one after another.
struct execute_options {
  expectations* expect = nullptr;
  std::size_t parallelism = 1;
};

/// execute(p, actuator, options = {}): runs the plan's actions in order on the actuator.
/// Returns the report of every action's outcome; report.ok() when none failed or was skipped.
/// Never throws for an actuator failure (it is reported); costs one actuator call per action
/// (two for a replace without replace()).
template <class World, class Actuator>
report execute(const plan<World>& p, Actuator& actuator, const execute_options& options = {}) {
  constexpr std::size_t unserved = detail::first_unserved_kind<World, Actuator>();
  report r;
  if constexpr (unserved != detail::npos) {
    using T = detail::kind_types<World, unserved>;
    static_assert(detail::check_actuator<Actuator, typename T::key_type, typename T::resource>());
    return r;
  } else {
    if (options.expect) options.expect->observe(p);
    const std::size_t n = p.size();
    r.outcomes.reserve(n);
    for (const action& a : p) r.outcomes.push_back(detail::describe(a));
    // Per kind and phase: the address of the failure that blocks its dependents.
    constexpr std::size_t kinds = detail::world_field_count<World>();
    std::vector<std::optional<std::string>> build_failure(kinds), destroy_failure(kinds);
    std::size_t i = 0;
    while (i < n) {
      // A wave: consecutive actions of one kind and one phase.
      const std::size_t k = p[i].kind_index();
      const bool destroy = p[i].verb() == verb::remove;
      std::size_t j = i;
      while (j < n && p[j].kind_index() == k && (p[j].verb() == verb::remove) == destroy) ++j;
      const std::string* blocker = nullptr;
      if (destroy) {
        for (std::size_t m = k + 1; m < kinds && !blocker; ++m)
          if (destroy_failure[m]) blocker = &*destroy_failure[m];
      } else {
        for (std::size_t m = 0; m < k && !blocker; ++m)
          if (build_failure[m]) blocker = &*build_failure[m];
      }
      auto run_one = [&](std::size_t idx) {
        const action& a = p[idx];
        outcome& o = r.outcomes[idx];
        if (blocker) {
          o.status = outcome_status::skipped;
          o.error = "depends on " + *blocker + ", which failed";
          return;
        }
        if (options.expect) {
          switch (detail::expect_access::admit(*options.expect, a, o.error)) {
            case detail::admission::go: break;
            case detail::admission::expected: o.status = outcome_status::expected; return;
            case detail::admission::held: o.status = outcome_status::held; return;
          }
        }
        if (auto err = detail::run_action<World>(a, actuator)) {
          o.status = outcome_status::failed;
          o.error = std::move(*err);
          if (options.expect) detail::expect_access::fail(*options.expect, a);
        } else {
          o.status = outcome_status::succeeded;
          if (options.expect) detail::expect_access::confirm(*options.expect, a);
        }
      };
      const std::size_t width = std::min(std::max<std::size_t>(1, options.parallelism), j - i);
      if (width == 1) {
        for (std::size_t idx = i; idx < j; ++idx) run_one(idx);
      } else {
        std::atomic<std::size_t> next{i};
        auto worker = [&] {
          for (std::size_t idx; (idx = next.fetch_add(1)) < j;) run_one(idx);
        };
        std::vector<std::jthread> threads;
        threads.reserve(width - 1);
        for (std::size_t t = 1; t < width; ++t) threads.emplace_back(worker);
        worker();
      }  // the threads join here
      for (std::size_t idx = i; idx < j; ++idx) {
        const outcome& o = r.outcomes[idx];
        if (o.status == outcome_status::failed || o.status == outcome_status::skipped) {
          (destroy ? destroy_failure : build_failure)[k] = blocker ? *blocker : o.address;
          break;
        }
      }
      i = j;
    }
    return r;
  }
}

}  // namespace reconcile
