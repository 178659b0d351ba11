// reconcile/sim/actuator.hpp - faulty_actuator<Inner>: wraps any actuator and, as the
// injector decides, fails calls (thrown, or returned as false / an error code), lets their
// effect land late, loses the acknowledgement of an effect that landed, or delivers a request
// twice. It counts the calls made on each resource address (a checker bounds them).
#pragma once

#include <reconcile/execute.hpp>
#include <reconcile/sim/detail/calls.hpp>
#include <reconcile/sim/injector.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
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

/// faulty_actuator<Inner, Ret = bool>(inner, injector): an actuator for execute() whose calls
/// go to inner, with faults. Ret is what its calls return: bool (false = failure),
/// std::error_code or reconcile::effect. A lost acknowledgement is an unknown outcome:
/// effect::unknown, or a thrown reconcile::outcome_unknown for the other Rets. Thread-safe when inner is. Costs per call: one injector decision, one
/// counter update; a late or duplicate delivery copies the action and its resources.
template <class Inner, class Ret = bool>
class faulty_actuator {
 public:
  faulty_actuator(Inner& inner, injector& faults) : inner_(inner), faults_(faults) {}

  // The calls execute makes (the action form; the inner calls get no stop token). Their bodies
  // live in *_impl members: lambdas directly in these bodies are one of the shapes on which
  // clang 14 crashes through execute's call forms.
  template <class K, class R>
  Ret create(const K& k, const R& desired, const action& a) {
    return create_impl<K, R>(k, desired, a);
  }
  template <class K, class R>
  Ret update(const K& k, const R& observed, const R& desired, const changeset<R>& cs, const action& a) {
    return update_impl<K, R>(k, observed, desired, cs, a);
  }
  template <class K, class R>
  Ret remove(const K& k, const R& observed, const action& a) {
    return remove_impl<K, R>(k, observed, a);
  }
  template <class K, class R>
    requires detail::replaces<Inner, K, R>
  Ret replace(const K& k, const R& observed, const R& desired, const action& a) {
    return replace_impl<K, R>(k, observed, desired, a);
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
  Ret create_impl(const K& k, const R& desired, const action& a) {
    return issue<K, R>(
        a, [this, &k, &desired, &a] { return detail::create_on(inner_, k, desired, a, none_); },
        [this](const copy<K, R>& c) { return detail::create_on(inner_, c.key(), c.desired(), c, std::stop_token{}); });
  }
  template <class K, class R>
  Ret update_impl(const K& k, const R& observed, const R& desired, const changeset<R>& cs, const action& a) {
    return issue<K, R>(a, [this, &k, &observed, &desired, &cs, &a] { return detail::update_on(inner_, k, observed, desired, cs, a, none_); },
                       [this](const copy<K, R>& c) {
                         return detail::update_on(inner_, c.key(), c.observed(), c.desired(), c.changes(), c,
                                                  std::stop_token{});
                       });
  }
  template <class K, class R>
  Ret remove_impl(const K& k, const R& observed, const action& a) {
    return issue<K, R>(
        a, [this, &k, &observed, &a] { return detail::remove_on(inner_, k, observed, a, none_); },
        [this](const copy<K, R>& c) { return detail::remove_on(inner_, c.key(), c.observed(), c, std::stop_token{}); });
  }

  template <class K, class R>
  Ret replace_impl(const K& k, const R& observed, const R& desired, const action& a) {
    return issue<K, R>(a, [this, &k, &observed, &desired, &a] { return detail::replace_on(inner_, k, observed, desired, a, none_); },
                       [this](const copy<K, R>& c) {
                         return detail::replace_on(inner_, c.key(), c.observed(), c.desired(), c, std::stop_token{});
                       });
  }
  template <class K, class R>
  using copy = reconcile::detail::resource_action<K, R>;

  // What the inner call f() did.
  template <class F>
  static reconcile::detail::call_result run_inner(F&& f, const std::stop_token& st) {
    return reconcile::detail::outcome_of(std::forward<F>(f), st);
  }

  // Runs the call under the fault decided for it; `again(copy)` makes the call that delivers
  // it later, from a copy of the action (the plan and its resources are gone by then).
  template <class K, class R, class Now, class Again>
  Ret issue(const action& a, Now now, Again again) {
    const std::string address = a.address();
    {
      std::lock_guard lk(m_);
      ++total_;
      ++per_address_[address];
    }
    const std::optional<fault> f = faults_.on_call(address, reconcile::to_string(a.verb()));
    if (!f) return settle(run_inner(now, none_));
    auto later = [this, &a, &f, &again] {
      std::shared_ptr<const copy<K, R>> c = detail::copy_action<K, R>(a);
      faults_.defer(f->param, [c, again] { (void)run_inner([&c, &again] { return again(*c); }, std::stop_token{}); });
    };
    switch (f->kind) {
      case fault_kind::fail:
        if (f->param == 0) throw injected_failure("injected failure: " + f->note + " " + address);
        return detail::failure<Ret>();
      case fault_kind::late: later(); return detail::success<Ret>();
      case fault_kind::lost_ack:
        (void)run_inner(now, none_);
        return detail::unknown<Ret>("acknowledgement lost: " + f->note + " " + address + " (it landed)");
      case fault_kind::duplicate: {
        auto result = run_inner(now, none_);
        later();
        return settle(std::move(result));
      }
      default: return settle(run_inner(now, none_));
    }
  }
  // What inner's result says, in Ret's terms (a failure's text thrown, to keep it).
  static Ret settle(const reconcile::detail::call_result& r) {
    switch (r.what) {
      case reconcile::effect::done: return detail::success<Ret>();
      case reconcile::effect::unknown: return detail::unknown<Ret>(r.text);
      case reconcile::effect::failed: break;
    }
    throw std::runtime_error(r.text);
  }

  Inner& inner_;
  injector& faults_;
  const std::stop_token none_{};
  mutable std::mutex m_;
  std::size_t total_ = 0;
  std::map<std::string, std::uint32_t> per_address_;
};

}  // namespace reconcile::sim
