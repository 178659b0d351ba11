// The key index of a keyed sequence while apply edits it: the library's key_index over
// handles that survive the edits. A vector's or deque's elements move as it is edited, so a
// slot holds a position: its position when indexed (appends get fresh ones), less the erased
// positions before it (`gone`, sorted); an erase that waits for its compaction (see
// apply_erase.hpp) leaves the table at once and its place at the compaction. A list's nodes
// stay: a slot holds its iterator. Built by keyed_seq (apply_keyed.hpp) when its cursor scans
// grow past ~8n. Not public.
#pragma once

#include <reconcile/detail/apply_memo.hpp>
#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/reflect_impl.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <vector>

namespace reconcile::detail {

// When an erased element leaves its place in the sequence: now, or at the compaction that
// closes the gaps of a run of erases (apply_erase.hpp).
enum class erase_when : bool { compaction, now };

template <auto Key, class Seq>
struct seq_key_index : seq_index_base {
  using E = typename Seq::value_type;
  using K = member_of<Key>;
  using It = typename Seq::iterator;
  static constexpr bool random = std::random_access_iterator<It>;

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

  std::vector<std::size_t> gone;  // before table: its locate_t reads it
  std::vector<std::size_t> waiting;  // erased from the table, still in their places (see erase)
  std::size_t next = 0;           // the position the next append gets
  key_index<Key, locate_t> table;

  explicit seq_key_index(Seq& s) : table(locate_t{&s, &gone}) {
    table.reserve(s.size());
    for (It it = s.begin(); it != s.end(); ++it, ++next) table.append(*it, handle_of(it, next));
  }
  It find(Seq& s, const K& k) const {
    const key_slot* h = table.find_slot(k);
    return h ? locate_t{&s, &gone}.iter(*h) : s.end();
  }
  // The element leaves its place now, or at its compaction (apply_erase.hpp).
  void erase(Seq& s, It it, erase_when when) {
    const key_slot* h = table.find_slot((*it).*Key);
    if (!h || locate_t{&s, &gone}.iter(*h) != it) return;  // not the indexed one of a repeated key
    const std::size_t was = h->pos;
    table.erase(h);
    if constexpr (random) {
      if (when == erase_when::now) gone.insert(std::lower_bound(gone.begin(), gone.end(), was), was);
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

}  // namespace reconcile::detail
