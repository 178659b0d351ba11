// reconcile/clock.hpp — where the loop driver reads time and sleeps.
//
// The controller never calls std::chrono directly: it asks a `reconcile::clock`. The default is
// `real_clock` (std::chrono::steady_clock); tests use `manual_clock`, whose time moves only by
// advance(), so that delays, backoff and resync are deterministic and step() needs no sleeps.
//
// Sleeping workers and a clock that jumps (kubernetes #125581, the fake-clock race): a worker
// decides to sleep while holding its controller's mutex, after reading now(). manual_clock
// stores the new time first and then locks every attached waiter's mutex before notifying
// it, so an advance() either happens before the worker's check (the worker sees the new time)
// or wakes the worker once it sleeps. No wake-up is ever lost and no polling is needed.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace reconcile {

/// duration, time_point: the units of every delay and instant in the loop driver (ns, steady).
using duration = std::chrono::steady_clock::duration;
using time_point = std::chrono::steady_clock::time_point;

/// clock: a source of time_points and a way to sleep until one; implement now() for your own.
class clock {
 public:
  /// waiter{&mutex, &cv}: a sleeper the clock must wake when its time jumps (see attach()).
  struct waiter {
    std::mutex* mutex = nullptr;
    std::condition_variable* cv = nullptr;
    waiter* prev = nullptr;  // intrusive list links, owned by the clock
    waiter* next = nullptr;
  };

  clock() = default;
  clock(const clock&) = delete;
  clock& operator=(const clock&) = delete;
  virtual ~clock() = default;

  /// now(): the current time; must be monotonic and cheap (called a few times per reconcile).
  virtual time_point now() const noexcept = 0;

  /// wait_until(lk, cv, deadline): sleeps on cv (lk held, as std::condition_variable) until
  /// deadline, a notify of cv, or spuriously; time_point::max() means no deadline. The default
  /// converts the remaining time to a real-time wait, which suits any clock that runs at 1 s/s.
  virtual void wait_until(std::unique_lock<std::mutex>& lk, std::condition_variable& cv,
                          time_point deadline) const {
    if (deadline == time_point::max()) {
      cv.wait(lk);
      return;
    }
    const duration left = deadline - now();
    if (left > duration::zero()) cv.wait_for(lk, left);
  }

  /// attach(w) / detach(w): register a sleeper woken by time jumps; no-ops for real time.
  /// The controller attaches at construction and detaches in its destructor, both without
  /// holding w.mutex; the clock must outlive every controller attached to it.
  virtual void attach(waiter&) noexcept {}
  virtual void detach(waiter&) noexcept {}
};

/// real_clock: std::chrono::steady_clock; the default when options::clock is null. Free.
class real_clock final : public clock {
 public:
  time_point now() const noexcept override { return std::chrono::steady_clock::now(); }
  void wait_until(std::unique_lock<std::mutex>& lk, std::condition_variable& cv,
                  time_point deadline) const override {
    if (deadline == time_point::max())
      cv.wait(lk);
    else
      cv.wait_until(lk, deadline);
  }
  /// instance(): the process-wide real clock (stateless, thread-safe).
  static real_clock& instance() noexcept {
    static real_clock c;
    return c;
  }
};

/// manual_clock: time moves only by advance(d) or set(t); thread-safe; wakes attached sleepers.
/// Example: reconcile::manual_clock c; opts.clock = &c; ctl.notify_after(k, 5s);
///          c.advance(5s); ctl.step();   // runs k
class manual_clock final : public clock {
 public:
  /// manual_clock(start): a clock standing at start (default: the epoch, time_point{}).
  explicit manual_clock(time_point start = time_point{}) noexcept : now_(start.time_since_epoch().count()) {}

  time_point now() const noexcept override {
    return time_point(duration(now_.load(std::memory_order_seq_cst)));
  }

  /// advance(d): moves time forward by d (negative d is ignored) and wakes every sleeper.
  /// Cost: one lock of each attached controller's mutex.
  void advance(duration d) noexcept {
    if (d < duration::zero()) d = duration::zero();
    std::lock_guard<std::mutex> g(registry_);
    now_.store(now_.load(std::memory_order_relaxed) + d.count(), std::memory_order_seq_cst);
    wake_all_locked();
  }

  /// set(t): moves time forward to t (never backwards) and wakes every sleeper.
  void set(time_point t) noexcept {
    std::lock_guard<std::mutex> g(registry_);
    if (t.time_since_epoch().count() > now_.load(std::memory_order_relaxed))
      now_.store(t.time_since_epoch().count(), std::memory_order_seq_cst);
    wake_all_locked();
  }

  /// sleepers(): how many threads sleep in wait_until right now (for tests that must know a
  /// worker is asleep before they advance). Free.
  std::size_t sleepers() const noexcept { return sleepers_.load(std::memory_order_seq_cst); }

  /// wait_until: sleeps until a notify of cv (advance() notifies); the deadline is not polled.
  void wait_until(std::unique_lock<std::mutex>& lk, std::condition_variable& cv,
                  time_point deadline) const override {
    if (deadline != time_point::max() && now() >= deadline) return;
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    cv.wait(lk);
    sleepers_.fetch_sub(1, std::memory_order_seq_cst);
  }

  void attach(waiter& w) noexcept override {
    std::lock_guard<std::mutex> g(registry_);
    w.prev = nullptr;
    w.next = head_;
    if (head_) head_->prev = &w;
    head_ = &w;
  }

  void detach(waiter& w) noexcept override {
    std::lock_guard<std::mutex> g(registry_);
    if (w.prev) w.prev->next = w.next; else if (head_ == &w) head_ = w.next;
    if (w.next) w.next->prev = w.prev;
    w.prev = w.next = nullptr;
  }

 private:
  void wake_all_locked() noexcept {
    for (waiter* w = head_; w; w = w->next) {
      // Lock then unlock the sleeper's mutex: a sleeper that read the old time still holds
      // it until it sleeps, so the notify below cannot slip in before its wait.
      { std::lock_guard<std::mutex> g(*w->mutex); }
      w->cv->notify_all();
    }
  }

  std::atomic<duration::rep> now_;
  mutable std::atomic<std::size_t> sleepers_{0};
  std::mutex registry_;
  waiter* head_ = nullptr;
};

}  // namespace reconcile
