// expect: reconcile::control::observation_filter: a type inside a container
// max-lines: 12
#include <reconcile/control/observation_filter.hpp>

#include <string>
#include <vector>

namespace app {
struct Worker {
  std::string phase;
};
constexpr auto reconcile_rules(reconcile::type_t<Worker>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Worker::phase> | debounce(3));
}
struct Pool {
  std::vector<Worker> workers;  // a debounce per element would need a count per element
  int size = 0;
};
}  // namespace app

int main() {
  reconcile::control::observation_filter<app::Pool> filter;
  return static_cast<int>(filter.held());
}
