// The delta format shared by the encoder (delta_write.hpp) and the decoder (delta_read.hpp).
// A delta names only what changed, as a tree that follows the type:
//   struct, tuple := mask node*            mask: varint, bit i = field i changed (structs of
//                                          more than 64 fields: one varint per 64 fields)
//   whole value   := value                 leaves, and values under compare or tolerance;
//                                          numbers send their change from the value held:
//                                          integers zigzag(new - old), floats varint(old ^ new
//                                          bits), quantized floats zigzag(steps moved)
//   optional, pointer := 0 (reset) | 1 value (engage) | 2 node (the engaged value changed)
//   variant       := 0 index value (another alternative) | 1 node (inside the current one)
//   map           := n (key entry)*        entry := 0 remove | 1 value | element
//   set           := n (0 elem | 1 elem)*  remove / add
//   multiset      := n (value count)*      the value's new count
//   keyed sequence := n (key entry)*       key: integral keys zigzag(key - previous key),
//                                          others as a value; entry := 0 remove | 1 [anchor]
//                                          value (add) | 3 [anchor] (move) | element
//                                          anchor (ordered only) := 0 (first) | 1 key
//   indexed sequence, array := n (zigzag(position - previous - 1) entry)*
//                                          entry := 0 remove the tail from here | 1 value
//                                          (set, or append) | element
//   element := a struct's mask plus the entry's first free tag (the tag and the mask in one
//              byte for structs of up to 60 fields) | that tag, then node (other types)
// Not public.
#pragma once

#include <reconcile/wire/detail/rules.hpp>

#include <cstddef>
#include <cstdint>

namespace reconcile::wire::detail {

// Entry tags below the element tag of each container kind.
inline constexpr std::uint64_t tag_remove = 0, tag_value = 1, tag_node = 2, tag_move = 3;
inline constexpr std::uint64_t map_element = 2, index_element = 2, keyed_element = 4;

// The mask of a struct (or tuple) of N fields.
template <std::size_t N>
struct field_mask {
  static constexpr std::size_t words = N == 0 ? 1 : (N + 63) / 64;
  std::uint64_t bits[words] = {};
  void set(std::size_t i) noexcept { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  bool test(std::size_t i) const noexcept { return (bits[i / 64] >> (i % 64)) & 1u; }
  // Fused with an entry tag: mask + bias in one varint (N <= 60), else the bias then the mask.
  static constexpr bool fusable = N <= 60;
};

// Is an element of type E (rule R) sent as a fused struct mask, or as the node tag + node?
template <class E, class R>
inline constexpr bool fused_element = kind_v<E> == vkind::structure && !replaced_whole<E, R>;

template <class K>
inline constexpr bool delta_key = std::is_integral_v<K> && !std::is_same_v<K, bool>;

}  // namespace reconcile::wire::detail
