// expect: reconcile::keyed_by: the key must be a member of the sequence's element type
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

struct Container {
  std::string name;
};
struct Volume {
  std::string name;
};
struct Pod {
  std::vector<Container> containers;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::containers> | keyed_by<&Volume::name>);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
