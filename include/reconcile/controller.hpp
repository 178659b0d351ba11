// reconcile/controller.hpp — the loop driver: triggers in, reconciles out, with client-go's
// work-queue guarantees (see queue.hpp), per-key backoff or a user rate limiter, an optional
// global rate limit, periodic resync, per-reconcile timeouts, reconcile ids and metrics.
//
// Example:
//   reconcile::manual_clock clock;
//   reconcile::options opts;
//   opts.clock = &clock;
//   reconcile::controller<std::string> ctl(opts, [&](const std::string& key) {
//     return converge(key) ? reconcile::result::done() : reconcile::result::retry();
//   });
//   ctl.notify("web");   // edge trigger, from any thread
//   ctl.step();          // game loop / tests: runs every item due now, on this thread
//   ctl.run(stop);       // service: opts.workers threads until stop is requested
//
// Guarantees: a key is queued at most once and never reconciled concurrently; a notify during
// its reconcile runs it exactly once more afterwards, in the FIFO place of that notify; an
// immediate notify overrides a pending delayed run, a backoff included (it runs once, now; its
// failure count stays until done()). step() runs each item due when it starts at most once;
// keys notified during a step (also requeue_after(0) and re-runs of dirty keys) run in the
// next step. A key leaves the controller (its Key object is destroyed) when its last run ends.
//
// Notify after stop (a documented choice): a notify that arrives after run()'s stop was
// requested, or after run() returned, is kept (the key runs at the next step() or run(); the
// controller can be run again) and counted in metrics().notifies_after_stop. Nothing is lost.
//
// Cost: notify() and a no-op reconcile through step() take one uncontended mutex round trip
// each, a hash lookup and O(log n) heap work, and allocate nothing once the queue has seen
// its peak number of pending keys (tests/test_controller.cpp counts). A thrown exception
// allocates its message copy; terminal(msg) allocates msg.
// Threads: notify(), notify_after(), metrics(), failures(), pending() and wait_idle() are
// thread-safe. step() and run() must not overlap: step() during run() (or inside a reconcile)
// returns 0; a second run() throws controller_error. set_lister(), set_error_handler() and
// set_rate_limiter() must be called before step() or run().
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_core.hpp>
#include <reconcile/detail/raise.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/priority.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/rate_limit.hpp>
#include <reconcile/result.hpp>
#include <reconcile/run_context.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile {
namespace detail {
template <class>
inline constexpr bool always_false = false;

template <class R, class Key>
concept key_range = requires(R& r) {
  std::begin(r);
  std::end(r);
  { *std::begin(r) } -> std::convertible_to<const Key&>;
};
}  // namespace detail

/// controller_error: misuse of a controller (a second run() while one is active); what() says
/// what to do instead. A std::logic_error (a bug in the caller, not bad input: no path).
class controller_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// controller<Key, Hash, KeyEqual>: reconciles keys; Key must be hashable, equality comparable
/// and copyable (std::string, an int id, a struct with std::hash...).
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class controller {
  static constexpr bool hashable = std::is_invocable_r_v<std::size_t, const Hash&, const Key&>;
  static constexpr bool comparable = std::is_invocable_r_v<bool, const KeyEqual&, const Key&, const Key&>;
  static constexpr bool copyable = std::is_copy_constructible_v<Key> && std::is_copy_assignable_v<Key>;
  static_assert(hashable, "reconcile::controller: Key is not hashable; specialise std::hash<Key> or pass a "
                          "Hash as the second template argument");
  static_assert(!hashable || comparable, "reconcile::controller: Key is not equality comparable; define "
                                         "operator== or pass a KeyEqual as the third template argument");
  static_assert(!hashable || !comparable || copyable,
                "reconcile::controller: Key must be copy constructible and copy assignable");
  static constexpr bool key_ok = hashable && comparable && copyable;  // else: one error, not twenty
  using core_type = detail::controller_core<std::conditional_t<key_ok, Key, int>,
                                            std::conditional_t<key_ok, Hash, std::hash<int>>,
                                            std::conditional_t<key_ok, KeyEqual, std::equal_to<int>>>;

 public:
  using key_type = Key;

  /// controller(opts, reconcile): reconcile is one of, detected at compile time,
  ///   result f(const Key&)
  ///   result f(const Key&, const std::stop_token&)   stopped when shutdown begins or when
  ///                                                   options::reconcile_timeout passes
  ///   result f(const Key&, const run_context&)       + the reconcile id, failures, deadline
  /// Copies opts; allocates the reconciler's std::function and the worker slots.
  template <class F>
  controller(const options& opts, F&& reconcile) : core_(opts, make_reconciler(std::forward<F>(reconcile))) {}

  controller(const controller&) = delete;
  controller& operator=(const controller&) = delete;

  /// notify(key, p): edge trigger: key runs as soon as a worker (or the next step) is free.
  void notify(const Key& key, priority p = priority::normal) { core_.notify(key, duration::zero(), p); }

  /// notify_after(key, d, p): key runs once d has passed, unless something runs it sooner.
  void notify_after(const Key& key, duration d, priority p = priority::normal) { core_.notify(key, d, p); }

  /// set_lister(f): the level trigger's key source, used at start and every resync period.
  /// f is either `range-of-Key f()` or `void f(emit)` calling emit(key) for each key; it runs
  /// without the controller's lock (it may call notify). Example:
  ///   ctl.set_lister([&] { return std::vector<std::string>{"a", "b"}; });
  ///   ctl.set_lister([&](auto&& emit) { for (auto& [k, v] : world) emit(k); });
  template <class F>
  void set_lister(F&& f) {
    using fn = std::decay_t<F>;
    if constexpr (!key_ok) {
      return;
    } else if constexpr (std::is_invocable_v<fn&>) {
      static_assert(detail::key_range<std::invoke_result_t<fn&>, Key>,
                    "reconcile::controller::set_lister: a lister taking no argument must return a range of keys");
      if constexpr (detail::key_range<std::invoke_result_t<fn&>, Key>)
        core_.set_lister([g = fn(std::forward<F>(f))](const detail::key_sink<Key>& emit) mutable {
          for (auto&& k : g()) emit(k);
        });
    } else if constexpr (std::is_invocable_v<fn&, const detail::key_sink<Key>&>) {
      core_.set_lister([g = fn(std::forward<F>(f))](const detail::key_sink<Key>& emit) mutable { g(emit); });
    } else {
      static_assert(detail::always_false<F>, "reconcile::controller::set_lister: the lister must return a range of "
                                             "keys, or take an emit callable and call emit(key) per key");
    }
  }

  /// set_error_handler(f): f(const Key&, std::string_view what) or f(const Key&,
  /// std::string_view what, reconcile_id id) hears terminal(msg), retry(error) and
  /// retry_after(d, error) results with a message, and exceptions (what() or "unknown
  /// exception"); id is the run's reconcile id (as run_context::id() gave the reconciler).
  /// Runs unlocked on the reconciling thread; whatever it throws is swallowed.
  template <class F>
  void set_error_handler(F&& f) {
    using fn = std::decay_t<F>;
    constexpr bool with_id = std::is_invocable_v<fn&, const Key&, std::string_view, reconcile_id>;
    constexpr bool plain = std::is_invocable_v<fn&, const Key&, std::string_view>;
    static_assert(with_id || plain, "reconcile::controller::set_error_handler: the handler must be callable as "
                                    "f(const Key&, std::string_view) or f(const Key&, std::string_view, "
                                    "reconcile::reconcile_id)");
    if constexpr (key_ok && with_id)
      core_.set_error_handler(std::forward<F>(f));
    else if constexpr (key_ok && plain)
      core_.set_error_handler([g = fn(std::forward<F>(f))](const Key& k, std::string_view what,
                                                          reconcile_id) mutable { g(k, what); });
  }

  /// set_rate_limiter(l): failures and requeue() wait l.when(key, now) (the failure count of
  /// the key also grows) instead of the backoff options and the bucket; done(),
  /// requeue_after() and terminal() call l.forget(key); retry_after(d) does not consult l.
  /// l is any reconcile::rate_limiter<Key> (rate_limit.hpp: max_of, with_max_wait, ...).
  template <class L>
  void set_rate_limiter(L&& l) {
    using lim = std::decay_t<L>;
    static_assert(rate_limiter<lim, Key>, "reconcile::controller::set_rate_limiter: the limiter must have "
                                          "when(key, now), failures(key) and forget(key) (see rate_limit.hpp)");
    if constexpr (key_ok && rate_limiter<lim, Key>)
      core_.set_rate_limiter(std::make_unique<detail::limiter_holder<Key, lim>>(std::forward<L>(l)));
  }

  /// step(max_items): runs, on this thread, every item due now (at most max_items, most urgent
  /// first), each once; returns how many ran. Items due later or notified meanwhile wait.
  std::size_t step(std::size_t max_items = std::numeric_limits<std::size_t>::max()) { return core_.step(max_items); }

  /// run(stop): runs opts.workers threads until stop is requested; then no new item starts,
  /// in-flight items finish (and with drain_on_stop, due items run until none is left or
  /// shutdown_timeout passes), and run returns. Can be called again afterwards. Throws
  /// controller_error, changing nothing, if run() is already active or step() is running.
  void run(std::stop_token stop) {
    if (!core_.run(std::move(stop)))
      detail::raise(controller_error("reconcile::controller::run: run() is already active (or step() is running); "
                                     "call run() once, and again only after it returned"));
  }

  /// wait_idle(): blocks until nothing is due now, no reconcile is running and no resync pass
  /// is due: what run() does at the clock's current time is done. With a manual_clock:
  /// clock.advance(d); ctl.wait_idle(); then assert. Items due now with no run() or step() to
  /// take them keep it waiting; wait_idle_for(limit) gives up after real time limit (false).
  void wait_idle() { core_.wait_idle(); }
  bool wait_idle_for(std::chrono::steady_clock::duration limit) { return core_.wait_idle_for(limit); }

  /// metrics(): a consistent snapshot (one lock, no allocation).
  reconcile::metrics metrics() const { return core_.snapshot(); }

  /// failures(key): key's consecutive failures so far (0 once done or never failed).
  std::uint32_t failures(const Key& key) const { return core_.failures(key); }

  /// pending(): keys with a queued, delayed or running reconcile.
  std::size_t pending() const { return core_.pending(); }

  /// reserve(n): pre-sizes the queue for n pending keys (fewer allocations while warming up).
  void reserve(std::size_t n) { core_.reserve(n); }

  /// shrink_to_fit(): frees the queue memory kept for reuse (node pool, buckets, heaps).
  void shrink_to_fit() { core_.shrink_to_fit(); }

  /// config(): the options in use (workers 0 normalised to 1).
  const options& config() const noexcept { return core_.config(); }

 private:
  template <class F>
  static typename core_type::reconciler make_reconciler(F&& f) {
    using fn = std::decay_t<F>;
    if constexpr (!key_ok) {
      return {};
    } else if constexpr (std::is_invocable_r_v<result, fn&, const Key&, const run_context&>) {
      return typename core_type::reconciler(std::forward<F>(f));
    } else if constexpr (std::is_invocable_r_v<result, fn&, const Key&, const std::stop_token&>) {
      return [g = fn(std::forward<F>(f))](const Key& k, const run_context& c) mutable -> result {
        return g(k, c.stop_token());
      };
    } else if constexpr (std::is_invocable_r_v<result, fn&, const Key&>) {
      return [g = fn(std::forward<F>(f))](const Key& k, const run_context&) mutable -> result { return g(k); };
    } else {
      static_assert(detail::always_false<F>, "reconcile::controller: the reconciler must be callable as "
                                             "f(const Key&), f(const Key&, std::stop_token) or f(const Key&, "
                                             "const reconcile::run_context&) and return reconcile::result");
      return {};
    }
  }

  core_type core_;
};

}  // namespace reconcile
