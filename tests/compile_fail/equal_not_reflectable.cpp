// expect: culprit<Opaque, reconcile::detail::type_problem::neither_reflectable_nor_comparable
// max-lines: 12
#include <reconcile/reconcile.hpp>

#include <optional>

class Opaque {
 public:
  explicit Opaque(int v) : v_(v) {}
  int v() const { return v_; }

 private:
  int v_;
};

struct Holder {
  std::optional<Opaque> value;
};

int main() {
  Holder a, b;
  return reconcile::equal(a, b) ? 0 : 1;
}
