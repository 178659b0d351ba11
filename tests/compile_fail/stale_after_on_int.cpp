// expect: reconcile::stale_after: applies to the field holding when the observation was made
#include <reconcile/control/observation_filter.hpp>

#include <chrono>

struct Pool {
  int workers = 0;
  long observed_at_ms = 0;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pool::observed_at_ms> | stale_after(std::chrono::seconds(30)));
  return static_cast<int>(sizeof(r));
}
