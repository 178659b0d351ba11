// expect: rules_name_a_field_of_another_type<app::Service>
// max-lines: 12
// reconcile_rules(type_t<Service>) may only name Service's own fields; naming a field of
// Container (go-cmp's silent no-op on a misspelt field) is one readable error.
#include <reconcile/reconcile.hpp>

#include <string>
#include <vector>

namespace app {
struct Container {
  std::string name;
  std::string image;
};
struct Service {
  std::string name;
  std::vector<Container> containers;
};
constexpr auto reconcile_rules(reconcile::type_t<Service>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Service::name> | immutable, field<&Container::image> | ignore);
}
}  // namespace app

int main() {
  app::Service a, b;
  return reconcile::equal(a, b) ? 0 : 1;
}
