// informer: the list-then-watch loop every etcd-backed view here runs on its own thread (the
// client-go reflector): list the prefix at revision R, watch from R + 1, and list again when
// the watch is compacted, cancelled or broken, or when a relist is asked for.
#pragma once

#include <reconcile/etcd/client.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

namespace reconcile::etcd::detail {

// informer_counters: what an informer went through (monotonic counts).
struct informer_counters {
  std::uint64_t lists = 0;        // successful lists (the first one included)
  std::uint64_t updates = 0;      // watch batches delivered
  std::uint64_t compactions = 0;  // watches ended because their revision was compacted
  std::uint64_t disconnects = 0;  // watches that broke or were cancelled (etcd down, restart)
  std::uint64_t errors = 0;       // failed lists
};

class informer {
 public:
  struct hooks {
    std::function<void(range_result&&)> on_list;         // a full snapshot at a revision
    std::function<void(const watch_update&)> on_update;  // events after it, in order
  };
  struct settings {
    bool contents = true;   // false: list with count_only (only the revision matters)
    bool no_put = false;    // watch deletes only
    std::int64_t page = 500;
    std::chrono::milliseconds retry{100};
    std::chrono::milliseconds retry_max{2000};
  };

  informer(const client& c, std::string prefix, hooks h, settings s)
      : client_(c), prefix_(std::move(prefix)), hooks_(std::move(h)), settings_(s) {}
  informer(const informer&) = delete;
  informer& operator=(const informer&) = delete;
  ~informer() { stop(); }

  void start() {
    thread_ = std::jthread([this](std::stop_token st) { loop(st); });
  }
  // stop(): ends the watch and joins the thread; hooks are not called afterwards.
  void stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (watch_) watch_->request_stop();
    }
    cv_.notify_all();
    thread_.join();
  }
  // relist(): list again soon (ends the current watch; the next one starts at the new list).
  void relist() {
    std::lock_guard<std::mutex> g(mutex_);
    relist_ = true;
    if (watch_) watch_->request_stop();
    cv_.notify_all();
  }
  // wait_synced(timeout): true once the first list has been delivered.
  bool wait_synced(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lk(mutex_);
    return cv_.wait_for(lk, timeout, [&] { return counters_.lists > 0; });
  }
  informer_counters counters() const {
    std::lock_guard<std::mutex> g(mutex_);
    return counters_;
  }

 private:
  void count(std::uint64_t informer_counters::*field) {
    std::lock_guard<std::mutex> g(mutex_);
    ++(counters_.*field);
  }
  // pause(st, d): sleeps d unless stopped or a relist is asked for.
  void pause(const std::stop_token& st, std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lk(mutex_);
    cv_.wait_for(lk, st, d, [&] { return relist_; });
  }

  void loop(std::stop_token st) {
    const std::string end = prefix_end(prefix_);
    std::chrono::milliseconds backoff = settings_.retry;
    while (!st.stop_requested()) {
      {
        std::lock_guard<std::mutex> g(mutex_);
        relist_ = false;
      }
      range_result snapshot;
      try {
        snapshot = settings_.contents ? client_.list(prefix_, settings_.page)
                                      : client_.range(prefix_, end, {.count_only = true});
      } catch (const etcd_error&) {
        count(&informer_counters::errors);
        pause(st, backoff);
        backoff = std::min(backoff * 2, settings_.retry_max);
        continue;
      }
      const std::int64_t rev = snapshot.revision;
      hooks_.on_list(std::move(snapshot));
      {
        std::lock_guard<std::mutex> g(mutex_);
        ++counters_.lists;
      }
      cv_.notify_all();

      std::stop_source ws;
      {
        std::lock_guard<std::mutex> g(mutex_);
        if (relist_ || st.stop_requested()) continue;
        watch_ = ws;
      }
      watch_request req{prefix_, end, rev + 1, settings_.no_put, false, false};
      const watch_outcome out = [&] {
        std::stop_callback link(st, [&ws] { ws.request_stop(); });
        return client_.watch(
            req,
            [&](const watch_update& u) {
              count(&informer_counters::updates);
              hooks_.on_update(u);
            },
            ws.get_token(), [&](std::int64_t) { backoff = settings_.retry; });
      }();
      {
        std::lock_guard<std::mutex> g(mutex_);
        watch_.reset();
      }
      switch (out.why) {
        case watch_outcome::reason::stopped: break;  // stop or relist
        case watch_outcome::reason::compacted: count(&informer_counters::compactions); break;
        case watch_outcome::reason::canceled:
        case watch_outcome::reason::disconnected:
          count(&informer_counters::disconnects);
          pause(st, backoff);
          backoff = std::min(backoff * 2, settings_.retry_max);
          break;
      }
    }
  }

  const client& client_;
  std::string prefix_;
  hooks hooks_;
  settings settings_;
  mutable std::mutex mutex_;
  mutable std::condition_variable_any cv_;
  std::optional<std::stop_source> watch_;
  bool relist_ = false;
  informer_counters counters_;
  std::jthread thread_;  // last: joined before the members it uses go
};

}  // namespace reconcile::etcd::detail
