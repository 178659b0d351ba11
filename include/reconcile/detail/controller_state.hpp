// detail/controller_state.hpp — the part of the controller engine that does not depend on the
// key type: the lock, the clock and its waiters, the worker slots, run()'s flags, the
// reconcile_timeout watchdog and the metrics counters. controller_core derives from it.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_parts.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace reconcile::detail {

class run_state {
 protected:
  explicit run_state(const options& o)
      : opts_(o), clock_(o.clock ? o.clock : &real_clock::instance()), slots_(o.workers ? o.workers : 1) {
    if (opts_.workers == 0) opts_.workers = 1;
    stats_.max_concurrent = opts_.workers;
    waiter_.mutex = &m_;
    waiter_.cv = &cv_;
    clock_->attach(waiter_);
    if (timeouts_on()) {
      watch_waiter_.mutex = &m_;
      watch_waiter_.cv = &watch_cv_;
      clock_->attach(watch_waiter_);
      fired_.reserve(slots_.size());
    }
  }

  ~run_state() {
    if (watchdog_.joinable()) {
      {
        std::lock_guard<std::mutex> g(m_);
        watch_quit_ = true;
      }
      watch_cv_.notify_all();
      watchdog_.join();
    }
    if (timeouts_on()) clock_->detach(watch_waiter_);
    clock_->detach(waiter_);
  }

  run_state(const run_state&) = delete;
  run_state& operator=(const run_state&) = delete;

  bool timeouts_on() const noexcept { return opts_.reconcile_timeout > duration::zero(); }
  bool resync_due(time_point now) const noexcept { return !resync_started_ || now >= next_resync_; }

  // start_watchdog(): with a reconcile_timeout, starts the thread that stops overrunning
  // reconciles (once per controller). m_ held.
  void start_watchdog() {
    if (!timeouts_on() || watchdog_.joinable()) return;
    watchdog_ = std::thread([this] { watch(); });
  }

  // request_stop(): run()'s token was stopped: no new item starts; running reconciles see
  // their token stopped (with a timeout, through their slot's source, outside the lock).
  void request_stop() {
    {
      std::lock_guard<std::mutex> g(m_);
      stopped_ = true;
      if (!stopping_) {
        stopping_ = true;
        drain_deadline_ = std::chrono::steady_clock::now() + opts_.shutdown_timeout;
      }
      collect_sources(time_point::min());
    }
    fire_collected();
    cv_.notify_all();
  }

  // add_running(m, now): the running reconciles into m (how many, how long they have run). m_ held.
  void add_running(reconcile::metrics& m, time_point now) const {
    m.active_workers = active_;
    for (const worker_slot& s : slots_) {
      if (s.start == time_point::max()) continue;
      const double age = seconds(now - s.start);
      m.unfinished_work_seconds += age;
      if (age > m.longest_running_seconds) m.longest_running_seconds = age;
    }
  }

  options opts_;
  reconcile::clock* clock_;
  mutable std::mutex m_;
  std::condition_variable cv_;        // workers sleep here
  std::condition_variable idle_cv_;   // wait_idle() sleeps here
  std::condition_variable watch_cv_;  // the watchdog sleeps here
  clock::waiter waiter_;
  clock::waiter watch_waiter_;
  std::vector<worker_slot> slots_;
  reconcile::metrics stats_;
  std::size_t active_ = 0;
  std::size_t idle_ = 0;
  std::size_t idle_waiters_ = 0;
  time_point next_resync_{};
  std::chrono::steady_clock::time_point drain_deadline_{};
  bool resync_started_ = false;
  bool resyncing_ = false;
  bool running_ = false;
  bool stepping_ = false;
  bool stopping_ = false;
  bool stopped_ = false;  // a run() was stopped and no run() has started since

 private:
  // collect_sources(now): marks each running slot whose deadline is <= now as fired (a
  // timeout) and copies its source into fired_; now == time_point::min() means shutdown: every
  // running slot, no timeout counted. Returns the earliest deadline still ahead. m_ held.
  time_point collect_sources(time_point now) {
    time_point next = time_point::max();
    const bool shutdown = now == time_point::min();
    for (worker_slot& s : slots_) {
      if (s.start == time_point::max() || s.fired || !s.source.stop_possible()) continue;
      if (shutdown || s.deadline <= now) {
        s.fired = true;
        if (!shutdown) ++stats_.timeouts;
        fired_.push_back(s.source);
      } else if (s.deadline < next) {
        next = s.deadline;
      }
    }
    return next;
  }

  // fire_collected(): requests stop on the collected sources without the lock (their stop
  // callbacks may call into the controller).
  void fire_collected() {
    std::vector<std::stop_source> fire;
    {
      std::lock_guard<std::mutex> g(m_);
      fire.swap(fired_);
    }
    for (std::stop_source& s : fire) s.request_stop();
  }

  void watch() {
    std::unique_lock<std::mutex> lk(m_);
    while (!watch_quit_) {
      const time_point next = collect_sources(clock_->now());
      if (!fired_.empty()) {
        lk.unlock();
        fire_collected();
        lk.lock();
        continue;
      }
      clock_->wait_until(lk, watch_cv_, next);
    }
  }

  std::thread watchdog_;
  std::vector<std::stop_source> fired_;
  bool watch_quit_ = false;
};

}  // namespace reconcile::detail
