// The recursion behind reconcile::diff. Walks both values in declaration order; builds a
// change (with an owned path) only where they differ, so unchanged data costs no allocation.
// Layers: diff_frame.hpp (the path being walked), diff_keys.hpp (duplicate keys, sorted-map
// keys), diff_sequence.hpp (keyed, ordered keyed and multiset sequences).
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/bytes_equal.hpp>
#include <reconcile/detail/diff_frame.hpp>
#include <reconcile/detail/diff_keys.hpp>
#include <reconcile/detail/diff_sequence.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/raise.hpp>
#include <reconcile/error.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

// Values that run() compares as a whole and reports as one replace (its first branch).
template <class V, class R>
inline constexpr bool replaced_whole =
    kind_v<V> != vkind::set && (uses_compare<V, R> || uses_approx<V, R> || kind_v<V> == vkind::leaf);

// The path steps of V's fields under the default rules: one table per type, its names read
// from one __PRETTY_FUNCTION__ (reflect<V>::names), rather than a variable per field.
template <class V>
consteval std::array<field_step, field_count<V>> default_field_steps_of() {
  std::array<field_step, field_count<V>> steps{};
  for (std::size_t i = 0; i < steps.size(); ++i) steps[i] = {i, reflect<V>::names[i], false};
  return steps;
}
template <class V>
inline constexpr std::array<field_step, field_count<V>> default_field_steps = default_field_steps_of<V>();

template <class Ctx>
struct differ {
  const Ctx& ctx;
  change_list& out;

  // element: change_mark::element_op for a container element, else none.
  change& emit(op o, const frame& f, change_mark element) {
    change& c = out.next(o, f.immutable ? element | change_mark::requires_replace : element);
    append_path(out.segments(), &f);  // in place, into the segment arena
    if (!change_access::end_path(c, out.segments().size())) [[unlikely]]
      too_deep();
    return c;
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void too_deep() {
    raise(reconcile::error(path(), "reconcile::diff: a change lies deeper than 65535 steps"));
  }
  // A changed scalar field: kept out of line and shared by every field of the same type, so
  // each field costs one compare and a call in the diff's code (smaller code, faster builds).
  // Few arguments, all in registers: the hot loop keeps its pointers in registers. The path
  // is appended straight from `at` and the step, without building their frames.
  template <class At, class V>
  [[gnu::noinline]] void replaced_field(const At& at, const field_step& s, const V& a, const V& b) {
    const change_mark m = immutable_of(at) || s.immutable ? change_mark::requires_replace : change_mark::none;
    change& c = out.next(op::replace, m);
    segment_arena& p = out.segments();
    append_at(p, at);
    p.push_field(s.index, s.name);
    if (!change_access::end_path(c, p.size())) [[unlikely]]
      too_deep();
    values(c, a, b);
  }
  template <class V>
  void replaced(const frame& f, const V& a, const V& b) {
    values(emit(op::replace, f, change_mark::none), a, b);
  }
  // A replace's old and new values: inline in the change for a small scalar, else two boxes.
  template <class V>
  RECONCILE_DETAIL_FORCE_INLINE void values(change& c, const V& a, const V& b) {
    if constexpr (inline_scalar<V>) {
      change_access::set_inline(c, a, b);
    } else {
      box* v = out.old_and_new(c);
      v[0].template assign<V>(a);
      v[1].template assign<V>(b);
    }
  }
  template <class V>
  void added(const frame& f, const V& v, change_mark element) {
    change& c = emit(op::add, f, element);
    out.new_value(c).template assign<V>(v);
  }

  template <class V, class R>
  void run(const V& a, const V& b, const R& r, const frame& f) {
    constexpr vkind k = kind_v<V>;
    if constexpr (uses_compare<V, R> || uses_approx<V, R> || k == vkind::leaf || k == vkind::set ||
                  k == vkind::variant) {
      if constexpr (k == vkind::set) {
        set_diff(a, b, f);
      } else if constexpr (k == vkind::variant && !uses_compare<V, R>) {
        if (a.index() != b.index()) return replaced(f, a, b);
        std::visit([&](const auto& x) { run(x, *std::get_if<std::remove_cvref_t<decltype(x)>>(&b), r, f); }, a);
      } else if (!eq_value(a, b, r, ctx)) {
        replaced(f, a, b);
      }
    } else if constexpr (k == vkind::structure) {
      fields(a, b, f, std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*a)>;
      if (a && b) run(static_cast<const E&>(*a), static_cast<const E&>(*b), r, f);
      else if (b) added<E>(f, *b, change_mark::none);
      else if (a) emit(op::remove, f, change_mark::none);
    } else if constexpr (k == vkind::map) {
      map_diff(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && R::keyed && (R::flags & f_ordered) != 0) {
      ordered_keyed_diff<R::key>(*this, a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && R::keyed) {
      keyed_diff<R::key>(*this, a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && (R::flags & f_unordered) != 0) {
      multiset_diff(*this, a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      index_diff(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::tuple) {
      tuple_diff(a, b, element_rule(r), f, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // An element of a container or a map value, at the lazily built frame `at` (at_position,
  // at_key): the same as run(a, b, r, frame_of(at)), without building the frame when equal.
  template <class V, class R, class At>
  RECONCILE_DETAIL_FORCE_INLINE inline void child(const V& a, const V& b, const R& r, const At& at) {
    if constexpr (replaced_whole<V, R>) {
      if (!eq_value(a, b, r, ctx)) replaced(frame_of(at), a, b);
    } else if constexpr (kind_v<V> == vkind::structure) {
      if constexpr (bytes_imply_equal<V, Ctx>())
        if (same_bytes(a, b)) return;  // an unchanged element: one memcmp
      fields(a, b, at, std::make_index_sequence<field_count<V>>{});
    } else {
      run(a, b, r, frame_of(at));
    }
  }

  // Both objects' fields are bound once (with_fields; an aggregate's straight by bind_fields),
  // not fetched one get<I> at a time. `at`: the struct's frame, or a lazy one (see child).
  template <class V, class At, std::size_t... I>
  RECONCILE_DETAIL_FORCE_INLINE inline void fields(const V& a, const V& b, const At& at, std::index_sequence<I...>) {
    auto of_a = [&](const auto&... fa) RECONCILE_DETAIL_INLINE_LAMBDA {
      auto of_both = [&](const auto&... fb) RECONCILE_DETAIL_INLINE_LAMBDA {
        if constexpr (default_rules_only<V, Ctx>) (field_under(fa, fb, at, default_rule, default_field_steps<V>[I]), ...);
        else (field<V, I>(fa, fb, at), ...);
      };
      if constexpr (binds_directly<V>) bind_fields(b, of_both, size_c<sizeof...(I)>{});
      else with_fields(b, of_both);
    };
    if constexpr (binds_directly<V>) bind_fields(a, of_a, size_c<sizeof...(I)>{});
    else with_fields(a, of_a);
  }
  template <class V, std::size_t I, class F, class At>
  RECONCILE_DETAIL_FORCE_INLINE inline void field(const F& a, const F& b, const At& at) {
    const auto& member_rule = rule_for<V, I>(ctx);
    using MemberRule = std::remove_cvref_t<decltype(member_rule)>;
    if constexpr ((MemberRule::flags & f_ignore) == 0)
      field_under(a, b, at, member_rule, field_step_of<V, I, (MemberRule::flags & f_immutable) != 0>);
  }

  // One field under its rule member_rule, s its step: shared by the fields of one type under one rule (a
  // type with default rules only folds over its fields straight into it, see default_rules_only).
  template <class F, class MemberRule, class At>
  RECONCILE_DETAIL_FORCE_INLINE inline void field_under(const F& a, const F& b, const At& at, const MemberRule& member_rule,
                                                        const field_step& s) {
    if constexpr (replaced_whole<F, MemberRule>) {
      // The frames are built only for a change: unchanged scalars cost one compare each.
      if (!eq_value(a, b, member_rule, ctx)) replaced_field(at, s, a, b);
    } else {
      const frame& f = frame_of(at);
      run(a, b, member_rule, f.field(s.index, s.name, s.immutable));
    }
  }

  template <class V, class R, std::size_t... I>
  void tuple_diff(const V& a, const V& b, const R& elem_rule, const frame& f, std::index_sequence<I...>) {
    constexpr bool pair = sizeof...(I) == 2 && is_tuple<V>::value && requires { a.first; };
    (run(std::get<I>(a), std::get<I>(b), elem_rule,
         f.field(I, pair ? (I == 0 ? std::string_view("first") : "second") : tuple_field_names[I])),
     ...);
  }

  template <class M, class R>
  void map_diff(const M& a, const M& b, const R& elem_rule, const frame& f) {
    using Val = typename M::mapped_type;
    if constexpr (is_sorted_assoc<M>::value) {
      auto ia = a.begin(), ib = b.begin();
      auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        // Steady state: the same key on both sides, found with one == instead of two less().
        if constexpr (equality_is_equivalence<M>) {
          if (ia != a.end() && ib != b.end() && ia->first == ib->first) {
            child(ia->second, ib->second, elem_rule, at_key<typename M::key_type>{&f, &ia->first});
            ++ia, ++ib;
            continue;
          }
        }
        if (ib == b.end() || (ia != a.end() && less(ia->first, ib->first))) {
          emit(op::remove, f.keyed(ia->first), change_mark::element_op);
          ++ia;
        } else if (ia == a.end() || less(ib->first, ia->first)) {
          added<Val>(f.keyed(ib->first), ib->second, change_mark::element_op);
          ++ib;
        } else {
          child(ia->second, ib->second, elem_rule, at_key<typename M::key_type>{&f, &ia->first});
          ++ia, ++ib;
        }
      }
    } else {
      for (const auto& [key, val] : a) {
        auto it = b.find(key);
        if (it == b.end()) emit(op::remove, f.keyed(key), change_mark::element_op);
        else child(val, it->second, elem_rule, at_key<typename M::key_type>{&f, &key});
      }
      for (const auto& [key, val] : b)
        if (!a.contains(key)) added<Val>(f.keyed(key), val, change_mark::element_op);
    }
  }

  template <class S>
  void set_diff(const S& a, const S& b, const frame& f) {
    using K = typename S::value_type;
    if constexpr (is_sorted_assoc<S>::value) {
      auto ia = a.begin(), ib = b.begin();
      auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && less(*ia, *ib))) {
          emit(op::remove, f.keyed(*ia++, segment_kind::element), change_mark::element_op);
        } else if (ia == a.end() || less(*ib, *ia)) {
          added<K>(f.keyed(*ib, segment_kind::element), *ib, change_mark::element_op);
          ++ib;
        } else {
          ++ia, ++ib;
        }
      }
    } else {
      for (const K& e : a)
        if (!b.contains(e)) emit(op::remove, f.keyed(e, segment_kind::element), change_mark::element_op);
      for (const K& e : b)
        if (!a.contains(e)) added<K>(f.keyed(e, segment_kind::element), e, change_mark::element_op);
    }
  }

  template <class Seq, class R>
  void index_diff(const Seq& a, const Seq& b, const R& elem_rule, const frame& f) {
    using E = typename Seq::value_type;
    auto ia = a.begin();
    auto ib = b.begin();
    std::size_t i = 0;
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib, ++i) child(*ia, *ib, elem_rule, at_position{&f, i});
    if constexpr (kind_v<Seq> == vkind::sequence) {
      for (; ib != b.end(); ++ib, ++i) added<E>(f.position(i), *ib, change_mark::element_op);
      for (; ia != a.end(); ++ia, ++i) emit(op::remove, f.position(i), change_mark::element_op);
    }
  }
};

}  // namespace reconcile::detail
