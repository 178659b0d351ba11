// Keyed, ordered keyed and unordered (multiset) sequences for the diff (detail/diff_impl.hpp).
// Each is a function of the differ, which provides: out (the change_list), ctx (the
// call-site rules), run, child (an element at a lazily built frame), emit and added.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/diff_frame.hpp>
#include <reconcile/detail/diff_keys.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/lis.hpp>
#include <reconcile/detail/multiset_count.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/error.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>  // <algorithm> without its ranges:: half (clang parse, ~25 ms a TU)
#else
#include <algorithm>
#endif

namespace reconcile::detail {

template <auto Key>
[[noreturn]] void duplicate_key(const frame& f, const member_of<Key>& k) {
  path p;
  append_path(p, &f);
  std::string text = p.to_string();
  std::string key_text;
  print_value(key_text, k);
  raise(reconcile::error(std::move(p), "reconcile::diff: duplicate key " + key_text + " in keyed sequence " + text));
}

// Both sides list the same keys in the same order and something changed: a repeated key
// would make those changes ambiguous (apply finds elements by key), so it is an error here
// too. Checked only when something changed: unchanged data stays allocation-free.
template <auto Key, class Seq>
void check_unique_keys(const Seq& a, const frame& f) {
  if (const auto* k = first_duplicate<Key>(a)) duplicate_key<Key>(f, *k);
}

// keyed_by: matched by key, order-free.
template <auto Key, class Differ, class Seq, class R>
void keyed_diff(Differ& differ, const Seq& a, const Seq& b, const R& elem_rule, const frame& f) {
  using E = typename Seq::value_type;
  auto ia = a.begin();
  auto ib = b.begin();
  // Steady state: both sides list the same keys in the same order; no index needed.
  const std::size_t before = differ.out.size();
  for (; ia != a.end() && ib != b.end() && plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib)
    differ.child(*ia, *ib, elem_rule, at_key<member_of<Key>>{&f, &((*ia).*Key), key_member_name<Key>()});
  if (ia == a.end() && ib == b.end()) {
    if (differ.out.size() != before) check_unique_keys<Key>(a, f);
    return;
  }
  // The rest is out of step: match it by key. Index both whole sides to catch duplicates.
  key_index<Key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
  if (ai.duplicate()) duplicate_key<Key>(f, *ai.duplicate());
  if (bi.duplicate()) duplicate_key<Key>(f, *bi.duplicate());
  for (auto it = ia; it != a.end(); ++it) {
    const E& x = *it;
    const E* y = bi.find(x.*Key);
    if (!y) differ.emit(op::remove, f.keyed(x.*Key, segment_kind::key, key_member_name<Key>()), change_mark::element_op);
    else differ.child(x, *y, elem_rule, at_key<member_of<Key>>{&f, &(x.*Key), key_member_name<Key>()});
  }
  for (auto it = ib; it != b.end(); ++it)
    if (!ai.find((*it).*Key))
      differ.template added<E>(f.keyed((*it).*Key, segment_kind::key, key_member_name<Key>()), *it, change_mark::element_op);
}

// An add or move in an ordered keyed sequence goes after the element keyed *prev (first when
// null).
template <class K>
void anchor_after(change_list& out, change& c, const K* prev) {
  if (prev) out.after(c).template assign<K>(*prev);
  else change_access::set_after(c, change_access::no_value);
}

// keyed_by | ordered: matched by key; reorders are the fewest op::move changes.
template <auto Key, class Differ, class Seq, class R>
void ordered_keyed_diff(Differ& differ, const Seq& a, const Seq& b, const R& elem_rule, const frame& f) {
  using E = typename Seq::value_type;
  using K = member_of<Key>;
  if (a.size() == b.size()) {
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end() && plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib) {}
    if (ia == a.end()) {  // same keys in the same order: element-wise
      const std::size_t before = differ.out.size();
      ib = b.begin();
      for (ia = a.begin(); ia != a.end(); ++ia, ++ib)
        differ.child(*ia, *ib, elem_rule, at_key<K>{&f, &((*ia).*Key), key_member_name<Key>()});
      if (differ.out.size() != before) check_unique_keys<Key>(a, f);
      return;
    }
  }
  key_index<Key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
  if (ai.duplicate()) duplicate_key<Key>(f, *ai.duplicate());
  if (bi.duplicate()) duplicate_key<Key>(f, *bi.duplicate());
  for (const E& x : a)
    if (!bi.find(x.*Key)) differ.emit(op::remove, f.keyed(x.*Key, segment_kind::key, key_member_name<Key>()), change_mark::element_op);
  // Positions in `a` of b's elements that exist in both; those on a longest increasing
  // subsequence stay, every other one moves (the fewest moves possible).
  std::vector<std::size_t> from;
  from.reserve(b.size());
  for (const E& y : b)
    if (const auto e = ai.find_entry(y.*Key)) from.push_back(e->pos);
  std::vector<bool> stays = longest_increasing_marks(from);
  std::size_t common = 0;
  const K* prev = nullptr;
  for (const E& y : b) {
    const auto e = ai.find_entry(y.*Key);
    const frame here = f.keyed(y.*Key, segment_kind::key, key_member_name<Key>());
    if (!e) {
      change& c = differ.emit(op::add, here, change_mark::element_op);
      differ.out.new_value(c).template assign<E>(y);
      anchor_after(differ.out, c, prev);
    } else {
      differ.run(*e->elem, y, elem_rule, here);
      if (!stays[common]) {
        change& c = differ.emit(op::move, here, change_mark::element_op);
        anchor_after(differ.out, c, prev);
      }
      ++common;
    }
    prev = &(y.*Key);
  }
}

// The change sets the count of v to in_b, its count in all of b (in-order prefix included):
// an add when b holds more of v than a, else a remove.
template <class Differ, class E>
void multiset_change(Differ& differ, const frame& f, const E& v, op grows_or_shrinks, std::size_t in_b) {
  change& c = differ.emit(grows_or_shrinks, f.keyed(v, segment_kind::element), change_mark::element_op);
  differ.out.new_value(c).template assign<E>(v);
  change_access::set_count(c, in_b);
}

// unordered: a multiset; one change per distinct value whose count differs, in the order a
// then b lists them. Counted through an index where the element allows it (multiset_count.hpp),
// otherwise quadratic in the part out of order.
template <class Differ, class Seq, class R>
void multiset_diff(Differ& differ, const Seq& a, const Seq& b, const R& elem_rule, const frame& f) {
  using E = typename Seq::value_type;
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() && ib != b.end() && eq_value(*ia, *ib, elem_rule, differ.ctx)) ++ia, ++ib;
  if (ia == a.end() && ib == b.end()) return;
  if constexpr (counted_multiset<E, R>) {
    count_changes<E>(ia, a.end(), b.begin(), ib, b.end(), [&](const E& v, bool more, std::size_t in_b) {
      multiset_change(differ, f, v, more ? op::add : op::remove, in_b);
    });
  } else {
    auto same_as = [&](const E& v) { return [&](const E& x) { return eq_value(v, x, elem_rule, differ.ctx); }; };
    auto first_of = [&](auto first, auto it) { return std::find_if(first, it, same_as(*it)) == it; };
    auto count_in_b = [&](const E& v) { return static_cast<std::size_t>(std::count_if(b.begin(), b.end(), same_as(v))); };
    for (auto it = ia; it != a.end(); ++it) {
      if (!first_of(ia, it)) continue;
      auto na = std::count_if(ia, a.end(), same_as(*it));
      auto nb = std::count_if(ib, b.end(), same_as(*it));
      if (na != nb) multiset_change(differ, f, *it, nb > na ? op::add : op::remove, count_in_b(*it));
    }
    for (auto it = ib; it != b.end(); ++it) {
      if (!first_of(ib, it) || std::find_if(ia, a.end(), same_as(*it)) != a.end()) continue;
      multiset_change(differ, f, *it, op::add, count_in_b(*it));
    }
  }
}

}  // namespace reconcile::detail
