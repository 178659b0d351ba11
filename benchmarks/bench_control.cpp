// The control layer's costs, each beside a hand-written baseline in the same run:
//   pid_update            one PID update on one loop's dependency chain (target <= 10 ns)
//                         vs hand_pid_update (a bare PID) and hand_pid_update_full (the same
//                         features written out); pid_update_64: 64 loops a pass (throughput);
//                         pid_update_jittered_clock: a time step that changes every update
//   autoscaler_recommend  one HPA recommendation with a 5-minute window at 15 s samples
//                         (<= 100 ns)                             vs hand_recommend: the formula,
//                         the tolerance and a max over a 20-sample ring
//   step_filtered         a no-op reconcile through step() (the observation matches desired:
//                         compared, nothing done) that runs observation_filter first
//                         (filters add <= 5 %)                    vs step_compare: the same without;
//                         step_plain: a run that does not even compare; the observed struct's
//                         phase as a string, and as an enum (_enum)
#include <benchmark/benchmark.h>

#include <reconcile/control.hpp>
#include <reconcile/controller.hpp>
#include <reconcile/diff.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

using namespace std::chrono_literals;

namespace {

benchmark::Counter per_item(double items) {
  return benchmark::Counter(items, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- PID ----

struct hand_pid {  // P + I + D on measurement, clamped: the least a PID does
  double kp, ki, kd, lo, hi;
  double integral = 0, previous = 0;
  double update(double setpoint, double y, double dt) {
    const double e = setpoint - y;
    const double u = std::clamp(kp * e + integral - kd * (y - previous) / dt, lo, hi);
    integral += ki * e * dt;
    previous = y;
    return u;
  }
};

struct hand_pid_full {  // the same features as control::pid, written out for one configuration
  double kp, ki, kd, lo, hi, tf, slew;
  double integral = 0, previous = 0, slope = 0, out = 0;
  double update(double setpoint, double y, double dt) {
    const double e = setpoint - y;
    slope += ((y - previous) - slope * dt) / (tf + dt);
    previous = y;
    const double wanted = kp * e + integral - kd * slope;
    const double u = std::clamp(std::clamp(wanted, lo, hi), out - slew * dt, out + slew * dt);
    if (wanted == u || (wanted > u) != (e > 0)) integral += ki * e * dt;  // clamping anti-windup
    out = u;
    return u;
  }
};

// What every PID contender is fed: a setpoint stepping between 80 and 20 every 256 updates (the
// output saturates and slews, so both ways of each branch are taken) and a disturbance on the
// plant (the state never settles into a fixed point or denormals), from one seeded table.
struct pid_workload {
  static constexpr std::size_t size = 1024;
  std::array<double, size> setpoint{};
  std::array<double, size> disturbance{};
  std::array<std::chrono::nanoseconds, size> jitter{};  // a real clock's uneven steps
  pid_workload() {
    std::mt19937_64 rng(19);
    std::uniform_real_distribution<double> noise(-0.5, 0.5);
    for (std::size_t k = 0; k < size; ++k) {
      setpoint[k] = (k / 256) % 2 == 0 ? 80 : 20;
      disturbance[k] = noise(rng);
      jitter[k] = std::chrono::nanoseconds(static_cast<long>(noise(rng) * 1e5));
    }
  }
};
const pid_workload workload;

// One loop: each update waits for the plant's answer to the one before (latency).
template <class Update>
void one_loop(benchmark::State& state, Update&& update) {
  double y = 50, u = 0;
  std::size_t k = 0;
  for (auto _ : state) {
    const std::size_t at = k++ % pid_workload::size;
    u = update(at, y);
    y += 0.01 * (u - y) + workload.disturbance[at];
    benchmark::DoNotOptimize(u);
  }
}

// 64 independent loops a pass (a game server's entities): throughput, not one chain's latency.
template <class Update>
void many_loops(benchmark::State& state, Update&& update) {
  std::array<double, 64> y{};
  y.fill(50);
  std::size_t k = 0;
  for (auto _ : state) {
    const std::size_t at = k++ % pid_workload::size;
    for (std::size_t i = 0; i < y.size(); ++i) {
      const double u = update(i, at, y[i]);
      y[i] += 0.01 * (u - y[i]) + workload.disturbance[at];
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["per_update"] = per_item(double(state.iterations()) * 64);
}

void hand_pid_update_64(benchmark::State& state) {
  std::array<hand_pid_full, 64> loops;
  loops.fill({0.8, 0.2, 0.1, 0, 100, 1, 50});
  many_loops(state, [&](std::size_t i, std::size_t at, double y) {
    return loops[i].update(workload.setpoint[at], y, 0.1);
  });
}
BENCHMARK(hand_pid_update_64);

reconcile::control::pid_options bench_pid_options() {
  reconcile::control::pid_options o;
  o.gains = {.kp = 0.8, .ki = 0.2, .kd = 0.1};
  o.output_min = 0;
  o.output_max = 100;
  o.derivative_filter = 1;
  o.slew_rate = 50;
  return o;
}

void pid_update_64(benchmark::State& state) {
  std::vector<reconcile::control::pid> loops(64, reconcile::control::pid(bench_pid_options()));
  reconcile::time_point now{};
  many_loops(state, [&](std::size_t i, std::size_t at, double y) {
    if (i == 0) now += 100ms;
    return loops[i].update(workload.setpoint[at], y, now);
  });
}
BENCHMARK(pid_update_64);

void hand_pid_update_full(benchmark::State& state) {
  hand_pid_full c{0.8, 0.2, 0.1, 0, 100, 1, 50};
  one_loop(state, [&](std::size_t at, double y) { return c.update(workload.setpoint[at], y, 0.1); });
}
BENCHMARK(hand_pid_update_full);

void hand_pid_update(benchmark::State& state) {
  hand_pid c{0.8, 0.2, 0.1, 0, 100};
  one_loop(state, [&](std::size_t at, double y) { return c.update(workload.setpoint[at], y, 0.1); });
}
BENCHMARK(hand_pid_update);

void pid_update(benchmark::State& state) {
  reconcile::control::pid c(bench_pid_options());
  reconcile::time_point now{};
  one_loop(state, [&](std::size_t at, double y) {
    now += 100ms;
    return c.update(workload.setpoint[at], y, now);
  });
}
BENCHMARK(pid_update);

// A real clock's time step is never the same twice: the coefficients are recomputed (one
// division) at every update.
void pid_update_jittered_clock(benchmark::State& state) {
  reconcile::control::pid c(bench_pid_options());
  reconcile::time_point now{};
  one_loop(state, [&](std::size_t at, double y) {
    now += 100ms + workload.jitter[at];
    return c.update(workload.setpoint[at], y, now);
  });
}
BENCHMARK(pid_update_jittered_clock);

// ---- autoscaler ----

struct hand_scaler {  // ceil(current * metric / target) in a 10 % band, highest of the last 20
  std::array<int, 20> window{};
  std::size_t at = 0;
  int recommend(int current, double metric, double target) {
    const double ratio = metric / target;
    const int raw = std::fabs(1 - ratio) <= 0.1 ? current : static_cast<int>(std::ceil(current * ratio));
    window[at++ % window.size()] = raw;
    const int held = *std::max_element(window.begin(), window.end());
    return std::clamp(raw > current ? raw : std::min(current, held), 1, 100);  // up at once, down held
  }
};

void hand_recommend(benchmark::State& state) {
  hand_scaler s;
  int current = 10, k = 0;
  for (auto _ : state) {
    current = s.recommend(current, 80.0 + (k++ % 7) * 5, 100);
    benchmark::DoNotOptimize(current);
  }
}
BENCHMARK(hand_recommend);

void autoscaler_recommend(benchmark::State& state) {
  reconcile::control::autoscaler_options o;
  o.target = 100;
  o.max_replicas = 100;  // HPA defaults: 300 s scale-down window, 15 s policy periods
  reconcile::control::autoscaler s(o);
  std::int32_t current = 10;
  int k = 0;
  reconcile::time_point now{};
  for (auto _ : state) {
    now += 15s;  // 20 recommendations in the window
    current = s.recommend(current, 80.0 + (k++ % 7) * 5, now).replicas;
    benchmark::DoNotOptimize(current);
  }
}
BENCHMARK(autoscaler_recommend);

// ---- filters on a no-op reconcile ----

enum class phase { pending, running, failed };

// An observed pool whose discrete state is a Phase: a string, or an enum as a game server or
// trading system keeps it.
template <class Phase>
struct Pool {
  Phase state{};
  int workers = 4;
  double latency_ms = 50;
  reconcile::time_point observed_at{};
};
template <class Phase>
constexpr auto reconcile_rules(reconcile::type_t<Pool<Phase>>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Pool<Phase>::state> | debounce(3), field<&Pool<Phase>::latency_ms> | hysteresis(5, 20),
                          field<&Pool<Phase>::observed_at> | stale_after(30s));
}
template <class Phase>
Pool<Phase> running_pool() {
  Pool<Phase> p;
  if constexpr (std::is_same_v<Phase, phase>) p.state = phase::running;
  else p.state = "running";
  return p;
}

// One pass of the no-op bench: notify every key, then step(). Out of line and shared by every
// contender, so that notify() and step() are the same machine code in each (inlined into some
// arms only, they made the filtered arm look faster than the unfiltered one).
[[gnu::noinline]] std::size_t one_pass(reconcile::controller<int>& ctl, int n) {
  for (int k = 0; k < n; ++k) ctl.notify(k);
  return ctl.step();
}

// What the reconciler does with an observation that matches desired: only looks at it (the
// bare cost of a run), compares it with desired as any reconcile that finds nothing to do must
// (reconcile::equal), or runs the observation filter first and compares what it returns.
enum class reconcile_kind { looks, compares, filters };

template <reconcile_kind Kind, class Observed = Pool<std::string>>
void step_noop(benchmark::State& state) {
  const int n = 64;
  reconcile::manual_clock clock;
  reconcile::options opts;
  opts.clock = &clock;
  std::vector<Observed> observed(n, running_pool<decltype(Observed::state)>()), desired = observed;
  std::vector<reconcile::control::observation_filter<Observed>> filters(n);
  int acted = 0;
  reconcile::controller<int> ctl(opts, [&](const int& key, const reconcile::run_context& run) {
    const auto k = static_cast<std::size_t>(key);
    if constexpr (Kind == reconcile_kind::looks) {
      benchmark::DoNotOptimize(&observed[k]);
    } else if constexpr (Kind == reconcile_kind::compares) {
      if (!reconcile::equal(observed[k], desired[k])) ++acted;
    } else {
      const Observed& seen = filters[k].observe(observed[k], desired[k], run.started());
      if (auto later = filters[k].requeue(15s)) return *later;
      if (!reconcile::equal(seen, desired[k])) ++acted;
    }
    return reconcile::result::done();
  });
  ctl.reserve(n);
  for (auto _ : state) benchmark::DoNotOptimize(one_pass(ctl, n));
  benchmark::DoNotOptimize(acted);
  state.counters["per_reconcile"] = per_item(double(state.iterations() * n));
}
void step_plain(benchmark::State& state) { step_noop<reconcile_kind::looks>(state); }
void step_compare(benchmark::State& state) { step_noop<reconcile_kind::compares>(state); }
void step_filtered(benchmark::State& state) { step_noop<reconcile_kind::filters>(state); }
void step_compare_enum(benchmark::State& state) { step_noop<reconcile_kind::compares, Pool<phase>>(state); }
void step_filtered_enum(benchmark::State& state) { step_noop<reconcile_kind::filters, Pool<phase>>(state); }
BENCHMARK(step_plain);
BENCHMARK(step_compare);
BENCHMARK(step_filtered);
BENCHMARK(step_compare_enum);
BENCHMARK(step_filtered_enum);

}  // namespace

BENCHMARK_MAIN();
