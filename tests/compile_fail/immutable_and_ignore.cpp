// expect: reconcile::ignore: an ignored field takes no other rule
#include <reconcile/reconcile.hpp>

#include <string>

struct Pod {
  std::string name;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::name> | immutable | ignore);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
