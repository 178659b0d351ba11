// reconcile/effect.hpp - what an actuator call says happened: done, failed, or unknown.
//
// An actuator method reports its effect in one of these ways (execute reads each):
//   return nothing (void)                done, unless it throws
//   return bool                          true: done, false: failed
//   return std::error_code               zero: done, non-zero: failed (its message)
//   return reconcile::effect             done, failed or unknown
//   throw reconcile::outcome_unknown     unknown (its message says why)
//   throw anything else                  failed (what(), or "unknown exception")
// and a call that ends without success after the std::stop_token it was given was stopped
// (execute_options::stop or call_timeout) is unknown too: it may have landed.
//
// "Unknown" is the normal failure of a network call: the request timed out, but the venue or
// cloud may have accepted it. execute reports such an action `unknown`, and the expectations
// keep its address in flight until an observation settles it or their TTL expires; a retry of
// that attempt carries the same action::request_id(), so a venue that dedupes ids makes it
// harmless.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace reconcile {

/// effect: an actuator call's result when it can tell "it did not happen" from "it may have".
enum class effect : unsigned char { done, failed, unknown };

/// to_string(effect): "done", "failed" or "unknown".
constexpr std::string_view to_string(effect e) noexcept {
  switch (e) {
    case effect::done: return "done";
    case effect::failed: return "failed";
    case effect::unknown: return "unknown";
  }
  return "?";
}

/// outcome_unknown(what): thrown by an actuator call whose request may or may not have taken
/// effect (a timeout after sending, a dropped connection); execute reports it `unknown`.
class outcome_unknown : public std::runtime_error {
 public:
  explicit outcome_unknown(const std::string& what) : std::runtime_error(what) {}
  explicit outcome_unknown(const char* what) : std::runtime_error(what) {}
};

}  // namespace reconcile
