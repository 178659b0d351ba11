// changeset -> RFC 6902 operations (to_json_patch). Not public.
//
// The patch writer replays the changeset on a copy of the observed value, one change at a
// time, exactly as reconcile::apply does. Before and after each change it walks the change's
// path through the copy (with the rules of the diff, so keyed sequences are found by key) and
// reads the array index each element has at that moment; the operations it emits turn the
// JSON of the copy before the change into the JSON after it. So the whole patch turns
// to_json(observed) into to_json(apply(observed, cs)).
// Cost per change: a walk along its path (a keyed step scans for its key), the JSON of the
// node it changes, before and after; unordered containers written as arrays are sorted.
// patch_writer walks the path; what it finds becomes operations in patch_ops.hpp.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/apply.hpp>
#include <reconcile/json/detail/patch_ops.hpp>
#include <reconcile/json/detail/write.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace reconcile::detail {

// Where a node sits: a struct's member (JSON omits the member when an optional or a pointer is
// empty) or anywhere else (an element, the root, an optional's value: written as null).
enum class node_place : bool { inner, member };
// What canonical_index compares: the whole element, or a pair's key (a map written as pairs).
enum class match_on : bool { element, pair_key };

template <class Ctx>
struct patch_writer : patch_ops {
  patch_writer(const Ctx& rules, const change& ch, json& out) : patch_ops(out), ctx(rules), c(ch) {}
  const Ctx& ctx;
  const change& c;

  path_view p() const { return c.path(); }
  [[noreturn]] void mismatch() const {
    raise(reconcile::error(p(), "reconcile::to_json_patch: change at " + p().to_string() +
                                    " does not fit the object"));
  }

  template <class V, class R>
  void at(const V& obj, std::size_t d, std::string& ptr, const R& r, node_place place) {
    constexpr vkind k = kind_v<V>;
    if (d == p().size()) {
      if constexpr (omittable<V>) {
        if (place == node_place::member && !obj) return settle(ptr, std::nullopt);
      }
      return settle(ptr, to_json_value(obj));
    }
    if constexpr (k == vkind::optional || k == vkind::pointer) {
      if (!obj) mismatch();
      at(*obj, d, ptr, r, node_place::inner);
    } else if constexpr (k == vkind::variant) {
      ptr += "/value";
      std::visit([&](const auto& alt) { at(alt, d, ptr, r, node_place::inner); }, obj);
    } else if constexpr (k == vkind::structure) {
      fields(obj, d, ptr, std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::tuple) {
      tuple_at(obj, d, ptr, element_rule(r), std::make_index_sequence<std::tuple_size_v<V>>{});
    } else if constexpr (k == vkind::map) {
      map_at(obj, d, ptr, element_rule(r));
    } else if constexpr (k == vkind::set) {
      set_at(obj, d, ptr);
    } else if constexpr (k == vkind::sequence && R::keyed) {
      keyed_at<R::key>(obj, d, ptr, element_rule(r));
    } else if constexpr (k == vkind::sequence && (R::flags & f_unordered) != 0) {
      multiset_at(obj, d, ptr, element_rule(r));
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      positional_at(obj, d, ptr, element_rule(r));
    } else {
      mismatch();
    }
  }

  template <class V, std::size_t... I>
  void fields(const V& obj, std::size_t d, std::string& ptr, std::index_sequence<I...>) {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::field || s.index() >= sizeof...(I)) mismatch();
    (void)((s.index() == I ? (field<V, I>(obj, d, ptr), true) : false) || ...);
  }
  template <class V, std::size_t I>
  void field(const V& obj, std::size_t d, std::string& ptr) {
    const auto& member_rule = rule_for<V, I>(ctx);
    append_token(ptr, field_name<V, I>);
    at(reconcile::get<I>(obj), d + 1, ptr, member_rule, node_place::member);
  }
  template <class V, class R, std::size_t... I>
  void tuple_at(const V& obj, std::size_t d, std::string& ptr, const R& elem_rule, std::index_sequence<I...>) {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::field || s.index() >= sizeof...(I)) mismatch();
    append_token(ptr, s.index());
    (void)((s.index() == I ? (at(std::get<I>(obj), d + 1, ptr, elem_rule, node_place::inner), true) : false) || ...);
  }

  template <class K>
  const K& key_at(std::size_t d, segment_kind kind) const {
    const segment& s = p()[d];
    if (s.kind() != kind || !s.key_value().holds<K>()) mismatch();
    return s.key<K>();
  }
  bool element_here(std::size_t d) const { return d + 1 == p().size() && (c.element_op() || c.op() == op::move); }

  // Index of the entry whose JSON `probe` matches (the whole element, or a pair's key) in the
  // array JSON of an unordered container (sorted: see sort_canonical).
  template <class C>
  static std::optional<std::size_t> canonical_index(const C& obj, const json& probe, match_on what) {
    const json all = to_json_value(obj);
    for (std::size_t i = 0; i < all.size(); ++i)
      if ((what == match_on::pair_key ? all[i][0] : all[i]) == probe) return i;
    return std::nullopt;
  }
  template <class C, class K>
  static std::optional<std::size_t> sorted_index(const C& obj, const K& key) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    return static_cast<std::size_t>(std::distance(obj.begin(), it));
  }

  template <class M, class R>
  void map_at(const M& obj, std::size_t d, std::string& ptr, const R& elem_rule) {
    using K = typename M::key_type;
    const K& key = key_at<K>(d, segment_kind::key);
    auto it = obj.find(key);
    if constexpr (key_as_text<K>) {
      append_token(ptr, key_text(key));
      if (element_here(d)) return settle(ptr, it == obj.end() ? std::nullopt : std::optional(to_json_value(it->second)));
      if (it == obj.end()) mismatch();
      at(it->second, d + 1, ptr, elem_rule, node_place::inner);
    } else {
      std::optional<std::size_t> i;
      if constexpr (is_sorted_assoc<M>::value) i = sorted_index(obj, key);
      else i = canonical_index(obj, to_json_value(key), match_on::pair_key);
      if (element_here(d)) {
        std::optional<json> now;
        if (it != obj.end()) now = json::array({to_json_value(key), to_json_value(it->second)});
        return element(ptr, i, std::move(now));
      }
      if (it == obj.end() || !i) mismatch();
      append_token(ptr, *i);
      ptr += "/1";
      at(it->second, d + 1, ptr, elem_rule, node_place::inner);
    }
  }

  template <class S>
  void set_at(const S& obj, std::size_t d, const std::string& ptr) {
    using E = typename S::value_type;
    const E& e = key_at<E>(d, segment_kind::element);
    if (!element_here(d)) mismatch();
    std::optional<std::size_t> i;
    if constexpr (is_sorted_assoc<S>::value) i = sorted_index(obj, e);
    else i = canonical_index(obj, to_json_value(e), match_on::element);
    element(ptr, i, i ? std::optional(to_json_value(e)) : std::nullopt);
  }

  template <auto Key, class Seq, class R>
  void keyed_at(const Seq& obj, std::size_t d, std::string& ptr, const R& elem_rule) {
    const member_of<Key>& key = key_at<member_of<Key>>(d, segment_kind::key);
    std::optional<std::size_t> i;
    auto it = obj.begin();
    for (std::size_t n = 0; it != obj.end(); ++it, ++n)
      if (plain_eq((*it).*Key, key)) {
        i = n;
        break;
      }
    if (element_here(d)) return element(ptr, i, i ? std::optional(to_json_value(*it)) : std::nullopt);
    if (!i) mismatch();
    append_token(ptr, *i);
    at(*it, d + 1, ptr, elem_rule, node_place::inner);
  }

  template <class Seq, class R>
  void multiset_at(const Seq& obj, std::size_t d, const std::string& ptr, const R& elem_rule) {
    using E = typename Seq::value_type;
    const E& v = key_at<E>(d, segment_kind::element);
    if (!element_here(d)) mismatch();
    if (phase == 0) {  // where the copies are now; apply appends copies or drops the last ones
      before_size = obj.size();
      copies.clear();
      std::size_t n = 0;
      for (const E& x : obj) {
        if (eq_value(v, x, elem_rule, ctx)) copies.push_back(n);
        ++n;
      }
      return;
    }
    const json value = to_json_value(v);
    for (std::size_t n = copies.size(), i = 0; n < c.count(); ++n, ++i) {
      std::string s = ptr;
      append_token(s, before_size + i);
      emit("add", std::move(s), &value);
    }
    for (std::size_t n = copies.size(); n > c.count(); --n) {
      std::string s = ptr;
      append_token(s, copies[n - 1]);
      emit("remove", std::move(s));
    }
  }

  template <class Seq, class R>
  void positional_at(const Seq& obj, std::size_t d, std::string& ptr, const R& elem_rule) {
    const segment& s = p()[d];
    if (s.kind() != segment_kind::index) mismatch();
    const std::size_t i = s.index();
    if constexpr (kind_v<Seq> == vkind::sequence) {
      if (d + 1 == p().size() && c.element_op()) {  // add: assign i or append; remove: truncate to i
        if (phase == 0) before_size = obj.size();
        if (c.op() == op::add) {
          const std::size_t at_index = i < before_size ? i : before_size;
          append_token(ptr, at_index);
          if (i < before_size) {
            settle(ptr, to_json_value(*std::next(obj.begin(), static_cast<std::ptrdiff_t>(i))));
          } else if (phase == 1) {
            const json appended = to_json_value(obj.back());
            emit("add", ptr, &appended);
          }
        } else if (c.op() == op::remove && phase == 1) {
          for (std::size_t n = before_size; n > i; --n) {
            std::string e = ptr;
            append_token(e, n - 1);
            emit("remove", std::move(e));
          }
        }
        return;
      }
    }
    if (i >= obj.size()) mismatch();
    append_token(ptr, i);
    at(*std::next(obj.begin(), static_cast<std::ptrdiff_t>(i)), d + 1, ptr, elem_rule, node_place::inner);
  }
};

// Replays cs on a copy of observed; see the top of this file.
template <class T, class Ctx>
json patch_operations(const T& observed, const changeset<T>& cs, const Ctx& ctx) {
  json ops = json::array();
  if (cs.empty()) return ops;
  T sim = observed;
  apply_run(sim, ctx, &cs[0], &cs[0] + cs.size(), apply_pass::check);  // every change fits, as in apply
  for (const change& c : cs) {
    patch_writer<Ctx> w{ctx, c, ops};
    std::string ptr;
    w.at(std::as_const(sim), 0, ptr, default_rule, node_place::inner);
    apply_run(sim, ctx, &c, &c + 1, apply_pass::perform);
    ptr.clear();
    w.phase = 1;
    w.at(std::as_const(sim), 0, ptr, default_rule, node_place::inner);
  }
  return ops;
}

}  // namespace reconcile::detail
