// expect: reconcile::quantize: applies to floating-point fields
#include <reconcile/reconcile.hpp>

struct Tank {
  int shells = 0;
  float heading = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Tank::shells> | quantize(1.0));
  Tank a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
