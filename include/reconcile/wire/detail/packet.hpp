// The packet frame around every body reconcile/wire writes:
//   packet := format fingerprint varint(sequence) [varint(baseline)] body checksum
//   format := 0xB0 | kind (0 delta, 1 snapshot)    fingerprint := the low 32 bits of the
//   schema fingerprint, little-endian               checksum := 32 bits over all before it
// Not public.
#pragma once

#include <reconcile/wire/detail/reader.hpp>
#include <reconcile/wire/detail/writer.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>

namespace reconcile::wire::detail {

// The packet checksum: sums of 32-bit words in 16 lanes (four 16-byte vectors, A += word),
// and of those sums once per 256-byte block (B += A), mixed into 32 bits with the length. A
// changed bit always changes A; blocks in another order change B. Vector additions only, in
// independent lanes (GCC/Clang vector extensions: SSE2 on x86-64): about the speed of a
// memcpy, so a snapshot costs little more than its copy. Host byte order, like the words it
// sums. Not cryptographic: it catches corruption on the way, not an attacker.
using checksum_lanes = std::uint32_t __attribute__((vector_size(16)));
inline checksum_lanes load_lanes(const unsigned char* q) noexcept {
  checksum_lanes v;
  std::memcpy(&v, q, 16);
  return v;
}
inline std::uint32_t checksum(const unsigned char* p, std::size_t n) noexcept {
  checksum_lanes a0 = {1, 2, 3, 4}, a1 = {5, 6, 7, 8}, a2 = {9, 10, 11, 12}, a3 = {13, 14, 15, 16};
  checksum_lanes b0 = {}, b1 = {}, b2 = {}, b3 = {};
  auto block = [&](const unsigned char* q) {  // 64 bytes
    a0 += load_lanes(q);
    a1 += load_lanes(q + 16);
    a2 += load_lanes(q + 32);
    a3 += load_lanes(q + 48);
  };
  auto mark = [&] { b0 += a0, b1 += a1, b2 += a2, b3 += a3; };
  std::size_t i = 0;
  for (; i + 256 <= n; i += 256) {
    block(p + i), block(p + i + 64), block(p + i + 128), block(p + i + 192);
    mark();
  }
  for (; i + 64 <= n; i += 64) block(p + i), mark();
  unsigned char last[64] = {};  // the tail, zero-padded: one more block
  if (i < n) std::memcpy(last, p + i, n - i);
  block(last), mark();
  constexpr std::uint64_t k = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = 0x243f6a8885a308d3ull ^ n;
  for (const checksum_lanes& v : {a0, a1, a2, a3, b0, b1, b2, b3}) {
    for (std::size_t j = 0; j < 4; ++j) {
      h = (h ^ v[j]) * k;
      h ^= h >> 29;
    }
  }
  h ^= h >> 32;
  h *= k;
  return static_cast<std::uint32_t>(h >> 32);
}

inline constexpr unsigned char format_base = 0xB0;
inline constexpr std::size_t checksum_size = 4;

// A caller's bytes: contiguous, one byte per element (vector<uint8_t>, string, span, ...).
template <class B>
concept byte_range = requires(const B& b) {
  { b.data() } -> std::convertible_to<const void*>;
  b.size();
  requires sizeof(*b.data()) == 1;
};
template <class B>
const unsigned char* bytes_of(const B& b) noexcept {
  return reinterpret_cast<const unsigned char*>(b.data());
}

template <class Out>
void put_header(writer<Out>& w, unsigned kind, std::uint64_t fingerprint, std::uint64_t sequence, std::uint64_t baseline) {
  w.byte(static_cast<unsigned char>(format_base | kind));
  w.little(static_cast<std::uint32_t>(fingerprint));
  w.varint(sequence);
  if (kind == 0) w.varint(baseline);
}
// Closes the packet that starts at `start`: appends its checksum, trims the buffer.
template <class Out>
void put_checksum(writer<Out>& w, std::size_t start) {
  w.need(checksum_size);
  w.little(checksum(w.at(start), w.size() - start));
  w.finish();
}

struct header {
  unsigned kind;
  std::uint32_t fingerprint;
  std::uint64_t sequence;
  std::uint64_t baseline;
  const unsigned char* body;
  std::size_t body_size;
};

// Checks the frame (length, checksum, format, fingerprint) and reads the header.
inline header read_header(const unsigned char* p, std::size_t n, std::uint64_t fingerprint) {
  if (n < 1 + 4 + 1 + checksum_size) fail(errc::truncated, nullptr, n, n, "shorter than a packet's frame");
  checked_reader tail(p + n - checksum_size, checksum_size);
  if (tail.little<std::uint32_t>() != checksum(p, n - checksum_size))
    fail(errc::corrupted, nullptr, n - checksum_size, n, "the checksum does not match the bytes");
  checked_reader in(p, n - checksum_size);
  header h{};
  const unsigned char format = in.byte();
  if ((format & 0xF0) != format_base || (format & 0x0F) > 1) in.fail(errc::malformed, "not a reconcile::wire packet");
  h.kind = format & 0x0Fu;
  h.fingerprint = in.little<std::uint32_t>();
  if (h.fingerprint != static_cast<std::uint32_t>(fingerprint))
    in.fail(errc::schema_mismatch, "the sender's types or rules differ from the receiver's (schema fingerprints differ)");
  h.sequence = in.varint();
  h.baseline = h.kind == 0 ? in.varint() : 0;
  h.body = in.position();
  h.body_size = in.left();
  return h;
}

}  // namespace reconcile::wire::detail
