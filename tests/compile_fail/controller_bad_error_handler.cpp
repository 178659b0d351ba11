// expect: reconcile::controller::set_error_handler: the handler must be callable as
#include <reconcile/controller.hpp>

#include <string>

int main() {
  reconcile::options opts;
  reconcile::controller<std::string> ctl(opts, [](const std::string&) { return reconcile::result::done(); });
  ctl.set_error_handler([](int, int) {});  // neither (key, what) nor (key, what, reconcile_id)
}
