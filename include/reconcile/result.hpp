#pragma once
// reconcile/result.hpp — what a reconciler returns to the loop driver.
//
//   done()             converged: forget the key's failures; it runs again only when notified
//   requeue_after(d)   fine so far, look again in d: forget failures, run again after d
//   retry()            failed: back off (failure n waits backoff_base * 2^(n-1), capped)
//   terminal(msg)      failed for good: no retry, failures forgotten, msg to the error handler
// A thrown exception counts as retry() (and as a "panic" in the metrics).

#include <string>
#include <utility>

#include <reconcile/clock.hpp>

namespace reconcile {

// result_kind: the four outcomes of a reconcile, in the order of result's factories.
enum class result_kind : unsigned char { done, requeue_after, retry, terminal };

// result: the outcome of one reconcile; cheap to return (no allocation except terminal(msg)).
class result {
 public:
  // done(): the key converged; its failures are forgotten.
  static result done() noexcept { return result(result_kind::done, duration::zero()); }

  // requeue_after(d): success, but run the key again after d (d <= 0: as soon as possible).
  static result requeue_after(duration d) noexcept {
    return result(result_kind::requeue_after, d < duration::zero() ? duration::zero() : d);
  }

  // retry(): a failure; the key runs again after its backoff (max of the limiters).
  static result retry() noexcept { return result(result_kind::retry, duration::zero()); }

  // terminal(msg): a failure that retrying cannot fix; no retry. Allocates if msg is long.
  static result terminal(std::string message) {
    result r(result_kind::terminal, duration::zero());
    r.message_ = std::move(message);
    return r;
  }

  // kind(): which factory made this result.
  result_kind kind() const noexcept { return kind_; }
  // after(): the delay of requeue_after(d); zero otherwise.
  duration after() const noexcept { return after_; }
  // message(): the text of terminal(msg); empty otherwise.
  const std::string& message() const noexcept { return message_; }
  // failed(): true for retry() and terminal().
  bool failed() const noexcept { return kind_ == result_kind::retry || kind_ == result_kind::terminal; }

  friend bool operator==(const result& a, const result& b) noexcept {
    return a.kind_ == b.kind_ && a.after_ == b.after_ && a.message_ == b.message_;
  }

 private:
  result(result_kind k, duration d) noexcept : kind_(k), after_(d) {}

  result_kind kind_;
  duration after_;
  std::string message_;
};

}  // namespace reconcile
