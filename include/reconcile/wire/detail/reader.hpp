// Bytes in for reconcile/wire: the checked reader of a decode's first pass (bounds, varint
// overflow, depth, the path being read for errors) and the unchecked reader of its second.
// Not public.
#pragma once

#include <reconcile/path.hpp>
#include <reconcile/wire/detail/writer.hpp>
#include <reconcile/wire/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::wire::detail {

// One step of the path being decoded, on the stack; made a reconcile::path only for an error.
struct frame {
  const frame* parent = nullptr;
  segment_kind kind = segment_kind::field;
  std::size_t index = 0;
  std::string_view name;
  const void* key = nullptr;
  void (*push_key)(reconcile::path&, const frame&) = nullptr;
};

inline frame field_frame(const frame* parent, std::size_t index, std::string_view name) noexcept {
  return {parent, segment_kind::field, index, name, nullptr, nullptr};
}
inline frame position_frame(const frame* parent, std::size_t index) noexcept {
  return {parent, segment_kind::index, index, {}, nullptr, nullptr};
}
template <class K>
void push_key(reconcile::path& p, const frame& f) {
  const K& k = *static_cast<const K*>(f.key);
  p.push_back(f.kind == segment_kind::element ? reconcile::segment::element(k) : reconcile::segment::key(k, f.name));
}
template <class K>
frame key_frame(const frame* parent, const K& k, segment_kind kind = segment_kind::key, std::string_view member = {}) {
  return {parent, kind, 0, member, &k, &push_key<K>};
}

inline void append_frames(reconcile::path& p, const frame* f) {
  if (!f || !f->parent) return;  // the root frame is no step
  append_frames(p, f->parent);
  if (f->kind == segment_kind::field) p.push_field(f->index, f->name);
  else if (f->kind == segment_kind::index) p.push_position(f->index);
  else f->push_key(p, *f);
}

[[noreturn]] inline void fail(errc kind, const frame* at, std::size_t byte, std::size_t size, std::string_view why) {
  reconcile::path p;
  append_frames(p, at);
  std::string text = "reconcile::wire: ";
  text += to_string(kind);
  text += " packet at ";
  text += p.empty() ? std::string("the root") : p.to_string();
  text += " (byte " + std::to_string(byte) + " of " + std::to_string(size) + "): ";
  text += why;
#if defined(__cpp_exceptions)
  throw wire_error(kind, std::move(p), text);
#else
  std::fprintf(stderr, "%s\n", text.c_str());
  std::abort();
#endif
}

// A position the first pass could not note (past 2^32 - 1).
inline constexpr std::uint32_t no_position = 0xffffffffu;

// The first 1-4 bytes of a varint at p, which has 4 bytes to read: its length and value, or 0
// (a longer varint) with its low 28 bits in v. Both readers' fast path.
RECONCILE_DETAIL_WIRE_INLINE inline unsigned varint_head(const unsigned char* p, std::uint64_t& v) noexcept {
  v = p[0];
  if (v < 0x80) return 1;
  std::uint64_t b = p[1];
  v = (v & 0x7f) | (b << 7);
  if (b < 0x80) return 2;
  b = p[2];
  v = (v & 0x3fff) | (b << 14);
  if (b < 0x80) return 3;
  b = p[3];
  v = (v & 0x1fffff) | (b << 21);
  if (b < 0x80) return 4;
  v &= 0xfffffff;
  return 0;
}

// The first decode pass reads through this: every read is checked, and a failure names the
// frame being read (set by frame_guard as the pass descends).
class checked_reader {
 public:
  checked_reader(const unsigned char* data, std::size_t n) : begin_(data), p_(data), end_(data + n) {}
  const frame* at = nullptr;
  // Where the pass found the elements of keyed sequences, in packet order, for the second
  // pass (trusted_reader::next_found).
  std::vector<std::uint32_t>* found = nullptr;
  void note_found(std::size_t i) {
    if (found) found->push_back(i < no_position ? static_cast<std::uint32_t>(i) : no_position);
  }
  std::size_t depth() const noexcept { return depth_; }

  std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  const unsigned char* position() const noexcept { return p_; }
  std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  bool done() const noexcept { return p_ == end_; }
  [[noreturn]] void fail(errc kind, std::string_view why) const {
    detail::fail(kind, at, offset(), static_cast<std::size_t>(end_ - begin_), why);
  }
  unsigned char byte() {
    if (p_ == end_) fail(errc::truncated, "the packet ends inside a value");
    return *p_++;
  }
  // Inline up to 4 bytes (tags, masks, small numbers: one; a float's change: 2-4) where 4
  // bytes are left; longer ones, and any near the end, in long_varint.
  RECONCILE_DETAIL_WIRE_INLINE std::uint64_t varint() {
    if (end_ - p_ >= 4) [[likely]] {
      std::uint64_t v;
      if (const unsigned n = varint_head(p_, v)) return p_ += n, v;
    } else if (p_ != end_ && *p_ < 0x80) {
      return *p_++;
    }
    return long_varint();
  }
  // A varint that must be <= max (a tag, a count, a size).
  std::uint64_t varint_at_most(std::uint64_t max, std::string_view what) {
    const std::uint64_t v = varint();
    if (v > max) fail(errc::malformed, what);
    return v;
  }
  void skip(std::size_t n) {
    if (n > left()) fail(errc::truncated, "the packet ends inside a value");
    p_ += n;
  }
  template <class U>
  U little() {
    if (sizeof(U) > left()) fail(errc::truncated, "the packet ends inside a value");
    U v = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) v = static_cast<U>(v | static_cast<U>(static_cast<U>(p_[i]) << (8 * i)));
    p_ += sizeof(U);
    return v;
  }

 private:
  friend class frame_guard;
  std::uint64_t long_varint() {
    if (left() >= 10) {  // room for the longest: no bounds check per byte
      std::uint64_t v = 0;
      for (int i = 0; i < 10; ++i) {
        const std::uint64_t b = p_[i];
        v |= (b & 0x7f) << (7 * i);
        if (b < 0x80) {
          if (i == 9 && b > 1) break;
          p_ += i + 1;
          return v;
        }
      }
      p_ += 10;  // where the byte-by-byte loop below stops too
      fail(errc::malformed, "a varint overflows 64 bits");
    }
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned char b = byte();
      if (shift == 63 && b > 1) fail(errc::malformed, "a varint overflows 64 bits");
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail(errc::malformed, "a varint longer than 10 bytes");
  }
  const unsigned char *begin_, *p_, *end_;
  std::size_t depth_ = 0;
};

// Deeper values (a recursive type: a Node holding a vector<Node>) are refused as malformed:
// the decoder's stack stays bounded whatever the packet claims.
inline constexpr std::size_t max_depth = 200;

// Sets the reader's current frame for a scope of the first pass.
class frame_guard {
 public:
  frame_guard(checked_reader& r, const frame& f) noexcept : r_(r), saved_(r.at) {
    r.at = &f;
    ++r.depth_;
  }
  ~frame_guard() {
    r_.at = saved_;
    --r_.depth_;
  }
  frame_guard(const frame_guard&) = delete;
  frame_guard& operator=(const frame_guard&) = delete;

 private:
  checked_reader& r_;
  const frame* saved_;
};

// The second pass reads bytes the first pass has checked: no bounds tests.
struct trusted_reader {
  const unsigned char* p;
  // The positions the first pass found (checked_reader::found), or null: see found_at.
  const std::uint32_t* found = nullptr;
  const std::uint32_t* found_end = nullptr;
  // The next position the first pass found, or no_position (none noted, or past 2^32).
  std::size_t next_found() noexcept { return found != found_end ? *found++ : no_position; }
  unsigned char byte() noexcept { return *p++; }
  // Unrolled to 4 bytes (a float's change is 2-4); longer ones loop.
  RECONCILE_DETAIL_WIRE_INLINE std::uint64_t varint() noexcept {
    std::uint64_t v;
    if (const unsigned n = varint_head(p, v)) return p += n, v;
    p += 4;
    for (int shift = 28;; shift += 7) {  // at most 10 bytes in all: pass 1 checked
      const std::uint64_t b = *p++;
      v |= (b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }
  template <class U>
  U little() noexcept {
    U v = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) v = static_cast<U>(v | static_cast<U>(static_cast<U>(p[i]) << (8 * i)));
    p += sizeof(U);
    return v;
  }
  void skip(std::size_t n) noexcept { p += n; }
};

}  // namespace reconcile::wire::detail
