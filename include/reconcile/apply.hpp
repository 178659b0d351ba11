// reconcile/apply.hpp - patching a value with a changeset.
#pragma once

#include <reconcile/diff.hpp>

namespace reconcile {

/// apply(obj, cs): performs cs's changes on obj, with the rules of the diff that made cs.
/// After apply(o, diff(o, d)), equal(o, d); applying twice equals applying once. Each change
/// is checked first: if one does not fit obj (its path leads nowhere), reconcile::error names
/// that path and obj is left unchanged. Never writes through a shared_ptr: installs a copy.
/// Costs one walk along each change's path; a keyed-sequence step scans for its key.
template <class T>
void apply(T& obj, const changeset<T>& cs) {
  const auto fn = cs.apply_fn();
  if (!fn) return;
  for (const change& c : cs) fn(obj, c, cs.rules_box(), true);
  for (const change& c : cs) fn(obj, c, cs.rules_box(), false);
}

}  // namespace reconcile
