// expect: reconcile::controller: the reconciler must be callable as f(const Key&)
#include <reconcile/controller.hpp>

#include <string>

int main() {
  reconcile::options opts;
  reconcile::controller<std::string> ctl(opts, [](const std::string&) { return 0; });  // not a result
  (void)ctl;
}
