// reconcile/json/error.hpp - json_error and json_errc: bad JSON input, with the path where it
// was found and what was wrong.
#pragma once

#include <reconcile/error.hpp>
#include <reconcile/path.hpp>

#include <string>
#include <utility>

namespace reconcile {

/// json_errc: what went wrong in a JSON operation.
enum class json_errc : unsigned char {
  malformed,       // not JSON at all (or a patch that is not an array of operations)
  wrong_type,      // a value of the wrong JSON type, or a number out of the field's range
  unknown_name,    // an enumerator or variant alternative that does not exist
  missing_member,  // a `required` member (or, in a patched document, any member) is absent
  unknown_member,  // a member the type does not have, with json_options::unknown_members_are_errors
  duplicate_key,   // two elements of a keyed_by sequence with the same key
  too_deep,        // nesting deeper than json_options::max_depth, or a patch growing past max_values
  patch_failed,    // an RFC 6902 operation failed: a `test` mismatch, a path that leads nowhere
};

/// json_error: bad JSON input. path() is where (`containers[1].image`); what() reads
/// `containers[1].image: expected a string, got number 5`; reason() is the text after the path.
class json_error : public error {
 public:
  json_error(json_errc code, reconcile::path p, std::string reason)
      : error(p, compose(p, reason)), code_(code), reason_(std::move(reason)) {}
  json_errc code() const noexcept { return code_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  static std::string compose(const reconcile::path& p, const std::string& reason) {
    return p.empty() ? reason : p.to_string() + ": " + reason;
  }
  json_errc code_;
  std::string reason_;
};

}  // namespace reconcile
