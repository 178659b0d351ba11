// expect: culprit<Opaque, reconcile::detail::type_problem::neither_reflectable_nor_comparable
// max-lines: 12
// A class with private state, a constructor and no operator== can be neither reflected
// nor compared as a leaf: diff must say so in one line that names the fix.
#include <reconcile/reconcile.hpp>

#include <string>

class Opaque {
 public:
  explicit Opaque(int v) : value_(v) {}
  int value() const { return value_; }

 private:
  int value_;
  std::string note_;
};

int main() {
  Opaque observed{1};
  Opaque desired{2};
  return static_cast<int>(reconcile::diff(observed, desired).size());
}
