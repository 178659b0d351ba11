// reconcile/result.hpp — what a reconciler returns to the loop driver.
//
//   done()                    converged: forget the key's failures; it runs again only when notified
//   requeue_after(d)          fine so far, look again in d: forget failures, run again after d
//   requeue()                 not an error, but run again through the rate limiter (client-go's
//                             AddRateLimited, controller-runtime's Requeue: true): the failure
//                             count grows and the key backs off
//   retry() / retry(error)    failed: back off (failure n waits backoff_base * 2^(n-1), capped);
//                             the error text, if any, goes to the error handler
//   retry_after(d, error)     failed, and run again after d rather than after the backoff: an
//                             error and a requeue delay at once (the failure is still counted)
//   terminal(msg)             failed for good: no retry, failures forgotten, msg to the error handler
// Any of them .with_priority(p): the rerun (after d, the backoff or a notify) runs at priority p
// (controller-runtime's Result.Priority). A thrown exception counts as retry() (and as a
// "panic" in the metrics).
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/priority.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace reconcile {

/// enum class result_kind { done, requeue_after, retry, terminal, requeue }: which factory made
/// a result (retry_after(d) is a retry whose after() is d).
enum class result_kind : unsigned char { done, requeue_after, retry, terminal, requeue };

/// class result: the outcome of one reconcile; cheap to return (allocates only a long message).
class result {
 public:
  /// done(): the key converged; its failures are forgotten.
  static result done() noexcept { return result(result_kind::done, duration::zero()); }

  /// requeue_after(d): success, but run the key again after d (d <= 0: as soon as possible).
  static result requeue_after(duration d) noexcept { return result(result_kind::requeue_after, clamp(d)); }

  /// requeue(): not an error, but run again after the rate limiter's delay (counts a failure).
  static result requeue() noexcept { return result(result_kind::requeue, duration::zero()); }

  /// retry(): a failure; the key runs again after its backoff (max of the limiters).
  static result retry() noexcept { return result(result_kind::retry, duration::zero()); }

  /// retry(error): a failure whose text goes to the error handler; allocates if it is long.
  static result retry(std::string error) {
    result r(result_kind::retry, duration::zero());
    r.message_ = std::move(error);
    return r;
  }

  /// retry_after(d, error): a failure (counted, reported) that runs again after d, not the backoff.
  static result retry_after(duration d, std::string error = {}) {
    result r(result_kind::retry, clamp(d));
    r.message_ = std::move(error);
    r.explicit_after_ = true;
    return r;
  }

  /// terminal(msg): a failure that retrying cannot fix; no retry. Allocates if msg is long.
  static result terminal(std::string message) {
    result r(result_kind::terminal, duration::zero());
    r.message_ = std::move(message);
    return r;
  }

  /// with_priority(p): the same result whose rerun runs at priority p. Free.
  result with_priority(reconcile::priority p) && noexcept {
    rerun_ = static_cast<std::int16_t>(p);
    return std::move(*this);
  }
  result with_priority(reconcile::priority p) const& {
    result r = *this;
    r.rerun_ = static_cast<std::int16_t>(p);
    return r;
  }

  /// kind(): which factory made this result.
  result_kind kind() const noexcept { return kind_; }
  /// after(): the delay of requeue_after(d) or retry_after(d); zero otherwise.
  duration after() const noexcept { return after_; }
  /// has_after(): true for retry_after(d): the rerun waits d instead of the backoff.
  bool has_after() const noexcept { return explicit_after_; }
  /// message(): the text of terminal(msg), retry(error) or retry_after(d, error); else empty.
  const std::string& message() const noexcept { return message_; }
  /// rerun_priority(): the priority with_priority() set, if any.
  std::optional<reconcile::priority> rerun_priority() const noexcept {
    if (rerun_ == no_rerun) return std::nullopt;
    return static_cast<reconcile::priority>(rerun_);
  }
  /// failed(): true for retry(), retry_after() and terminal().
  bool failed() const noexcept { return kind_ == result_kind::retry || kind_ == result_kind::terminal; }

  friend bool operator==(const result& a, const result& b) noexcept {
    return a.kind_ == b.kind_ && a.after_ == b.after_ && a.explicit_after_ == b.explicit_after_ &&
           a.rerun_ == b.rerun_ && a.message_ == b.message_;
  }

 private:
  result(result_kind k, duration d) noexcept : kind_(k), after_(d) {}
  static duration clamp(duration d) noexcept { return d < duration::zero() ? duration::zero() : d; }

  // rerun_: the priority of with_priority() or no_rerun, one 16-bit field (an optional's two
  // bytes, written apart and read together, cost a store-forwarding stall per reconcile).
  static constexpr std::int16_t no_rerun = 0x7fff;

  result_kind kind_;
  bool explicit_after_ = false;
  std::int16_t rerun_ = no_rerun;
  duration after_;
  std::string message_;
};

}  // namespace reconcile
