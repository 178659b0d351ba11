// Builds against an installed reconcile through find_package(reconcile).
#include <reconcile/reconcile.hpp>

#include <cstdio>
#include <string>

struct Container {
  std::string name;
  int cpu_millis = 100;
};

int main() {
  Container observed{"web", 100};
  Container desired{"web", 250};
  if (!reconcile::equal(observed, observed) || reconcile::equal(observed, desired)) {
    std::puts("find_package consumer: equal gave the wrong answer");
    return 1;
  }
  if (reconcile::diff(observed, desired).size() != 1) {
    std::puts("find_package consumer: expected exactly one change");
    return 1;
  }
  std::puts("find_package consumer: ok");
  return 0;
}
