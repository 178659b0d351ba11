// Finding the elements of a keyed sequence by key while apply runs through a changeset.
//
// The changes to one sequence arrive together and mostly in the sequence's order, so a
// cursor that resumes where the last key was found usually finds the next one within a few
// elements (apply_scan.hpp). When cursor scans have compared more than about 8n elements
// since the sequence was last indexed (keys out of order, or adds, which must prove their key
// absent), a key index (apply_index.hpp) is built over the sequence and kept in step with
// erases and appends. A run of changes to an n-element sequence thus costs O(n + k) lookups.
// Performing, the erases in a vector or deque wait for one compaction (apply_erase.hpp); a
// move shifts the elements between its two places. The performing pass looks first where the
// check pass found each element (hints: see apply_run.hpp), and an add of an integral key
// above every key in the sequence needs no search (apply_bound.hpp). Not public.
#pragma once

#include <reconcile/detail/apply_bound.hpp>
#include <reconcile/detail/apply_erase.hpp>
#include <reconcile/detail/apply_index.hpp>
#include <reconcile/detail/apply_memo.hpp>
#include <reconcile/detail/apply_scan.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/reflect_impl.hpp>
#include <reconcile/detail/traits.hpp>
#include <reconcile/detail/type_id.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

template <auto Key, class Seq>
class keyed_seq {
 public:
  using E = typename Seq::value_type;
  using K = member_of<Key>;
  using It = typename Seq::iterator;
  static constexpr bool random = std::random_access_iterator<It>;

  // The memo of `obj` at this depth: kept if still valid, else reset for obj (after settling
  // the erases waiting in the sequence it was about). depth: the memo's, or apply_memo::
  // depth_limit for a memo of one change only (its erases do not wait).
  keyed_seq(Seq& obj, seq_memo& m, apply_memo& am, std::size_t depth)
      : s_(obj), m_(m), am_(am), depth_(depth), dry_(am.dry) {
    const void* id = &type_id<keyed_seq<Key, Seq>>;
    if (m.seq != &obj || m.type != id || (!am.dry && m.stamp + 1 < am.change_no && m.moves != am.moves)) {
      if (m.pend.n) am.settle_from(depth);
      m.seq = &obj;
      m.type = id;
      m.cursor = 0;
      m.scanned = 0;
      m.has_list_cursor = false;
      m.has_bound = false;
      m.shift = 0;
      m.covered = 0;
      // Performing, a memo set up before any move (see apply_memo::moves) has seen every change
      // to the sequence's keys since: the sequence's keys were then those the check pass saw,
      // but for waiting erases, and any change that reached it without this memo would have
      // reset it.
      m.pristine = !am.dry && am.moves == 0;
      m.has_intro = false;
      m.pend.n = 0;
      m.pend.from = 0;
      m.drop_index();
    }
    m.stamp = am.change_no;
    m.moves = am.moves;
  }

  /// Checking: the element where the last key was found in obj, if m is obj's memo and that
  /// element is keyed k (a change to the same element again); see seq_scan::again.
  static E* found_again(Seq& obj, seq_memo& m, const K& k, std::uint32_t* hint) noexcept {
    return m.seq == &obj && m.type == &type_id<keyed_seq<Key, Seq>> ? scan_t::again(obj, m, k, hint) : nullptr;
  }
  /// Closes the gaps of m's waiting erases (m is a keyed_seq<Key, Seq>'s memo).
  static void compact_memo(seq_memo& m, apply_memo& am) {
    keyed_seq(*static_cast<Seq*>(const_cast<void*>(m.seq)), m, am).compact();
  }

  /// The element keyed k, or end().
  It find(const K& k) {
    if (!m_.index && m_.scanned > 8 * s_.size() + 64) build();
    const It it = index() ? index()->find(s_, k) : scan(k);
    if constexpr (random) {
      if (m_.pend.n && it != s_.end() && doomed(static_cast<std::size_t>(it - s_.begin()))) return live_scan(k);
    }
    return it;
  }
  /// The element keyed k, or end(). hint (may be null): when checking, receives where k was
  /// found; when performing, where to look first (where the check found k, moved back by the
  /// erases before it). A hint is only a place to look: a wrong one costs the lookup it saves.
  RECONCILE_DETAIL_FORCE_INLINE It find(const K& k, std::uint32_t* hint) {
    if constexpr (random) {
      if (hint) {
        if (dry_) {
          const It it = find(k);
          const auto p = static_cast<std::size_t>(it - s_.begin());
          *hint = it == s_.end() || p >= apply_memo::no_hint ? apply_memo::no_hint : static_cast<std::uint32_t>(p);
          return it;
        }
        if (*hint != apply_memo::no_hint) {
          const std::size_t n = s_.size();
          const auto shifted = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(*hint) + m_.shift);
          if (shifted < n && plain_eq(s_[shifted].*Key, k) && !doomed(shifted)) return found_at(shifted);
          if (*hint < n && plain_eq(s_[*hint].*Key, k) && !doomed(*hint)) return found_at(*hint);
        }
      }
    }
    return find(k);
  }
  /// For an add: the element keyed k, or end(). Integral keys: a key above every element's
  /// (a spawn's fresh id) is known absent without a scan once one scan has seen them all.
  It find_for_add(const K& k, std::uint32_t* hint) {
    if constexpr (boundable && random) {
      if (hint && *hint == apply_memo::absent && bound_t::still_absent(m_, k))
        return s_.end();  // absent from the sequence the check saw, and no change put it in since
      if (m_.has_bound && bound() < k) return s_.end();
      if (!m_.index) return scan_all(k);
    }
    return find(k);
  }
  /// Checking an add: when k is above every key in the sequence (a spawn's fresh id), notes
  /// in hint that it is absent. The greatest key is found once a pass (the check changes nothing).
  void check_add(const K& k, std::uint32_t* hint) {
    if constexpr (boundable && random) {
      if (!hint) return;
      const std::size_t n = s_.size();
      if (m_.covered != n) {
        bound_t::store(m_.bound, bound_t::template greatest<Key>(s_.begin(), n));
        m_.covered = n;
      }
      if (n && bound() < k) *hint = apply_memo::absent;
    } else {
      (void)k;
      (void)hint;
    }
  }
  /// Erases *it (found by find). Performing a vector or deque, the element stays, doomed,
  /// until the run's compaction (one move of each element behind the first gap, however many
  /// erases): finds pass it by.
  void erase(It it) {
    if constexpr (random) {
      auto p = static_cast<std::size_t>(it - s_.begin());
      if (m_.pend.n && !am_.erases.room_for(m_.pend)) {
        p -= doomed_before(p);  // the stack is full (or, never expected, not ours on top): close the gaps now
        compact_own();
        it = s_.begin() + static_cast<std::ptrdiff_t>(p);
      }
      m_.cursor = p;
      if (!dry_ && depth_ < apply_memo::depth_limit && p < apply_memo::no_hint && am_.erases.room_for(m_.pend)) {
        if (auto* ix = index()) ix->erase(s_, it, erase_when::compaction);
        am_.erases.push(m_.pend, p, depth_, &compact_memo);
        return;
      }
      if (auto* ix = index()) ix->erase(s_, it, erase_when::now);
      --m_.shift;  // the elements behind it moved back one place
      ++am_.moves;
      s_.erase(it);
    } else {
      if (auto* ix = index()) ix->erase(s_, it, erase_when::now);
      ++am_.moves;
      set_list_cursor(s_.erase(it));
    }
  }
  /// Appends v (whose key no element has) and returns it.
  It append(const E& v) {
    It it = s_.insert(s_.end(), v);
    ++am_.moves;
    if (auto* ix = index()) ix->appended(it);
    raise_bound(v.*Key);
    introduced(v.*Key);
    return it;
  }
  /// *it = v, keeping the index right if v's key is not it's.
  void assign(It it, const E& v) {
    const bool same_key = plain_eq((*it).*Key, v.*Key);
    ++am_.moves;
    *it = v;
    if (!same_key) {
      m_.drop_index();
      raise_bound(v.*Key);
      introduced(v.*Key);
    }
  }
  /// After a change inside *it: if it changed the key, the index no longer holds (and the
  /// change counts as a move: see apply_memo::moves).
  void changed(It it, const K& was) {
    if (plain_eq((*it).*Key, was)) return;
    ++am_.moves;
    m_.drop_index();
    raise_bound((*it).*Key);
    introduced((*it).*Key);
  }
  /// Moves *it to just after the element keyed *anchor (first when null; last when absent).
  void place_after(It it, const K* anchor) {
    ++am_.moves;
    if constexpr (random) {
      if (m_.pend.n) {  // positions move: close the gaps first
        const auto p = static_cast<std::size_t>(it - s_.begin());
        const std::size_t before = doomed_before(p);
        compact_own();
        it = s_.begin() + static_cast<std::ptrdiff_t>(p - before);
      }
    }
    It to = s_.begin();
    if (anchor) {
      to = find(*anchor);
      to = to == s_.end() || to == it ? s_.end() : std::next(to);
    }
    if constexpr (random) {
      const auto p = it - s_.begin(), q = to - s_.begin();
      if (q <= p) std::rotate(to, it, std::next(it));
      else std::rotate(it, std::next(it), to);
      m_.cursor = static_cast<std::size_t>(q <= p ? q : q - 1);
      if (m_.index) {  // positions in between shifted: index again after another budget of scans
        m_.drop_index();
        m_.scanned = 0;
      }
    } else {
      s_.splice(to, s_, it);  // nodes stay: iterators and the index hold
      set_list_cursor(it);
    }
  }

 private:
  using index_t = seq_key_index<Key, Seq>;

  using bound_t = key_bound<K>;
  using scan_t = seq_scan<Key, Seq>;
  static constexpr bool boundable = bound_t::usable;
  K bound() const noexcept { return bound_t::of(m_); }
  void raise_bound(const K& k) noexcept { bound_t::raise(m_, k); }
  void introduced(const K& k) noexcept { bound_t::introduced(m_, k); }
  It found_at(std::size_t p) { return scan_t::found_at(s_, m_, p); }
  // Every element compared with k (an add expects k absent): see seq_scan::all.
  It scan_all(const K& k) {
    return scan_t::all(s_, m_, k, [this](std::size_t p) { return !doomed(p); });
  }

  index_t* index() const { return static_cast<index_t*>(m_.index); }
  void build() {
    // Owned until installed, without <memory> (it costs every TU that diffs).
    struct owner {
      index_t* p;
      ~owner() { delete p; }
    } ix{new index_t(s_)};
    if constexpr (random) {  // the doomed elements leave the table
      const std::uint32_t* const f = am_.erases.of(m_.pend);
      for (std::size_t i = 0; i < m_.pend.n; ++i) ix.p->erase(s_, s_.begin() + static_cast<std::ptrdiff_t>(f[i]), erase_when::compaction);
    }
    m_.drop_index();
    m_.index = std::exchange(ix.p, nullptr);
  }

  // Waiting erases (vector, deque; see erase).
  // Whether the element at p waits to be erased.
  bool doomed(std::size_t p) const noexcept { return am_.erases.doomed(m_.pend, p); }
  // How many elements before p wait to be erased.
  std::size_t doomed_before(std::size_t p) const noexcept { return am_.erases.doomed_before(m_.pend, p); }
  // The first element keyed k that does not wait to be erased, or end().
  [[gnu::noinline]] It live_scan(const K& k) {
    return scan_t::first_live(s_, m_, k, [this](std::size_t p) { return !doomed(p); });
  }
  // Erases the waiting elements: each element behind the first gap moves once.
  [[gnu::noinline]] void compact() {
    if constexpr (random) {
      const std::size_t r = m_.pend.n;
      m_.cursor -= m_.cursor < s_.size() ? doomed_before(m_.cursor) : 0;
      s_.erase(close_gaps(s_.begin(), s_.size(), am_.erases.of(m_.pend), r), s_.end());
      m_.shift -= static_cast<std::ptrdiff_t>(r);  // hints: the elements behind the gaps moved back
      ++am_.moves;
      if (auto* ix = index()) ix->compacted();
      am_.erases.release(m_.pend);
    }
  }
  // compact(), from a change that reached this sequence: the memos deeper than it name
  // elements that moved.
  void compact_own() {
    compact();
    am_.erases.pending &= ~(1u << depth_);
    am_.forget_below(depth_);
  }
  void set_list_cursor(It it) noexcept { scan_t::set_list_cursor(m_, it); }
  It scan(const K& k) { return scan_t::from_cursor(s_, m_, k); }

  // The memo m (of a sequence of this type, with waiting erases), to compact it.
  keyed_seq(Seq& obj, seq_memo& m, apply_memo& am) : s_(obj), m_(m), am_(am), depth_(apply_memo::depth_limit), dry_(false) {}

  Seq& s_;
  seq_memo& m_;
  apply_memo& am_;
  std::size_t depth_;
  bool dry_;
};

}  // namespace reconcile::detail
