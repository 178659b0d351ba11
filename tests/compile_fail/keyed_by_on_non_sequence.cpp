// expect: reconcile::keyed_by: applies to sequence fields
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

struct Container {
  std::string name;
};
struct Pod {
  std::map<std::string, Container> containers;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::containers> | keyed_by<&Container::name>);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
