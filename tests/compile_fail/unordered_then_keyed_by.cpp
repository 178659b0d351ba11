// expect: reconcile::keyed_by: contradicts ignore or unordered
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
  constexpr auto r = reconcile::rules(field<&Pod::containers> | unordered | keyed_by<&Container::name>);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
