// The simulated world of the autoscale example: a worker pool under a noisy, seeded load, a
// queue whose latency falls as capacity is added (a first-order process with noise), and a
// health probe whose readings blip.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/changeset.hpp>
#include <reconcile/control/autoscaler.hpp>
#include <reconcile/control/observation_filter.hpp>
#include <reconcile/rules.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace autoscale {

struct Worker {
  std::string image = "worker:1.4";
};
// The world plan_for compares: one kind of resource, workers by name.
struct Pool {
  std::map<std::string, Worker> workers;
};

inline std::string worker_name(int i) { return fmt::format("worker-{:02}", i); }

// Desired state from a replica count: worker-00 .. worker-(n-1).
inline Pool pool_of(int replicas) {
  Pool p;
  for (int i = 0; i < replicas; ++i) p.workers[worker_name(i)] = Worker{};
  return p;
}

// Requests per second offered to the pool: 800, then 1600 from 20 min, then 600 from 40 min,
// with 12 % noise on every sample.
class load_signal {
 public:
  explicit load_signal(std::uint64_t seed) : rng_(seed) {}
  static double mean(double minutes) { return minutes < 20 ? 800 : (minutes < 40 ? 1600 : 600); }
  double sample(double minutes) { return mean(minutes) * (1 + 0.12 * noise_(rng_)); }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  std::normal_distribution<double> noise_{0, 1};
};

// The running workers: each serves an equal share of the load; a worker is not ready for its
// first 30 s, and a metric goes missing now and then (3 %).
class worker_pool {
 public:
  reconcile::time_point created(const std::string& name) const { return started_.at(name); }
  void start(const std::string& name, reconcile::time_point now) { started_[name] = now; }
  void stop(const std::string& name) { started_.erase(name); }
  std::size_t size() const { return started_.size(); }

  Pool observe() const {
    Pool p;
    for (const auto& [name, since] : started_) p.workers[name] = Worker{};
    return p;
  }

  std::vector<reconcile::control::replica_metric> metrics(double load, reconcile::time_point now,
                                                          std::mt19937_64& rng) const {
    std::vector<reconcile::control::replica_metric> out;
    std::uniform_real_distribution<double> unit(0, 1);
    for (const auto& [name, since] : started_) {
      using reconcile::control::replica_state;
      if (now - since < std::chrono::seconds(30)) out.push_back({0, replica_state::not_ready});
      else if (unit(rng) < 0.03) out.push_back({0, replica_state::missing});
      else out.push_back({load / static_cast<double>(started_.size()) * (0.95 + 0.1 * unit(rng)), replica_state::ready});
    }
    return out;
  }

 private:
  std::map<std::string, reconcile::time_point> started_;
};

// The actuator plan_for's actions run on.
struct pool_actuator {
  worker_pool& pool;
  reconcile::time_point now;
  void create(const std::string& name, const Worker&) { pool.start(name, now); }
  void update(const std::string&, const Worker&, const Worker&, const reconcile::changeset<Worker>&) {}
  void remove(const std::string& name, const Worker&) { pool.stop(name); }
};

// Queue latency (ms) with `capacity` extra servers (0..100): it settles at base - 1.2 * capacity
// with a 4 s time constant; the base is 150 ms, 190 ms from 150 s on (a load surge). Measured
// with 4 ms of noise.
class queue_process {
 public:
  explicit queue_process(std::uint64_t seed) : rng_(seed) {}
  double latency() const { return latency_; }
  double measure() { return latency_ + noise_(rng_); }
  void advance(double capacity, double t, double dt) {
    const double base = t < 150 ? 150 : 190;
    const double settled = base - 1.2 * capacity;
    latency_ = settled + (latency_ - settled) * std::exp(-dt / 4.0);
  }

 private:
  double latency_ = 150;
  std::mt19937_64 rng_;
  std::normal_distribution<double> noise_{0, 4};
};

// What a health probe reports about the pool: its phase and its p99 latency, and when.
struct Health {
  std::string phase = "serving";
  double p99_ms = 80;
  reconcile::time_point observed_at{};
};
// The reconciler acts when the phase is not desired's (restart) or the p99 is more than 15 ms
// away (shed load). The filters: a phase must read so 3 probes in a row; a p99 drift is acted
// on once beyond 40 ms, until back within 15; a reading older than 60 s is not acted on.
constexpr auto reconcile_rules(reconcile::type_t<Health>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Health::phase> | debounce(3),
                          field<&Health::p99_ms> | tolerance(15) | hysteresis(15, 40),
                          field<&Health::observed_at> | stale_after(std::chrono::seconds(60)));
}

// Probe readings: "degraded" on 8 % of single probes (never two in a row) and for real from 45
// to 50 min; a p99 of 80 ms with 9 ms of noise, 140 ms for real from 10 to 15 min.
class health_probe {
 public:
  explicit health_probe(std::uint64_t seed) : rng_(seed) {}
  Health sample(double minutes, reconcile::time_point now) {
    Health h;
    blip_ = !blip_ && unit_(rng_) < 0.08;
    if (blip_ || (minutes >= 45 && minutes < 50)) h.phase = "degraded";
    h.p99_ms = (minutes >= 10 && minutes < 15 ? 140 : 80) + noise_(rng_);
    h.observed_at = now;
    return h;
  }

 private:
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> unit_{0, 1};
  std::normal_distribution<double> noise_{0, 9};
  bool blip_ = false;
};

}  // namespace autoscale
