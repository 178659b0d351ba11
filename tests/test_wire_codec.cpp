// Tests of reconcile/wire/codec.hpp and snapshot.hpp: encode / decode_into of changesets and
// encode_value / decode_value of whole values, over random values of many types (property
// tests, seeded: RECONCILE_SEED), and their refusal of bad packets.
#include "support/model.hpp"
#include "support/random_value.hpp"
#include "support/wire_types.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/wire.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rt = reconcile::test;
namespace wire = reconcile::wire;
using bytes = std::vector<unsigned char>;

// A flat struct (its bytes are its snapshot form) in a keyed vector: snapshots copy it whole;
// encode_delta merges its increasing keys without an index.
namespace flat {
struct Particle {
  std::uint32_t id = 0;
  float x = 0, y = 0;
  std::int32_t hp = 0;
  bool operator==(const Particle&) const = default;
};
struct Swarm {
  std::vector<Particle> ps;
  bool operator==(const Swarm&) const = default;
};
constexpr auto reconcile_rules(reconcile::type_t<Swarm>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Swarm::ps> | keyed_by<&Particle::id>);
}
// Floats given a bit width over a range: quantize_bits.
struct Probe {
  float heading = 0;  // 10 bits over [0, 360]: steps of 0.35 degrees
  double depth = 0;   // 16 bits over [-1000, 0]
};
constexpr auto reconcile_rules(reconcile::type_t<Probe>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Probe::heading> | quantize_bits<10>(0, 360),
                          field<&Probe::depth> | quantize_bits<16>(-1000, 0));
}
}  // namespace flat

namespace {

// Cases per type: together under ~5 s at -O0 with ASan (RECONCILE_SEED varies them).
constexpr std::size_t cases = 120;

// Re-frames a packet whose body bytes were changed: a valid checksum again, so that the
// decoder's own checks (not the checksum) meet the damage.
void fix_checksum(bytes& p) {
  const auto sum = wire::detail::checksum(p.data(), p.size() - 4);
  for (std::size_t i = 0; i < 4; ++i) p[p.size() - 4 + i] = static_cast<unsigned char>(sum >> (8 * i));
}

// The round trip of each type is a small template: it makes the packets and decodes them;
// the checks, and the damage loops below, are compiled once (test_wire_codec was the costliest
// translation unit of the CI; every check in a template is code per type).

// What one round trip of a pair (a, b) found.
struct trip {
  bytes packet, direct, snapshot;  // encode(diff(a, b)); 0x55 then encode_delta(a, b); encode_value(b)
  bool got_b = false;              // the delta decoded onto a copy of a: b (under the rules)
  bool got_applied = false;        // and what apply(a, diff) gives
  bool whole_b = false;            // the snapshot decoded: b
};
// text(context): the values, for a failure's report.
using describe_fn = std::string (*)(const void*);
void check_trip(const trip& t, describe_fn text, const void* context) {
  REQUIRE(bytes(t.direct.begin() + 1, t.direct.end()) == t.packet);  // the same bytes, with no changeset
  INFO(text(context));
  REQUIRE(t.got_b);
  REQUIRE(t.got_applied);
  REQUIRE(t.whole_b);
}
template <class T>
struct trip_values {
  const T *a, *b, *got;
};
template <class T>
std::string describe(const void* context) {
  const auto& v = *static_cast<const trip_values<T>*>(context);
  return "a = " + rt::to_text(*v.a) + "\nb = " + rt::to_text(*v.b) + "\ngot = " + rt::to_text(*v.got);
}

// For random pairs (a, b = a after edits): the packet of diff(a, b) decodes a copy of a into
// b (equal under the rules), exactly as apply does; the snapshot of b decodes to b.
template <class T>
void round_trips(std::uint64_t seed) {
  rt::rng g(rt::seed_from_env(seed));
  trip t;
  for (std::size_t n = 0; n < cases; ++n) {
    const T a = rt::random_value<T>(g);
    T b = rt::copy_of(a);
    if (g.chance(20)) b = rt::random_value<T>(g);
    for (std::size_t k = 1 + g.below(3); k > 0; --k) rt::mutate(b, g);
    const auto cs = reconcile::diff(a, b);
    t.packet.clear();
    wire::encode(t.packet, cs);
    t.direct.assign(1, 0x55);  // appends after what the buffer holds
    wire::encode_delta(t.direct, a, b);
    T got = rt::clone(a);
    wire::decode_into(got, t.packet);
    t.got_b = reconcile::equal(got, b);
    T applied = rt::clone(a);
    reconcile::apply(applied, cs);
    t.got_applied = reconcile::equal(got, applied);
    t.snapshot.clear();
    wire::encode_value(t.snapshot, b);
    T whole = rt::clone(a);
    wire::decode_into(whole, t.snapshot);
    t.whole_b = reconcile::equal(whole, b);
    const trip_values<T> values{&a, &b, &got};
    check_trip(t, &describe<T>, &values);
  }
}

// What decoding some bytes onto a copy of a did.
struct tried {
  bool wire_error = false;  // threw wire_error
  bool other_error = false;  // threw something else
  bool unchanged = false;    // the copy is still a (deep_equal)
};
using attempt_fn = tried (*)(const void* a, const bytes& packet);
template <class T>
tried attempt(const void* pa, const bytes& packet) {
  const T& a = *static_cast<const T*>(pa);
  T target = rt::clone(a);
  tried r;
  try {
    wire::decode_into(target, packet);
  } catch (const wire::wire_error&) {
    r.wire_error = true;
  } catch (...) {
    r.other_error = true;
  }
  r.unchanged = rt::deep_equal(target, a);
  return r;
}
// Every truncation and many bit flips of packet (of a delta onto a, or a snapshot): decode
// throws wire_error, or (a flip the checks cannot see, the checksum re-made) decodes; it never
// crashes, and a throw leaves the target exactly as it was.
void damage(rt::rng& g, const bytes& packet, const void* a, attempt_fn decode) {
  bytes bad;
  for (std::size_t t = 0; t < 40; ++t) {  // the short lengths, the long ones, and some between
    const std::size_t len = t < 12 ? t : t < 24 ? packet.size() - 1 - (t - 12) : g.below(packet.size());
    if (len >= packet.size()) continue;
    bad.assign(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(len));
    const tried r = decode(a, bad);
    CHECK(r.wire_error);
    CHECK(r.unchanged);
  }
  for (std::size_t flips = 0; flips < 16; ++flips) {
    bad = packet;
    const std::size_t bit = g.below(bad.size() * 8);
    bad[bit / 8] = static_cast<unsigned char>(bad[bit / 8] ^ (1u << (bit % 8)));
    const tried r = decode(a, bad);
    CHECK(r.wire_error);  // the checksum sees it
    CHECK(r.unchanged);
    if (bit / 8 + 4 >= bad.size()) continue;
    fix_checksum(bad);
    const tried again = decode(a, bad);
    CHECK_FALSE(again.other_error);
    if (again.wire_error) CHECK(again.unchanged);
  }
}
template <class T>
void survives_damage(std::uint64_t seed) {
  rt::rng g(rt::seed_from_env(seed));
  bytes packet;
  for (std::size_t n = 0; n < cases / 2; ++n) {
    const T a = rt::random_value<T>(g);
    T b = rt::copy_of(a);
    for (std::size_t k = 1 + g.below(3); k > 0; --k) rt::mutate(b, g);
    packet.clear();
    if (g.chance(50)) wire::encode(packet, reconcile::diff(a, b));
    else wire::encode_value(packet, b);
    damage(g, packet, &a, &attempt<T>);
  }
}

}  // namespace

TEST_CASE("decode_into") {
  SUBCASE("round trips of random changes, many types") {
    round_trips<model::Deployment>(1);
    round_trips<model::Pod>(2);
    round_trips<model::Pipeline>(3);
    round_trips<model::Quote>(4);
    round_trips<model::Shapes>(5);
    round_trips<model::World>(6);
    round_trips<wiretest::Kinds>(8);
    round_trips<wiretest::Nested>(9);
    round_trips<flat::Swarm>(10);
  }
  SUBCASE("truncated and bit-flipped packets throw and change nothing") {
    survives_damage<model::Deployment>(11);
    survives_damage<model::Pipeline>(12);
    survives_damage<model::Shapes>(13);
    survives_damage<wiretest::Kinds>(14);
    survives_damage<wiretest::Nested>(15);
    survives_damage<flat::Swarm>(16);
  }
  SUBCASE("removes across a keyed sequence, changes between them, adds after: as apply does, in order") {
    flat::Swarm a;
    for (std::uint32_t id = 1; id <= 60; ++id) a.ps.push_back({id, 0, 0, 100});
    flat::Swarm b = a;
    std::erase_if(b.ps, [](const flat::Particle& p) { return p.id % 7 == 1 || p.id == 60; });  // the first and last too
    for (auto& p : b.ps)
      if (p.id % 5 == 0) p.x = static_cast<float>(p.id);
    b.ps.push_back({61, 1, 1, 1});
    b.ps.push_back({62, 2, 2, 2});
    const auto cs = reconcile::diff(a, b);
    bytes packet;
    wire::encode(packet, cs);
    flat::Swarm got = a, applied = a;
    wire::decode_into(got, packet);
    reconcile::apply(applied, cs);
    CHECK(got == b);  // Swarm's == counts the order
    CHECK(got == applied);
  }
  SUBCASE("a delta onto the wrong baseline is refused, naming the path") {
    wiretest::Arena a{{{1, 0, 0, 100}, {7, 1, 1, 100}}}, b = a;
    b.units[1].hp = 50;
    bytes packet;
    wire::encode(packet, reconcile::diff(a, b));
    wiretest::Arena other{{{1, 0, 0, 100}}};
    const wiretest::Arena before = other;
    try {
      wire::decode_into(other, packet);
      FAIL("decoded onto a baseline without unit 7");
    } catch (const wire::wire_error& e) {
      CHECK(e.kind() == wire::errc::mismatch);
      CHECK(e.path().to_string() == "units[id=7]");
      CHECK(std::string(e.what()).find("units[id=7]") != std::string::npos);
    }
    CHECK(other == before);
  }
  SUBCASE("a truncated packet names the kind and where it stopped") {
    wiretest::Arena a{{{1, 0, 0, 100}}};
    bytes packet;
    wire::encode_value(packet, a);
    packet.resize(3);
    try {
      wire::decode_into(a, packet);
      FAIL("decoded a truncated packet");
    } catch (const wire::wire_error& e) {
      CHECK(e.kind() == wire::errc::truncated);
    }
  }
  SUBCASE("unicode strings travel byte for byte") {
    wiretest::Kinds a{}, b{};
    b.text = "grüße, 世界, 🎮";
    b.u8 = u8"naïve ☃";
    bytes packet;
    wire::encode(packet, reconcile::diff(a, b));
    wire::decode_into(a, packet);
    CHECK(a.text == b.text);
    CHECK(a.u8 == b.u8);
  }
}

TEST_CASE("encode") {
  SUBCASE("an empty changeset is a frame without a body, and decodes to no change") {
    wiretest::Arena a{{{1, 2, 3, 100}}};
    bytes packet;
    wire::encode(packet, reconcile::diff(a, a));
    CHECK(packet.size() == 1 + 4 + 1 + 1 + 4);
    wiretest::Arena b = a;
    wire::decode_into(b, packet);
    CHECK(b == a);
  }
  SUBCASE("appends to the caller's buffer, keeping what it held") {
    wiretest::Arena a{}, b{{{3, 1, 1, 9}}};
    bytes out{'x', 'y'};
    wire::encode(out, reconcile::diff(a, b));
    CHECK(out[0] == 'x');
    CHECK(out[1] == 'y');
    std::string text;
    wire::encode(text, reconcile::diff(a, b));
    CHECK(bytes(text.begin(), text.end()) == bytes(out.begin() + 2, out.end()));
  }
  SUBCASE("a field change costs its mask and value; a keyed element its key gap") {
    wiretest::Arena a{{{1, 0, 0, 100}, {2, 0, 0, 100}}}, b = a;
    b.units[0].hp = 50;  // units: mask 1 byte, 1 entry, key gap 1, tag+mask 1, hp 1 byte
    bytes out;
    wire::encode(out, reconcile::diff(a, b));
    CHECK(out.size() - 11 == 5);
  }
}

TEST_CASE("encode_delta") {
  SUBCASE("increasing keys, with removes, adds and changes: the bytes of encode(diff), no index") {
    flat::Swarm a;
    for (std::uint32_t id = 2; id <= 100; id += 2) a.ps.push_back({id, 1, 1, 100});
    flat::Swarm b = a;
    b.ps.erase(b.ps.begin() + 3);                      // id 8 leaves
    b.ps.insert(b.ps.begin() + 10, {23, 5, 5, 100});  // id 23 joins between 22 and 24
    b.ps.push_back({101, 0, 0, 1});                   // and 101 at the end
    b.ps[20].x = 7;
    b.ps.front().hp = 1;
    bytes direct, via_diff;
    wire::encode_delta(direct, a, b);
    wire::encode(via_diff, reconcile::diff(a, b));
    CHECK(direct == via_diff);
    flat::Swarm got = a;
    wire::decode_into(got, direct);
    CHECK(reconcile::equal(got, b));
  }
  SUBCASE("unchanged values give a frame without a body") {
    flat::Swarm a{{{1, 0, 0, 1}, {2, 0, 0, 1}}};
    bytes out;
    wire::encode_delta(out, a, a);
    CHECK(out.size() == 1 + 4 + 1 + 1 + 4);
  }
  SUBCASE("a repeated key, something changed: refused as diff refuses it, naming the path") {
    flat::Swarm a{{{1, 0, 0, 1}, {2, 0, 0, 1}, {2, 0, 0, 1}}}, b = a;
    b.ps[0].hp = 5;
    bytes out;
    try {
      wire::encode_delta(out, a, b);
      FAIL("encoded a keyed sequence with a repeated key");
    } catch (const reconcile::error& e) {
      CHECK(e.path().to_string() == "ps[id=2]");
    }
  }
}

TEST_CASE("encode_value") {
  SUBCASE("a vector of flat structs is its count and their bytes, copied whole") {
    static_assert(wire::detail::bulk<flat::Particle>());
    static_assert(!wire::detail::bulk<wiretest::Unit>());  // quantized floats: steps, not bytes
    flat::Swarm s;
    for (std::uint32_t id = 1; id <= 50; ++id) s.ps.push_back({id, 0.5f * static_cast<float>(id), -1, -7});
    bytes out;
    wire::encode_value(out, s);
    CHECK(out.size() == 1 + 4 + 1 + 1 + 50 * sizeof(flat::Particle) + 4);
    CHECK(wire::decode_value<flat::Swarm>(out) == s);
    out.resize(out.size() - 5);  // a particle cut short: refused
    CHECK_THROWS_AS(wire::decode_value<flat::Swarm>(out), wire::wire_error);
  }
  SUBCASE("ignored fields are not sent and keep the target's value") {
    wiretest::Secretive s{1, "hidden", 2};
    bytes out;
    wire::encode_value(out, s);
    CHECK(std::string(out.begin(), out.end()).find("hidden") == std::string::npos);
    wiretest::Secretive t{0, "mine", 0};
    wire::decode_into(t, out);
    CHECK(t.a == 1);
    CHECK(t.secret == "mine");
    CHECK(t.b == 2);
  }
}

TEST_CASE("decode_value") {
  SUBCASE("a snapshot decodes to its value") {
    rt::rng g(rt::seed_from_env(21));
    bytes out;
    for (std::size_t n = 0; n < cases; ++n) {
      const auto v = rt::random_value<model::Pipeline>(g);
      out.clear();
      wire::encode_value(out, v, n);
      CHECK(rt::deep_equal(wire::decode_value<model::Pipeline>(out), v));
      CHECK(wire::peek<model::Pipeline>(out).sequence == n);
    }
  }
  SUBCASE("a delta is refused: it needs a baseline") {
    bytes out;
    wire::encode(out, reconcile::diff(wiretest::Arena{}, wiretest::Arena{{{1, 0, 0, 1}}}));
    CHECK_THROWS_AS(wire::decode_value<wiretest::Arena>(out), wire::wire_error);
  }
}

TEST_CASE("quantize") {
  SUBCASE("quantized floats arrive within step/2, in snapshots and deltas, without drift") {
    rt::rng g(rt::seed_from_env(31));
    wiretest::Arena sent{}, held{};  // held: what the receiver holds
    for (std::uint32_t id = 1; id <= 50; ++id) sent.units.push_back({id, 0, 0, 100});
    bytes out;
    wire::encode_value(out, sent);
    wire::decode_into(held, out);
    for (int tick = 0; tick < 200; ++tick) {
      for (auto& u : sent.units) {
        u.x += static_cast<float>(static_cast<double>(g.below(2001)) / 1000.0 - 1.0);
        u.y += static_cast<float>(static_cast<double>(g.below(2001)) / 10000.0 - 0.1);
      }
      out.clear();
      wire::encode(out, reconcile::diff(held, sent));  // the sender diffs against what is held
      wire::decode_into(held, out);
      for (std::size_t i = 0; i < sent.units.size(); ++i) {
        REQUIRE(std::abs(held.units[i].x - sent.units[i].x) <= 0.01f / 2 + 1e-4f);
        REQUIRE(std::abs(held.units[i].y - sent.units[i].y) <= 0.01f / 2 + 1e-4f);
      }
    }
  }
}

TEST_CASE("quantize_bits") {
  SUBCASE("values in the range arrive within step/2, in snapshots and deltas") {
    rt::rng g(rt::seed_from_env(37));
    constexpr double heading_step = 360.0 / 1023, depth_step = 1000.0 / 65535;
    auto in = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(g.below(1'000'001)) / 1e6; };
    flat::Probe sent{}, held{};
    bytes out;
    for (std::size_t n = 0; n < 400; ++n) {
      sent.heading = static_cast<float>(in(0, 360));
      sent.depth = in(-1000, 0);
      out.clear();
      if (n % 2 == 0) wire::encode_value(out, sent);
      else wire::encode_delta(out, held, sent);  // from what the receiver holds
      wire::decode_into(held, out);
      REQUIRE(std::abs(static_cast<double>(held.heading) - static_cast<double>(sent.heading)) <= heading_step / 2 + 1e-4);
      REQUIRE(std::abs(held.depth - sent.depth) <= depth_step / 2 + 1e-9);
    }
    CHECK(wire::fingerprint<flat::Probe> != wire::fingerprint<flat::Swarm>);
  }
  SUBCASE("is quantize with the step its bits give the range") {
    constexpr auto q = reconcile::dsl::quantize_bits<12>(-512, 512);
    CHECK(q.step == doctest::Approx(1024.0 / 4095));
  }
}

TEST_CASE("fingerprint") {
  SUBCASE("differs when a name, a type, an order or a wire rule differs") {
    CHECK(wire::fingerprint<wiretest::Arena> == wire::fingerprint<wiretest::Arena>);
    CHECK(wire::fingerprint<wiretest::ArenaV2> != wire::fingerprint<wiretest::Arena>);
    CHECK(wire::fingerprint<wiretest::ArenaCoarse> != wire::fingerprint<wiretest::Arena>);
    CHECK(wire::fingerprint<model::Deployment> != wire::fingerprint<model::Pod>);  // rules differ
  }
  SUBCASE("a packet of another schema is refused") {
    bytes out;
    wire::encode_value(out, wiretest::Arena{{{1, 0, 0, 1}}});
    wiretest::ArenaV2 other{};
    try {
      wire::decode_into(other, out);
      FAIL("decoded another schema's packet");
    } catch (const wire::wire_error& e) {
      CHECK(e.kind() == wire::errc::schema_mismatch);
    }
  }
}

TEST_CASE("check_hello") {
  bytes hi;
  wire::hello<wiretest::Arena>(hi);
  CHECK(hi.size() == 13);
  CHECK_NOTHROW(wire::check_hello<wiretest::Arena>(hi));
  try {
    wire::check_hello<wiretest::ArenaV2>(hi);
    FAIL("accepted another build's hello");
  } catch (const wire::wire_error& e) {
    CHECK(e.kind() == wire::errc::schema_mismatch);
  }
  hi[4] ^= 1;
  CHECK_THROWS_AS(wire::check_hello<wiretest::Arena>(hi), wire::wire_error);
}

TEST_CASE("varint") {
  // The first and last values of each length, 1 to 10 bytes.
  std::vector<std::pair<std::uint64_t, std::size_t>> values;
  for (std::size_t n = 1; n <= 10; ++n) {
    const std::uint64_t lo = n == 1 ? 0 : std::uint64_t{1} << (7 * (n - 1));
    const std::uint64_t hi = n == 10 ? ~std::uint64_t{0} : (std::uint64_t{1} << (7 * n)) - 1;
    values.push_back({lo, n});
    values.push_back({hi, n});
  }
  SUBCASE("read back with any bytes after; refused when cut in any place") {
    for (const auto& [value, length] : values) {
      const std::uint64_t x = value;  // (a lambda, INFO's, cannot capture a structured binding)
      const std::size_t n = length;
      INFO("value ", x, " (", n, " bytes)");
      unsigned char buf[24];
      REQUIRE(static_cast<std::size_t>(wire::detail::put_varint(buf, x) - buf) == n);
      for (std::size_t after = 0; after <= 12; ++after) {  // near the end (bytes checked one by one) and not
        for (std::size_t i = n; i < n + after; ++i) buf[i] = static_cast<unsigned char>(0x80 | i);
        wire::detail::checked_reader in(buf, n + after);
        CHECK(in.varint() == x);
        CHECK(in.offset() == n);
        wire::detail::trusted_reader again{buf};
        CHECK(again.varint() == x);
        CHECK(static_cast<std::size_t>(again.p - buf) == n);
      }
      for (std::size_t cut = 0; cut < n; ++cut) {
        wire::detail::checked_reader in(buf, cut);
        try {
          (void)in.varint();
          FAIL("read a varint cut at byte ", cut);
        } catch (const wire::wire_error& e) {
          CHECK(e.kind() == wire::errc::truncated);
        }
      }
    }
  }
  SUBCASE("past 64 bits: refused") {
    for (std::size_t after = 0; after <= 12; ++after) {
      unsigned char buf[24];
      for (auto& b : buf) b = 0x80;
      buf[9] = 0x02;  // the 10th byte may add only bit 63
      wire::detail::checked_reader in(buf, 10 + after);
      CHECK_THROWS_AS((void)in.varint(), wire::wire_error);
      buf[9] = 0x80;  // an 11th byte
      wire::detail::checked_reader longer(buf, 11 + after);
      CHECK_THROWS_AS((void)longer.varint(), wire::wire_error);
    }
  }
  SUBCASE("in a delta: decoded; cut in any place, refused with the target unchanged") {
    for (const auto& [value, length] : values) {
      const std::uint64_t x = value;
      const std::size_t n = length;
      if (x == 0) continue;  // no change: no body
      INFO("value ", x, " (", n, " bytes)");
      const auto to = static_cast<std::uint64_t>(wire::detail::unzigzag(x));  // from 0: its change is x
      wiretest::Kinds zero{}, sent{};  // (a type the round trips decode already: no more code)
      sent.ubig = to;
      bytes packet;
      wire::encode(packet, reconcile::diff(zero, sent));
      // The body is the mask, then ubig's varint: cut it, re-frame, decode.
      const std::size_t end = packet.size() - 4;
      unsigned char expected[10];
      wire::detail::put_varint(expected, x);
      REQUIRE(std::equal(expected, expected + n, packet.begin() + static_cast<std::ptrdiff_t>(end - n)));
      wiretest::Kinds got{};
      wire::decode_into(got, packet);
      CHECK(got.ubig == to);
      for (std::size_t cut = 0; cut < n; ++cut) {
        bytes bad(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(end - n + cut));
        bad.resize(bad.size() + 4);
        fix_checksum(bad);
        wiretest::Kinds target{};
        try {
          wire::decode_into(target, bad);
          FAIL("decoded a packet cut at byte ", cut, " of the varint");
        } catch (const wire::wire_error& e) {
          CHECK(e.kind() == wire::errc::truncated);
        }
        CHECK(target.ubig == 0);
      }
    }
  }
}
