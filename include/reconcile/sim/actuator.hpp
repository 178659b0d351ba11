// reconcile/sim/actuator.hpp - faulty_actuator<Inner>: wraps any actuator and, as the
// injector decides, fails calls (thrown, or returned as false / an error code), lets their
// effect land late, loses the acknowledgement of an effect that landed, or delivers a request
// twice. It counts the calls made on each resource address (a checker bounds them).
#pragma once

#include <reconcile/detail/execute_impl.hpp>
#include <reconcile/sim/detail/calls.hpp>
#include <reconcile/sim/injector.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace reconcile::sim {

/// injected_failure: what a `fail` fault throws (the call had no effect).
struct injected_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// ack_lost: what a `lost_ack` fault throws: the effect landed, the caller cannot know.
struct ack_lost : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// faulty_actuator<Inner, Ret = bool>(inner, injector): an actuator for execute() whose calls
/// go to inner, with faults. Ret is what its calls return: bool (false = failure) or
/// std::error_code. Thread-safe when inner is. Costs per call: one injector decision, one
/// counter update; a late or duplicate delivery copies the action and its resources.
template <class Inner, class Ret = bool>
class faulty_actuator {
 public:
  faulty_actuator(Inner& inner, injector& faults) : inner_(inner), faults_(faults) {}

  template <class K, class R>
  Ret create(const K& k, const R& desired, const action& a) {
    return issue<K, R>(
        a, [&] { return outcome_of([&] { return reconcile::detail::call_create(inner_, k, desired, a); }); },
        [this](const copy<K, R>& c) { return outcome_of([&] { return reconcile::detail::call_create(inner_, c.key(), c.desired(), c); }); });
  }
  template <class K, class R>
  Ret update(const K& k, const R& observed, const R& desired, const changeset<R>& cs, const action& a) {
    return issue<K, R>(
        a, [&] { return outcome_of([&] { return reconcile::detail::call_update(inner_, k, observed, desired, cs, a); }); },
        [this](const copy<K, R>& c) {
          return outcome_of([&] { return reconcile::detail::call_update(inner_, c.key(), c.observed(), c.desired(), c.changes(), c); });
        });
  }
  template <class K, class R>
  Ret remove(const K& k, const R& observed, const action& a) {
    return issue<K, R>(
        a, [&] { return outcome_of([&] { return reconcile::detail::call_remove(inner_, k, observed, a); }); },
        [this](const copy<K, R>& c) { return outcome_of([&] { return reconcile::detail::call_remove(inner_, c.key(), c.observed(), c); }); });
  }
  template <class K, class R>
    requires reconcile::detail::has_replace<Inner, K, R>
  Ret replace(const K& k, const R& observed, const R& desired, const action& a) {
    return issue<K, R>(
        a, [&] { return outcome_of([&] { return reconcile::detail::call_replace(inner_, k, observed, desired, a); }); },
        [this](const copy<K, R>& c) {
          return outcome_of([&] { return reconcile::detail::call_replace(inner_, c.key(), c.observed(), c.desired(), c); });
        });
  }

  /// calls(): actuator calls made so far (deliveries the faults added not counted).
  std::size_t calls() const {
    std::lock_guard lk(m_);
    return total_;
  }
  /// calls_by_address(): the calls made on each resource address.
  std::map<std::string, std::uint32_t> calls_by_address() const {
    std::lock_guard lk(m_);
    return per_address_;
  }

 private:
  template <class K, class R>
  using copy = reconcile::detail::resource_action<K, R>;
  template <class F>
  static std::optional<std::string> outcome_of(F&& f) {
    return reconcile::detail::outcome_of(std::forward<F>(f));
  }

  // Runs `now()` (the inner call) under the fault decided for it; `again(copy)` delivers it
  // later from a copy of the action (the plan and its resources are gone by then).
  template <class K, class R, class Now, class Again>
  Ret issue(const action& a, Now&& now, Again again) {
    const std::string address = a.address();
    {
      std::lock_guard lk(m_);
      ++total_;
      ++per_address_[address];
    }
    const std::optional<fault> f = faults_.on_call(address, reconcile::to_string(a.verb()));
    if (!f) return settle(now());
    auto later = [&] {
      std::shared_ptr<const copy<K, R>> c = detail::copy_action<K, R>(a);
      faults_.defer(f->param, [c, again]() mutable { (void)again(*c); });
    };
    switch (f->kind) {
      case fault_kind::fail:
        if (f->param == 0) throw injected_failure("injected failure: " + f->note + " " + address);
        return detail::failure<Ret>();
      case fault_kind::late: later(); return detail::success<Ret>();
      case fault_kind::lost_ack:
        (void)now();
        throw ack_lost("acknowledgement lost: " + f->note + " " + address + " (it landed)");
      case fault_kind::duplicate: {
        auto result = now();
        later();
        return settle(std::move(result));
      }
      default: return settle(now());
    }
  }
  static Ret settle(std::optional<std::string> error) {
    if (error) throw std::runtime_error(*error);
    return detail::success<Ret>();
  }

  Inner& inner_;
  injector& faults_;
  mutable std::mutex m_;
  std::size_t total_ = 0;
  std::map<std::string, std::uint32_t> per_address_;
};

}  // namespace reconcile::sim
