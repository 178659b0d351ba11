// reconcile/change.hpp - op and change: one difference between two values, with its path and
// copies of the values it needs, read through value_ref views.
#pragma once

#include <reconcile/detail/force_inline.hpp>
#include <reconcile/path.hpp>
#include <reconcile/value.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
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

// A trivially copyable scalar of at most 8 bytes (an int, a double, an enum): a change keeps
// its old and new values inline, in the record itself, instead of in the value arena.
template <class V>
inline constexpr bool inline_scalar = std::is_trivially_copyable_v<V> && sizeof(V) <= 8 && alignof(V) <= 8;
}  // namespace detail

/// change: one difference; read-only. A small record (48 bytes): its path's segments and its
/// values live in the changeset's arenas (a changed scalar of at most 8 bytes, such as an int,
/// a double or an enum, in the record itself); read them with path() (a path_view),
/// new_value() / old_value() (checked views) or to<V>() / from<V>() (typed, checked). Valid
/// while the changeset lives and is not refilled.
class change {
 public:
  change() noexcept : ref_{no_value, no_value, 0} {}

  reconcile::op op() const noexcept { return op_; }
  /// The segments from the root to the change (a view into the changeset).
  path_view path() const noexcept { return detail::path_access::view(segs_ + seg_at_, seg_count_); }
  /// True when the change lies under an `immutable` field: its resource must be replaced.
  bool requires_replace() const noexcept { return (marks_ & requires_replace_bit) != 0; }
  /// True when an add/remove inserts or erases a container element (map entry, set or
  /// sequence element) rather than engaging or emptying an optional or pointer.
  bool element_op() const noexcept { return (marks_ & element_op_bit) != 0; }

  /// The old value (replace); empty for add, remove and move.
  value_ref old_value() const noexcept {
    if (op_ != reconcile::op::replace) return value_ref();
    if (inline_table_) return detail::value_access::view(inline_, inline_table_);
    return value(ref_.old_at);
  }
  /// The new value (add, replace); empty for remove and move.
  RECONCILE_DETAIL_FORCE_INLINE value_ref new_value() const noexcept {
    if (inline_table_) return detail::value_access::view(inline_ + inline_size, inline_table_);
    return value(ref_.new_at);
  }
  /// For add and move in an ordered keyed sequence: the key of the element it goes after;
  /// empty when it goes first.
  value_ref after() const noexcept { return has_anchor() ? value(ref_.old_at) : value_ref(); }
  bool has_anchor() const noexcept { return (marks_ & anchored_bit) != 0; }
  /// For a multiset (`unordered`) change: how many copies of the element the target holds.
  std::size_t count() const noexcept { return inline_table_ ? 0 : ref_.count; }

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
  static constexpr std::size_t inline_size = 8;
  static constexpr unsigned char requires_replace_bit = static_cast<unsigned char>(detail::change_mark::requires_replace),
                                 element_op_bit = static_cast<unsigned char>(detail::change_mark::element_op), anchored_bit = 4;
  value_ref value(std::uint32_t at) const noexcept {
    return at == no_value ? value_ref() : detail::value_access::view(values_[at]);
  }

  // The arenas' first segment and value (set when the diff is done: the arenas may grow while
  // it runs), and where this change's segments are in them.
  const segment* segs_ = nullptr;
  const detail::box* values_ = nullptr;
  std::uint32_t seg_at_ = 0;
  std::uint16_t seg_count_ = 0;
  reconcile::op op_ = reconcile::op::replace;
  unsigned char marks_ = 0;
  // Either where the values are in the value arena (the anchor shares the old value's place:
  // only add and move have one, and they have no old value) and a multiset's count, or, when
  // inline_table_ is set, the old and new scalars themselves (8 bytes each).
  struct arena_values {
    std::uint32_t old_at, new_at;
    std::size_t count;
  };
  union {
    arena_values ref_;
    alignas(8) unsigned char inline_[2 * inline_size];
  };
  const detail::box_table* inline_table_ = nullptr;  // the inline scalars' type, else null
};
static_assert(sizeof(change) == 48 && std::is_trivially_copyable_v<change>);

namespace detail {
// The diff engine's hands on a change (and apply's unchecked reads): not for users.
struct change_access {
  static constexpr std::uint32_t no_value = change::no_value;
  // A change starting at segment seg_at of its list's arenas (whose first segment and value
  // are segs and values now), no values yet.
  RECONCILE_DETAIL_FORCE_INLINE static void reset(change& c, op o, change_mark m, std::uint32_t seg_at, const segment* segs,
                                           const box* values) noexcept {
    c.segs_ = segs;
    c.values_ = values;
    c.op_ = o;
    c.marks_ = static_cast<unsigned char>(m);  // the marks' bits are the change's
    c.seg_at_ = seg_at;
    c.ref_ = {change::no_value, change::no_value, 0};
    c.inline_table_ = nullptr;
  }
  // c's path ends before segment seg_end of the arena; false when it is deeper than max_depth.
  RECONCILE_DETAIL_FORCE_INLINE static bool end_path(change& c, std::size_t seg_end) noexcept {
    const std::size_t n = seg_end - c.seg_at_;
    c.seg_count_ = static_cast<std::uint16_t>(n);
    return n <= max_depth;
  }
  static constexpr std::size_t max_depth = 0xffff;
  static const segment* segs(const change& c) noexcept { return c.segs_; }
  static const box* values(const change& c) noexcept { return c.values_; }
  // A replace of a scalar kept inline (see inline_scalar): no value arena involved.
  template <class V>
  RECONCILE_DETAIL_FORCE_INLINE static void set_inline(change& c, const V& from, const V& to) noexcept {
    static_assert(inline_scalar<V>);
    std::memcpy(c.inline_, &from, sizeof(V));
    std::memcpy(c.inline_ + change::inline_size, &to, sizeof(V));
    c.inline_table_ = box::table_of<V>();
  }
  static std::uint32_t seg_at(const change& c) noexcept { return c.seg_at_; }
  // Where the arenas are now (they moved or grew since c was made).
  static void rebase(change& c, const segment* segs, const box* values) noexcept {
    c.segs_ = segs;
    c.values_ = values;
  }
  static void set_old(change& c, std::uint32_t at) noexcept { c.ref_.old_at = at; }
  static void set_new(change& c, std::uint32_t at) noexcept { c.ref_.new_at = at; }
  static void set_after(change& c, std::uint32_t at) noexcept {
    c.marks_ = static_cast<unsigned char>(c.marks_ | change::anchored_bit);
    c.ref_.old_at = at;
  }
  static void set_count(change& c, std::size_t n) noexcept { c.ref_.count = n; }
  static value_ref old_box(const change& c) noexcept { return c.old_value(); }
  static value_ref new_box(const change& c) noexcept { return c.new_value(); }
  static value_ref after_box(const change& c) noexcept { return c.after(); }
  // The new value, its type known to the caller (apply: the type at the change's path).
  template <class V>
  static const V& to(const change& c) noexcept {
    if constexpr (inline_scalar<V>)
      if (c.inline_table_) return *std::launder(reinterpret_cast<const V*>(c.inline_ + change::inline_size));
    return c.values_[c.ref_.new_at].get<V>();
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
