// reconcile/format.hpp with fmt/ranges.h and fmt/std.h included AFTER reconcile's headers:
// every public type still prints (no ambiguous formatter; fmt would see changeset, plan and
// report as ranges).
#include "support/print_every_type.hpp"

#include <fmt/ranges.h>
#include <fmt/std.h>

#include <vector>

TEST_CASE("format with fmt/ranges.h included last") {
  print_every_type::check_every_type();
  // fmt's range formatter still serves the user's own containers in the same TU.
  CHECK(fmt::format("{}", std::vector<int>{1, 2}) == "[1, 2]");
}
