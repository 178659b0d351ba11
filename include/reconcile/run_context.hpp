// reconcile/run_context.hpp — what the loop driver tells a reconciler about one run: its
// reconcile id (controller-runtime's reconcileID, for logs and the error handler), the stop
// token (run()'s shutdown or options::reconcile_timeout), the failures before it, its deadline.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstdint>
#include <stop_token>
#include <string>

namespace reconcile {

/// struct reconcile_id { uint64_t value; }: the n-th run a controller started (1, 2, 3...),
/// unique per controller; prints as its number. Free to copy and compare.
struct reconcile_id {
  std::uint64_t value = 0;
  friend bool operator==(reconcile_id a, reconcile_id b) noexcept { return a.value == b.value; }
};

namespace detail {
struct run_context_access;
}

/// class run_context: the third overload of a reconciler, f(const Key&, const run_context&);
/// built per run by the controller without allocating; valid during the call only.
class run_context {
 public:
  /// id(): this run's reconcile id, also handed to the error handler.
  reconcile_id id() const noexcept { return id_; }
  /// stop_token(): stopped when run() begins shutting down or when reconcile_timeout passes.
  const std::stop_token& stop_token() const noexcept { return *stop_; }
  /// failures(): the key's consecutive failures before this run (0 on a first try).
  std::uint32_t failures() const noexcept { return failures_; }
  /// started(): the clock's time when this run started.
  time_point started() const noexcept { return started_; }
  /// deadline(): started() + options::reconcile_timeout; time_point::max() without a timeout.
  time_point deadline() const noexcept { return deadline_; }

 private:
  friend struct detail::run_context_access;
  run_context(reconcile_id id, const std::stop_token& stop, std::uint32_t failures, time_point started,
              time_point deadline) noexcept
      : id_(id), stop_(&stop), failures_(failures), started_(started), deadline_(deadline) {}

  reconcile_id id_;
  const std::stop_token* stop_;
  std::uint32_t failures_;
  time_point started_;
  time_point deadline_;
};

namespace detail {
// run_context_access: the engine's way to build a run_context.
struct run_context_access {
  static run_context make(reconcile_id id, const std::stop_token& stop, std::uint32_t failures,
                          time_point started, time_point deadline) noexcept {
    return run_context(id, stop, failures, started, deadline);
  }
};
}  // namespace detail

}  // namespace reconcile

/// fmt::formatter<reconcile::reconcile_id>: prints the number (fill, align and width apply).
template <>
struct fmt::formatter<reconcile::reconcile_id> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(reconcile::reconcile_id id, Ctx& ctx) const {
    return write(std::to_string(id.value), ctx);
  }
};
