// box: an owned value of any copyable type, stored inline when small (std::string fits), with
// a per-type table for copy, destroy and print. Changes keep their values and keys in boxes.
#pragma once

#include <reconcile/detail/print.hpp>

#include <cstddef>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

struct box_table {
  const void* type;  // &box_type_id<V>: lets holds<V>() test the type without instantiating V's table
  void (*destroy)(void* self) noexcept;
  void (*copy)(void* dst, const void* src);
  void (*move)(void* dst, void* src) noexcept;  // leaves src empty-but-destructible
  void (*print)(std::string& out, const void* self);
  bool inline_storage;
};

template <class V>
inline constexpr char box_type_id = 0;

class box {
 public:
  static constexpr std::size_t capacity = 40;

  box() noexcept = default;
  template <class V, class = std::enable_if_t<!std::is_same_v<std::decay_t<V>, box>>>
  explicit box(V&& v) {
    emplace<std::decay_t<V>>(std::forward<V>(v));
  }
  box(const box& o) : table_(o.table_) {
    if (table_) table_->copy(this, &o);
  }
  box(box&& o) noexcept : table_(o.table_) {
    if (table_) table_->move(this, &o);
    o.table_ = nullptr;
  }
  box& operator=(const box& o) {
    if (this != &o) {
      box tmp(o);
      *this = std::move(tmp);
    }
    return *this;
  }
  box& operator=(box&& o) noexcept {
    if (this != &o) {
      reset();
      table_ = o.table_;
      if (table_) table_->move(this, &o);
      o.table_ = nullptr;
    }
    return *this;
  }
  ~box() { reset(); }

  template <class V, class... A>
  V& emplace(A&&... a) {
    reset();
    V* p;
    if constexpr (fits<V>) {
      p = ::new (static_cast<void*>(buf_)) V(std::forward<A>(a)...);
    } else {
      p = new V(std::forward<A>(a)...);
      heap_ = p;
    }
    table_ = &table_for<V>;
    return *p;
  }
  // Assigns in place when the box already holds a V (no allocation), else emplaces. A V that
  // cannot be assigned (a closure with captures) but copies without throwing is rebuilt in
  // place, in the same storage.
  template <class V>
  void assign(const V& v) {
    if (holds<V>()) {
      V* p = static_cast<V*>(const_cast<void*>(address()));
      if constexpr (std::is_copy_assignable_v<V>) {
        *p = v;
        return;
      } else if constexpr (std::is_nothrow_copy_constructible_v<V>) {
        p->~V();
        ::new (static_cast<void*>(p)) V(v);
        return;
      }
    }
    emplace<V>(v);
  }
  void reset() noexcept {
    if (table_) table_->destroy(this);
    table_ = nullptr;
  }
  bool empty() const noexcept { return table_ == nullptr; }
  template <class V>
  bool holds() const noexcept {
    return table_ && table_->type == &box_type_id<V>;
  }
  // The value; the caller knows its type (checked in debug builds).
  template <class V>
  const V& get() const noexcept {
    return *static_cast<const V*>(address());
  }
  void print(std::string& out) const {
    if (table_) table_->print(out, this);
  }

 private:
  template <class V>
  static constexpr bool fits = sizeof(V) <= capacity && alignof(V) <= alignof(std::max_align_t) &&
                               std::is_nothrow_move_constructible_v<V>;
  const void* address() const noexcept { return table_->inline_storage ? buf_ : heap_; }

  template <class V>
  static void destroy_fn(void* self) noexcept {
    box* b = static_cast<box*>(self);
    if constexpr (fits<V>) std::launder(reinterpret_cast<V*>(b->buf_))->~V();
    else delete static_cast<V*>(b->heap_);
  }
  template <class V>
  static void copy_fn(void* dst, const void* src) {
    box* d = static_cast<box*>(dst);
    const V& s = static_cast<const box*>(src)->get<V>();
    if constexpr (fits<V>) ::new (static_cast<void*>(d->buf_)) V(s);
    else d->heap_ = new V(s);
  }
  template <class V>
  static void move_fn(void* dst, void* src) noexcept {
    box* d = static_cast<box*>(dst);
    box* s = static_cast<box*>(src);
    if constexpr (fits<V>) {
      V* sv = std::launder(reinterpret_cast<V*>(s->buf_));
      ::new (static_cast<void*>(d->buf_)) V(std::move(*sv));
      sv->~V();
    } else {
      d->heap_ = s->heap_;
      s->heap_ = nullptr;
    }
  }
  template <class V>
  static void print_fn(std::string& out, const void* self) {
    print_value(out, static_cast<const box*>(self)->get<V>());
  }
  template <class V>
  static constexpr box_table table_for = {&box_type_id<V>, &destroy_fn<V>, &copy_fn<V>, &move_fn<V>, &print_fn<V>,
                                          fits<V>};

  union {
    alignas(std::max_align_t) unsigned char buf_[capacity];
    void* heap_;
  };
  const box_table* table_ = nullptr;
};

}  // namespace reconcile::detail
