// expect: reconcile::rules: every argument must be field<&T::member> | rule
#include <reconcile/reconcile.hpp>

struct Pod {
  int replicas = 1;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::replicas> | ignore, tolerance(0.5));
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
