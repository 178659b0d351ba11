// expect: reconcile::rules_of: T has rules both from rules_of<T> and from reconcile_rules
// A type given rules twice (rules_of<T> and reconcile_rules beside it): one error, not a
// silent choice of one of them.
#include <reconcile/reconcile.hpp>

namespace app {
struct Quote {
  double px = 0;
};
constexpr auto reconcile_rules(reconcile::type_t<Quote>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Quote::px> | ignore);
}
}  // namespace app

template <>
struct reconcile::rules_of<app::Quote> {
  static constexpr auto value = reconcile::rules(dsl::field<&app::Quote::px> | dsl::tolerance(0.5));
};

int main() { return reconcile::equal(app::Quote{}, app::Quote{}) ? 0 : 1; }
