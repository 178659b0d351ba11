// Bytes in and out for reconcile/wire: the growing writer, the checked reader of the first
// decode pass (bounds, varint overflow, the path being read), the unchecked reader of the
// second, the checksum. Not public.
#pragma once

#include <reconcile/path.hpp>
#include <reconcile/wire/error.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile::wire::detail {

// A caller's buffer: contiguous, one byte per element, resizable (vector<uint8_t>, string, ...).
template <class B>
concept byte_buffer = requires(B& b, std::size_t n) {
  { b.data() } -> std::convertible_to<const void*>;
  b.size();
  b.resize(n);
  requires sizeof(*b.data()) == 1;
};

inline std::uint64_t zigzag(std::int64_t v) noexcept {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) noexcept {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

inline unsigned char* put_varint(unsigned char* p, std::uint64_t v) noexcept {
  for (; v >= 0x80; v >>= 7) *p++ = static_cast<unsigned char>(v | 0x80);
  *p++ = static_cast<unsigned char>(v);
  return p;
}

// Writes through a raw pointer into room reserved beforehand (writer::reserve): no checks.
struct raw_writer {
  unsigned char* p;
  static constexpr bool checked = false;
  void need(std::size_t) noexcept {}
  void byte(unsigned char b) noexcept { *p++ = b; }
  void varint(std::uint64_t v) noexcept { p = put_varint(p, v); }
  void raw(const void* data, std::size_t n) noexcept {
    if (n != 0) std::memcpy(p, data, n);
    p += n;
  }
  template <class U>
  void little(U v) noexcept {  // a fixed-width unsigned, little-endian
    for (std::size_t i = 0; i < sizeof(U); ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
    p += sizeof(U);
  }
};

// Appends to a caller's buffer through a raw pointer: the buffer grows (doubling) only when a
// write would pass its end; finish() trims it to what was written.
template <class Out>
class writer {
 public:
  static constexpr bool checked = true;
  explicit writer(Out& out) : out_(out) {
    base_ = data();
    p_ = base_ + out.size();
    end_ = p_;
  }
  std::size_t size() const noexcept { return static_cast<std::size_t>(p_ - base_); }
  unsigned char* at(std::size_t i) noexcept { return base_ + i; }
  [[gnu::always_inline]] void need(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  // n bytes of room for a raw_writer; continue(r) takes its position back.
  raw_writer reserve(std::size_t n) {
    need(n);
    return {p_};
  }
  void resume(const raw_writer& r) noexcept { p_ = r.p; }
  [[gnu::always_inline]] void byte(unsigned char b) {
    need(1);
    *p_++ = b;
  }
  [[gnu::always_inline]] void varint(std::uint64_t v) {
    need(10);
    p_ = put_varint(p_, v);
  }
  void raw(const void* data, std::size_t n) {
    need(n);
    if (n != 0) std::memcpy(p_, data, n);
    p_ += n;
  }
  template <class U>
  [[gnu::always_inline]] void little(U v) {
    need(sizeof(U));
    raw_writer r{p_};
    r.little(v);
    p_ = r.p;
  }
  // Inserts a varint at offset i (a count known only after what follows it was written).
  void insert_varint(std::size_t i, std::uint64_t v) {
    unsigned char tmp[10];
    const auto n = static_cast<std::size_t>(put_varint(tmp, v) - tmp);
    need(n);
    std::memmove(base_ + i + n, base_ + i, size() - i);
    std::memcpy(base_ + i, tmp, n);
    p_ += n;
  }
  void finish() { out_.resize(size()); }

 private:
  unsigned char* data() noexcept { return reinterpret_cast<unsigned char*>(out_.data()); }
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = size(), want = used + n;
    std::size_t grown = want > 2 * out_.size() ? want + 64 : 2 * out_.size();
    if constexpr (requires { out_.capacity(); })  // a warm buffer: all of its room at once
      if (out_.capacity() > grown) grown = out_.capacity();
    out_.resize(grown);
    base_ = data();
    p_ = base_ + used;
    end_ = base_ + out_.size();
  }
  Out& out_;
  unsigned char *base_, *p_, *end_;
};

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

// The first decode pass reads through this: every read is checked, and a failure names the
// frame being read (set by frame_guard as the pass descends).
class checked_reader {
 public:
  checked_reader(const unsigned char* data, std::size_t n) : begin_(data), p_(data), end_(data + n) {}
  const frame* at = nullptr;
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
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned char b = byte();
      if (shift == 63 && b > 1) fail(errc::malformed, "a varint overflows 64 bits");
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail(errc::malformed, "a varint longer than 10 bytes");
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
  unsigned char byte() noexcept { return *p++; }
  std::uint64_t varint() noexcept {
    std::uint64_t v = *p++;
    if (v < 0x80) return v;
    v &= 0x7f;
    for (int shift = 7;; shift += 7) {
      const unsigned char b = *p++;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
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

// The packet checksum: Fletcher-style sums over 8-byte words, four lanes (A += word, B += A:
// a changed bit always changes A; swapped words change B), mixed into 32 bits with the
// length. Additions only, in independent lanes: a few GB/s, not a multiply chain's latency.
// Not cryptographic: it catches corruption on the way, not an attacker.
inline std::uint32_t checksum(const unsigned char* p, std::size_t n) noexcept {
  std::uint64_t a[4] = {1, 2, 3, 4}, b[4] = {0, 0, 0, 0};
  auto block = [&](const unsigned char* q) {
    for (std::size_t l = 0; l < 4; ++l) {
      std::uint64_t w;
      std::memcpy(&w, q + 8 * l, 8);
      a[l] += w;
      b[l] += a[l];
    }
  };
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) block(p + i);
  unsigned char last[32] = {};  // the tail, zero-padded: one more block
  if (i < n) std::memcpy(last, p + i, n - i);
  block(last);
  constexpr std::uint64_t k = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = 0x243f6a8885a308d3ull ^ n;
  for (std::size_t l = 0; l < 4; ++l) {
    h = (h ^ a[l]) * k;
    h ^= h >> 29;
    h = (h ^ b[l]) * k;
    h ^= h >> 29;
  }
  h ^= h >> 32;
  h *= k;
  return static_cast<std::uint32_t>(h >> 32);
}

}  // namespace reconcile::wire::detail
