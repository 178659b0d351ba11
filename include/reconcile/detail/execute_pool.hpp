// wave_pool: the threads one execute() runs its waves on: started once per execute (not per
// wave), each wave's actions claimed one at a time by the caller and the pool. Part of
// execute.hpp.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
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

}  // namespace reconcile::detail
