// expect: reconcile::unordered: contradicts keyed_by
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

struct Container {
  std::string name;
};
struct Pod {
  std::vector<Container> containers;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::containers> | keyed_by<&Container::name> | unordered);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
