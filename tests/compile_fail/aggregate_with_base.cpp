// expect: culprit<Service, reconcile::detail::type_problem::has_base_class
// max-lines: 12
// An aggregate with a base class cannot be reflected (its base is not a field): one error
// from reconcile, not Boost.PFR's assertion followed by structured-binding errors.
#include <reconcile/reconcile.hpp>

#include <string>

struct Meta {
  std::string name;
};
struct Service : Meta {
  int replicas = 1;
};

int main() {
  Service a, b;
  return static_cast<int>(reconcile::diff(a, b).size());
}
