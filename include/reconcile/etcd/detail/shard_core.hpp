// The machinery of reconcile::etcd::shard (etcd/shard.hpp): the member's lease
// (session), its registration under prefix/members/, the views of the members and of the locks
// (two informers), rebalancing on every change of view or session, lock acquisition, and the
// janitor thread that registers the member and deletes released locks. Guarded reconciles and
// fences are shard's; the lock bookkeeping is shard_locks'.
#pragma once

#include <reconcile/etcd/detail/guard.hpp>
#include <reconcile/etcd/detail/informer.hpp>
#include <reconcile/etcd/session.hpp>
#include <reconcile/etcd/shard_options.hpp>
#include <reconcile/etcd/detail/shard_locks.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace reconcile::etcd::detail {

// shard_core: everything of a shard member but its guard and fences. Its state is guarded by
// mutex_; notifications and the user's hooks run outside it.
class shard_core {
 public:
  shard_core(const client& c, std::string prefix, shard_options o = {})
      : client_(c), prefix_(std::move(prefix)), opts_(std::move(o)) {
    if (opts_.name.empty()) opts_.name = default_name();
    members_view_ = std::make_unique<informer>(
        client_, prefix_ + "members/",
        informer::hooks{[this](range_result&& r) { on_members(std::move(r)); },
                                [this](const watch_update& u) { on_members(u); }},
        informer::settings{});
    locks_view_ = std::make_unique<informer>(
        client_, prefix_ + "locks/",
        informer::hooks{[this](range_result&&) { on_locks_listed(); },
                                [this](const watch_update& u) { on_locks(u); }},
        informer::settings{false, true});
    session_ = std::make_unique<session>(
        client_, session_options{opts_.ttl, opts_.margin},
        [this](session::state s, std::int64_t id, bool fresh) { on_session(s, id, fresh); });
    members_view_->start();
    locks_view_->start();
    janitor_ = std::jthread([this](std::stop_token st) { janitor(st); });
  }
  shard_core(const shard_core&) = delete;
  shard_core& operator=(const shard_core&) = delete;
  ~shard_core() { leave(); }

  const std::string& name() const noexcept { return opts_.name; }
  // lock_key(key): where key's lock lives.
  std::string lock_key(std::string_view key) const { return prefix_ + "locks/" + std::string(key); }

  // leave(): stops acting (cancels in-flight reconciles and waits for them), then revokes the
  // lease: the member key and every lock go in one revision. Not from a guarded reconciler.
  void leave() {
    {
      std::unique_lock<std::mutex> lk(mutex_);
      if (!inflight_.close(lk, closed_)) return;
    }
    janitor_.request_stop();
    cv_.notify_all();
    if (janitor_.joinable()) janitor_.join();
    members_view_->stop();
    locks_view_->stop();
    session_->close();
  }

 protected:
  // owned(key): this member owns key in its current view. active(key): and may start it.
  bool owned(std::string_view key) const {
    const std::string* o = rendezvous_owner(members_, key);
    return o && *o == opts_.name;
  }
  bool active(std::string_view key) const { return !closed_ && session_ok_ && lease_ != 0 && owned(key); }

  // acquire(key, lease): create the lock if absent; true if it is (now) ours.
  bool acquire(const std::string& key, std::int64_t lease_id) {
    {
      // A lock on its way out (the key moved away and back) is not taken over: its release
      // goes ahead, and the delete it causes notifies this key again.
      std::lock_guard<std::mutex> g(mutex_);
      if (locks_.leaving(key)) return false;
    }
    const std::string lk = lock_key(key);
    const txn_result t =
        client_.txn({{compare::absent(lk)}, {operation::put(lk, opts_.name, lease_id)}, {operation::get(lk)}});
    bool ok = t.succeeded || (!t.ranges.empty() && !t.ranges[0].kvs.empty() && t.ranges[0].kvs[0].lease == lease_id);
    std::lock_guard<std::mutex> g(mutex_);
    if (ok && lease_ == lease_id) locks_.acquired(key);
    return ok && lease_ == lease_id;
  }

  // rebalance(wake): after a change of view or session; under the mutex. Cancels keys that
  // moved away, queues the release of their idle locks, and collects the keys to notify.
  void rebalance(std::vector<std::string>& wake) {
    inflight_.for_each([&](const std::string& k) {
      if (!active(k)) inflight_.cancel(k);
    });
    locks_.rebalance([&](const std::string& k) { return owned(k); }, [&](const std::string& k) { return active(k); },
                     [&](const std::string& k) { return inflight_.contains(k); }, lease_, wake);
    cv_.notify_all();  // the janitor: releases may be due
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
        if (e.kind == event::type::erase && locks_.waits_for(k)) wake.push_back(k);
      }
    }
    notify_(wake);
  }
  void on_locks_listed() {
    std::vector<std::string> wake;
    {
      std::lock_guard<std::mutex> g(mutex_);
      locks_.add_waiting(wake);
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
        locks_.add_waiting(wake);
      } else {
        session_ok_ = false;
        inflight_.cancel_all();
        if (s == session::state::down) {  // the lease is gone, and every lock with it
          lease_ = 0;
          register_ = 0;
          locks_.lease_lost();
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
      std::vector<lock_release> batch, deferred;
      {
        std::unique_lock<std::mutex> lk(mutex_);
        cv_.wait_for(lk, st, std::chrono::milliseconds(500), [&] { return register_ != 0 || locks_.releases_due(); });
        reg = register_;
        batch = locks_.take_releases(64);
      }
      bool failed = false;
      if (!batch.empty()) {  // keys whose local effects are not undone yet wait
        std::function<bool(const std::string&)> ready;
        {
          std::lock_guard<std::mutex> g(mutex_);
          ready = on_release_;
        }
        if (ready) {
          std::vector<lock_release> now;
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
          erase_locks(client_, batch, [this](const std::string& k) { return lock_key(k); });
          batch.clear();
        }
      } catch (const etcd_error&) {
        failed = true;
      }
      batch.insert(batch.end(), std::make_move_iterator(deferred.begin()), std::make_move_iterator(deferred.end()));
      {
        std::lock_guard<std::mutex> g(mutex_);
        locks_.releases_done(batch, lease_);  // failed or deferred: again later
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
  inflight inflight_;
  notifier notify_;
  std::function<void(const std::vector<std::string>&)> on_change_;
  std::function<bool(const std::string&)> on_release_;
  std::set<std::string> member_set_;
  std::vector<std::string> members_;  // member_set_, for hashing
  shard_locks locks_;
  std::int64_t lease_ = 0;
  std::int64_t register_ = 0;  // a lease whose member key is not yet written
  bool session_ok_ = false;
  bool closed_ = false;
  std::unique_ptr<informer> members_view_;
  std::unique_ptr<informer> locks_view_;
  std::unique_ptr<session> session_;
  std::jthread janitor_;
};

}  // namespace reconcile::etcd::detail
