// expect: reconcile::controller: Key is not hashable
#include <reconcile/controller.hpp>

struct point {
  int x, y;
  bool operator==(const point&) const = default;
};

int main() {
  reconcile::options opts;
  reconcile::controller<point> ctl(opts, [](const point&) { return reconcile::result::done(); });
  (void)ctl;
}
