// expect: culprit_is<Config>
// max-lines: 13
// max-lines-clang: 20
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
