// reconcile/metrics.hpp — the controller's metrics snapshot, its Prometheus rendering and its
// fmt formatter (fmt::print("{}", ctl.metrics()): three lines of text).
//
// Names and meanings follow controller-runtime (controller_runtime_*) and client-go's
// workqueue (workqueue_*), under one prefix; time_to_converge is ours. Rendered with
// to_prometheus(m, "reconcile") (text exposition format 0.0.4):
//   reconcile_reconcile_total{result="success"|"error"|"requeue_after"|"requeue"|"terminal"}
//   reconcile_reconcile_errors_total              counter  error + terminal results
//   reconcile_terminal_reconcile_errors_total     counter  terminal results
//   reconcile_reconcile_panics_total              counter  reconciles that threw
//   reconcile_reconcile_timeouts_total            counter  reconciles past reconcile_timeout
//   reconcile_notifies_after_stop_total           counter  notifies while run() was stopped
//   reconcile_reconcile_time_seconds              histogram  duration of the reconcile call
//   reconcile_time_to_converge_seconds            histogram  first notify after the key was
//                                                 last done -> its next done()
//   reconcile_active_workers, reconcile_max_concurrent_reconciles                gauges
//   reconcile_workqueue_depth                     gauge    due items waiting for a worker
//   reconcile_workqueue_delayed                   gauge    items waiting for their time
//   reconcile_workqueue_adds_total                counter  runs scheduled (not deduped)
//   reconcile_workqueue_resync_adds_total         counter  of which by a resync
//   reconcile_workqueue_deduplicated_total        counter  notifies merged into a pending run
//   reconcile_resync_passes_total                 counter  runs of the lister
//   reconcile_workqueue_next_due_seconds          gauge    until the next delayed item (+Inf)
//   reconcile_workqueue_retries_total             counter  backoff re-adds
//   reconcile_workqueue_queue_duration_seconds    histogram  due -> started
//   reconcile_workqueue_work_duration_seconds     histogram  started -> done
//   reconcile_workqueue_unfinished_work_seconds   gauge    sum of in-flight run times
//   reconcile_workqueue_longest_running_processor_seconds  gauge
// All histograms share client-go's workqueue buckets: 1e-8 s .. 1e3 s, times 10.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_prometheus.hpp>

#include <fmt/core.h>

#include <array>
#include <chrono>
#include <limits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reconcile {

/// histogram: fixed buckets, no allocation; observe() is O(12).
struct histogram {
  static constexpr std::size_t size = 12;
  /// bounds: the upper bounds (le) of the buckets, in seconds; +Inf is implied.
  static constexpr std::array<double, size> bounds{1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3,
                                                   1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3};
  std::array<std::uint64_t, size> buckets{};  // observations per bucket (not cumulative)
  std::uint64_t count = 0;                    // all observations, +Inf included
  double sum = 0.0;                           // sum of the observed seconds

  /// observe(seconds): records one observation.
  void observe(double seconds) noexcept {
    ++count;
    sum += seconds;
    for (std::size_t i = 0; i < size; ++i)
      if (seconds <= bounds[i]) {
        ++buckets[i];
        return;
      }
  }
  /// cumulative(i): observations <= bounds[i], as Prometheus' le buckets count them.
  std::uint64_t cumulative(std::size_t i) const noexcept {
    std::uint64_t c = 0;
    for (std::size_t j = 0; j <= i && j < size; ++j) c += buckets[j];
    return c;
  }
};

/// metrics: a consistent snapshot of one controller, returned by controller::metrics().
struct metrics {
  /// reconcile_total by result
  std::uint64_t reconcile_success = 0;        // done()
  std::uint64_t reconcile_error = 0;          // retry() or an exception
  std::uint64_t reconcile_requeue_after = 0;  // requeue_after(d)
  std::uint64_t reconcile_terminal = 0;       // terminal(msg)
  std::uint64_t reconcile_requeue = 0;        // requeue()
  std::uint64_t errors = 0;                   // reconcile_errors_total: error + terminal
  std::uint64_t exceptions = 0;               // reconcile_panics_total: reconciles that threw
  std::uint64_t timeouts = 0;                 // reconciles whose reconcile_timeout passed
  std::uint64_t notifies_after_stop = 0;      // notifies between a run()'s stop and the next run()
  histogram reconcile_time;                   // seconds in the reconcile call
  histogram time_to_converge;                 // first notify since last done -> next done
  std::size_t active_workers = 0;             // reconciles running now
  std::size_t max_concurrent = 0;             // options::workers
  /// workqueue
  std::size_t depth = 0;                      // due items waiting for a worker
  std::size_t delayed = 0;                    // items waiting for their due time
  std::uint64_t adds = 0;                     // runs scheduled: edge_adds + resync_adds
  std::uint64_t edge_adds = 0;                // by notify() / notify_after()
  std::uint64_t resync_adds = 0;              // by a resync pass of the lister
  std::uint64_t deduplicated = 0;             // notifies (edge or resync) merged into a pending run
  std::uint64_t resync_passes = 0;            // runs of the lister
  std::uint64_t retries = 0;                  // failures re-added with a backoff
  histogram queue_duration;                   // seconds from due to started
  histogram work_duration;                    // seconds from started to done
  double unfinished_work_seconds = 0.0;       // sum over running reconciles of their age
  double longest_running_seconds = 0.0;       // age of the oldest running reconcile
  time_point next_due = time_point::max();    // due time of the earliest delayed item
  time_point taken_at{};                      // the clock's time of this snapshot

  /// reconciles(): every finished reconcile, whatever its result.
  std::uint64_t reconciles() const noexcept {
    return reconcile_success + reconcile_error + reconcile_requeue_after + reconcile_requeue + reconcile_terminal;
  }
  /// next_due_seconds(): seconds from taken_at to next_due (+Inf when nothing is delayed).
  double next_due_seconds() const noexcept {
    if (next_due == time_point::max()) return std::numeric_limits<double>::infinity();
    return next_due <= taken_at ? 0.0 : std::chrono::duration<double>(next_due - taken_at).count();
  }
};

/// to_prometheus(out, m, prefix, controller): appends m in the Prometheus text format; metric
/// names are prefix_name (prefix sanitised to [a-zA-Z0-9_:]); a non-empty controller adds the
/// label controller="...". About 3 KB of text; allocates only to grow out.
inline void to_prometheus(std::string& out, const metrics& m, std::string_view prefix = "reconcile",
                          std::string_view controller = {}) {
  detail::prom_writer w{out, prefix, controller};
  w.counter_by_result("reconcile_total", "Total number of reconciliations per controller and result.",
                      {m.reconcile_success, m.reconcile_error, m.reconcile_requeue_after, m.reconcile_requeue,
                       m.reconcile_terminal});
  w.counter("reconcile_errors_total", "Total number of reconciliation errors per controller.", m.errors);
  w.counter("terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller.",
            m.reconcile_terminal);
  w.counter("reconcile_panics_total", "Total number of reconciliations that threw an exception.", m.exceptions);
  w.counter("reconcile_timeouts_total", "Total number of reconciliations that ran past reconcile_timeout.",
            m.timeouts);
  w.counter("notifies_after_stop_total", "Total number of notifies received while run() was stopped.",
            m.notifies_after_stop);
  w.counter("resync_passes_total", "Total number of resync passes of the key lister.", m.resync_passes);
  w.hist("reconcile_time_seconds", "Length of time per reconciliation per controller.", m.reconcile_time);
  w.hist("time_to_converge_seconds", "Time from the first notify after a key was last done to its next done.",
         m.time_to_converge);
  w.gauge("active_workers", "Number of currently used workers per controller.", double(m.active_workers));
  w.gauge("max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller.",
          double(m.max_concurrent));
  w.gauge("workqueue_depth", "Current depth of workqueue.", double(m.depth));
  w.gauge("workqueue_delayed", "Current number of items waiting for their due time.", double(m.delayed));
  w.counter("workqueue_adds_total", "Total number of adds handled by workqueue.", m.adds);
  w.counter("workqueue_resync_adds_total", "Total number of adds made by resync passes.", m.resync_adds);
  w.counter("workqueue_deduplicated_total", "Total number of notifies merged into a pending run.", m.deduplicated);
  w.counter("workqueue_retries_total", "Total number of retries handled by workqueue.", m.retries);
  w.hist("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested.",
         m.queue_duration);
  w.hist("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.",
         m.work_duration);
  w.gauge("workqueue_unfinished_work_seconds",
          "How many seconds of work has been done that is in progress and hasn't been observed by "
          "work_duration.",
          m.unfinished_work_seconds);
  w.gauge("workqueue_longest_running_processor_seconds",
          "How many seconds has the longest running processor for workqueue been running.",
          m.longest_running_seconds);
  w.gauge("workqueue_next_due_seconds", "Seconds until the earliest delayed item is due (+Inf if none).",
          m.next_due_seconds());
}

/// to_prometheus(m, prefix, controller): the same, as a new string.
inline std::string to_prometheus(const metrics& m, std::string_view prefix = "reconcile",
                                 std::string_view controller = {}) {
  std::string out;
  out.reserve(4096);
  to_prometheus(out, m, prefix, controller);
  return out;
}

}  // namespace reconcile

/// fmt::formatter<reconcile::metrics>: three lines (results; queue; workers and times), e.g.
///   reconciles 4: success 1, error 1, requeue_after 1, requeue 0, terminal 1; panics 0, timeouts 0
///   queue: depth 0, delayed 3, adds 5 (edge 5, resync 0), deduplicated 0, resync passes 0, retries 1
///   workers 0/3; reconcile 4 in 0.003 s; queue wait 4 in 0 s; converge 1 in 0.002 s
/// No format spec; works beside <fmt/ranges.h> and <fmt/std.h> (metrics is no range).
template <>
struct fmt::formatter<reconcile::metrics> {
  constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
  template <class Ctx>
  auto format(const reconcile::metrics& m, Ctx& ctx) const {
    auto out = fmt::format_to(ctx.out(),
                              "reconciles {}: success {}, error {}, requeue_after {}, requeue {}, terminal {}; "
                              "panics {}, timeouts {}\n",
                              m.reconciles(), m.reconcile_success, m.reconcile_error, m.reconcile_requeue_after,
                              m.reconcile_requeue, m.reconcile_terminal, m.exceptions, m.timeouts);
    out = fmt::format_to(out,
                         "queue: depth {}, delayed {}, adds {} (edge {}, resync {}), deduplicated {}, "
                         "resync passes {}, retries {}\n",
                         m.depth, m.delayed, m.adds, m.edge_adds, m.resync_adds, m.deduplicated, m.resync_passes,
                         m.retries);
    return fmt::format_to(out, "workers {}/{}; reconcile {} in {:g} s; queue wait {} in {:g} s; converge {} in {:g} s",
                          m.active_workers, m.max_concurrent, m.reconcile_time.count, m.reconcile_time.sum,
                          m.queue_duration.count, m.queue_duration.sum, m.time_to_converge.count,
                          m.time_to_converge.sum);
  }
};
