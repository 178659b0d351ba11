// expect: include <reconcile/diff.hpp> in this translation unit
// max-lines: 13
// max-lines-clang: 16
// path.hpp alone reaches no reflection (no Boost.Hana): a key of a struct type, which prints
// through reflection, is one error naming the header to include, not a link error. (g++: 13
// lines, 3 of them the include stack: path.hpp -> segment.hpp -> detail/box.hpp.)
#include <reconcile/path.hpp>

#include <string>

namespace {
struct Port {
  int number;
  std::string protocol;
};
}  // namespace

std::string text() {
  reconcile::path p;
  p.push_field(0, "ports");
  p.push_back(reconcile::segment::key(Port{80, "tcp"}));
  return p.to_string();
}
