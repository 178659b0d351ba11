// reconcile/changeset.hpp - change and changeset<T>: what turns one value of T into another.
// A changeset owns copies of every value and key it mentions, so it may outlive its inputs.
#pragma once

#include <reconcile/path.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace reconcile {

/// op: add (a new element, or an empty optional engaged), remove, replace (a value
/// changed), move (an element of an ordered keyed sequence changes position).
enum class op : unsigned char { add, remove, replace, move };

/// change: one difference. Values are copies; read them typed with from<V>() / to<V>().
class change {
 public:
  change() = default;
  change(reconcile::op o, reconcile::path p, bool requires_replace, bool element_op)
      : op_(o), element_op_(element_op), requires_replace_(requires_replace), path_(std::move(p)) {}
  /// An empty path, filled in place through path_slot() (the diff engine's way: no path move).
  change(reconcile::op o, bool requires_replace, bool element_op) noexcept
      : op_(o), element_op_(element_op), requires_replace_(requires_replace) {}

  reconcile::op op() const noexcept { return op_; }
  const reconcile::path& path() const noexcept { return path_; }
  /// True when the change lies under an `immutable` field: its resource must be replaced.
  bool requires_replace() const noexcept { return requires_replace_; }
  /// True when an add/remove inserts or erases a container element (map entry, set or
  /// sequence element) rather than engaging or emptying an optional or pointer.
  bool element_op() const noexcept { return element_op_; }

  /// The old value (replace); empty for add, remove and move.
  const detail::box& old_value() const noexcept { return old_; }
  /// The new value (add, replace); empty for remove and move.
  const detail::box& new_value() const noexcept { return new_; }
  /// For add and move in an ordered keyed sequence: the key of the element it goes after;
  /// empty when it goes first.
  const detail::box& after() const noexcept { return after_; }
  bool has_anchor() const noexcept { return anchored_; }
  /// For a multiset (`unordered`) change: how many copies of the element the target holds.
  std::size_t count() const noexcept { return count_; }

  /// The typed values; V must be the type stored (the value's type at this path).
  template <class V>
  const V& from() const noexcept {
    return old_.get<V>();
  }
  template <class V>
  const V& to() const noexcept {
    return new_.get<V>();
  }

  // Construction by the diff engine.
  reconcile::path& path_slot() noexcept { return path_; }
  detail::box& old_slot() noexcept { return old_; }
  detail::box& new_slot() noexcept { return new_; }
  detail::box& after_slot() noexcept {
    anchored_ = true;
    return after_;
  }
  void set_count(std::size_t n) noexcept { count_ = n; }

 private:
  reconcile::op op_ = reconcile::op::replace;
  bool element_op_ = false;
  bool requires_replace_ = false;
  bool anchored_ = false;
  std::size_t count_ = 0;
  reconcile::path path_;
  detail::box old_, new_, after_;
};

/// changeset<T>: the ordered changes (declaration order) that turn one T into another.
/// Reused by diff_into without reallocating; applied by apply().
template <class T>
class changeset {
 public:
  using value_type = change;
  using const_iterator = typename std::vector<change>::const_iterator;
  using applier = void (*)(T&, const change&, const detail::box& rules, bool dry_run);

  const_iterator begin() const noexcept { return changes_.begin(); }
  const_iterator end() const noexcept { return changes_.end(); }
  std::size_t size() const noexcept { return changes_.size(); }
  bool empty() const noexcept { return changes_.empty(); }
  const change& operator[](std::size_t i) const noexcept { return changes_[i]; }
  /// Forgets the changes, keeping the memory for the next diff_into.
  void clear() noexcept { changes_.clear(); }
  /// True when some change requires replacing the resource (an `immutable` field changed).
  bool requires_replace() const noexcept {
    for (const change& c : changes_)
      if (c.requires_replace()) return true;
    return false;
  }

  // Used by the engine: the list, and how to apply a change with the rules of the diff.
  std::vector<change>& changes() noexcept { return changes_; }
  applier apply_fn() const noexcept { return apply_; }
  const detail::box& rules_box() const noexcept { return rules_; }
  void set_applier(applier a) noexcept { apply_ = a; }
  detail::box& rules_slot() noexcept { return rules_; }

 private:
  std::vector<change> changes_;
  applier apply_ = nullptr;
  detail::box rules_;
};

}  // namespace reconcile
