// The autoscaler's raw replica count from per-replica metrics, with the Kubernetes HPA's
// treatment of missing and not-ready replicas (pkg/controller/podautoscaler/replica_calculator.go,
// behaviour as its documentation states it; not its code). Namespace detail only.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace reconcile::control::detail {

// What the metrics of the replicas add up to.
struct metric_tally {
  std::int32_t ready = 0;      // replicas with a metric, ready
  std::int32_t not_ready = 0;  // replicas still starting (their metric is not trusted)
  std::int32_t missing = 0;    // replicas without a metric
  double sum = 0;              // sum of the ready replicas' metrics
};

// ceil(x) as an int32, saturating (a ratio of 1e300 must not wrap around).
inline std::int32_t ceil_count(double x) noexcept {
  constexpr double top = static_cast<double>(std::numeric_limits<std::int32_t>::max());
  const double c = std::ceil(x);
  return c >= top ? std::numeric_limits<std::int32_t>::max() : (c <= 0 ? 0 : static_cast<std::int32_t>(c));
}

inline bool outside(double ratio, double tolerance) noexcept { return std::fabs(1.0 - ratio) > tolerance; }

// The HPA's recommendation for one metric, or nullopt when no ready replica has a metric
// (the HPA then does not scale). current: the replica count now; target: the per-replica
// average wanted.
inline std::optional<std::int32_t> replica_count(std::int32_t current, const metric_tally& m, double target,
                                                 double tolerance) noexcept {
  if (m.ready == 0) return std::nullopt;
  const double ratio = m.sum / m.ready / target;
  // Not-ready replicas count (at 0) only on a scale-up: their missing load is not spread
  // onto the ready ones, which would scale up too far.
  const bool rebalance_not_ready = m.not_ready > 0 && ratio > 1.0;
  if (!rebalance_not_ready && m.missing == 0)
    return outside(ratio, tolerance) ? ceil_count(ratio * m.ready) : current;

  // Missing metrics count against the move: at the target on a scale-down, at 0 on a scale-up.
  double sum = m.sum;
  std::int32_t counted = m.ready;
  if (m.missing > 0 && ratio < 1.0) {
    sum += target * m.missing;
    counted += m.missing;
  } else if (m.missing > 0 && ratio > 1.0) {
    counted += m.missing;
  }
  if (rebalance_not_ready) counted += m.not_ready;
  const double settled = sum / counted / target;
  // Inside the tolerance, or the assumptions reversed the direction: keep the count.
  if (!outside(settled, tolerance) || (ratio < 1.0 && settled > 1.0) || (ratio > 1.0 && settled < 1.0))
    return current;
  const std::int32_t count = ceil_count(settled * counted);
  if ((settled < 1.0 && count > current) || (settled > 1.0 && count < current)) return current;
  return count;
}

}  // namespace reconcile::control::detail
