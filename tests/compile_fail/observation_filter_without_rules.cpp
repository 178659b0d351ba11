// expect: reconcile::control::observation_filter: T has no debounce, hysteresis or stale_after rule
// max-lines: 12
#include <reconcile/control/observation_filter.hpp>

#include <string>

namespace app {
struct Pool {
  std::string phase;
  int size = 0;
};
}  // namespace app

namespace rules {  // not app: ADL never looks here, so Pool has no rules and nothing is filtered
constexpr auto reconcile_rules(reconcile::type_t<app::Pool>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&app::Pool::phase> | debounce(3));
}
}  // namespace rules

int main() {
  reconcile::control::observation_filter<app::Pool> filter;
  return static_cast<int>(filter.held());
}
