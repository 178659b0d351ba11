// expect: reconcile::plan_for: a plan owns copies of its resources and keys
// A resource holding a unique_ptr can be diffed but not copied into a plan: one error at
// plan_for naming the fix.
#include <reconcile/reconcile.hpp>

#include <map>
#include <memory>
#include <string>

namespace cf {
struct Disk { int size_gb = 1; };
struct Volume { std::unique_ptr<Disk> disk; };
struct World { std::map<std::string, Volume> volumes; };
}  // namespace cf

int main() {
  cf::World o, d;
  return static_cast<int>(reconcile::plan_for(o, d).size());
}
