// reconcile::etcd::shard: keys spread over the live members of a group by rendezvous hashing,
// with a per-key lock in etcd as the hand-over: a member reconciles a key only while holding
// prefix/locks/<key> (created if absent, bound to its lease); a member that loses a key to a
// membership change first stops and waits for its reconcile, then deletes the lock; the new
// owner's create-if-absent succeeds only after that delete (or after the old owner's lease
// expired, when it died). Hence no key is ever reconciled by two members at once.
#pragma once

#include <reconcile/etcd/detail/guard.hpp>
#include <reconcile/etcd/detail/shard_core.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// shard: membership from construction until leave() (or destruction). Thread-safe.
// Keys in etcd: prefix/members/<name> (lease-bound), prefix/locks/<key> (value: the holder's
// name, bound to its lease).
class shard : private detail::shard_core {
 public:
  // shard(client, prefix, options): joins at once (the client must outlive the shard).
  // leave(): stops acting (cancels in-flight reconciles and waits for them), then revokes the
  // lease: the member key and every lock go in one revision. Not from a guarded reconciler.
  // name(): this member's name. lock_key(key): where key's lock lives.
  using detail::shard_core::shard_core;
  using detail::shard_core::leave;
  using detail::shard_core::lock_key;
  using detail::shard_core::name;

  // attach(ctl): ctl.notify(key) runs for keys this member gains (or may now lock), until the
  // attachment returned goes (declare it after ctl).
  template <class Controller>
  attachment attach(Controller& ctl) {
    return notify_.attach(ctl);
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
          locks_.park(key);
          return result::done();
        }
        mine = inflight_.enter(key);
        lease_id = lease_;
        have = locks_.holds(key);
      }
      auto finish = [&] {  // true: cancelled by a move or the lease, not by the controller
        std::lock_guard<std::mutex> g(mutex_);
        inflight_.leave(key);
        const bool moved = mine.stop_requested() && !run.stop_requested();
        locks_.finished(key, owned(key), moved, lease_id);
        cv_.notify_all();  // the janitor: a release may be due
        return moved;
      };
      if (!have) {
        std::optional<bool> got;
        try {
          got = acquire(key, lease_id);
        } catch (const etcd_error&) {
          std::lock_guard<std::mutex> g(mutex_);
          locks_.uncertain(key);
        }
        if (!got || !*got) {
          {
            std::lock_guard<std::mutex> g(mutex_);
            if (got) locks_.refused(key, owned(key));
          }
          finish();
          return got ? result::requeue_after(opts_.lock_retry) : result::retry();
        }
      }
      if (mine.stop_requested()) {
        finish();
        return result::done();
      }
      return detail::run_guarded(f, key, run, mine, finish);
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
    return locks_.held();
  }
  // fence(key): the compare that holds only while this member holds key's lock (nullopt
  // when it does not): the lock key exists and is bound to this member's lease.
  std::optional<compare> fence(const std::string& key) const {
    std::lock_guard<std::mutex> g(mutex_);
    if (!locks_.holds(key)) return std::nullopt;
    return compare::lease_is(lock_key(key), lease_);
  }
  // fenced(key, t): t with key's fence added; succeeded == false when the lock is not held.
  txn_result fenced(const std::string& key, txn_request t) const {
    return detail::fenced_txn(client_, fence(key), std::move(t));
  }
  bool fenced_put(const std::string& key, std::string k, std::string v) const {
    return fenced(key, detail::put_txn(std::move(k), std::move(v))).succeeded;
  }
  bool fenced_erase(const std::string& key, std::string k) const {
    return fenced(key, detail::erase_txn(std::move(k))).succeeded;
  }
};

}  // namespace reconcile::etcd
