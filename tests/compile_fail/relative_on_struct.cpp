// expect: reconcile::relative: applies to arithmetic fields
#include <reconcile/reconcile.hpp>

#include <vector>

struct Point {
  double x = 0;
  double y = 0;
};
struct Shape {
  std::vector<Point> corners;
};

int main() {
  using namespace reconcile::dsl;
  constexpr auto r = reconcile::rules(field<&Shape::corners> | relative(0.01));
  Shape a, b;
  return reconcile::equal(a, b, r) ? 0 : 1;
}
