// The delta decoder's shared parts (cursor, masks, elements); its two passes are
// delta_check.hpp and delta_apply.hpp. A decode reads the packet twice (format: delta_format.hpp).
//   check_node (pass 1): reads every byte with bounds checks and finds every element the
//     delta names in the target, writing nothing; a failure throws wire_error naming the path.
//   apply_node (pass 2): reads the bytes pass 1 passed, unchecked, and writes the target.
// So a decode is all or nothing without copying the target. Pass 2 stays memory-safe on any
// bytes pass 1 accepts (an element named twice, an anchor added by the same packet): what it
// cannot find it decodes into a scratch value and drops. Elements of keyed sequences are
// found from a cursor that follows the packet's order (the target's order): amortised O(1)
// each in the steady state, O(size) for an element out of order. Pass 1 notes where it found
// each one (checked_reader::found), and pass 2 goes there (checking the key) instead of
// searching again.
#pragma once

#include <reconcile/wire/detail/delta_format.hpp>
#include <reconcile/wire/detail/value.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <auto Key>
constexpr std::string_view key_name() {
  using C = rd::class_of<Key>;
  if constexpr (rd::member_index<Key>() < field_count<C>) return field_name<C, rd::member_index<Key>()>;
  else return "key";
}

// Finds elements of a keyed sequence by key, starting where the last search ended.
template <auto Key>
struct cursor {
  std::size_t at = 0;
  template <class Seq>
  std::size_t find(const Seq& s, const rd::member_of<Key>& k) {  // s.size() when absent
    const std::size_t n = s.size();
    if constexpr (std::random_access_iterator<typename Seq::const_iterator>) {
      const std::size_t from = at < n ? at : 0;  // from the cursor to the end, then from the start
      for (at = from; at < n; ++at)
        if (s[at].*Key == k) return at;
      for (at = 0; at < from; ++at)
        if (s[at].*Key == k) return at;
    } else {
      std::size_t i = 0;
      for (const auto& e : s) {
        if (e.*Key == k) return at = i;
        ++i;
      }
    }
    return n;
  }
};
template <class Seq>
auto nth(Seq& s, std::size_t i) {
  return std::next(s.begin(), static_cast<std::ptrdiff_t>(i));
}

// Pass 1: reads a value into a scratch object (a key), checked.
template <class V>
void read_checked(checked_reader& in, V& v) {
  const unsigned char* from = in.position();
  skip_value<V, rd::field_rule<>>(in);
  trusted_reader again{from};
  get_value(again, v, rd::default_rule);
}

template <std::size_t N>
RECONCILE_DETAIL_WIRE_INLINE inline field_mask<N> check_mask(checked_reader& in, std::uint64_t fused, std::uint64_t bias) {
  field_mask<N> m;
  if (bias != 0 && field_mask<N>::fusable) {
    m.bits[0] = fused - bias;
  } else {
    if (bias != 0 && fused != bias) in.fail(errc::malformed, "an element tag no encoder writes");
    for (auto& b : m.bits) b = in.varint();
  }
  constexpr std::size_t spare = field_mask<N>::words * 64 - N;
  if constexpr (spare > 0)
    if (m.bits[field_mask<N>::words - 1] >> (64 - spare)) in.fail(errc::malformed, "a mask names a field past the last");
  return m;
}
template <std::size_t N>
RECONCILE_DETAIL_WIRE_INLINE inline field_mask<N> read_mask(trusted_reader& in, std::uint64_t fused, std::uint64_t bias) {
  field_mask<N> m;
  if (bias != 0 && field_mask<N>::fusable) {
    m.bits[0] = fused - bias;
  } else {
    for (auto& b : m.bits) b = in.varint();
  }
  return m;
}

template <class V, class R>
void check_node(checked_reader& in, const V& v, const R& r);
template <class V, class R>
void apply_node(trusted_reader& in, V& v, const R& r);

// One frame for the struct's fields, renamed as the pass moves from field to field.
template <class V, std::size_t... I>
void check_fields(checked_reader& in, const V& v, const field_mask<field_count<V>>& m, std::index_sequence<I...>) {
  frame f = field_frame(in.at, 0, {});
  frame_guard g(in, f);
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    if (!m.test(J)) return;
    f.index = J;
    f.name = field_name<V, J>;
    if constexpr (ignored<V, J>) in.fail(errc::malformed, "a delta of a field its rules ignore");
    else check_node(in, reconcile::get<J>(v), field_rule<V, J>());
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  (void)one;  // a struct without fields
}
template <class V, std::size_t... I>
void apply_fields(trusted_reader& in, V& v, const field_mask<field_count<V>>& m, std::index_sequence<I...>) {
  reconcile::detail::with_fields(v, [&](auto&... f) {
    auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>, auto& field) {
      if constexpr (!ignored<V, J>)
        if (m.test(J)) apply_node(in, field, field_rule<V, J>());
    };
    (one(std::integral_constant<std::size_t, I>{}, f), ...);
    (void)one;
  });
}
template <class V>
void check_struct(checked_reader& in, const V& v, std::uint64_t fused, std::uint64_t bias) {
  const auto m = check_mask<field_count<V>>(in, fused, bias);
  check_fields(in, v, m, std::make_index_sequence<field_count<V>>{});
}
template <class V>
void apply_struct(trusted_reader& in, V& v, std::uint64_t fused, std::uint64_t bias) {
  const auto m = read_mask<field_count<V>>(in, fused, bias);
  apply_fields(in, v, m, std::make_index_sequence<field_count<V>>{});
}

// An element entry's tag at or past the element tag (bias): the element changed inside.
template <class E, class ElemRule>
void check_element(checked_reader& in, const E& e, const ElemRule& elem_rule, std::uint64_t tag, std::uint64_t bias) {
  if constexpr (fused_element<E, ElemRule>) {
    check_struct(in, e, tag, bias);
  } else {
    if (tag != tag_node) in.fail(errc::malformed, "an element tag no encoder writes");
    check_node(in, e, elem_rule);
  }
}
template <class E, class ElemRule>
void apply_element(trusted_reader& in, E& e, const ElemRule& elem_rule, std::uint64_t tag, std::uint64_t bias) {
  if constexpr (fused_element<E, ElemRule>) apply_struct(in, e, tag, bias);
  else apply_node(in, e, elem_rule);
}
// The element tag of a container whose element tag is `bias`: fused structs take the tags
// from bias on, other elements the node tag.
template <class E, class ElemRule>
constexpr std::uint64_t element_tag(std::uint64_t bias) {
  return fused_element<E, ElemRule> ? bias : tag_node;
}

}  // namespace reconcile::wire::detail
