// detail/controller_core.hpp — the engine behind reconcile::controller: one mutex around a
// work_queue, the limiters and the metrics; step() and run()'s workers share process(), and
// hand each outcome to detail/controller_outcome.hpp's retry_policy; a watchdog thread (only
// with options::reconcile_timeout, in detail/controller_state.hpp) stops reconciles that overrun.
// The reconciler, the lister, the error handler and stop callbacks run without the mutex held.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_outcome.hpp>
#include <reconcile/detail/controller_parts.hpp>
#include <reconcile/detail/controller_state.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/result.hpp>
#include <reconcile/run_context.hpp>

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace reconcile::detail {

template <class Key, class Hash, class KeyEqual>
class controller_core : private run_state {
  using queue_type = work_queue<Key, Hash, KeyEqual>;
  using ticket = typename queue_type::ticket;

 public:
  using reconciler = std::function<result(const Key&, const run_context&)>;
  using lister = std::function<void(const key_sink<Key>&)>;
  using error_handler = std::function<void(const Key&, std::string_view, reconcile_id)>;

  controller_core(const options& o, reconciler fn)
      : run_state(o),
        fn_(std::move(fn)),
        queue_(o.priority_ageing),
        retry_(o),
        rng_{o.seed ? o.seed : std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                                   std::uint64_t(reinterpret_cast<std::uintptr_t>(this))} {}

  controller_core(const controller_core&) = delete;
  controller_core& operator=(const controller_core&) = delete;
  ~controller_core() { assert(!running_ && "reconcile::controller destroyed while run() is active"); }

  void set_lister(lister l) { lister_ = std::move(l); }
  void set_error_handler(error_handler h) { on_error_ = std::move(h); }
  void set_rate_limiter(std::unique_ptr<any_limiter<Key>> l) { retry_.set_rate_limiter(std::move(l)); }
  const options& config() const noexcept { return opts_; }

  void notify(const Key& k, duration delay, priority p) {
    std::unique_lock<std::mutex> lk(m_);
    const time_point now = clock_->now();
    const time_point due = delay > duration::zero() ? add_sat(now, delay) : now;
    if (queue_.add(k, due, now, p)) {
      ++stats_.adds;
      ++stats_.edge_adds;
    } else {
      ++stats_.deduplicated;
    }
    if (stopped_) ++stats_.notifies_after_stop;
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
    start_watchdog();
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

  // run(st): false (and nothing done) when run() or step() is already active.
  bool run(std::stop_token st) {
    {
      std::lock_guard<std::mutex> g(m_);
      if (running_ || stepping_) return false;
      running_ = true;
      stopping_ = false;
      stopped_ = false;
      if (timeouts_on()) for (worker_slot& s : slots_) s.arm();
      start_watchdog();
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
    stopped_ = true;
    if (idle_waiters_ > 0) idle_cv_.notify_all();
    return true;
  }

  reconcile::metrics snapshot() const {
    std::lock_guard<std::mutex> g(m_);
    const time_point now = clock_->now();
    queue_.promote(now);
    reconcile::metrics m = stats_;
    m.depth = queue_.ready() + queue_.claimed();
    m.delayed = queue_.delayed();
    m.next_due = queue_.next_due();
    m.taken_at = now;
    add_running(m, now);
    return m;
  }

  // wait_idle(): until nothing is due now, running, or about to be listed (see controller).
  void wait_idle() {
    std::unique_lock<std::mutex> lk(m_);
    ++idle_waiters_;
    idle_cv_.wait(lk, [this] { return idle_now(); });
    --idle_waiters_;
  }
  bool wait_idle_for(std::chrono::steady_clock::duration limit) {
    std::unique_lock<std::mutex> lk(m_);
    ++idle_waiters_;
    const bool idle = idle_cv_.wait_for(lk, limit, [this] { return idle_now(); });
    --idle_waiters_;
    return idle;
  }

  std::uint32_t failures(const Key& k) const {
    std::lock_guard<std::mutex> g(m_);
    return queue_.failures(k);
  }
  std::size_t pending() const {
    std::lock_guard<std::mutex> g(m_);
    return queue_.size();
  }
  void reserve(std::size_t n) {
    std::lock_guard<std::mutex> g(m_);
    queue_.reserve(n);
    batch_.reserve(n);
  }
  void shrink_to_fit() {
    std::lock_guard<std::mutex> g(m_);
    queue_.shrink_to_fit();
  }

 private:
  // process(lk, t, slot, st): runs the started ticket t with the mutex released; lk held on
  // entry and on return.
  void process(std::unique_lock<std::mutex>& lk, ticket t, std::size_t slot, const std::stop_token& st) {
    const time_point start = clock_->now();
    stats_.queue_duration.observe(seconds(start - t.queued_since()));
    worker_slot& s = slots_[slot];
    s.start = start;
    const reconcile_id id{++next_id_};
    const std::stop_token* token = &st;
    if (timeouts_on()) {
      s.arm();
      if (st.stop_requested()) s.source.request_stop();  // shutdown began: the run sees it
      s.deadline = add_sat(start, opts_.reconcile_timeout);
      token = &s.token;
      watch_cv_.notify_one();
    }
    ++active_;
    const std::uint32_t failures = t.failures();
    lk.unlock();
    const run_outcome o =
        invoke_reconciler(fn_, t.key(), run_context_access::make(id, *token, failures, start, s.deadline));
    const time_point end = clock_->now();
    if (on_error_ && (o.threw || o.r.kind() == result_kind::terminal || !o.r.message().empty()))
      report_error(on_error_, t.key(), o, id);
    lk.lock();
    retry_.settle(queue_, t, o, start, end, stats_, rng_);
    stats_.work_duration.observe(seconds(clock_->now() - start));
    s.start = s.deadline = time_point::max();
    --active_;
    if (idle_ > 0 && queue_.ready() > 0) cv_.notify_one();
    if (idle_waiters_ > 0) idle_cv_.notify_all();
  }

  // resync_if_due(lk, now): lists every key at the resync priority when the period is up;
  // the lister runs with the mutex released (it may call notify).
  void resync_if_due(std::unique_lock<std::mutex>& lk, time_point now) {
    if (!lister_ || resyncing_ || !resync_due(now)) return;
    resync_started_ = true;
    resyncing_ = true;
    resync_now_ = now;
    ++stats_.resync_passes;
    if (opts_.resync_period > duration::zero()) {
      const double j = opts_.resync_jitter < 0 ? 0 : opts_.resync_jitter;
      const double factor = 1.0 + j * (2.0 * rng_.unit() - 1.0);
      next_resync_ = add_sat(now, std::chrono::duration_cast<duration>(opts_.resync_period * factor));
    } else {
      next_resync_ = time_point::max();
    }
    struct relock {
      controller_core& self;
      std::unique_lock<std::mutex>& lk;
      ~relock() {
        lk.lock();
        self.resyncing_ = false;
        if (self.idle_waiters_ > 0) self.idle_cv_.notify_all();
      }
    } guard{*this, lk};
    lk.unlock();
    const key_sink<Key> sink{this, [](void* self, const Key& k) {
                               auto* c = static_cast<controller_core*>(self);
                               std::unique_lock<std::mutex> g(c->m_);
                               if (c->queue_.add(k, c->resync_now_, c->resync_now_, c->opts_.resync_priority,
                                                 when_pending::keep)) {
                                 ++c->stats_.adds;
                                 ++c->stats_.resync_adds;
                               } else {
                                 ++c->stats_.deduplicated;
                               }
                               const bool wake = c->idle_ > 0;
                               g.unlock();
                               if (wake) c->cv_.notify_one();
                             }};
    lister_(sink);
  }

  bool idle_now() {
    const time_point now = clock_->now();
    queue_.promote(now);
    if (active_ > 0 || queue_.ready() > 0 || queue_.claimed() > 0 || resyncing_) return false;
    return !(running_ && !stopping_ && lister_ && resync_due(now));
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
      if (idle_waiters_ > 0) idle_cv_.notify_all();
      clock_->wait_until(lk, cv_, deadline);
      --idle_;
    }
  }

  reconciler fn_;
  lister lister_;
  error_handler on_error_;
  mutable queue_type queue_;
  retry_policy<Key, Hash, KeyEqual> retry_;
  splitmix64 rng_;
  std::vector<ticket> batch_;  // step()'s claimed items
  time_point resync_now_{};
  std::uint64_t next_id_ = 0;
};

}  // namespace reconcile::detail
