// box: an owned value of any copyable type, stored inline when small (std::string fits), with
// a per-type table for copy, destroy and print. Changes keep their values and keys in boxes.
// A std::string_view is stored as a copy of its characters (see owned_view).
#pragma once

#include <reconcile/detail/names.hpp>
#include <reconcile/detail/print_leaf.hpp>
#include <reconcile/detail/type_id.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

struct box_table {
  const void* type;  // &type_id<V>: lets holds<V>() test the type without instantiating V's table
  std::string_view type_name;  // V's name, for value_ref's errors
  void (*destroy)(void* self) noexcept;
  void (*copy)(void* dst, const void* src);
  void (*move)(void* dst, void* src) noexcept;  // leaves src empty-but-destructible
  void (*print)(std::string& out, const void* value);  // value: the held value's address
  void* (*clone)(const void* value);                    // a heap copy of the value at value
  void (*drop)(void* value) noexcept;                   // deletes a clone
  bool inline_storage;
};


// A string_view is kept as an owned copy of its characters, since a box outlives the data
// it was made from; get<std::string_view>() views that copy.
struct owned_view {
  std::string text;
  std::string_view view;
  explicit owned_view(std::string_view v) : text(v), view(text) {}
  owned_view(const owned_view& o) : text(o.text), view(text) {}
  owned_view(owned_view&& o) noexcept : text(std::move(o.text)), view(text) {}
  owned_view& operator=(const owned_view& o) {
    text = o.text;
    view = text;
    return *this;
  }
  owned_view& operator=(std::string_view v) {
    text = v;
    view = text;
    return *this;
  }
};
template <class V>
struct box_storage {
  using type = V;
  static const V& value(const V& s) noexcept { return s; }
};
template <>
struct box_storage<std::string_view> {
  using type = owned_view;
  static const std::string_view& value(const owned_view& s) noexcept { return s.view; }
};
// The V stored at p (a box's storage, or a change's inline scalar).
template <class V>
const V& stored_value(const void* p) noexcept {
  return box_storage<V>::value(*static_cast<const typename box_storage<V>::type*>(p));
}

// 48 bytes: 40 bytes of inline storage for values (std::string, std::optional<std::string>,
// std::vector, std::function fit; aligned to 8: a more aligned value goes to the heap) and
// the table pointer.
class box {
 public:
  static constexpr std::size_t capacity = 40;
  static constexpr std::size_t storage_align = alignof(void*);  // a stricter alignment goes to the heap

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
  auto& emplace(A&&... a) {
    using S = stored<V>;
    reset();
    S* p;
    if constexpr (fits<V>) {
      p = ::new (static_cast<void*>(buf_)) S(std::forward<A>(a)...);
    } else {
      p = new S(std::forward<A>(a)...);
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
    using S = stored<V>;
    if (holds<V>()) {
      S* p = static_cast<S*>(const_cast<void*>(address()));
      if constexpr (std::is_same_v<S, owned_view>) {
        *p = v;
        return;
      } else if constexpr (std::is_copy_assignable_v<V>) {
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
    return table_ && table_->type == &type_id<V>;
  }
  // The value; the caller knows its type (value_ref::get is the checked form).
  template <class V>
  const V& get() const noexcept {
    return stored_value<V>(address());
  }
  void print(std::string& out) const {
    if (table_) table_->print(out, address());
  }
  // The type table and the value's address (null when empty): what a value_ref views.
  const box_table* table() const noexcept { return table_; }
  const void* data() const noexcept { return table_ ? address() : nullptr; }
  // The table of V: a value stored elsewhere (a change's inline scalar) reads through it.
  template <class V>
  static constexpr const box_table* table_of() noexcept {
    return &table_for<V>;
  }
  std::string_view type_name() const noexcept { return table_ ? table_->type_name : std::string_view(); }

 private:
  template <class V>
  using stored = typename box_storage<V>::type;
  template <class V, class S = stored<V>>
  static constexpr bool fits = sizeof(S) <= capacity && alignof(S) <= storage_align &&
                               std::is_nothrow_move_constructible_v<S>;
  const void* address() const noexcept { return table_->inline_storage ? buf_ : heap_; }

  template <class V>
  static void destroy_fn(void* self) noexcept {
    using S = stored<V>;
    box* b = static_cast<box*>(self);
    if constexpr (fits<V>) std::launder(reinterpret_cast<S*>(b->buf_))->~S();
    else delete static_cast<S*>(b->heap_);
  }
  template <class V>
  static void copy_fn(void* dst, const void* src) {
    using S = stored<V>;
    box* d = static_cast<box*>(dst);
    const S& s = *static_cast<const S*>(static_cast<const box*>(src)->address());
    if constexpr (fits<V>) ::new (static_cast<void*>(d->buf_)) S(s);
    else d->heap_ = new S(s);
  }
  template <class V>
  static void move_fn(void* dst, void* src) noexcept {
    using S = stored<V>;
    box* d = static_cast<box*>(dst);
    box* s = static_cast<box*>(src);
    if constexpr (fits<V>) {
      S* sv = std::launder(reinterpret_cast<S*>(s->buf_));
      ::new (static_cast<void*>(d->buf_)) S(std::move(*sv));
      sv->~S();
    } else {
      d->heap_ = s->heap_;
      s->heap_ = nullptr;
    }
  }
  template <class V>
  static void print_fn(std::string& out, const void* value) {
    if constexpr (leaf_printable<V>) {
      print_leaf(out, stored_value<V>(value));
    } else {
      // A struct or a container prints through print.hpp (reflection): a translation unit
      // that boxes one (a path.hpp-only program making segment::key(a_struct)) includes it.
      constexpr bool printer_included = requires(const V& v) { print_boxed(out, v); };
      static_assert(printer_included, RECONCILE_DETAIL_PRINTER_FIX);
      if constexpr (printer_included) print_boxed(out, stored_value<V>(value));
    }
  }
  template <class V>
  static void* clone_fn(const void* value) {
    return new stored<V>(*static_cast<const stored<V>*>(value));
  }
  template <class V>
  static void drop_fn(void* value) noexcept {
    delete static_cast<stored<V>*>(value);
  }
  template <class V>
  static constexpr box_table table_for = {&type_id<V>, detail::type_name<V>, &destroy_fn<V>, &copy_fn<V>, &move_fn<V>, &print_fn<V>,
                                          &clone_fn<V>, &drop_fn<V>, fits<V>};

  union {
    alignas(storage_align) unsigned char buf_[capacity];
    void* heap_ = nullptr;  // lets no_box be constant-initialised
  };
  const box_table* table_ = nullptr;
};
static_assert(sizeof(box) == 48, "reconcile: a box is its storage and its table pointer");

// The empty box: what a change's missing value (the old value of an add) reads as.
inline constinit const box no_box{};

}  // namespace reconcile::detail
