// Compile-time benchmark (b): equality (defaulted operator==) and a diff written by hand.
#define WIDE_DEFAULTED_EQ
#include WIDE_HEADER

#include <cstddef>
#include <vector>

struct Change {
  unsigned field;
  const void* value;
};
#include WIDE_HAND_HEADER

bool wide_equal(const Wide& a, const Wide& b) { return a == b; }

std::size_t wide_diff(const Wide& a, const Wide& b) {
  static std::vector<Change> out;
  out.clear();
  hand_diff(a, b, out);
  return out.size();
}
