// expect: reconcile::unordered: applies to sequence fields
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

struct Pod {
  std::map<std::string, std::string> labels;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Pod::labels> | unordered);
  Pod a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
