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
// independent lanes (GCC/Clang vector extensions: SSE2 on x86-64; the 256-byte blocks in
// 32- or 64-byte vectors where the CPU has AVX2 or AVX-512, the same sums in half or a
// quarter of the loads): about the speed of a memcpy, so a snapshot costs little more than
// its copy. Host byte order, like the words it sums. Not cryptographic: it catches
// corruption on the way, not an attacker.
using checksum_lanes = std::uint32_t __attribute__((vector_size(16)));
inline checksum_lanes load_lanes(const unsigned char* q) noexcept {
  checksum_lanes v;
  std::memcpy(&v, q, 16);
  return v;
}
// The sums over `blocks` 256-byte blocks at p, in vectors of type Lanes (16, 32 or 64 bytes:
// lanes a[0..3] in order, as memory holds them).
template <class Lanes>
[[gnu::always_inline]] inline void sum_blocks(const unsigned char* p, std::size_t blocks, checksum_lanes* a,
                                              checksum_lanes* b) noexcept {
  constexpr std::size_t n = 64 / sizeof(Lanes);
  Lanes sa[n], sb[n];
  std::memcpy(static_cast<void*>(sa), a, 64);
  std::memcpy(static_cast<void*>(sb), b, 64);
  for (std::size_t i = 0; i < blocks; ++i, p += 256) {
    for (std::size_t j = 0; j < n; ++j) {  // the 4 words of a lane summed as a tree: a short chain
      Lanes x[4];  // (no function returns a vector: wider than the default ABI passes)
      for (std::size_t k = 0; k < 4; ++k) std::memcpy(static_cast<void*>(&x[k]), p + 64 * k + sizeof(Lanes) * j, sizeof(Lanes));
      sa[j] += (x[0] + x[1]) + (x[2] + x[3]);
      sb[j] += sa[j];
    }
  }
  std::memcpy(a, static_cast<const void*>(sa), 64);
  std::memcpy(b, static_cast<const void*>(sb), 64);
}
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
using checksum_lanes_32 = std::uint32_t __attribute__((vector_size(32)));
using checksum_lanes_64 = std::uint32_t __attribute__((vector_size(64)));
__attribute__((target("avx2"))) inline void sum_blocks_avx2(const unsigned char* p, std::size_t blocks, checksum_lanes* a,
                                                            checksum_lanes* b) noexcept {
  sum_blocks<checksum_lanes_32>(p, blocks, a, b);
}
__attribute__((target("avx512f"))) inline void sum_blocks_avx512(const unsigned char* p, std::size_t blocks,
                                                                 checksum_lanes* a, checksum_lanes* b) noexcept {
  sum_blocks<checksum_lanes_64>(p, blocks, a, b);
}
// The widest vectors this CPU adds: 64, 32 or 16 bytes (asked once).
inline int checksum_vector_bytes() noexcept {
  static const int bytes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? 64 : __builtin_cpu_supports("avx2") ? 32 : 16;
  }();
  return bytes;
}
#endif
inline std::uint32_t checksum(const unsigned char* p, std::size_t n) noexcept {
  checksum_lanes a[4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
  checksum_lanes b[4] = {};
  const std::size_t blocks = n / 256;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (blocks >= 4 && checksum_vector_bytes() == 64) sum_blocks_avx512(p, blocks, a, b);
  else if (blocks >= 4 && checksum_vector_bytes() == 32) sum_blocks_avx2(p, blocks, a, b);
  else sum_blocks<checksum_lanes>(p, blocks, a, b);
#else
  sum_blocks<checksum_lanes>(p, blocks, a, b);
#endif
  std::size_t i = blocks * 256;
  auto block = [&](const unsigned char* q) {  // 64 bytes
    a[0] += load_lanes(q);
    a[1] += load_lanes(q + 16);
    a[2] += load_lanes(q + 32);
    a[3] += load_lanes(q + 48);
  };
  auto mark = [&] {
    for (std::size_t j = 0; j < 4; ++j) b[j] += a[j];
  };
  for (; i + 64 <= n; i += 64) block(p + i), mark();
  unsigned char last[64] = {};  // the tail, zero-padded: one more block
  if (i < n) std::memcpy(last, p + i, n - i);
  block(last), mark();
  constexpr std::uint64_t k = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = 0x243f6a8885a308d3ull ^ n;
  for (const checksum_lanes& v : {a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]}) {
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
