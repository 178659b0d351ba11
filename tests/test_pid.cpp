// reconcile/control/pid.hpp: the PID against analytic responses of a first-order plant, its
// anti-windup, slew limit, bumpless transfer and clock-driven time step; random gains and
// limits never break the output limits or the slew rate.
#include "support/alloc_counter.hpp"

#include <reconcile/clock.hpp>
#include <reconcile/controller.hpp>
#include <reconcile/control/pid.hpp>
#include <reconcile/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <string>

RECONCILE_DEFINE_ALLOC_COUNTER();

using reconcile::control::anti_windup;
using reconcile::control::pid;
using reconcile::control::pid_options;
using seconds_d = std::chrono::duration<double>;

namespace {

// dy/dt = (gain * u - y) / tau, integrated exactly over each step with u held (zero-order hold).
struct first_order_plant {
  double gain = 1;
  double tau = 1;
  double y = 0;
  double advance(double u, double dt) {
    const double decay = std::exp(-dt / tau);
    y = y * decay + gain * u * (1 - decay);
    return y;
  }
};

struct response {
  double final_value = 0;
  double peak = 0;
};

// Runs the loop for `seconds` at step dt from y = 0 towards setpoint.
response run(pid& c, first_order_plant& plant, double setpoint, double seconds, double dt) {
  response r;
  const int steps = static_cast<int>(seconds / dt);
  for (int k = 0; k < steps; ++k) {
    const double u = c.update(setpoint, plant.y, seconds_d(dt));
    plant.advance(u, dt);
    r.peak = std::max(r.peak, plant.y);
  }
  r.final_value = plant.y;
  return r;
}

// Time after a setpoint change to `to` until y stays within 5 % of it (to the end of the run).
double recovery_time(anti_windup mode) {
  pid_options o;
  o.gains = {.kp = 0.5, .ki = 2.0, .kd = 0};
  o.output_min = 0;
  o.output_max = 1;
  o.windup = mode;
  pid c(o);
  first_order_plant plant{1, 1, 0};
  const double dt = 0.01;
  run(c, plant, 2.0, 20, dt);  // unreachable: output pinned at 1 for 20 s
  double last_outside = 0;
  for (int k = 1; k <= 6000; ++k) {
    const double u = c.update(0.5, plant.y, seconds_d(dt));
    plant.advance(u, dt);
    if (std::fabs(plant.y - 0.5) > 0.025) last_outside = k * dt;
  }
  return last_outside;
}

// The PID as its textbook formulas read, step by step (a division by dt each time, the
// limits then the slew limit as two clamps): the reference pid::update must agree with.
struct textbook_pid {
  pid_options o;
  double integral = 0, slope = 0, previous = 0, out = 0;
  bool started = false;
  double update(double setpoint, double measurement, double dt) {
    const double sign = o.action == reconcile::control::pid_action::reverse ? -1.0 : 1.0;
    const double y = sign * measurement, e = sign * setpoint - y;
    const double p = o.gains.kp * e;
    if (started) slope += ((y - previous) - slope * dt) / (o.derivative_filter + dt);
    const double d = started ? -o.gains.kd * slope : 0.0;
    previous = y;
    const double wanted = p + integral + d;
    double sent = std::clamp(wanted, o.output_min, o.output_max);
    if (started) sent = std::clamp(sent, out - o.slew_rate * dt, out + o.slew_rate * dt);
    if (started) {
      const double gain = o.gains.ki * e * dt;
      const double tracking = o.tracking_gain != 0 ? o.tracking_gain : (o.gains.kp > 0 ? o.gains.ki / o.gains.kp : 1.0);
      if (o.windup == anti_windup::none) integral += gain;
      if (o.windup == anti_windup::clamping && (wanted == sent || (wanted > sent) != (e > 0))) integral += gain;
      if (o.windup == anti_windup::back_calculation) integral += gain + tracking * (sent - wanted) * dt;
    }
    started = true;
    out = sent;
    return sent;
  }
};

// Random gains (up to gain_scale), limits, derivative filter and slew limit; trial picks the
// anti-windup mode.
pid_options random_options(std::mt19937_64& rng, int trial, double gain_scale) {
  std::uniform_real_distribution<double> unit(0, 1);
  pid_options o;
  o.gains = {.kp = gain_scale * unit(rng), .ki = gain_scale * unit(rng), .kd = unit(rng)};
  o.output_min = -5 * unit(rng);
  o.output_max = o.output_min + 10 * unit(rng);
  o.windup = static_cast<anti_windup>(trial % 3);
  o.derivative_filter = unit(rng) < 0.5 ? 0 : unit(rng);
  o.slew_rate = unit(rng) < 0.3 ? std::numeric_limits<double>::infinity() : 0.1 + 20 * unit(rng);
  return o;
}

constexpr double constexpr_first_output() {
  pid c(pid_options{.gains = {.kp = 2, .ki = 0, .kd = 0}, .output_max = 10});
  return c.update(1.5, 0.5, seconds_d(0.1));
}
static_assert(constexpr_first_output() == 2.0, "a pid runs in constant expressions");

}  // namespace

TEST_CASE("pid::update") {
  SUBCASE("P alone leaves the steady-state error 1/(1 + K kp) of a first-order plant") {
    pid c(pid_options{.gains = {.kp = 4, .ki = 0, .kd = 0}});
    first_order_plant plant{2, 0.5, 0};
    const response r = run(c, plant, 1.0, 10, 0.001);
    const double expected = 2 * 4 / (1.0 + 2 * 4);  // K kp / (1 + K kp)
    CHECK(r.final_value == doctest::Approx(expected).epsilon(1e-4));
  }
  SUBCASE("with I the error goes to 0") {
    pid c(pid_options{.gains = {.kp = 1, .ki = 2, .kd = 0}});
    first_order_plant plant{2, 0.5, 0};
    const response r = run(c, plant, 1.0, 30, 0.001);
    CHECK(std::fabs(1.0 - r.final_value) < 1e-6);
  }
  SUBCASE("PI cancelling the plant's pole follows 1 - exp(-t K kp / tau), no overshoot") {
    const double gain = 2, tau = 0.5, kp = 1.5;
    pid c(pid_options{.gains = {.kp = kp, .ki = kp / tau, .kd = 0}});
    first_order_plant plant{gain, tau, 0};
    const double dt = 1e-4;
    double worst = 0, peak = 0;
    for (int k = 1; k <= 30000; ++k) {
      plant.advance(c.update(1.0, plant.y, seconds_d(dt)), dt);
      const double t = k * dt;
      worst = std::max(worst, std::fabs(plant.y - (1 - std::exp(-t * gain * kp / tau))));
      peak = std::max(peak, plant.y);
    }
    CHECK(worst < 2e-3);  // the zero-order hold and the one-step delay of the sampled loop
    CHECK(peak <= 1.0 + 1e-9);
  }
  SUBCASE("I alone: overshoot exp(-pi zeta / sqrt(1 - zeta^2)) of the second-order loop") {
    // Loop K ki / (tau s^2 + s + K ki): wn^2 = K ki / tau, 2 zeta wn = 1 / tau.
    const double gain = 1, tau = 1, zeta = 0.5;
    const double wn = 1 / (2 * zeta * tau);
    pid c(pid_options{.gains = {.kp = 0, .ki = wn * wn * tau / gain, .kd = 0}});
    first_order_plant plant{gain, tau, 0};
    const response r = run(c, plant, 1.0, 40, 1e-4);
    const double overshoot = std::exp(-std::numbers::pi * zeta / std::sqrt(1 - zeta * zeta));  // 16.3 %
    CHECK(r.peak - 1.0 == doctest::Approx(overshoot).epsilon(0.02));
    CHECK(r.final_value == doctest::Approx(1.0).epsilon(1e-4));
  }
  SUBCASE("reverse action: a plant whose measurement falls as the output rises") {
    pid c(pid_options{.gains = {.kp = 1, .ki = 2, .kd = 0}, .action = reconcile::control::pid_action::reverse});
    first_order_plant plant{-2, 0.5, 0};
    const response r = run(c, plant, -1.0, 30, 0.001);
    CHECK(r.final_value == doctest::Approx(-1.0).epsilon(1e-6));
    CHECK(c.output() == doctest::Approx(0.5).epsilon(1e-6));
  }
  SUBCASE("derivative on measurement: a setpoint step gives no derivative kick") {
    pid c(pid_options{.gains = {.kp = 1, .ki = 0, .kd = 5}});
    c.update(0, 1, seconds_d(0.1));
    c.update(0, 1, seconds_d(0.1));
    const double u = c.update(10, 1, seconds_d(0.1));
    CHECK(c.terms().derivative == 0);
    CHECK(u == 9);
  }
  SUBCASE("the derivative's low-pass: a measurement step of 1 gives -kd / (Tf + dt) first") {
    pid c(pid_options{.gains = {.kp = 0, .ki = 0, .kd = 2}, .derivative_filter = 0.4});
    c.update(0, 0, seconds_d(0.1));
    c.update(0, 1, seconds_d(0.1));
    CHECK(c.terms().derivative == doctest::Approx(-2 / (0.4 + 0.1)));
    c.update(0, 1, seconds_d(0.1));  // the filtered slope decays by Tf / (Tf + dt)
    CHECK(c.terms().derivative == doctest::Approx(-2 / (0.4 + 0.1) * (0.4 / 0.5)));
  }
  SUBCASE("the time step comes from the clock: manual_clock and uneven steps") {
    reconcile::manual_clock clock;
    pid c(pid_options{.gains = {.kp = 0, .ki = 3, .kd = 0}});
    c.update(1, 0, clock.now());
    clock.advance(std::chrono::milliseconds(100));
    c.update(1, 0, clock.now());
    clock.advance(std::chrono::milliseconds(300));
    c.update(1, 0, clock.now());
    CHECK(c.terms().integral == doctest::Approx(3 * 1 * 0.4));
    const double before = c.output();
    CHECK(c.update(5, 0, clock.now()) == before);  // no time passed: nothing changes
  }
  SUBCASE("inside a reconciler run by step(): dt is the time between its runs") {
    reconcile::manual_clock clock;
    reconcile::options opts;
    opts.clock = &clock;
    pid c(pid_options{.gains = {.kp = 0, .ki = 2, .kd = 0}});
    int runs = 0;
    reconcile::time_point last{};
    reconcile::controller<int> ctl(opts, [&](const int&) {
      c.update(1, 0.5, clock.now());
      last = clock.now();
      ++runs;
      return reconcile::result::requeue_after(runs % 2 == 1 ? std::chrono::milliseconds(50) : std::chrono::milliseconds(150));
    });
    ctl.notify(0);
    for (int k = 0; k < 100; ++k) {  // 5 s in 50 ms ticks: runs at 0, 0.05, 0.2, 0.25, 0.4, ...
      ctl.step();
      clock.advance(std::chrono::milliseconds(50));
    }
    CHECK(runs == 50);
    // Every run but the first integrated ki * e * (the time since the run before it).
    CHECK(c.terms().integral == doctest::Approx(2 * 0.5 * seconds_d(last - reconcile::time_point{}).count()));
    CHECK(seconds_d(last - reconcile::time_point{}).count() == doctest::Approx(4.85));
  }
  SUBCASE("the slew limit caps each step's change at rate * dt") {
    pid c(pid_options{.gains = {.kp = 100, .ki = 0, .kd = 0}, .slew_rate = 2});
    c.update(0, 0, seconds_d(0.1));
    CHECK(c.update(1, 0, seconds_d(0.1)) == doctest::Approx(0.2));
    CHECK(c.update(1, 0, seconds_d(0.25)) == doctest::Approx(0.7));
  }
  SUBCASE("bad options are refused, naming the field") {
    CHECK_THROWS_WITH_AS(pid(pid_options{.output_min = 2, .output_max = 1}),
                         doctest::Contains("pid_options.output_max"), reconcile::error);
    CHECK_THROWS_WITH_AS(pid(pid_options{.gains = {.kp = -1}}), doctest::Contains("gains.kp"), reconcile::error);
    CHECK_THROWS_AS(pid(pid_options{.slew_rate = 0}), reconcile::error);
  }
  SUBCASE("an update allocates nothing") {
    pid c(pid_options{.gains = {.kp = 1, .ki = 1, .kd = 1}, .output_min = -1, .output_max = 1});
    reconcile::test::alloc_scope s;
    double sum = 0;
    for (int k = 0; k < 1000; ++k) sum += c.update(1, k * 0.001, seconds_d(0.01));
    CHECK(s.count() == 0);
    CHECK(sum != 0);
  }
}

TEST_CASE("pid anti_windup") {
  const double none = recovery_time(anti_windup::none);
  const double clamping = recovery_time(anti_windup::clamping);
  const double back = recovery_time(anti_windup::back_calculation);
  INFO("recovery: none ", none, " s, clamping ", clamping, " s, back-calculation ", back, " s");
  // Without anti-windup the integral gathered ki * (2 - 1) * 20 s = 40 while pinned and must
  // unwind before the output leaves its limit: many seconds. With it, the loop recovers about
  // as fast as from rest (time constant 1/(K ki)... a few seconds).
  CHECK(none > 10);
  CHECK(clamping < 4);
  CHECK(back < 4);
  CHECK(none > 3 * clamping);
}

TEST_CASE("pid::manual") {
  SUBCASE("the switch back to automatic is bumpless") {
    pid c(pid_options{.gains = {.kp = 2, .ki = 1, .kd = 0.5}, .output_min = -10, .output_max = 10});
    c.update(1, 0, seconds_d(0.1));
    c.manual(0.7);
    for (int k = 0; k < 5; ++k) CHECK(c.update(1, 0.2, seconds_d(0.1)) == 0.7);
    c.automatic();
    CHECK(c.update(1, 0.2, seconds_d(0.1)) == doctest::Approx(0.7).epsilon(1e-12));
    CHECK(c.mode() == reconcile::control::pid_mode::automatic);
  }
  SUBCASE("a manual output is clamped to the limits") {
    pid c(pid_options{.output_min = 0, .output_max = 1});
    c.manual(5);
    CHECK(c.output() == 1);
  }
  SUBCASE("tune() keeps the output continuous") {
    pid c(pid_options{.gains = {.kp = 0, .ki = 1, .kd = 0}});
    for (int k = 0; k < 10; ++k) c.update(1, 0.5, seconds_d(0.1));
    const double before = c.output();
    c.tune({.kp = 0, .ki = 5, .kd = 0});
    CHECK(c.update(1, 0.5, seconds_d(0.1)) == doctest::Approx(before + 1 * 0.5 * 0.1));
  }
}

TEST_CASE("pid::update against the textbook formulas") {
  // Random options and signals, with a fixed time step (the coefficients are computed once)
  // and with a jittering one (recomputed each update): the outputs agree to rounding.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  double worst = 0;
  for (int trial = 0; trial < 200; ++trial) {
    pid_options o = random_options(rng, trial, 5);
    o.action = unit(rng) < 0.5 ? reconcile::control::pid_action::direct : reconcile::control::pid_action::reverse;
    pid c(o);
    textbook_pid reference{o};
    const bool jitter = unit(rng) < 0.5;
    for (int k = 0; k < 200; ++k) {
      const double dt = jitter ? 0.001 + 0.1 * unit(rng) : 0.05;
      const double setpoint = k % 50 < 25 ? 1 : -2;
      const double measured = 3 * unit(rng) - 1.5;
      const double u = c.update(setpoint, measured, seconds_d(dt));
      const double expected = reference.update(setpoint, measured, dt);
      worst = std::max(worst, std::fabs(u - expected) / (1 + std::fabs(expected)));
    }
  }
  CHECK(worst < 1e-9);
}

TEST_CASE("pid properties") {
  std::mt19937_64 rng(19);
  std::uniform_real_distribution<double> unit(0, 1);
  int checked = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const pid_options o = random_options(rng, trial, 10);
    pid c(o);
    first_order_plant plant{0.2 + 3 * unit(rng), 0.1 + 2 * unit(rng), 0};
    double previous = 0;
    for (int k = 0; k < 200; ++k) {
      const double dt = 0.001 + 0.2 * unit(rng);
      const double setpoint = unit(rng) < 0.05 ? 20 * unit(rng) - 10 : 1;
      const double noisy = plant.y + 0.1 * (unit(rng) - 0.5);
      if (k == 100) c.manual(o.output_min + (o.output_max - o.output_min) * unit(rng));
      if (k == 120) c.automatic();
      const double u = c.update(setpoint, noisy, seconds_d(dt));
      REQUIRE(u >= o.output_min);
      REQUIRE(u <= o.output_max);
      if (k > 0 && k != 100) REQUIRE(std::fabs(u - previous) <= o.slew_rate * dt * (1 + 1e-12) + 1e-12);
      previous = u;
      plant.advance(u, dt);
      ++checked;
    }
  }
  CHECK(checked == 500 * 200);
}
