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
      live_ |= 1u << d;
    }
    return at_[d];
  }

 private:
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

  // The memo of `obj` at this depth: kept if still valid, else reset for obj.
  keyed_seq(Seq& obj, seq_memo& m, const apply_memo& am) : s_(obj), m_(m), dry_(am.dry) {
    const void* id = &type_id<keyed_seq<Key, Seq>>;
    if (m.seq != &obj || m.type != id || (!am.dry && m.stamp + 1 < am.change_no)) {
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
      m.drop_index();
    }
    m.stamp = am.change_no;
  }

  /// The element keyed k, or end().
  It find(const K& k) {
    if (!m_.index && m_.scanned > 8 * s_.size() + 64) build();
    if (auto* ix = index()) return ix->find(s_, k);
    return scan(k);
  }
  /// The element keyed k, or end(). hint (may be null): when checking, receives where k was
  /// found; when performing, where to look first (where the check found k, moved back by the
  /// erases before it). A hint is only a place to look: a wrong one costs the lookup it saves.
  It find(const K& k, std::uint32_t* hint) {
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
          if (shifted < n && plain_eq(s_[shifted].*Key, k)) return found_at(shifted);
          if (*hint < n && plain_eq(s_[*hint].*Key, k)) return found_at(*hint);
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
  /// Erases *it (found by find) and returns the next element.
  It erase(It it) {
    if (auto* ix = index()) ix->erase(s_, it);
    if constexpr (random) {
      const auto p = static_cast<std::size_t>(it - s_.begin());
      m_.cursor = p;
      --m_.shift;  // the elements behind it moved back one place
      return s_.erase(it);
    } else {
      It next = s_.erase(it);
      set_list_cursor(next);
      return next;
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
    void erase(Seq& s, It it) {
      const key_slot* h = table.find_slot((*it).*Key);
      if (!h || locate_t{&s, &gone}.iter(*h) != it) return;  // not the indexed one of a repeated key
      const std::size_t was = h->pos;
      table.erase(h);
      if constexpr (random) gone.insert(std::lower_bound(gone.begin(), gone.end(), was), was);
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
      if (x == k) {
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
    m_.drop_index();
    m_.index = std::exchange(ix.p, nullptr);
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

  Seq& s_;
  seq_memo& m_;
  bool dry_;
};

}  // namespace reconcile::detail
