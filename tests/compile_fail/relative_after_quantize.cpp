// expect: reconcile::relative: contradicts ignore, compare or quantize
#include <reconcile/reconcile.hpp>

struct Tank {
  float heading = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Tank::heading> | quantize(0.5) | relative(0.1));
  Tank a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
