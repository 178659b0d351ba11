// The rule vocabulary: rule flags and atoms, field_rule (the rules of one field) and the
// checks each `|` makes as a rule is written. Not public; rules.hpp spells the DSL over it, and
// detail/rule_lookup.hpp finds the rule of a field.
#pragma once

#include <reconcile/detail/traits.hpp>
#include <reconcile/reflect.hpp>

#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile {
namespace detail {

enum rule_flag : unsigned {
  f_ignore = 1u << 0,
  f_immutable = 1u << 1,
  f_required = 1u << 2,
  f_ordered = 1u << 3,
  f_unordered = 1u << 4,
  f_tolerance = 1u << 5,
  f_relative = 1u << 6,
  f_compare = 1u << 7,
  f_create_before_destroy = 1u << 8,
  f_prevent_destroy = 1u << 9,
};
// ---- wire rules (reconcile/wire): the quantize flag; its atom is further down ----
inline constexpr unsigned f_quantize = 1u << 20;

// Flags that describe values, and so carry over from a container field to its elements.
inline constexpr unsigned element_flags = f_tolerance | f_relative | f_compare;

struct no_compare {
  constexpr bool operator==(const no_compare&) const = default;
};

template <unsigned F>
struct flag_atom {};
struct tolerance_atom {
  double abs;
};
struct relative_atom {
  double frac;
};
template <auto Key, bool Ordered>
struct keyed_atom {};
template <class F>
struct compare_atom {
  F fn;
};

template <auto Key>
constexpr keyed_atom<Key, true> operator|(keyed_atom<Key, false>, flag_atom<f_ordered>) {
  return {};
}

// The rules of one field (MP) or, with MP == nullptr, of the elements of a container field.
template <auto MP = nullptr, unsigned Flags = 0, auto Key = nullptr, class Cmp = no_compare>
struct field_rule {
  static constexpr auto member = MP;
  static constexpr unsigned flags = Flags;
  static constexpr auto key = Key;
  static constexpr bool keyed = !std::is_same_v<decltype(Key), std::nullptr_t>;
  double abs = 0;
  double rel = 0;
  // No default member initializer: for a capturing lambda it would be instantiated (and fail)
  // by mere trait queries such as is_nothrow_copy_constructible. Omitted in an aggregate
  // initialization, cmp is still value-initialized.
  [[no_unique_address]] Cmp cmp;
};

template <class R>
struct is_field_rule : std::false_type {};
template <auto MP, unsigned F, auto K, class C>
struct is_field_rule<field_rule<MP, F, K, C>> : std::true_type {};

template <auto MP>
consteval bool names_member() {
  return member_pointer_traits<decltype(MP)>::valid;
}
template <auto MP>
struct member_type_of {
  using type = void;
};
template <auto MP>
  requires(member_pointer_traits<decltype(MP)>::valid)
struct member_type_of<MP> {
  using type = member_of<MP>;
};
template <auto MP>
using member_t = typename member_type_of<MP>::type;

// Each operator| checks that the rule fits the field and the rules already there. A misfit is
// one static_assert; the rule is then dropped (r is returned as it was), so that no second
// error follows from it.

template <auto MP, unsigned F, auto K, class C, unsigned G>
constexpr auto operator|(field_rule<MP, F, K, C> r, flag_atom<G>) {
  using M = member_t<MP>;
  constexpr bool keyed = field_rule<MP, F, K, C>::keyed;
  constexpr bool not_ignored = !(F & f_ignore) && (G != f_ignore || (F == 0 && !keyed));
  constexpr bool ordered_ok = G != f_ordered || keyed;
  constexpr bool unordered_seq = G != f_unordered || is_sequence<M>::value;
  constexpr bool unordered_ok = G != f_unordered || !keyed;
  static_assert(not_ignored, "reconcile::ignore: an ignored field takes no other rule; remove one of them");
  static_assert(!not_ignored || ordered_ok,
                "reconcile::ordered: applies to keyed_by sequences; write keyed_by<&E::key> | ordered");
  static_assert(!not_ignored || unordered_seq,
                "reconcile::unordered: applies to sequence fields (vector, deque, list)");
  static_assert(!not_ignored || !unordered_seq || unordered_ok,
                "reconcile::unordered: contradicts keyed_by; a keyed sequence is already order-free");
  if constexpr (not_ignored && ordered_ok && unordered_seq && unordered_ok)
    return field_rule<MP, F | G, K, C>{r.abs, r.rel, r.cmp};
  else
    return r;
}

template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, tolerance_atom t) {
  constexpr bool fits = std::is_arithmetic_v<leaf_t<member_t<MP>>>;
  constexpr bool alone = !(F & (f_ignore | f_compare));
  static_assert(fits,
                "reconcile::tolerance: applies to arithmetic fields (or optionals, sequences, arrays "
                "or map values of them); use compare(fn) for other types");
  static_assert(!fits || alone, "reconcile::tolerance: contradicts ignore or compare on the same field");
  if constexpr (fits && alone) return field_rule<MP, F | f_tolerance, K, C>{t.abs, r.rel, r.cmp};
  else return r;
}

template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, relative_atom t) {
  constexpr bool fits = std::is_arithmetic_v<leaf_t<member_t<MP>>>;
  constexpr bool alone = !(F & (f_ignore | f_compare | f_quantize));
  static_assert(fits,
                "reconcile::relative: applies to arithmetic fields (or optionals, sequences, arrays "
                "or map values of them); use compare(fn) for other types");
  static_assert(!fits || alone, "reconcile::relative: contradicts ignore, compare or quantize on the same field");
  if constexpr (fits && alone) return field_rule<MP, F | f_relative, K, C>{r.abs, t.frac, r.cmp};
  else return r;
}

template <class M, auto Key>
consteval bool key_fits() {
  if constexpr (is_sequence<M>::value && names_member<Key>())
    return std::is_same_v<typename M::value_type, class_of<Key>>;
  else
    return false;
}

template <auto MP, unsigned F, auto K, class C, auto Key, bool Ordered>
constexpr auto operator|(field_rule<MP, F, K, C> r, keyed_atom<Key, Ordered>) {
  using M = member_t<MP>;
  constexpr bool seq = is_sequence<M>::value;
  constexpr bool fits = seq && key_fits<M, Key>();
  constexpr bool alone = !(F & (f_ignore | f_unordered));
  static_assert(seq, "reconcile::keyed_by: applies to sequence fields (vector, deque, list) of structs");
  static_assert(!seq || fits, "reconcile::keyed_by: the key must be a member of the sequence's element type");
  static_assert(!fits || alone, "reconcile::keyed_by: contradicts ignore or unordered on the same field");
  if constexpr (fits && alone) return field_rule<MP, F | (Ordered ? f_ordered : 0u), Key, C>{r.abs, r.rel, r.cmp};
  else return r;
}

// Can fn compare M's values, or the values inside M that equal and diff hand rules down to
// (optional, pointer, variant alternatives; sequence, array and tuple elements; map values)?
template <class G, class M>
consteval bool compare_fits();
template <class G, class M>
struct compare_fits_any : std::false_type {};
template <class G, class... A>
struct compare_fits_any<G, std::variant<A...>> : std::bool_constant<(compare_fits<G, A>() || ...)> {};
template <class G, class... A>
struct compare_fits_any<G, std::tuple<A...>> : std::bool_constant<(compare_fits<G, A>() || ...)> {};
template <class G, class A, class B>
struct compare_fits_any<G, std::pair<A, B>> : std::bool_constant<compare_fits<G, A>() || compare_fits<G, B>()> {};

template <class G, class M>
consteval bool compare_fits() {
  constexpr vkind k = kind_v<M>;
  if constexpr (std::is_invocable_r_v<bool, const G&, const M&, const M&>) return true;
  else if constexpr (k == vkind::optional || k == vkind::sequence || k == vkind::array)
    return compare_fits<G, typename M::value_type>();
  else if constexpr (k == vkind::pointer) return compare_fits<G, typename M::element_type>();
  else if constexpr (k == vkind::map) return compare_fits<G, typename M::mapped_type>();
  else return compare_fits_any<G, M>::value;
}

template <auto MP, unsigned F, auto K, class C, class G>
constexpr auto operator|(field_rule<MP, F, K, C> r, compare_atom<G> c) {
  constexpr bool fits = compare_fits<G, member_t<MP>>();
  constexpr bool alone = !(F & (f_ignore | f_tolerance | f_relative));
  static_assert(fits,
                "reconcile::compare: fn(a, b) must take two values of the field's type (or of the "
                "values inside it) and return bool");
  static_assert(!fits || alone,
                "reconcile::compare: contradicts ignore, tolerance or relative on the same field");
  if constexpr (fits && alone) return field_rule<MP, F | f_compare, K, G>{r.abs, r.rel, c.fn};
  else return r;
}

// ---- wire rules (reconcile/wire): quantize ----
// quantize(step) sends a floating-point field as a whole number of steps. It implies
// tolerance(step / 2) (a larger tolerance given before it is kept), so that diff reports a
// change exactly when the value leaves its grid step. The step is kept in the rule's `rel`
// slot, which only `relative` (a contradiction of quantize) otherwise uses. Its flag,
// f_quantize, is declared beside the others.

struct quantize_atom {
  double step;
};

template <auto MP, unsigned F, auto K, class C>
constexpr auto operator|(field_rule<MP, F, K, C> r, quantize_atom q) {
  constexpr bool fits = std::is_floating_point_v<leaf_t<member_t<MP>>>;
  constexpr bool alone = !(F & (f_ignore | f_compare | f_relative | f_quantize));
  static_assert(fits,
                "reconcile::quantize: applies to floating-point fields (or optionals, sequences, arrays "
                "or map values of them)");
  static_assert(!fits || alone,
                "reconcile::quantize: contradicts ignore, compare, relative or a second quantize on the "
                "same field");
  if constexpr (fits && alone) {
    const double half = q.step / 2;
    const double abs = (F & f_tolerance) != 0 && r.abs > half ? r.abs : half;
    return field_rule<MP, F | f_tolerance | f_quantize, K, C>{abs, q.step, r.cmp};
  } else {
    return r;
  }
}

// The quantize step of a rule (0: not quantized).
template <class R>
constexpr double quantize_step(const R& r) noexcept {
  if constexpr ((R::flags & f_quantize) != 0) return r.rel;
  else return 0;
}

// The rules handed to a container's elements: only value-level rules carry over.
template <auto MP, unsigned F, auto K, class C>
constexpr field_rule<nullptr, F & element_flags, nullptr, C> element_rule(const field_rule<MP, F, K, C>& r) {
  return {r.abs, r.rel, r.cmp};
}

inline constexpr field_rule<> default_rule{};

// One type per member pointer value: two entries name the same field iff their tags are the
// same type. (Comparing addresses of distinct variables is not a constant expression under
// g++ -fsanitize=undefined.)
template <auto MP>
struct member_tag {};

template <class A, class... E>
consteval std::size_t count_naming_same() {
  return (std::size_t{0} + ... + (std::is_same_v<member_tag<A::member>, member_tag<E::member>> ? 1u : 0u));
}

template <class... E>
consteval bool distinct_members() {
  if constexpr (!(is_field_rule<E>::value && ...)) return true;  // reported by rules() itself
  else return ((count_naming_same<E, E...>() == 1) && ...);
}

}  // namespace detail
}  // namespace reconcile
