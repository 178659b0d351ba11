// What reconcile::expectations keep per address: the action in flight (expect_entry, in its
// phase), the latest attempt (attempt_record), and the reason a later action waits for it.
// Part of expectations.hpp.
#pragma once

#include <reconcile/action.hpp>
#include <reconcile/clock.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace reconcile::detail {

// issuing: the actuator call has not returned; sent: it succeeded; unknown: its outcome is
// unknown; restored: reloaded from the journal (issued before a restart).
enum class expect_phase : unsigned char { issuing, sent, unknown, restored };

struct expect_entry {
  std::uint64_t id = 0;  // the idempotency key of the action in flight
  time_point since{};    // when it was issued (reserved, then confirmed)
  verb v = verb::create;
  std::unique_ptr<expected_target> target;
  expect_phase state = expect_phase::issuing;
  std::string slice;  // the plan_options::slice of the plan it was issued from
};

struct attempt_record {
  std::uint64_t key = 0;  // the idempotency key of the attempt
  std::uint32_t n = 0;
  bool open = false;  // issued and not settled
  std::string slice, address;
};

// e.g. "waiting for the create in flight to be observed (issued 2000 ms ago, expires in 28000 ms)".
inline std::string waiting_reason(const expect_entry& e, time_point now, duration ttl) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto age = duration_cast<milliseconds>(now - e.since).count();
  const auto left = duration_cast<milliseconds>(ttl - (now - e.since)).count();
  const std::string v(to_string(e.v));
  const std::string times = std::to_string(age) + " ms ago, expires in " + std::to_string(left) + " ms)";
  const std::string seen = std::string(" to be observed") + (e.v == verb::remove ? " gone" : "");
  switch (e.state) {
    case expect_phase::issuing: return "waiting for the " + v + " being issued on another thread (started " + times;
    case expect_phase::unknown: return "waiting for the " + v + " of unknown outcome" + seen + " (issued " + times;
    case expect_phase::restored:
      return "waiting for the " + v + " issued before a restart" + seen + " (issued " + times;
    case expect_phase::sent: break;
  }
  return "waiting for the " + v + " in flight" + seen + " (issued " + times;
}

}  // namespace reconcile::detail
