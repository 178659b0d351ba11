// The delta encoder: a changeset, read through its public accessors only (op, path, from/to,
// count, after, new_value().holds, element_op), written in the format of delta_format.hpp.
// Changes arrive in declaration order, so the changes under one node are consecutive: node()
// encodes the changes [i, j), whose paths share their first d segments, as the node of type
// V there.
// Cost: each change is visited about once per level of its path (to find where a field's or
// an element's changes end: not for a struct's last field, nor a field replaced whole, which
// has one change), then written once; a container's entry count is inserted before its
// entries once they are written (a memmove of what follows). The entries of containers are
// written in delta_write_entries.hpp (delta_writer's base). Not public.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/wire/detail/delta_fits.hpp>
#include <reconcile/wire/detail/delta_format.hpp>
#include <reconcile/wire/detail/value.hpp>
#include <reconcile/wire/detail/delta_write_entries.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <class W>
struct delta_writer : write_entries<delta_writer<W>> {
  W& w;
  const change* c;
  delta_writer(W& writer, const change* changes) : w(writer), c(changes) {}

  template <class V, class R>
  void node(std::size_t i, std::size_t j, std::size_t d, const R& r) {
    constexpr vkind k = kind_v<V>;
    if constexpr (replaced_whole<V, R>) {
      if constexpr (quantized<V, R>) put_quantized_delta(w, c[i].template from<V>(), c[i].template to<V>(), r);
      else if constexpr (number_delta<V>) put_number_delta(w, c[i].template from<V>(), c[i].template to<V>());
      else put_value(w, c[i].template to<V>(), r);
    } else if constexpr (k == vkind::structure) {
      fields<V>(i, j, d, 0);
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*std::declval<const V&>())>;
      static_assert(kind_v<E> != vkind::optional && kind_v<E> != vkind::pointer,
                    "reconcile::wire::encode: an optional (or pointer) directly inside another is "
                    "ambiguous in a changeset; wrap the inner one in a struct");
      const change& first = c[i];
      if (first.path().size() == d && first.op() == op::remove) {
        w.varint(tag_remove);
      } else if (first.path().size() == d && first.op() == op::add) {
        w.varint(tag_value);
        put_value(w, first.template to<E>(), r);
      } else {
        w.varint(tag_node);
        node<E>(i, j, d, r);
      }
    } else if constexpr (k == vkind::variant) {
      if (c[i].path().size() == d && c[i].new_value().template holds<V>()) {
        w.varint(0);
        put_value(w, c[i].template to<V>(), r);
      } else {
        w.varint(1);
        alternative<V>(i, j, d, r, std::make_index_sequence<std::variant_size_v<V>>{});
      }
    } else if constexpr (k == vkind::map) {
      this->template keyed_entries<typename V::key_type, typename V::mapped_type>(i, j, d, element_rule_of(r), map_element, false);
    } else if constexpr (k == vkind::sequence && keyed<R>) {
      using K = reconcile::detail::member_of<R::key>;
      this->template keyed_entries<K, typename V::value_type>(i, j, d, element_rule_of(r), keyed_element, ordered<R>);
    } else if constexpr (k == vkind::set) {
      w.varint(j - i);
      for (std::size_t e = i; e < j; ++e) {
        w.varint(c[e].op() == op::add ? tag_value : tag_remove);
        put_value(w, this->template key_at<typename V::value_type>(e, d), rd::default_rule);
      }
    } else if constexpr (k == vkind::sequence && multiset<R>) {
      w.varint(j - i);
      const auto elem_rule = element_rule_of(r);
      for (std::size_t e = i; e < j; ++e) {
        put_value(w, c[e].template to<typename V::value_type>(), elem_rule);
        w.varint(c[e].count());
      }
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      this->template positions<typename V::value_type>(i, j, d, element_rule_of(r));
    } else if constexpr (k == vkind::tuple) {
      tuple_fields<V>(i, j, d, r, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // A struct's mask (plus bias: fused with an entry tag), then its changed fields in order.
  // Structs of up to 6 fields (mask plus any bias below 128: one byte) are written in one
  // pass, the mask byte filled in last; wider ones scan their changes for the mask first.
  template <class V>
  void fields(std::size_t i, std::size_t j, std::size_t d, std::uint64_t bias) {
    constexpr std::size_t n = field_count<V>;
    constexpr bool one_byte = n <= 6;
    field_mask<n> mask;
    std::size_t mask_at = 0;
    if constexpr (one_byte) {
      mask_at = w.size();
      w.byte(0);
    } else {
      for (std::size_t e = i; e < j; ++e) mask.set(c[e].path()[d].index());
      put_mask(mask, bias);
    }
    for (std::size_t e = i; e < j;) {
      const std::size_t f = c[e].path()[d].index();
      const std::size_t g = field_end<V>(e, j, d, f);
      if constexpr (one_byte) mask.set(f);
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((f == I ? field<V, I>(e, g, d + 1) : void()), ...);
      }(std::make_index_sequence<n>{});
      e = g;
    }
    if constexpr (one_byte) *w.at(mask_at) = static_cast<unsigned char>(mask.bits[0] + bias);
  }
  // The end of field f's changes, which start at i: a field replaced whole has one change, and
  // the last field has all those left; others are scanned for.
  template <class V>
  std::size_t field_end(std::size_t i, std::size_t j, std::size_t d, std::size_t f) const {
    constexpr std::size_t n = field_count<V>;
    static constexpr auto one_change = []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<bool, n + 1>{replaced_whole<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>,
                                                    field_rule_t<V, I>>...,
                                     false};
    }(std::make_index_sequence<n>{});
    if (f >= n - 1) return j;  // the last field (or none: n == 0)
    if (one_change[f]) return i + 1;
    std::size_t g = i + 1;
    while (g < j && c[g].path()[d].index() == f) ++g;
    return g;
  }
  template <class V, std::size_t I>
  void field(std::size_t i, std::size_t j, std::size_t d) {
    if constexpr (!ignored<V, I>)
      node<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>>(i, j, d, field_rule<V, I>());
  }
  template <std::size_t N>
  void put_mask(const field_mask<N>& mask, std::uint64_t bias) {
    if (bias != 0 && field_mask<N>::fusable) {
      w.varint(mask.bits[0] + bias);
      return;
    }
    if (bias != 0) w.varint(bias);
    for (std::uint64_t b : mask.bits) w.varint(b);
  }

  template <class V, class R, std::size_t... I>
  void alternative(std::size_t i, std::size_t j, std::size_t d, const R& r, std::index_sequence<I...>) {
    (void)((fits<std::variant_alternative_t<I, V>, R>(c[i], d) ? (node<std::variant_alternative_t<I, V>>(i, j, d, r), true)
                                                               : false) ||
           ...);
  }

  template <class V, class R, std::size_t... I>
  void tuple_fields(std::size_t i, std::size_t j, std::size_t d, const R& r, std::index_sequence<I...>) {
    field_mask<sizeof...(I)> mask;
    for (std::size_t e = i; e < j; ++e) mask.set(c[e].path()[d].index());
    put_mask(mask, 0);
    for (std::size_t e = i; e < j;) {
      const std::size_t f = c[e].path()[d].index();
      std::size_t g = e + 1;
      while (g < j && c[g].path()[d].index() == f) ++g;
      ((f == I ? node<std::tuple_element_t<I, V>>(e, g, d + 1, r) : void()), ...);
      e = g;
    }
  }

  // Is ch an add, remove or move of the container element at segment d (not a change inside
  // whole): a fused struct mask, or the node tag and the node.
  template <class E, class ElemRule>
  void element(std::size_t i, std::size_t j, std::size_t d, const ElemRule& elem_rule, std::uint64_t bias) {
    if constexpr (fused_element<E, ElemRule>) {
      fields<E>(i, j, d + 1, bias);
    } else {
      w.varint(tag_node);
      node<E>(i, j, d + 1, elem_rule);
    }
  }

};

}  // namespace reconcile::wire::detail
