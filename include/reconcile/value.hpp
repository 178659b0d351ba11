// reconcile/value.hpp - value_ref: the public, checked view of a value a change or a path
// segment holds (an old or new value, a key, an anchor), and the error of a wrong-typed read.
#pragma once

#include <reconcile/detail/box.hpp>
#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reconcile {

/// bad_value_access: value_ref::get<V>() asked for a type the value does not have.
class bad_value_access : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
struct value_access;
}  // namespace detail

/// value_ref: a view of a value held by a change or a path segment; valid while its owner
/// (the changeset) lives and is not refilled. Reading it costs a type check, no allocation.
///   if (auto v = c.new_value(); v.holds<int>()) use(v.get<int>());
class value_ref {
 public:
  value_ref() noexcept = default;

  /// True when there is no value (the old value of an add, the new value of a remove).
  bool empty() const noexcept { return table_ == nullptr; }
  explicit operator bool() const noexcept { return !empty(); }
  /// True when the value is a V (exactly: the field's declared type, or a key's type).
  template <class V>
  bool holds() const noexcept {
    return table_ != nullptr && table_->type == &detail::type_id<V>;
  }
  /// The value as a V; throws bad_value_access when it holds another type or none.
  template <class V>
  const V& get() const {
    if (!holds<V>()) wrong_type(detail::type_name<V>);
    return detail::stored_value<V>(data_);
  }
  /// A pointer to the value when it is a V, else null.
  template <class V>
  const V* get_if() const noexcept {
    return holds<V>() ? &detail::stored_value<V>(data_) : nullptr;
  }
  /// The held type's name ("int", "std::string"), empty when there is no value.
  std::string_view type_name() const noexcept { return table_ ? table_->type_name : std::string_view(); }
  /// The value as a change prints it (`"web"`, `3`, `{port: 80}`); empty when there is none.
  std::string to_string() const {
    std::string out;
    print(out);
    return out;
  }

 private:
  friend struct detail::value_access;
  // A value at data, of the type table describes (a box's, or a change's inline scalar).
  value_ref(const void* data, const detail::box_table* table) noexcept : data_(data), table_(table) {}
  void print(std::string& out) const {
    if (table_) table_->print(out, data_);
  }

  [[noreturn]] void wrong_type(std::string_view wanted) const {
    std::string what = "reconcile::value_ref::get: the value is ";
    what += empty() ? std::string_view("empty") : type_name();
    what += ", not ";
    what += wanted;
#if defined(__cpp_exceptions)
    throw bad_value_access(what);
#else
    std::fprintf(stderr, "%s\n", what.c_str());
    std::abort();
#endif
  }

  const void* data_ = nullptr;
  const detail::box_table* table_ = nullptr;
};

namespace detail {
// The engine's way between boxes and views.
struct value_access {
  static value_ref view(const box& b) noexcept { return value_ref(b.data(), b.table()); }
  static value_ref view(const void* data, const box_table* table) noexcept { return value_ref(data, table); }
  static void print(std::string& out, const value_ref& v) { v.print(out); }
  // The value, its type known to the caller (holds<V>() checked before, or implied).
  template <class V>
  static const V& get(const value_ref& v) noexcept {
    return stored_value<V>(v.data_);
  }
};
}  // namespace detail

}  // namespace reconcile

/// Prints a value_ref as a change prints the value: `fmt::format("{}", c.new_value())`.
template <>
struct fmt::formatter<reconcile::value_ref> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::value_ref& v, Ctx& ctx) const {
    return write(v.to_string(), ctx);
  }
};
