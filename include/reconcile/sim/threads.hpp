// reconcile/sim/threads.hpp - run_threads(): the same scenario with the controller on real
// worker threads (its run()), the world advancing one tick per real interval. Not
// deterministic (the interleaving is the threads'), but bounded in time; it checks what a
// single thread cannot: no key reconciled concurrently (world::checked), convergence and
// duplicate effects under real concurrency. Meant to run under ThreadSanitizer.
#pragma once

#include <reconcile/sim/world.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <thread>
#include <utility>

namespace reconcile::sim {

/// thread_options: the real time per simulated tick, and the real-time limit of the run.
struct thread_options {
  std::chrono::microseconds tick_every{500};
  std::chrono::milliseconds time_limit{20000};
};

namespace detail {
template <class Make, class World, class K>
concept running_factory = requires(Make& m, World& w, const K& k, std::stop_token st) {
  m(w)->run(st);
  m(w)->notify(k);
};
}  // namespace detail

/// run_threads(w, make, o): runs w's scenario with make(w)'s controller on its run() threads
/// (restarted after each crash: stopped, joined, destroyed, made anew); returns the report.
/// A run that passes o.time_limit of real time stops and reports non-convergence.
template <class K, class R, class Ret, class Make>
report run_threads(world<K, R, Ret>& w, Make&& make, const thread_options& o = {}) {
  static_assert(detail::running_factory<Make, world<K, R, Ret>, K>,
                "reconcile::sim::run_threads: make(world&) must return a pointer (e.g. std::unique_ptr) to a "
                "controller with run(std::stop_token) and notify(const Key&)");
  if constexpr (detail::running_factory<Make, world<K, R, Ret>, K>) {
    auto& core = detail::world_access::core(w);
    core.reset(nullptr);
    auto ctl = make(w);
    auto start = [](auto& c) { return std::jthread([p = c.get()](std::stop_token st) { p->run(st); }); };
    std::jthread worker = start(ctl);
    const auto deadline = std::chrono::steady_clock::now() + o.time_limit;
    const std::uint64_t limit = w.options().fault_ticks + w.options().converge_within;
    std::optional<std::uint64_t> converged_at;
    std::uint64_t t = 0;
    for (;; ++t) {
      std::this_thread::sleep_for(o.tick_every);
      core.begin_tick(t);
      if (core.crash_due()) {
        worker.request_stop();
        worker.join();
        ctl.reset();
        ctl = make(w);
        worker = start(ctl);
      }
      core.drift_and_churn();
      core.deliver(*ctl);
      core.end_tick();
      if (core.settled()) {
        converged_at = t;
        break;
      }
      if (t >= limit || std::chrono::steady_clock::now() > deadline) break;
    }
    worker.request_stop();
    worker.join();
    return core.finish(converged_at, t);
  } else {
    return {};
  }
}

}  // namespace reconcile::sim
