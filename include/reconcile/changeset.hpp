// reconcile/changeset.hpp - change and changeset<T>: what turns one value of T into another.
// A changeset owns copies of every value and key it mentions, so it may outlive its inputs.
#pragma once

#include <reconcile/path.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

namespace reconcile {

/// op: add (a new element, or an empty optional engaged), remove, replace (a value
/// changed), move (an element of an ordered keyed sequence changes position).
enum class op : unsigned char { add, remove, replace, move };

/// change: one difference. Values are copies; read them typed with from<V>() / to<V>().
// Laid out in cache lines (alignas(64)): flags and the path's header, then one line per
// inline path segment, one per value. Refilling a change of a 2-segment path touches 5 lines.
class alignas(64) change {
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
  const detail::box& old_value() const noexcept { return op_ == reconcile::op::replace ? old_ : no_value(); }
  /// The new value (add, replace); empty for remove and move.
  const detail::box& new_value() const noexcept { return new_; }
  /// For add and move in an ordered keyed sequence: the key of the element it goes after;
  /// empty when it goes first.
  const detail::box& after() const noexcept { return anchored_ ? old_ : no_value(); }
  bool has_anchor() const noexcept { return anchored_; }
  /// The anchor's key as a K (see after()); null when the element goes first or has no anchor.
  template <class K>
  const K* anchor() const noexcept {
    return anchored_ && old_.holds<K>() ? &old_.get<K>() : nullptr;
  }
  /// True when the new value (add, replace) is a V: tells a variant replaced whole from a
  /// change inside its alternative, whose paths end at the same place.
  template <class V>
  bool holds() const noexcept {
    return new_.holds<V>();
  }
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
  // The anchor shares the old value's storage: only add and move have one, and they have
  // no old value.
  detail::box& after_slot() noexcept {
    anchored_ = true;
    return old_;
  }
  void set_count(std::size_t n) noexcept { count_ = n; }
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
  // Refilling a change kept from an earlier diff (detail::change_list): an empty path, no
  // anchor or count; the old and new values are kept only when the caller assigns them next,
  // so that their storage (a string's buffer) is reused.
  [[gnu::always_inline]] void reuse(reconcile::op o, bool requires_replace, bool element_op, bool keep_old,
                                    bool keep_new) noexcept {
    op_ = o;
    element_op_ = element_op;
    requires_replace_ = requires_replace;
    anchored_ = false;
    count_ = 0;
    path_.clear();
    if (!keep_old) old_.reset();
    if (!keep_new) new_.reset();
  }

 private:
  reconcile::op op_ = reconcile::op::replace;
  bool element_op_ = false;
  bool requires_replace_ = false;
  bool anchored_ = false;
  std::size_t count_ = 0;
  // At offset 16: the path's segments (after its 48 bytes of size and vector header) start
  // on a cache line.
  reconcile::path path_;
  detail::box old_, new_;

  static const detail::box& no_value() noexcept {
    static const detail::box empty{};
    return empty;
  }
};

template <class... Entries>
struct rules_t;

namespace detail {

template <class T, class Ctx>
void apply_change(T& obj, const change* first, const change* last, const box& rules, bool dry);

/// change_list: a changeset's changes, and the changes of earlier diffs kept as slots: the
/// diff engine refills a slot in place (path storage kept, values assigned into the storage
/// they have), so a warm diff_into allocates nothing even for changed strings. Copies take the
/// live changes only.
class change_list {
 public:
  using const_iterator = std::vector<change>::const_iterator;
  change_list() = default;
  change_list(const change_list& o) : slots_(o.begin(), o.end()), size_(o.size_) {}
  change_list(change_list&& o) noexcept : slots_(std::move(o.slots_)), size_(o.size_) { o.size_ = 0; }
  change_list& operator=(const change_list& o) {
    if (this != &o) {
      slots_.assign(o.begin(), o.end());
      size_ = o.size_;
    }
    return *this;
  }
  change_list& operator=(change_list&& o) noexcept {
    slots_ = std::move(o.slots_);
    size_ = o.size_;
    o.size_ = 0;
    return *this;
  }

  const_iterator begin() const noexcept { return slots_.begin(); }
  const_iterator end() const noexcept { return slots_.begin() + static_cast<std::ptrdiff_t>(size_); }
  std::size_t size() const noexcept { return size_; }
  const change& operator[](std::size_t i) const noexcept { return slots_[i]; }
  /// Forgets the changes; their slots (and the values they hold) stay for reuse.
  void clear() noexcept { size_ = 0; }
  /// The next change: a kept slot refilled, or a new one. keep_old / keep_new: the caller
  /// assigns that value next (see change::reuse).
  [[gnu::always_inline]] change& next(op o, bool requires_replace, bool element_op, bool keep_old, bool keep_new) {
    if (size_ < slots_.size()) {
      change& c = slots_[size_];
      // Past the first few changes (which stay in L1), the slots being refilled are cold.
      if (size_ >= prefetch_from && size_ + prefetch_ahead < slots_.size())
        slots_[size_ + prefetch_ahead].prefetch_refill();
      c.reuse(o, requires_replace, element_op, keep_old, keep_new);
      ++size_;
      return c;
    }
    change& c = slots_.emplace_back(o, requires_replace, element_op);
    ++size_;
    return c;
  }

 private:
  static constexpr std::size_t prefetch_from = 32, prefetch_ahead = 3;
  std::vector<change> slots_;
  std::size_t size_ = 0;
};

}  // namespace detail

/// changeset<T>: the ordered changes (declaration order) that turn one T into another.
/// Reused by diff_into without reallocating; applied by apply().
template <class T>
class changeset {
 public:
  using value_type = change;
  using const_iterator = detail::change_list::const_iterator;
  /// Applies the changes [first, last) in order (dry_run: only checks that each fits).
  using applier = void (*)(T&, const change* first, const change* last, const detail::box& rules, bool dry_run);

  const_iterator begin() const noexcept { return changes_.begin(); }
  const_iterator end() const noexcept { return changes_.end(); }
  std::size_t size() const noexcept { return changes_.size(); }
  bool empty() const noexcept { return changes_.size() == 0; }
  const change& operator[](std::size_t i) const noexcept { return changes_[i]; }
  /// Forgets the changes, keeping their memory for the next diff_into (which refills it in
  /// place: values of the same type reuse their storage). `cs = {}` releases it.
  void clear() noexcept { changes_.clear(); }
  /// True when some change requires replacing the resource (an `immutable` field changed).
  bool requires_replace() const noexcept {
    for (const change& c : changes_)
      if (c.requires_replace()) return true;
    return false;
  }

  // Used by the engine: the list, and how to apply a change with the rules of the diff.
  detail::change_list& changes() noexcept { return changes_; }
  /// The applier of the diff that made cs: for diffs without call-site rules it is named only
  /// here, so apply's code is instantiated where apply is used, not in every TU that diffs.
  applier apply_fn() const noexcept {
    if (default_applier_) return &detail::apply_change<T, rules_t<>>;
    return apply_;
  }
  const detail::box& rules_box() const noexcept { return rules_; }
  void set_applier(applier a) noexcept {
    apply_ = a;
    default_applier_ = false;
  }
  /// Diffed without call-site rules: apply_fn() is apply_change<T, rules_t<>>.
  void set_default_applier() noexcept {
    apply_ = nullptr;
    default_applier_ = true;
  }
  detail::box& rules_slot() noexcept { return rules_; }

 private:
  detail::change_list changes_;
  applier apply_ = nullptr;
  bool default_applier_ = false;
  detail::box rules_;
};

}  // namespace reconcile
