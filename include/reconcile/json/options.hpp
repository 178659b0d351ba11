// reconcile/json/options.hpp - json_options: how strict reading JSON is.
#pragma once

#include <cstddef>

namespace reconcile {

/// json_options: how strict reading is. Every field has a sensible default.
struct json_options {
  /// A member the type does not declare: ignored (false) or a json_error (true).
  bool unknown_members_are_errors = false;
  /// The deepest nesting of arrays and objects accepted (the top-level value is depth 1).
  std::size_t max_depth = 64;
  /// apply_json_patch: the most values a patched document may hold (guards `copy` bombs).
  std::size_t max_values = std::size_t{1} << 20;
};

}  // namespace reconcile
