// expect: reconcile::plan_for: World must be a map, an unordered_map, or a struct
// A world that is neither a collection nor a reflectable struct.
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

int main() {
  std::vector<std::string> o, d;
  return static_cast<int>(reconcile::plan_for(o, d).size());
}
