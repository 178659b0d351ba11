// Bytes out for reconcile/wire: varints and zigzag, the growing writer over a caller's
// buffer, and the unchecked raw writer for room reserved beforehand. Not public.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

// Forced inline where the compiler optimizes (hot paths whose calls cost more than their
// bodies); at -O0 left as calls: forcing would only copy each body into every caller, which is
// compile time (test_wire_codec's) and no speed.
#if defined(__OPTIMIZE__)
#define RECONCILE_DETAIL_WIRE_INLINE [[gnu::always_inline]]
#else
#define RECONCILE_DETAIL_WIRE_INLINE
#endif

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
  RECONCILE_DETAIL_WIRE_INLINE void need(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  // n bytes of room for a raw_writer; continue(r) takes its position back.
  raw_writer reserve(std::size_t n) {
    need(n);
    return {p_};
  }
  void resume(const raw_writer& r) noexcept { p_ = r.p; }
  RECONCILE_DETAIL_WIRE_INLINE void byte(unsigned char b) {
    need(1);
    *p_++ = b;
  }
  RECONCILE_DETAIL_WIRE_INLINE void varint(std::uint64_t v) {
    need(10);
    p_ = put_varint(p_, v);
  }
  void raw(const void* data, std::size_t n) {
    if (n >= big_copy && static_cast<std::size_t>(end_ - p_) < n) return append(data, n);
    need(n);
    if (n != 0) std::memcpy(p_, data, n);
    p_ += n;
  }
  template <class U>
  RECONCILE_DETAIL_WIRE_INLINE void little(U v) {
    need(sizeof(U));
    raw_writer r{p_};
    r.little(v);
    p_ = r.p;
  }
  // Inserts a varint at offset i (a count known only after what follows it was written).
  void insert_varint(std::size_t i, std::uint64_t v) {
    unsigned char tmp[10];
    insert(i, tmp, static_cast<std::size_t>(put_varint(tmp, v) - tmp));
  }
  // Takes back what was written after offset n (a node that turned out unchanged).
  void rewind(std::size_t n) noexcept { p_ = base_ + n; }
  // Inserts n bytes at offset i (a mask or count known only after what follows it).
  void insert(std::size_t i, const unsigned char* data, std::size_t n) {
    need(n);
    std::memmove(base_ + i + n, base_ + i, size() - i);
    std::memcpy(base_ + i, data, n);
    p_ += n;
  }
  void finish() { out_.resize(size()); }

 private:
  unsigned char* data() noexcept { return reinterpret_cast<unsigned char*>(out_.data()); }
  // Room for n more bytes, and some: resize() zero-fills what it adds, so the room beyond n
  // doubles with what is written, up to 4 KiB, and stays inside a warm buffer's capacity
  // (which it reallocates only when the bytes need more).
  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = size();
    std::size_t room = used + n + (used < 64 ? 64 : used < 4096 ? used : 4096);
    if constexpr (requires { out_.capacity(); })
      if (out_.capacity() >= used + n && room > out_.capacity()) room = out_.capacity();
    out_.resize(room);
    base_ = data();
    p_ = base_ + used;
    end_ = base_ + out_.size();
  }
  // A large copy (a snapshot's vector of flat structs): appended by insert, which copies
  // without zero-filling the room first as resize would.
  static constexpr std::size_t big_copy = 4096;
  [[gnu::noinline]] void append(const void* bytes, std::size_t n) {
    const std::size_t used = size();
    using element = std::remove_cvref_t<decltype(*out_.data())>;
    if constexpr (requires(const element* e) { out_.insert(out_.end(), e, e + n); }) {
      const auto* from = static_cast<const element*>(bytes);
      out_.resize(used);  // shrinking writes nothing
      out_.insert(out_.end(), from, from + n);
      base_ = data();
      p_ = end_ = base_ + used + n;
    } else {
      grow(n);
      std::memcpy(p_, bytes, n);
      p_ += n;
    }
  }
  Out& out_;
  unsigned char *base_, *p_, *end_;
};

}  // namespace reconcile::wire::detail
