// content_hash: the content hash behind idempotency keys (FNV-1a over a value's fields,
// honouring the ignore rule and order-free containers). Part of plan.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/detail/print.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace reconcile::detail {

// FNV-1a, 64 bit: stable across runs, platforms and compilers.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) noexcept {
  for (const char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  return h;
}

// content_hash: a hash of a value that equal values share however they were built: fields
// under `ignore` are left out; unordered containers, keyed_by (not ordered) and `unordered`
// sequences hash their elements order-free. Leaves hash their printed text (so a leaf that
// has no printer, printed as <Type>, adds only its type). Costs one print per leaf, plus a
// sort of the element hashes of each order-free container.
struct content_hash {
  std::uint64_t h = 14695981039346656037ull;

  void text(std::string_view s) noexcept {
    word(s.size());
    h = fnv1a(s, h);
  }
  void word(std::uint64_t x) noexcept {
    for (int i = 0; i < 8; ++i) {
      h ^= (x >> (8 * i)) & 0xffu;
      h *= 1099511628211ull;
    }
  }
  template <class V, class R>
  static std::uint64_t of(const V& v, const R& r) {
    content_hash c;
    c.value(v, r);
    return c.h;
  }
  // Hashes of each element (f(hasher, element)), sorted: the container's order does not count.
  template <class Range, class F>
  void order_free(const Range& range, F&& f) {
    std::vector<std::uint64_t> hs;
    for (const auto& e : range) {
      content_hash c;
      f(c, e);
      hs.push_back(c.h);
    }
    std::sort(hs.begin(), hs.end());
    word(hs.size());
    for (std::uint64_t x : hs) word(x);
  }

  template <class V, class R>
  void value(const V& v, const R& r) {
    constexpr vkind k = kind_v<V>;
    if constexpr (k == vkind::structure) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
              const auto& member_rule = rule_for<V, I>(no_rules);
              if constexpr ((std::remove_cvref_t<decltype(member_rule)>::flags & f_ignore) == 0) {
                word(I);
                value(reconcile::get<I>(v), member_rule);
              }
            }(),
            ...);
      }(std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      word(v ? 1 : 0);
      if (v) value(*v, r);
    } else if constexpr (k == vkind::variant) {
      word(v.index());
      std::visit([&](const auto& alt) { value(alt, r); }, v);
    } else if constexpr (k == vkind::map) {
      const auto elem_rule = element_rule(r);
      auto entry = [&](content_hash& c, const auto& kv) {
        c.value(kv.first, default_rule);
        c.value(kv.second, elem_rule);
      };
      if constexpr (is_sorted_assoc<V>::value) {
        word(v.size());
        for (const auto& kv : v) entry(*this, kv);
      } else {
        order_free(v, entry);
      }
    } else if constexpr (k == vkind::set) {
      auto element = [&](content_hash& c, const auto& e) { c.value(e, default_rule); };
      if constexpr (is_sorted_assoc<V>::value) {
        word(v.size());
        for (const auto& e : v) element(*this, e);
      } else {
        order_free(v, element);
      }
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      const auto elem_rule = element_rule(r);
      auto element = [&](content_hash& c, const auto& e) { c.value(e, elem_rule); };
      constexpr bool free = k == vkind::sequence && ((R::keyed && (R::flags & f_ordered) == 0) ||
                                                     (R::flags & f_unordered) != 0);
      if constexpr (free) {
        order_free(v, element);
      } else {
        word(v.size());
        for (const auto& e : v) element(*this, e);
      }
    } else if constexpr (k == vkind::tuple) {
      const auto elem_rule = element_rule(r);
      std::apply([&](const auto&... e) { (value(e, elem_rule), ...); }, v);
    } else {
      std::string s;
      print_value(s, v);
      text(s);
    }
  }
};

}  // namespace reconcile::detail
