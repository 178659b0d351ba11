// expect: reconcile::execute: the actuator lacks remove(const Key& key, const Resource& observed)
// The actuator serves volumes fully but has no remove() for deployments: execute must say
// which call is missing, with its signature, in one error (the note names the resource type).
#include <reconcile/reconcile.hpp>

#include <map>
#include <string>

namespace cf {
struct Volume { int size_gb = 1; };
struct Deployment { int replicas = 1; };
struct World {
  std::map<std::string, Volume> volumes;
  std::map<std::string, Deployment> deployments;
};
struct Cloud {
  void create(const std::string&, const Volume&) {}
  void update(const std::string&, const Volume&, const Volume&, const reconcile::changeset<Volume>&) {}
  void remove(const std::string&, const Volume&) {}
  void create(const std::string&, const Deployment&) {}
  void update(const std::string&, const Deployment&, const Deployment&, const reconcile::changeset<Deployment>&) {}
};
}  // namespace cf

int main() {
  cf::World o, d;
  cf::Cloud c;
  return reconcile::execute(reconcile::plan_for(o, d), c).ok() ? 0 : 1;
}
