// reconcile/apply.hpp - patching a value with a changeset.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/rules.hpp>

#include <reconcile/detail/apply_run.hpp>
#include <reconcile/detail/raise.hpp>

#include <string>

namespace reconcile {

namespace detail {
// Applies cs with ctx, after checking that the diff that made cs was given rules of type Ctx:
// other rules would read its paths differently (a keyed step as a position), so a mismatch is
// an error, not a guess.
template <class T, class Ctx>
void apply_checked(T& obj, const changeset<T>& cs, const Ctx& ctx) {
  if (!changeset_access::made_with_same<Ctx>(cs)) {
    std::string what = "reconcile::apply: the changeset was made by a diff given rules ";
    what += changeset_access::rules_name(cs);
    what += ", not ";
    what += type_name<Ctx>;
    what += ": apply it with the rules given to the diff, apply(obj, cs, rules)";
    raise(reconcile::error({}, std::move(what)));
  }
  if (cs.empty()) return;
  const change* first = &cs[0];
  const change* last = first + cs.size();
  apply_checked_run(obj, ctx, first, last);
}
}  // namespace detail

/// apply(obj, cs): performs cs's changes on obj, with the rules of the diff that made cs.
/// After apply(o, diff(o, d)), equal(o, d); applying twice equals applying once. Each change
/// is checked first: if one does not fit obj (its path leads nowhere), reconcile::error names
/// that path and obj is left unchanged. Never writes through a shared_ptr: installs a copy.
/// Costs one walk along each change's path to check it; performing walks it again, or, for a
/// change that only writes a plain value (trivially copyable, or a string) while no earlier
/// change has moved an element or changed a key, writes it where the check found its place. A
/// keyed sequence is searched once: the check finds each element (a cursor, then a key index
/// built once if the changes do not come in the sequence's order: O(n + k) lookups for k
/// changes to n elements) and performing looks first where the check found it. The erases in a
/// vector or deque wait for one compaction when the run of changes to it ends (each element
/// behind the first gap moves once; the storage stays); a move shifts the elements between its
/// two places. Allocates only for the values it copies in, for such an index and, once a
/// thread, for its buffer of the check's notes (24 bytes a change, kept warm).
/// A changeset<T> made by a diff given call-site rules (diff_into(cs, o, d, rules), or the
/// result of diff(o, d, rules) converted to a changeset<T>) needs them: apply(obj, cs, rules).
/// Applying it with other rules throws reconcile::error and changes nothing.
template <class T>
void apply(T& obj, const changeset<T>& cs) {
  detail::apply_checked(obj, cs, no_rules);
}
/// apply(obj, cs) for what diff(o, d, rules) returns: applies with the rules it keeps.
template <class T, class Rules>
void apply(T& obj, const changeset<T, Rules>& cs) {
  if (cs.empty()) return;  // the changeset may not hold rules before its first diff
  detail::apply_checked(obj, static_cast<const changeset<T>&>(cs), cs.rules());
}
/// apply(obj, cs, rules): with the rules given to the diff that made cs.
template <class T, class Rules>
void apply(T& obj, const changeset<T>& cs, const Rules& rules) {
  detail::apply_checked(obj, cs, rules);
}

}  // namespace reconcile
