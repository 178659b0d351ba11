// reconcile/options.hpp — the knobs of reconcile::controller; every field has a default that
// suits an in-process loop (no global rate limit, no resync unless asked, no drain on stop,
// no reconcile timeout).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/priority.hpp>
#include <reconcile/rate_limit.hpp>

#include <chrono>
#include <cstdint>

namespace reconcile {

/// options: configuration of a controller, copied at construction.
struct options {
  /// clock: where time comes from and workers sleep; null = real_clock (steady). A manual_clock
  /// makes every delay deterministic. Must outlive the controller.
  reconcile::clock* clock = nullptr;

  /// workers: threads run() uses (0 counts as 1). step() always runs on the calling thread.
  unsigned workers = 1;

  /// Per-key exponential backoff (client-go defaults): failure n waits
  /// backoff_base * 2^(n-1), capped at backoff_max; done() and requeue_after() reset n.
  duration backoff_base = std::chrono::milliseconds(5);
  duration backoff_max = std::chrono::seconds(1000);
  /// backoff_jitter: in [0, 1]; each backoff is shortened by up to this fraction (0 = exact).
  double backoff_jitter = 0.0;

  /// bucket: a global token bucket on retries (qps 0 = off). The delay of a retry is the max of
  /// the backoff and the bucket's wait. client_go_bucket = {10 qps, burst 100}.
  bucket_rate bucket{};

  /// resync_period: the level trigger. With a lister (controller::set_lister), every listed key
  /// is enqueued at resync_priority on the first step()/run() and then every period, each
  /// period stretched by a random factor in [1 - resync_jitter, 1 + resync_jitter]. Zero: the
  /// lister runs once, at start. A resync never moves a pending run earlier.
  duration resync_period = duration::zero();
  double resync_jitter = 0.1;
  reconcile::priority resync_priority = reconcile::priority::low;

  /// priority_ageing: how much waiting one priority level is worth. Among due items a
  /// low-priority one sorts as if it became due this much later, so it runs before any normal
  /// item that becomes due after that: low priority is delayed, never starved.
  /// duration::max() gives strict priorities.
  duration priority_ageing = std::chrono::seconds(1);

  /// seed: the seed of the jitter generator; 0 = a different seed per controller.
  std::uint64_t seed = 0;

  /// drain_on_stop: after run()'s stop, keep running items that are due (until none is due or
  /// shutdown_timeout passes) instead of only finishing the ones in flight.
  bool drain_on_stop = false;
  /// shutdown_timeout: real time the drain may take after stop; in-flight reconciles are
  /// always waited for (use the std::stop_token a reconciler may take to cut them short).
  duration shutdown_timeout = std::chrono::seconds(30);

  /// reconcile_timeout: the clock time one reconcile may take (zero = no limit). Past it, the
  /// reconcile's stop_token (run_context::stop_token(), or the stop_token overload's) is
  /// stopped and metrics().timeouts counts it; the reconcile's own result still stands (return
  /// retry() when cut short). Costs a watchdog thread per controller, started on the first
  /// step() or run(); with a manual_clock the timeout fires when advance() passes it.
  duration reconcile_timeout = duration::zero();
};

}  // namespace reconcile
