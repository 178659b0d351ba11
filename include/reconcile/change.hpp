// reconcile/change.hpp - op and change: one difference between two values, with its path and
// copies of the values it needs, read through value_ref views.
#pragma once

#include <reconcile/path.hpp>
#include <reconcile/value.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace reconcile {

/// op: add (a new element, or an empty optional engaged), remove, replace (a value
/// changed), move (an element of an ordered keyed sequence changes position).
enum class op : unsigned char { add, remove, replace, move };

/// to_string(op): "add", "remove", "replace" or "move".
constexpr std::string_view to_string(op o) noexcept {
  switch (o) {
    case op::add: return "add";
    case op::remove: return "remove";
    case op::replace: return "replace";
    case op::move: return "move";
  }
  return "?";
}

namespace detail {
struct change_access;

/// What a change says beyond its op: the engine's flags (no boolean traps at its call sites).
enum class change_mark : unsigned char {
  none = 0,
  requires_replace = 1,  // lies under an `immutable` field
  element_op = 2,        // an add/remove of a container element (not an optional engaged/emptied)
};
constexpr change_mark operator|(change_mark a, change_mark b) noexcept {
  return static_cast<change_mark>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(change_mark set, change_mark m) noexcept {
  return (static_cast<unsigned>(set) & static_cast<unsigned>(m)) != 0;
}
}  // namespace detail

/// change: one difference; read-only. A small record (48 bytes): its path's segments and its
/// values live in the changeset's arenas; read them with path() (a path_view), new_value() /
/// old_value() (checked views) or to<V>() / from<V>() (typed, checked). Valid while the
/// changeset lives and is not refilled.
class change {
 public:
  change() = default;

  reconcile::op op() const noexcept { return op_; }
  /// The segments from the root to the change (a view into the changeset).
  path_view path() const noexcept { return detail::path_access::view(segs_ + seg_at_, seg_count_); }
  /// True when the change lies under an `immutable` field: its resource must be replaced.
  bool requires_replace() const noexcept { return requires_replace_; }
  /// True when an add/remove inserts or erases a container element (map entry, set or
  /// sequence element) rather than engaging or emptying an optional or pointer.
  bool element_op() const noexcept { return element_op_; }

  /// The old value (replace); empty for add, remove and move.
  value_ref old_value() const noexcept {
    return op_ == reconcile::op::replace ? value(old_at_) : value_ref();
  }
  /// The new value (add, replace); empty for remove and move.
  value_ref new_value() const noexcept { return value(new_at_); }
  /// For add and move in an ordered keyed sequence: the key of the element it goes after;
  /// empty when it goes first.
  value_ref after() const noexcept { return anchored_ ? value(old_at_) : value_ref(); }
  bool has_anchor() const noexcept { return anchored_; }
  /// For a multiset (`unordered`) change: how many copies of the element the target holds.
  std::size_t count() const noexcept { return count_; }

  /// The typed values: V must be the type held (the value's type at this path), else
  /// bad_value_access is thrown. from<V>() is the old value, to<V>() the new one.
  template <class V>
  const V& from() const {
    return old_value().get<V>();
  }
  template <class V>
  const V& to() const {
    return new_value().get<V>();
  }

 private:
  friend struct detail::change_access;
  static constexpr std::uint32_t no_value = 0xffffffffu;
  const detail::box& box_at(std::uint32_t at) const noexcept {
    return at == no_value ? detail::no_box : values_[at];
  }
  value_ref value(std::uint32_t at) const noexcept { return detail::value_access::view(box_at(at)); }

  // The arenas' first segment and value (set when the diff is done: the arenas may grow while
  // it runs), and where this change's segments and values are in them.
  const segment* segs_ = nullptr;
  const detail::box* values_ = nullptr;
  std::uint32_t seg_at_ = 0, seg_count_ = 0;
  // The anchor shares the old value's place: only add and move have one, and they have no
  // old value.
  std::uint32_t old_at_ = no_value, new_at_ = no_value;
  std::size_t count_ = 0;
  reconcile::op op_ = reconcile::op::replace;
  bool element_op_ = false;
  bool requires_replace_ = false;
  bool anchored_ = false;
};

namespace detail {
// The diff engine's hands on a change (and apply's unchecked reads): not for users.
struct change_access {
  static constexpr std::uint32_t no_value = change::no_value;
  // A change starting at segment seg_at of its list's arena, no values yet.
  [[gnu::always_inline]] static void reset(change& c, op o, change_mark m, std::uint32_t seg_at) noexcept {
    c.op_ = o;
    c.element_op_ = has(m, change_mark::element_op);
    c.requires_replace_ = has(m, change_mark::requires_replace);
    c.anchored_ = false;
    c.count_ = 0;
    c.seg_at_ = seg_at;
    c.seg_count_ = 0;
    c.old_at_ = c.new_at_ = change::no_value;
  }
  static std::uint32_t seg_at(const change& c) noexcept { return c.seg_at_; }
  // Where the arenas are now, and how many segments c has (the diff is done).
  static void seal(change& c, const segment* segs, const box* values, std::uint32_t seg_end) noexcept {
    c.segs_ = segs;
    c.values_ = values;
    c.seg_count_ = seg_end - c.seg_at_;
  }
  static void set_old(change& c, std::uint32_t at) noexcept { c.old_at_ = at; }
  static void set_new(change& c, std::uint32_t at) noexcept { c.new_at_ = at; }
  static void set_after(change& c, std::uint32_t at) noexcept {
    c.anchored_ = true;
    c.old_at_ = at;
  }
  static void set_count(change& c, std::size_t n) noexcept { c.count_ = n; }
  static const box& old_box(const change& c) noexcept { return c.box_at(c.old_at_); }
  static const box& new_box(const change& c) noexcept { return c.box_at(c.new_at_); }
  static const box& after_box(const change& c) noexcept { return c.box_at(c.old_at_); }
  // The new value, its type known to the caller (apply: the type at the change's path).
  template <class V>
  static const V& to(const change& c) noexcept {
    return c.values_[c.new_at_].get<V>();
  }
};
}  // namespace detail

}  // namespace reconcile

// One change's line of text (detail/print_change.hpp, after the declarations it prints).
namespace reconcile::detail {
inline void print_change(std::string& out, const change& c);
}  // namespace reconcile::detail
#include <reconcile/detail/print_change.hpp>

/// fmt::format("{}", op): "add", "remove", "replace" or "move" (to_string(op)).
template <>
struct fmt::formatter<reconcile::op> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(reconcile::op o, Ctx& ctx) const {
    return write(reconcile::to_string(o), ctx);
  }
};

/// fmt::format("{}", change): its line, e.g. `~ replicas: 3 -> 5` (see changeset's formatter).
template <>
struct fmt::formatter<reconcile::change> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::change& c, Ctx& ctx) const {
    std::string s;
    reconcile::detail::print_change(s, c);
    return write(s, ctx);
  }
};
