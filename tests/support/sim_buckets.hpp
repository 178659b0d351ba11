// tests/support/sim_buckets.hpp - the simulator's test subject: buckets (a region that is
// immutable, a versioning flag, tags) reconciled per key by the plan/execute/expectations
// loop on a reconcile::controller, as a user would write it; and a scenario over n keys.
#pragma once

#include <reconcile/reconcile.hpp>
#include <reconcile/sim.hpp>

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

namespace simtest {

struct Bucket {
  std::string region = "eu";
  int versioning = 0;
  std::map<std::string, std::string> tags;
};
constexpr auto reconcile_rules(reconcile::type_t<Bucket>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Bucket::region> | immutable);
}

using world = reconcile::sim::world<std::string, Bucket>;
using namespace std::chrono_literals;

// in_flight: whether the controller keeps expectations (the correct one) or not (a bug).
enum class in_flight { expectations, forgotten };

// bucket_controller: one reconcile per key: read it, plan against its desired state with the
// key's expectations (kept in the key's journal in the world), execute on the world's
// actuator. A crash loses all of it but what the journals hold. (Per key rather than one
// shared object: a shared one scans every address on each plan_for and execute, O(keys) per
// reconcile: see the report of issue #18.)
template <class World = world>
class bucket_controller {
 public:
  explicit bucket_controller(World& w, unsigned workers = 1, in_flight memory = in_flight::expectations)
      : w_(w),
        memory_(memory),
        ctl_(options(w, workers), w.checked([this](const std::string& k) { return reconcile(k); })) {
    ctl_.set_lister([&w] { return w.keys(); });
  }
  std::size_t step() { return ctl_.step(); }
  void notify(const std::string& k) { ctl_.notify(k); }
  void run(std::stop_token st) { ctl_.run(std::move(st)); }

 private:
  static reconcile::options options(World& w, unsigned workers) {
    reconcile::options o;
    o.clock = &w.clock();
    o.workers = workers;
    o.backoff_base = 100ms;
    o.backoff_max = 800ms;
    o.resync_period = 2s;
    o.seed = w.options().seed + 1;  // the resync jitter: deterministic too
    return o;
  }
  reconcile::expectations& expect(const std::string& k) {
    std::lock_guard lk(m_);
    auto& e = expect_[k];
    if (!e) e = std::make_unique<reconcile::expectations>(w_.journal(k), 5s, &w_.clock());  // reloads k's intents
    return *e;
  }
  reconcile::result reconcile(const std::string& key) {
    std::map<std::string, Bucket> observed, desired;
    if (auto r = w_.read(key)) observed.emplace(key, std::move(*r));
    if (auto d = w_.desired(key)) desired.emplace(key, std::move(*d));
    reconcile::expectations* e = memory_ == in_flight::expectations ? &expect(key) : nullptr;
    reconcile::plan_options po;
    po.expect = e;
    po.observed = reconcile::observation_scope::whole_slice;  // this key's whole slice
    po.slice = key;
    const auto p = reconcile::plan_for(observed, desired, po);
    const auto r = reconcile::execute(p, w_.actuator(), {.expect = e});
    if (p.empty()) return reconcile::result::done();
    if (!r.ok()) return reconcile::result::retry();
    return reconcile::result::requeue_after(200ms);  // look again: confirm, or wait for one in flight
  }

  World& w_;
  in_flight memory_;
  std::mutex m_;
  std::map<std::string, std::unique_ptr<reconcile::expectations>> expect_;
  reconcile::controller<std::string> ctl_;
};

// churned: what churn changes: tags only, or also (one time in four) the immutable region,
// which makes the plan replace the bucket.
enum class churned { tags, tags_and_region };

// scenario(n, seed, faults, c): n keys: 40 % to create, 30 % to update, 20 % already right,
// 10 % to delete; churn as `c` says; drift sets versioning to 10..14.
inline reconcile::sim::world_options<std::string, Bucket> scenario(std::size_t n, std::uint64_t seed,
                                                                  const reconcile::sim::fault_options& faults,
                                                                  churned c = churned::tags) {
  reconcile::sim::world_options<std::string, Bucket> o;
  o.seed = seed;
  o.faults = faults;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string k = fmt::format("b{:05}", i);
    Bucket want{i % 3 ? "eu" : "us", int(i % 2), {{"team", "t" + std::to_string(i % 7)}}};
    switch (i % 10) {
      case 0: case 1: case 2: case 3: o.desired[k] = want; break;
      case 4: case 5: case 6: o.desired[k] = want; want.versioning = 5; o.initial[k] = want; break;
      case 7: case 8: o.desired[k] = want; o.initial[k] = want; break;
      default: o.initial[k] = want;
    }
  }
  o.churn = [c](const std::string&, Bucket& b, reconcile::sim::rng& g) {
    if (c == churned::tags_and_region && g.below(4) == 0) b.region = b.region == "eu" ? "us" : "eu";
    else b.tags["rev"] = std::to_string(g.below(1000));
  };
  o.drift = [](const std::string&, Bucket& b, reconcile::sim::rng& g) { b.versioning = 10 + int(g.below(5)); };
  return o;
}

}  // namespace simtest
