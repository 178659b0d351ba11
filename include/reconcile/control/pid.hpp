// reconcile/control/pid.hpp - a PID controller for a continuous setpoint (tick rate, quote
// size, queue latency): derivative on measurement, low-pass filtered derivative, output limits
// with anti-windup, a slew-rate limit, bumpless manual/automatic transfer.
//
//   reconcile::control::pid_options o;
//   o.gains = {.kp = 0.8, .ki = 0.4, .kd = 0.05};
//   o.output_min = 0; o.output_max = 100; o.slew_rate = 20;   // units per second
//   reconcile::control::pid loop(o);
//   double u = loop.update(setpoint, measured, clock.now());  // dt from the loop's clock
//
// Discretisation (Astrom & Murray, "Feedback Systems", ch. 10): the integral term is updated
// after the output (forward Euler), so the output of a step uses the integral of the steps
// before it; the derivative is -kd * dy/dt of the measurement (no kick when the setpoint
// jumps) through a first-order low-pass of time constant derivative_filter (backward Euler).
// Anti-windup looks at the output actually sent (after limits and slew), so the slew limit
// cannot wind the integral up either. Each update is a few multiplies and compares: no
// allocation, no virtual call, constexpr where the inputs are.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/control/detail/validate.hpp>

#include <chrono>
#include <limits>

namespace reconcile::control {

/// anti_windup: how the integral is kept from growing while the output is limited.
/// clamping stops integrating while the output is limited and the error pushes further out;
/// back_calculation bleeds the integral by tracking_gain * (sent - unlimited) per second.
enum class anti_windup : unsigned char { none, clamping, back_calculation };

/// pid_mode: automatic computes the output; manual holds the output set by manual(u).
enum class pid_mode : unsigned char { automatic, manual };

/// pid_action: direct when a larger output raises the measurement (heating), reverse when
/// it lowers it (more workers, lower latency); reverse negates the error.
enum class pid_action : unsigned char { direct, reverse };

/// pid_gains{kp, ki, kd}: proportional, integral (per second), derivative (seconds) gains.
struct pid_gains {
  double kp = 0;
  double ki = 0;
  double kd = 0;
};

/// pid_options: gains, limits and filters of a pid; every field has a default (a P-less PID
/// with unbounded output is the zero controller).
struct pid_options {
  pid_gains gains{};
  pid_action action = pid_action::direct;
  double output_min = -std::numeric_limits<double>::infinity();
  double output_max = std::numeric_limits<double>::infinity();
  anti_windup windup = anti_windup::clamping;
  /// Back-calculation's gain (1/s); 0 picks ki/kp (the integral time's inverse), or 1 if kp is 0.
  double tracking_gain = 0;
  /// Time constant (s) of the derivative's low-pass filter; 0 = no filter.
  double derivative_filter = 0;
  /// Largest change of the output per second; infinity = no limit.
  double slew_rate = std::numeric_limits<double>::infinity();
};

/// pid_terms: the parts of the last output, for logging and tuning.
struct pid_terms {
  double proportional = 0;
  double integral = 0;
  double derivative = 0;
};

/// pid(options): a PID controller; trivially copyable (about 170 bytes), no allocation ever.
class pid {
 public:
  /// pid(o): checks o; throws reconcile::error naming the field (pid_options.output_min...).
  constexpr explicit pid(const pid_options& o = {}) : opts_(o) {
    check(opts_);
    if (opts_.tracking_gain == 0) opts_.tracking_gain = opts_.gains.kp > 0 ? opts_.gains.ki / opts_.gains.kp : 1.0;
  }

  /// update(setpoint, measurement, now): the output for this instant; dt = now - previous now.
  /// The first call (and any call where no time passed) integrates nothing and has no
  /// derivative; a later call with dt <= 0 returns the previous output.
  constexpr double update(double setpoint, double measurement, time_point now) {
    const bool first = !started_;
    const double dt = first ? 0.0 : static_cast<double>((now - last_time_).count()) * seconds_per_tick;
    if (!first && dt <= 0) return output_;
    last_time_ = now;
    return step(setpoint, measurement, dt, first);
  }

  /// update(setpoint, measurement, dt): the same with an explicit time step (seconds > 0).
  constexpr double update(double setpoint, double measurement, std::chrono::duration<double> dt) {
    const bool first = !started_;
    if (!first && dt.count() <= 0) return output_;
    last_time_ += std::chrono::duration_cast<duration>(dt);
    return step(setpoint, measurement, first ? 0.0 : dt.count(), first);
  }

  /// manual(u): holds the output at u (clamped to the limits) until automatic(); updates keep
  /// tracking the measurement so that the switch back is bumpless.
  constexpr void manual(double u) {
    mode_ = pid_mode::manual;
    output_ = clamp(u, opts_.output_min, opts_.output_max);
  }

  /// automatic(): computes the output again, starting from the held one (bumpless).
  constexpr void automatic() {
    if (mode_ == pid_mode::automatic) return;
    mode_ = pid_mode::automatic;
    terms_.integral = output_ - terms_.proportional - terms_.derivative;
  }

  /// tune(gains): new gains without a bump (the integral term is kept as a value, not an error sum).
  constexpr void tune(const pid_gains& g) {
    pid_options o = opts_;
    o.gains = g;
    check(o);
    opts_.gains = g;
  }

  /// reset(): forgets history (integral, derivative, previous time and output).
  constexpr void reset() {
    started_ = false;
    terms_ = {};
    filtered_slope_ = 0;
    output_ = 0;
    mode_ = pid_mode::automatic;
  }

  /// output(): the last output. terms(): its parts. mode(): automatic or manual.
  constexpr double output() const noexcept { return output_; }
  constexpr const pid_terms& terms() const noexcept { return terms_; }
  constexpr pid_mode mode() const noexcept { return mode_; }
  constexpr const pid_options& options() const noexcept { return opts_; }

 private:
  static constexpr double seconds_per_tick =
      static_cast<double>(duration::period::num) / static_cast<double>(duration::period::den);

  static constexpr double clamp(double x, double lo, double hi) noexcept { return x < lo ? lo : (x > hi ? hi : x); }

  static constexpr void check(const pid_options& o) {
    const pid_gains& g = o.gains;
    if (!(g.kp >= 0)) detail::bad_option("pid_options", "gains.kp", "must be >= 0");
    if (!(g.ki >= 0)) detail::bad_option("pid_options", "gains.ki", "must be >= 0");
    if (!(g.kd >= 0)) detail::bad_option("pid_options", "gains.kd", "must be >= 0");
    if (detail::is_nan(o.output_min)) detail::bad_option("pid_options", "output_min", "is NaN");
    if (!(o.output_max >= o.output_min)) detail::bad_option("pid_options", "output_max", "must be >= output_min");
    if (!(o.tracking_gain >= 0)) detail::bad_option("pid_options", "tracking_gain", "must be >= 0");
    if (!(o.derivative_filter >= 0)) detail::bad_option("pid_options", "derivative_filter", "must be >= 0");
    if (!(o.slew_rate > 0)) detail::bad_option("pid_options", "slew_rate", "must be > 0");
  }

  constexpr double step(double setpoint, double measurement, double dt, bool first) {
    // Reverse action: the same loop on the negated signals.
    const double sign = opts_.action == pid_action::reverse ? -1.0 : 1.0;
    const double y = sign * measurement;
    const double e = sign * setpoint - y;
    terms_.proportional = opts_.gains.kp * e;
    if (!first) {
      // Derivative on measurement, low-passed: slope_f += (dy/dt - slope_f) * dt / (Tf + dt),
      // written with one division.
      filtered_slope_ += ((y - last_measurement_) - filtered_slope_ * dt) / (opts_.derivative_filter + dt);
      terms_.derivative = -opts_.gains.kd * filtered_slope_;
    }
    last_measurement_ = y;
    started_ = true;
    if (mode_ == pid_mode::manual) {  // track: the integral that reproduces the held output
      terms_.integral = output_ - terms_.proportional - terms_.derivative;
      return output_;
    }
    const double wanted = terms_.proportional + terms_.integral + terms_.derivative;
    double sent = clamp(wanted, opts_.output_min, opts_.output_max);
    if (!first && opts_.slew_rate < std::numeric_limits<double>::infinity()) {
      const double room = opts_.slew_rate * dt;
      sent = clamp(sent, output_ - room, output_ + room);
    }
    if (!first) integrate(e, dt, wanted, sent);
    output_ = sent;
    return sent;
  }

  constexpr void integrate(double e, double dt, double wanted, double sent) {
    const double gain = opts_.gains.ki * e * dt;
    switch (opts_.windup) {
      case anti_windup::none:
        terms_.integral += gain;
        break;
      case anti_windup::clamping:
        // Integrate unless limited and the error pushes further into the limit.
        if (wanted == sent || (wanted > sent) != (e > 0)) terms_.integral += gain;
        break;
      case anti_windup::back_calculation:
        terms_.integral += gain + opts_.tracking_gain * (sent - wanted) * dt;
        break;
    }
  }

  pid_options opts_;
  pid_terms terms_{};
  double filtered_slope_ = 0;
  double last_measurement_ = 0;
  double output_ = 0;
  time_point last_time_{};
  bool started_ = false;
  pid_mode mode_ = pid_mode::automatic;
};

}  // namespace reconcile::control
