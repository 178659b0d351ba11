// Pass 2 of a delta decode: apply_node reads the delta of a V that pass 1 (delta_check.hpp)
// accepted, unchecked, and writes it into v, as reconcile::apply would: keyed adds append (or
// go after their anchor), index adds set or append, removes from an indexed sequence cut its
// tail. The removes of a keyed sequence whose order does not count are erased together, in
// one pass over the sequence (see apply_keyed). Never throws on bytes pass 1 accepted (but
// for bad_alloc where the target grows). Not public.
#pragma once

#include <reconcile/wire/detail/delta_read.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <vector>

namespace reconcile::wire::detail {

template <class K>
RECONCILE_DETAIL_WIRE_INLINE inline void read_key(trusted_reader& in, K& key, K& previous) {
  if constexpr (delta_key<K>) {
    previous = key = static_cast<K>(static_cast<std::uint64_t>(previous) + static_cast<std::uint64_t>(unzigzag(in.varint())));
  } else {
    get_value(in, key, rd::default_rule);
  }
}

// Where an ordered sequence's element goes: after its anchor's element, or first.
template <auto Key, class V>
std::size_t anchor_position(trusted_reader& in, V& v, cursor<Key>& find) {
  if (in.varint() == 0) return 0;
  rd::member_of<Key> a{};
  get_value(in, a, rd::default_rule);
  const std::size_t at = find.find(v, a);
  return at == v.size() ? v.size() : at + 1;
}
template <class V>
void move_element(V& v, std::size_t from, std::size_t to) {  // to: a position before the erase
  if (to > from) --to;
  auto e = std::move(*nth(v, from));
  v.erase(nth(v, from));
  v.insert(nth(v, to), std::move(e));
}

// Where the element of key is: where pass 1 found it (less the elements removed since, in
// the steady state of a packet in the target's order), checked; else searched from the cursor.
template <auto Key, class V>
std::size_t find_element(trusted_reader& in, V& v, cursor<Key>& find, const rd::member_of<Key>& key, std::size_t removed) {
  std::size_t at = in.next_found();
  if constexpr (std::random_access_iterator<typename V::iterator>) {
    at -= at >= removed ? removed : at;
    if (at < v.size() && v[at].*Key == key) return find.at = at;
  }
  return find.find(v, key);
}

// The positions a packet removes from sequences whose order does not count, erased at the
// end in one pass (a vector erases k elements in O(size), not O(k x size)); a stack shared by
// nested sequences, per thread: no allocation once warm.
inline std::vector<std::size_t>& pending_removes() {
  thread_local std::vector<std::size_t> at;
  return at;
}
// Erases v's elements at the positions in removes[from, end), keeping the others' order;
// returns how many.
template <class V>
std::size_t erase_positions(V& v, std::vector<std::size_t>& removes, std::size_t from) {
  if (removes.size() == from) return 0;
  const auto first = removes.begin() + static_cast<std::ptrdiff_t>(from);
  if (!std::is_sorted(first, removes.end())) std::sort(first, removes.end());
  const auto last = std::unique(first, removes.end());
  std::size_t out = *first;
  for (auto it = first; it != last; ++it) {
    const std::size_t end = it + 1 != last ? *(it + 1) : v.size();
    for (std::size_t i = *it + 1; i < end; ++i) v[out++] = std::move(v[i]);
  }
  const std::size_t erased = v.size() - out;
  v.erase(nth(v, out), v.end());
  removes.erase(first, removes.end());
  return erased;
}

template <auto Key, class V, class R>
void apply_keyed(trusted_reader& in, V& v, const R& r) {
  using E = typename V::value_type;
  using K = rd::member_of<Key>;
  // Removes wait until the first add (a packet lists them first) or the end, where they shift
  // no one: positions stay as pass 1 found them, and adds take the room removes free.
  constexpr bool batched = !ordered<R> && std::random_access_iterator<typename V::iterator> && std::is_move_assignable_v<E>;
  const auto elem_rule = element_rule_of(r);
  cursor<Key> find;
  K key{}, previous{};
  std::size_t removed = 0;
  std::vector<std::size_t>* removes = nullptr;
  std::size_t removes_from = 0;
  if constexpr (batched) removes = &pending_removes(), removes_from = removes->size();
  for (auto n = in.varint(); n > 0; --n) {
    read_key(in, key, previous);
    const std::uint64_t tag = in.varint();
    if (tag == tag_value) {
      if constexpr (batched) removed += erase_positions(v, *removes, removes_from);
      std::size_t at = v.size();
      if constexpr (ordered<R>) at = anchor_position(in, v, find);
      auto it = v.emplace(nth(v, at));
      get_value(in, *it, elem_rule);
      continue;
    }
    std::size_t at = find_element(in, v, find, key, removed);
    if (tag == tag_move) {
      const std::size_t to = anchor_position(in, v, find);
      if (at != v.size()) move_element(v, at, to);
    } else if (tag == tag_remove) {
      if (at == v.size()) continue;
      if constexpr (batched) removes->push_back(at);
      else v.erase(nth(v, at)), ++removed;
    } else if (at != v.size()) {
      apply_element(in, *nth(v, at), elem_rule, tag, keyed_element);
    } else {  // named twice, removed before: decoded into scratch and dropped
      E scratch{};
      apply_element(in, scratch, elem_rule, tag, keyed_element);
    }
  }
  if constexpr (batched) erase_positions(v, *removes, removes_from);
}

template <class V, class R>
void apply_map(trusted_reader& in, V& v, const R& r) {
  using M = typename V::mapped_type;
  const auto elem_rule = element_rule_of(r);
  typename V::key_type key{}, previous{};
  for (auto n = in.varint(); n > 0; --n) {
    read_key(in, key, previous);
    const std::uint64_t tag = in.varint();
    if (tag == tag_value) {
      M val{};
      get_value(in, val, elem_rule);
      v.insert_or_assign(key, std::move(val));
    } else if (tag == tag_remove) {
      v.erase(key);
    } else if (auto it = v.find(key); it != v.end()) {
      apply_element(in, it->second, elem_rule, tag, map_element);
    } else {
      M scratch{};
      apply_element(in, scratch, elem_rule, tag, map_element);
    }
  }
}

template <class V, class R>
void apply_positions(trusted_reader& in, V& v, const R& r) {
  using E = typename V::value_type;
  const auto elem_rule = element_rule_of(r);
  std::size_t next = 0;
  for (auto n = in.varint(); n > 0; --n) {
    const auto pos = static_cast<std::size_t>(static_cast<std::uint64_t>(next) + static_cast<std::uint64_t>(unzigzag(in.varint())));
    next = pos + 1;
    const std::uint64_t tag = in.varint();
    const auto size = static_cast<std::size_t>(std::distance(v.begin(), v.end()));
    if constexpr (kind_v<V> == vkind::sequence) {
      if (tag == tag_remove) {
        if (pos < size) v.erase(nth(v, pos), v.end());
        continue;
      }
      if (tag == tag_value) {
        if (pos < size) {
          get_value(in, *nth(v, pos), elem_rule);
        } else {
          v.emplace_back();
          get_value(in, v.back(), elem_rule);
        }
        continue;
      }
    }
    if (pos < size) {
      apply_element(in, *nth(v, pos), elem_rule, tag, index_element);
    } else {
      E scratch{};
      apply_element(in, scratch, elem_rule, tag, index_element);
    }
  }
}

template <class V, class R>
void apply_multiset(trusted_reader& in, V& v, const R& r) {
  using E = typename V::value_type;
  const auto elem_rule = element_rule_of(r);
  for (auto n = in.varint(); n > 0; --n) {
    E e{};
    get_value(in, e, elem_rule);
    const auto want = static_cast<std::size_t>(in.varint());
    auto same = [&](const E& x) { return rd::eq_value(x, e, elem_rule, reconcile::no_rules); };
    auto have = static_cast<std::size_t>(std::count_if(v.begin(), v.end(), same));
    for (; have < want; ++have) v.push_back(e);
    while (have > want) {  // drop the last copies
      auto last = std::find_if(std::make_reverse_iterator(v.end()), std::make_reverse_iterator(v.begin()), same);
      v.erase(std::prev(last.base()));
      --have;
    }
  }
}

template <class V, class R>
void apply_node(trusted_reader& in, V& v, const R& r) {
  constexpr vkind k = kind_v<V>;
  if constexpr (replaced_whole<V, R>) {
    if constexpr (quantized<V, R>) get_quantized_delta(in, v, r);
    else if constexpr (number_delta<V>) get_number_delta(in, v);
    else get_value(in, v, r);
  } else if constexpr (k == vkind::structure) {
    apply_struct(in, v, 0, 0);
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    using E = std::remove_cvref_t<decltype(*v)>;  // a pointer's element, without its const
    const auto tag = in.varint();
    if (tag == tag_remove) {
      v.reset();
    } else if (tag == tag_value) {
      if constexpr (k == vkind::optional) {
        if (!v) v.emplace();
        get_value(in, *v, r);
      } else {
        auto* fresh = new E();
        v.reset(fresh);
        get_value(in, *fresh, r);
      }
    } else if constexpr (k == vkind::optional) {
      if (v) apply_node(in, *v, r);
    } else if (v) {  // never written through: a fresh copy of the pointee takes the change
      auto* fresh = new E(*v);
      v.reset(fresh);
      apply_node(in, *fresh, r);
    }
  } else if constexpr (k == vkind::variant) {
    if (in.varint() == 0) get_value(in, v, r);
    else std::visit([&](auto& x) { apply_node(in, x, r); }, v);
  } else if constexpr (k == vkind::map) {
    apply_map(in, v, r);
  } else if constexpr (k == vkind::sequence && keyed<R>) {
    apply_keyed<R::key>(in, v, r);
  } else if constexpr (k == vkind::set) {
    typename V::value_type e{};
    for (auto n = in.varint(); n > 0; --n) {
      const auto tag = in.varint();
      get_value(in, e, rd::default_rule);
      if (tag == tag_remove) v.erase(e);
      else v.insert(e);
    }
  } else if constexpr (k == vkind::sequence && multiset<R>) {
    apply_multiset(in, v, r);
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    apply_positions(in, v, r);
  } else if constexpr (k == vkind::tuple) {
    constexpr std::size_t n = std::tuple_size_v<V>;
    const auto m = read_mask<n>(in, 0, 0);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((m.test(I) ? apply_node(in, std::get<I>(v), r) : void()), ...);
    }(std::make_index_sequence<n>{});
  }
}

}  // namespace reconcile::wire::detail
