// nlohmann::json to typed values, derived from reflection, with errors that name the path.
// Not public. Structs merge member by member (absent members keep the target's value);
// every other value, containers included, is rebuilt from the JSON.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/json/detail/read_leaf.hpp>
#include <reconcile/json/detail/write.hpp>
#include <reconcile/rules.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

struct json_reader {
  const json_options& opts;
  bool document;  // a whole document (apply_json_patch): absent optionals and pointers reset

  [[noreturn]] void type_error(const frame& f, std::string_view expected, const json& j) const {
    json_fail(json_errc::wrong_type, f, "expected " + std::string(expected) + ", got " + describe(j));
  }
  void expect(const json& j, bool ok, const frame& f, std::string_view expected) const {
    if (!ok) type_error(f, expected, j);
  }

  template <class V>
  void read(const json& j, V& out, const frame& f) const {
    constexpr vkind k = kind_v<V>;
    if constexpr (std::is_same_v<V, bool>) {
      expect(j, j.is_boolean(), f, "a boolean");
      out = j.get<bool>();
    } else if constexpr (std::is_same_v<V, char>) {
      expect(j, j.is_string() && j.get_ref<const std::string&>().size() == 1, f, "a one-character string");
      out = j.get_ref<const std::string&>()[0];
    } else if constexpr (std::is_enum_v<V>) {
      read_enum(j, out, f);
    } else if constexpr (std::is_arithmetic_v<V>) {
      if (!read_number(j, out)) {
        if (j.is_number())
          json_fail(json_errc::wrong_type, f,
                    "expected " + std::string(number_kind<V>()) + " that fits " + std::string(type_name<V>) + ", got " +
                        describe(j));
        type_error(f, number_kind<V>(), j);
      }
    } else if constexpr (string_like<V>) {
      static_assert(std::is_constructible_v<V, const std::string&>,
                    "reconcile::from_json: a string field must be constructible from std::string "
                    "(std::string_view cannot own what it reads)");
      expect(j, j.is_string(), f, "a string");
      out = V(j.get_ref<const std::string&>());
    } else if constexpr (is_duration<V>::value) {
      typename V::rep r{};
      read(j, r, f);
      out = V(r);
    } else if constexpr (is_time_point<V>::value) {
      typename V::duration d{};
      read(j, d, f);
      out = V(d);
    } else if constexpr (k == vkind::optional) {
      if (j.is_null()) return out.reset();
      out.emplace();
      read(j, *out, f);
    } else if constexpr (k == vkind::pointer) {
      using E = std::remove_const_t<typename V::element_type>;
      if (j.is_null()) return out.reset();
      auto fresh = std::make_unique<E>();  // a new pointee: never writes through a shared one
      read(j, *fresh, f);
      out = V(fresh.release());
    } else if constexpr (k == vkind::variant) {
      read_variant(j, out, f, std::make_index_sequence<std::variant_size_v<V>>{});
    } else if constexpr (k == vkind::map) {
      read_map(j, out, f);
    } else if constexpr (k == vkind::set) {
      expect(j, j.is_array(), f, "an array");
      out.clear();
      std::size_t i = 0;
      for (const json& e : j) {
        typename V::value_type v{};
        read(e, v, f.position(i++));
        out.insert(std::move(v));
      }
    } else if constexpr (k == vkind::sequence) {
      expect(j, j.is_array(), f, "an array");
      out.clear();
      std::size_t i = 0;
      for (const json& e : j) read(e, out.emplace_back(), f.position(i++));
    } else if constexpr (k == vkind::array) {
      expect(j, j.is_array() && j.size() == out.size(), f,
             "an array of " + std::to_string(out.size()) + " elements");
      std::size_t i = 0;
      for (auto& e : out) read(j[i], e, f.position(i)), ++i;
    } else if constexpr (k == vkind::tuple) {
      constexpr std::size_t n = std::tuple_size_v<V>;
      expect(j, j.is_array() && j.size() == n, f, "an array of " + std::to_string(n) + " elements");
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (read(j[I], std::get<I>(out), f.position(I)), ...);
      }(std::make_index_sequence<n>{});
    } else if constexpr (k == vkind::structure) {
      read_struct(j, out, f, std::make_index_sequence<field_count<V>>{});
    } else {
      static_assert(std::is_constructible_v<json, const V&>,
                    "reconcile::from_json: a field's type has no JSON encoding; use a supported type or "
                    "give it nlohmann_json's to_json/from_json");
#if defined(__cpp_exceptions)
      try {
        out = j.template get<V>();
      } catch (const json::exception& e) {
        json_fail(json_errc::wrong_type, f, nlohmann_reason(e));
      }
#else
      out = j.template get<V>();
#endif
    }
  }

  template <class E>
  void read_enum(const json& j, E& out, const frame& f) const {
    if (j.is_string()) {
      const std::string& s = j.get_ref<const std::string&>();
      if (auto e = enum_from_name<E>(s)) {
        out = *e;
        return;
      }
      std::string known;
      for (std::string_view n : enum_table<E>::names)
        if (!n.empty()) known += (known.empty() ? "" : ", ") + std::string(n);
      json_fail(json_errc::unknown_name, f, "unknown " + std::string(type_name<E>) + " name " + describe(j).substr(7) +
                                                "; expected one of: " + known);
    }
    std::underlying_type_t<E> u{};
    if (!read_number(j, u)) type_error(f, "an enumerator name", j);
    out = static_cast<E>(u);
  }

  template <class V, std::size_t... I>
  void read_variant(const json& j, V& out, const frame& f, std::index_sequence<I...>) const {
    expect(j, j.is_object(), f, R"(an object {"type": ..., "value": ...})");
    const frame tf = f.field(0, "type");
    auto t = j.find("type");
    if (t == j.end()) json_fail(json_errc::missing_member, tf, "required member is missing");
    std::size_t index = sizeof...(I);
    const auto& names = variant_tags<V>::names;
    if (t->is_string()) {
      for (std::size_t i = 0; i < names.size(); ++i)
        if (!names[i].empty() && names[i] == t->get_ref<const std::string&>()) index = i;
    } else if (t->is_number_unsigned() || t->is_number_integer()) {
      std::size_t n = 0;
      if (read_number(*t, n)) index = n;
    } else {
      type_error(tf, "an alternative's name or index", *t);
    }
    if (index >= sizeof...(I)) {
      std::string known;
      for (std::size_t i = 0; i < names.size(); ++i)
        known += (i ? ", " : "") + (names[i].empty() ? std::to_string(i) : "\"" + std::string(names[i]) + "\"");
      json_fail(json_errc::unknown_name, tf, "unknown alternative " + describe(*t) + "; expected one of: " + known);
    }
    if (opts.unknown_members_are_errors)
      for (const auto& [key, v] : j.items())
        if (key != "type" && key != "value") unknown(f, key);
    auto v = j.find("value");
    (void)((index == I ? (read_alternative<I>(v == j.end() ? nullptr : &*v, out, f), true) : false) || ...);
  }
  template <std::size_t I, class V>
  void read_alternative(const json* v, V& out, const frame& f) const {
    auto& alt = out.template emplace<I>();
    if (v) read(*v, alt, f.field(1, "value"));
  }

  [[noreturn]] void unknown(const frame& f, const std::string& key) const {
    path p;
    append_path(p, &f);
    p.push_back(segment::named_field(key));
    json_fail(json_errc::unknown_member, std::move(p), "unknown member");
  }

  template <class M>
  void read_map(const json& j, M& out, const frame& f) const {
    using K = typename M::key_type;
    out.clear();
    if constexpr (key_as_text<K>) {
      expect(j, j.is_object(), f, "an object");
      for (const auto& [text, v] : j.items()) {
        K key{};
        if (!parse_key(text, key))
          json_fail(json_errc::wrong_type, f.keyed(text),
                    "expected a key of type " + std::string(type_name<K>) + ", got \"" + text + "\"");
        read(v, out[key], f.keyed(key));
      }
    } else {
      expect(j, j.is_array(), f, "an array of [key, value] pairs");
      std::size_t i = 0;
      for (const json& e : j) {
        const frame ef = f.position(i++);
        expect(e, e.is_array() && e.size() == 2, ef, "a [key, value] pair");
        K key{};
        read(e[0], key, ef.position(0));
        read(e[1], out[key], ef.position(1));
      }
    }
  }

  // A keyed_by sequence must not repeat a key (diff would refuse it): O(n) with a hash index.
  template <auto Key, class Seq>
  void unique_keys(const Seq& seq, const frame& f) const {
    key_index<Key> index(seq.begin(), seq.end());
    const auto* dup = index.duplicate();
    if (!dup) return;
    std::size_t i = 0, seen = 0;
    for (auto it = seq.begin(); it != seq.end(); ++it, ++i)
      if (plain_eq((*it).*Key, *dup) && seen++ == 1) break;
    std::string key;
    print_value(key, *dup);
    json_fail(json_errc::duplicate_key, f.position(i), "duplicate key " + key + " in a keyed sequence");
  }

  template <class V, std::size_t... I>
  void read_struct(const json& j, V& out, const frame& f, std::index_sequence<I...>) const {
    expect(j, j.is_object(), f, "an object");
    (read_field<V, I>(j, out, f), ...);
    if (opts.unknown_members_are_errors) {
      for (const auto& [key, v] : j.items())
        if (!((key == field_name<V, I>) || ...)) unknown(f, key);
    }
  }
  template <class V, std::size_t I>
  void read_field(const json& j, V& out, const frame& f) const {
    auto& field = reconcile::get<I>(out);
    using F = std::remove_cvref_t<decltype(field)>;
    const frame ff = f.field(I, field_name<V, I>);
    using R = std::remove_cvref_t<decltype(rule_for<V, I>(rules_t<>{}))>;
    auto it = j.find(field_name<V, I>);
    if (it != j.end()) {
      read(*it, field, ff);
      if constexpr (R::keyed) unique_keys<R::key>(field, ff);
      return;
    }
    constexpr unsigned flags = R::flags;
    if constexpr ((flags & f_required) != 0) json_fail(json_errc::missing_member, ff, "required member is missing");
    if constexpr (omittable<F>)
      if (document) field = F{};
  }
};

}  // namespace reconcile::detail
