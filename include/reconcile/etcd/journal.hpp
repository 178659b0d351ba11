// reconcile/etcd/journal.hpp - a journal in etcd: one key per resource address under a
// prefix, bound to the controller's lease.
//
//   reconcile::etcd::client etcd(reconcile::etcd::config{{"http://127.0.0.1:2379"}});
//   reconcile::etcd::session lease(etcd, {.ttl = std::chrono::seconds(30)});
//   reconcile::etcd::journal j(etcd, "/oms/intents/desk-1/", [&] { return lease.lease_id(); });
//   reconcile::expectations expect(j, std::chrono::seconds(30));   // reloads what etcd holds
//
// Each append puts `<prefix><address>` (the record in journal_codec's frame) under the lease:
// a put returns once etcd's raft log has it, so every append is durable. The key keeps only the
// latest record of its address, which is all expectations replay. If the controller dies, its
// intents outlive it for the lease's TTL: a successor started within that time (same prefix)
// reloads them and adopts them under its own lease (compact). Costs one etcd round trip per
// append (about 1 ms on loopback); load is one paged list of the prefix.
#pragma once

#include <reconcile/etcd/client.hpp>
#include <reconcile/journal.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace reconcile::etcd {

/// journal(c, prefix, lease = none): a reconcile::journal kept under `prefix` in etcd; lease()
/// gives the lease id each put is bound to (0: none; e.g. a session's lease_id()). Throws
/// etcd_error when etcd cannot be reached.
class journal final : public reconcile::journal {
 public:
  journal(const client& c, std::string prefix, std::function<std::int64_t()> lease = {})
      : client_(c), prefix_(std::move(prefix)), lease_(std::move(lease)) {}

  /// Records found corrupt (and ignored) by the last load().
  std::size_t corrupt() const noexcept { return corrupt_; }

  std::vector<journal_record> load() override {
    std::vector<std::pair<std::int64_t, journal_record>> found;
    corrupt_ = 0;
    for (const key_value& kv : client_.list(prefix_).kvs) {
      journal_record r;
      if (reconcile::detail::journal_codec::decode(kv.value, 0, r) != kv.value.size()) {
        ++corrupt_;
        continue;
      }
      found.emplace_back(kv.mod_revision, std::move(r));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<journal_record> out;
    out.reserve(found.size());
    for (auto& [rev, r] : found) out.push_back(std::move(r));
    return out;
  }

  void append(const journal_record& r, durability) override {
    client_.put(prefix_ + r.address, reconcile::detail::journal_codec::encode(r), lease_ ? lease_() : 0);
  }

  void compact(const std::vector<journal_record>& live) override {
    for (const journal_record& r : live) append(r, durability::synced);
  }

 private:
  const client& client_;
  std::string prefix_;
  std::function<std::int64_t()> lease_;
  std::size_t corrupt_ = 0;
};

}  // namespace reconcile::etcd
