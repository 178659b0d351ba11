#pragma once
// tests/support/alloc_counter.hpp — counts heap allocations, to prove "allocates nothing".
//
// Expand RECONCILE_DEFINE_ALLOC_COUNTER() once, at namespace scope, in ONE test file of an
// executable: it replaces the global operator new/delete (all forms) with malloc-based ones
// that count. Then, anywhere:
//   reconcile::test::alloc_scope s;
//   code_under_test();
//   CHECK(s.count() == 0);        // allocations made by THIS thread inside the scope
// reconcile::test::total_allocations counts every thread's allocations, for the curious.
// Without the macro the counters exist but stay at zero.

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace reconcile::test {

// total_allocations: every successful operator new in the process (all threads).
inline std::atomic<long> total_allocations{0};
// thread_allocations: operator new calls made by the current thread.
inline thread_local long thread_allocations = 0;

// alloc_scope: RAII window; count() = allocations by this thread since construction.
class alloc_scope {
 public:
  alloc_scope() noexcept : start_(thread_allocations) {}
  long count() const noexcept { return thread_allocations - start_; }

 private:
  long start_;
};

namespace detail {
inline void* counted_alloc(std::size_t n, std::size_t align) {
  if (n == 0) n = 1;
  void* p = nullptr;
  if (align <= alignof(std::max_align_t)) {
    p = std::malloc(n);
  } else {
    const std::size_t rounded = (n + align - 1) / align * align;
    p = std::aligned_alloc(align, rounded);
  }
  if (!p) {
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort();
#endif
  }
  ++thread_allocations;
  total_allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}
}  // namespace detail
}  // namespace reconcile::test

// RECONCILE_DEFINE_ALLOC_COUNTER(): defines the counting global operator new/delete.
#define RECONCILE_DEFINE_ALLOC_COUNTER()                                                                    \
  void* operator new(std::size_t n) { return ::reconcile::test::detail::counted_alloc(n, 0); }              \
  void* operator new[](std::size_t n) { return ::reconcile::test::detail::counted_alloc(n, 0); }            \
  void* operator new(std::size_t n, std::align_val_t a) {                                                   \
    return ::reconcile::test::detail::counted_alloc(n, static_cast<std::size_t>(a));                        \
  }                                                                                                         \
  void* operator new[](std::size_t n, std::align_val_t a) {                                                 \
    return ::reconcile::test::detail::counted_alloc(n, static_cast<std::size_t>(a));                        \
  }                                                                                                         \
  void operator delete(void* p) noexcept { std::free(p); }                                                  \
  void operator delete[](void* p) noexcept { std::free(p); }                                                \
  void operator delete(void* p, std::size_t) noexcept { std::free(p); }                                     \
  void operator delete[](void* p, std::size_t) noexcept { std::free(p); }                                   \
  void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }                                \
  void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }                              \
  void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }                   \
  void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }                 \
  static_assert(true, "")
