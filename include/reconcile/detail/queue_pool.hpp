// detail/queue_pool.hpp — the allocator of work_queue's hash-map nodes: freed nodes keep
// their memory in a free list for the next key, but the key and entry in them are destroyed
// when the key leaves (a finished key is not kept alive; issue #15). release() frees the list.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <type_traits>

namespace reconcile::detail {

// is_basic_string<T>: std::basic_string keys are recycled whole by work_queue (see there).
template <class T>
struct is_basic_string : std::false_type {};
template <class C, class T, class A>
struct is_basic_string<std::basic_string<C, T, A>> : std::true_type {};

// node_pool: a free list of raw blocks of one size, the size of the first single-object
// allocation it serves (the map's node). Not thread-safe; owned by one work_queue.
class node_pool {
 public:
  node_pool() = default;
  node_pool(const node_pool&) = delete;
  node_pool& operator=(const node_pool&) = delete;
  ~node_pool() { release(); }

  void* take(std::size_t size) {
    if (block_ == 0) block_ = size < sizeof(link) ? sizeof(link) : size;
    if (size != block_ || free_ == nullptr) return ::operator new(size < sizeof(link) ? sizeof(link) : size);
    link* l = free_;
    free_ = l->next;
    --pooled_;
    return l;
  }

  void give(void* p, std::size_t size) noexcept {
    if (size != block_) {
      ::operator delete(p);
      return;
    }
    free_ = ::new (p) link{free_};
    ++pooled_;
  }

  // release(): frees every pooled block. O(pooled).
  void release() noexcept {
    while (free_ != nullptr) {
      link* next = free_->next;
      ::operator delete(static_cast<void*>(free_));
      free_ = next;
    }
    pooled_ = 0;
  }

  std::size_t pooled() const noexcept { return pooled_; }

 private:
  struct link {
    link* next;
  };
  link* free_ = nullptr;
  std::size_t block_ = 0;
  std::size_t pooled_ = 0;
};

// pool_allocator<T>: routes single-object allocations (hash nodes) through a node_pool and
// everything else (bucket arrays) to operator new.
template <class T>
struct pool_allocator {
  using value_type = T;
  node_pool* pool;

  explicit pool_allocator(node_pool* p) noexcept : pool(p) {}
  template <class U>
  pool_allocator(const pool_allocator<U>& other) noexcept : pool(other.pool) {}

  T* allocate(std::size_t n) {
    if (n == 1 && alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__) return static_cast<T*>(pool->take(sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n == 1 && alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      pool->give(p, sizeof(T));
    else
      std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  friend bool operator==(const pool_allocator& a, const pool_allocator<U>& b) noexcept {
    return a.pool == b.pool;
  }
};

}  // namespace reconcile::detail
