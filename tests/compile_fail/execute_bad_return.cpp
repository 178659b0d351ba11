// expect: reconcile::execute: an actuator call for the Resource named in check_actuator
// An actuator call must report its effect by exception, bool, std::error_code or
// reconcile::effect: a call that returns a string (here create) cannot be read as any.
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

namespace cf {
struct Volume { int size_gb = 1; };
struct Cloud {
  std::string create(const std::string&, const Volume&) { return "ok"; }
  void update(const std::string&, const Volume&, const Volume&, const reconcile::changeset<Volume>&) {}
  void remove(const std::string&, const Volume&) {}
};
}  // namespace cf

int main() {
  std::map<std::string, cf::Volume> o, d;
  cf::Cloud c;
  return reconcile::execute(reconcile::plan_for(o, d), c).ok() ? 0 : 1;
}
