// expect: reconcile::hysteresis: applies to arithmetic fields
#include <reconcile/control/observation_filter.hpp>

#include <string>

struct Pool {
  std::string phase;
  int workers = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pool::phase> | hysteresis(1, 2));
  return static_cast<int>(sizeof(r));
}
