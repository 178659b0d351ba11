#pragma once
// detail/controller_core.hpp — the engine behind reconcile::controller: one mutex around a
// work_queue, the limiters and the metrics; step() and run()'s workers share process().
// The reconciler, the lister and the error handler always run without the mutex held.

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <reconcile/clock.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/result.hpp>

namespace reconcile::detail {

// key_sink<Key>: the emit(key) callable handed to a lister; a function reference, no state.
template <class Key>
struct key_sink {
  void* self;
  void (*fn)(void*, const Key&);
  void operator()(const Key& k) const { fn(self, k); }
};

// splitmix64: the jitter generator (tiny, seedable, good enough for jitter).
struct splitmix64 {
  std::uint64_t s;
  std::uint64_t next() noexcept {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() noexcept { return double(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
};

inline double seconds(duration d) noexcept {
  return d < duration::zero() ? 0.0 : std::chrono::duration<double>(d).count();
}

template <class Key, class Hash, class KeyEqual>
class controller_core {
  using queue_type = work_queue<Key, Hash, KeyEqual>;
  using ticket = typename queue_type::ticket;

 public:
  using reconciler = std::function<result(const Key&, const std::stop_token&)>;
  using lister = std::function<void(const key_sink<Key>&)>;
  using error_handler = std::function<void(const Key&, std::string_view)>;

  controller_core(const options& o, reconciler fn)
      : opts_(o),
        clock_(o.clock ? o.clock : &real_clock::instance()),
        fn_(std::move(fn)),
        queue_(o.priority_ageing),
        backoff_{o.backoff_base, o.backoff_max, o.backoff_jitter},
        bucket_(o.bucket),
        rng_{o.seed ? o.seed : std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                                   std::uint64_t(reinterpret_cast<std::uintptr_t>(this))},
        slots_(o.workers ? o.workers : 1, time_point::max()) {
    if (opts_.workers == 0) opts_.workers = 1;
    stats_.max_concurrent = opts_.workers;
    waiter_.mutex = &m_;
    waiter_.cv = &cv_;
    clock_->attach(waiter_);
  }

  controller_core(const controller_core&) = delete;
  controller_core& operator=(const controller_core&) = delete;

  ~controller_core() {
    assert(!running_ && "reconcile::controller destroyed while run() is active");
    clock_->detach(waiter_);
  }

  void set_lister(lister l) { lister_ = std::move(l); }
  void set_error_handler(error_handler h) { on_error_ = std::move(h); }
  const options& config() const noexcept { return opts_; }

  void notify(const Key& k, duration delay, priority p, when_pending w = when_pending::move_earlier) {
    std::unique_lock<std::mutex> lk(m_);
    const time_point now = clock_->now();
    const time_point due = delay > duration::zero() ? add_sat(now, delay) : now;
    if (queue_.add(k, due, now, p, w)) ++stats_.adds;
    const bool wake = idle_ > 0 && (due <= now || due <= queue_.next_due());
    lk.unlock();
    if (wake) cv_.notify_one();
  }

  std::size_t step(std::size_t max_items) {
    std::unique_lock<std::mutex> lk(m_);
    if (running_ || stepping_) return 0;
    stepping_ = true;
    struct reset {
      bool& flag;
      ~reset() { flag = false; }
    } guard{stepping_};
    const time_point now = clock_->now();
    resync_if_due(lk, now);
    batch_.clear();
    while (batch_.size() < max_items) {
      ticket t = queue_.claim(now);
      if (!t) break;
      batch_.push_back(t);
    }
    static const std::stop_token never;
    for (ticket t : batch_) {
      queue_.start(t);
      process(lk, t, 0, never);
    }
    return batch_.size();
  }

  void run(std::stop_token st) {
    {
      std::lock_guard<std::mutex> g(m_);
      if (running_ || stepping_) return;
      running_ = true;
      stopping_ = false;
    }
    {
      std::stop_callback on_stop(st, [this] { request_stop(); });
      std::vector<std::thread> threads;
      threads.reserve(opts_.workers);
      for (unsigned i = 0; i < opts_.workers; ++i) threads.emplace_back([this, &st, i] { worker(i, st); });
      for (std::thread& t : threads) t.join();
    }
    std::lock_guard<std::mutex> g(m_);
    running_ = false;
    stopping_ = false;
  }

  reconcile::metrics snapshot() const {
    std::lock_guard<std::mutex> g(m_);
    const time_point now = clock_->now();
    queue_.promote(now);
    reconcile::metrics m = stats_;
    m.depth = queue_.ready() + queue_.claimed();
    m.delayed = queue_.delayed();
    m.active_workers = active_;
    for (time_point s : slots_) {
      if (s == time_point::max()) continue;
      const double age = seconds(now - s);
      m.unfinished_work_seconds += age;
      if (age > m.longest_running_seconds) m.longest_running_seconds = age;
    }
    return m;
  }

  // failures(k): k's consecutive failures (0 if it has no pending run).
  std::uint32_t failures(const Key& k) const {
    std::lock_guard<std::mutex> g(m_);
    return queue_.failures(k);
  }

  // pending(): keys with a queued, delayed or running reconcile.
  std::size_t pending() const {
    std::lock_guard<std::mutex> g(m_);
    return queue_.size();
  }

  void reserve(std::size_t n) {
    std::lock_guard<std::mutex> g(m_);
    queue_.reserve(n);
    batch_.reserve(n);
  }

 private:
  struct outcome {
    result r = result::retry();
    bool threw = false;
    std::string what;
  };

  outcome invoke(const Key& k, const std::stop_token& st) {
    outcome o;
#if defined(__cpp_exceptions)
    try {
      o.r = fn_(k, st);
    } catch (const std::exception& e) {
      o.threw = true;
      o.what = e.what();
    } catch (...) {
      o.threw = true;
      o.what = "unknown exception";
    }
#else
    o.r = fn_(k, st);
#endif
    return o;
  }

  // process(lk, t, slot, st): runs the started ticket t with the mutex released; lk held on
  // entry and on return.
  void process(std::unique_lock<std::mutex>& lk, ticket t, std::size_t slot, const std::stop_token& st) {
    const time_point start = clock_->now();
    stats_.queue_duration.observe(seconds(start - t.queued_since()));
    slots_[slot] = start;
    ++active_;
    lk.unlock();
    outcome o = invoke(t.key(), st);
    const time_point end = clock_->now();
    if (on_error_ && (o.threw || o.r.kind() == result_kind::terminal)) report(t.key(), o);
    lk.lock();
    finish(t, o, start, end);
    slots_[slot] = time_point::max();
    --active_;
    if (idle_ > 0 && queue_.ready() > 0) cv_.notify_one();
  }

  void report(const Key& k, const outcome& o) noexcept {
#if defined(__cpp_exceptions)
    try {
      on_error_(k, o.threw ? std::string_view(o.what) : std::string_view(o.r.message()));
    } catch (...) {  // an error handler must not take the loop down
    }
#else
    on_error_(k, o.threw ? std::string_view(o.what) : std::string_view(o.r.message()));
#endif
  }

  void finish(ticket t, const outcome& o, time_point start, time_point end) {
    stats_.reconcile_time.observe(seconds(end - start));
    time_point again = time_point::max();
    if (o.threw) ++stats_.exceptions;
    switch (o.threw ? result_kind::retry : o.r.kind()) {
      case result_kind::done:
        ++stats_.reconcile_success;
        queue_.forget(t);
        stats_.time_to_converge.observe(seconds(queue_.converged(t, end)));
        break;
      case result_kind::requeue_after:
        ++stats_.reconcile_requeue_after;
        queue_.forget(t);
        again = add_sat(end, o.r.after());
        break;
      case result_kind::retry: {
        ++stats_.reconcile_error;
        ++stats_.errors;
        ++stats_.retries;
        const duration backoff = backoff_.delay(queue_.fail(t), backoff_.jitter > 0 ? rng_.unit() : 0.0);
        const duration wait = bucket_.reserve(end);
        again = add_sat(end, backoff > wait ? backoff : wait);
        break;
      }
      case result_kind::terminal:
        ++stats_.reconcile_terminal;
        ++stats_.errors;
        queue_.forget(t);
        break;
    }
    queue_.done(t, end, again);
    stats_.work_duration.observe(seconds(clock_->now() - start));
  }

  // resync_if_due(lk, now): lists every key at the resync priority when the period is up;
  // the lister runs with the mutex released (it may call notify).
  void resync_if_due(std::unique_lock<std::mutex>& lk, time_point now) {
    if (!lister_ || resyncing_) return;
    if (!resync_started_) {
      resync_started_ = true;
      next_resync_ = now;
    }
    if (now < next_resync_) return;
    resyncing_ = true;
    resync_now_ = now;
    if (opts_.resync_period > duration::zero()) {
      const double j = opts_.resync_jitter < 0 ? 0 : opts_.resync_jitter;
      const double factor = 1.0 + j * (2.0 * rng_.unit() - 1.0);
      next_resync_ = add_sat(now, std::chrono::duration_cast<duration>(opts_.resync_period * factor));
    } else {
      next_resync_ = time_point::max();
    }
    struct relock {
      std::unique_lock<std::mutex>& lk;
      bool& flag;
      ~relock() {
        lk.lock();
        flag = false;
      }
    } guard{lk, resyncing_};
    lk.unlock();
    const key_sink<Key> sink{this, [](void* self, const Key& k) {
                               auto* c = static_cast<controller_core*>(self);
                               std::unique_lock<std::mutex> g(c->m_);
                               if (c->queue_.add(k, c->resync_now_, c->resync_now_, c->opts_.resync_priority,
                                                 when_pending::keep))
                                 ++c->stats_.adds;
                               const bool wake = c->idle_ > 0;
                               g.unlock();
                               if (wake) c->cv_.notify_one();
                             }};
    lister_(sink);
  }

  void request_stop() {
    {
      std::lock_guard<std::mutex> g(m_);
      if (!stopping_) {
        stopping_ = true;
        drain_deadline_ = std::chrono::steady_clock::now() + opts_.shutdown_timeout;
      }
    }
    cv_.notify_all();
  }

  void worker(std::size_t slot, const std::stop_token& st) {
    std::unique_lock<std::mutex> lk(m_);
    for (;;) {
      if (stopping_ && (!opts_.drain_on_stop || std::chrono::steady_clock::now() >= drain_deadline_)) break;
      const time_point now = clock_->now();
      if (!stopping_) {
#if defined(__cpp_exceptions)
        try {
          resync_if_due(lk, now);
        } catch (...) {  // a throwing lister skips this resync; the next period tries again
        }
#else
        resync_if_due(lk, now);
#endif
      }
      if (ticket t = queue_.pop(now)) {
        process(lk, t, slot, st);
        continue;
      }
      if (stopping_) break;  // drained: nothing is due
      time_point deadline = queue_.next_due();
      if (lister_ && !resyncing_ && next_resync_ < deadline) deadline = next_resync_;
      ++idle_;
      clock_->wait_until(lk, cv_, deadline);
      --idle_;
    }
  }

  options opts_;
  reconcile::clock* clock_;
  reconciler fn_;
  lister lister_;
  error_handler on_error_;

  mutable std::mutex m_;
  std::condition_variable cv_;
  clock::waiter waiter_;
  mutable queue_type queue_;
  exponential_backoff backoff_;
  token_bucket bucket_;
  splitmix64 rng_;
  std::vector<time_point> slots_;  // start time of each worker's running reconcile, or max()
  std::vector<ticket> batch_;      // step()'s claimed items
  reconcile::metrics stats_;
  std::size_t active_ = 0;
  std::size_t idle_ = 0;
  time_point next_resync_{};
  time_point resync_now_{};
  std::chrono::steady_clock::time_point drain_deadline_{};
  bool resync_started_ = false;
  bool resyncing_ = false;
  bool running_ = false;
  bool stepping_ = false;
  bool stopping_ = false;
};

}  // namespace reconcile::detail
