// reconcile/wire/schema.hpp - the schema fingerprint: two builds talk only if their types and
// wire rules agree.
//
// Every packet carries 32 bits of the fingerprint and decoders refuse another one
// (errc::schema_mismatch). The handshake helpers exchange all 64 bits once per connection:
//
//   wire::hello<World>(out);                 // client -> server, on connect
//   wire::check_hello<World>(bytes);         // server: throws wire_error if builds differ
#pragma once

#include <reconcile/wire/detail/packet.hpp>
#include <reconcile/wire/detail/schema_hash.hpp>

#include <cstddef>
#include <cstdint>

namespace reconcile::wire {

/// fingerprint<T>: a 64-bit hash of what decides T's bytes on the wire (field names, order and
/// types, ignore, keyed_by, ordered, unordered, quantize steps, compare and tolerance).
/// Compile time; costs nothing at run time.
template <class T>
inline constexpr std::uint64_t fingerprint = detail::schema_fingerprint<T>();

/// hello<T>(out): appends the 13-byte handshake that carries T's full fingerprint.
template <class T, detail::byte_buffer Out>
void hello(Out& out) {
  detail::writer<Out> w(out);
  w.byte(detail::format_base | 0x0F);
  w.little(fingerprint<T>);
  w.finish();
  detail::writer<Out> closing(out);
  closing.little(detail::checksum(detail::bytes_of(out) + out.size() - 9, 9));
  closing.finish();
}

/// check_hello<T>(bytes): accepts a peer's hello; throws wire_error (schema_mismatch: another
/// build of the types or rules; truncated, corrupted, malformed: not a hello).
template <class T, detail::byte_range Bytes>
void check_hello(const Bytes& bytes) {
  const unsigned char* p = detail::bytes_of(bytes);
  detail::checked_reader in(p, bytes.size());
  if (bytes.size() != 13) in.fail(errc::malformed, "a hello is 13 bytes");
  if (detail::checksum(p, 9) != detail::checked_reader(p + 9, 4).little<std::uint32_t>())
    in.fail(errc::corrupted, "the checksum does not match the bytes");
  if (in.byte() != (detail::format_base | 0x0F)) in.fail(errc::malformed, "not a reconcile::wire hello");
  if (in.little<std::uint64_t>() != fingerprint<T>)
    in.fail(errc::schema_mismatch, "the peer's types or rules differ from ours (schema fingerprints differ)");
}

}  // namespace reconcile::wire
