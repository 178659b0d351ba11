// detail/change_list.hpp - the storage a changeset owns: its changes (change_list) and the two
// arenas they view, every change's path segments with the keys they name (segment_arena) and
// every value. Kept across diffs and refilled in place, so a warm diff_into allocates nothing.
// Part of changeset.hpp.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/detail/force_inline.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile::detail {

/// segment_arena: every change's path segments one after the other, and the keys they view
/// in boxes that never move (blocks of 32). Both are kept across diffs: a field or position
/// step is refilled with plain stores, a key box is assigned in place (reusing its storage).
class segment_arena {
 public:
  segment_arena() = default;
  segment_arena(const segment_arena& o) { copy_from(o); }
  segment_arena(segment_arena&& o) noexcept
      : segs_(std::move(o.segs_)), built_(o.built_), used_(o.used_), blocks_(std::move(o.blocks_)), keys_used_(o.keys_used_) {
    o.built_ = o.used_ = o.keys_used_ = 0;
  }
  segment_arena& operator=(const segment_arena& o) {
    if (this != &o) {
      clear();
      copy_from(o);
    }
    return *this;
  }
  segment_arena& operator=(segment_arena&& o) noexcept {
    if (this != &o) {
      free_blocks();
      segs_ = std::move(o.segs_);
      built_ = o.built_;
      used_ = o.used_;
      blocks_ = std::move(o.blocks_);
      keys_used_ = o.keys_used_;
      o.built_ = o.used_ = o.keys_used_ = 0;
    }
    return *this;
  }
  ~segment_arena() { free_blocks(); }

  std::size_t size() const noexcept { return used_; }
  const segment* begin() const noexcept { return segs_.data(); }
  void clear() noexcept { used_ = keys_used_ = 0; }

  RECONCILE_DETAIL_FORCE_INLINE void push_field(std::size_t index, std::string_view name) {
    push_step(segment_kind::field, index, name);
  }
  RECONCILE_DETAIL_FORCE_INLINE void push_position(std::size_t index) { push_step(segment_kind::index, index, {}); }
  /// A key or element step: fill(box&) puts the key into a kept box (member: for a
  /// keyed-sequence key, the key member's name).
  template <class Fill>
  void push_key(segment_kind k, std::string_view member, Fill&& fill) {
    box& b = next_key();
    fill(b);
    if (used_ == built_) grow(k, 0, {});
    path_access::set_key(segs_[used_++], k, member, b);
  }

 private:
  static constexpr std::size_t block_size = 32;
  RECONCILE_DETAIL_FORCE_INLINE void push_step(segment_kind k, std::size_t index, std::string_view name) {
    if (used_ < built_) [[likely]] path_access::set_step(segs_[used_], k, index, name);
    else grow(k, index, name);
    ++used_;
  }
  [[gnu::noinline]] void grow(segment_kind k, std::size_t index, std::string_view name) {
    if (segs_.empty()) segs_.reserve(16);  // a first diff: one allocation for most paths
    segs_.push_back(path_access::step(k, index, name));
    built_ = segs_.size();
  }
  box& next_key() {
    const std::size_t block = keys_used_ / block_size;
    if (block == blocks_.size()) blocks_.push_back(new box[block_size]);
    return blocks_[block][keys_used_++ % block_size];
  }
  // The keys are taken in the order of the segments that view them.
  void copy_from(const segment_arena& o) {
    std::size_t key = 0;
    for (std::size_t i = 0; i < o.used_; ++i) {
      const segment& s = o.segs_[i];
      if (s.kind() == segment_kind::key || s.kind() == segment_kind::element) {
        const box& from = o.blocks_[key / block_size][key % block_size];
        ++key;
        push_key(s.kind(), s.name(), [&](box& b) { b = from; });
      } else {
        push_step(s.kind(), s.index(), s.name());
      }
    }
  }
  void free_blocks() noexcept {
    for (box* b : blocks_) delete[] b;
    blocks_.clear();
  }
  std::vector<segment> segs_;
  std::size_t built_ = 0;  // segs_.size(), kept apart: a division by 48 on every step else
  std::size_t used_ = 0;
  std::vector<box*> blocks_;
  std::size_t keys_used_ = 0;
};

/// change_list: a changeset's changes, and the two arenas they point into: every change's
/// path segments one after the other (one path), and every value one after the other. All
/// three are kept across diffs: the engine refills a change, a segment (a key's storage) and
/// a value box (assigning into the storage it has) in place, so a warm diff_into allocates
/// nothing even for changed strings. Copies take the live parts only.
class change_list {
 public:
  using const_iterator = std::vector<change>::const_iterator;
  change_list() = default;
  change_list(const change_list& o)
      : changes_(o.begin(), o.end()), changes_built_(o.size_), size_(o.size_), segs_(o.segs_) {
    values_.reserve(o.values_used_);
    for (std::size_t i = 0; i < o.values_used_; ++i) values_.push_back(o.values_[i]);
    values_built_ = values_used_ = o.values_used_;
    seal();
  }
  change_list(change_list&& o) noexcept
      : changes_(std::move(o.changes_)), changes_built_(o.changes_built_), size_(o.size_), segs_(std::move(o.segs_)),
        values_(std::move(o.values_)), values_built_(o.values_built_), values_used_(o.values_used_) {
    o.changes_built_ = o.size_ = o.values_built_ = o.values_used_ = 0;
    seal();
  }
  change_list& operator=(const change_list& o) {
    if (this != &o) *this = change_list(o);
    return *this;
  }
  change_list& operator=(change_list&& o) noexcept {
    if (this != &o) {
      changes_ = std::move(o.changes_);
      changes_built_ = o.changes_built_;
      size_ = o.size_;
      segs_ = std::move(o.segs_);
      values_ = std::move(o.values_);
      values_built_ = o.values_built_;
      values_used_ = o.values_used_;
      o.changes_built_ = o.size_ = o.values_built_ = o.values_used_ = 0;
      seal();
    }
    return *this;
  }

  const_iterator begin() const noexcept { return changes_.begin(); }
  const_iterator end() const noexcept { return changes_.begin() + static_cast<std::ptrdiff_t>(size_); }
  std::size_t size() const noexcept { return size_; }
  const change& operator[](std::size_t i) const noexcept { return changes_[i]; }
  /// Forgets the changes; their records, segments and values stay for reuse.
  void clear() noexcept {
    size_ = 0;
    segs_.clear();
    values_used_ = 0;
  }
  /// The next change: a kept record refilled, or a new one. Its segments are those appended
  /// to segments() until the next change; its values, those taken by old_value() etc.
  RECONCILE_DETAIL_FORCE_INLINE change& next(op o, change_mark m) {
    change& c = size_ < changes_built_ ? changes_[size_] : grow_changes();
    change_access::reset(c, o, m, static_cast<std::uint32_t>(segs_.size()), segs_.begin(), values_.data());
    ++size_;
    return c;
  }
  /// The segment arena: the diff appends the current change's path to it.
  segment_arena& segments() noexcept { return segs_; }
  /// The box for c's old value / new value / anchor (after): a kept one (assign reuses its
  /// storage) or a new empty one.
  RECONCILE_DETAIL_FORCE_INLINE box& old_value(change& c) {
    change_access::set_old(c, static_cast<std::uint32_t>(values_used_));
    return next_box();
  }
  RECONCILE_DETAIL_FORCE_INLINE box& new_value(change& c) {
    change_access::set_new(c, static_cast<std::uint32_t>(values_used_));
    return next_box();
  }
  /// The boxes for c's old and new values (a replace): two neighbours, one bounds check.
  RECONCILE_DETAIL_FORCE_INLINE box* old_and_new(change& c) {
    const std::size_t at = values_used_;
    change_access::set_old(c, static_cast<std::uint32_t>(at));
    change_access::set_new(c, static_cast<std::uint32_t>(at + 1));
    if (at + 2 <= values_built_) [[likely]] {
      values_used_ = at + 2;
      return values_.data() + at;
    }
    return grow_two();
  }
  box& after(change& c) {
    change_access::set_after(c, static_cast<std::uint32_t>(values_used_));
    return next_box();
  }
  /// The diff is done (or the list was copied or moved): when an arena grew or moved since
  /// the first change was made, each change learns where the arenas are now.
  void seal() noexcept {
    const segment* segs = segs_.begin();
    const box* values = values_.data();
    if (size_ == 0 || (change_access::segs(changes_[0]) == segs && change_access::values(changes_[0]) == values)) return;
    for (std::size_t i = 0; i < size_; ++i) change_access::rebase(changes_[i], segs, values);
  }

 private:
  [[gnu::noinline]] change& grow_changes() {
    if (changes_.empty()) changes_.reserve(8);  // a first diff: one allocation for a few changes
    change& c = changes_.emplace_back();
    changes_built_ = changes_.size();
    return c;
  }
  [[gnu::noinline]] box* grow_two() {
    next_box();
    next_box();
    return values_.data() + values_used_ - 2;
  }
  box& next_box() {
    if (values_used_ < values_built_) return values_[values_used_++];
    if (values_.empty()) values_.reserve(8);
    ++values_used_;
    box& b = values_.emplace_back();
    values_built_ = values_.size();
    return b;
  }
  // Each vector's size is kept apart (its built count): a division by 48 on every change else.
  std::vector<change> changes_;
  std::size_t changes_built_ = 0;
  std::size_t size_ = 0;
  segment_arena segs_;
  std::vector<box> values_;
  std::size_t values_built_ = 0;
  std::size_t values_used_ = 0;
};

}  // namespace reconcile::detail
