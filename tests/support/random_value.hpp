// tests/support/random_value.hpp - random values of any type reconcile can diff, driven by
// reflection and by the type's rules; for property tests.
//
//   reconcile::test::rng g(seed);
//   T a = reconcile::test::random_value<T>(g);     // small values: keys from a small alphabet
//   T b = reconcile::test::copy_of(a);
//   reconcile::test::mutate(b, g);                  // a few random edits somewhere inside b
//   reconcile::test::deep_equal(a, b);              // exact structural equality (no rules)
//   reconcile::test::to_text(a);                    // {name: "web", ...}
//
// Values are small on purpose: sequences of 0-4 elements, maps and sets of 0-3, strings and
// integers from alphabets of a handful of values, so that keys collide, elements repeat and
// reorders happen. Keyed sequences (keyed_by rules, the type's own or call-site ones passed
// as ctx) get unique keys. A leaf type the generator does not know (a class with only
// operator==) is default-constructed unless reconcile::test::generator<T> is specialized:
//   template <> struct reconcile::test::generator<Version> {
//     static Version make(reconcile::test::rng& g) { return Version(g.below(3), 0); }
//   };
// Shared pointers: copy_of shares pointees (as copying does); clone copies them too, so the
// clone is independent of its source; mutate never writes through a shared_ptr.
#pragma once

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/format.hpp>
#include <reconcile/reflect.hpp>
#include <reconcile/rules.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::test {

/// rng: splitmix64; cheap, seedable, reproducible on every platform.
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// A number in [0, n); n > 0.
  std::size_t below(std::size_t n) noexcept { return static_cast<std::size_t>(next() % n); }
  /// True with probability percent/100.
  bool chance(unsigned percent) noexcept { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

/// The seed of a property run: $RECONCILE_SEED if set, else `fallback` (runs are reproducible).
inline std::uint64_t seed_from_env(std::uint64_t fallback = 20240601) {
  if (const char* s = std::getenv("RECONCILE_SEED"); s && *s) return std::strtoull(s, nullptr, 0);
  return fallback;
}

/// generator<T>: specialize with `static T make(rng&)` for leaf types the library cannot see into.
template <class T>
struct generator;

inline constexpr std::string_view string_alphabet[] = {
    "", "a", "b", "c", "A", "web", "db", "a string too long for the small-string buffer"};
inline constexpr double double_alphabet[] = {0, 1, 1.004, 1.02, 1.5, 2, -1, 100, 100.05, 1000, 1e-300};

namespace gen {

using reconcile::detail::kind_v;
using reconcile::detail::vkind;

template <class T> struct is_duration : std::false_type {};
template <class R, class P> struct is_duration<std::chrono::duration<R, P>> : std::true_type {};
template <class T> struct is_time_point : std::false_type {};
template <class C, class D> struct is_time_point<std::chrono::time_point<C, D>> : std::true_type {};
template <class T> struct is_shared : std::false_type {};
template <class T> struct is_shared<std::shared_ptr<T>> : std::true_type {};

template <class T>
concept has_generator = requires(rng& g) {
  { generator<T>::make(g) } -> std::convertible_to<T>;
};

template <class T, class R, class Ctx>
void fill(T& v, rng& g, const R& r, const Ctx& ctx);
template <class T, class R, class Ctx>
void mutate(T& v, rng& g, const R& r, const Ctx& ctx);
template <bool Clone, class T>
void copy_into(T& dst, const T& src);

// Keeps the first element of each key; keyed sequences must not repeat keys.
template <auto Key, class Seq>
void dedupe(Seq& s) {
  for (auto it = s.begin(); it != s.end();) {
    bool seen = std::any_of(s.begin(), it, [&](const auto& e) { return e.*Key == (*it).*Key; });
    it = seen ? s.erase(it) : std::next(it);
  }
}

template <class E>
E enum_value(rng& g) {
  constexpr auto& names = reconcile::detail::enum_table<E>::names;
  constexpr std::size_t named = [] {
    std::size_t n = 0;
    for (auto s : reconcile::detail::enum_table<E>::names) n += !s.empty();
    return n;
  }();
  if constexpr (named == 0) {
    return static_cast<E>(g.below(4));
  } else {
    std::size_t pick = g.below(named);
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!names[i].empty() && pick-- == 0)
        return static_cast<E>(reconcile::detail::enum_table<E>::lo + static_cast<int>(i));
    return E{};
  }
}

template <class T, class Ctx, std::size_t... I>
void fill_fields(T& v, rng& g, const Ctx& ctx, std::index_sequence<I...>) {
  (fill(reconcile::get<I>(v), g, reconcile::detail::rule_for<T, I>(ctx), ctx), ...);
}
template <class V, class R, class Ctx, std::size_t... I>
void fill_alternative(V& v, std::size_t which, rng& g, const R& r, const Ctx& ctx, std::index_sequence<I...>) {
  ((which == I ? (fill(v.template emplace<I>(), g, r, ctx), 0) : 0), ...);
}
template <class T, class R, class Ctx, std::size_t... I>
void fill_tuple(T& v, rng& g, const R& r, const Ctx& ctx, std::index_sequence<I...>) {
  (fill(std::get<I>(v), g, r, ctx), ...);
}

template <class T, class R, class Ctx>
void fill(T& v, rng& g, const R& r, const Ctx& ctx) {
  constexpr vkind k = kind_v<T>;
  if constexpr (has_generator<T>) {
    v = generator<T>::make(g);
  } else if constexpr (std::is_same_v<T, bool>) {
    v = g.chance(50);
  } else if constexpr (std::is_same_v<T, char>) {
    v = static_cast<char>('a' + g.below(4));
  } else if constexpr (std::is_enum_v<T>) {
    v = enum_value<T>(g);
  } else if constexpr (std::is_integral_v<T>) {
    v = g.chance(5) ? static_cast<T>(std::numeric_limits<T>::max() - 1) : static_cast<T>(g.below(5));
  } else if constexpr (std::is_floating_point_v<T>) {
    if (g.chance(3)) v = std::numeric_limits<T>::quiet_NaN();
    else v = static_cast<T>(double_alphabet[g.below(std::size(double_alphabet))]);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
    v = T(string_alphabet[g.below(std::size(string_alphabet))]);
  } else if constexpr (is_duration<T>::value) {
    v = T(static_cast<typename T::rep>(g.below(4)));
  } else if constexpr (is_time_point<T>::value) {
    v = T(std::chrono::duration_cast<typename T::duration>(std::chrono::seconds(g.below(4))));
  } else if constexpr (k == vkind::structure) {
    fill_fields(v, g, ctx, std::make_index_sequence<reconcile::field_count<T>>{});
  } else if constexpr (k == vkind::optional) {
    if (g.chance(40)) v.reset();
    else fill(v.emplace(), g, r, ctx);
  } else if constexpr (k == vkind::pointer) {
    using E = std::remove_cv_t<typename T::element_type>;
    if (g.chance(30)) {
      v.reset();
    } else {
      auto p = std::make_unique<E>();
      fill(*p, g, r, ctx);
      v = T(p.release());
    }
  } else if constexpr (k == vkind::variant) {
    fill_alternative(v, g.below(std::variant_size_v<T>), g, r, ctx,
                     std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (k == vkind::map) {
    v.clear();
    for (std::size_t n = g.below(4); n > 0; --n) {
      typename T::key_type key{};
      fill(key, g, reconcile::detail::default_rule, ctx);
      fill(v[key], g, reconcile::detail::element_rule(r), ctx);
    }
  } else if constexpr (k == vkind::set) {
    v.clear();
    for (std::size_t n = g.below(4); n > 0; --n) {
      typename T::value_type e{};
      fill(e, g, reconcile::detail::default_rule, ctx);
      v.insert(std::move(e));
    }
  } else if constexpr (k == vkind::sequence) {
    v.clear();
    for (std::size_t n = g.below(5); n > 0; --n) fill(*v.emplace(v.end()), g, reconcile::detail::element_rule(r), ctx);
    if constexpr (R::keyed) dedupe<R::key>(v);
  } else if constexpr (k == vkind::array) {
    for (auto& e : v) fill(e, g, reconcile::detail::element_rule(r), ctx);
  } else if constexpr (k == vkind::tuple) {
    fill_tuple(v, g, reconcile::detail::element_rule(r), ctx, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    v = T{};  // an opaque leaf without a generator<T>
  }
}

template <class Seq>
auto nth(Seq& s, std::size_t i) {
  return std::next(s.begin(), static_cast<std::ptrdiff_t>(i));
}

template <class T, class Ctx, std::size_t... I>
void mutate_field(T& v, std::size_t which, rng& g, const Ctx& ctx, std::index_sequence<I...>) {
  ((which == I ? (mutate(reconcile::get<I>(v), g, reconcile::detail::rule_for<T, I>(ctx), ctx), 0) : 0), ...);
}
template <class T, class R, class Ctx, std::size_t... I>
void mutate_tuple(T& v, std::size_t which, rng& g, const R& r, const Ctx& ctx, std::index_sequence<I...>) {
  ((which == I ? (mutate(std::get<I>(v), g, r, ctx), 0) : 0), ...);
}

template <class T, class R, class Ctx>
void mutate(T& v, rng& g, const R& r, const Ctx& ctx) {
  constexpr vkind k = kind_v<T>;
  const auto er = reconcile::detail::element_rule(r);
  if constexpr (k == vkind::structure && !has_generator<T>) {
    mutate_field(v, g.below(reconcile::field_count<T>), g, ctx, std::make_index_sequence<reconcile::field_count<T>>{});
  } else if constexpr (k == vkind::optional) {
    if (!v) fill(v.emplace(), g, r, ctx);
    else if (g.chance(30)) v.reset();
    else mutate(*v, g, r, ctx);
  } else if constexpr (k == vkind::pointer) {
    using E = std::remove_cv_t<typename T::element_type>;
    if (!v || g.chance(20)) {
      fill(v, g, r, ctx);
    } else if constexpr (is_shared<T>::value || std::is_const_v<typename T::element_type>) {
      auto fresh = std::make_unique<E>();  // never write through a shared pointee
      copy_into<false>(*fresh, static_cast<const E&>(*v));
      mutate(*fresh, g, r, ctx);
      v = T(fresh.release());
    } else {
      mutate(*v, g, r, ctx);
    }
  } else if constexpr (k == vkind::variant) {
    if (g.chance(40)) fill(v, g, r, ctx);
    else std::visit([&](auto& alt) { mutate(alt, g, r, ctx); }, v);
  } else if constexpr (k == vkind::map) {
    if (v.empty() || g.chance(30)) {
      typename T::key_type key{};
      fill(key, g, reconcile::detail::default_rule, ctx);
      fill(v[key], g, er, ctx);
    } else if (g.chance(35)) {
      v.erase(nth(v, g.below(v.size())));
    } else {
      mutate(nth(v, g.below(v.size()))->second, g, er, ctx);
    }
  } else if constexpr (k == vkind::set) {
    if (v.empty() || g.chance(50)) {
      typename T::value_type e{};
      fill(e, g, reconcile::detail::default_rule, ctx);
      v.insert(std::move(e));
    } else {
      v.erase(nth(v, g.below(v.size())));
    }
  } else if constexpr (k == vkind::sequence) {
    const std::size_t n = v.size();
    switch (n == 0 ? 0 : g.below(9)) {
      case 0: fill(*v.emplace(v.end()), g, er, ctx); break;                      // append
      case 1: fill(*v.emplace(nth(v, g.below(n + 1))), g, er, ctx); break;       // insert
      case 2: v.erase(nth(v, g.below(n))); break;                                // erase
      case 3: v.pop_back(); break;                                               // shrink
      case 4: std::iter_swap(nth(v, g.below(n)), nth(v, g.below(n))); break;     // swap two
      case 5: std::rotate(v.begin(), std::next(v.begin()), v.end()); break;      // rotate
      case 6: std::reverse(v.begin(), v.end()); break;                           // reverse
      case 7: {                                                                  // repeat one
        typename T::value_type e{};
        copy_into<false>(e, *nth(v, g.below(n)));
        v.insert(nth(v, g.below(n + 1)), std::move(e));
        break;
      }
      default: mutate(*nth(v, g.below(n)), g, er, ctx); break;                   // edit one
    }
    if constexpr (R::keyed) dedupe<R::key>(v);
  } else if constexpr (k == vkind::array) {
    if constexpr (std::tuple_size_v<T> > 0) mutate(*nth(v, g.below(v.size())), g, er, ctx);
  } else if constexpr (k == vkind::tuple) {
    mutate_tuple(v, g.below(std::tuple_size_v<T>), g, er, ctx, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    fill(v, g, r, ctx);  // a leaf: a new random value (possibly the same)
  }
}

// ---- copies: unique_ptr pointees are copied; shared_ptr pointees too when cloning ----

template <bool Clone, class T, std::size_t... I>
void copy_fields(T& dst, const T& src, std::index_sequence<I...>) {
  (copy_into<Clone>(reconcile::get<I>(dst), reconcile::get<I>(src)), ...);
}
template <bool Clone, class T, std::size_t... I>
void copy_tuple(T& dst, const T& src, std::index_sequence<I...>) {
  (copy_into<Clone>(std::get<I>(dst), std::get<I>(src)), ...);
}
template <bool Clone, class V, std::size_t... I>
void copy_alternative(V& dst, const V& src, std::index_sequence<I...>) {
  ((src.index() == I ? (copy_into<Clone>(dst.template emplace<I>(), *std::get_if<I>(&src)), 0) : 0), ...);
}

template <bool Clone, class T>
void copy_into(T& dst, const T& src) {
  constexpr vkind k = kind_v<T>;
  if constexpr (k == vkind::structure && !has_generator<T>) {
    copy_fields<Clone>(dst, src, std::make_index_sequence<reconcile::field_count<T>>{});
  } else if constexpr (k == vkind::pointer) {
    using E = std::remove_cv_t<typename T::element_type>;
    if (!src) {
      dst.reset();
    } else if constexpr (is_shared<T>::value && !Clone) {
      dst = src;
    } else {
      auto p = std::make_unique<E>();
      copy_into<Clone>(*p, static_cast<const E&>(*src));
      dst = T(p.release());
    }
  } else if constexpr (std::is_copy_assignable_v<T> && (!Clone || k == vkind::leaf || k == vkind::set)) {
    dst = src;
  } else if constexpr (k == vkind::optional) {
    if (!src) dst.reset();
    else copy_into<Clone>(dst.emplace(), *src);
  } else if constexpr (k == vkind::variant) {
    copy_alternative<Clone>(dst, src, std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (k == vkind::map) {
    dst.clear();
    for (const auto& [key, val] : src) copy_into<Clone>(dst[key], val);
  } else if constexpr (k == vkind::sequence) {
    dst.clear();
    for (const auto& e : src) copy_into<Clone>(*dst.emplace(dst.end()), e);
  } else if constexpr (k == vkind::array) {
    for (std::size_t i = 0; i < src.size(); ++i) copy_into<Clone>(dst[i], src[i]);
  } else if constexpr (k == vkind::tuple) {
    copy_tuple<Clone>(dst, src, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    dst = src;
  }
}

// ---- exact structural equality: every field (ignored ones too), order, NaN == NaN ----

template <class T>
bool exact(const T& a, const T& b);

template <class T, std::size_t... I>
bool exact_fields(const T& a, const T& b, std::index_sequence<I...>) {
  return (exact(reconcile::get<I>(a), reconcile::get<I>(b)) && ...);
}
template <class T, std::size_t... I>
bool exact_tuple(const T& a, const T& b, std::index_sequence<I...>) {
  return (exact(std::get<I>(a), std::get<I>(b)) && ...);
}

template <class T>
bool exact(const T& a, const T& b) {
  constexpr vkind k = kind_v<T>;
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else if constexpr (k == vkind::structure) {
    return exact_fields(a, b, std::make_index_sequence<reconcile::field_count<T>>{});
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    if (!a || !b) return !a && !b;
    return exact(*a, *b);
  } else if constexpr (k == vkind::variant) {
    if (a.index() != b.index()) return false;
    return std::visit([&](const auto& x) { return exact(x, *std::get_if<std::remove_cvref_t<decltype(x)>>(&b)); }, a);
  } else if constexpr (k == vkind::map) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, val] : a) {
      auto it = b.find(key);
      if (it == b.end() || !exact(val, it->second)) return false;
    }
    return true;
  } else if constexpr (k == vkind::set) {
    return a == b;
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) { return exact(x, y); });
  } else if constexpr (k == vkind::tuple) {
    return exact_tuple(a, b, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    return static_cast<bool>(a == b);
  }
}

}  // namespace gen

/// random_fill(v, g, ctx = no_rules): overwrites v with a random value (v may be move-only).
template <class T, class Ctx = reconcile::rules_t<>>
void random_fill(T& v, rng& g, const Ctx& ctx = reconcile::no_rules) {
  gen::fill(v, g, reconcile::detail::default_rule, ctx);
}
/// random_value<T>(g, ctx = no_rules): a random T; keyed sequences get unique keys.
template <class T, class Ctx = reconcile::rules_t<>>
T random_value(rng& g, const Ctx& ctx = reconcile::no_rules) {
  T v{};
  random_fill(v, g, ctx);
  return v;
}
/// mutate(v, g, ctx = no_rules): one random edit somewhere inside v (insert, erase, reorder,
/// new value...); keeps keyed sequences' keys unique; never writes through a shared_ptr.
template <class T, class Ctx = reconcile::rules_t<>>
void mutate(T& v, rng& g, const Ctx& ctx = reconcile::no_rules) {
  gen::mutate(v, g, reconcile::detail::default_rule, ctx);
}
/// copy_of(v): a copy of v (unique_ptr pointees copied, shared_ptr pointees shared).
template <class T>
T copy_of(const T& v) {
  T out{};
  gen::copy_into<false>(out, v);
  return out;
}
/// clone(v): a copy of v sharing nothing with it (shared_ptr pointees copied too).
template <class T>
T clone(const T& v) {
  T out{};
  gen::copy_into<true>(out, v);
  return out;
}
/// deep_equal(a, b): exact structural equality, ignoring no rule: every field, sequence
/// order, pointees (not addresses); NaN equals NaN.
template <class T>
bool deep_equal(const T& a, const T& b) {
  return gen::exact(a, b);
}
/// to_text(v): v in the diff format, e.g. {name: "web", replicas: 3}.
template <class T>
std::string to_text(const T& v) {
  std::string s;
  reconcile::detail::print_value(s, v);
  return s;
}

}  // namespace reconcile::test
