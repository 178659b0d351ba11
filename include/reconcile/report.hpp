// reconcile/report.hpp - what executing a plan did: one outcome per action, and the counts.
#pragma once

#include <reconcile/action.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile {

/// outcome_status: succeeded; failed (the actuator reported failure); skipped (a dependency
/// failed); expected (an identical action is still in flight: not issued again); held (a
/// different action on the same resource, or one it depends on, is still in flight: not
/// issued until it is observed or its expectation expires); unknown (the call may or may not
/// have taken effect: a timeout, outcome_unknown, effect::unknown; the address stays expected).
enum class outcome_status : unsigned char { succeeded, failed, skipped, expected, held, unknown };

/// to_string(outcome_status): "succeeded", "failed", "skipped", "expected", "held" or "unknown".
constexpr std::string_view to_string(outcome_status s) noexcept {
  switch (s) {
    case outcome_status::succeeded: return "succeeded";
    case outcome_status::failed: return "failed";
    case outcome_status::skipped: return "skipped";
    case outcome_status::expected: return "expected";
    case outcome_status::held: return "held";
    case outcome_status::unknown: return "unknown";
  }
  return "?";
}

/// outcome: what happened to one action of a plan.
struct outcome {
  reconcile::verb verb = verb::create;
  std::string kind;     // e.g. deployments
  std::string key;      // the printed key, e.g. "web" (quoted)
  std::string address;  // e.g. deployments["web"]
  std::uint64_t idempotency_key = 0;
  /// The action's request id (action::request_id()) and attempt number.
  std::string request_id;
  std::uint32_t attempt = 0;
  outcome_status status = outcome_status::skipped;
  /// failed: the failure's text (exception what(), "the actuator returned false", or the
  /// error_code's message); succeeded: empty, or for a replace run as its remove alone (with
  /// expectations, on an actuator without replace()), that the create follows; skipped: which failed action it depended on; held / expected:
  /// which action in flight it waits for; unknown: why the outcome is unknown.
  std::string error;
  /// The plan's action this is the outcome of (p[index]); valid while the plan lives.
  std::size_t index = 0;
  const reconcile::action* source = nullptr;
};

/// report: the outcome of every action, in plan order (outcomes[i] is the plan's action i).
struct report {
  std::vector<outcome> outcomes;
  /// True when no action failed or was skipped (each succeeded, or waits for one in flight,
  /// or is of unknown outcome: the expectations wait for it).
  bool ok() const noexcept {
    for (const outcome& o : outcomes)
      if (o.status == outcome_status::failed || o.status == outcome_status::skipped) return false;
    return true;
  }
  /// How many outcomes have status s.
  std::size_t count(outcome_status s) const noexcept {
    std::size_t n = 0;
    for (const outcome& o : outcomes) if (o.status == s) ++n;
    return n;
  }
  /// The outcomes with status s, in plan order.
  std::vector<const outcome*> with(outcome_status s) const {
    std::vector<const outcome*> v;
    for (const outcome& o : outcomes)
      if (o.status == s) v.push_back(&o);
    return v;
  }
};

}  // namespace reconcile

/// fmt::format("{}", s): to_string(outcome_status).
template <>
struct fmt::formatter<reconcile::outcome_status> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(reconcile::outcome_status s, Ctx& ctx) const {
    return write(reconcile::to_string(s), ctx);
  }
};

/// fmt::format("{}", report): one line per action (`ok`, `FAILED`, `skipped`, `expected`,
/// `held`, `UNKNOWN`, with the error text or reason), then the counts.
template <>
struct fmt::formatter<reconcile::report> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::report& r, Ctx& ctx) const {
    static constexpr const char* names[] = {"ok", "FAILED", "skipped", "expected", "held", "UNKNOWN"};
    std::string s;
    for (const reconcile::outcome& o : r.outcomes) {
      s += fmt::format("{:<9} {} {}", names[static_cast<int>(o.status)], reconcile::to_string(o.verb), o.address);
      if (!o.error.empty()) s += ": " + o.error;
      s += '\n';
    }
    s += fmt::format("{} succeeded, {} failed, {} skipped, {} expected",
                     r.count(reconcile::outcome_status::succeeded), r.count(reconcile::outcome_status::failed),
                     r.count(reconcile::outcome_status::skipped), r.count(reconcile::outcome_status::expected));
    if (const std::size_t held = r.count(reconcile::outcome_status::held)) s += fmt::format(", {} held", held);
    if (const std::size_t unknown = r.count(reconcile::outcome_status::unknown))
      s += fmt::format(", {} unknown (expected until observed)", unknown);
    return write(s, ctx);
  }
};
