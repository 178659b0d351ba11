// The floor under flat32_allchanged for a diff that records owned changes in reconcile's
// layout: the 32 compares and, per change, only the stores that refilling a reused change
// needs (flags, path size, one field segment: index, name, empty key, kind; old and new
// value, each with its type's table), into 448-byte slots aligned to 64 bytes, as
// reconcile::change is. No other logic and no calls: what any engine with this record layout
// must spend at least.
#pragma once

#include "model.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace bench::floor {

struct alignas(64) slot {
  slot() {}  // left uninitialised, as a reused change's storage is
  unsigned char bytes[448];
};

template <class V>
inline constexpr char type_tag = 0;

template <class V>
[[gnu::always_inline]] inline void record(std::vector<slot>& out, std::uint64_t field, std::string_view name,
                                          const V& a, const V& b) {
  unsigned char* p = out.emplace_back().bytes;
  const std::uint32_t flags = 2;  // op::replace, no flag set
  const std::uint64_t count = 0, path_size = 1, no_table = 0, index = field;
  const unsigned char kind = 0;  // segment_kind::field
  const void* table = &type_tag<V>;
  std::memcpy(p + 0, &flags, 4);
  std::memcpy(p + 8, &count, 8);
  std::memcpy(p + 40, &path_size, 8);
  std::memcpy(p + 64, &index, 8);
  std::memcpy(p + 80, &name, sizeof name);
  std::memcpy(p + 112, &no_table, 8);
  std::memcpy(p + 120, &kind, 1);
  std::memcpy(p + 320, &a, sizeof a);
  std::memcpy(p + 368, &table, 8);
  std::memcpy(p + 384, &b, sizeof b);
  std::memcpy(p + 432, &table, 8);
}

#define BENCH_FLOOR_FIELD(n) \
  if (a.f##n != b.f##n) record(out, 1##n - 100, "f" #n, a.f##n, b.f##n);

inline void diff(const Flat32& a, const Flat32& b, std::vector<slot>& out) {
  BENCH_FLOOR_FIELD(00) BENCH_FLOOR_FIELD(01) BENCH_FLOOR_FIELD(02) BENCH_FLOOR_FIELD(03)
  BENCH_FLOOR_FIELD(04) BENCH_FLOOR_FIELD(05) BENCH_FLOOR_FIELD(06) BENCH_FLOOR_FIELD(07)
  BENCH_FLOOR_FIELD(08) BENCH_FLOOR_FIELD(09) BENCH_FLOOR_FIELD(10) BENCH_FLOOR_FIELD(11)
  BENCH_FLOOR_FIELD(12) BENCH_FLOOR_FIELD(13) BENCH_FLOOR_FIELD(14) BENCH_FLOOR_FIELD(15)
  BENCH_FLOOR_FIELD(16) BENCH_FLOOR_FIELD(17) BENCH_FLOOR_FIELD(18) BENCH_FLOOR_FIELD(19)
  BENCH_FLOOR_FIELD(20) BENCH_FLOOR_FIELD(21) BENCH_FLOOR_FIELD(22) BENCH_FLOOR_FIELD(23)
  BENCH_FLOOR_FIELD(24) BENCH_FLOOR_FIELD(25) BENCH_FLOOR_FIELD(26) BENCH_FLOOR_FIELD(27)
  BENCH_FLOOR_FIELD(28) BENCH_FLOOR_FIELD(29) BENCH_FLOOR_FIELD(30) BENCH_FLOOR_FIELD(31)
}
#undef BENCH_FLOOR_FIELD

}  // namespace bench::floor
