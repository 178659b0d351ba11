// expect: reconcile::rules: a field is named twice
#include <reconcile/reconcile.hpp>

#include <string>

struct Pod {
  std::string name;
  int replicas = 1;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::name> | immutable, field<&Pod::replicas> | ignore,
                                      field<&Pod::name> | ignore);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
