// Leaves on the wire: bool one byte, integers and enums varint (signed ones zigzag) in the
// compact layout (deltas) or their fixed-width bits little-endian in the fixed layout
// (snapshots: a copy, not a loop per byte), floats their IEEE bits little-endian or,
// quantized, a zigzag number of steps; strings a varint size and their bytes; chrono
// durations and time points as their count. Not public.
#pragma once

#include <reconcile/wire/detail/reader.hpp>
#include <reconcile/wire/detail/writer.hpp>
#include <reconcile/wire/detail/rules.hpp>

#include <bit>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace reconcile::wire::detail {

template <class V>
concept duration_like = requires(const V& v) {
  typename V::rep;
  typename V::period;
  { v.count() } -> std::same_as<typename V::rep>;
};
template <class V>
concept time_point_like = requires(const V& v) {
  typename V::clock;
  typename V::duration;
  { v.time_since_epoch() } -> std::same_as<typename V::duration>;
};
template <class V>
concept string_leaf = requires(V& s, const V& c, const typename V::value_type* p, std::size_t n) {
  typename V::traits_type;
  requires sizeof(typename V::value_type) == 1;
  c.data();
  c.size();
  s.assign(p, n);
};
template <class V>
concept integer_leaf = std::is_integral_v<V> && !std::is_same_v<V, bool>;

// How whole values lay out integers: compact (varints: values inside deltas) or fixed (their
// bits, little-endian: snapshots, where speed counts more than the bytes saved).
enum class layout : unsigned char { compact, fixed };

// Does V have a wire form as a leaf?
template <class V>
inline constexpr bool wire_leaf = std::is_same_v<V, bool> || integer_leaf<V> || std::is_enum_v<V> ||
                                  std::is_same_v<V, float> || std::is_same_v<V, double> || string_leaf<V> ||
                                  duration_like<V> || time_point_like<V>;

template <layout L = layout::compact, class V, class R, class W>
RECONCILE_DETAIL_WIRE_INLINE inline void put_leaf(W& w, const V& v, const R& r) {
  if constexpr (std::is_same_v<V, bool>) {
    w.byte(v ? 1 : 0);
  } else if constexpr (std::is_enum_v<V>) {
    put_leaf<L>(w, static_cast<std::underlying_type_t<V>>(v), r);
  } else if constexpr (integer_leaf<V> && L == layout::fixed) {
    w.little(static_cast<std::make_unsigned_t<V>>(v));
  } else if constexpr (integer_leaf<V> && std::is_signed_v<V>) {
    w.varint(zigzag(static_cast<std::int64_t>(v)));
  } else if constexpr (integer_leaf<V>) {
    w.varint(static_cast<std::uint64_t>(v));
  } else if constexpr (quantized<V, R>) {
    w.varint(zigzag(to_steps(static_cast<double>(v), rd::quantize_step(r))));
  } else if constexpr (std::is_same_v<V, float>) {
    w.little(std::bit_cast<std::uint32_t>(v));
  } else if constexpr (std::is_same_v<V, double>) {
    w.little(std::bit_cast<std::uint64_t>(v));
  } else if constexpr (string_leaf<V>) {
    w.varint(v.size());
    w.raw(v.data(), v.size());
  } else if constexpr (duration_like<V>) {
    put_leaf<L>(w, v.count(), rd::default_rule);
  } else if constexpr (time_point_like<V>) {
    put_leaf<L>(w, v.time_since_epoch(), rd::default_rule);
  }
}

// Pass 1: reads a leaf of type V, checking that it fits V.
template <class V, class R, layout L = layout::compact>
void skip_leaf(checked_reader& in) {
  if constexpr (std::is_same_v<V, bool>) {
    if (in.byte() > 1) in.fail(errc::malformed, "a bool other than 0 or 1");
  } else if constexpr (std::is_enum_v<V>) {
    skip_leaf<std::underlying_type_t<V>, R, L>(in);
  } else if constexpr (integer_leaf<V> && L == layout::fixed) {
    in.skip(sizeof(V));
  } else if constexpr (integer_leaf<V> && std::is_signed_v<V>) {
    const std::int64_t v = unzigzag(in.varint());
    if (v < static_cast<std::int64_t>(std::numeric_limits<V>::min()) ||
        v > static_cast<std::int64_t>(std::numeric_limits<V>::max()))
      in.fail(errc::malformed, "an integer out of its field's range");
  } else if constexpr (integer_leaf<V>) {
    if (in.varint() > static_cast<std::uint64_t>(std::numeric_limits<V>::max()))
      in.fail(errc::malformed, "an integer out of its field's range");
  } else if constexpr (quantized<V, R>) {
    in.varint();
  } else if constexpr (std::is_same_v<V, float> || std::is_same_v<V, double>) {
    in.skip(sizeof(V));
  } else if constexpr (string_leaf<V>) {
    const std::uint64_t n = in.varint();
    if (n > in.left()) in.fail(errc::truncated, "a string longer than the rest of the packet");
    in.skip(static_cast<std::size_t>(n));
  } else if constexpr (duration_like<V>) {
    skip_leaf<typename V::rep, rd::field_rule<>, L>(in);
  } else if constexpr (time_point_like<V>) {
    skip_leaf<typename V::duration, rd::field_rule<>, L>(in);
  }
}

// Pass 2: reads a leaf pass 1 has checked.
template <layout L = layout::compact, class V, class R>
RECONCILE_DETAIL_WIRE_INLINE inline void get_leaf(trusted_reader& in, V& v, const R& r) {
  if constexpr (std::is_same_v<V, bool>) {
    v = in.byte() != 0;
  } else if constexpr (std::is_enum_v<V>) {
    std::underlying_type_t<V> u{};
    get_leaf<L>(in, u, r);
    v = static_cast<V>(u);
  } else if constexpr (integer_leaf<V> && L == layout::fixed) {
    v = static_cast<V>(in.little<std::make_unsigned_t<V>>());
  } else if constexpr (integer_leaf<V> && std::is_signed_v<V>) {
    v = static_cast<V>(unzigzag(in.varint()));
  } else if constexpr (integer_leaf<V>) {
    v = static_cast<V>(in.varint());
  } else if constexpr (quantized<V, R>) {
    v = static_cast<V>(from_steps(unzigzag(in.varint()), rd::quantize_step(r)));
  } else if constexpr (std::is_same_v<V, float>) {
    v = std::bit_cast<float>(in.little<std::uint32_t>());
  } else if constexpr (std::is_same_v<V, double>) {
    v = std::bit_cast<double>(in.little<std::uint64_t>());
  } else if constexpr (string_leaf<V>) {
    const auto n = static_cast<std::size_t>(in.varint());
    v.assign(reinterpret_cast<const typename V::value_type*>(in.p), n);
    in.skip(n);
  } else if constexpr (duration_like<V>) {
    typename V::rep c{};
    get_leaf<L>(in, c, rd::default_rule);
    v = V(c);
  } else if constexpr (time_point_like<V>) {
    typename V::duration d{};
    get_leaf<L>(in, d, rd::default_rule);
    v = V(d);
  }
}

// A quantized value's change in a delta: the number of steps it moved, zigzag (a walker that
// moves a few steps a tick costs one byte, not four).
template <class V, class R, class W>
RECONCILE_DETAIL_WIRE_INLINE inline void put_quantized_delta(W& w, const V& from, const V& to, const R& r) {
  const double step = rd::quantize_step(r);
  const auto moved = static_cast<std::uint64_t>(to_steps(static_cast<double>(to), step)) -
                     static_cast<std::uint64_t>(to_steps(static_cast<double>(from), step));
  w.varint(zigzag(static_cast<std::int64_t>(moved)));
}
template <class V, class R>
RECONCILE_DETAIL_WIRE_INLINE inline void get_quantized_delta(trusted_reader& in, V& v, const R& r) {
  const double step = rd::quantize_step(r);
  const auto steps = static_cast<std::uint64_t>(to_steps(static_cast<double>(v), step)) +
                     static_cast<std::uint64_t>(unzigzag(in.varint()));
  v = static_cast<V>(from_steps(static_cast<std::int64_t>(steps), step));
}

// A number's change in a delta, from the value the receiver holds: integers send the
// difference (zigzag: 100 -> 95 costs 1 byte, not 2), floats the XOR of their bits (a small
// move leaves sign, exponent and high mantissa bits alone: 2-3 bytes, not 4 or 8). Other
// leaves send their new value.
template <class V>
inline constexpr bool number_delta = (integer_leaf<V> || std::is_same_v<V, float> || std::is_same_v<V, double>);

template <class V>
using bits_t = std::conditional_t<sizeof(V) == 4, std::uint32_t, std::uint64_t>;

template <class V, class W>
RECONCILE_DETAIL_WIRE_INLINE inline void put_number_delta(W& w, const V& from, const V& to) {
  if constexpr (std::is_floating_point_v<V>) {
    w.varint(static_cast<std::uint64_t>(std::bit_cast<bits_t<V>>(from) ^ std::bit_cast<bits_t<V>>(to)));
  } else {
    w.varint(zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from))));
  }
}
// Pass 1: the new value must fit V.
template <class V>
RECONCILE_DETAIL_WIRE_INLINE inline void check_number_delta(checked_reader& in, const V& from) {
  const std::uint64_t d = in.varint();
  if constexpr (std::is_floating_point_v<V>) {
    if (d > std::numeric_limits<bits_t<V>>::max()) in.fail(errc::malformed, "a float's change past its bits");
  } else {
    const std::uint64_t to = static_cast<std::uint64_t>(from) + static_cast<std::uint64_t>(unzigzag(d));
    bool fits;
    if constexpr (std::is_signed_v<V>)
      fits = static_cast<std::int64_t>(to) >= static_cast<std::int64_t>(std::numeric_limits<V>::min()) &&
             static_cast<std::int64_t>(to) <= static_cast<std::int64_t>(std::numeric_limits<V>::max());
    else
      fits = to <= static_cast<std::uint64_t>(std::numeric_limits<V>::max());
    if (!fits) in.fail(errc::malformed, "an integer out of its field's range");
  }
}
template <class V>
RECONCILE_DETAIL_WIRE_INLINE inline void get_number_delta(trusted_reader& in, V& v) {
  const std::uint64_t d = in.varint();
  if constexpr (std::is_floating_point_v<V>)
    v = std::bit_cast<V>(static_cast<bits_t<V>>(std::bit_cast<bits_t<V>>(v) ^ static_cast<bits_t<V>>(d)));
  else
    v = static_cast<V>(static_cast<std::uint64_t>(v) + static_cast<std::uint64_t>(unzigzag(d)));
}

}  // namespace reconcile::wire::detail
