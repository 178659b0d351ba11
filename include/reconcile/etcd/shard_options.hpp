// reconcile/etcd/shard_options.hpp - how a shard member names itself, how long its lease
// lives, and how often it looks at a lock another member holds.
#pragma once

#include <chrono>
#include <string>

namespace reconcile::etcd {

// shard_options: this member's name, its lease, and how often to look at a busy lock.
struct shard_options {
  std::string name;                            // unique in the group; "" = host:pid
  std::chrono::seconds ttl{15};                // lease TTL: a dead member's keys move within about this
  std::chrono::milliseconds margin{0};         // see session_options::margin (0: ttl/5)
  std::chrono::milliseconds lock_retry{1000};  // re-check a lock another member holds (a watch
                                               // on the locks notifies sooner)
};

}  // namespace reconcile::etcd
