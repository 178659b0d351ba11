// reconcile/apply.hpp - patching a value with a changeset.
#pragma once

#include <reconcile/diff.hpp>

namespace reconcile {

/// apply(obj, cs): performs cs's changes on obj, with the rules of the diff that made cs.
/// After apply(o, diff(o, d)), equal(o, d); applying twice equals applying once. Each change
/// is checked first: if one does not fit obj (its path leads nowhere), reconcile::error names
/// that path and obj is left unchanged. Never writes through a shared_ptr: installs a copy.
/// Costs one walk along each change's path, twice (check, then perform); a keyed sequence is
/// searched once: the check finds each element (a cursor, then a key index built once if the
/// changes do not come in the sequence's order: O(n + k) lookups for k changes to n elements)
/// and performing looks first where the check found it. An erase or move in a vector or deque
/// shifts the elements behind it. Allocates only for the values it copies in, for such an
/// index and, once a thread, for its buffer of found places (8 bytes a change, kept warm).
template <class T>
void apply(T& obj, const changeset<T>& cs) {
  const auto fn = detail::changeset_access::apply_fn(cs);
  if (!fn || cs.empty()) return;
  const change* first = &cs[0];
  const change* last = first + cs.size();
  fn(obj, first, last, detail::changeset_access::rules_box(cs), true);
  fn(obj, first, last, detail::changeset_access::rules_box(cs), false);
}

}  // namespace reconcile
