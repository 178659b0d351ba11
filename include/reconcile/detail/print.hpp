// Printing values in the diff format: strings quoted, enums by name, structs as
// {name: "web", image: "nginx"}, containers as [..] / {..}, unprintable values as <Type>.
#pragma once

#include <reconcile/detail/names.hpp>
#include <reconcile/detail/traits.hpp>
#include <reconcile/reflect.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <iterator>
#include <string>
#include <type_traits>

namespace reconcile::detail {

template <class T> struct is_duration : std::false_type {};
template <class R, class P> struct is_duration<std::chrono::duration<R, P>> : std::true_type {};
template <class T> struct is_time_point : std::false_type {};
template <class C, class D> struct is_time_point<std::chrono::time_point<C, D>> : std::true_type {};

template <class V>
void print_value(std::string& out, const V& v);

template <class It>
void print_range(std::string& out, It first, It last, char open, char close) {
  out += open;
  for (It it = first; it != last; ++it) {
    if (it != first) out += ", ";
    print_value(out, *it);
  }
  out += close;
}

template <class V>
void print_value(std::string& out, const V& v) {
  // fmt::format (its vformat is compiled into libfmt) rather than format_to(back_inserter):
  // the latter instantiates all of fmt's formatting for that iterator in every translation
  // unit, about 3 s of g++ -O2 per TU that diffs anything.
  constexpr vkind k = kind_v<V>;
  if constexpr (std::is_same_v<V, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_same_v<V, char>) {
    out += fmt::format("{:?}", v);
  } else if constexpr (std::is_enum_v<V>) {
    std::string_view n = enum_name(v);
    if (n.empty()) out += fmt::format("{}", static_cast<std::underlying_type_t<V>>(v));
    else out += n;
  } else if constexpr (std::is_arithmetic_v<V>) {
    out += fmt::format("{}", v);
  } else if constexpr (string_like<V>) {
    out += fmt::format("{:?}", std::string_view(v));
  } else if constexpr (is_duration<V>::value) {
    out += fmt::format("{}", v);
  } else if constexpr (is_time_point<V>::value) {
    if constexpr (std::is_same_v<typename V::clock, std::chrono::system_clock>)
      out += fmt::format("{}", v);
    else
      out += fmt::format("{}", v.time_since_epoch());
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    if (v) print_value(out, *v);
    else out += "null";
  } else if constexpr (k == vkind::variant) {
    std::visit([&](const auto& alt) { print_value(out, alt); }, v);
  } else if constexpr (k == vkind::map) {
    out += '{';
    bool first = true;
    for (const auto& [key, val] : v) {
      if (!first) out += ", ";
      first = false;
      print_value(out, key);
      out += ": ";
      print_value(out, val);
    }
    out += '}';
  } else if constexpr (k == vkind::set) {
    print_range(out, v.begin(), v.end(), '{', '}');
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    print_range(out, v.begin(), v.end(), '[', ']');
  } else if constexpr (k == vkind::tuple) {
    out += '(';
    std::apply(
        [&](const auto&... e) {
          bool first = true;
          ((out += first ? "" : ", ", first = false, print_value(out, e)), ...);
        },
        v);
    out += ')';
  } else if constexpr (k == vkind::structure) {
    out += '{';
    reconcile::for_each_field(v, [&](const auto& f, auto i) {
      if constexpr (i != 0) out += ", ";
      out += field_name<V, decltype(i)::value>;
      out += ": ";
      print_value(out, f);
    });
    out += '}';
  } else if constexpr (fmt::is_formattable<V>::value) {
    out += fmt::format("{}", v);
  } else {
    out += '<';
    out += type_name<V>;
    out += '>';
  }
}

}  // namespace reconcile::detail
