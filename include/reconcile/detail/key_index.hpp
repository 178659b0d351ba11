// key_index: elements of a keyed sequence looked up by key, built in O(n) (hash) or
// O(n log n) (ordered keys without std::hash). Records the first duplicate key it sees.
#pragma once

#include <reconcile/detail/reflect_impl.hpp>
#include <reconcile/detail/traits.hpp>

#include <cstddef>
#include <functional>
#include <iterator>
#include <map>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace reconcile::detail {

template <auto Key>
class key_index {
 public:
  using element = class_of<Key>;
  using key_type = member_of<Key>;
  struct entry {
    const element* elem;
    std::size_t pos;
  };

  key_index() = default;
  template <class It>
  key_index(It first, It last, std::size_t first_pos = 0) {
    if constexpr (hashable<key_type>) map_.reserve(static_cast<std::size_t>(std::distance(first, last)));
    std::size_t pos = first_pos;
    for (; first != last; ++first, ++pos) {
      const element& e = *first;
      if (!map_.emplace(&(e.*Key), entry{&e, pos}).second && !duplicate_) duplicate_ = &(e.*Key);
    }
  }
  const element* find(const key_type& k) const {
    auto it = map_.find(&k);
    return it == map_.end() ? nullptr : it->second.elem;
  }
  const entry* find_entry(const key_type& k) const {
    auto it = map_.find(&k);
    return it == map_.end() ? nullptr : &it->second;
  }
  /// The first key seen twice, or null.
  const key_type* duplicate() const noexcept { return duplicate_; }

 private:
  struct hash {
    std::size_t operator()(const key_type* k) const { return std::hash<key_type>{}(*k); }
  };
  struct same {
    bool operator()(const key_type* x, const key_type* y) const { return *x == *y; }
  };
  struct less {
    bool operator()(const key_type* x, const key_type* y) const { return *x < *y; }
  };
  static auto pick() {
    if constexpr (hashable<key_type>) return std::unordered_map<const key_type*, entry, hash, same>{};
    else return std::map<const key_type*, entry, less>{};
  }
  decltype(pick()) map_;
  const key_type* duplicate_ = nullptr;
};

}  // namespace reconcile::detail
