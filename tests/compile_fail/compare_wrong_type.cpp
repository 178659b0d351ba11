// expect: reconcile::compare: fn(a, b) must take two values of the field's type
// A compare rule whose function cannot take the field's values would otherwise be ignored
// without a word.
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

struct Quote {
  std::vector<std::string> symbols;
};

bool same_price(double a, double b) { return a == b; }

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Quote::symbols> | compare(&same_price));
  Quote a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
