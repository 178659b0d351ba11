// reconcile::etcd::shard: keys spread over the live members of a group by rendezvous hashing,
// with a per-key lock in etcd as the hand-over: a member reconciles a key only while holding
// prefix/locks/<key> (created if absent, bound to its lease); a member that loses a key to a
// membership change first stops and waits for its reconcile, then deletes the lock; the new
// owner's create-if-absent succeeds only after that delete (or after the old owner's lease
// expired, when it died). Hence no key is ever reconciled by two members at once.
#pragma once

#include <reconcile/detail/etcd_guard.hpp>
#include <reconcile/detail/etcd_informer.hpp>
#include <reconcile/detail/etcd_session.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// shard_options: this member's name, its lease, and how often to look at a busy lock.
struct shard_options {
  std::string name;                            // unique in the group; "" = host:pid
  std::chrono::seconds ttl{15};                // lease TTL: a dead member's keys move within about this
  std::chrono::milliseconds margin{0};         // see session_options::margin (0: ttl/5)
  std::chrono::milliseconds lock_retry{1000};  // re-check a lock another member holds (a watch
                                               // on the locks notifies sooner)
};

// shard: membership from construction until leave() (or destruction). Thread-safe.
// Keys in etcd: prefix/members/<name> (lease-bound), prefix/locks/<key> (value: the holder's
// name, bound to its lease).
class shard {
 public:
  shard(const client& c, std::string prefix, shard_options o = {})
      : client_(c), prefix_(std::move(prefix)), opts_(std::move(o)) {
    if (opts_.name.empty()) opts_.name = detail::default_name();
    members_view_ = std::make_unique<detail::informer>(
        client_, prefix_ + "members/",
        detail::informer::hooks{[this](range_result&& r) { on_members(std::move(r)); },
                                [this](const watch_update& u) { on_members(u); }},
        detail::informer::settings{});
    locks_view_ = std::make_unique<detail::informer>(
        client_, prefix_ + "locks/",
        detail::informer::hooks{[this](range_result&&) { on_locks_listed(); },
                                [this](const watch_update& u) { on_locks(u); }},
        detail::informer::settings{false, true});
    session_ = std::make_unique<session>(
        client_, session_options{opts_.ttl, opts_.margin},
        [this](session::state s, std::int64_t id, bool fresh) { on_session(s, id, fresh); });
    members_view_->start();
    locks_view_->start();
    janitor_ = std::jthread([this](std::stop_token st) { janitor(st); });
  }
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;
  ~shard() { leave(); }

  // attach(ctl): ctl.notify(key) runs for keys this member gains (or may now lock), until the
  // attachment returned goes (declare it after ctl).
  template <class Controller>
  attachment attach(Controller& ctl) {
    notify_.set([&ctl](const std::string& k) { ctl.notify(k); });
    return attachment([this] { notify_.set({}); });
  }
  // on_change(f): f(members) after each membership change (on a shard thread).
  void on_change(std::function<void(const std::vector<std::string>&)> f) {
    std::lock_guard<std::mutex> g(mutex_);
    on_change_ = std::move(f);
  }
  // on_release(f): f(key) -> bool runs before the lock of a key that moved away is deleted
  // (on the janitor thread, after the key's last reconcile here ended); false means "not
  // yet": it is asked again about every 100 ms and the new owner waits. For side effects that
  // outlive a reconcile (child processes, local files) to be undone before the hand-over.
  // leave() revokes the lease without asking: undo such effects before leaving.
  void on_release(std::function<bool(const std::string&)> f) {
    std::lock_guard<std::mutex> g(mutex_);
    on_release_ = std::move(f);
  }

  // guard(f): a reconciler for controller<std::string> that runs f(key, token) only for keys
  // this member owns, while holding the key's lock. A key owned by another member is
  // remembered and notified if it comes here; a lock still held by the previous owner is
  // retried when released. token stops when the controller stops or the key moves away.
  template <class F>
  auto guard(F f) {
    static_assert(detail::is_reconciler<F>, "reconcile::etcd::shard::guard: the reconciler must be callable as "
                                            "f(const std::string&) or f(const std::string&, std::stop_token) and "
                                            "return reconcile::result");
    return [this, f = std::move(f)](const std::string& key, const std::stop_token& run) mutable -> result {
      std::stop_source mine{std::nostopstate};
      std::int64_t lease_id = 0;
      bool have = false;
      {
        std::lock_guard<std::mutex> g(mutex_);
        if (!active(key) || !session_->valid()) {
          parked_.insert(key);
          return result::done();
        }
        mine = inflight_.enter(key);
        lease_id = lease_;
        have = held_.count(key) != 0;
      }
      auto finish = [&] {  // true: cancelled by a move or the lease, not by the controller
        std::lock_guard<std::mutex> g(mutex_);
        inflight_.leave(key);
        const bool moved = mine.stop_requested() && !run.stop_requested();
        if (!owned(key)) {
          if (held_.erase(key) + uncertain_.erase(key) > 0) release_later(key, lease_id);
          parked_.insert(key);
        } else if (moved) {
          parked_.insert(key);
        }
        return moved;
      };
      if (!have) {
        std::optional<bool> got;
        try {
          got = acquire(key, lease_id);
        } catch (const etcd_error&) {
          std::lock_guard<std::mutex> g(mutex_);
          uncertain_.insert(key);  // the create may have landed: release it if the key moves
        }
        if (!got || !*got) {
          {
            std::lock_guard<std::mutex> g(mutex_);
            if (got) (owned(key) ? waiting_ : parked_).insert(key);
          }
          finish();
          return got ? result::requeue_after(opts_.lock_retry) : result::retry();
        }
      }
      if (mine.stop_requested()) {
        finish();
        return result::done();
      }
      result r = result::done();
      try {
        std::stop_callback link(run, [&mine] { mine.request_stop(); });
        r = detail::call(f, key, mine.get_token());
      } catch (...) {
        if (finish()) return result::done();
        throw;
      }
      return finish() ? result::done() : r;
    };
  }

  // owner(key): the member owning key in this member's view ("" while no member is known).
  std::string owner(std::string_view key) const {
    std::lock_guard<std::mutex> g(mutex_);
    const std::string* o = detail::rendezvous_owner(members_, key);
    return o ? *o : std::string();
  }
  // members(): the live members as last seen, sorted. held(): locks this member holds.
  std::vector<std::string> members() const {
    std::lock_guard<std::mutex> g(mutex_);
    return members_;
  }
  std::size_t held() const {
    std::lock_guard<std::mutex> g(mutex_);
    return held_.size();
  }
  const std::string& name() const noexcept { return opts_.name; }
  // lock_key(key): where key's lock lives.
  std::string lock_key(std::string_view key) const { return prefix_ + "locks/" + std::string(key); }

  // fence(key): the compare that holds only while this member holds key's lock (nullopt
  // when it does not): the lock key exists and is bound to this member's lease.
  std::optional<compare> fence(const std::string& key) const {
    std::lock_guard<std::mutex> g(mutex_);
    if (!held_.count(key)) return std::nullopt;
    return compare::lease_is(lock_key(key), lease_);
  }
  // fenced(key, t): t with key's fence added; succeeded == false when the lock is not held.
  txn_result fenced(const std::string& key, txn_request t) const {
    const auto f = fence(key);
    if (!f) return {};
    t.when.push_back(*f);
    return client_.txn(t);
  }
  bool fenced_put(const std::string& key, std::string k, std::string v) const {
    return fenced(key, {{}, {operation::put(std::move(k), std::move(v))}, {}}).succeeded;
  }
  bool fenced_erase(const std::string& key, std::string k) const {
    return fenced(key, {{}, {operation::erase(std::move(k))}, {}}).succeeded;
  }

  // leave(): stops acting (cancels in-flight reconciles and waits for them), then revokes the
  // lease: the member key and every lock go in one revision. Not from a guarded reconciler.
  void leave() {
    {
      std::unique_lock<std::mutex> lk(mutex_);
      if (closed_) return;
      closed_ = true;
      inflight_.cancel_all();
      inflight_.wait_idle(lk);
    }
    janitor_.request_stop();
    cv_.notify_all();
    if (janitor_.joinable()) janitor_.join();
    members_view_->stop();
    locks_view_->stop();
    session_->close();
  }

 private:
  // owned(key): this member owns key in its current view. active(key): and may start it.
  bool owned(std::string_view key) const {
    const std::string* o = detail::rendezvous_owner(members_, key);
    return o && *o == opts_.name;
  }
  bool active(std::string_view key) const { return !closed_ && session_ok_ && lease_ != 0 && owned(key); }

  void release_later(const std::string& key, std::int64_t lease_id) {
    if (lease_id) releases_[key] = lease_id;
    cv_.notify_all();
  }

  // acquire(key, lease): create the lock if absent; true if it is (now) ours.
  bool acquire(const std::string& key, std::int64_t lease_id) {
    {
      // A lock on its way out (the key moved away and back) is not taken over: its release
      // goes ahead, and the delete it causes notifies this key again.
      std::lock_guard<std::mutex> g(mutex_);
      if (releases_.count(key) || releasing_.count(key)) return false;
    }
    const std::string lk = lock_key(key);
    const txn_result t =
        client_.txn({{compare::absent(lk)}, {operation::put(lk, opts_.name, lease_id)}, {operation::get(lk)}});
    bool ok = t.succeeded || (!t.ranges.empty() && !t.ranges[0].kvs.empty() && t.ranges[0].kvs[0].lease == lease_id);
    std::lock_guard<std::mutex> g(mutex_);
    if (ok && lease_ == lease_id) {
      held_.insert(key);
      uncertain_.erase(key);
      waiting_.erase(key);
    }
    return ok && lease_ == lease_id;
  }

  // rebalance(wake): after a change of view or session; under the mutex. Cancels keys that
  // moved away, queues the release of their idle locks, and collects the keys to notify.
  void rebalance(std::vector<std::string>& wake) {
    inflight_.for_each([&](const std::string& k) {
      if (!active(k)) inflight_.cancel(k);
    });
    for (auto* set : {&held_, &uncertain_})
      for (auto it = set->begin(); it != set->end();) {
        if (!owned(*it) && !inflight_.contains(*it)) {
          release_later(*it, lease_);
          it = set->erase(it);
        } else {
          ++it;
        }
      }
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      if (!owned(*it)) {
        parked_.insert(*it);
        it = waiting_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto it = parked_.begin(); it != parked_.end();) {
      if (active(*it)) {
        wake.push_back(*it);
        it = parked_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void set_members(std::set<std::string> names) {
    std::vector<std::string> wake;
    std::function<void(const std::vector<std::string>&)> tell;
    std::vector<std::string> now;
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (names == member_set_) return;
      member_set_ = std::move(names);
      members_.assign(member_set_.begin(), member_set_.end());
      rebalance(wake);
      tell = on_change_;
      now = members_;
    }
    if (tell) tell(now);
    notify_(wake);
  }

  std::string member_name(const std::string& key) const { return key.substr(prefix_.size() + 8); }

  void on_members(range_result&& r) {
    std::set<std::string> names;
    for (const auto& kv : r.kvs) names.insert(member_name(kv.key));
    set_members(std::move(names));
  }
  void on_members(const watch_update& u) {
    std::set<std::string> names;
    {
      std::lock_guard<std::mutex> g(mutex_);
      names = member_set_;
    }
    for (const auto& e : u.events) {
      if (e.kind == event::type::put)
        names.insert(member_name(e.kv.key));
      else
        names.erase(member_name(e.kv.key));
    }
    set_members(std::move(names));
  }

  // A lock was deleted: whoever waits for it may try now. After a relist, everyone waiting.
  void on_locks(const watch_update& u) {
    std::vector<std::string> wake;
    {
      std::lock_guard<std::mutex> g(mutex_);
      for (const auto& e : u.events) {
        const std::string k = e.kv.key.substr(prefix_.size() + 6);
        if (e.kind == event::type::erase && waiting_.count(k)) wake.push_back(k);
      }
    }
    notify_(wake);
  }
  void on_locks_listed() {
    std::vector<std::string> wake;
    {
      std::lock_guard<std::mutex> g(mutex_);
      wake.assign(waiting_.begin(), waiting_.end());
    }
    notify_(wake);
  }

  void on_session(session::state s, std::int64_t id, bool fresh) {
    std::vector<std::string> wake;
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (s == session::state::up) {
        if (fresh) {
          lease_ = id;
          register_ = id;
        }
        session_ok_ = true;
        rebalance(wake);
        for (const auto& k : waiting_) wake.push_back(k);
      } else {
        session_ok_ = false;
        inflight_.cancel_all();
        if (s == session::state::down) {  // the lease is gone, and every lock with it
          lease_ = 0;
          register_ = 0;
          held_.clear();
          uncertain_.clear();
          releases_.clear();
          parked_.insert(waiting_.begin(), waiting_.end());
          waiting_.clear();
        }
      }
      cv_.notify_all();
    }
    notify_(wake);
  }

  // janitor: registers this member for each new lease and deletes released locks (in
  // transactions of up to 64, each lock still bound to the lease that took it), retrying.
  void janitor(std::stop_token st) {
    while (!st.stop_requested()) {
      std::int64_t reg = 0;
      std::vector<std::pair<std::string, std::int64_t>> batch, deferred;
      {
        std::unique_lock<std::mutex> lk(mutex_);
        cv_.wait_for(lk, st, std::chrono::milliseconds(500), [&] { return register_ != 0 || !releases_.empty(); });
        reg = register_;
        for (auto it = releases_.begin(); it != releases_.end() && batch.size() < 64;) {
          if (!batch.empty() && it->second != batch.front().second) {
            ++it;
            continue;
          }
          batch.emplace_back(it->first, it->second);
          releasing_.insert(it->first);
          it = releases_.erase(it);
        }
      }
      bool failed = false;
      if (!batch.empty()) {  // keys whose local effects are not undone yet wait
        std::function<bool(const std::string&)> ready;
        {
          std::lock_guard<std::mutex> g(mutex_);
          ready = on_release_;
        }
        if (ready) {
          std::vector<std::pair<std::string, std::int64_t>> now;
          for (auto& e : batch) (ready(e.first) ? now : deferred).push_back(std::move(e));
          batch = std::move(now);
        }
      }
      try {
        if (reg) {
          client_.put(prefix_ + "members/" + opts_.name, opts_.name, reg);
          std::lock_guard<std::mutex> g(mutex_);
          if (register_ == reg) register_ = 0;
        }
        if (!batch.empty()) {
          txn_request t;
          for (const auto& [k, l] : batch) {
            t.when.push_back(compare::lease_is(lock_key(k), l));
            t.then.push_back(operation::erase(lock_key(k)));
          }
          if (!client_.txn(t).succeeded)  // some lock is no longer ours: one by one
            for (const auto& [k, l] : batch)
              client_.txn({{compare::lease_is(lock_key(k), l)}, {operation::erase(lock_key(k))}, {}});
          batch.clear();
        }
      } catch (const etcd_error&) {
        failed = true;
      }
      batch.insert(batch.end(), std::make_move_iterator(deferred.begin()), std::make_move_iterator(deferred.end()));
      {
        std::lock_guard<std::mutex> g(mutex_);
        releasing_.clear();
        for (auto& [k, l] : batch)  // failed or deferred: again later
          if (l == lease_) releases_.emplace(std::move(k), l);
      }
      if (failed || !deferred.empty()) {
        std::unique_lock<std::mutex> lk(mutex_);
        cv_.wait_for(lk, st, std::chrono::milliseconds(100), [] { return false; });
      }
    }
  }

  const client& client_;
  std::string prefix_;
  shard_options opts_;
  mutable std::mutex mutex_;
  std::condition_variable_any cv_;
  detail::inflight inflight_;
  detail::notifier notify_;
  std::function<void(const std::vector<std::string>&)> on_change_;
  std::function<bool(const std::string&)> on_release_;
  std::set<std::string> member_set_;
  std::vector<std::string> members_;         // member_set_, for hashing
  std::unordered_set<std::string> held_;     // locks held (created with lease_)
  std::unordered_set<std::string> uncertain_;  // a lock create whose answer was lost
  std::unordered_set<std::string> waiting_;  // owned, lock held by another member
  std::unordered_set<std::string> parked_;   // refused: notify when they become ours
  std::map<std::string, std::int64_t> releases_;  // locks to delete, with their lease
  std::unordered_set<std::string> releasing_;      // locks the janitor is deleting now
  std::int64_t lease_ = 0;
  std::int64_t register_ = 0;  // a lease whose member key is not yet written
  bool session_ok_ = false;
  bool closed_ = false;
  std::unique_ptr<detail::informer> members_view_;
  std::unique_ptr<detail::informer> locks_view_;
  std::unique_ptr<session> session_;
  std::jthread janitor_;
};

}  // namespace reconcile::etcd
