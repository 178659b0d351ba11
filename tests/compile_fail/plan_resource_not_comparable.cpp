// expect: reconcile::plan_for: the Resource type named in check_resource
// A resource type that is neither reflectable nor comparable: plan_for says so itself.
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

namespace cf {
class Opaque {
 public:
  explicit Opaque(int v = 0) : v_(v) {}

 private:
  int v_;
  std::string note_;
};
struct World { std::map<std::string, Opaque> things; };
}  // namespace cf

int main() {
  cf::World o, d;
  return static_cast<int>(reconcile::plan_for(o, d).size());
}
