// reconcile/diff.hpp - equality under rules, and field-level diffs of typed state.
//
//   bool same = reconcile::equal(observed, desired);          // never allocates
//   reconcile::changeset<Deployment> cs = reconcile::diff(observed, desired);
//   reconcile::diff_into(cs, observed, desired);               // reuses cs's memory
//
// diff(observed, desired) lists what turns observed into desired, in declaration order.
// Default semantics: structs field by field; maps by key; sets by element; sequences by
// index (growth and shrinkage as adds and removes at the tail); optional and pointers by
// value (empty <-> engaged as add/remove); a variant changing alternative as one replace.
// Floating-point values compare with ==, except that NaN equals NaN (so diff(x, x) is empty).
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/culprit.hpp>
#include <reconcile/detail/diff_impl.hpp>
#include <reconcile/error.hpp>
#include <reconcile/rules.hpp>

#include <type_traits>

namespace reconcile {

namespace detail {
template <class T>
inline constexpr bool diffable = supported<T>();
// Shape and rules both fit: the engine is instantiated only then (else one error, not two).
template <class T>
inline constexpr bool diffable_with_rules = diffable<T> && rules_ok<rules_culprit_t<T>>;
// The rules error's fix; the entry point prefixes its name.
#define RECONCILE_DETAIL_RULES_FIX                                                                           \
  "the rules declared for the type named in the condition (rules_name_a_field_of_another_type<S>) name a " \
  "field of another type; a rule of S may only name S's own fields: give that type its own rules"
}  // namespace detail

/// equal(a, b, rules = no_rules): true when a and b agree under the rules (T's own, found by
/// ADL, overridden field by field by `rules`). Never allocates, except for keyed or unordered
/// sequences whose sides list elements in different orders. Early exit at the first difference.
template <class T, class Rules = rules_t<>>
constexpr bool equal(const T& a, const T& b, const Rules& rules = no_rules) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::equal: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(!detail::diffable<T> || detail::rules_ok<detail::rules_culprit_t<T>>, "reconcile::equal: " RECONCILE_DETAIL_RULES_FIX);
  if constexpr (detail::diffable_with_rules<T>) return detail::eq_value(a, b, detail::default_rule, rules);
  else return false;
}

/// diff_into(cs, observed, desired, rules = no_rules): replaces cs's changes with those that
/// turn observed into desired. Allocates nothing when nothing changed and cs is warm.
/// Throws reconcile::error (naming the path) on a duplicate key in a keyed sequence.
template <class T, class Rules = rules_t<>>
void diff_into(changeset<T>& cs, const T& observed, const T& desired, const Rules& rules = no_rules) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::diff: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(!detail::diffable<T> || detail::rules_ok<detail::rules_culprit_t<T>>, "reconcile::diff: " RECONCILE_DETAIL_RULES_FIX);
  if constexpr (detail::diffable_with_rules<T>) {
    cs.clear();
    detail::changeset_access::made_with<Rules>(cs);  // apply checks that it gets the same rules
    detail::change_list& out = detail::changeset_access::changes(cs);
#if defined(__cpp_exceptions)
    try {
      detail::differ<Rules>{rules, out}.run(observed, desired, detail::default_rule, detail::frame{});
    } catch (...) {
      cs.clear();
      throw;
    }
#else
    detail::differ<Rules>{rules, out}.run(observed, desired, detail::default_rule, detail::frame{});
#endif
    out.seal();
  }
}

/// diff_into(cs, observed, desired, rules) into a changeset<T, Rules> (what diff(o, d, rules)
/// returns): also keeps a copy of the rules, for apply(obj, cs).
template <class T, class CsRules, class Rules = rules_t<>>
  requires(!std::is_same_v<CsRules, rules_t<>>)
void diff_into(changeset<T, CsRules>& cs, const T& observed, const T& desired, const Rules& rules = no_rules) {
  static_assert(std::is_same_v<CsRules, Rules>,
                "reconcile::diff_into: a changeset<T, Rules> is filled by a diff given rules of that type Rules");
  detail::changeset_access::keep_rules(cs, rules);
  reconcile::diff_into(static_cast<changeset<T>&>(cs), observed, desired, rules);
}

/// diff(observed, desired, rules = no_rules): the changeset that turns observed into desired;
/// with call-site rules, a changeset<T, Rules> that keeps them for apply (it converts to a
/// changeset<T>, which apply(obj, cs, rules) takes).
template <class T, class Rules = rules_t<>>
changeset<T, Rules> diff(const T& observed, const T& desired, const Rules& rules = no_rules) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::diff: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(!detail::diffable<T> || detail::rules_ok<detail::rules_culprit_t<T>>, "reconcile::diff: " RECONCILE_DETAIL_RULES_FIX);
  changeset<T, Rules> cs;
  if constexpr (detail::diffable_with_rules<T>) reconcile::diff_into(cs, observed, desired, rules);  // else: one error, above
  return cs;
}

}  // namespace reconcile
