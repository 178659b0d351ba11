// What plan_for needs of reconcile::expectations, and no more: a small vtable (expect_hooks)
// and the pointer type of plan_options::expect (expect_ptr). plan.hpp includes this, not
// expectations.hpp, so planning does not parse mutexes, clocks, atomics and journals; the
// expectations object itself (expectations.hpp) implements the hooks. Part of plan.hpp.
#pragma once

#include <reconcile/action.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

namespace reconcile {
class expectations;  // declared only: defined in expectations.hpp (the public header of the concept)
}

namespace reconcile::detail {

// fn_ref<R(A...)>: a non-owning reference to a callable, as C++26's std::function_ref: one
// object pointer and one call trampoline, no allocation. The callable must outlive the call
// it is passed to.
template <class Sig>
class fn_ref;
template <class R, class... A>
class fn_ref<R(A...)> {
 public:
  template <class F>
    requires(!std::same_as<std::remove_cvref_t<F>, fn_ref> && std::is_invocable_r_v<R, F&, A...>)
  fn_ref(F&& f) noexcept  // NOLINT(google-explicit-constructor): a callable converts, as to std::function
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* o, A... a) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...); }) {}
  R operator()(A... a) const { return call_(object_, std::forward<A>(a)...); }

 private:
  void* object_;
  R (*call_)(void*, A...);
};

// The hooks plan_for calls (reconcile::expectations derives from this privately and
// implements them under its lock; see expectations.hpp for what each one does).
class expect_hooks {
 public:
  using target_test = fn_ref<bool(const expected_target&)>;
  // whether any expectation of kind `kind_index` was reloaded from a journal (known by hash only)
  virtual bool has_restored(std::size_t kind_index) const = 0;
  // settles the expectations of kind `kind_index` in `slice`: shown(target) says whether the
  // observation shows the target's address, met(target) whether it meets the target
  virtual void settle(std::size_t kind_index, const std::string& slice, bool whole, target_test shown,
                      target_test met) = 0;
  // the action's attempt number and request id; held when its address is in flight
  virtual void mark(action& a, const request_id_format& f, const std::string& slice) const = 0;

 protected:
  expect_hooks() = default;
  expect_hooks(const expect_hooks&) = default;
  expect_hooks& operator=(const expect_hooks&) = default;
  ~expect_hooks() = default;
};

// expect_ptr: the type of plan_options::expect. Behaves as a `reconcile::expectations*`
// (assign &e or nullptr, test it, compare it, convert it back to expectations*), and also
// holds the hooks, so plan.hpp needs expectations only declared. The conversions are
// templates, instantiated where expectations is complete (the caller has an object of it).
class expect_ptr {
 public:
  constexpr expect_ptr() noexcept = default;
  constexpr expect_ptr(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor)
  template <class E>
    requires std::same_as<E, expectations>
  expect_ptr(E* e) noexcept : object_(e), hooks_(e) {}  // NOLINT(google-explicit-constructor)
  template <class E>
    requires std::same_as<E, expectations>
  operator E*() const noexcept {  // NOLINT(google-explicit-constructor)
    return object_;
  }
  explicit operator bool() const noexcept { return object_ != nullptr; }
  friend bool operator==(const expect_ptr& a, const expect_ptr& b) noexcept { return a.object_ == b.object_; }
  friend bool operator==(const expect_ptr& a, std::nullptr_t) noexcept { return a.object_ == nullptr; }
  // plan_for's way in (null when no expectations are set)
  expect_hooks* hooks() const noexcept { return hooks_; }

 private:
  expectations* object_ = nullptr;
  expect_hooks* hooks_ = nullptr;
};

}  // namespace reconcile::detail
