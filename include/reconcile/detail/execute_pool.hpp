// wave_pool: the threads one execute() runs its waves on: started once per execute (not per
// wave), each wave's actions claimed one at a time by the caller and the pool. call_watchdog:
// the per-call timeout (execute_options::call_timeout), one thread per execute that has one.
// Part of execute.hpp.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace reconcile::detail {

class wave_pool {
 public:
  // threads: how many besides the caller (started on the first wave that needs them).
  explicit wave_pool(std::size_t threads) : want_(threads) {}
  wave_pool(const wave_pool&) = delete;
  wave_pool& operator=(const wave_pool&) = delete;
  ~wave_pool() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    wake_.notify_all();
    threads_.clear();  // joins
  }

  // run(begin, end, width, f): f(i) for every i in [begin, end), on at most `width` threads
  // (the caller's included); returns once all are done.
  void run(std::size_t begin, std::size_t end, std::size_t width, const std::function<void(std::size_t)>& f) {
    if (width <= 1 || end - begin <= 1) {
      for (std::size_t i = begin; i < end; ++i) f(i);
      return;
    }
    while (threads_.size() < want_) threads_.emplace_back([this] { work(); });
    {
      std::lock_guard lk(m_);
      job_ = &f;
      next_.store(begin);
      end_ = end;
      helpers_ = width - 1;
      ++generation_;
    }
    wake_.notify_all();
    for (std::size_t i; (i = next_.fetch_add(1)) < end;) f(i);
    std::unique_lock lk(m_);
    done_.wait(lk, [&] { return busy_ == 0; });
    job_ = nullptr;
  }

 private:
  void work() {
    std::size_t seen = 0;
    std::unique_lock lk(m_);
    for (;;) {
      wake_.wait(lk, [&] { return stop_ || (generation_ != seen && job_ && helpers_ > 0); });
      if (stop_) return;
      seen = generation_;
      --helpers_;
      ++busy_;
      const auto* job = job_;
      const std::size_t end = end_;
      lk.unlock();
      for (std::size_t i; (i = next_.fetch_add(1)) < end;) (*job)(i);
      lk.lock();
      if (--busy_ == 0) done_.notify_all();
    }
  }

  std::size_t want_;
  std::mutex m_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::atomic<std::size_t> next_{0};
  std::size_t end_ = 0;
  std::size_t helpers_ = 0;  // threads still allowed to join this wave (width - 1 at most)
  std::size_t busy_ = 0;
  std::size_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::jthread> threads_;
};

// call_watchdog(timeout, outer): arm() gives each call a stop_token that is stopped once the
// call has run `timeout` (steady clock) or when `outer` is stopped; disarm() ends the watch.
class call_watchdog {
 public:
  struct watch {
    std::stop_source source;
    std::chrono::steady_clock::time_point deadline;
  };
  using handle = std::list<watch>::iterator;

  call_watchdog(std::chrono::steady_clock::duration timeout, std::stop_token outer)
      : timeout_(timeout), outer_(std::move(outer)) {
    if (timeout_ > std::chrono::steady_clock::duration::zero())
      thread_ = std::jthread([this](std::stop_token st) { loop(st); });
  }
  ~call_watchdog() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    {
      std::lock_guard lk(m_);
    }
    cv_.notify_all();
  }
  bool active() const noexcept { return thread_.joinable(); }

  handle arm() {
    std::lock_guard lk(m_);
    watches_.push_back({{}, std::chrono::steady_clock::now() + timeout_});
    if (outer_.stop_requested()) watches_.back().source.request_stop();
    cv_.notify_all();
    return std::prev(watches_.end());
  }
  void disarm(handle h) {
    std::lock_guard lk(m_);
    watches_.erase(h);
  }
  static std::stop_token token(handle h) { return h->source.get_token(); }

 private:
  void loop(std::stop_token st) {
    std::stop_callback wake(outer_, [this] { cv_.notify_all(); });
    std::unique_lock lk(m_);
    while (!st.stop_requested()) {
      auto next = std::chrono::steady_clock::time_point::max();
      const auto now = std::chrono::steady_clock::now();
      for (watch& w : watches_) {
        if (outer_.stop_requested() || w.deadline <= now) w.source.request_stop();
        else next = std::min(next, w.deadline);
      }
      if (next == std::chrono::steady_clock::time_point::max()) cv_.wait(lk);
      else cv_.wait_until(lk, next);
    }
  }
  std::chrono::steady_clock::duration timeout_;
  std::stop_token outer_;
  std::mutex m_;
  std::condition_variable cv_;
  std::list<watch> watches_;
  std::jthread thread_;
};

}  // namespace reconcile::detail
