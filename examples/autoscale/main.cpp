// Continuous control with reconcile::control, on a simulated clock and seeded noise:
//  1. an HPA-style autoscaler sizes a worker pool from a noisy load signal; its replica count
//     is a desired state that plan_for/execute apply, one reconcile every 15 s through step();
//  2. a PID loop holds a queue's latency at 80 ms by adding capacity, every 100 ms;
//  3. a reconciler restarts the pool or sheds load on a blipping health probe, every 15 s.
// Each runs twice on the same noise: with the filters (tolerance, stabilisation windows, rate
// policies and a staleness check; the derivative's low-pass and a slew limit; the debounce,
// hysteresis and stale_after rules through observation_filter) and without.
//
//   autoscale [--svg file]           prints the figures, writes the chart (autoscale.svg)
//   autoscale --check [--svg file]   also checks settling, overshoot and flapping; exit 1 if not met
#include "chart.hpp"
#include "simulation.hpp"

#include <reconcile/control.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <fstream>

using namespace autoscale;
using namespace std::chrono_literals;
namespace control = reconcile::control;

struct scaling_run {
  std::vector<std::pair<double, double>> replicas;  // (minute, workers)
  int changes = 0, stationary_changes = 0, stale_skips = 0;
};

// One hour of load; the autoscaler's count reaches the pool through plan_for and execute.
scaling_run scale(const control::autoscaler_options& o, bool check_staleness) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  load_signal load(2024);
  worker_pool pool;
  for (int i = 0; i < 8; ++i) pool.start(worker_name(i), clock.now());
  control::autoscaler scaler(o);
  scaling_run run;
  reconcile::time_point sampled_at{};
  double sample = 0;
  reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
    const double minute = std::chrono::duration<double>(clock.now().time_since_epoch()).count() / 60;
    if (minute < 33 || minute >= 35) sampled_at = clock.now(), sample = load.sample(minute);  // 33-35: stalled
    const auto later = control::requeue_if_stale(sampled_at, clock.now(), 60s, 15s);
    if (check_staleness && later) {
      ++run.stale_skips;
      return *later;  // do not act on a sample older than 60 s: look again in 15 s
    }
    const auto metrics = pool.metrics(sample, clock.now(), load.rng());
    const auto decision = scaler.recommend(static_cast<std::int32_t>(pool.size()), metrics, clock.now());
    const auto plan = reconcile::plan_for(pool.observe(), pool_of(decision.replicas));
    pool_actuator actuator{pool, clock.now()};
    if (!plan.empty() && reconcile::execute(plan, actuator).ok()) {
      ++run.changes;
      const bool settled_load = (minute >= 5 && minute < 20) || (minute >= 27 && minute < 40) || minute >= 50;
      run.stationary_changes += settled_load ? 1 : 0;
    }
    run.replicas.push_back({minute, static_cast<double>(pool.size())});
    return reconcile::result::requeue_after(15s);
  });
  ctl.notify("pool");
  for (int pass = 0; pass < 240; ++pass, clock.advance(15s)) ctl.step();
  return run;
}

struct pid_run {
  std::vector<std::pair<double, double>> measured, latency, capacity;
  double settling = 0, overshoot = 0, recovery = 0, travel = 0;
};

// 300 s of the latency loop: the setpoint is 80 ms from 150 ms at rest; the load surges at 150 s.
pid_run hold_latency(const control::pid_options& o) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  queue_process queue(7);
  control::pid loop(o);
  pid_run run;
  double last = 0;
  reconcile::controller<std::string> ctl(opts, [&](const std::string&) {
    const double t = std::chrono::duration<double>(clock.now().time_since_epoch()).count();
    const double measured = queue.measure();
    const double u = loop.update(80, measured, clock.now());
    queue.advance(u, t, 0.1);
    run.measured.push_back({t, measured});
    run.latency.push_back({t, queue.latency()});
    run.capacity.push_back({t, u});
    run.travel += std::fabs(u - last);
    last = u;
    if (std::fabs(queue.latency() - 80) > 3.5) (t < 150 ? run.settling : run.recovery) = t;  // 5 % of the 70 ms step
    if (t < 150) run.overshoot = std::max(run.overshoot, (80 - queue.latency()) / 70 * 100);
    return reconcile::result::requeue_after(100ms);
  });
  ctl.notify("latency");
  for (int pass = 0; pass < 3000; ++pass, clock.advance(100ms)) ctl.step();
  run.recovery = std::max(0.0, run.recovery - 150);
  return run;
}

struct health_run {
  int restarts = 0, sheds = 0;  // times the reconciler started to act (flaps)
  int stale_skips = 0;
};

// One hour of probes, every 15 s; the probe stalls from 33 to 35 min (its reading gets old).
health_run watch_health(bool filtered) {
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  health_probe probe(11);
  control::observation_filter<Health> filter;
  const Health desired;
  Health observed;
  health_run run;
  bool restarting = false, shedding = false;
  reconcile::controller<std::string> ctl(opts, [&](const std::string&, const reconcile::run_context& ctx) {
    const double minute = std::chrono::duration<double>(ctx.started().time_since_epoch()).count() / 60;
    if (minute < 33 || minute >= 35) observed = probe.sample(minute, ctx.started());
    const Health& seen = filtered ? filter.observe(observed, desired, ctx.started()) : observed;
    run.stale_skips += filter.stale() ? 1 : 0;
    const bool restart = !reconcile::equal(seen.phase, desired.phase);
    const bool shed = !reconcile::equal(seen, desired) && !restart;  // the p99, by its tolerance
    run.restarts += restart && !restarting ? 1 : 0;
    run.sheds += shed && !shedding ? 1 : 0;
    restarting = restart, shedding = shed;
    if (auto later = filter.requeue(15s)) return *later;  // stale, or a difference held back
    return reconcile::result::requeue_after(15s);
  });
  ctl.notify("health");
  for (int pass = 0; pass < 240; ++pass, clock.advance(15s)) ctl.step();
  return run;
}

int main(int argc, char** argv) {
  bool check = false;
  std::string svg = "autoscale.svg";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check") check = true;
    else if (a == "--svg" && i + 1 < argc) svg = argv[++i];
  }
  // Filtered: the HPA's defaults (10 % tolerance, 300 s scale-down window, rate policies).
  control::autoscaler_options hpa;
  hpa.target = 100;  // requests/s per worker
  hpa.min_replicas = 2;
  hpa.max_replicas = 30;
  control::autoscaler_options raw = hpa;  // the formula alone: no tolerance, windows or rates
  raw.tolerance = 0;
  raw.scale_down = control::scaling_rules{}.with({control::policy_unit::percent, 100, 15s});
  raw.scale_up = control::scaling_rules{}.with({control::policy_unit::pods, 1000, 15s});
  const scaling_run filtered = scale(hpa, true), unfiltered = scale(raw, false);

  control::pid_options tuned;
  tuned.gains = {.kp = 0.8, .ki = 0.2, .kd = 0.2};
  tuned.action = control::pid_action::reverse;  // more capacity, less latency
  tuned.output_min = 0;
  tuned.output_max = 100;
  tuned.derivative_filter = 1.0;  // s
  tuned.slew_rate = 60;           // capacity units per second
  control::pid_options bare = tuned;
  bare.derivative_filter = 0;
  bare.slew_rate = std::numeric_limits<double>::infinity();
  const pid_run smooth = hold_latency(tuned), rough = hold_latency(bare);
  const health_run watched = watch_health(true), raw_health = watch_health(false);

  fmt::print("worker pool, 1 h of noisy load (800 -> 1600 -> 600 req/s, target 100 req/s per worker):\n");
  fmt::print("                          scale changes  under stationary load  stale passes skipped\n");
  fmt::print("  with filters            {:13}  {:21}  {:20}\n", filtered.changes, filtered.stationary_changes, filtered.stale_skips);
  fmt::print("  without                 {:13}  {:21}  {:20}\n", unfiltered.changes, unfiltered.stationary_changes, 0);
  fmt::print("queue latency held at 80 ms by a PID (from 150 ms at rest; load surge at 150 s):\n");
  fmt::print("                          settling (5 %)  overshoot  surge recovery  output travel\n");
  fmt::print("  with filters            {:12.1f} s  {:8.1f} %  {:12.1f} s  {:13.0f}\n", smooth.settling, smooth.overshoot, smooth.recovery, smooth.travel);
  fmt::print("  without                 {:12.1f} s  {:8.1f} %  {:12.1f} s  {:13.0f}\n", rough.settling, rough.overshoot, rough.recovery, rough.travel);
  fmt::print("health probe every 15 s for 1 h (phase blips; real: p99 at 10-15 min, degraded at 45-50 min):\n");
  fmt::print("                          restarts begun  load sheds begun  stale passes skipped\n");
  fmt::print("  with filters            {:14}  {:16}  {:20}\n", watched.restarts, watched.sheds, watched.stale_skips);
  fmt::print("  without                 {:14}  {:16}  {:20}\n", raw_health.restarts, raw_health.sheds, 0);

  std::vector<std::pair<double, double>> needed, setpoint{{0, 80}, {300, 80}};
  for (double m = 0; m < 60; m += 0.25) needed.push_back({m, load_signal::mean(m) / hpa.target});
  std::ofstream(svg) << render_svg(
      {{"Queue latency held by the PID (with filters)", "time (s)", "latency (ms)", "capacity",
        {{"measured", "#bbb", smooth.measured}, {"latency", "#1f77b4", smooth.latency},
         {"setpoint", "#d62728", setpoint, false, true}, {"capacity (right)", "#2ca02c", smooth.capacity, true}}},
       {"The same loop without the derivative filter and slew limit", "time (s)", "latency (ms)", "capacity",
        {{"measured", "#bbb", rough.measured}, {"latency", "#1f77b4", rough.latency},
         {"setpoint", "#d62728", setpoint, false, true}, {"capacity (right)", "#2ca02c", rough.capacity, true}}},
       {"Worker pool: replicas", "time (min)", "workers", "",
        {{"load / target", "#d62728", needed, false, true}, {"with filters", "#1f77b4", filtered.replicas},
         {"without", "#ff7f0e", unfiltered.replicas}}}});
  fmt::print("chart: {}\n", svg);

  if (!check) return 0;
  int failed = 0;
  auto expect = [&](bool ok, const std::string& what) {
    fmt::print("check: {} ... {}\n", what, ok ? "ok" : "FAILED");
    failed += ok ? 0 : 1;
  };
  expect(filtered.stationary_changes <= 3, "no flapping: <= 3 scale changes under stationary load");
  expect(unfiltered.stationary_changes > 3 * std::max(1, filtered.stationary_changes), "the unfiltered pool flaps");
  expect(smooth.settling <= 20, "settles within 20 s");
  expect(smooth.overshoot <= 10, "overshoot <= 10 %");
  expect(smooth.recovery <= 25, "recovers from the surge within 25 s");
  expect(watched.restarts == 1 && watched.sheds == 1, "the filtered probe acts once on each real event");
  expect(raw_health.restarts > 5 && raw_health.sheds > 5, "the raw probe flaps");
  return failed == 0 ? 0 : 1;
}
