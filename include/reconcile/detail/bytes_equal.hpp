// Structs of arithmetic and enum fields (nested such structs included) compared under rules
// that keep plain ==: equal bytes imply equal values (NaN equals NaN, see plain_eq), so an
// unchanged element of a container costs one memcmp instead of a compare and branch per
// field. Unequal bytes decide nothing (-0.0 and 0.0, padding, tolerances): the caller then
// compares field by field.
#pragma once

#include <reconcile/detail/force_inline.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>
#include <reconcile/detail/traits.hpp>

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

template <class V, class Ctx>
consteval bool bytes_imply_equal();

template <class V, class Ctx, std::size_t I>
consteval bool field_bytes_imply_equal() {
  using F = std::remove_cvref_t<decltype(reflect<V>::template get<I>(std::declval<const V&>()))>;
  using MemberRule = std::remove_cvref_t<decltype(rule_for<V, I>(std::declval<const Ctx&>()))>;
  if constexpr ((MemberRule::flags & f_compare) != 0) return false;  // the user's compare decides
  else if constexpr (std::is_arithmetic_v<F> || std::is_enum_v<F>) return true;
  else if constexpr (kind_v<F> == vkind::structure) return bytes_imply_equal<F, Ctx>();
  else return false;
}

template <class V, class Ctx>
consteval bool bytes_imply_equal() {
  if constexpr (kind_v<V> != vkind::structure || !std::is_trivially_copyable_v<V>) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (field_bytes_imply_equal<V, Ctx, I>() && ...);
    }(std::make_index_sequence<field_count<V>>{});
  }
}

template <class V>
RECONCILE_DETAIL_FORCE_INLINE inline bool same_bytes(const V& a, const V& b) noexcept {
  return std::memcmp(static_cast<const void*>(&a), static_cast<const void*>(&b), sizeof(V)) == 0;
}

}  // namespace reconcile::detail
