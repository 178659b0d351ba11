// reconcile/control/autoscaler.hpp - a replica count from a load metric, in the style of the
// Kubernetes HorizontalPodAutoscaler (autoscaling/v2 with behaviors), which users know:
//
//   desired = ceil(current * metric / target)      unless |metric/target - 1| <= tolerance (10 %)
//   then stabilised: scale up to the LOWEST and down to the HIGHEST recommendation of the
//   last window (default 0 s up, 300 s down), then rate-limited by policies (at most N
//   replicas or P % per period; selected by max, min or disabled), then bounded by min/max.
//   Replicas with no metric and replicas not ready yet count as the HPA counts them.
//
//   reconcile::control::autoscaler_options o;
//   o.target = 100;                       // requests/s per worker
//   o.min_replicas = 2; o.max_replicas = 20;
//   reconcile::control::autoscaler scaler(o);
//   desired.workers = scaler.recommend(current, load_per_worker, clock.now()).replicas;
//
// The result is a desired state like any other: put it in the struct that plan_for reads.
// recommend() assumes its result is applied (it records the change for the rate policies).
// Cost: O(recommendations in the longest window + scale events in the longest period); no
// allocation once the history has reached its steady size.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/control/detail/replica_count.hpp>
#include <reconcile/control/detail/validate.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace reconcile::control {

/// policy_unit: a scaling policy counts replicas (pods) or a percentage of the replicas.
enum class policy_unit : unsigned char { pods, percent };

/// scaling_policy{unit, value, period}: at most value replicas (or value %) per period.
struct scaling_policy {
  policy_unit unit = policy_unit::pods;
  std::int32_t value = 1;
  duration period = std::chrono::seconds(15);
};

/// select_policy: which policy limits (HPA's selectPolicy): the one allowing the most change,
/// the least, or none at all (scaling in that direction is disabled).
enum class select_policy : unsigned char { max, min, disabled };

/// scaling_rules: one direction's stabilisation window and rate policies (HPA's HPAScalingRules).
struct scaling_rules {
  static constexpr std::size_t max_policies = 4;
  duration stabilization_window = duration::zero();
  select_policy select = select_policy::max;
  std::array<scaling_policy, max_policies> policies{};
  std::size_t policy_count = 0;

  /// with(p): these rules plus policy p; throws reconcile::error beyond max_policies.
  constexpr scaling_rules with(scaling_policy p) const {
    if (policy_count == max_policies) detail::bad_option("scaling_rules", "policies", "holds at most 4 policies");
    scaling_rules r = *this;
    r.policies[r.policy_count++] = p;
    return r;
  }
  /// hpa_scale_up(): no window; the larger of +100 % and +4 replicas per 15 s (HPA's default).
  static constexpr scaling_rules hpa_scale_up() {
    return scaling_rules{}
        .with({policy_unit::percent, 100, std::chrono::seconds(15)})
        .with({policy_unit::pods, 4, std::chrono::seconds(15)});
  }
  /// hpa_scale_down(): a 300 s window; up to -100 % per 15 s (HPA's default).
  static constexpr scaling_rules hpa_scale_down() {
    scaling_rules r = scaling_rules{}.with({policy_unit::percent, 100, std::chrono::seconds(15)});
    r.stabilization_window = std::chrono::seconds(300);
    return r;
  }
};

/// autoscaler_options: target, bounds, tolerance and both directions' rules (HPA defaults).
struct autoscaler_options {
  double target = 1.0;  // the per-replica metric average wanted (> 0)
  std::int32_t min_replicas = 1;
  std::int32_t max_replicas = 10;
  double tolerance = 0.1;  // no change while |metric/target - 1| <= tolerance
  scaling_rules scale_up = scaling_rules::hpa_scale_up();
  scaling_rules scale_down = scaling_rules::hpa_scale_down();
};

/// replica_state: a replica's metric is ready, untrusted (the replica is starting), or missing.
enum class replica_state : unsigned char { ready, not_ready, missing };

/// replica_metric{value, state}: one replica's sample (value is read only when ready).
struct replica_metric {
  double value = 0;
  replica_state state = replica_state::ready;
};

/// scale_limit: what decided a recommendation besides the metric itself.
enum class scale_limit : unsigned char {
  none,           // the metric's count (or the current count, within tolerance)
  no_metrics,     // no ready replica had a metric: the count is kept
  disabled,       // the current count is 0: autoscaling is off (as the HPA)
  stabilization,  // the window held the count back
  rate,           // a rate policy limited the step (or select_policy::disabled)
  min_replicas,
  max_replicas,
};

/// scale_decision: the replicas to run, the metric's raw recommendation, and what limited it.
struct scale_decision {
  std::int32_t replicas = 0;
  std::int32_t recommended = 0;
  scale_limit limited_by = scale_limit::none;
};

/// autoscaler(options): the HPA's decision procedure with its state (windows, past scalings).
class autoscaler {
 public:
  /// autoscaler(o): checks o (reconcile::error naming the field); allocates its history buffers.
  explicit autoscaler(const autoscaler_options& o) : opts_(o) {
    check(o);
    recommendations_.reserve(64);
    events_.reserve(64);
  }

  /// recommend(current, metrics, now): the replicas to run, from each replica's sample.
  scale_decision recommend(std::int32_t current, std::span<const replica_metric> metrics, time_point now) {
    detail::metric_tally t;
    for (const replica_metric& m : metrics) {
      if (m.state == replica_state::ready) {
        ++t.ready;
        t.sum += m.value;
      } else if (m.state == replica_state::not_ready) {
        ++t.not_ready;
      } else {
        ++t.missing;
      }
    }
    return decide(current, t, now);
  }

  /// recommend(current, average, now): the same when every replica is ready and the metric's
  /// per-replica average is known: ceil(current * average / target) before the limits.
  scale_decision recommend(std::int32_t current, double average, time_point now) {
    return decide(current, {current, 0, 0, average * current}, now);
  }

  /// options(): the options in use.
  const autoscaler_options& options() const noexcept { return opts_; }

 private:
  struct stamped {
    time_point at;
    std::int32_t value;  // a recommendation, or a scale event's signed change
  };

  static void check(const autoscaler_options& o) {
    if (!(o.target > 0)) detail::bad_option("autoscaler_options", "target", "must be > 0");
    if (o.min_replicas < 0) detail::bad_option("autoscaler_options", "min_replicas", "must be >= 0");
    if (o.max_replicas < std::max(o.min_replicas, std::int32_t{1}))
      detail::bad_option("autoscaler_options", "max_replicas", "must be >= min_replicas and >= 1");
    if (!(o.tolerance >= 0)) detail::bad_option("autoscaler_options", "tolerance", "must be >= 0");
    check(o.scale_up, "scale_up");
    check(o.scale_down, "scale_down");
  }
  static void check(const scaling_rules& r, std::string_view which) {
    if (r.stabilization_window < duration::zero())
      detail::bad_option("autoscaler_options", std::string(which) + ".stabilization_window", "must be >= 0");
    if (r.select != select_policy::disabled && r.policy_count == 0)
      detail::bad_option("autoscaler_options", std::string(which) + ".policies", "must not be empty");
    for (std::size_t i = 0; i < r.policy_count; ++i)
      if (r.policies[i].value <= 0 || r.policies[i].period <= duration::zero())
        detail::bad_option("autoscaler_options", std::string(which) + ".policies",
                           "need a value > 0 and a period > 0");
  }

  scale_decision decide(std::int32_t current, const detail::metric_tally& t, time_point now) {
    if (current < 0) detail::bad_option("autoscaler", "recommend.current", "must be >= 0");
    if (current == 0) return {0, 0, scale_limit::disabled};
    scale_decision d;
    if (current > opts_.max_replicas) {
      d = {opts_.max_replicas, opts_.max_replicas, scale_limit::max_replicas};
    } else if (current < opts_.min_replicas) {
      d = {opts_.min_replicas, opts_.min_replicas, scale_limit::min_replicas};
    } else {
      const auto raw = detail::replica_count(current, t, opts_.target, opts_.tolerance);
      if (!raw) return {current, current, scale_limit::no_metrics};
      d.recommended = *raw;
      d.replicas = stabilize(*raw, current, now);
      if (d.replicas != *raw) d.limited_by = scale_limit::stabilization;
      limit_rate(d, current, now);
    }
    if (d.replicas != current) record(events_, now, d.replicas - current, longest_period());
    return d;
  }

  // The HPA's stabilisation: up to the lowest recommendation of the up-window, down to the
  // highest of the down-window (each window includes this recommendation).
  std::int32_t stabilize(std::int32_t raw, std::int32_t current, time_point now) {
    const duration up_window = opts_.scale_up.stabilization_window;
    const duration down_window = opts_.scale_down.stabilization_window;
    if (!seeded_) {  // as the HPA: a new autoscaler does not scale down at once
      seeded_ = true;
      if (down_window > duration::zero()) recommendations_.push_back({now, current});
    }
    std::int32_t up = raw, down = raw;
    for (const stamped& r : recommendations_) {
      if (r.at > now - up_window) up = std::min(up, r.value);
      if (r.at > now - down_window) down = std::max(down, r.value);
    }
    record(recommendations_, now, raw, std::max(up_window, down_window));
    return std::min(std::max(current, up), down);
  }

  // Rate policies, then min/max (HPA's convertDesiredReplicasWithBehaviorRate).
  void limit_rate(scale_decision& d, std::int32_t current, time_point now) const {
    if (d.replicas > current) {
      const std::int32_t most = std::min(opts_.max_replicas, std::max(current, limit(opts_.scale_up, current, now, +1)));
      if (d.replicas > most) d = {most, d.recommended, most == opts_.max_replicas ? scale_limit::max_replicas : scale_limit::rate};
    } else if (d.replicas < current) {
      const std::int32_t least = std::max(opts_.min_replicas, std::min(current, limit(opts_.scale_down, current, now, -1)));
      if (d.replicas < least) d = {least, d.recommended, least == opts_.min_replicas ? scale_limit::min_replicas : scale_limit::rate};
    }
  }

  // The count the policies allow from the count at each period's start (HPA's
  // calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors).
  std::int32_t limit(const scaling_rules& r, std::int32_t current, time_point now, int direction) const {
    if (r.select == select_policy::disabled) return current;
    const bool most_change = r.select == select_policy::max;
    std::int64_t best = (direction > 0) == most_change ? INT64_MIN : INT64_MAX;
    for (std::size_t i = 0; i < r.policy_count; ++i) {
      const scaling_policy& p = r.policies[i];
      std::int64_t changed = 0;  // replicas added minus removed within the period
      for (const stamped& e : events_)
        if (e.at > now - p.period) changed += e.value;
      const std::int64_t start = current - changed;
      std::int64_t proposed = 0;
      if (p.unit == policy_unit::pods) proposed = start + direction * p.value;
      else if (direction > 0) proposed = static_cast<std::int64_t>(std::ceil(static_cast<double>(start) * (1 + p.value / 100.0)));
      else proposed = static_cast<std::int64_t>(static_cast<double>(start) * (1 - p.value / 100.0));
      best = (direction > 0) == most_change ? std::max(best, proposed) : std::min(best, proposed);
    }
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(best, 0, INT32_MAX));
  }

  duration longest_period() const noexcept {
    duration longest = duration::zero();
    for (const scaling_rules* r : {&opts_.scale_up, &opts_.scale_down})
      for (std::size_t i = 0; i < r->policy_count; ++i) longest = std::max(longest, r->policies[i].period);
    return longest;
  }

  // Appends (now, value) and drops what no window or period can see any more.
  static void record(std::vector<stamped>& v, time_point now, std::int32_t value, duration keep) {
    const auto first_kept = std::find_if(v.begin(), v.end(), [&](const stamped& s) { return s.at > now - keep; });
    v.erase(v.begin(), first_kept);
    if (keep > duration::zero()) v.push_back({now, value});
  }

  autoscaler_options opts_;
  std::vector<stamped> recommendations_;
  std::vector<stamped> events_;
  bool seeded_ = false;
};

}  // namespace reconcile::control
