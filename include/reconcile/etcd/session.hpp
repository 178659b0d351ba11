// reconcile::etcd::session: a lease kept alive by a thread, with a local deadline that ends
// before etcd could expire the lease (the basis of every "only I may act" claim here).
#pragma once

#include <reconcile/etcd/client.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>

namespace reconcile::etcd {

// session_options: the lease's TTL and how early to give up on it locally.
struct session_options {
  // ttl: the lease TTL; etcd rounds very short TTLs up (to 2 s with default settings). A
  // keepalive is sent every ttl/3.
  std::chrono::seconds ttl{15};
  // margin: the session stops counting as up at (send time of the last successful keepalive
  // + ttl - margin), strictly before etcd can expire the lease. Zero: ttl/5.
  std::chrono::milliseconds margin{0};
};

// session: grants a lease and keeps it alive on its own thread. Its state, told to the
// listener on that thread (never under a lock of the session):
//   up(lease, fresh)  the lease is held: fresh = newly granted, else resumed after suspended
//   suspended(lease)  keepalives failed up to the local deadline: act as if the lease were
//                     gone (etcd may expire it soon); if a later keepalive succeeds, up again
//   lost(lease)       etcd says the lease is gone: every key bound to it was deleted
// Destruction (or close()) stops the thread and revokes the lease.
class session {
 public:
  enum class state : unsigned char { down, up, suspended };
  using listener = std::function<void(state, std::int64_t lease, bool fresh)>;

  session(const client& c, session_options o, listener on_change = {})
      : client_(c), opts_(o), on_change_(std::move(on_change)) {
    if (opts_.ttl < std::chrono::seconds(1)) opts_.ttl = std::chrono::seconds(1);
    thread_ = std::jthread([this](std::stop_token st) { loop(st); });
  }
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session() { close(); }

  // close(): stops keeping the lease alive and revokes it (its keys go at once). Idempotent.
  void close() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    cv_.notify_all();
    thread_.join();
    std::int64_t id = 0;
    {
      std::lock_guard<std::mutex> g(mutex_);
      id = std::exchange(lease_, 0);
      state_ = state::down;
    }
    if (id) try {
        client_.revoke(id);
      } catch (...) {  // unreachable: the lease expires by itself
      }
  }

  // lease_id(): the current lease (0 when none). valid(): up and before the local deadline.
  std::int64_t lease_id() const {
    std::lock_guard<std::mutex> g(mutex_);
    return lease_;
  }
  bool valid() const {
    std::lock_guard<std::mutex> g(mutex_);
    return state_ == state::up && std::chrono::steady_clock::now() < deadline_;
  }
  // ttl(): the TTL etcd granted (ttl of the options until the first grant).
  std::chrono::seconds ttl() const {
    std::lock_guard<std::mutex> g(mutex_);
    return granted_;
  }

 private:
  using steady = std::chrono::steady_clock;

  std::chrono::milliseconds margin(std::chrono::seconds ttl) const {
    return opts_.margin > std::chrono::milliseconds::zero() ? opts_.margin
                                                            : std::chrono::duration_cast<std::chrono::milliseconds>(ttl) / 5;
  }

  void tell(state s, std::int64_t id, bool fresh) {
    if (on_change_) on_change_(s, id, fresh);
  }

  // wait(st, until): sleeps until `until` or stop; false when stopped.
  bool wait(const std::stop_token& st, steady::time_point until) {
    std::unique_lock<std::mutex> lk(mutex_);
    cv_.wait_until(lk, st, until, [] { return false; });
    return !st.stop_requested();
  }

  void loop(std::stop_token st) {
    const auto retry = std::clamp<steady::duration>(opts_.ttl / 10, std::chrono::milliseconds(50),
                                                    std::chrono::milliseconds(500));
    steady::time_point next = steady::now();
    while (wait(st, next)) {
      std::int64_t id;
      steady::time_point deadline;
      state s;
      {
        std::lock_guard<std::mutex> g(mutex_);
        id = lease_;
        deadline = deadline_;
        s = state_;
      }
      const auto sent = steady::now();
      if (id == 0) {
        try {
          const lease l = client_.grant(opts_.ttl);
          {
            std::lock_guard<std::mutex> g(mutex_);
            lease_ = l.id;
            granted_ = l.ttl;
            deadline_ = sent + l.ttl - margin(l.ttl);
            state_ = state::up;
          }
          tell(state::up, l.id, true);
          next = sent + l.ttl / 3;
        } catch (const etcd_error&) {
          next = steady::now() + retry;
        }
        continue;
      }
      std::chrono::seconds ttl{0};
      bool answered = false;
      try {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - sent);
        ttl = client_.keep_alive(id, std::clamp(left, std::chrono::milliseconds(100), std::chrono::milliseconds(5000)));
        answered = true;
      } catch (const etcd_error&) {
      }
      if (answered && ttl.count() > 0) {
        {
          std::lock_guard<std::mutex> g(mutex_);
          deadline_ = sent + ttl - margin(ttl);
          granted_ = ttl;
          state_ = state::up;
        }
        if (s == state::suspended) tell(state::up, id, false);
        next = sent + ttl / 3;
      } else if (answered) {  // the lease expired (or was revoked): its keys are gone
        {
          std::lock_guard<std::mutex> g(mutex_);
          lease_ = 0;
          state_ = state::down;
        }
        tell(state::down, id, false);
        next = steady::now();
      } else {
        if (s == state::up && steady::now() >= deadline) {
          {
            std::lock_guard<std::mutex> g(mutex_);
            state_ = state::suspended;
          }
          tell(state::suspended, id, false);
        }
        next = std::min(steady::now() + retry, s == state::up ? deadline : steady::time_point::max());
      }
    }
  }

  const client& client_;
  session_options opts_;
  listener on_change_;
  mutable std::mutex mutex_;
  std::condition_variable_any cv_;
  std::int64_t lease_ = 0;
  state state_ = state::down;
  steady::time_point deadline_{};
  std::chrono::seconds granted_{opts_.ttl};
  std::jthread thread_;  // last: starts after every member above exists, joins first
};

}  // namespace reconcile::etcd
