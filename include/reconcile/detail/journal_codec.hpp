// The byte form of a journal_record, shared by the journals: a frame of [u32 payload
// length][u64 FNV-1a of the payload][payload], little endian; the payload holds the fixed
// fields, the slice (u32 length, bytes), then the address. Part of journal.hpp (every journal
// writes it).
#pragma once

#include <reconcile/detail/content_hash.hpp>
#include <reconcile/journal.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reconcile::detail {

struct journal_codec {
  static constexpr std::size_t header = 12, fixed = 38;

  static std::string encode(const journal_record& r) {
    std::string p;
    put(p, static_cast<std::uint64_t>(r.what), 1);
    put(p, static_cast<std::uint64_t>(r.verb), 1);
    put(p, r.attempt, 4);
    put(p, r.kind_index, 4);
    put(p, r.idempotency_key, 8);
    put(p, r.target_hash, 8);
    put(p, static_cast<std::uint64_t>(r.wall_ms), 8);
    put(p, r.slice.size(), 4);
    p += r.slice;
    p += r.address;
    std::string frame;
    put(frame, p.size(), 4);
    put(frame, fnv1a(p), 8);
    return frame + p;
  }

  // decode(s, at, r): the record framed at `at`; the offset after it, or 0 when the frame is
  // short (torn) or fails its checksum or field checks (corrupt).
  static std::size_t decode(std::string_view s, std::size_t at, journal_record& r) {
    if (s.size() - at < header) return 0;
    const std::size_t len = static_cast<std::size_t>(get(s, at, 4));
    if (len < fixed || s.size() - at - header < len) return 0;
    const std::string_view p = s.substr(at + header, len);
    if (fnv1a(p) != get(s, at + 4, 8)) return 0;
    const std::uint64_t what = get(p, 0, 1), v = get(p, 1, 1);
    if (what > 1 || v > 3) return 0;
    r.what = static_cast<journal_record::what_t>(what);
    r.verb = static_cast<reconcile::verb>(v);
    r.attempt = static_cast<std::uint32_t>(get(p, 2, 4));
    r.kind_index = static_cast<std::size_t>(get(p, 6, 4));
    r.idempotency_key = get(p, 10, 8);
    r.target_hash = get(p, 18, 8);
    r.wall_ms = static_cast<std::int64_t>(get(p, 26, 8));
    const std::size_t slice = static_cast<std::size_t>(get(p, 34, 4));
    if (len - fixed < slice) return 0;
    r.slice = std::string(p.substr(fixed, slice));
    r.address = std::string(p.substr(fixed + slice));
    return at + header + len;
  }

 private:
  static void put(std::string& s, std::uint64_t x, int bytes) {
    for (int i = 0; i < bytes; ++i) s += static_cast<char>((x >> (8 * i)) & 0xff);
  }
  static std::uint64_t get(std::string_view s, std::size_t at, int bytes) {
    std::uint64_t x = 0;
    for (int i = 0; i < bytes; ++i)
      x |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)])) << (8 * i);
    return x;
  }
};

}  // namespace reconcile::detail
