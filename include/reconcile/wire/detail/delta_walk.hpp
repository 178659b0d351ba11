// The direct delta encoder behind wire::encode_delta: walks a baseline and a current value
// together, in declaration order, and writes what differs in the format of delta_format.hpp,
// the same bytes delta_writer writes for diff(baseline, current), with no changeset between.
// Each node is written speculatively and taken back (writer::rewind) when it turns out
// unchanged; a mask or count known only after its entries is inserted before them. Unchanged
// flat elements cost one memcmp (as in diff). Ordered keyed sequences and multisets are not
// walked (walkable<T> is false): encode_delta diffs those types into a changeset. The
// entries of containers are walked in delta_walk_entries.hpp (delta_walker's base). Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/wire/detail/delta_read.hpp>
#include <reconcile/wire/detail/delta_walk_entries.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::wire::detail {

template <class V, class R, int D = 0>
constexpr bool walkable() {
  constexpr vkind k = kind_v<V>;
  if constexpr (D > 12 || replaced_whole<V, R> || k == vkind::leaf) {
    return true;  // recursive types: deeper levels are checked when reached at run time
  } else if constexpr (k == vkind::structure) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return ((ignored<V, I> || walkable<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>,
                                         field_rule_t<V, I>, D + 1>()) && ...);
    }(std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    return walkable<std::remove_cvref_t<decltype(*std::declval<const V&>())>, R, D + 1>();
  } else if constexpr (k == vkind::variant) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (walkable<std::variant_alternative_t<I, V>, R, D + 1>() && ...);
    }(std::make_index_sequence<std::variant_size_v<V>>{});
  } else if constexpr (k == vkind::map) {
    return walkable<typename V::mapped_type, element_rule_of_t<R>, D + 1>();
  } else if constexpr (k == vkind::set) {
    return true;
  } else if constexpr (k == vkind::sequence && (ordered<R> || multiset<R>)) {
    return false;
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    return walkable<typename V::value_type, element_rule_of_t<R>, D + 1>();
  } else if constexpr (k == vkind::tuple) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (walkable<std::tuple_element_t<I, V>, R, D + 1>() && ...);
    }(std::make_index_sequence<std::tuple_size_v<V>>{});
  } else {
    return true;
  }
}

using no_rules_t = std::remove_cvref_t<decltype(reconcile::no_rules)>;

template <class W>
struct delta_walker : walk_entries<delta_walker<W>> {
  W& w;
  explicit delta_walker(W& writer) : w(writer) {}

  // Writes the node of the delta from a to b, if they differ under r; returns whether it did.
  template <class V, class R>
  bool node(const V& a, const V& b, const R& r, const frame* at) {
    constexpr vkind k = kind_v<V>;
    if constexpr (replaced_whole<V, R>) {
      if (rd::eq_value(a, b, r, reconcile::no_rules)) return false;
      if constexpr (quantized<V, R>) put_quantized_delta(w, a, b, r);
      else if constexpr (number_delta<V>) put_number_delta(w, a, b);
      else put_value(w, b, r);
      return true;
    } else if constexpr (k == vkind::structure) {
      return fields(a, b, at, 0);
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*a)>;
      static_assert(kind_v<E> != vkind::optional && kind_v<E> != vkind::pointer,
                    "reconcile::wire::encode: an optional (or pointer) directly inside another is "
                    "ambiguous in a changeset; wrap the inner one in a struct");
      if (a && b) return tagged(tag_node, [&] { return node(static_cast<const E&>(*a), static_cast<const E&>(*b), r, at); });
      if (b) {
        w.varint(tag_value);
        put_value(w, static_cast<const E&>(*b), r);
        return true;
      }
      if (a) w.varint(tag_remove);
      return static_cast<bool>(a);
    } else if constexpr (k == vkind::variant) {
      if (a.index() != b.index()) {
        w.varint(0);
        put_value(w, b, r);
        return true;
      }
      return tagged(1, [&] {
        return std::visit([&](const auto& x) { return node(x, *std::get_if<std::remove_cvref_t<decltype(x)>>(&b), r, at); }, a);
      });
    } else if constexpr (k == vkind::map) {
      return this->map(a, b, r, at);
    } else if constexpr (k == vkind::sequence && keyed<R>) {
      return this->template keyed_sequence<R::key>(a, b, r, at);
    } else if constexpr (k == vkind::set) {
      return this->set(a, b);
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      return this->positions(a, b, r, at);
    } else if constexpr (k == vkind::tuple) {
      return tuple(a, b, r, at, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // tag, then what f writes; both taken back when f writes nothing.
  template <class F>
  RECONCILE_DETAIL_WIRE_INLINE bool tagged(std::uint64_t tag, F f) {
    const std::size_t start = w.size();
    w.varint(tag);
    if (f()) return true;
    w.rewind(start);
    return false;
  }

  // A struct: its mask (plus bias, fused with an element tag), then its changed fields.
  template <class V>
  bool fields(const V& a, const V& b, const frame* at, std::uint64_t bias) {
    constexpr std::size_t n = field_count<V>;
    const std::size_t start = w.size();
    if constexpr (n <= 6) w.byte(0);  // one byte: filled in below
    field_mask<n> mask;
    rd::with_fields(a, [&](const auto&... fa) RECONCILE_DETAIL_INLINE_LAMBDA {
      rd::with_fields(b, [&](const auto&... fb) RECONCILE_DETAIL_INLINE_LAMBDA {
        [&]<std::size_t... I>(std::index_sequence<I...>) RECONCILE_DETAIL_INLINE_LAMBDA {
          ((field<V, I>(fa, fb, at) ? mask.set(I) : void()), ...);
        }(std::make_index_sequence<n>{});
      });
    });
    bool any = false;
    for (std::uint64_t word : mask.bits) any = any || word != 0;
    if (!any) {
      w.rewind(start);
      return false;
    }
    if constexpr (n <= 6) {
      *w.at(start) = static_cast<unsigned char>(mask.bits[0] + bias);
    } else {
      unsigned char head[10 * (field_mask<n>::words + 1)];
      unsigned char* p = head;
      if (bias != 0 && field_mask<n>::fusable) {
        p = put_varint(p, mask.bits[0] + bias);
      } else {
        if (bias != 0) p = put_varint(p, bias);
        for (std::uint64_t word : mask.bits) p = put_varint(p, word);
      }
      w.insert(start, head, static_cast<std::size_t>(p - head));
    }
    return true;
  }
  template <class V, std::size_t I, class F>
  RECONCILE_DETAIL_WIRE_INLINE bool field(const F& a, const F& b, const frame* at) {
    if constexpr (ignored<V, I>) {
      return false;
    } else if constexpr (replaced_whole<F, field_rule_t<V, I>>) {
      return node(a, b, field_rule<V, I>(), at);  // a leaf needs no frame: it names no key
    } else {
      const frame f = field_frame(at, I, field_name<V, I>);
      return node(a, b, field_rule<V, I>(), &f);
    }
  }

  // A container element that may have changed inside: a fused struct mask, or the node tag
  // and the node.
  template <class E, class ElemRule>
  RECONCILE_DETAIL_WIRE_INLINE bool element(const E& a, const E& b, const ElemRule& elem_rule, std::uint64_t bias, const frame* at) {
    if constexpr (fused_element<E, ElemRule>) {
      if constexpr (rd::bytes_imply_equal<E, no_rules_t>())
        if (rd::same_bytes(a, b)) return false;  // an unchanged element: one memcmp
      return fields(a, b, at, bias);
    } else {
      return tagged(tag_node, [&] { return node(a, b, elem_rule, at); });
    }
  }

  template <class V, class R, std::size_t... I>
  bool tuple(const V& a, const V& b, const R& r, const frame* at, std::index_sequence<I...>) {
    const std::size_t start = w.size();
    field_mask<sizeof...(I)> mask;
    auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
      const frame f = position_frame(at, J);
      if (node(std::get<J>(a), std::get<J>(b), r, &f)) mask.set(J);
    };
    (one(std::integral_constant<std::size_t, I>{}), ...);
    bool any = false;
    for (std::uint64_t word : mask.bits) any = any || word != 0;
    if (!any) return false;
    unsigned char head[10 * field_mask<sizeof...(I)>::words];
    unsigned char* p = head;
    for (std::uint64_t word : mask.bits) p = put_varint(p, word);
    w.insert(start, head, static_cast<std::size_t>(p - head));
    return true;
  }
};

}  // namespace reconcile::wire::detail
