// expect: reconcile::quantize_bits: Bits (the bit width) must be between 1 and 52
#include <reconcile/reconcile.hpp>

struct Turret {
  float heading = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Turret::heading> | quantize_bits<64>(0.0, 360.0));
  Turret a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
