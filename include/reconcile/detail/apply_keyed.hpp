// Finding the elements of a keyed sequence by key while apply runs through a changeset.
//
// The changes to one sequence arrive together and mostly in the sequence's order, so a
// cursor that resumes where the last key was found usually finds the next one within a few
// elements. When cursor scans have compared more than about 8n elements since the sequence
// was last indexed (keys out of order, or adds, which must prove their key absent), a key
// index is built (open addressing on std::hash, or sorted positions for keys with only <)
// and kept in step with erases and appends. A run of changes to an n-element sequence thus
// costs O(n + k) lookups; each erase or move in a vector or deque still shifts the elements
// behind it, as any in-place erase does. Not public.
#pragma once

#include <reconcile/detail/equal_impl.hpp>
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
  alignas(void*) unsigned char list_cursor[2 * sizeof(void*)];
  alignas(8) unsigned char bound[8];

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
      m.drop_index();
    }
    m.stamp = am.change_no;
  }

  /// The element keyed k, or end().
  It find(const K& k) {
    if (!m_.index && m_.scanned > 8 * s_.size() + 64) build();
    if (auto* ix = index()) {
      const handle* h = ix->find(s_, k);
      return h ? ix->iter(s_, *h) : s_.end();
    }
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
  It find_for_add(const K& k) {
    if constexpr (boundable && random) {
      if (m_.has_bound && bound() < k) return s_.end();
      if (!m_.index) return scan_all(k);
    }
    return find(k);
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
    if (auto* ix = index()) ix->appended(s_, it);
    raise_bound(v.*Key);
    return it;
  }
  /// *it = v, keeping the index right if v's key is not it's.
  void assign(It it, const E& v) {
    const bool same_key = plain_eq((*it).*Key, v.*Key);
    *it = v;
    if (!same_key) {
      m_.drop_index();
      raise_bound(v.*Key);
    }
  }
  /// After a change inside *it: if it changed the key, the index no longer holds.
  void changed(It it, const K& was) {
    if ((m_.index || m_.has_bound) && !plain_eq((*it).*Key, was)) {
      m_.drop_index();
      raise_bound((*it).*Key);
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
  // A place in the sequence: a position at index time (vector, deque) or an iterator (list).
  using handle = std::conditional_t<random, std::size_t, It>;

  struct index_t : seq_index_base {
    // Positions: `gone` lists (sorted) those erased since the index was built; the element
    // at position p then sits at p - (erased positions before p). Appends get fresh ones.
    std::vector<std::size_t> gone;
    std::size_t next = 0;
    // Hashable keys: open addressing (state 0 empty, 1 used, 2 erased). Others: sorted.
    struct slot {
      std::size_t hash;
      handle h;
      unsigned char state;
    };
    std::vector<slot> slots;
    std::size_t used = 0, erased = 0;
    std::vector<handle> sorted;

    It iter(Seq& s, const handle& h) const {
      if constexpr (random) {
        const auto before = std::lower_bound(gone.begin(), gone.end(), h) - gone.begin();
        return s.begin() + static_cast<std::ptrdiff_t>(h - static_cast<std::size_t>(before));
      } else {
        (void)s;
        return h;
      }
    }
    const K& key(Seq& s, const handle& h) const { return (*iter(s, h)).*Key; }

    void build(Seq& s) {
      gone.clear();
      if constexpr (hashable<K>) {
        std::size_t cap = 16;
        while (cap < 2 * s.size() + 2) cap *= 2;
        slots.assign(cap, slot{0, handle{}, 0});
        used = erased = 0;
      } else {
        sorted.clear();
        sorted.reserve(s.size());
      }
      std::size_t p = 0;
      for (It it = s.begin(); it != s.end(); ++it, ++p) {
        if constexpr (random) add(s, p);
        else add(s, it);
      }
      next = p;
      if constexpr (!hashable<K>) {  // the first of equal keys stays (a linear scan's answer)
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](const handle& a, const handle& b) { return key(s, a) < key(s, b); });
        sorted.erase(std::unique(sorted.begin(), sorted.end(),
                                 [&](const handle& a, const handle& b) { return plain_eq(key(s, a), key(s, b)); }),
                     sorted.end());
      }
    }
    // Hash table: the slot holding k, or the empty slot where it would go.
    slot& probe(Seq& s, const K& k, std::size_t hash) {
      const std::size_t mask = slots.size() - 1;
      slot* grave = nullptr;
      for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        slot& sl = slots[i];
        if (sl.state == 0) return grave ? *grave : sl;
        if (sl.state == 2) {
          if (!grave) grave = &sl;
        } else if (sl.hash == hash && plain_eq(key(s, sl.h), k)) {
          return sl;
        }
      }
    }
    void add(Seq& s, const handle& h) {
      if constexpr (hashable<K>) {
        const K& k = key(s, h);
        const std::size_t hash = std::hash<K>{}(k);
        slot& sl = probe(s, k, hash);
        if (sl.state == 1) return;  // a repeated key: the first stays
        if (sl.state == 2) --erased;
        sl = slot{hash, h, 1};
        ++used;
      } else {
        sorted.push_back(h);
      }
    }
    auto sorted_at(Seq& s, const K& k) {
      return std::lower_bound(sorted.begin(), sorted.end(), k,
                              [&](const handle& h, const K& v) { return key(s, h) < v; });
    }
    const handle* find(Seq& s, const K& k) {
      if constexpr (hashable<K>) {
        slot& sl = probe(s, k, std::hash<K>{}(k));
        return sl.state == 1 ? &sl.h : nullptr;
      } else {
        auto at = sorted_at(s, k);
        return at != sorted.end() && plain_eq(key(s, *at), k) ? &*at : nullptr;
      }
    }
    void erase(Seq& s, It it) {
      const K& k = (*it).*Key;
      const handle* h = find(s, k);
      if (!h || iter(s, *h) != it) return;  // not the indexed one of a repeated key
      const handle was = *h;
      if constexpr (hashable<K>) {
        slot& sl = probe(s, k, std::hash<K>{}(k));
        sl.state = 2;
        --used;
        ++erased;
      } else {
        sorted.erase(sorted_at(s, k));
      }
      if constexpr (random) gone.insert(std::lower_bound(gone.begin(), gone.end(), was), was);
    }
    void appended(Seq& s, It it) {
      handle h;
      if constexpr (random) h = next++;
      else h = it;
      if constexpr (hashable<K>) {
        if (4 * (used + erased + 1) > 3 * slots.size()) return build(s);  // takes it in too
        add(s, h);
      } else {
        sorted.insert(sorted_at(s, (*it).*Key), h);
      }
    }
  };

  static constexpr bool boundable = (std::is_integral_v<K> || std::is_enum_v<K>) && sizeof(K) <= sizeof(seq_memo::bound);

  K bound() const noexcept {
    K b;
    std::memcpy(static_cast<void*>(&b), m_.bound, sizeof(K));
    return b;
  }
  void set_bound(const K& b) noexcept {
    std::memcpy(m_.bound, static_cast<const void*>(&b), sizeof(K));
    m_.has_bound = true;
  }
  // A key now in the sequence: the bound, if any, still bounds every key.
  void raise_bound(const K& k) noexcept {
    if constexpr (boundable) {
      if (m_.has_bound && bound() < k) set_bound(k);
    }
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
    } ix{new index_t()};
    ix.p->build(s_);
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
