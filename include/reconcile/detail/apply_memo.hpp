// What one pass of apply (checking a changeset, or performing it) remembers between changes:
// a memo per path depth of the keyed sequence met there (its cursor, its key index, its
// waiting erases), the notes the check leaves the performing pass (change_note), and the
// settling of the waiting erases before a write that could move what holds them. Not public.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/detail/apply_erase.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/traits.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace reconcile::detail {

struct seq_index_base {
  virtual ~seq_index_base() = default;
};

// What one apply pass remembers about a keyed sequence between consecutive changes. Plain
// data, so that a pass that meets no keyed sequence pays nothing for it.
struct seq_memo {
  const void* seq;              // the sequence's address
  const void* type;             // &type_id<keyed_seq<Key, Seq>>
  std::size_t stamp;            // number of the last change that used it
  std::size_t moves;            // apply_memo::moves when it last did
  std::size_t cursor;           // vector, deque: where the last key was found
  std::size_t scanned;          // elements compared by cursor scans since the last index build
  seq_index_base* index;        // owned; built when scans grow past ~8n
  bool has_list_cursor;         // list: an iterator there, in list_cursor
  bool has_bound;               // an integral key: bound holds a key no smaller than any element's
  std::ptrdiff_t shift;         // performing: what the pass's erases did to the positions after them
  std::size_t covered;          // checking: the size the greatest key (in bound) was found for
  bool pristine;                // performing: set up before any move (see keyed_seq)
  bool has_intro;               // performing: a change put a key into the sequence; intro: the greatest
  // Performing a vector or deque: its erases wait (the elements stay where they are) until the
  // run of changes to it ends, then one compaction closes every gap (see apply_erase.hpp).
  erase_run pend;
  alignas(void*) unsigned char list_cursor[2 * sizeof(void*)];
  alignas(8) unsigned char bound[8];
  alignas(8) unsigned char intro[8];

  void drop_index() noexcept {
    delete index;
    index = nullptr;
  }
};

// What the check pass found for one change, for the pass that performs it: where its first
// keyed steps found their elements (hints, apply_memo::no_hint: nowhere), and, when performing
// it only writes its new value in a place that no earlier change of the pass can move (a
// plain value: trivially copyable or a string, not in a key nor behind a shared pointer),
// that place (leaf) and how to write it there.
struct change_note {
  std::uint32_t hint[2];
  void* leaf;
  void (*write)(void*, const change&);
};

// A plain value: writing one neither moves nor replaces an element of any sequence, nor
// changes where a path inside it leads (an optional or a variant would: not plain).
template <class V>
inline constexpr bool plain_value =
    (std::is_trivially_copyable_v<V> && kind_v<V> != vkind::optional && kind_v<V> != vkind::variant) ||
    std::is_same_v<V, std::string>;
// A change_note's write for a plain value V: the change's new value, at `at` (the check found
// it a V).
template <class V>
void write_plain(void* at, const change& to) {
  *static_cast<V*>(at) = change_access::to<V>(to);
}

// The memos of one pass over a changeset (checking or performing it), one per path depth.
// A memo serves the next change only if it is about the same sequence and, when performing,
// the change just before used it too: any other change may have replaced the sequence or
// the object holding it.
class apply_memo {
 public:
  static constexpr std::size_t depth_limit = 16;  // deeper keyed sequences: a fresh memo each change
  static constexpr std::size_t hint_steps = sizeof(change_note::hint) / sizeof(std::uint32_t);  // keyed steps with hints
  static constexpr std::uint32_t no_hint = 0xffffffffu;
  static constexpr std::uint32_t absent = 0xfffffffeu;  // an add's key: absent when checked
  std::size_t change_no = 0;  // 1-based number of the change being applied
  bool dry = false;
  // A note a change (see change_note): written when checking, read when performing. Null: none.
  change_note* notes = nullptr;
  unsigned keyed_step = 0;  // keyed steps the current change has gone through
  // Performing: the writes so far that may have moved or replaced an element or what holds
  // it, or changed a key (all but writes of plain values and waiting erases). While none has,
  // a change noted with a leaf is performed by writing its value there, without a walk.
  std::size_t moves = 0;
  // Checking: the current change's note while its leaf may be noted, and the leaf's size.
  change_note* leaf_note = nullptr;
  std::size_t leaf_size = 0;

  /// The hint of the current change's next keyed step, or null.
  std::uint32_t* hint_slot() noexcept {
    const unsigned step = keyed_step++;
    if (!notes || step >= hint_steps) return nullptr;
    return &notes[change_no - 1].hint[step];
  }
  /// Checking: performing the current change writes a plain value of `size` bytes at p, and
  /// does nothing else.
  void note_leaf(void* p, std::size_t size, void (*write)(void*, const change&)) noexcept {
    if (!leaf_note) return;
    leaf_note->leaf = p;
    leaf_note->write = write;
    leaf_size = size;
  }
  /// Checking: the current change goes where no leaf may be noted (behind a shared pointer).
  void no_leaf() noexcept { leaf_note = nullptr; }
  /// Checking: the current change went through an element whose key is the n bytes at p: a
  /// leaf there changes the key, and performing must see it.
  void key_bytes(const void* p, std::size_t n) noexcept {
    if (!leaf_note || !leaf_note->leaf) return;
    const auto k = reinterpret_cast<std::uintptr_t>(p), l = reinterpret_cast<std::uintptr_t>(leaf_note->leaf);
    if (l < k + n && k < l + leaf_size) leaf_note->leaf = nullptr;
  }

  /// A replace of the plain value obj, where change c's path ends: performed (when checking,
  /// noted) as applier::at would, without the call. False, doing nothing, when c is no such
  /// change or does not fit (at() then reports it).
  template <class F>
  RECONCILE_DETAIL_FORCE_INLINE bool plain_leaf(F& obj, const change& c, bool checking) {
    if constexpr (plain_value<F> && kind_v<F> != vkind::pointer && std::is_copy_assignable_v<F>) {
      const value_ref b = change_access::new_box(c);
      if (c.op() != op::replace || !b.holds<F>()) return false;
      if (checking) {
        note_leaf(&obj, sizeof(F), &write_plain<F>);
        return true;
      }
      if (erases.pending) [[unlikely]] before_write();
      obj = change_access::to<F>(c);  // b holds an F
      return true;
    } else {
      (void)obj, (void)c, (void)checking;
      return false;
    }
  }

  apply_memo() = default;
  apply_memo(const apply_memo&) = delete;
  apply_memo& operator=(const apply_memo&) = delete;
  ~apply_memo() {
    for (unsigned left = live_; left != 0; left &= left - 1) at_[static_cast<std::size_t>(std::countr_zero(left))].drop_index();
  }
  seq_memo& at(std::size_t d) noexcept {
    if (!(live_ & (1u << d))) {
      at_[d].seq = nullptr;
      at_[d].index = nullptr;
      at_[d].pend.n = 0;
      at_[d].pend.from = 0;
      live_ |= 1u << d;
    }
    return at_[d];
  }

  // The erases waiting for their compaction (see seq_memo::pend); erases.pending: bit d, the
  // memo at depth d holds some.
  erase_stack erases;

  /// Before the performing pass writes: settles the waiting erases of every sequence the
  /// current change did not go through (deepest first); the write may replace, move or grow
  /// what holds them. Memos deeper than a settled one name elements that may have moved.
  /// settle_unreached(), with the common case inline: one sequence holds waiting erases and
  /// the current change went through it.
  void before_write() {
    const unsigned pending = erases.pending;
    const auto d = static_cast<std::size_t>(31 - std::countl_zero(pending));
    if ((pending & (pending - 1)) == 0 && at_[d].stamp == change_no) return;
    settle_unreached();
  }
  [[gnu::noinline]] void settle_unreached() {
    for (unsigned left = erases.pending; left != 0;) {
      const auto d = static_cast<std::size_t>(31 - std::countl_zero(left));
      left &= ~(1u << d);
      if (at_[d].stamp != change_no) settle(d, memos_below::forget);
    }
  }
  /// A change reached depth d and found another sequence there: settles the waiting erases at
  /// d and below it (deepest first), while the sequences that hold them are still as they were.
  void settle_from(std::size_t d) {
    while (erases.pending >> d) settle(static_cast<std::size_t>(31 - std::countl_zero(erases.pending)), memos_below::forget);
  }
  /// At the end of the performing pass: every waiting erase.
  void settle_all() {
    while (erases.pending) settle(static_cast<std::size_t>(31 - std::countl_zero(erases.pending)), memos_below::keep);
  }
  /// Forget the memos deeper than d that the current change has not gone through.
  void forget_below(std::size_t d) noexcept {
    for (std::size_t e = d + 1; e < depth_limit; ++e)
      if ((live_ & (1u << e)) && at_[e].stamp != change_no) at_[e].seq = nullptr;
  }

 private:
  // What settling the erases at d does to the memos below it: forgets those the change has
  // not gone through (it goes on), or keeps them (the pass ends).
  enum class memos_below : bool { keep, forget };
  void settle(std::size_t d, memos_below below) {
    at_[d].pend.compact(at_[d], *this);
    erases.pending &= ~(1u << d);
    if (below == memos_below::forget) forget_below(d);
  }
  unsigned live_ = 0;  // bit d: at_[d] is initialised
  std::array<seq_memo, depth_limit> at_;
};

// A memo for one change only (a keyed sequence deeper than apply_memo::depth_limit).
struct scratch_memo {
  seq_memo m{};
  scratch_memo() = default;
  scratch_memo(const scratch_memo&) = delete;
  scratch_memo& operator=(const scratch_memo&) = delete;
  ~scratch_memo() { m.drop_index(); }
};

}  // namespace reconcile::detail
