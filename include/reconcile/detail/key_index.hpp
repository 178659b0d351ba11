// key_index: the library's one keyed index, serving diff, equal, the JSON reader, the wire
// codec and apply. Elements of a keyed sequence looked up by key: a flat open-addressing table
// over (hash, element, position) for keys with std::hash, a sorted array of the same slots for
// keys with only `<`. It records the first duplicate key it sees (the first listed stays the
// one found), and takes erases (a tombstone) and appends (growing when 3/4 full), which apply
// needs while it edits the sequence. A slot reaches its element through its address, or
// through a Locate policy (apply on a vector: a position, as the element moves). Its memory
// comes from a per-thread pool of buffers, returned when the index dies, so a warm diff, equal
// or JSON read allocates nothing for it; indexes may nest (a matched element's own keyed
// sequences) and live side by side (both sides of a diff).
#pragma once

#include <reconcile/detail/reflect_impl.hpp>
#include <reconcile/detail/traits.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>
// std::hash (and std::less) without <functional>, whose <unordered_map> and searchers cost a
// diff TU about 40 ms of clang's parse: libstdc++ defines them in these parts of it.
#if defined(__GLIBCXX__) && __has_include(<bits/functional_hash.h>) && __has_include(<bits/stl_function.h>)
#include <bits/functional_hash.h>
#include <bits/stl_function.h>
#else
#include <functional>
#endif
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>  // <algorithm> without its ranges:: half (clang parse, ~25 ms a TU)
#else
#include <algorithm>
#endif

namespace reconcile::detail {

// One entry of an index: the key's hash (0 in a sorted index), its element and position.
// elem: null in an empty slot, erased_slot in an erased one.
struct key_slot {
  std::size_t hash;
  const void* elem;
  std::size_t pos;
};
inline constexpr char erased_slot_mark = 0;
inline const void* const erased_slot = &erased_slot_mark;

// How a slot reaches its element: by its address (elements that stay put while the index lives).
template <class Element>
struct locate_by_address {
  const Element& operator()(const key_slot& s) const noexcept { return *static_cast<const Element*>(s.elem); }
};

// The per-thread pool of slot buffers: an index takes one and gives it back, capacity kept.
class key_slot_pool {
 public:
  static std::vector<key_slot> take() {
    auto& free = buffers();
    if (free.empty()) return {};
    std::vector<key_slot> v = std::move(free.back());
    free.pop_back();
    return v;
  }
  static void give_back(std::vector<key_slot>&& v) noexcept {
    auto& free = buffers();
    if (free.size() < free.capacity()) free.push_back(std::move(v));
    else try_grow_and_keep(free, std::move(v));
  }

 private:
  static std::vector<std::vector<key_slot>>& buffers() noexcept {
    thread_local std::vector<std::vector<key_slot>> free;
    return free;
  }
  // Keeping a buffer may need the pool itself to grow (once per nesting depth); if that fails
  // the buffer is simply freed.
  static void try_grow_and_keep(std::vector<std::vector<key_slot>>& free, std::vector<key_slot>&& v) noexcept {
#if defined(__cpp_exceptions)
    try {
      free.push_back(std::move(v));
    } catch (...) {
    }
#else
    free.push_back(std::move(v));
#endif
  }
};

// What an index is keyed by: a member of the element (Key a member pointer, as keyed_by
// names it), or what a function returns for it (Key a `const K& (*)(const E&) noexcept`, e.g.
// &whole_element<E>: the element itself, for counting a multiset's values).
template <auto Key, bool = std::is_member_object_pointer_v<decltype(Key)>>
struct key_projection {
  using element = class_of<Key>;
  using key_type = member_of<Key>;
  static const key_type& of(const element& e) noexcept { return e.*Key; }
};
template <class F>
struct projection_signature;
template <class K, class E>
struct projection_signature<const K& (*)(const E&) noexcept> {
  using element = E;
  using key_type = K;
};
template <auto Key>
struct key_projection<Key, false> : projection_signature<decltype(Key)> {
  static decltype(auto) of(const typename projection_signature<decltype(Key)>::element& e) noexcept { return Key(e); }
};
template <class E>
const E& whole_element(const E& e) noexcept {
  return e;
}

// Locate: how a slot reaches its element (void: by its address, locate_by_address).
template <auto Key, class LocateOr = void>
class key_index {
 public:
  using element = typename key_projection<Key>::element;
  using key_type = typename key_projection<Key>::key_type;
  using Locate = std::conditional_t<std::is_void_v<LocateOr>, locate_by_address<element>, LocateOr>;
  struct entry {
    const element* elem;
    std::size_t pos;
  };

  key_index() = default;
  /// Empty, to be filled by append.
  explicit key_index(Locate locate) : slots_(key_slot_pool::take()), locate_(locate) { slots_.clear(); }
  /// The elements [first, last), listed at positions first_pos, first_pos + 1, ...
  template <class It>
  key_index(It first, It last, std::size_t first_pos = 0, Locate locate = Locate())
      : slots_(key_slot_pool::take()), locate_(locate) {
    const auto n = static_cast<std::size_t>(std::distance(first, last));
    if constexpr (hashable<key_type>) {
      std::size_t cap = 16;
      while (cap < 2 * n) cap *= 2;
      slots_.assign(cap, key_slot{0, nullptr, 0});
      mask_ = cap - 1;
      std::size_t pos = first_pos;
      for (; first != last; ++first, ++pos) insert_hashed(*first, pos);
    } else {
      slots_.clear();
      slots_.reserve(n);
      std::size_t pos = first_pos;
      for (; first != last; ++first, ++pos) slots_.push_back(key_slot{0, &*first, pos});
      // By key, then by position: among equal keys the first listed comes first and is the one
      // found (std::sort, unlike std::stable_sort, needs no buffer of its own).
      std::sort(slots_.begin(), slots_.end(), [this](const key_slot& x, const key_slot& y) {
        if (key_of(x) < key_of(y)) return true;
        if (key_of(y) < key_of(x)) return false;
        return x.pos < y.pos;
      });
      // Each run of equal keys is in listing order: its second slot is the key's second
      // occurrence. The duplicate is the one listed first among those.
      std::size_t best = static_cast<std::size_t>(-1);
      for (std::size_t i = 1; i < slots_.size(); ++i) {
        const bool second_of_run = !(key_of(slots_[i - 1]) < key_of(slots_[i])) &&
                                   (i == 1 || key_of(slots_[i - 2]) < key_of(slots_[i - 1]));
        if (second_of_run && slots_[i].pos < best) {
          best = slots_[i].pos;
          duplicate_ = &key_of(slots_[i]);
        }
      }
    }
  }
  key_index(const key_index&) = delete;
  key_index& operator=(const key_index&) = delete;
  ~key_index() { key_slot_pool::give_back(std::move(slots_)); }

  const element* find(const key_type& k) const {
    const key_slot* s = lookup(k);
    return s ? &locate_(*s) : nullptr;
  }
  std::optional<entry> find_entry(const key_type& k) const {
    const key_slot* s = lookup(k);
    if (!s) return std::nullopt;
    return entry{&locate_(*s), s->pos};
  }
  /// The slot of the element found for k (the first listed of equal keys), or null.
  const key_slot* find_slot(const key_type& k) const { return lookup(k); }
  /// The first key seen twice (in listing order), or null.
  const key_type* duplicate() const noexcept { return duplicate_; }
  Locate& locate() noexcept { return locate_; }

  /// Forgets the element of slot s (from find_slot).
  void erase(const key_slot* s) {
    if constexpr (hashable<key_type>) {
      slots_[static_cast<std::size_t>(s - slots_.data())].elem = erased_slot;
      ++erased_;
    } else {
      slots_.erase(slots_.begin() + (s - slots_.data()));
    }
  }
  /// Room for n elements in all without growing.
  void reserve(std::size_t n) {
    if constexpr (hashable<key_type>) {
      if (4 * n > 3 * slots_.size()) rehash(n);
    } else {
      slots_.reserve(n);
    }
  }
  /// Takes in element e, listed at pos (after every element it holds). A key it holds already:
  /// noted as the duplicate; the first listed stays the one found.
  void append(const element& e, std::size_t pos) {
    if constexpr (hashable<key_type>) {
      if (4 * (used_ + 1) > 3 * slots_.size()) rehash(used_ - erased_ + 1);
      insert_hashed(e, pos);
    } else {
      const key_type& k = key_projection<Key>::of(e);
      auto at = std::upper_bound(slots_.begin(), slots_.end(), k,
                                 [this](const key_type& key, const key_slot& s) { return key < key_of(s); });
      slots_.insert(at, key_slot{0, &e, pos});
    }
  }

 private:
  const key_type& key_of(const key_slot& s) const noexcept { return key_projection<Key>::of(locate_(s)); }

  void insert_hashed(const element& e, std::size_t pos) {
    const key_type& k = key_projection<Key>::of(e);
    const std::size_t h = std::hash<key_type>{}(k);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      key_slot& s = slots_[at];
      if (!s.elem) {
        s = key_slot{h, &e, pos};
        ++used_;
        return;
      }
      if (s.elem != erased_slot && s.hash == h && key_of(s) == k) {
        if (!duplicate_) duplicate_ = &k;
        return;  // the first listed stays the one found
      }
    }
  }
  // A table with room for n, the erased slots dropped: the live ones placed again by their hashes.
  void rehash(std::size_t n) {
    std::vector<key_slot> old = std::move(slots_);
    slots_ = key_slot_pool::take();
    const std::size_t live = used_ - erased_;
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots_.assign(cap, key_slot{0, nullptr, 0});
    mask_ = cap - 1;
    used_ = live;
    erased_ = 0;
    for (const key_slot& s : old) {
      if (!s.elem || s.elem == erased_slot) continue;
      std::size_t at = s.hash & mask_;
      while (slots_[at].elem) at = (at + 1) & mask_;
      slots_[at] = s;
    }
    key_slot_pool::give_back(std::move(old));
  }
  const key_slot* lookup(const key_type& k) const {
    if (slots_.empty()) return nullptr;
    if constexpr (hashable<key_type>) {
      const std::size_t h = std::hash<key_type>{}(k);
      for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
        const key_slot& s = slots_[at];
        if (!s.elem) return nullptr;
        if (s.elem != erased_slot && s.hash == h && key_of(s) == k) return &s;
      }
    } else {
      auto it = std::lower_bound(slots_.begin(), slots_.end(), k,
                                 [this](const key_slot& s, const key_type& key) { return key_of(s) < key; });
      if (it == slots_.end() || k < key_of(*it)) return nullptr;
      return &*it;
    }
  }

  std::vector<key_slot> slots_;
  std::size_t mask_ = 0;
  std::size_t used_ = 0;    // slots not empty (erased ones included)
  std::size_t erased_ = 0;
  const key_type* duplicate_ = nullptr;
  [[no_unique_address]] Locate locate_{};
};

}  // namespace reconcile::detail
