// Printing values in the diff format: strings quoted, enums by name, structs as
// {name: "web", image: "nginx"}, containers as [..] / {..}, unprintable values as <Type>.
#pragma once

#include <reconcile/detail/names.hpp>
#include <reconcile/detail/print_leaf.hpp>
#include <reconcile/detail/traits.hpp>
#include <reconcile/reflect.hpp>

#include <fmt/core.h>  // only core.h: see print_leaf.hpp

#include <concepts>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>

namespace reconcile::detail {

// A variant alternative's label: "string", "monostate", else its type's name without the
// namespace ("Point", "int"); a template's name keeps its arguments.
template <class A>
consteval std::string_view alternative_label() {
  if constexpr (string_like<A>) return "string";
  else if constexpr (std::is_same_v<A, std::monostate>) return "monostate";
  else {
    constexpr std::string_view n = type_name<A>;
    constexpr std::size_t open = n.find('<');
    constexpr std::size_t colon = n.substr(0, open).rfind("::");
    return colon == std::string_view::npos ? n : n.substr(colon + 2);
  }
}

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
  if constexpr (leaf_printable<V>) {
    print_leaf(out, v);
  } else if constexpr (k == vkind::optional || k == vkind::pointer) {
    if (v) print_value(out, *v);
    else out += "null";
  } else if constexpr (k == vkind::variant) {
    // Named, so that a change of alternative says so: `Point{x: 1, y: 2}`, `int(0)`, `monostate`.
    std::visit(
        [&](const auto& alt) {
          using A = std::remove_cvref_t<decltype(alt)>;
          out += alternative_label<A>();
          if constexpr (std::is_same_v<A, std::monostate>) return;
          else if constexpr (kind_v<A> == vkind::structure) print_value(out, alt);
          else {
            out += '(';
            print_value(out, alt);
            out += ')';
          }
        },
        v);
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

template <class V>
auto print_boxed(std::string& out, const V& v) {
  print_value(out, v);
}

}  // namespace reconcile::detail
