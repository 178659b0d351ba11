// reconcile/changeset.hpp - changeset<T>: the changes that turn one value of T into another.
// A changeset owns copies of every value and key it mentions, so it may outlive its inputs.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/detail/print_fallback.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

namespace reconcile {

template <class... Entries>
struct rules_t;

namespace detail {

struct changeset_access;

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
  /// The next change: a kept slot refilled, or a new one. keep: the values the caller
  /// assigns next (their storage is kept for it).
  [[gnu::always_inline]] change& next(op o, change_mark m, keep_values keep) {
    if (size_ < slots_.size()) {
      change& c = slots_[size_];
      // Past the first few changes (which stay in L1), the slots being refilled are cold.
      if (size_ >= prefetch_from && size_ + prefetch_ahead < slots_.size())
        change_access::prefetch_refill(slots_[size_ + prefetch_ahead]);
      change_access::reuse(c, o, m, keep);
      ++size_;
      return c;
    }
    change& c = slots_.emplace_back(change_access::make(o, m));
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

 private:
  friend struct detail::changeset_access;
  // The engine's: the list, and how to apply a change with the rules of the diff.
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

  detail::change_list changes_;
  applier apply_ = nullptr;
  bool default_applier_ = false;
  detail::box rules_;
};

namespace detail {
// The engine's hands on a changeset (diff fills it, apply and the JSON layer read how): not
// for users.
struct changeset_access {
  template <class T>
  static change_list& changes(changeset<T>& cs) noexcept {
    return cs.changes();
  }
  template <class T>
  static auto apply_fn(const changeset<T>& cs) noexcept {
    return cs.apply_fn();
  }
  template <class T>
  static const box& rules_box(const changeset<T>& cs) noexcept {
    return cs.rules_box();
  }
  template <class T>
  static void set_applier(changeset<T>& cs, typename changeset<T>::applier a) noexcept {
    cs.set_applier(a);
  }
  template <class T>
  static void set_default_applier(changeset<T>& cs) noexcept {
    cs.set_default_applier();
  }
  template <class T>
  static box& rules_slot(changeset<T>& cs) noexcept {
    return cs.rules_slot();
  }
};
}  // namespace detail

}  // namespace reconcile
