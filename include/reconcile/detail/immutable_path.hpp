// Which field forces a replace: the path of the `immutable` field a change lies under, found by
// walking the change's path through the resource's type and rules. Part of plan.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/path.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

template <class V, class R>
std::size_t immutable_prefix(path_view p, const R& r, std::size_t i);

// Field I of struct V at segment i: immutable itself, or an immutable field below it.
template <class V, std::size_t I>
std::size_t immutable_field(path_view p, std::size_t i) {
  const auto& member_rule = rule_for<V, I>(no_rules);
  using MemberRule = std::remove_cvref_t<decltype(member_rule)>;
  if constexpr ((MemberRule::flags & f_immutable) != 0) {
    return i + 1;
  } else {
    using F = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<const V&>()))>;
    return immutable_prefix<F>(p, member_rule, i + 1);
  }
}

// immutable_prefix<V>(p, rule, i): the number of leading segments of p that name the first
// (outermost) field with the `immutable` rule on the way down from segment i of a value of
// type V; 0 when there is none (the change is not under an immutable field). Optionals and
// pointers add no segment; a variant's alternatives are tried in turn.
template <class V, class R>
std::size_t immutable_prefix(path_view p, const R& r, std::size_t i) {
  constexpr vkind k = kind_v<V>;
  if constexpr (k == vkind::optional || k == vkind::pointer) {
    using E = std::remove_cvref_t<decltype(*std::declval<const V&>())>;
    return immutable_prefix<E>(p, r, i);
  } else if constexpr (k == vkind::variant) {
    return [&]<std::size_t... A>(std::index_sequence<A...>) {
      std::size_t n = 0;
      (void)((n = immutable_prefix<std::variant_alternative_t<A, V>>(p, r, i), n != 0) || ...);
      return n;
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::structure) {
    if (i >= p.size() || p[i].kind() != segment_kind::field) return 0;
    const std::size_t index = p[i].index();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      std::size_t n = 0;
      (void)((index == I ? (n = immutable_field<V, I>(p, i), true) : false) || ...);
      return n;
    }(std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::map) {
    if (i >= p.size()) return 0;
    return immutable_prefix<typename V::mapped_type>(p, element_rule(r), i + 1);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    if (i >= p.size()) return 0;
    using E = std::remove_cvref_t<decltype(*std::begin(std::declval<const V&>()))>;
    return immutable_prefix<E>(p, element_rule(r), i + 1);
  } else if constexpr (k == vkind::tuple) {
    if (i >= p.size() || p[i].kind() != segment_kind::field) return 0;
    const std::size_t index = p[i].index();
    const auto elem_rule = element_rule(r);
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      std::size_t n = 0;
      (void)((index == I ? (n = immutable_prefix<std::tuple_element_t<I, V>>(p, elem_rule, i + 1), true) : false) || ...);
      return n;
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  } else {
    (void)p, (void)r, (void)i;
    return 0;  // a leaf or a set: nothing below carries rules
  }
}

// The text of the immutable field's path for a change at p in a resource of type R, e.g.
// `spec.selector.app` or `containers["web"].image`; the whole path when no field is found
// (an immutable rule given at the call site), `<resource>` for the empty path.
template <class R>
std::string immutable_path_text(path_view p) {
  if (p.size() == 0) return "<resource>";
  const std::size_t n = immutable_prefix<R>(p, default_rule, 0);
  if (n == 0 || n == p.size()) return p.to_string();
  return path_access::view(p.begin(), n).to_string();
}

}  // namespace reconcile::detail
