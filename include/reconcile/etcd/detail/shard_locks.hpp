// The bookkeeping of a shard member's per-key locks in etcd: which it holds, which it may hold
// (a create whose answer was lost), which it waits for (owned, held by another member), which
// keys it refused (parked until they become its own), and which locks it must delete (with the
// lease that took each) or is deleting now. Not locked itself: the shard's mutex guards it.
#pragma once

#include <reconcile/etcd/client.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace reconcile::etcd::detail {

// a lock to delete: the key it guards, and the lease it was created with.
using lock_release = std::pair<std::string, std::int64_t>;

class shard_locks {
 public:
  bool holds(const std::string& key) const { return held_.count(key) != 0; }
  std::size_t held() const noexcept { return held_.size(); }
  bool waits_for(const std::string& key) const { return waiting_.count(key) != 0; }
  // leaving(key): key's lock is on its way out (queued for deletion, or being deleted).
  bool leaving(const std::string& key) const { return releases_.count(key) != 0 || releasing_.count(key) != 0; }

  // park(key): refused here; given back by rebalance() once key may start here.
  void park(const std::string& key) { parked_.insert(key); }
  // acquired(key): the lock is ours.
  void acquired(const std::string& key) {
    held_.insert(key);
    uncertain_.erase(key);
    waiting_.erase(key);
  }
  // uncertain(key): the create may have landed: released, should key move away.
  void uncertain(const std::string& key) { uncertain_.insert(key); }
  // refused(key, owned): another member holds the lock; an owner waits for its delete.
  void refused(const std::string& key, bool owned) { (owned ? waiting_ : parked_).insert(key); }
  // finished(key, owned, moved, lease): after a guarded reconcile of key. A key no longer owned
  // gives up its lock (released with lease) and is parked; one cancelled by a move (and back)
  // is parked too.
  void finished(const std::string& key, bool owned, bool moved, std::int64_t lease) {
    if (!owned) {
      if (held_.erase(key) + uncertain_.erase(key) > 0) release(key, lease);
      parked_.insert(key);
    } else if (moved) {
      parked_.insert(key);
    }
  }

  // rebalance(owned, active, running, lease, wake): after a change of view or session. Queues
  // the release of idle locks of keys not owned, parks waiters that are no longer owners, and
  // moves the parked keys that may start here now to wake.
  template <class Owned, class Active, class Running>
  void rebalance(const Owned& owned, const Active& active, const Running& running, std::int64_t lease,
                 std::vector<std::string>& wake) {
    for (auto* set : {&held_, &uncertain_})
      for (auto it = set->begin(); it != set->end();) {
        if (!owned(*it) && !running(*it)) {
          release(*it, lease);
          it = set->erase(it);
        } else {
          ++it;
        }
      }
    move_if(waiting_, [&](const std::string& k) { return !owned(k); }, [&](const std::string& k) { parked_.insert(k); });
    move_if(parked_, active, [&](const std::string& k) { wake.push_back(k); });
  }
  // add_waiting(out): every key waiting for a lock.
  void add_waiting(std::vector<std::string>& out) const { out.insert(out.end(), waiting_.begin(), waiting_.end()); }
  // lease_lost(): the lease is gone and every lock with it; waiters are parked.
  void lease_lost() {
    held_.clear();
    uncertain_.clear();
    releases_.clear();
    parked_.insert(waiting_.begin(), waiting_.end());
    waiting_.clear();
  }

  bool releases_due() const noexcept { return !releases_.empty(); }
  // take_releases(max): up to max queued releases, all of one lease, now marked as being deleted.
  std::vector<lock_release> take_releases(std::size_t max) {
    std::vector<lock_release> batch;
    for (auto it = releases_.begin(); it != releases_.end() && batch.size() < max;) {
      if (!batch.empty() && it->second != batch.front().second) {
        ++it;
        continue;
      }
      batch.emplace_back(it->first, it->second);
      releasing_.insert(it->first);
      it = releases_.erase(it);
    }
    return batch;
  }
  // releases_done(rest, lease): the batch taken is over; rest (failed or deferred) is queued
  // again if taken with lease (the current one; a lost lease took its locks along).
  void releases_done(std::vector<lock_release>& rest, std::int64_t lease) {
    releasing_.clear();
    for (auto& [k, l] : rest)
      if (l == lease) releases_.emplace(std::move(k), l);
  }

 private:
  void release(const std::string& key, std::int64_t lease) {
    if (lease) releases_[key] = lease;
  }
  template <class Pred, class Then>
  static void move_if(std::unordered_set<std::string>& from, const Pred& pred, const Then& then) {
    for (auto it = from.begin(); it != from.end();) {
      if (pred(*it)) {
        then(*it);
        it = from.erase(it);
      } else {
        ++it;
      }
    }
  }

  std::unordered_set<std::string> held_;       // locks held (created with the current lease)
  std::unordered_set<std::string> uncertain_;  // a lock create whose answer was lost
  std::unordered_set<std::string> waiting_;    // owned, lock held by another member
  std::unordered_set<std::string> parked_;     // refused: notify when they become ours
  std::map<std::string, std::int64_t> releases_;  // locks to delete, with their lease
  std::unordered_set<std::string> releasing_;     // locks being deleted now
};

// erase_locks(c, batch, lock_key): deletes each lock of batch that is still bound to the lease
// that took it: one transaction, or one by one when some lock is no longer so. Throws
// etcd_error (nothing known deleted then).
template <class LockKey>
void erase_locks(const client& c, const std::vector<lock_release>& batch, const LockKey& lock_key) {
  txn_request t;
  for (const auto& [k, l] : batch) {
    t.when.push_back(compare::lease_is(lock_key(k), l));
    t.then.push_back(operation::erase(lock_key(k)));
  }
  if (c.txn(t).succeeded) return;
  for (const auto& [k, l] : batch) c.txn({{compare::lease_is(lock_key(k), l)}, {operation::erase(lock_key(k))}, {}});
}

}  // namespace reconcile::etcd::detail
