// reconcile/sim/journal.hpp - sim::journal: the simulated world's durable storage for
// expectations (reconcile::journal, issue #16), kept by the world across controller crashes:
// a crash loses only the records appended `buffered` since the last `synced` one, as a
// process killed before its page cache is flushed would. Records are stamped by the world's
// clock: load() restates each one's wall_ms so that its age on the system clock, which the
// expectations read on reload, is its simulated age (else real time would leak into the
// simulation: a slow tick would expire intents). Thread-safe.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/journal.hpp>

#include <chrono>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace reconcile::sim {

/// journal: an in-memory reconcile::journal that outlives the controllers of one run. Costs
/// one vector append per record; load() copies every record.
class journal final : public reconcile::journal {
 public:
  /// journal(clock): records are stamped by `clock` (null: the steady clock); it must outlive
  /// the journal's use.
  explicit journal(const reconcile::clock* c = nullptr) : clock_(c ? c : &real_clock::instance()) {}
  /// set_clock(c): the clock of a new run.
  void set_clock(const reconcile::clock* c) {
    std::lock_guard lk(m_);
    clock_ = c ? c : &real_clock::instance();
  }

  std::vector<journal_record> load() override {
    using namespace std::chrono;
    std::lock_guard lk(m_);
    const std::int64_t wall = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    const time_point now = clock_->now();
    std::vector<journal_record> out;
    out.reserve(records_.size());
    for (const auto& [r, at] : records_) {
      out.push_back(r);
      out.back().wall_ms = wall - duration_cast<milliseconds>(now - at).count();
    }
    return out;
  }
  void append(const journal_record& r, durability d) override {
    std::lock_guard lk(m_);
    records_.emplace_back(r, clock_->now());
    if (d == durability::synced) durable_ = records_.size();
  }
  void compact(const std::vector<journal_record>& live) override {
    std::lock_guard lk(m_);
    std::vector<std::pair<journal_record, time_point>> kept;
    for (const journal_record& r : live) {
      time_point at = clock_->now();  // a record compaction keeps keeps its stamp
      for (const auto& [old, stamp] : records_)
        if (old == r) at = stamp;
      kept.emplace_back(r, at);
    }
    records_ = std::move(kept);
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
  const reconcile::clock* clock_;
  std::vector<std::pair<journal_record, time_point>> records_;
  std::size_t durable_ = 0;
};

}  // namespace reconcile::sim
