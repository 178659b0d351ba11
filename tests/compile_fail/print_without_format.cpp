// expect: include <reconcile/format.hpp>
// max-lines: 12
// max-lines-clang: 19
// (clang 14 prints fmt's four instantiation steps as notes, three lines each: 19 lines, not 12.)
// Printing a changeset without <reconcile/format.hpp> (reconcile.hpp includes it; diff.hpp does not): one error saying which header to
// include, not fmt's "cannot format an argument" and its backtrace.
#include <reconcile/diff.hpp>

#include <fmt/format.h>

#include <string>

struct Config {
  int replicas = 1;
};

int main() {
  Config a, b{2};
  return static_cast<int>(fmt::format("{}", reconcile::diff(a, b)).size());
}
