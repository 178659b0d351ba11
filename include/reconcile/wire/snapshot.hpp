// reconcile/wire/snapshot.hpp - a whole value as a packet: what a peer with no baseline starts
// from. The encoding of whole values in deltas, except that integers and enums take their
// fixed width (little-endian), so that a flat struct, or a vector of them, is one copy: a
// snapshot costs about what a memcpy-style serialiser costs.
//
//   wire::encode_value(out, world);              // appends a snapshot packet
//   World w = wire::decode_value<World>(bytes);  // or wire::decode_into(w, bytes)
#pragma once

#include <reconcile/wire/codec.hpp>

#include <cstdint>

namespace reconcile::wire {

/// encode_value(out, v, sequence = 0): appends the snapshot packet of v. Fields the rules
/// ignore are not sent. O(size of v), one memcpy per vector of flat structs; allocates only
/// to grow out.
template <class T, detail::byte_buffer Out>
void encode_value(Out& out, const T& v, std::uint64_t sequence = 0) {
  detail::check_encodable<T>();
  detail::writer<Out> w(out);
  const std::size_t start = w.size();
  detail::put_header(w, 1, fingerprint<T>, sequence, 0);
  detail::put_value<detail::layout::fixed>(w, v, reconcile::detail::default_rule);
  detail::put_checksum(w, start);
}

/// decode_value<T>(bytes): the value of a snapshot packet (ignored fields default); throws
/// wire_error for a bad packet, and for a delta (errc::no_baseline: it needs a baseline).
template <class T, detail::byte_range Bytes>
T decode_value(const Bytes& bytes) {
  if (peek<T>(bytes).kind != packet_kind::snapshot)
    detail::fail(errc::no_baseline, nullptr, 0, bytes.size(), "a delta decodes only into its baseline (decode_into)");
  T v{};
  wire::decode_into(v, bytes);
  return v;
}

}  // namespace reconcile::wire
