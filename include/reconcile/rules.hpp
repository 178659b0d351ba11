// reconcile/rules.hpp - the compile-time DSL saying how each field is compared and acted on.
//
// Rules live beside the type and are found by ADL wherever the type appears:
//
//   constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
//     using namespace reconcile::dsl;
//     return reconcile::rules(field<&Deployment::status> | ignore,
//                             field<&Deployment::containers> | keyed_by<&Container::name>);
//   }
//
// reconcile_rules is found by argument-dependent look-up on type_t<T>, so it must be declared
// in T's own namespace (or as a hidden friend inside T; for a nested type, in its enclosing
// class or namespace), never in the namespace of an alias or of the code that calls diff. Rules
// declared elsewhere are not seen: to write them from any namespace, specialise rules_of<T>;
// to make sure they are seen, static_assert(reconcile::has_rules<T>).
//
// Every rule is checked when it is written (a misfit is one static_assert starting
// `reconcile::`) and resolved at compile time: no look-up, no allocation at run time.
#pragma once

#include <reconcile/detail/rule_lookup.hpp>
#include <reconcile/detail/rules_impl.hpp>

#include <cstdint>
#include <tuple>

namespace reconcile {

/// rules_t<Entries...>: a rule set, as rules(...) makes it; an empty type when it has no rules.
template <class... Entries>
struct rules_t {
  // no_unique_address: rules_t<> (no_rules) is an empty type, so diff_into neither boxes it
  // into the changeset nor instantiates a box for it.
  [[no_unique_address]] std::tuple<Entries...> entries;
};

/// rules(field<&T::m> | rule..., ...): the rule set of a type, or of one call (`diff(o, d, r)`).
template <class... Entries>
constexpr auto rules(Entries... entries) {
  constexpr bool all_rules = (detail::is_field_rule<Entries>::value && ...);
  static_assert(all_rules, "reconcile::rules: every argument must be field<&T::member> | rule...");
  static_assert(detail::distinct_members<Entries...>(),
                "reconcile::rules: a field is named twice; combine its rules with |");
  if constexpr (all_rules) return rules_t<Entries...>{{entries...}};
  else return rules_t<>{};  // after the error above: no second one from using these rules
}

/// no_rules: the empty rule set, the default of every call-site rules argument.
inline constexpr rules_t<> no_rules{};

/// rules_of<T>: specialise it, from any namespace, with `static constexpr auto value =
/// reconcile::rules(...)` to give T rules when T's namespace is not yours. Giving T both
/// rules_of<T> and reconcile_rules is a compile error. Example:
///   template <> struct reconcile::rules_of<lib::Quote> {
///     static constexpr auto value = reconcile::rules(dsl::field<&lib::Quote::px> | dsl::tolerance(0.5));
///   };
template <class T>
struct rules_of {};

/// has_rules<T>: T has rules of its own (rules_of<T> or reconcile_rules found by ADL); write
/// static_assert(reconcile::has_rules<T>) beside the rules so that a miss cannot be silent.
template <class T>
concept has_rules = detail::has_rules_of<T> || detail::has_adl_rules<T>;

namespace dsl {

/// field<&T::m>: names field m of T; combine with rules using `|`.
template <auto MemberPtr>
inline constexpr detail::field_rule<MemberPtr> field{};

/// ignore: the field is neither compared nor patched.
inline constexpr detail::flag_atom<detail::f_ignore> ignore{};
/// immutable: a change to the field requires replacing the enclosing resource.
inline constexpr detail::flag_atom<detail::f_immutable> immutable{};
/// required: the JSON layer rejects input that lacks the field.
inline constexpr detail::flag_atom<detail::f_required> required{};
/// unordered: a sequence compared as a multiset.
inline constexpr detail::flag_atom<detail::f_unordered> unordered{};
/// ordered: with keyed_by, order matters; reorders become the fewest op::move changes.
inline constexpr detail::flag_atom<detail::f_ordered> ordered{};
/// create_before_destroy: on a plan's world field, a replace creates the new resource first.
inline constexpr detail::flag_atom<detail::f_create_before_destroy> create_before_destroy{};
/// prevent_destroy: on a plan's world field, a plan that would delete or replace is refused.
inline constexpr detail::flag_atom<detail::f_prevent_destroy> prevent_destroy{};

/// tolerance(abs): arithmetic values within abs are equal (NaN equals NaN).
constexpr detail::tolerance_atom tolerance(double abs) { return {abs}; }
/// relative(frac): |x-y| <= frac*min(|x|,|y|) counts as equal (go-cmp's EquateApprox).
constexpr detail::relative_atom relative(double frac) { return {frac}; }

/// quantize(step): reconcile/wire sends the floating-point field as a whole number of steps
/// (deltas as the number of steps moved); implies tolerance(step / 2). Step must be > 0.
constexpr detail::quantize_atom quantize(double step) { return {step}; }
/// quantize_bits<Bits>(lo, hi): quantize((hi - lo) / (2^Bits - 1)), Bits of precision across
/// [lo, hi] (e.g. quantize_bits<12>(-512, 512): 25 cm steps); values outside still travel, in
/// more bytes. 1 <= Bits <= 52 (checked at compile time); lo < hi.
template <unsigned Bits>
constexpr detail::quantize_atom quantize_bits(double lo, double hi) {
  static_assert(Bits >= 1 && Bits <= 52,
                "reconcile::quantize_bits: Bits (the bit width) must be between 1 and 52, the bits of a "
                "double's mantissa; for coarser steps use quantize(step)");
  constexpr unsigned bits = Bits >= 1 && Bits <= 52 ? Bits : 1;  // one error above, not a second one here
  return {(hi - lo) / static_cast<double>((std::uint64_t{1} << bits) - 1)};
}

/// keyed_by<&E::m>: a sequence of E matched by key m, order-free; `| ordered` keeps order.
template <auto KeyMember>
inline constexpr detail::keyed_atom<KeyMember, false> keyed_by{};

/// compare(fn): fn(a, b) -> bool decides equality of the field's values.
template <class F>
constexpr detail::compare_atom<F> compare(F fn) {
  return {fn};
}

}  // namespace dsl
}  // namespace reconcile
