// expect: reconcile::has_rules
// max-lines: 16
// Rules declared in a namespace ADL does not search (not the type's own): has_rules turns the
// silent miss into an error at the user's static_assert.
#include <reconcile/reconcile.hpp>

namespace vendor {
struct Tick {
  double px = 0;
};
}  // namespace vendor

namespace app {
constexpr auto reconcile_rules(reconcile::type_t<vendor::Tick>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&vendor::Tick::px> | tolerance(0.5));
}
static_assert(reconcile::has_rules<vendor::Tick>, "reconcile::has_rules: vendor::Tick's rules are not seen");
}  // namespace app

int main() {}
