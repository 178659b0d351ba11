#pragma once
// reconcile/controller.hpp — the loop driver: triggers in, reconciles out, with client-go's
// work-queue guarantees (see queue.hpp), per-key backoff, an optional global rate limit,
// periodic resync and metrics.
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
// its reconcile runs it exactly once more afterwards; an immediate notify overrides a pending
// delayed run, a backoff included (it runs once, now; its failure count stays until done()).
// step() runs each item due when it starts at most once; keys notified during a step (also
// requeue_after(0) and re-runs of dirty keys) run in the next step.
//
// Cost: notify() and a no-op reconcile through step() take one uncontended mutex round trip
// each, a hash lookup and O(log n) heap work, and allocate nothing once the queue has seen
// its peak number of pending keys (tests/test_controller.cpp counts). A thrown exception
// allocates its message copy; terminal(msg) allocates msg.
// Threads: notify(), notify_after(), metrics(), failures() and pending() are thread-safe.
// step() and run() must not overlap each other (a second one returns 0 / at once).
// set_lister() and set_error_handler() must be called before step() or run().

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <stop_token>
#include <string_view>
#include <type_traits>
#include <utility>

#include <reconcile/clock.hpp>
#include <reconcile/detail/controller_core.hpp>
#include <reconcile/metrics.hpp>
#include <reconcile/options.hpp>
#include <reconcile/queue.hpp>
#include <reconcile/result.hpp>

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

// controller<Key, Hash, KeyEqual>: reconciles keys; Key must be hashable, equality comparable
// and copyable (std::string, an int id, a struct with std::hash...).
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

  // controller(opts, reconcile): reconcile is result(const Key&) or
  // result(const Key&, const std::stop_token&) (the token of run(); stopped once shutdown
  // begins). Copies opts; allocates the reconciler's std::function and the worker slots.
  template <class F>
  controller(const options& opts, F&& reconcile) : core_(opts, make_reconciler(std::forward<F>(reconcile))) {}

  controller(const controller&) = delete;
  controller& operator=(const controller&) = delete;

  // notify(key, p): edge trigger: key runs as soon as a worker (or the next step) is free.
  void notify(const Key& key, priority p = priority::normal) { core_.notify(key, duration::zero(), p); }

  // notify_after(key, d, p): key runs once d has passed, unless something runs it sooner.
  void notify_after(const Key& key, duration d, priority p = priority::normal) { core_.notify(key, d, p); }

  // set_lister(f): the level trigger's key source, used at start and every resync period.
  // f is either `range-of-Key f()` or `void f(emit)` calling emit(key) for each key; it runs
  // without the controller's lock (it may call notify). Example:
  //   ctl.set_lister([&] { return std::vector<std::string>{"a", "b"}; });
  //   ctl.set_lister([&](auto&& emit) { for (auto& [k, v] : world) emit(k); });
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

  // set_error_handler(f): f(const Key&, std::string_view what) hears terminal(msg) results and
  // exceptions (what() or "unknown exception"); runs unlocked on the reconciling thread;
  // whatever it throws is swallowed.
  template <class F>
  void set_error_handler(F&& f) {
    static_assert(std::is_invocable_v<std::decay_t<F>&, const Key&, std::string_view>,
                  "reconcile::controller::set_error_handler: the handler must be callable as f(const Key&, "
                  "std::string_view)");
    if constexpr (key_ok && std::is_invocable_v<std::decay_t<F>&, const Key&, std::string_view>)
      core_.set_error_handler(std::forward<F>(f));
  }

  // step(max_items): runs, on this thread, every item due now (at most max_items, most urgent
  // first), each once; returns how many ran. Items due later or notified meanwhile wait.
  std::size_t step(std::size_t max_items = std::numeric_limits<std::size_t>::max()) { return core_.step(max_items); }

  // run(stop): runs opts.workers threads until stop is requested; then no new item starts,
  // in-flight items finish (and with drain_on_stop, due items run until none is left or
  // shutdown_timeout passes), and run returns. Can be called again afterwards.
  void run(std::stop_token stop) { core_.run(std::move(stop)); }

  // metrics(): a consistent snapshot (one lock, no allocation).
  reconcile::metrics metrics() const { return core_.snapshot(); }

  // failures(key): key's consecutive failures so far (0 once done or never failed).
  std::uint32_t failures(const Key& key) const { return core_.failures(key); }

  // pending(): keys with a queued, delayed or running reconcile.
  std::size_t pending() const { return core_.pending(); }

  // reserve(n): pre-sizes the queue for n pending keys (fewer allocations while warming up).
  void reserve(std::size_t n) { core_.reserve(n); }

  // config(): the options in use (workers 0 normalised to 1).
  const options& config() const noexcept { return core_.config(); }

 private:
  template <class F>
  static typename core_type::reconciler make_reconciler(F&& f) {
    using fn = std::decay_t<F>;
    if constexpr (!key_ok) {
      return {};
    } else if constexpr (std::is_invocable_r_v<result, fn&, const Key&, const std::stop_token&>) {
      return typename core_type::reconciler(std::forward<F>(f));
    } else if constexpr (std::is_invocable_r_v<result, fn&, const Key&>) {
      return [g = fn(std::forward<F>(f))](const Key& k, const std::stop_token&) mutable -> result { return g(k); };
    } else {
      static_assert(detail::always_false<F>, "reconcile::controller: the reconciler must be callable as "
                                             "f(const Key&) or f(const Key&, std::stop_token) and return "
                                             "reconcile::result");
      return {};
    }
  }

  core_type core_;
};

}  // namespace reconcile
