// Finding the elements of a keyed sequence by key while apply runs through a changeset.
//
// The changes to one sequence arrive together and mostly in the sequence's order, so a
// cursor that resumes where the last key was found usually finds the next one within a few
// elements. When cursor scans have compared more than about 8n elements since the sequence
// was last indexed (keys out of order, or adds, which must prove their key absent), a
// key_index (the library's one: open addressing on std::hash, or sorted for keys with only <)
// is built over the sequence and kept in step with erases and appends. A run of changes to an
// n-element sequence thus costs O(n + k) lookups; each erase or move in a vector or deque
// still shifts the elements behind it, as any in-place erase does. The performing pass of
// apply looks first where its check pass found each element (hints: see apply_impl.hpp), and
// an add of an integral key above every key in the sequence needs no search. Not public.
#pragma once

#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/reflect_impl.hpp>
#include <reconcile/detail/traits.hpp>
#include <reconcile/detail/type_id.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace reconcile::detail {

struct seq_index_base {
  virtual ~seq_index_base() = default;
};

class apply_memo;

// What one apply pass remembers about a keyed sequence between consecutive changes. Plain
// data, so that a pass that meets no keyed sequence pays nothing for it.
struct seq_memo {
  const void* seq;              // the sequence's address
  const void* type;             // &type_id<keyed_seq<Key, Seq>>
  std::size_t stamp;            // number of the last change that used it
  std::size_t cursor;           // vector, deque: where the last key was found
  std::size_t scanned;          // elements compared by cursor scans since the last index build
  seq_index_base* index;        // owned; built when scans grow past ~8n
  bool has_list_cursor;         // list: an iterator there, in list_cursor
  bool has_bound;               // an integral key: bound holds a key no smaller than any element's
  std::ptrdiff_t shift;         // performing: what the pass's erases did to the positions after them
  std::size_t covered;          // checking: the size the greatest key (in bound) was found for
  bool pristine;                // performing: set up at the pass's first change (see keyed_seq)
  bool has_intro;               // performing: a change put a key into the sequence; intro: the greatest
  // Performing a vector or deque: its erases wait (the elements stay where they are) until the
  // run of changes to it ends, then one compaction closes every gap: pend_n positions, from
  // pend_from on the pass's stack (apply_memo::pend), none below pend_lo or above pend_hi.
  std::uint32_t pend_from;
  std::uint32_t pend_n;
  std::size_t pend_lo, pend_hi;
  void (*compact)(seq_memo&, apply_memo&);  // closes the gaps (set with the first waiting erase)
  alignas(void*) unsigned char list_cursor[2 * sizeof(void*)];
  alignas(8) unsigned char bound[8];
  alignas(8) unsigned char intro[8];

  void drop_index() noexcept {
    delete index;
    index = nullptr;
  }
};

// The memos of one pass over a changeset (checking or performing it), one per path depth.
// A memo serves the next change only if it is about the same sequence and, when performing,
// the change just before used it too: any other change may have replaced the sequence or
// the object holding it.
class apply_memo {
 public:
  static constexpr std::size_t depth_limit = 16;  // deeper keyed sequences: a fresh memo each change
  static constexpr std::size_t hint_steps = 2;             // keyed steps a change has hints for
  static constexpr std::uint32_t no_hint = 0xffffffffu;
  static constexpr std::uint32_t absent = 0xfffffffeu;  // an add's key: absent when checked
  std::size_t change_no = 0;  // 1-based number of the change being applied
  bool dry = false;
  // Where the check pass found each change's first hint_steps keyed elements (see apply_hints):
  // written when checking, tried first when performing. Null: none.
  std::uint32_t* hints = nullptr;
  unsigned keyed_step = 0;  // keyed steps the current change has gone through

  /// The hint of the current change's next keyed step, or null.
  std::uint32_t* hint_slot() noexcept {
    const unsigned step = keyed_step++;
    if (!hints || step >= hint_steps) return nullptr;
    return hints + (change_no - 1) * hint_steps + step;
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
      at_[d].pend_n = 0;
      at_[d].pend_from = 0;
      live_ |= 1u << d;
    }
    return at_[d];
  }

  // Erases waiting for their compaction (see seq_memo::pend_n): a stack, since a sequence's
  // waiting erases are settled before any change reaches past it or writes above it, the
  // sequences that hold waiting erases form a path, and the deepest one's are on top.
  static constexpr std::uint32_t pend_cap = 64;
  std::uint32_t pend[pend_cap];
  std::uint32_t pend_top = 0;
  unsigned pending = 0;  // bit d: at_[d] holds waiting erases

  /// Before the performing pass writes: settles the waiting erases of every sequence the
  /// current change did not go through (deepest first); the write may replace, move or grow
  /// what holds them. Memos deeper than a settled one name elements that may have moved.
  /// settle_unreached(), with the common case inline: one sequence holds waiting erases and
  /// the current change went through it.
  void before_write() {
    const auto d = static_cast<std::size_t>(31 - std::countl_zero(pending));
    if ((pending & (pending - 1)) == 0 && at_[d].stamp == change_no) return;
    settle_unreached();
  }
  [[gnu::noinline]] void settle_unreached() {
    for (unsigned left = pending; left != 0;) {
      const auto d = static_cast<std::size_t>(31 - std::countl_zero(left));
      left &= ~(1u << d);
      if (at_[d].stamp != change_no) settle(d, true);
    }
  }
  /// A change reached depth d and found another sequence there: settles the waiting erases at
  /// d and below it (deepest first), while the sequences that hold them are still as they were.
  void settle_from(std::size_t d) {
    while (pending >> d) settle(static_cast<std::size_t>(31 - std::countl_zero(pending)), true);
  }
  /// At the end of the performing pass: every waiting erase.
  void settle_all() {
    while (pending) settle(static_cast<std::size_t>(31 - std::countl_zero(pending)), false);
  }
  /// Forget the memos deeper than d that the current change has not gone through.
  void forget_below(std::size_t d) noexcept {
    for (std::size_t e = d + 1; e < depth_limit; ++e)
      if ((live_ & (1u << e)) && at_[e].stamp != change_no) at_[e].seq = nullptr;
  }

 private:
  void settle(std::size_t d, bool forget) {
    at_[d].compact(at_[d], *this);
    pending &= ~(1u << d);
    if (forget) forget_below(d);
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
    if (m.seq != &obj || m.type != id || (!am.dry && m.stamp + 1 < am.change_no)) {
      if (m.pend_n) am.settle_from(depth);
      m.seq = &obj;
      m.type = id;
      m.cursor = 0;
      m.scanned = 0;
      m.has_list_cursor = false;
      m.has_bound = false;
      m.shift = 0;
      m.covered = 0;
      // Performing, a memo set up at the first change has seen every change to the sequence
      // since: the sequence was then as the check pass saw it, and any change that reached
      // it without this memo would have reset it.
      m.pristine = !am.dry && am.change_no == 1;
      m.has_intro = false;
      m.pend_n = 0;
      m.pend_from = 0;
      m.drop_index();
    }
    m.stamp = am.change_no;
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
      if (m_.pend_n && it != s_.end() && doomed(static_cast<std::size_t>(it - s_.begin()))) return live_scan(k);
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
      if (hint && *hint == apply_memo::absent && m_.pristine && !(m_.has_intro && !(load(m_.intro) < k)))
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
        store(m_.bound, greatest_key());
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
      if (m_.pend_n && (m_.pend_from + m_.pend_n != am_.pend_top || am_.pend_top == apply_memo::pend_cap)) {
        p -= doomed_before(p);  // the stack is full (or, never expected, not ours on top): close the gaps now
        compact_own();
        it = s_.begin() + static_cast<std::ptrdiff_t>(p);
      }
      m_.cursor = p;
      if (!dry_ && depth_ < apply_memo::depth_limit && p < apply_memo::no_hint && am_.pend_top < apply_memo::pend_cap) {
        if (auto* ix = index()) ix->erase(s_, it, false);
        if (m_.pend_n == 0) {
          m_.pend_from = am_.pend_top;
          m_.pend_lo = m_.pend_hi = p;
          m_.compact = &compact_memo;
          am_.pending |= 1u << depth_;
        }
        am_.pend[am_.pend_top++] = static_cast<std::uint32_t>(p);
        ++m_.pend_n;
        m_.pend_lo = p < m_.pend_lo ? p : m_.pend_lo;
        m_.pend_hi = p > m_.pend_hi ? p : m_.pend_hi;
        return;
      }
      if (auto* ix = index()) ix->erase(s_, it, true);
      --m_.shift;  // the elements behind it moved back one place
      s_.erase(it);
    } else {
      if (auto* ix = index()) ix->erase(s_, it, true);
      set_list_cursor(s_.erase(it));
    }
  }
  /// Appends v (whose key no element has) and returns it.
  It append(const E& v) {
    It it = s_.insert(s_.end(), v);
    if (auto* ix = index()) ix->appended(it);
    raise_bound(v.*Key);
    introduced(v.*Key);
    return it;
  }
  /// *it = v, keeping the index right if v's key is not it's.
  void assign(It it, const E& v) {
    const bool same_key = plain_eq((*it).*Key, v.*Key);
    *it = v;
    if (!same_key) {
      m_.drop_index();
      raise_bound(v.*Key);
      introduced(v.*Key);
    }
  }
  /// After a change inside *it: if it changed the key, the index no longer holds.
  void changed(It it, const K& was) {
    if ((m_.index || (boundable && (m_.has_bound || m_.pristine))) && !plain_eq((*it).*Key, was)) {
      m_.drop_index();
      raise_bound((*it).*Key);
      introduced((*it).*Key);
    }
  }
  /// Moves *it to just after the element keyed *anchor (first when null; last when absent).
  void place_after(It it, const K* anchor) {
    if constexpr (random) {
      if (m_.pend_n) {  // positions move: close the gaps first
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
  // The index: key_index over handles. A vector's or deque's elements move as it is edited, so
  // a slot holds a position: its position when indexed (appends get fresh ones), less the
  // erased positions before it (`gone`, sorted). A list's nodes stay: a slot holds its iterator.
  struct locate_t {
    Seq* s;
    const std::vector<std::size_t>* gone;
    It iter(const key_slot& k) const {
      if constexpr (random) {
        const auto before = std::lower_bound(gone->begin(), gone->end(), k.pos) - gone->begin();
        return s->begin() + static_cast<std::ptrdiff_t>(k.pos - static_cast<std::size_t>(before));
      } else {
        It it;
        std::memcpy(static_cast<void*>(&it), &k.pos, sizeof(It));
        return it;
      }
    }
    const E& operator()(const key_slot& k) const {
      if constexpr (random) return *iter(k);
      else return *static_cast<const E*>(k.elem);
    }
  };
  // A slot's handle: position p (vector, deque) or the iterator's bits (list).
  static std::size_t handle_of(It it, std::size_t p) noexcept {
    if constexpr (random) {
      (void)it;
      return p;
    } else {
      static_assert(std::is_trivially_copyable_v<It> && sizeof(It) <= sizeof(std::size_t));
      std::size_t h = 0;
      std::memcpy(&h, static_cast<const void*>(&it), sizeof(It));
      return h;
    }
  }
  struct index_t : seq_index_base {
    std::vector<std::size_t> gone;  // before table: its locate_t reads it
    std::vector<std::size_t> waiting;  // erased from the table, still in their places (see erase)
    std::size_t next = 0;           // the position the next append gets
    key_index<Key, locate_t> table;

    explicit index_t(Seq& s) : table(locate_t{&s, &gone}) {
      table.reserve(s.size());
      for (It it = s.begin(); it != s.end(); ++it, ++next) table.append(*it, handle_of(it, next));
    }
    It find(Seq& s, const K& k) const {
      const key_slot* h = table.find_slot(k);
      return h ? locate_t{&s, &gone}.iter(*h) : s.end();
    }
    // now: the element leaves its place at once; else at the next compaction (see settle).
    void erase(Seq& s, It it, bool now) {
      const key_slot* h = table.find_slot((*it).*Key);
      if (!h || locate_t{&s, &gone}.iter(*h) != it) return;  // not the indexed one of a repeated key
      const std::size_t was = h->pos;
      table.erase(h);
      if constexpr (random) {
        if (now) gone.insert(std::lower_bound(gone.begin(), gone.end(), was), was);
        else waiting.push_back(was);
      }
    }
    // The waiting erases left their places (a compaction): their positions are gone.
    void compacted() {
      for (const std::size_t was : waiting) gone.insert(std::lower_bound(gone.begin(), gone.end(), was), was);
      waiting.clear();
    }
    void appended(It it) {
      table.append(*it, handle_of(it, next));
      ++next;
    }
  };

  static constexpr bool boundable = (std::is_integral_v<K> || std::is_enum_v<K>) && sizeof(K) <= sizeof(seq_memo::bound);

  static K load(const unsigned char* from) noexcept {
    K b;
    std::memcpy(static_cast<void*>(&b), from, sizeof(K));
    return b;
  }
  static void store(unsigned char* to, const K& b) noexcept { std::memcpy(to, static_cast<const void*>(&b), sizeof(K)); }
  K bound() const noexcept { return load(m_.bound); }
  void set_bound(const K& b) noexcept {
    store(m_.bound, b);
    m_.has_bound = true;
  }
  // A change put k into the sequence.
  void introduced(const K& k) noexcept {
    if constexpr (boundable) {
      if (!m_.has_intro || load(m_.intro) < k) store(m_.intro, k);
    }
    m_.has_intro = true;
  }
  // A key now in the sequence: the bound, if any, still bounds every key.
  void raise_bound(const K& k) noexcept {
    if constexpr (boundable) {
      if (m_.has_bound && bound() < k) set_bound(k);
    }
  }
  // The greatest key of a non-empty sequence: four running maxima, so that the comparisons
  // need not wait on each other.
  K greatest_key() const {
    const It first = s_.begin();
    const std::size_t n = s_.size();
    K g[4] = {(*first).*Key, (*first).*Key, (*first).*Key, (*first).*Key};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
      for (std::size_t j = 0; j < 4; ++j) {
        const K& x = first[static_cast<std::ptrdiff_t>(i + j)].*Key;
        g[j] = g[j] < x ? x : g[j];
      }
    for (; i < n; ++i) g[0] = g[0] < first[static_cast<std::ptrdiff_t>(i)].*Key ? first[static_cast<std::ptrdiff_t>(i)].*Key : g[0];
    for (std::size_t j = 1; j < 4; ++j) g[0] = g[0] < g[j] ? g[j] : g[0];
    return g[0];
  }
  It found_at(std::size_t p) {
    m_.cursor = p;
    return s_.begin() + static_cast<std::ptrdiff_t>(p);
  }
  // Every element compared with k (an add expects k absent): the first keyed k, or end() having
  // learnt the greatest key.
  It scan_all(const K& k) {
    const It first = s_.begin(), last = s_.end();
    if (first == last) return last;
    K greatest = (*first).*Key;
    for (It it = first; it != last; ++it) {
      const K& x = (*it).*Key;
      if (x == k && !doomed(static_cast<std::size_t>(it - first))) {
        m_.scanned += static_cast<std::size_t>(it - first) + 1;
        return found_at(static_cast<std::size_t>(it - first));
      }
      if (greatest < x) greatest = x;
    }
    m_.scanned += static_cast<std::size_t>(last - first);
    set_bound(greatest);
    return last;
  }

  index_t* index() const { return static_cast<index_t*>(m_.index); }
  void build() {
    // Owned until installed, without <memory> (it costs every TU that diffs).
    struct owner {
      index_t* p;
      ~owner() { delete p; }
    } ix{new index_t(s_)};
    if constexpr (random) {  // the doomed elements leave the table
      const std::uint32_t* const f = m_.pend_n ? am_.pend + m_.pend_from : am_.pend;
      for (std::size_t i = 0; i < m_.pend_n; ++i) ix.p->erase(s_, s_.begin() + static_cast<std::ptrdiff_t>(f[i]), false);
    }
    m_.drop_index();
    m_.index = std::exchange(ix.p, nullptr);
  }

  // Waiting erases (vector, deque; see erase).
  // Whether the element at p waits to be erased.
  bool doomed(std::size_t p) const noexcept {
    if (m_.pend_n == 0 || p < m_.pend_lo || p > m_.pend_hi) return false;
    const std::uint32_t* const f = am_.pend + m_.pend_from;
    return std::find(f, f + m_.pend_n, static_cast<std::uint32_t>(p)) != f + m_.pend_n;
  }
  // How many elements before p wait to be erased.
  std::size_t doomed_before(std::size_t p) const noexcept {
    if (m_.pend_n == 0) return 0;
    const std::uint32_t* const f = am_.pend + m_.pend_from;
    return static_cast<std::size_t>(std::count_if(f, f + m_.pend_n, [p](std::uint32_t q) { return q < p; }));
  }
  // The first element keyed k that does not wait to be erased, or end().
  [[gnu::noinline]] It live_scan(const K& k) {
    const std::size_t n = s_.size();
    for (std::size_t i = 0; i < n; ++i)
      if (plain_eq(s_[i].*Key, k) && !doomed(i)) return found_at(i);
    return s_.end();
  }
  // Erases the waiting elements: each element behind the first gap moves once.
  [[gnu::noinline]] void compact() {
    if constexpr (random) {
      std::uint32_t* const f = am_.pend + m_.pend_from;
      const std::size_t r = m_.pend_n;
      std::sort(f, f + r);
      m_.cursor -= m_.cursor < s_.size() ? doomed_before(m_.cursor) : 0;
      const It first = s_.begin();
      const std::size_t n = s_.size();
      It w = first + static_cast<std::ptrdiff_t>(f[0]);
      for (std::size_t i = 0; i < r; ++i) {
        const std::size_t from = f[i] + 1, to = i + 1 < r ? f[i + 1] : n;
        w = std::move(first + static_cast<std::ptrdiff_t>(from), first + static_cast<std::ptrdiff_t>(to), w);
      }
      s_.erase(w, s_.end());
      m_.shift -= static_cast<std::ptrdiff_t>(r);  // hints: the elements behind the gaps moved back
      if (auto* ix = index()) ix->compacted();
      if (m_.pend_from + r == am_.pend_top) am_.pend_top = m_.pend_from;
      m_.pend_n = 0;
    }
  }
  // compact(), from a change that reached this sequence: the memos deeper than it name
  // elements that moved.
  void compact_own() {
    compact();
    am_.pending &= ~(1u << depth_);
    am_.forget_below(depth_);
  }
  void set_list_cursor(It it) noexcept {
    static_assert(std::is_trivially_copyable_v<It> && sizeof(It) <= sizeof(m_.list_cursor));
    std::memcpy(m_.list_cursor, static_cast<const void*>(&it), sizeof(It));
    m_.has_list_cursor = true;
  }

  // From the cursor to the end, then from the start: the first element keyed k found so.
  It scan(const K& k) {
    const std::size_t n = s_.size();
    if constexpr (random) {  // two plain find_ifs: the compiler keeps the loop tight
      const It first = s_.begin(), last = s_.end();
      const It from = first + static_cast<std::ptrdiff_t>(m_.cursor < n ? m_.cursor : 0);
      auto same = [&](const E& e) { return plain_eq(e.*Key, k); };
      It hit = std::find_if(from, last, same);
      if (hit == last) {
        m_.scanned += static_cast<std::size_t>(last - from);
        hit = std::find_if(first, from, same);
        if (hit == from) {
          m_.scanned += static_cast<std::size_t>(from - first);
          return last;
        }
        m_.scanned += static_cast<std::size_t>(hit - first) + 1;
      } else {
        m_.scanned += static_cast<std::size_t>(hit - from) + 1;
      }
      m_.cursor = static_cast<std::size_t>(hit - first);
      return hit;
    } else {
      It it = s_.begin();
      if (m_.has_list_cursor) std::memcpy(static_cast<void*>(&it), m_.list_cursor, sizeof(It));
      for (std::size_t left = n; left > 0; --left, ++it) {
        if (it == s_.end()) it = s_.begin();
        ++m_.scanned;
        if (plain_eq((*it).*Key, k)) {
          set_list_cursor(it);
          return it;
        }
      }
    }
    return s_.end();
  }

  // The memo m (of a sequence of this type, with waiting erases), to compact it.
  keyed_seq(Seq& obj, seq_memo& m, apply_memo& am) : s_(obj), m_(m), am_(am), depth_(apply_memo::depth_limit), dry_(false) {}

  Seq& s_;
  seq_memo& m_;
  apply_memo& am_;
  std::size_t depth_;
  bool dry_;
};

}  // namespace reconcile::detail
