// reconcile/wire/packet.hpp - what a packet says about itself: delta or snapshot, its
// sequence number and, for a delta, the sequence of the baseline it applies to.
#pragma once

#include <reconcile/wire/detail/packet.hpp>
#include <reconcile/wire/schema.hpp>

#include <cstdint>

namespace reconcile::wire {

/// packet_kind: a delta (applies to the receiver's copy of its baseline) or a snapshot (a
/// whole value: needs no baseline).
enum class packet_kind : unsigned char { delta = 0, snapshot = 1 };

/// packet_info: the header fields a sender sets and a receiver reads. sequence and baseline
/// are the sender's to number (replicator numbers its packets 1, 2, ...); the codec carries them.
struct packet_info {
  packet_kind kind = packet_kind::delta;
  std::uint64_t sequence = 0;
  std::uint64_t baseline = 0;  // deltas only
};

/// peek<T>(bytes): the header of a packet for T, after checking its frame (checksum, format,
/// fingerprint); throws wire_error like a decode. Reads the header only: O(size) for the checksum.
template <class T, detail::byte_range Bytes>
packet_info peek(const Bytes& bytes) {
  const detail::header h = detail::read_header(detail::bytes_of(bytes), bytes.size(), fingerprint<T>);
  return {static_cast<packet_kind>(h.kind), h.sequence, h.baseline};
}

}  // namespace reconcile::wire
