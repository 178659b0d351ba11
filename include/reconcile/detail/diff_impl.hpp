// The recursion behind reconcile::diff. Walks both values in declaration order; builds a
// change (with an owned path) only where they differ, so unchanged data costs no allocation.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/lis.hpp>
#include <reconcile/error.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace reconcile::detail {

// One step of the path being walked; lives on the stack, made owned only when a change is
// recorded.
struct frame {
  const frame* parent = nullptr;
  segment_kind kind = segment_kind::field;
  bool root = true;
  bool immutable = false;
  std::size_t index = 0;
  std::string_view name;
  const void* key = nullptr;
  void (*boxer)(box&, const void*) = nullptr;

  frame field(std::size_t i, std::string_view n, bool imm) const {
    return {this, segment_kind::field, false, immutable || imm, i, n, nullptr, nullptr};
  }
  frame position(std::size_t i) const {
    return {this, segment_kind::index, false, immutable, i, {}, nullptr, nullptr};
  }
  template <class K>
  frame keyed(const K& k, segment_kind sk = segment_kind::key) const {
    return {this, sk, false, immutable, 0, {}, &k, &box_copy<K>};
  }
  template <class K>
  static void box_copy(box& b, const void* k) {
    b.emplace<K>(*static_cast<const K*>(k));
  }
};

// The frame of a container element or map value, not built yet: built only when a change at
// or below it is recorded, so that unchanged elements cost no stores.
struct at_position {
  const frame* parent;
  std::size_t i;
  frame get() const { return parent->position(i); }
};
template <class K>
struct at_key {
  const frame* parent;
  const K* k;
  frame get() const { return parent->keyed(*k); }
};
inline const frame& frame_of(const frame& f) noexcept { return f; }
inline bool immutable_of(const frame& f) noexcept { return f.immutable; }
template <class Lazy>
bool immutable_of(const Lazy& l) noexcept {
  return l.parent->immutable;
}
template <class Lazy>
frame frame_of(const Lazy& l) {
  return l.get();
}

// Key and element segments copy the key into a box: kept out of line, off the common path.
[[gnu::noinline]] inline void push_key_segment(path& p, const frame& f) { f.boxer(p.push_key(f.kind), f.key); }

// Appends the segments from the root frame down to f. Iterative for the usual depths (up to
// 8 levels at a time), so the common case costs no recursion and few register spills.
[[gnu::noinline]] inline void append_chain(path& p, const frame* f) {
  const frame* chain[8];
  std::size_t n = 0;
  for (; f && !f->root; f = f->parent) {
    if (n == 8) {
      append_chain(p, f);
      break;
    }
    chain[n++] = f;
  }
  while (n > 0) {
    const frame& s = *chain[--n];
    if (s.kind == segment_kind::field) p.push_field(s.index, s.name);
    else if (s.kind == segment_kind::index) p.push_position(s.index);
    else push_key_segment(p, s);
  }
}
// The root frame (a change to a top-level field) costs one test.
inline void append_path(path& p, const frame* f) {
  if (f && !f->root) append_chain(p, f);
}

// Appends the segments of `at`: a frame's chain, or a lazy frame's parent chain and its step.
inline void append_at(path& p, const frame& f) { append_path(p, &f); }
inline void append_at(path& p, const at_position& at) {
  append_path(p, at.parent);
  p.push_position(at.i);
}
template <class K>
void append_at(path& p, const at_key<K>& at) {
  append_path(p, at.parent);
  p.push_key(segment_kind::key).template emplace<K>(*at.k);
}

inline constexpr std::string_view tuple_field_names[] = {"0", "1", "2",  "3",  "4",  "5",  "6",  "7",
                                                         "8", "9", "10", "11", "12", "13", "14", "15"};

// Scratch for the duplicate-key check, per thread, so that a warm diff allocates nothing.
struct key_slot {
  std::size_t hash;
  const void* key;
};
inline std::vector<key_slot>& key_slots() {
  thread_local std::vector<key_slot> slots;
  return slots;
}

// The key of the first element of `a` whose key an earlier element has (key_index's answer),
// or null. Up to 8 elements: compared pairwise. Hashable keys: an open-addressing table in
// the thread's scratch (no allocation once warm; a few ns a key, versus an unordered_map node
// each). Other keys: key_index.
template <auto Key, class Seq>
const member_of<Key>* first_duplicate(const Seq& a) {
  using K = member_of<Key>;
  const std::size_t n = a.size();
  if (n <= 8) {
    for (auto i = a.begin(); i != a.end(); ++i)
      for (auto j = a.begin(); j != i; ++j)
        if ((*j).*Key == (*i).*Key) return &((*i).*Key);
    return nullptr;
  } else if constexpr (hashable<K>) {
    std::vector<key_slot> slots;
    slots.swap(key_slots());  // taken, not shared: a nested use would start an empty one
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots.assign(cap, key_slot{0, nullptr});
    const K* dup = nullptr;
    for (auto it = a.begin(); it != a.end() && !dup; ++it) {
      const K& k = (*it).*Key;
      const std::size_t h = std::hash<K>{}(k);
      for (std::size_t pos = h & (cap - 1);; pos = (pos + 1) & (cap - 1)) {
        key_slot& s = slots[pos];
        if (!s.key) {
          s = {h, &k};
          break;
        }
        if (s.hash == h && *static_cast<const K*>(s.key) == k) {
          dup = &k;
          break;
        }
      }
    }
    key_slots().swap(slots);
    return dup;
  } else {
    key_index<Key> ai(a.begin(), a.end());
    return ai.duplicate();
  }
}

// Sorted maps whose key == agrees with the comparator's equivalence (std::less / std::less<>
// on arithmetic keys or strings).
template <class K>
inline constexpr bool eq_consistent_key = std::is_arithmetic_v<K> || std::is_same_v<K, std::string>;
template <class M>
inline constexpr bool equality_is_equivalence =
    eq_consistent_key<typename M::key_type> &&
    (std::is_same_v<typename M::key_compare, std::less<typename M::key_type>> ||
     std::is_same_v<typename M::key_compare, std::less<>>);

// A struct field as a path step, as static data (see differ::replaced_field).
struct field_step {
  std::size_t index;
  std::string_view name;
  bool immutable;
};
template <class V, std::size_t I, bool Imm>
inline constexpr field_step field_step_of{I, field_name<V, I>, Imm};

// Values that run() compares as a whole and reports as one replace (its first branch).
template <class V, class R>
inline constexpr bool replaced_whole =
    kind_v<V> != vkind::set && (uses_compare<V, R> || uses_approx<V, R> || kind_v<V> == vkind::leaf);

template <class Ctx>
struct differ {
  const Ctx& ctx;
  change_list& out;

  // keep_old / keep_new: the caller assigns that value next (the slot's storage is reused).
  change& emit(op o, const frame& f, bool element_op, bool keep_old = false, bool keep_new = false) {
    change& c = out.next(o, f.immutable, element_op, keep_old, keep_new);
    append_path(c.path_slot(), &f);  // in place: a path is ~250 bytes, moving one costs more
    return c;
  }
  // A changed scalar field: kept out of line and shared by every field of the same type, so
  // each field costs one compare and a call in the diff's code (smaller code, faster builds).
  // Few arguments, all in registers: the hot loop keeps its pointers in registers. The path
  // is appended straight from `at` and the step, without building their frames.
  template <class At, class V>
  [[gnu::noinline]] void replaced_field(const At& at, const field_step& s, const V& a, const V& b) {
    change& c = out.next(op::replace, immutable_of(at) || s.immutable, false, true, true);
    path& p = c.path_slot();
    append_at(p, at);
    p.push_field(s.index, s.name);
    c.old_slot().template assign<V>(a);
    c.new_slot().template assign<V>(b);
  }
  template <class V>
  void replaced(const frame& f, const V& a, const V& b) {
    change& c = emit(op::replace, f, false, true, true);
    c.old_slot().template assign<V>(a);
    c.new_slot().template assign<V>(b);
  }
  template <class V>
  void added(const frame& f, const V& v, bool element_op) {
    emit(op::add, f, element_op, false, true).new_slot().template assign<V>(v);
  }

  template <class V, class R>
  void run(const V& a, const V& b, const R& r, const frame& f) {
    constexpr vkind k = kind_v<V>;
    if constexpr (uses_compare<V, R> || uses_approx<V, R> || k == vkind::leaf || k == vkind::set ||
                  k == vkind::variant) {
      if constexpr (k == vkind::set) {
        set_diff(a, b, f);
      } else if constexpr (k == vkind::variant && !uses_compare<V, R>) {
        if (a.index() != b.index()) return replaced(f, a, b);
        std::visit([&](const auto& x) { run(x, *std::get_if<std::remove_cvref_t<decltype(x)>>(&b), r, f); }, a);
      } else if (!eq_value(a, b, r, ctx)) {
        replaced(f, a, b);
      }
    } else if constexpr (k == vkind::structure) {
      fields(a, b, f, std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*a)>;
      if (a && b) run(static_cast<const E&>(*a), static_cast<const E&>(*b), r, f);
      else if (b) added<E>(f, *b, false);
      else if (a) emit(op::remove, f, false);
    } else if constexpr (k == vkind::map) {
      map_diff(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && R::keyed && (R::flags & f_ordered) != 0) {
      ordered_keyed_diff<R::key>(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && R::keyed) {
      keyed_diff<R::key>(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence && (R::flags & f_unordered) != 0) {
      multiset_diff(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      index_diff(a, b, element_rule(r), f);
    } else if constexpr (k == vkind::tuple) {
      tuple_diff(a, b, element_rule(r), f, std::make_index_sequence<std::tuple_size_v<V>>{});
    }
  }

  // An element of a container or a map value, at the lazily built frame `at` (at_position,
  // at_key): the same as run(a, b, r, frame_of(at)), without building the frame when equal.
  template <class V, class R, class At>
  [[gnu::always_inline]] inline void child(const V& a, const V& b, const R& r, const At& at) {
    if constexpr (replaced_whole<V, R>) {
      if (!eq_value(a, b, r, ctx)) replaced(frame_of(at), a, b);
    } else if constexpr (kind_v<V> == vkind::structure) {
      fields(a, b, at, std::make_index_sequence<field_count<V>>{});
    } else {
      run(a, b, r, frame_of(at));
    }
  }

  // Both objects' fields are bound once (with_fields), not fetched one get<I> at a time.
  // `at`: the struct's frame, or a lazy one (see child).
  template <class V, class At, std::size_t... I>
  [[gnu::always_inline]] inline void fields(const V& a, const V& b, const At& at, std::index_sequence<I...>) {
    with_fields(a, [&](const auto&... fa) RECONCILE_DETAIL_INLINE_LAMBDA {
      with_fields(b, [&](const auto&... fb) RECONCILE_DETAIL_INLINE_LAMBDA {
        (field<V, I>(fa, fb, at), ...);
      });
    });
  }
  template <class V, std::size_t I, class F, class At>
  [[gnu::always_inline]] inline void field(const F& a, const F& b, const At& at) {
    const auto& fr = rule_for<V, I>(ctx);
    using FR = std::remove_cvref_t<decltype(fr)>;
    constexpr bool imm = (FR::flags & f_immutable) != 0;
    if constexpr ((FR::flags & f_ignore) != 0) {
    } else if constexpr (replaced_whole<F, FR>) {
      // The frames are built only for a change: unchanged scalars cost one compare each.
      if (!eq_value(a, b, fr, ctx)) replaced_field(at, field_step_of<V, I, imm>, a, b);
    } else {
      const frame& f = frame_of(at);
      run(a, b, fr, f.field(I, field_name<V, I>, imm));
    }
  }

  template <class V, class R, std::size_t... I>
  void tuple_diff(const V& a, const V& b, const R& er, const frame& f, std::index_sequence<I...>) {
    constexpr bool pair = sizeof...(I) == 2 && is_tuple<V>::value && requires { a.first; };
    (run(std::get<I>(a), std::get<I>(b), er,
         f.field(I, pair ? (I == 0 ? std::string_view("first") : "second") : tuple_field_names[I], false)),
     ...);
  }

  template <class M, class R>
  void map_diff(const M& a, const M& b, const R& er, const frame& f) {
    using Val = typename M::mapped_type;
    if constexpr (is_sorted_assoc<M>::value) {
      auto ia = a.begin(), ib = b.begin();
      auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        // Steady state: the same key on both sides, found with one == instead of two less().
        if constexpr (equality_is_equivalence<M>) {
          if (ia != a.end() && ib != b.end() && ia->first == ib->first) {
            child(ia->second, ib->second, er, at_key<typename M::key_type>{&f, &ia->first});
            ++ia, ++ib;
            continue;
          }
        }
        if (ib == b.end() || (ia != a.end() && less(ia->first, ib->first))) {
          emit(op::remove, f.keyed(ia->first), true);
          ++ia;
        } else if (ia == a.end() || less(ib->first, ia->first)) {
          added<Val>(f.keyed(ib->first), ib->second, true);
          ++ib;
        } else {
          child(ia->second, ib->second, er, at_key<typename M::key_type>{&f, &ia->first});
          ++ia, ++ib;
        }
      }
    } else {
      for (const auto& [key, val] : a) {
        auto it = b.find(key);
        if (it == b.end()) emit(op::remove, f.keyed(key), true);
        else child(val, it->second, er, at_key<typename M::key_type>{&f, &key});
      }
      for (const auto& [key, val] : b)
        if (!a.contains(key)) added<Val>(f.keyed(key), val, true);
    }
  }

  template <class S>
  void set_diff(const S& a, const S& b, const frame& f) {
    using K = typename S::value_type;
    if constexpr (is_sorted_assoc<S>::value) {
      auto ia = a.begin(), ib = b.begin();
      auto less = a.key_comp();
      while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && less(*ia, *ib))) {
          emit(op::remove, f.keyed(*ia++, segment_kind::element), true);
        } else if (ia == a.end() || less(*ib, *ia)) {
          added<K>(f.keyed(*ib, segment_kind::element), *ib, true);
          ++ib;
        } else {
          ++ia, ++ib;
        }
      }
    } else {
      for (const K& e : a)
        if (!b.contains(e)) emit(op::remove, f.keyed(e, segment_kind::element), true);
      for (const K& e : b)
        if (!a.contains(e)) added<K>(f.keyed(e, segment_kind::element), e, true);
    }
  }

  template <class Seq, class R>
  void index_diff(const Seq& a, const Seq& b, const R& er, const frame& f) {
    using E = typename Seq::value_type;
    auto ia = a.begin();
    auto ib = b.begin();
    std::size_t i = 0;
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib, ++i) child(*ia, *ib, er, at_position{&f, i});
    if constexpr (kind_v<Seq> == vkind::sequence) {
      for (; ib != b.end(); ++ib, ++i) added<E>(f.position(i), *ib, true);
      for (; ia != a.end(); ++ia, ++i) emit(op::remove, f.position(i), true);
    }
  }

  template <auto Key, class Seq>
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
    if (const auto* k = first_duplicate<Key>(a)) duplicate_key<Key, Seq>(f, *k);
  }

  template <auto Key, class Seq, class R>
  void keyed_diff(const Seq& a, const Seq& b, const R& er, const frame& f) {
    using E = typename Seq::value_type;
    auto ia = a.begin();
    auto ib = b.begin();
    // Steady state: both sides list the same keys in the same order; no index needed.
    const std::size_t before = out.size();
    for (; ia != a.end() && ib != b.end() && plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib)
      child(*ia, *ib, er, at_key<member_of<Key>>{&f, &((*ia).*Key)});
    if (ia == a.end() && ib == b.end()) {
      if (out.size() != before) check_unique_keys<Key, Seq>(a, f);
      return;
    }
    // The rest is out of step: match it by key. Index both whole sides to catch duplicates.
    key_index<Key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
    if (ai.duplicate()) duplicate_key<Key, Seq>(f, *ai.duplicate());
    if (bi.duplicate()) duplicate_key<Key, Seq>(f, *bi.duplicate());
    for (auto it = ia; it != a.end(); ++it) {
      const E& x = *it;
      const E* y = bi.find(x.*Key);
      if (!y) emit(op::remove, f.keyed(x.*Key), true);
      else child(x, *y, er, at_key<member_of<Key>>{&f, &(x.*Key)});
    }
    for (auto it = ib; it != b.end(); ++it)
      if (!ai.find((*it).*Key)) added<E>(f.keyed((*it).*Key), *it, true);
  }

  template <auto Key, class Seq, class R>
  void ordered_keyed_diff(const Seq& a, const Seq& b, const R& er, const frame& f) {
    using E = typename Seq::value_type;
    using K = member_of<Key>;
    if (a.size() == b.size()) {
      auto ia = a.begin();
      auto ib = b.begin();
      for (; ia != a.end() && plain_eq((*ia).*Key, (*ib).*Key); ++ia, ++ib) {}
      if (ia == a.end()) {  // same keys in the same order: element-wise
        const std::size_t before = out.size();
        ib = b.begin();
        for (ia = a.begin(); ia != a.end(); ++ia, ++ib) child(*ia, *ib, er, at_key<K>{&f, &((*ia).*Key)});
        if (out.size() != before) check_unique_keys<Key, Seq>(a, f);
        return;
      }
    }
    key_index<Key> ai(a.begin(), a.end()), bi(b.begin(), b.end());
    if (ai.duplicate()) duplicate_key<Key, Seq>(f, *ai.duplicate());
    if (bi.duplicate()) duplicate_key<Key, Seq>(f, *bi.duplicate());
    for (const E& x : a)
      if (!bi.find(x.*Key)) emit(op::remove, f.keyed(x.*Key), true);
    // Positions in `a` of b's elements that exist in both; those on a longest increasing
    // subsequence stay, every other one moves (the fewest moves possible).
    std::vector<std::size_t> from;
    from.reserve(b.size());
    for (const E& y : b)
      if (const auto* e = ai.find_entry(y.*Key)) from.push_back(e->pos);
    std::vector<bool> stays = longest_increasing_marks(from);
    std::size_t common = 0;
    const K* prev = nullptr;
    for (const E& y : b) {
      const auto* e = ai.find_entry(y.*Key);
      const frame here = f.keyed(y.*Key);
      if (!e) {
        change& c = emit(op::add, here, true, false, true);
        c.new_slot().template assign<E>(y);
        if (prev) c.after_slot().template emplace<K>(*prev);
        else c.after_slot();
      } else {
        run(*e->elem, y, er, here);
        if (!stays[common]) {
          change& c = emit(op::move, here, true);
          if (prev) c.after_slot().template emplace<K>(*prev);
          else c.after_slot();
        }
        ++common;
      }
      prev = &(y.*Key);
    }
  }

  template <class Seq, class R>
  void multiset_diff(const Seq& a, const Seq& b, const R& er, const frame& f) {
    using E = typename Seq::value_type;
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() && ib != b.end() && eq_value(*ia, *ib, er, ctx)) ++ia, ++ib;
    if (ia == a.end() && ib == b.end()) return;
    auto same_as = [&](const E& v) { return [&](const E& x) { return eq_value(v, x, er, ctx); }; };
    auto first_of = [&](auto first, auto it) { return std::find_if(first, it, same_as(*it)) == it; };
    // One change per distinct value whose count differs, in the order a then b lists them.
    for (auto it = ia; it != a.end(); ++it) {
      if (!first_of(ia, it)) continue;
      auto na = std::count_if(ia, a.end(), same_as(*it));
      auto nb = std::count_if(ib, b.end(), same_as(*it));
      if (na != nb) multiset_change(f, *it, nb > na, b, same_as(*it));
    }
    for (auto it = ib; it != b.end(); ++it) {
      if (!first_of(ib, it) || std::find_if(ia, a.end(), same_as(*it)) != a.end()) continue;
      multiset_change(f, *it, true, b, same_as(*it));
    }
  }
  // The change sets the count of v to its count in all of b (in-order prefix included).
  template <class E, class Seq, class Same>
  void multiset_change(const frame& f, const E& v, bool grows, const Seq& b, Same same) {
    change& c = emit(grows ? op::add : op::remove, f.keyed(v, segment_kind::element), true, false, true);
    c.new_slot().template assign<E>(v);
    c.set_count(static_cast<std::size_t>(std::count_if(b.begin(), b.end(), same)));
  }
};

}  // namespace reconcile::detail
