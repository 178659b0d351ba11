// Compile-time benchmark (a): equality and diff of Wide with reconcile.
#include WIDE_HEADER

#include <reconcile/diff.hpp>

bool wide_equal(const Wide& a, const Wide& b) { return reconcile::equal(a, b); }

std::size_t wide_diff(const Wide& a, const Wide& b) {
  static reconcile::changeset<Wide> cs;
  reconcile::diff_into(cs, a, b);
  return cs.size();
}
