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
// cannot wind the integral up either. Each update is a few multiplies, adds and min/max (the
// products with dt are kept while dt stays the same: no division at a fixed rate, one when dt
// changes); no allocation, no virtual call, constexpr where the inputs are.
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

/// pid(options): a PID controller; trivially copyable (about 250 bytes), no allocation ever.
class pid {
 public:
  /// pid(o): checks o; throws reconcile::error naming the field (pid_options.output_min...).
  constexpr explicit pid(const pid_options& o = {}) : opts_(o) {
    check(opts_);
    if (opts_.tracking_gain == 0) opts_.tracking_gain = opts_.gains.kp > 0 ? opts_.gains.ki / opts_.gains.kp : 1.0;
    fold_gains();
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
    fold_gains();
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
  static constexpr double unlimited = std::numeric_limits<double>::infinity();

  // What an update multiplies by: kp and kd with the action's sign folded in, and the
  // products with dt, recomputed only when dt changes (one division then). A loop at a fixed
  // rate never divides; a jittering clock divides once an update, off the measurement's path.
  struct coefficients {
    double sign = 1;        // -1 for reverse action: the loop runs on the negated signals
    double kp = 0;          // sign * kp
    double kd = 0;          // -sign * kd: derivative on measurement
    double dt = -1;         // the step (s) the products below are for; -1: none yet
    double ki_dt = 0;       // ki * dt
    double slope_keep = 0;  // Tf / (Tf + dt): what the derivative's low-pass keeps of its slope
    double slope_gain = 0;  // 1 / (Tf + dt): what it takes of the new difference
    double kd_keep = 0;     // kd * slope_keep and kd * slope_gain: the derivative term without
    double kd_gain = 0;     // waiting for the new slope (one multiply fewer on the path)
    double per_measurement = 0;  // kd_gain - kp: what wanted moves by per unit of measurement
    double room = 0;        // slew_rate * dt: the most the output may move this step
    double tracking = 0;    // tracking_gain * dt (back-calculation)
  };

  // larger/smaller compile to maxsd/minsd: no branch. NaN in x passes through clamp.
  static constexpr double larger(double a, double b) noexcept { return a < b ? b : a; }
  static constexpr double smaller(double a, double b) noexcept { return b < a ? b : a; }
  static constexpr double clamp(double x, double lo, double hi) noexcept { return smaller(larger(x, lo), hi); }

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

  constexpr void fold_gains() noexcept {
    k_.sign = opts_.action == pid_action::reverse ? -1.0 : 1.0;
    k_.kp = k_.sign * opts_.gains.kp;
    k_.kd = -k_.sign * opts_.gains.kd;
    k_.dt = -1;  // the products with dt are recomputed at the next update
  }

  constexpr void prepare(double dt) noexcept {
    const double inverse = 1.0 / (opts_.derivative_filter + dt);
    k_.dt = dt;
    k_.ki_dt = opts_.gains.ki * dt;
    k_.slope_keep = opts_.derivative_filter * inverse;
    k_.slope_gain = inverse;
    k_.kd_keep = k_.kd * k_.slope_keep;
    k_.kd_gain = k_.kd * inverse;
    k_.per_measurement = k_.kd_gain - k_.kp;
    k_.room = opts_.slew_rate * dt;
    k_.tracking = opts_.tracking_gain * dt;
  }

  constexpr double step(double setpoint, double measurement, double dt, bool first) {
    if (!first && dt != k_.dt) prepare(dt);
    // wanted = P + I + D (to rounding) is grouped as known + per_measurement * measurement:
    // all but the measurement is known before it arrives, and a loop waits for what follows it.
    double derivative = 0, known_derivative = 0, per_measurement = -k_.kp;  // first: no D
    if (!first) {
      // Low-passed slope of the measurement (backward Euler):
      // slope = slope * Tf / (Tf + dt) + (y - y_prev) / (Tf + dt).
      const double moved = measurement - last_measurement_;
      derivative = k_.kd_gain * moved + k_.kd_keep * filtered_slope_;
      known_derivative = k_.kd_keep * filtered_slope_ - k_.kd_gain * last_measurement_;
      per_measurement = k_.per_measurement;
      filtered_slope_ = k_.slope_gain * moved + k_.slope_keep * filtered_slope_;
    }
    const double error = setpoint - measurement;
    terms_.proportional = k_.kp * error;
    terms_.derivative = derivative;
    last_measurement_ = measurement;
    started_ = true;
    if (mode_ == pid_mode::manual) {  // track: the integral that reproduces the held output
      terms_.integral = output_ - terms_.proportional - terms_.derivative;
      return output_;
    }
    const double wanted = (k_.kp * setpoint + known_derivative + terms_.integral) + per_measurement * measurement;
    // The limits and the slew limit as one interval (the last output lies within the limits,
    // so the two overlap): its ends are known early, and the clamp is a max and a min.
    const double room = first ? unlimited : k_.room;
    const double lo = larger(opts_.output_min, output_ - room);
    const double hi = smaller(opts_.output_max, output_ + room);
    const double sent = clamp(wanted, lo, hi);
    if (!first) integrate(k_.sign * error, wanted, sent);
    output_ = sent;
    return sent;
  }

  // e: the error with the action's sign (positive: the output should rise).
  constexpr void integrate(double e, double wanted, double sent) noexcept {
    const double gain = k_.ki_dt * e;
    switch (opts_.windup) {
      case anti_windup::none:
        terms_.integral += gain;
        break;
      case anti_windup::clamping:
        // Integrate unless limited and the error pushes further into the limit (a product's
        // sign, not two branches that a loop at its limit would mispredict).
        terms_.integral += (wanted - sent) * e > 0 ? 0.0 : gain;
        break;
      case anti_windup::back_calculation:
        terms_.integral += gain + k_.tracking * (sent - wanted);
        break;
    }
  }

  pid_options opts_;
  coefficients k_{};
  pid_terms terms_{};
  double filtered_slope_ = 0;  // of the measurement as given (not sign-corrected)
  double last_measurement_ = 0;
  double output_ = 0;
  time_point last_time_{};
  bool started_ = false;
  pid_mode mode_ = pid_mode::automatic;
};

}  // namespace reconcile::control
