// expect: reconcile::plan_for: every World field must be a map, an unordered_map or a sequence with a keyed_by rule
// A world field that is not a keyed collection (here a plain vector without keyed_by) is one
// error at plan_for naming the fix.
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>
#include <vector>

namespace cf {
struct Volume { std::string name; int size_gb = 1; };
struct World {
  std::map<std::string, Volume> volumes;
  std::vector<Volume> more;
  int count = 0;
};
}  // namespace cf

int main() {
  cf::World o, d;
  return static_cast<int>(reconcile::plan_for(o, d).size());
}
