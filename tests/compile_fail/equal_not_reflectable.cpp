// expect: culprit_is<Opaque>
#include <reconcile/reconcile.hpp>

#include <optional>

class Opaque {
 public:
  explicit Opaque(int v) : v_(v) {}

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
