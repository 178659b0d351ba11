// Equality under rules: the recursion behind reconcile::equal. Never allocates, except for
// keyed or unordered sequences whose two sides list their elements in different orders.
#pragma once

#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/multiset_count.hpp>
#include <reconcile/rules.hpp>
#include <reconcile/detail/traits.hpp>

#include <concepts>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <variant>
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>  // <algorithm> without its ranges:: half (clang parse, ~25 ms a TU)
#else
#include <algorithm>
#endif

namespace reconcile::detail {

template <class V, class R, class Ctx>
constexpr bool eq_value(const V& a, const V& b, const R& r, const Ctx& ctx);

// std::invoke(f, a, b) without <functional>: a member function compares a with b.
template <class F, class V>
constexpr bool call_compare(const F& f, const V& a, const V& b) {
  if constexpr (!std::is_member_function_pointer_v<F>) return static_cast<bool>(f(a, b));
  else if constexpr (requires { (a.*f)(b); }) return static_cast<bool>((a.*f)(b));
  else return static_cast<bool>(((*a).*f)(b));  // a pointer-like a, as std::invoke
}

template <class V>
constexpr bool plain_eq(const V& a, const V& b) {
  if constexpr (std::is_floating_point_v<V>) return a == b || (a != a && b != b);  // NaN == NaN
  else return static_cast<bool>(a == b);
}

template <class V, class R>
constexpr bool approx_eq(const V& a, const V& b, const R& r) {
  if (plain_eq(a, b)) return true;
  const double x = static_cast<double>(a), y = static_cast<double>(b);
  // The builtins behind std::fabs, fmin, fmax: <cmath> costs every TU that diffs.
  const double d = __builtin_fabs(x - y);
  double bound = 0;
  if constexpr ((R::flags & f_tolerance) != 0) bound = r.abs;
  if constexpr ((R::flags & f_relative) != 0) {
    const double m = __builtin_fmin(__builtin_fabs(x), __builtin_fabs(y));
    bound = __builtin_fmax(bound, r.rel * m);
  }
  return d <= bound;
}

template <class V, class R>
inline constexpr bool uses_compare = (R::flags & f_compare) != 0 &&
                                     std::is_invocable_r_v<bool, const decltype(R::cmp)&, const V&, const V&>;
template <class V, class R>
inline constexpr bool uses_approx = (R::flags & (f_tolerance | f_relative)) != 0 && std::is_arithmetic_v<V>;

template <class V, std::size_t I, class F, class Ctx>
RECONCILE_DETAIL_FORCE_INLINE inline constexpr bool eq_field(const F& a, const F& b, const Ctx& ctx) {
  const auto& member_rule = rule_for<V, I>(ctx);
  if constexpr ((std::remove_cvref_t<decltype(member_rule)>::flags & f_ignore) != 0) return true;
  else return eq_value(a, b, member_rule, ctx);
}

// Both objects' fields are bound once (with_fields; an aggregate's straight by bind_fields),
// not fetched one get<I> at a time.
template <class V, class Ctx, std::size_t... I>
constexpr bool eq_fields(const V& a, const V& b, const Ctx& ctx, std::index_sequence<I...>) {
  auto of_a = [&](const auto&... fa) RECONCILE_DETAIL_INLINE_LAMBDA {
    auto of_both = [&](const auto&... fb) RECONCILE_DETAIL_INLINE_LAMBDA {
      if constexpr (default_rules_only<V, Ctx>) return (eq_value(fa, fb, default_rule, ctx) && ...);
      else return (eq_field<V, I>(fa, fb, ctx) && ...);
    };
    if constexpr (binds_directly<V>) return bind_fields(b, of_both, size_c<sizeof...(I)>{});
    else return with_fields(b, of_both);
  };
  if constexpr (binds_directly<V>) return bind_fields(a, of_a, size_c<sizeof...(I)>{});
  else return with_fields(a, of_a);
}

template <class Seq, class R, class Ctx>
bool keyed_eq(const Seq& a, const Seq& b, const R& r, const Ctx& ctx) {
  constexpr auto key = R::key;
  const auto elem_rule = element_rule(r);
  if (a.size() != b.size()) return false;
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end(); ++ia, ++ib) {
    if (!plain_eq((*ia).*key, (*ib).*key)) break;
    if (!eq_value(*ia, *ib, elem_rule, ctx)) return false;
  }
  if (ia == a.end()) return true;
  if constexpr ((R::flags & f_ordered) != 0) return false;  // a key out of place: not equal
  // Out of step: match by key. Index both whole sides: a repeated key (which diff reports as
  // an error) makes the sides unequal rather than silently matched to one of its elements.
  key_index<key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
  if (ai.duplicate() || bi.duplicate()) return false;
  for (; ia != a.end(); ++ia) {
    const auto* other = bi.find((*ia).*key);
    if (!other || !eq_value(*ia, *other, elem_rule, ctx)) return false;
  }
  return true;
}

// Multiset equality: counts of each value under the element rules, past the common prefix.
// Counted through an index where the element allows it (multiset_count.hpp); otherwise
// quadratic in the part out of order: elements carry no hash under custom rules.
template <class Seq, class R, class Ctx>
bool multiset_eq(const Seq& a, const Seq& b, const R& r, const Ctx& ctx) {
  const auto elem_rule = element_rule(r);
  if (a.size() != b.size()) return false;
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() && eq_value(*ia, *ib, elem_rule, ctx)) ++ia, ++ib;
  if constexpr (counted_multiset<typename Seq::value_type, std::remove_const_t<decltype(elem_rule)>>) {
    return ia == a.end() || same_counts<typename Seq::value_type>(ia, a.end(), ib, b.end());
  } else {
    for (auto it = ia; it != a.end(); ++it) {
      auto same = [&](const auto& x) { return eq_value(*it, x, elem_rule, ctx); };
      if (std::count_if(ia, a.end(), same) != std::count_if(ib, b.end(), same)) return false;
    }
    return true;
  }
}

template <class V, class R, class Ctx>
constexpr bool eq_value(const V& a, const V& b, const R& r, const Ctx& ctx) {
  constexpr vkind k = kind_v<V>;
  if constexpr (uses_compare<V, R>) {
    return static_cast<bool>(call_compare(r.cmp, a, b));
  } else if constexpr (uses_approx<V, R>) {
    return approx_eq(a, b, r);
  } else if constexpr (k == vkind::leaf) {
    return plain_eq(a, b);
  } else if constexpr (k == vkind::structure) {
    return eq_fields(a, b, ctx, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    if (!a || !b) return !a && !b;
    if constexpr (k == vkind::pointer)
      if (a.get() == b.get()) return true;
    return eq_value(*a, *b, r, ctx);
  } else if constexpr (k == vkind::variant) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&](const auto& x) {
          using A = std::remove_cvref_t<decltype(x)>;
          return eq_value(x, *std::get_if<A>(&b), r, ctx);
        },
        a);
  } else if constexpr (k == vkind::map) {
    if (a.size() != b.size()) return false;
    const auto elem_rule = element_rule(r);
    if constexpr (is_sorted_assoc<V>::value) {
      for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (!plain_eq(ia->first, ib->first) || !eq_value(ia->second, ib->second, elem_rule, ctx)) return false;
    } else {
      for (const auto& [key, val] : a) {
        auto it = b.find(key);
        if (it == b.end() || !eq_value(val, it->second, elem_rule, ctx)) return false;
      }
    }
    return true;
  } else if constexpr (k == vkind::set) {
    if (a.size() != b.size()) return false;
    if constexpr (is_sorted_assoc<V>::value) return std::equal(a.begin(), a.end(), b.begin());
    else {
      for (const auto& e : a)
        if (!b.contains(e)) return false;
      return true;
    }
  } else if constexpr (k == vkind::sequence && R::keyed) {
    return keyed_eq(a, b, r, ctx);
  } else if constexpr (k == vkind::sequence && (R::flags & f_unordered) != 0) {
    return multiset_eq(a, b, r, ctx);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    if (a.size() != b.size()) return false;
    const auto elem_rule = element_rule(r);
    auto ib = b.begin();
    for (auto ia = a.begin(); ia != a.end(); ++ia, ++ib)
      if (!eq_value(*ia, *ib, elem_rule, ctx)) return false;
    return true;
  } else if constexpr (k == vkind::tuple) {
    const auto elem_rule = element_rule(r);
    return std::apply(
        [&](const auto&... x) {
          return std::apply([&](const auto&... y) { return (eq_value(x, y, elem_rule, ctx) && ...); }, b);
        },
        a);
  } else {
    static_assert(k != vkind::unsupported, "reconcile::equal: a field's type is not supported");
    return false;
  }
}

}  // namespace reconcile::detail
