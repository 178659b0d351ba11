// expect: reconcile::equal: T (or a type inside it) is neither reflectable nor comparable
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
