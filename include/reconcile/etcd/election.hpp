// reconcile::etcd::election: leader election on a lease (etcd's concurrency recipe): each
// candidate creates prefix/<lease> if absent, the lowest create revision leads, the others
// watch their predecessor. guard() makes a reconciler act only while leading.
#pragma once

#include <reconcile/etcd/detail/guard.hpp>
#include <reconcile/etcd/session.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// election_options: who this candidate is and how long its lease lives.
struct election_options {
  std::string name;                      // the candidate's name (its key's value); "" = host:pid
  std::chrono::seconds ttl{15};          // lease TTL: a dead leader is replaced within about this
  std::chrono::milliseconds margin{0};   // see session_options::margin (0: ttl/5)
};

// election: campaigns from construction until resign() (or destruction). Thread-safe.
class election {
 public:
  election(const client& c, std::string prefix, election_options o = {})
      : client_(c), prefix_(std::move(prefix)), opts_(std::move(o)) {
    if (opts_.name.empty()) opts_.name = detail::default_name();
    session_ = std::make_unique<session>(client_, session_options{opts_.ttl, opts_.margin},
                                         [this](session::state s, std::int64_t, bool) { on_session(s); });
    thread_ = std::jthread([this](std::stop_token st) { campaign(st); });
  }
  election(const election&) = delete;
  election& operator=(const election&) = delete;
  ~election() { resign(); }

  // attach(ctl): ctl.notify(key) runs for every key refused while not leading, once leading,
  // until the attachment returned goes (declare it after ctl).
  template <class Controller>
  attachment attach(Controller& ctl) {
    return notify_.attach(ctl);
  }
  // on_change(f): f(bool leading) on each change of leadership (on an election thread).
  void on_change(std::function<void(bool)> f) {
    std::lock_guard<std::mutex> g(mutex_);
    on_change_ = std::move(f);
  }

  // guard(f): a reconciler for controller<std::string> that runs f(key, token) only while
  // leading; a refused key is remembered and notified again once this replica leads. token
  // stops when the controller stops or leadership is lost (then the result is ignored).
  template <class F>
  auto guard(F f) {
    static_assert(detail::is_reconciler<F>, "reconcile::etcd::election::guard: the reconciler must be callable as "
                                            "f(const std::string&) or f(const std::string&, std::stop_token) and "
                                            "return reconcile::result");
    return [this, f = std::move(f)](const std::string& key, const std::stop_token& run) mutable -> result {
      std::stop_source mine{std::nostopstate};
      {
        std::lock_guard<std::mutex> g(mutex_);
        if (!leader_ || closed_ || !session_->valid()) {
          parked_.insert(key);
          return result::done();
        }
        mine = inflight_.enter(key);
      }
      auto finish = [&] {
        std::lock_guard<std::mutex> g(mutex_);
        inflight_.leave(key);
        const bool deposed = mine.stop_requested() && !run.stop_requested();
        if (deposed) parked_.insert(key);
        return deposed;
      };
      return detail::run_guarded(f, key, run, mine, finish);
    };
  }

  // is_leader(): leading now (the lease is valid and this candidate's key is the oldest).
  bool is_leader() const {
    std::lock_guard<std::mutex> g(mutex_);
    return leader_ && session_->valid();
  }
  // wait_for_leadership(timeout): true once leading, false when timeout passed first.
  bool wait_for_leadership(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lk(mutex_);
    return cv_.wait_for(lk, timeout, [&] { return leader_; });
  }
  // leader(): the leader's name as last seen ("" before the first look).
  std::string leader() const {
    std::lock_guard<std::mutex> g(mutex_);
    return leader_name_;
  }
  const std::string& name() const noexcept { return opts_.name; }

  // fence(): the compare that holds only while this candidate's key is the one it created
  // (nullopt when not leading). A deposed leader's key is gone, so a fenced write fails.
  std::optional<compare> fence() const {
    std::lock_guard<std::mutex> g(mutex_);
    if (!leader_) return std::nullopt;
    return compare::created(key_, rev_);
  }
  // fenced(t): t with the fence added; succeeded == false when not leading (nothing written).
  txn_result fenced(txn_request t) const { return detail::fenced_txn(client_, fence(), std::move(t)); }
  bool fenced_put(std::string key, std::string value) const {
    return fenced(detail::put_txn(std::move(key), std::move(value))).succeeded;
  }
  bool fenced_erase(std::string key) const { return fenced(detail::erase_txn(std::move(key))).succeeded; }

  // resign(): stops acting (cancels in-flight reconciles and waits for them), then gives the
  // leadership away at once by revoking the lease. Not from inside a guarded reconciler.
  void resign() {
    bool was = false;
    std::function<void(bool)> tell;
    {
      std::unique_lock<std::mutex> lk(mutex_);
      if (closed_) return;
      was = std::exchange(leader_, false);
      tell = on_change_;
      inflight_.close(lk, closed_);
    }
    thread_.request_stop();
    interrupt();
    thread_.join();
    session_->close();
    if (was && tell) tell(false);
  }

 private:
  void interrupt() {
    std::lock_guard<std::mutex> g(mutex_);
    ++generation_;
    if (watch_) watch_->request_stop();
    cv_.notify_all();
  }

  void on_session(session::state s) {
    if (s != session::state::up) set_leader(false, 0);
    interrupt();
  }

  // set_leader(true, gen): only if nothing changed since gen was read.
  void set_leader(bool lead, std::uint64_t gen) {
    std::vector<std::string> wake;
    std::function<void(bool)> tell;
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (leader_ == lead) return;
      if (lead && (gen != generation_ || closed_ || !session_->valid())) return;
      leader_ = lead;
      if (lead)
        wake.assign(parked_.begin(), parked_.end()), parked_.clear();
      else
        inflight_.cancel_all();
      tell = on_change_;
      cv_.notify_all();
    }
    if (tell) tell(lead);
    notify_(wake);
  }

  void pause(const std::stop_token& st, std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lk(mutex_);
    cv_.wait_for(lk, st, d, [] { return false; });
  }

  void campaign(std::stop_token st) {
    const std::string end = prefix_end(prefix_);
    while (!st.stop_requested()) {
      std::uint64_t gen;
      {
        std::lock_guard<std::mutex> g(mutex_);
        gen = generation_;
      }
      const std::int64_t lease_id = session_->lease_id();
      if (!lease_id || !session_->valid()) {
        pause(st, std::chrono::milliseconds(50));
        continue;
      }
      const std::string me = prefix_ + detail::hex16(lease_id);
      try {
        const txn_result t = client_.txn({{compare::absent(me)},
                                          {operation::put(me, opts_.name, lease_id)},
                                          {operation::get(me)}});
        const std::int64_t rev = t.succeeded ? t.revision
                                 : t.ranges.empty() || t.ranges[0].kvs.empty() ? 0
                                                                                : t.ranges[0].kvs[0].create_revision;
        if (!rev) continue;  // the lease died under us: the session reports it
        {
          std::lock_guard<std::mutex> g(mutex_);
          key_ = me;
          rev_ = rev;
        }
        while (!st.stop_requested() && session_->lease_id() == lease_id) {
          {
            std::lock_guard<std::mutex> g(mutex_);
            gen = generation_;
          }
          const range_result all = client_.range(prefix_, end);
          const key_value* mine = nullptr;
          const key_value* lowest = nullptr;
          const key_value* pred = nullptr;
          for (const auto& kv : all.kvs) {
            if (kv.key == me && kv.create_revision == rev) mine = &kv;
            if (!lowest || kv.create_revision < lowest->create_revision) lowest = &kv;
            if (kv.create_revision < rev && (!pred || kv.create_revision > pred->create_revision)) pred = &kv;
          }
          {
            std::lock_guard<std::mutex> g(mutex_);
            leader_name_ = lowest ? lowest->value : std::string();
          }
          if (!mine) break;  // deleted (by hand, or the lease expired): campaign afresh
          set_leader(pred == nullptr, gen);
          // Leader: watch our own key; candidate: watch the predecessor. A delete ends it.
          watch_request w{pred ? pred->key : me, {}, all.revision + 1, true, false, false};
          std::stop_source ws;
          {
            std::lock_guard<std::mutex> g(mutex_);
            if (gen != generation_) continue;
            watch_ = ws;
          }
          const watch_outcome out = [&] {
            std::stop_callback link(st, [&ws] { ws.request_stop(); });
            return client_.watch(w, [&ws](const watch_update&) { ws.request_stop(); }, ws.get_token());
          }();
          {
            std::lock_guard<std::mutex> g(mutex_);
            watch_.reset();
          }
          if (out.why == watch_outcome::reason::disconnected || out.why == watch_outcome::reason::canceled)
            pause(st, std::chrono::milliseconds(100));
        }
        set_leader(false, 0);
      } catch (const etcd_error&) {
        pause(st, std::chrono::milliseconds(100));  // leadership stands or falls with the lease
      }
    }
  }

  const client& client_;
  std::string prefix_;
  election_options opts_;
  mutable std::mutex mutex_;
  mutable std::condition_variable_any cv_;
  detail::inflight inflight_;
  std::unordered_set<std::string> parked_;
  detail::notifier notify_;
  std::function<void(bool)> on_change_;
  std::optional<std::stop_source> watch_;
  std::uint64_t generation_ = 0;
  bool leader_ = false;
  bool closed_ = false;
  std::string key_;
  std::int64_t rev_ = 0;
  std::string leader_name_;
  std::unique_ptr<session> session_;
  std::jthread thread_;
};

}  // namespace reconcile::etcd
