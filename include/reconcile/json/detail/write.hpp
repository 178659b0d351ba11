// Typed values to nlohmann::json, derived from reflection. Not public; the encoding is
// documented in reconcile/json.hpp. Also the pieces the reader and the patch writer share:
// map-key text, variant tags, the canonical order of unordered containers.
#pragma once

#include <reconcile/json/detail/common.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/reflect.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace reconcile::detail {

template <class V>
void write_json(json& out, const V& v);

// ---- shared encoding pieces ----

// Keys written as JSON object member names; other keys make a map an array of [key, value].
template <class K>
inline constexpr bool key_as_text = string_like<K> || std::is_arithmetic_v<K> || std::is_enum_v<K>;

// Non-finite floating-point values as the strings "nan", "inf", "-inf" (JSON has no NaN).
template <class F>
std::string_view non_finite_text(F v) {
  return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

template <class K>
std::string key_text(const K& k) {
  if constexpr (string_like<K>) {
    return std::string(std::string_view(k));
  } else if constexpr (std::is_same_v<K, bool>) {
    return k ? "true" : "false";
  } else if constexpr (std::is_same_v<K, char>) {
    return std::string(1, k);
  } else if constexpr (std::is_enum_v<K>) {
    std::string_view n = enum_name(k);
    return n.empty() ? std::to_string(static_cast<long long>(static_cast<std::underlying_type_t<K>>(k)))
                     : std::string(n);
  } else if constexpr (std::is_floating_point_v<K>) {
    if (!std::isfinite(k)) return std::string(non_finite_text(k));
    return fmt::format("{}", k);  // shortest text that reads back exactly
  } else {
    return std::to_string(k);
  }
}

// A variant alternative's tag: "string", or the unqualified name of a non-template struct or
// enum, unless two alternatives share it; otherwise (empty here) its index, as a number.
template <class A>
consteval std::string_view alternative_name() {
  if constexpr (std::is_same_v<A, std::string>) {
    return "string";
  } else if constexpr (std::is_enum_v<A> || kind_v<A> == vkind::structure) {
    std::string_view n = type_name<A>;
    if (n.find('<') != std::string_view::npos) return {};
    const std::size_t c = n.rfind(':');
    return c == std::string_view::npos ? n : n.substr(c + 1);
  } else {
    return {};
  }
}
template <class V>
struct variant_tags;
template <class... A>
struct variant_tags<std::variant<A...>> {
  static constexpr std::array<std::string_view, sizeof...(A)> raw{alternative_name<A>()...};
  static constexpr std::array<std::string_view, sizeof...(A)> names = [] {
    std::array<std::string_view, sizeof...(A)> out{};
    for (std::size_t i = 0; i < raw.size(); ++i) {
      bool unique = !raw[i].empty();
      for (std::size_t j = 0; j < raw.size(); ++j)
        if (j != i && raw[j] == raw[i]) unique = false;
      out[i] = unique ? raw[i] : std::string_view{};
    }
    return out;
  }();
};

// Unordered sets and maps written as arrays list their elements in nlohmann::json's order,
// so that equal containers give equal JSON.
inline void sort_canonical(json& array) { std::sort(array.begin(), array.end()); }

template <class V>
inline constexpr bool omittable = kind_v<V> == vkind::optional || kind_v<V> == vkind::pointer;

// ---- the writer ----

template <class V, std::size_t... I>
void write_fields(json& out, const V& v, std::index_sequence<I...>) {
  out = json::object();
  (
      [&] {
        const auto& f = reconcile::get<I>(v);
        using F = std::remove_cvref_t<decltype(f)>;
        if constexpr (omittable<F>) {
          if (!f) return;  // empty optionals and null pointers: the member is absent
        }
        write_json(out[std::string(field_name<V, I>)], f);
      }(),
      ...);
}

template <class V>
void write_json(json& out, const V& v) {
  constexpr vkind k = kind_v<V>;
  if constexpr (std::is_same_v<V, bool>) {
    out = v;
  } else if constexpr (std::is_same_v<V, char>) {
    out = std::string(1, v);
  } else if constexpr (std::is_enum_v<V>) {
    std::string_view n = enum_name(v);
    if (n.empty()) out = static_cast<long long>(static_cast<std::underlying_type_t<V>>(v));
    else out = n;
  } else if constexpr (std::is_floating_point_v<V>) {
    if (std::isfinite(v)) out = static_cast<double>(v);
    else out = non_finite_text(v);
  } else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>) {
    out = static_cast<std::int64_t>(v);
  } else if constexpr (std::is_integral_v<V>) {
    out = static_cast<std::uint64_t>(v);
  } else if constexpr (string_like<V>) {
    out = std::string_view(v);
  } else if constexpr (is_duration<V>::value) {
    write_json(out, v.count());
  } else if constexpr (is_time_point<V>::value) {
    write_json(out, v.time_since_epoch().count());
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    if (v) write_json(out, *v);
    else out = nullptr;
  } else if constexpr (k == vkind::variant) {
    out = json::object();
    const std::string_view name = variant_tags<V>::names[v.index()];
    if (name.empty()) out["type"] = v.index();
    else out["type"] = name;
    std::visit([&](const auto& alt) { write_json(out["value"], alt); }, v);
  } else if constexpr (k == vkind::map) {
    using K = typename V::key_type;
    if constexpr (key_as_text<K>) {
      out = json::object();
      for (const auto& [key, val] : v) write_json(out[key_text(key)], val);
    } else {
      out = json::array();
      for (const auto& [key, val] : v) {
        json& pair = out.emplace_back(json::array());
        write_json(pair.emplace_back(), key);
        write_json(pair.emplace_back(), val);
      }
      if constexpr (!is_sorted_assoc<V>::value) sort_canonical(out);
    }
  } else if constexpr (k == vkind::set || k == vkind::sequence || k == vkind::array) {
    out = json::array();
    for (const auto& e : v) write_json(out.emplace_back(), e);
    if constexpr (k == vkind::set && !is_sorted_assoc<V>::value) sort_canonical(out);
  } else if constexpr (k == vkind::tuple) {
    out = json::array();
    std::apply([&](const auto&... e) { (write_json(out.emplace_back(), e), ...); }, v);
  } else if constexpr (k == vkind::structure) {
    write_fields(out, v, std::make_index_sequence<field_count<V>>{});
  } else if constexpr (std::is_constructible_v<json, const V&>) {
    out = json(v);  // a type nlohmann_json knows (its adl_serializer)
  } else {
    static_assert(std::is_constructible_v<json, const V&>,
                  "reconcile::to_json: a field's type has no JSON encoding; use a supported type or "
                  "give it nlohmann_json's to_json/from_json");
  }
}

template <class V>
json to_json_value(const V& v) {
  json out;
  write_json(out, v);
  return out;
}

}  // namespace reconcile::detail
