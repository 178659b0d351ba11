// expect: culprit<Sample, reconcile::detail::type_problem::has_c_array_member
// max-lines: 12
// A struct with a C-array member cannot be reflected: the error names the struct (here inside
// a vector, so the innermost type, not the outer Batch) and says to use std::array.
#include <reconcile/reconcile.hpp>

#include <vector>

struct Sample {
  int channel = 0;
  double values[4] = {};
};

struct Batch {
  std::vector<Sample> samples;
};

int main() {
  Batch a, b;
  return static_cast<int>(reconcile::diff(a, b).size());
}
