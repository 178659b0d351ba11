// expect: reconcile::ordered: applies to keyed_by sequences
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

struct Pod {
  std::vector<std::string> args;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::args> | ordered);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
