#include <reconcile/reconcile.hpp>
#include <fmt/core.h>
#include <map>
#include <string>

struct Service { std::string image; int replicas = 1; std::map<std::string, std::string> labels; };

int main() {
  Service observed{"nginx:1.25", 3, {{"tier", "web"}}};
  Service desired{"nginx:1.27", 5, {{"tier", "web"}, {"team", "edge"}}};
  auto changes = reconcile::diff(observed, desired);
  fmt::print("{}\n", changes);
  reconcile::apply(observed, changes);
  fmt::print("converged: {}\n", reconcile::equal(observed, desired));
}
