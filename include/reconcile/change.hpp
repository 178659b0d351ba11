// reconcile/change.hpp - op and change: one difference between two values, with its path and
// copies of the values it needs, read through value_ref views.
#pragma once

#include <reconcile/path.hpp>
#include <reconcile/value.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
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
/// Which values of a refilled change the engine assigns next (their storage is kept).
enum class keep_values : unsigned char { none = 0, old_value = 1, new_value = 2, both = 3 };
}  // namespace detail

/// change: one difference; read-only. Values are copies owned by the changeset; read them with
/// new_value() / old_value() (checked views) or to<V>() / from<V>() (typed, checked).
// Laid out in cache lines (alignas(64)): flags and the path's header, then one line per
// inline path segment, one per value. Refilling a change of a 2-segment path touches 5 lines.
class alignas(64) change {
 public:
  change() = default;

  reconcile::op op() const noexcept { return op_; }
  const reconcile::path& path() const noexcept { return path_; }
  /// True when the change lies under an `immutable` field: its resource must be replaced.
  bool requires_replace() const noexcept { return requires_replace_; }
  /// True when an add/remove inserts or erases a container element (map entry, set or
  /// sequence element) rather than engaging or emptying an optional or pointer.
  bool element_op() const noexcept { return element_op_; }

  /// The old value (replace); empty for add, remove and move.
  value_ref old_value() const noexcept {
    return op_ == reconcile::op::replace ? detail::value_access::view(old_) : value_ref();
  }
  /// The new value (add, replace); empty for remove and move.
  value_ref new_value() const noexcept { return detail::value_access::view(new_); }
  /// For add and move in an ordered keyed sequence: the key of the element it goes after;
  /// empty when it goes first.
  value_ref after() const noexcept { return anchored_ ? detail::value_access::view(old_) : value_ref(); }
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
  change(reconcile::op o, detail::change_mark m) noexcept
      : op_(o),
        element_op_(detail::has(m, detail::change_mark::element_op)),
        requires_replace_(detail::has(m, detail::change_mark::requires_replace)) {}

  // Refilling a change kept from an earlier diff (detail::change_list): an empty path, no
  // anchor or count; the old and new values are kept only when the caller assigns them next,
  // so that their storage (a string's buffer) is reused.
  [[gnu::always_inline]] void reuse(reconcile::op o, detail::change_mark m, detail::keep_values keep) noexcept {
    op_ = o;
    element_op_ = detail::has(m, detail::change_mark::element_op);
    requires_replace_ = detail::has(m, detail::change_mark::requires_replace);
    anchored_ = false;
    count_ = 0;
    path_.clear();
    const auto k = static_cast<unsigned>(keep);
    if ((k & 1u) == 0) old_.reset();
    if ((k & 2u) == 0) new_.reset();
  }
  // Asks for the cache lines a refill writes (flags and path header, two segments, the
  // values): the change_list prefetches a few slots ahead. Inlined: as a call, g++ deems it
  // free of side effects (pure) and drops it.
  [[gnu::always_inline]] void prefetch_refill() const noexcept {
    const char* p = reinterpret_cast<const char*>(this);
    __builtin_prefetch(p, 1);
    __builtin_prefetch(p + 64, 1);
    __builtin_prefetch(p + 128, 1);
    __builtin_prefetch(&old_, 1);
    __builtin_prefetch(&new_, 1);
  }

  reconcile::op op_ = reconcile::op::replace;
  bool element_op_ = false;
  bool requires_replace_ = false;
  bool anchored_ = false;
  std::size_t count_ = 0;
  // At offset 16: the path's segments (after its 48 bytes of size and vector header) start
  // on a cache line.
  reconcile::path path_;
  // The anchor shares the old value's storage: only add and move have one, and they have no
  // old value.
  detail::box old_, new_;
};

namespace detail {
// The diff engine's hands on a change (and apply's unchecked reads): not for users.
struct change_access {
  static change make(op o, change_mark m) noexcept { return change(o, m); }
  [[gnu::always_inline]] static void reuse(change& c, op o, change_mark m, keep_values k) noexcept {
    c.reuse(o, m, k);
  }
  [[gnu::always_inline]] static void prefetch_refill(const change& c) noexcept { c.prefetch_refill(); }
  static reconcile::path& path(change& c) noexcept { return c.path_; }
  static box& old_slot(change& c) noexcept { return c.old_; }
  static box& new_slot(change& c) noexcept { return c.new_; }
  static box& after_slot(change& c) noexcept {
    c.anchored_ = true;
    return c.old_;
  }
  static void set_count(change& c, std::size_t n) noexcept { c.count_ = n; }
  static const box& old_box(const change& c) noexcept { return c.old_; }
  static const box& new_box(const change& c) noexcept { return c.new_; }
  static const box& after_box(const change& c) noexcept { return c.old_; }
  // The new value, its type known to the caller (apply: the type at the change's path).
  template <class V>
  static const V& to(const change& c) noexcept {
    return c.new_.get<V>();
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
