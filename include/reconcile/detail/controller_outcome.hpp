// detail/controller_outcome.hpp — what one reconcile's outcome does to its key: the reconciler
// called with its exceptions caught, the error handler told, and the result counted in the
// metrics and turned into the key's next due time (none, the result's own delay, or the wait of
// a failure: the per-key backoff and the global token bucket, or the user's rate limiter).
// controller_core calls invoke_reconciler and report_error without its mutex, settle with it.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_parts.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/rate_limit.hpp>
#include <reconcile/result.hpp>
#include <reconcile/run_context.hpp>

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace reconcile::detail {

// run_outcome: what one reconcile returned, or the exception it threw.
struct run_outcome {
  result r = result::retry();
  bool threw = false;
  std::string what;
};

template <class Fn, class Key>
run_outcome invoke_reconciler(const Fn& fn, const Key& k, const run_context& ctx) {
  run_outcome o;
#if defined(__cpp_exceptions)
  try {
    o.r = fn(k, ctx);
  } catch (const std::exception& e) {
    o.threw = true;
    o.what = e.what();
  } catch (...) {
    o.threw = true;
    o.what = "unknown exception";
  }
#else
  o.r = fn(k, ctx);
#endif
  return o;
}

template <class Handler, class Key>
void report_error(const Handler& on_error, const Key& k, const run_outcome& o, reconcile_id id) noexcept {
  const std::string_view what = o.threw ? std::string_view(o.what) : std::string_view(o.r.message());
#if defined(__cpp_exceptions)
  try {
    on_error(k, what, id);
  } catch (...) {  // an error handler must not take the loop down
  }
#else
  on_error(k, what, id);
#endif
}

// retry_policy: the waits of failures (backoff, bucket or the user's limiter) and settle(),
// which hands a finished ticket back to the queue.
template <class Key, class Hash, class KeyEqual>
class retry_policy {
  using queue_type = work_queue<Key, Hash, KeyEqual>;
  using ticket = typename queue_type::ticket;

 public:
  explicit retry_policy(const options& o)
      : backoff_{o.backoff_base, o.backoff_max, o.backoff_jitter}, bucket_(o.bucket) {}

  void set_rate_limiter(std::unique_ptr<any_limiter<Key>> l) { limiter_ = std::move(l); }

  // settle(q, t, o, start, end, stats, rng): counts o in stats and marks t done in q, due again
  // when its result says (rng: the backoff's jitter). Inlined into its one caller, process():
  // out of line, passing its arguments cost about 12 instructions a reconcile (callgrind).
  RECONCILE_DETAIL_FORCE_INLINE void settle(queue_type& q, ticket t, const run_outcome& o, time_point start,
                                            time_point end, reconcile::metrics& stats, splitmix64& rng) {
    stats.reconcile_time.observe(seconds(end - start));
    time_point again = time_point::max();
    if (o.threw) ++stats.exceptions;
    switch (o.threw ? result_kind::retry : o.r.kind()) {
      case result_kind::done:
        ++stats.reconcile_success;
        forget(q, t);
        stats.time_to_converge.observe(seconds(q.converged(t, end)));
        break;
      case result_kind::requeue_after:
        ++stats.reconcile_requeue_after;
        forget(q, t);
        again = add_sat(end, o.r.after());
        break;
      case result_kind::requeue:
        ++stats.reconcile_requeue;
        ++stats.retries;
        again = add_sat(end, limited(q, t, end, rng));
        break;
      case result_kind::retry:
        ++stats.reconcile_error;
        ++stats.errors;
        ++stats.retries;
        if (!o.threw && o.r.has_after()) {
          q.fail(t);
          again = add_sat(end, o.r.after());
        } else {
          again = add_sat(end, limited(q, t, end, rng));
        }
        break;
      case result_kind::terminal:
        ++stats.reconcile_terminal;
        ++stats.errors;
        forget(q, t);
        break;
    }
    q.done(t, end, again, o.threw ? std::nullopt : o.r.rerun_priority());
  }

 private:
  // limited(q, t, now, rng): counts a failure of t and returns its wait: the user's rate
  // limiter, or the max of the per-key backoff and the global bucket.
  duration limited(queue_type& q, ticket t, time_point now, splitmix64& rng) {
    const std::uint32_t n = q.fail(t);
    if (limiter_) return limiter_->when(t.key(), now);
    const duration backoff = backoff_.delay(n, backoff_.jitter > 0 ? rng.unit() : 0.0);
    const duration wait = bucket_.reserve(now);
    return backoff > wait ? backoff : wait;
  }

  void forget(queue_type& q, ticket t) {
    q.forget(t);
    if (limiter_) limiter_->forget(t.key());
  }

  std::unique_ptr<any_limiter<Key>> limiter_;
  exponential_backoff backoff_;
  token_bucket bucket_;
};

}  // namespace reconcile::detail
