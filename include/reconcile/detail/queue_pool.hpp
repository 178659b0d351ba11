// detail/queue_pool.hpp — where work_queue's keys live: key_store, the hash map of one entry
// per key, whose nodes come from a node_pool (pool_allocator): freed nodes keep their memory in
// a free list for the next key, but the key and entry in them are destroyed when the key
// leaves (a finished key is not kept alive; issue #15); std::string keys are kept whole
// instead, buffer included. shrink_to_fit() frees what is kept.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reconcile::detail {

// is_basic_string<T>: std::basic_string keys are recycled whole by key_store (see there).
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

// key_store<Key, Hash, KeyEqual, Entry>: work_queue's entries, one per key (node: the pair of
// key and entry; a node's address is stable until release). A std::string key keeps its node
// and its buffer for the next key (assigning a key reuses the buffer: no allocation); its
// destruction is unobservable but for memory. Any other key is destroyed when it leaves; only
// its node's memory is kept (node_pool).
template <class Key, class Hash, class KeyEqual, class Entry>
class key_store {
 public:
  using node = std::pair<const Key, Entry>;

  key_store() : map_(0, Hash(), KeyEqual(), pool_allocator<node>(&pool_)) {}
  key_store(const key_store&) = delete;
  key_store& operator=(const key_store&) = delete;

  node* find(const Key& k) {
    auto it = map_.find(k);
    return it == map_.end() ? nullptr : &*it;
  }
  const node* find(const Key& k) const {
    auto it = map_.find(k);
    return it == map_.end() ? nullptr : &*it;
  }
  std::size_t size() const noexcept { return map_.size(); }

  // make(key): a new entry for key (not present), default entry.
  node* make(const Key& key) {
    if constexpr (reuse_keys) {
      if (!spare_.empty()) {
        auto nh = std::move(spare_.back());
        spare_.pop_back();
        nh.key() = key;
        nh.mapped() = Entry{};
        return &*map_.insert(std::move(nh)).position;
      }
    }
    return &*map_.try_emplace(key).first;
  }

  // release(n): the key leaves.
  void release(node* n) {
    auto nh = map_.extract(n->first);  // one bucket walk; erase(find(k)) walks twice
    if constexpr (reuse_keys) spare_.push_back(std::move(nh));
  }  // else nh's destructor destroys the key now

  void reserve(std::size_t n) {
    map_.reserve(n);
    if constexpr (reuse_keys) spare_.reserve(n);
  }
  void shrink_to_fit() {
    spare_.clear();
    spare_.shrink_to_fit();
    pool_.release();
    map_.rehash(0);
  }
  std::size_t pooled() const noexcept { return pool_.pooled() + spare_.size(); }

 private:
  static constexpr bool reuse_keys = is_basic_string<Key>::value;
  using map_type = std::unordered_map<Key, Entry, Hash, KeyEqual, pool_allocator<node>>;

  node_pool pool_;  // before map_: outlives it
  map_type map_;
  std::vector<typename map_type::node_type> spare_;  // reuse_keys: finished nodes, kept whole
};

}  // namespace reconcile::detail
