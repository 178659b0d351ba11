// reconcile/format.hpp with fmt/ranges.h and fmt/std.h included BEFORE reconcile's headers:
// every public type still prints (no ambiguous formatter; fmt would see changeset, plan and
// report as ranges).
#include <fmt/ranges.h>
#include <fmt/std.h>

#include "support/print_every_type.hpp"

#include <vector>

TEST_CASE("format with fmt/ranges.h included first") {
  print_every_type::check_every_type();
  // fmt's range formatter still serves the user's own containers in the same TU.
  CHECK(fmt::format("{}", std::vector<int>{1, 2}) == "[1, 2]");
}
