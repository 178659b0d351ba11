// expect: reconcile::debounce: an ignored field is never acted on
#include <reconcile/control/observation_filter.hpp>

#include <string>

struct Pool {
  std::string phase;
  int workers = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pool::phase> | ignore | debounce(3));
  return static_cast<int>(sizeof(r));
}
