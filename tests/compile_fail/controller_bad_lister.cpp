// expect: reconcile::controller::set_lister: the lister must return a range of keys
#include <reconcile/controller.hpp>

#include <string>

int main() {
  reconcile::options opts;
  reconcile::controller<std::string> ctl(opts, [](const std::string&) { return reconcile::result::done(); });
  ctl.set_lister([](int, int) {});
}
