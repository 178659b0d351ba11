// expect: reconcile::quantize: contradicts ignore, compare, relative
#include <reconcile/reconcile.hpp>

struct Tank {
  float heading = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Tank::heading> | relative(0.1) | quantize(0.5));
  Tank a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
