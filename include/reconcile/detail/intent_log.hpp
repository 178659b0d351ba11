// intent_log: the expectations' side of a journal: the records written (an intent before each
// call, durably; a settlement after, lazily), the latest record of every address (to compact
// the journal as it grows), and the replay at start. Part of expectations.hpp.
#pragma once

#include <reconcile/action.hpp>
#include <reconcile/clock.hpp>
#include <reconcile/journal.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reconcile::detail {

class intent_log {
 public:
  // intent_log(j, c): records stamped by the expectations' clock c (see stamp()).
  explicit intent_log(journal* j = nullptr, const clock* c = nullptr) : journal_(j), clock_(c) {}
  explicit operator bool() const noexcept { return journal_ != nullptr; }

  // The map key of an address in a slice: slices may reuse addresses (keyed_loop's slices
  // are worlds of their own).
  static std::string joined(const std::string& slice, const std::string& address) {
    return slice.empty() ? address : slice + '\x1f' + address;
  }
  // stamp(): now, in ms, on the expectations' clock: with the real clock (the default), the
  // system clock, which a restart (even a reboot) does not reset, unlike the steady clock;
  // with any other clock (a manual_clock, a simulation's), that clock's own time, so that a
  // reloaded intent ages as the expectations' TTL does.
  std::int64_t stamp() const {
    using namespace std::chrono;
    if (clock_ == nullptr || dynamic_cast<const real_clock*>(clock_) != nullptr)
      return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    return duration_cast<milliseconds>(clock_->now().time_since_epoch()).count();
  }

  // issued(a, slice): the intent of action `a`, durably, before its call. issued(a, slice,
  // verb::remove): a replace run as its remove alone now drives the resource to absence.
  void issued(const action& a, const std::string& slice) { issued(a, slice, a.verb()); }
  void issued(const action& a, const std::string& slice, verb v) {
    journal_record r;
    r.address = a.address();
    r.slice = slice;
    r.kind_index = a.kind_index();
    r.idempotency_key = a.idempotency_key();
    r.attempt = a.attempt();
    r.verb = v;
    r.target_hash = v == verb::remove ? 0 : action_access::target_hash(a);
    append(std::move(r), durability::synced);
  }
  // settled(...): the attempt on that address is over (observed, definitely failed, or expired).
  void settled(const std::string& slice, const std::string& address, std::uint64_t key, std::uint32_t attempt) {
    journal_record r;
    r.what = journal_record::what_t::settled;
    r.address = address;
    r.slice = slice;
    r.idempotency_key = key;
    r.attempt = attempt;
    append(std::move(r), durability::buffered);
  }
  // replay(f): f(record, age) for the latest record of every address, in first-seen order;
  // then the journal is compacted to those records.
  template <class F>
  void replay(F&& f) {
    std::vector<std::string> order;
    for (journal_record& r : journal_->load()) {
      std::string id = joined(r.slice, r.address);
      if (!latest_.contains(id)) order.push_back(id);
      latest_[std::move(id)] = std::move(r);
    }
    const std::int64_t wall = stamp();
    for (const std::string& id : order) {
      const journal_record& r = latest_[id];
      f(id, r, std::chrono::milliseconds(std::max<std::int64_t>(0, wall - r.wall_ms)));
    }
    compact();
  }

 private:
  // Appends r; once the journal holds 4x as many records as addresses (and 1024 or more), it
  // is compacted to the latest record of each address.
  void append(journal_record r, durability d) {
    r.wall_ms = stamp();
    journal_->append(r, d);
    std::string id = joined(r.slice, r.address);
    latest_[std::move(id)] = std::move(r);
    if (++appended_ >= std::max<std::size_t>(1024, 4 * latest_.size())) compact();
  }
  void compact() {
    std::vector<journal_record> live;
    live.reserve(latest_.size());
    for (const auto& [id, r] : latest_) live.push_back(r);
    journal_->compact(live);
    appended_ = live.size();
  }

  journal* journal_;
  const clock* clock_;
  std::unordered_map<std::string, journal_record> latest_;
  std::size_t appended_ = 0;  // records in the journal
};

}  // namespace reconcile::detail
