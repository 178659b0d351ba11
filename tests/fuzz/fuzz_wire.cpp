// libFuzzer target for reconcile/wire (built and run by scripts/fuzz next to fuzz_json). Each
// input becomes a packet body, framed with a valid header and checksum so that the decoder's
// own checks meet it (not only the checksum):
//   input[0] % 4 == 0, 1: the rest of the input is the body (a delta onto a fixed baseline, or
//     a snapshot), for types holding every kind the codec encodes;
//   == 2, 3: the rest is a list of (offset, xor) edits to a real delta (from seeded random
//     values), which reaches deep into valid packets.
// Besides the sanitizers, it checks that the only exception that escapes is wire_error and
// that on a wire_error the target is unchanged (all or nothing).
// Run with RECONCILE_WIRE_SEEDS=<dir> in the environment, the target writes its seed inputs
// into dir and exits: real bodies of each kind from the current encoder (scripts/fuzz does so
// whenever it rebuilds the target), so that the fuzzer starts from valid packets of the
// current format.
#include "support/random_value.hpp"
#include "support/wire_types.hpp"

#include <reconcile/wire.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

namespace rt = reconcile::test;
namespace wire = reconcile::wire;
using bytes = std::vector<unsigned char>;

// A packet for T of the given kind around body: header, body, checksum.
template <class T>
bytes frame(wire::packet_kind kind, const unsigned char* body, std::size_t n) {
  bytes p;
  wire::detail::writer<bytes> w(p);
  wire::detail::put_header(w, static_cast<unsigned>(kind), wire::fingerprint<T>, 2, 1);
  w.raw(body, n);
  wire::detail::put_checksum(w, 0);
  return p;
}

template <class T>
void decode_checked(const T& baseline, const bytes& packet) {
  T target = rt::clone(baseline);
  try {
    wire::decode_into(target, packet);
  } catch (const wire::wire_error&) {
    if (!rt::deep_equal(target, baseline)) {
      std::fprintf(stderr, "fuzz_wire: a failed decode changed its target\n");
      std::abort();
    }
  }
}

// A real delta between two seeded random values, and its baseline.
template <class T>
struct sample {
  T base;
  bytes body;
  explicit sample(std::uint64_t seed) {
    rt::rng g(seed);
    base = rt::random_value<T>(g);
    T next = rt::clone(base);
    for (int k = 0; k < 4; ++k) rt::mutate(next, g);
    bytes p;
    wire::encode(p, reconcile::diff(base, next));
    const auto info = wire::detail::read_header(p.data(), p.size(), wire::fingerprint<T>);
    body.assign(info.body, info.body + info.body_size);
  }
};

template <class T>
void edited(const sample<T>& s, const unsigned char* data, std::size_t n) {
  bytes body = s.body;
  for (std::size_t i = 0; i + 1 < n && !body.empty(); i += 2) body[data[i] % body.size()] ^= data[i + 1];
  if (n % 2 == 1) body.resize(body.size() - data[n - 1] % (body.size() + 1));  // and a truncation
  decode_checked(s.base, frame<T>(wire::packet_kind::delta, body.data(), body.size()));
}

}  // namespace

namespace {
// One seed: the selector byte, then the rest of the input.
bool write_seed(const std::string& dir, const std::string& name, unsigned char selector, const bytes& rest) {
  std::FILE* f = std::fopen((dir + "/" + name).c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fputc(selector, f) != EOF && std::fwrite(rest.data(), 1, rest.size(), f) == rest.size();
  return std::fclose(f) == 0 && ok;
}
template <class T>
bytes snapshot_body(std::uint64_t seed) {
  rt::rng g(seed);
  bytes p;
  wire::encode_value(p, rt::random_value<T>(g));
  const auto info = wire::detail::read_header(p.data(), p.size(), wire::fingerprint<T>);
  return bytes(info.body, info.body + info.body_size);
}
}  // namespace

// The seeds: for each selector, bodies the current encoder writes (or edits of them).
int write_seeds(const std::string& dir) {
  bool ok = true;
  int n = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const std::string k = std::to_string(seed);
    // 0: delta bodies (onto the fixed baselines: seed 1's and 2's match them exactly)
    ok = ok && write_seed(dir, "delta_kinds_" + k, 0, sample<wiretest::Kinds>(seed).body);
    ok = ok && write_seed(dir, "delta_nested_" + k, 0, sample<wiretest::Nested>(seed + 1).body);
    // 1: snapshot bodies
    ok = ok && write_seed(dir, "snapshot_kinds_" + k, 1, snapshot_body<wiretest::Kinds>(seed));
    ok = ok && write_seed(dir, "snapshot_arena_" + k, 1, snapshot_body<wiretest::Arena>(seed));
    n += 4;
  }
  // 2, 3: edits of the real deltas: none (the delta as it is), a flip, a flip and a truncation
  for (unsigned char mode : {2, 3}) {
    const std::string m = std::to_string(mode);
    ok = ok && write_seed(dir, "edits_" + m + "_none", mode, {});
    ok = ok && write_seed(dir, "edits_" + m + "_flip", mode, {3, 0x10});
    ok = ok && write_seed(dir, "edits_" + m + "_flip_cut", mode, {5, 0x01, 2});
    n += 3;
  }
  if (!ok) {
    std::fprintf(stderr, "fuzz_wire: cannot write the seeds into %s\n", dir.c_str());
    return 1;
  }
  std::printf("fuzz_wire: wrote %d seeds into %s\n", n, dir.c_str());
  return 0;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("RECONCILE_WIRE_SEEDS")) std::exit(write_seeds(dir));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const sample<wiretest::Kinds> kinds(1);
  static const sample<wiretest::Nested> nested(2);
  static const sample<wiretest::Arena> arena(3);
  const unsigned char* rest = data + 1;
  const std::size_t n = size - 1;
  switch (data[0] % 4) {
    case 0:
      decode_checked(kinds.base, frame<wiretest::Kinds>(wire::packet_kind::delta, rest, n));
      decode_checked(nested.base, frame<wiretest::Nested>(wire::packet_kind::delta, rest, n));
      break;
    case 1:
      decode_checked(kinds.base, frame<wiretest::Kinds>(wire::packet_kind::snapshot, rest, n));
      decode_checked(arena.base, frame<wiretest::Arena>(wire::packet_kind::snapshot, rest, n));
      break;
    case 2:
      edited(kinds, rest, n);
      edited(arena, rest, n);
      break;
    default:
      edited(nested, rest, n);
      break;
  }
  return 0;
}
