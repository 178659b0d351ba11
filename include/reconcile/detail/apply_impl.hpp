// The walk behind reconcile::apply: follows a change's path through the static type, using
// the same rules as the diff that made it, and performs the op where the path ends.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/apply_keyed.hpp>
#include <reconcile/detail/equal_impl.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/error.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

// std::shared_ptr, by its member (no <memory> here: it costs every TU that diffs).
template <class T>
struct is_shared_ptr : std::bool_constant<requires { typename T::weak_type; }> {};

template <class Ctx>
struct applier {
  const Ctx& ctx;
  const change& c;
  bool dry;            // only check that the path fits; change nothing
  apply_memo& memo;    // what this pass knows of the keyed sequences it went through
  const path_view path_ = c.path();  // read once: every step reads it

  const path_view& p() const { return path_; }

  // True when performing (false when checking): a write follows. Settles first the erases
  // waiting in the sequences this change has not gone through (see apply_memo::erases): the
  // write may replace, move or grow what holds them; and counts the write as a move (see
  // apply_memo::moves).
  RECONCILE_DETAIL_FORCE_INLINE bool writes() const {
    if (!writes_in_place()) return false;
    ++memo.moves;
    return true;
  }
  // writes() for a write that moves nothing: a plain value's, or an erase that waits.
  RECONCILE_DETAIL_FORCE_INLINE bool writes_in_place() const {
    if (dry) return false;
    if (memo.erases.pending) [[unlikely]] memo.before_write();
    return true;
  }

  [[noreturn]] void mismatch(std::size_t depth, const char* why) const {
    path prefix;
    for (std::size_t i = 0; i < depth && i < p().size(); ++i) prefix.push_back(p()[i]);
    auto text = [](const path& x) { return x.empty() ? std::string("(root)") : x.to_string(); };
    std::string message = "reconcile::apply: change at " + text(p()) + " does not fit the object: " + text(prefix) +
                          " " + why;
    raise(reconcile::error(std::move(prefix), std::move(message)));
  }

  template <class V>
  void assign(V& obj, const value_ref& b, std::size_t d) const {
    if constexpr (std::is_copy_assignable_v<V>) {
      if (!b.holds<V>()) mismatch(d, "holds a value of another type");
      if constexpr (plain_value<V>) {
        if (writes_in_place()) obj = b.get<V>();
        else memo.note_leaf(&obj, sizeof(V), &write_plain<V>);  // b is the change's new value
      } else if (writes()) {
        obj = b.get<V>();
      }
    } else {  // never produced by diff: a diff of V replaces its parts, not V itself
      mismatch(d, "cannot be replaced as a whole: its type is not copy-assignable");
    }
  }

  template <class V, class R>
  void at(V& obj, std::size_t d, const R& r) const {
    constexpr vkind k = kind_v<V>;
    const bool here = d == p().size();
    if constexpr (k == vkind::optional || k == vkind::pointer) {
      using E = std::remove_cvref_t<decltype(*obj)>;
      if (here && !c.element_op() && c.op() != op::replace) {
        if (c.op() == op::remove) {
          if (writes()) obj.reset();
        } else if (!change_access::new_box(c).holds<E>()) {
          mismatch(d, "holds a value of another type");
        } else if (writes()) {
          if constexpr (k == vkind::optional) obj = change_access::to<E>(c);
          else obj = V(new E(change_access::to<E>(c)));
        }
        return;
      }
      if (here && change_access::new_box(c).holds<V>()) {  // the whole optional / pointer (a compare rule on V)
        if constexpr (k == vkind::optional) {
          assign(obj, change_access::new_box(c), d);
        } else if (writes()) {  // a fresh pointee: never the changeset's
          const V& to = change_access::new_box(c).get<V>();
          obj = to ? V(new E(*to)) : V();
        }
        return;
      }
      if (here && !obj) {  // engaged by a replace of what it holds (a rule on E)
        if (!change_access::new_box(c).holds<E>()) mismatch(d, "is empty");
        if constexpr (k == vkind::optional) {
          if (writes()) obj = change_access::to<E>(c);
        } else if (writes()) {
          obj = V(new E(change_access::to<E>(c)));
        }
        return;
      }
      if (!obj) mismatch(d, "is empty");
      // Never write through a shared pointer, nor through a pointer to const: install a copy.
      if constexpr (is_shared_ptr<V>::value || std::is_const_v<std::remove_reference_t<decltype(*obj)>>) {
        if (!writes()) {  // a dry run writes nothing; performing writes in a copy
          memo.no_leaf();
          return at(const_cast<E&>(*obj), d, r);
        }
        V fresh(new E(*obj));  // owned at once; E itself is not const
        at(const_cast<E&>(*fresh), d, r);
        obj = std::move(fresh);
      } else {
        at(*obj, d, r);
      }
    } else if constexpr (k == vkind::variant) {
      if (here && change_access::new_box(c).holds<V>()) return assign(obj, change_access::new_box(c), d);
      std::visit([&](auto& alt) { at(alt, d, r); }, obj);
    } else if (here) {
      if (c.op() != op::replace) mismatch(d, "is not a container element");
      assign(obj, change_access::new_box(c), d);
    } else if constexpr (k == vkind::structure) {
      field(obj, d, std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::tuple) {
      tuple_field(obj, d, element_rule(r), std::make_index_sequence<std::tuple_size_v<V>>{});
    } else if constexpr (k == vkind::map) {
      map(obj, d, element_rule(r));
    } else if constexpr (k == vkind::set) {
      set(obj, d);
    } else if constexpr (k == vkind::sequence && R::keyed) {
      keyed<R::key>(obj, d, element_rule(r));
    } else if constexpr (k == vkind::sequence && (R::flags & f_unordered) != 0) {
      multiset(obj, d, element_rule(r));
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      positional(obj, d, element_rule(r));
    } else {
      mismatch(d, "has no sub-elements");
    }
  }

  template <class V, std::size_t... I>
  void field(V& obj, std::size_t d, std::index_sequence<I...>) const {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::field || s.index() >= sizeof...(I)) mismatch(d, "is a struct: expected a field");
    (void)((s.index() == I ? (apply_field<V, I>(obj, d), true) : false) || ...);
  }
  template <class V, std::size_t I>
  void apply_field(V& obj, std::size_t d) const {
    const auto& member_rule = rule_for<V, I>(ctx);
    if constexpr ((std::remove_cvref_t<decltype(member_rule)>::flags & f_ignore) == 0) {  // a plain leaf: without a call
      if (d + 1 != p().size() || !memo.plain_leaf(reconcile::get<I>(obj), c, dry)) at(reconcile::get<I>(obj), d + 1, member_rule);
    }
  }
  template <class V, class R, std::size_t... I>
  void tuple_field(V& obj, std::size_t d, const R& elem_rule, std::index_sequence<I...>) const {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::field || s.index() >= sizeof...(I)) mismatch(d, "is a tuple: expected an element");
    (void)((s.index() == I ? (at(std::get<I>(obj), d + 1, elem_rule), true) : false) || ...);
  }

  template <class K>
  const K& key_at(std::size_t d, segment_kind kind) const {
    const segment& s = p()[d];
    if (s.kind() != kind || !s.key_value().holds<K>()) mismatch(d, "expected a key of another type");
    return s.key<K>();
  }
  bool element_here(std::size_t d) const { return d + 1 == p().size() && c.element_op(); }

  template <class M, class R>
  void map(M& obj, std::size_t d, const R& elem_rule) const {
    using Val = typename M::mapped_type;
    const auto& key = key_at<typename M::key_type>(d, segment_kind::key);
    if (element_here(d)) {
      if (c.op() == op::add && !change_access::new_box(c).holds<Val>()) mismatch(d + 1, "holds a value of another type");
      if (!writes()) return;
      if (c.op() == op::add) obj.insert_or_assign(key, change_access::to<Val>(c));
      else if (c.op() == op::remove) obj.erase(key);
      return;
    }
    auto it = obj.find(key);
    if (it == obj.end()) mismatch(d + 1, "is absent");
    at(it->second, d + 1, elem_rule);
  }

  template <class S>
  void set(S& obj, std::size_t d) const {
    const auto& e = key_at<typename S::value_type>(d, segment_kind::element);
    if (!element_here(d)) mismatch(d + 1, "is a set element: it has no sub-elements");
    if (!writes()) return;
    if (c.op() == op::add) obj.insert(e);
    else if (c.op() == op::remove) obj.erase(e);
  }

  template <class Seq, class R>
  void positional(Seq& obj, std::size_t d, const R& elem_rule) const {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::index) mismatch(d, "is a sequence: expected an index");
    const std::size_t i = s.index();
    if constexpr (kind_v<Seq> == vkind::sequence) {
      using E = typename Seq::value_type;
      if (element_here(d)) {  // add: assign element i or append; remove: truncate to i
        if (c.op() == op::add && !change_access::new_box(c).holds<E>()) mismatch(d + 1, "holds a value of another type");
        if (!writes()) return;
        if (c.op() == op::add) {
          if (i < obj.size()) *std::next(obj.begin(), static_cast<std::ptrdiff_t>(i)) = change_access::to<E>(c);
          else obj.push_back(change_access::to<E>(c));
        } else if (c.op() == op::remove && i < obj.size()) {
          obj.erase(std::next(obj.begin(), static_cast<std::ptrdiff_t>(i)), obj.end());
        }
        return;
      }
    }
    if (i >= obj.size()) mismatch(d + 1, "is past the end");
    at(*std::next(obj.begin(), static_cast<std::ptrdiff_t>(i)), d + 1, elem_rule);
  }

  // A keyed sequence: its element by key, through the pass's memo of that sequence (see
  // apply_keyed.hpp): amortised O(1) a change when the changes come in the sequence's order.
  template <auto Key, class Seq, class R>
  void keyed(Seq& obj, std::size_t d, const R& elem_rule) const {
    if (d < apply_memo::depth_limit) return keyed<Key>(obj, d, elem_rule, memo.at(d), d);
    scratch_memo fresh;
    keyed<Key>(obj, d, elem_rule, fresh.m, apply_memo::depth_limit);
  }
  template <auto Key, class Seq, class R>
  void keyed(Seq& obj, std::size_t d, const R& elem_rule, seq_memo& m, std::size_t memo_depth) const {
    using E = typename Seq::value_type;
    using K = member_of<Key>;
    const K& key = key_at<K>(d, segment_kind::key);
    std::uint32_t* const hint = memo.hint_slot();
    if (dry && d + 1 < p().size()) {  // checking a change inside an element: the last one found?
      if (E* e = keyed_seq<Key, Seq>::found_again(obj, m, key, hint)) {
        at(*e, d + 1, elem_rule);
        return memo.key_bytes(&(e->*Key), sizeof(K));
      }
    }
    keyed_seq<Key, Seq> seq(obj, m, memo, memo_depth);
    if (d + 1 == p().size() && (c.element_op() || c.op() == op::move)) {
      if (c.op() == op::add && !change_access::new_box(c).holds<E>()) mismatch(d + 1, "holds a value of another type");
      const bool placed = c.has_anchor() && c.op() != op::remove;
      if (placed && !c.after().empty() && !c.after().holds<K>()) mismatch(d + 1, "has an anchor key of another type");
      const K* anchor = placed && !c.after().empty() ? &c.after().get<K>() : nullptr;
      if (c.op() == op::move) {
        auto it = seq.find(key, hint);
        if (it == obj.end()) mismatch(d + 1, "is absent");
        if (placed && writes()) seq.place_after(it, anchor);
        return;
      }
      if (!(c.op() == op::remove ? writes_in_place() : writes())) {  // an erase waits (see erase)
        if (c.op() == op::add) seq.check_add(key, hint);
        else if (c.op() == op::remove) (void)seq.find(key, hint);  // a hint for the erase
        return;
      }
      auto it = c.op() == op::add ? seq.find_for_add(key, hint) : seq.find(key, hint);
      if (c.op() == op::remove) {
        if (it != obj.end()) seq.erase(it);
        return;
      }
      if (c.op() == op::add) {
        if (it != obj.end()) seq.assign(it, change_access::to<E>(c));
        else it = seq.append(change_access::to<E>(c));
      }
      if (placed && it != obj.end()) seq.place_after(it, anchor);
      return;
    }
    auto it = seq.find(key, hint);
    if (it == obj.end()) mismatch(d + 1, "is absent");
    at(*it, d + 1, elem_rule);
    if (!dry) seq.changed(it, key);
    else memo.key_bytes(&((*it).*Key), sizeof(K));
  }

  template <class Seq, class R>
  void multiset(Seq& obj, std::size_t d, const R& elem_rule) const {
    using E = typename Seq::value_type;
    const E& v = key_at<E>(d, segment_kind::element);
    if (!element_here(d)) mismatch(d + 1, "is a multiset element: it has no sub-elements");
    if (!writes()) return;
    auto same = [&](const E& x) { return eq_value(v, x, elem_rule, ctx); };
    auto n = static_cast<std::size_t>(std::count_if(obj.begin(), obj.end(), same));
    for (; n < c.count(); ++n) obj.push_back(v);
    while (n > c.count()) {  // drop the last copies
      auto last = obj.end();
      for (auto it = obj.begin(); it != obj.end(); ++it)
        if (same(*it)) last = it;
      obj.erase(last);
      --n;
    }
  }
};

}  // namespace reconcile::detail
