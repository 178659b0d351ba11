// expect: reconcile::controller::set_rate_limiter: the limiter must have when(key, now)
#include <reconcile/controller.hpp>

#include <string>

struct not_a_limiter {
  int when(int) { return 0; }  // no failures(), no forget(), wrong when()
};

int main() {
  reconcile::options opts;
  reconcile::controller<std::string> ctl(opts, [](const std::string&) { return reconcile::result::done(); });
  ctl.set_rate_limiter(not_a_limiter{});
}
