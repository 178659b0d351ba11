// expect: reconcile::tolerance: applies to arithmetic fields
// A set orders (or hashes) its elements itself: a tolerance could never apply to them.
#include <reconcile/reconcile.hpp>

#include <set>

struct Levels {
  std::set<double> prices;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Levels::prices> | tolerance(0.01));
  Levels a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
