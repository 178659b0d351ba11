// reconcile/journal.hpp - where expectations keep their intents so that they outlive the
// process: the journal interface and its record. Implementations: reconcile::file_journal
// (file_journal.hpp: a local append-only file, fsync'd) and reconcile::etcd::journal (the
// etcd wing: keys leased per controller).
//
//   reconcile::file_journal j("/var/lib/oms/intents");
//   reconcile::expectations expect(j, std::chrono::seconds(30));   // reloads what j holds
//
// What is written: before an actuator call, an `issued` record (address, attempt, the
// target's content hash), durably: a process killed during the call finds the intent on
// restart and neither repeats nor forgets the action. When the attempt settles (observed, or
// definitely failed), a `settled` record, not necessarily durable (losing it costs only a
// wait until the next observation or the TTL).
#pragma once

#include <reconcile/action.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace reconcile {

/// journal_record: one line of a journal: an attempt issued on an address, or settled.
struct journal_record {
  /// issued: the action is about to be sent (write-ahead); settled: the attempt is over.
  enum class what_t : unsigned char { issued, settled };
  what_t what = what_t::issued;
  /// The resource's address, e.g. `orders["bid-0"]`.
  std::string address;
  /// The world field's index of the address's kind.
  std::size_t kind_index = 0;
  /// The action's idempotency key (kind, verb, key, desired content).
  std::uint64_t idempotency_key = 0;
  /// The attempt generation (action::attempt()).
  std::uint32_t attempt = 0;
  reconcile::verb verb = verb::create;
  /// content_hash of the resource the action drives toward; 0 for a remove (absence).
  std::uint64_t target_hash = 0;
  /// The slice that issued it (plan_options::slice; e.g. a keyed_loop's key), or empty.
  std::string slice;
  /// When it was written, in milliseconds since the Unix epoch (system clock): a reloaded
  /// intent keeps only the rest of its TTL.
  std::int64_t wall_ms = 0;

  bool operator==(const journal_record&) const = default;
};

/// durability: whether journal::append returns only once the record is on stable storage.
enum class durability : unsigned char { synced, buffered };

/// journal: an ordered store of journal_records that survives the process. Implementations
/// must make a `synced` append durable before returning, and must never return from load()
/// a record that was only partly written. Called under the expectations' lock.
class journal {
 public:
  virtual ~journal() = default;
  /// load(): every record appended (or kept by compact) so far, in order.
  virtual std::vector<journal_record> load() = 0;
  /// append(r, d): adds r at the end; with durability::synced, durably before returning.
  virtual void append(const journal_record& r, durability d) = 0;
  /// compact(live): replaces the contents with `live` (atomically: a crash leaves either).
  virtual void compact(const std::vector<journal_record>& live) = 0;
};

}  // namespace reconcile

// The byte form every journal writes (a frame per record), after the declarations it encodes.
#include <reconcile/detail/journal_codec.hpp>
