// expect: culprit<Config, reconcile::detail::type_problem::has_reference_member
// max-lines: 12
// A struct with a reference member cannot be reflected (nor copied into a changeset).
#include <reconcile/reconcile.hpp>

#include <string>

struct Config {
  const std::string& name;
  int replicas = 1;
};

int main() {
  std::string n = "web";
  Config a{n, 1}, b{n, 2};
  return static_cast<int>(reconcile::diff(a, b).size());
}
