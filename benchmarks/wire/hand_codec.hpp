// The baseline of bench_wire: examples/game_server's hand-written codec before reconcile/wire
// (kept as it was: hand-coded for game::Entity, renamed PlainEntity here, not all-or-nothing, no checksum or schema).
// A changeset<PlainSnapshot> as a few bytes per change.
//
//   packet  := varint(tick) varint(baseline + 1) group*        baseline -1: the empty snapshot
//   group   := zigzag(id - previous id) mask value*            one group per entity touched
//   mask    := 0: despawn | 0x80: spawn, every field follows | else bit k: field k follows
//   value   := float: 4 bytes little-endian | integer: zigzag varint
//
// Field numbers are reconcile's reflected field indices (PlainEntity: 0 id, 1 x, 2 y, 3 vx, 4 vy,
// 5 health), so the codec is written once against any flat struct of numbers.
#pragma once

#include "wire/world.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace game {

using bytes = std::vector<std::uint8_t>;

namespace hand {
inline void put_varint(bytes& out, std::uint64_t v) {
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<std::uint8_t>(v | 0x80));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
inline std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

template <class V>
void put(bytes& out, const V& v) {
  if constexpr (std::is_same_v<V, float>) {
    const auto u = std::bit_cast<std::uint32_t>(v);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(u >> (8 * i)));
  } else {
    put_varint(out, zigzag(static_cast<std::int64_t>(v)));
  }
}

struct reader {
  const bytes& in;
  std::size_t at = 0;
  bool done() const { return at == in.size(); }
  std::uint8_t byte() {
    if (at >= in.size()) throw std::runtime_error("truncated packet");
    return in[at++];
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
  template <class V>
  void get(V& v) {
    if constexpr (std::is_same_v<V, float>) {
      std::uint32_t u = 0;
      for (int i = 0; i < 4; ++i) u |= static_cast<std::uint32_t>(byte()) << (8 * i);
      v = std::bit_cast<float>(u);
    } else {
      v = static_cast<V>(unzigzag(varint()));
    }
  }
};

// f(field) for field k of e, with its static type: reflection turns a run-time field number
// into typed code.
template <class F>
void with_field(PlainEntity& e, std::size_t k, F&& f) {
  reconcile::for_each_field(e, [&](auto& v, auto i) {
    if (i == k) f(v);
  });
}
}  // namespace hand

// encode(out, tick, baseline, cs): the packet that turns the client's baseline into tick.
// The changes of one entity are consecutive in cs (diff walks each entity's fields in order).
inline void encode(bytes& out, std::int64_t tick, std::int64_t baseline, const reconcile::changeset<PlainSnapshot>& cs) {
  out.clear();
  hand::put_varint(out, static_cast<std::uint64_t>(tick));
  hand::put_varint(out, static_cast<std::uint64_t>(baseline + 1));
  std::int64_t prev = 0, current = -1;
  std::size_t mask_at = 0;
  for (const reconcile::change& c : cs) {
    // Paths read entities[id=<id>] (spawn, despawn) or entities[id=<id>].<field>.
    const std::uint32_t id = c.path()[1].key<std::uint32_t>();
    if (id != current) {
      hand::put_varint(out, hand::zigzag(static_cast<std::int64_t>(id) - prev));
      prev = current = id;
      mask_at = out.size();
      out.push_back(0);
    }
    if (c.path().size() == 2) {  // a whole entity: spawn (op::add) or despawn (op::remove)
      if (c.op() == reconcile::op::add) {
        out[mask_at] = 0x80;
        PlainEntity e = c.to<PlainEntity>();
        reconcile::for_each_field(e, [&](auto& v, auto i) {
          if (i != 0) hand::put(out, v);
        });
      }
      continue;
    }
    const std::size_t k = c.path()[2].index();  // a field changed: its number and new value
    out[mask_at] = static_cast<std::uint8_t>(out[mask_at] | (1u << k));
    PlainEntity probe;
    hand::with_field(probe, k, [&](auto& v) { hand::put(out, c.to<std::remove_cvref_t<decltype(v)>>()); });
  }
}

// baseline_of(packet): the tick the packet is a delta from (-1: from nothing).
inline std::int64_t baseline_of(const bytes& in) {
  hand::reader r{in};
  r.varint();
  return static_cast<std::int64_t>(r.varint()) - 1;
}

// decode_into(snap, packet): the client's side; snap holds the baseline and becomes the tick.
// Groups arrive in the snapshot's order, so a cursor that only moves forward finds each
// entity in amortised constant time; despawns erase in place and spawns append, as
// reconcile::apply does on the server, so both sides keep one order.
inline void decode_into(PlainSnapshot& snap, const bytes& in) {
  hand::reader r{in};
  r.varint();
  r.varint();
  auto& es = snap.entities;
  std::size_t cursor = 0;
  std::int64_t id = 0;
  auto find = [&](std::uint32_t key) {
    for (std::size_t n = 0; n < es.size(); ++n, ++cursor) {
      if (cursor >= es.size()) cursor = 0;
      if (es[cursor].id == key) return cursor;
    }
    throw std::runtime_error("packet names an unknown entity");
  };
  while (!r.done()) {
    id += hand::unzigzag(r.varint());
    const auto key = static_cast<std::uint32_t>(id);
    const std::uint8_t mask = r.byte();
    if (mask == 0) {
      es.erase(es.begin() + static_cast<std::ptrdiff_t>(find(key)));
    } else if (mask == 0x80) {
      PlainEntity& e = es.emplace_back();
      reconcile::for_each_field(e, [&](auto& v, auto i) {
        if (i != 0) r.get(v);
      });
      e.id = key;
    } else {
      PlainEntity& e = es[find(key)];
      for (std::size_t k = 1; k < 7; ++k)
        if (mask & (1u << k)) hand::with_field(e, k, [&](auto& v) { r.get(v); });
    }
  }
}

}  // namespace game
