// expect: reconcile::tolerance: applies to arithmetic fields
#include <reconcile/reconcile.hpp>

#include <string>

struct Quote {
  std::string venue;
  double bid = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Quote::venue> | tolerance(0.01));
  Quote a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
