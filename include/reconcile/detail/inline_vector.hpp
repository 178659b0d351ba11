// inline_vector<T, N>: a vector that keeps its first N elements inline (a path's segments).
// Only what path needs: append, index, iterate, clear (keeping the storage), copy and move.
// Replaces boost::container::small_vector, whose headers and instantiation cost about 0.15 s
// of g++ -O2 in every translation unit that diffs. T must be nothrow move constructible.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

template <class T, std::size_t N>
class inline_vector {
  static_assert(N > 0 && std::is_nothrow_move_constructible_v<T>);

 public:
  using value_type = T;
  using const_iterator = const T*;

  inline_vector() noexcept = default;
  inline_vector(const inline_vector& o) {
    undo_on_throw undo{this};  // a copy that throws leaves nothing behind
    append_copies(o);
    undo.v = nullptr;
  }
  inline_vector(inline_vector&& o) noexcept { take(o); }
  inline_vector& operator=(const inline_vector& o) {
    if (this != &o) {
      clear();
      append_copies(o);
    }
    return *this;
  }
  inline_vector& operator=(inline_vector&& o) noexcept {
    if (this != &o) {
      clear();
      if (o.on_heap()) release();  // else o's elements move into the storage this has
      take(o);
    }
    return *this;
  }
  ~inline_vector() {
    clear();
    release();
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }  // path refills kept segments
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }

  template <class... A>
  T& emplace_back(A&&... a) {
    if (size_ == cap_) [[unlikely]]
      return grow_and_emplace(std::forward<A>(a)...);
    T* p = ::new (static_cast<void*>(data_ + size_)) T(std::forward<A>(a)...);
    ++size_;
    return *p;
  }
  void push_back(const T& v) { emplace_back(v); }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  /// Destroys the elements; the storage (inline or on the heap) stays for reuse.
  void clear() noexcept {
    for (std::size_t i = size_; i > 0; --i) data_[i - 1].~T();
    size_ = 0;
  }

 private:
  struct undo_on_throw {
    inline_vector* v;
    ~undo_on_throw() {
      if (v) {
        v->clear();
        v->release();
      }
    }
  };
  struct free_on_throw {
    T* p;
    ~free_on_throw() {
      if (p) deallocate(p);
    }
  };

  bool on_heap() const noexcept { return data_ != inline_data(); }
  T* inline_data() noexcept { return reinterpret_cast<T*>(buf_); }
  const T* inline_data() const noexcept { return reinterpret_cast<const T*>(buf_); }
  static T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(alignof(T))));
  }
  static void deallocate(T* p) noexcept { ::operator delete(p, std::align_val_t(alignof(T))); }
  // Frees heap storage (the vector must be empty) and returns to the inline buffer.
  void release() noexcept {
    if (on_heap()) deallocate(data_);
    data_ = inline_data();
    cap_ = N;
  }
  // Moves o's heap block (this holds none), or o's elements (they fit), into this empty vector.
  void take(inline_vector& o) noexcept {
    if (o.on_heap()) {
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      o.data_ = o.inline_data();
      o.size_ = 0;
      o.cap_ = N;
    } else {
      for (std::size_t i = 0; i < o.size_; ++i) ::new (static_cast<void*>(data_ + i)) T(std::move(o.data_[i]));
      size_ = o.size_;
      o.clear();
    }
  }
  void append_copies(const inline_vector& o) {
    if (o.size_ > cap_) reallocate(o.size_);
    for (std::size_t i = 0; i < o.size_; ++i) emplace_back(o.data_[i]);
  }
  void reallocate(std::size_t cap) { adopt(allocate(cap), cap); }
  // Moves the elements into `fresh` (capacity `cap`) and makes it the storage.
  void adopt(T* fresh, std::size_t cap) {
    for (std::size_t i = 0; i < size_; ++i) {
      ::new (static_cast<void*>(fresh + i)) T(std::move(data_[i]));
      data_[i].~T();
    }
    if (on_heap()) deallocate(data_);
    data_ = fresh;
    cap_ = cap;
  }
  // The new element is built first, so that arguments referring to elements stay valid.
  template <class... A>
  [[gnu::noinline]] T& grow_and_emplace(A&&... a) {
    const std::size_t cap = 2 * cap_;
    T* fresh = allocate(cap);
    free_on_throw undo{fresh};
    T* p = ::new (static_cast<void*>(fresh + size_)) T(std::forward<A>(a)...);
    undo.p = nullptr;
    adopt(fresh, cap);
    ++size_;
    return *p;
  }

  T* data_ = inline_data();
  std::size_t size_ = 0;
  std::size_t cap_ = N;
  alignas(T) unsigned char buf_[N * sizeof(T)];
};

}  // namespace reconcile::detail
