// reconcile/sim/journal.hpp - sim::journal: the simulated world's durable storage for
// expectations (reconcile::journal, issue #16), kept by the world across controller crashes:
// a crash loses only the records appended `buffered` since the last `synced` one, as a
// process killed before its page cache is flushed would. The expectations stamp each record
// by their own clock (the world's manual_clock), so reloaded intents age in simulated time.
// Thread-safe.
#pragma once

#include <reconcile/journal.hpp>

#include <cstddef>
#include <mutex>
#include <vector>

namespace reconcile::sim {

/// journal: an in-memory reconcile::journal that outlives the controllers of one run. Costs
/// one vector append per record; load() copies every record.
class journal final : public reconcile::journal {
 public:
  journal() = default;

  std::vector<journal_record> load() override {
    std::lock_guard lk(m_);
    return records_;
  }
  void append(const journal_record& r, durability d) override {
    std::lock_guard lk(m_);
    records_.push_back(r);
    if (d == durability::synced) durable_ = records_.size();
  }
  void compact(const std::vector<journal_record>& live) override {
    std::lock_guard lk(m_);
    records_ = live;
    durable_ = records_.size();
  }
  /// crash(): drops the records not yet made durable (appended buffered after the last
  /// synced append or compaction); returns how many.
  std::size_t crash() {
    std::lock_guard lk(m_);
    const std::size_t lost = records_.size() - durable_;
    records_.resize(durable_);
    return lost;
  }
  /// clear(): empties it (a new run).
  void clear() {
    std::lock_guard lk(m_);
    records_.clear();
    durable_ = 0;
  }
  /// size(): the records held.
  std::size_t size() const {
    std::lock_guard lk(m_);
    return records_.size();
  }

 private:
  mutable std::mutex m_;
  std::vector<journal_record> records_;
  std::size_t durable_ = 0;
};

}  // namespace reconcile::sim
