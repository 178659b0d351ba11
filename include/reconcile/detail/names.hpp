// Type names and enumerator names read from __PRETTY_FUNCTION__ at compile time. Not public.
#pragma once

#include <reconcile/customize.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile {

namespace detail {

// The text after "<Param> = " up to the end of the parameter list (';' on g++, ']' on clang).
consteval std::string_view template_arg_text(std::string_view pretty, std::string_view param) {
  std::size_t b = pretty.find(param);
  b = (b == std::string_view::npos) ? 0 : b + param.size();
  std::size_t e = pretty.find(';', b);
  if (e == std::string_view::npos) e = pretty.rfind(']');
  return pretty.substr(b, e - b);
}

template <class T>
consteval std::string_view type_name_of() {
  return template_arg_text(__PRETTY_FUNCTION__, "T = ");
}
/// type_name<T>: T's name as the compiler spells it, e.g. "ns::Deployment".
template <class T>
inline constexpr std::string_view type_name = type_name_of<T>();

// True when a value was printed as a cast, "(E)5" (clang: "((anonymous namespace)::E)5"), i.e.
// it names no enumerator; clang spells an enumerator of an enum in an anonymous namespace
// "(anonymous namespace)::E::x", whose parenthesis is followed by "::".
consteval bool printed_as_cast(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() != '(') return false;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return s.substr(i + 1, 2) != "::";
    }
  }
  return true;
}

template <auto V>
consteval std::string_view enumerator_name_of() {
  std::string_view s = template_arg_text(__PRETTY_FUNCTION__, "V = ");
  if (printed_as_cast(s)) return {};
  std::size_t c = s.rfind(':');
  return c == std::string_view::npos ? s : s.substr(c + 1);
}

template <class E>
struct enum_table {
  static constexpr int lo = std::is_unsigned_v<std::underlying_type_t<E>> && enum_range<E>::min < 0
                                ? 0
                                : enum_range<E>::min;
  static constexpr int hi = enum_range<E>::max;
  static_assert(lo <= hi && hi - lo < 4096,
                "reconcile::enum_range: keep the scanned range below 4096 values");
  static constexpr auto names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{
        enumerator_name_of<std::bit_cast<E>(static_cast<std::underlying_type_t<E>>(lo + static_cast<int>(I)))>()...};
  }(std::make_index_sequence<static_cast<std::size_t>(hi - lo + 1)>{});
};

/// The enumerator's name, or empty when v has none within enum_range<E>.
template <class E>
constexpr std::string_view enum_name(E v) noexcept {
  using T = enum_table<E>;
  const auto i = static_cast<long long>(static_cast<std::underlying_type_t<E>>(v));
  if (i < T::lo || i > T::hi) return {};
  return T::names[static_cast<std::size_t>(i - T::lo)];
}

/// The enumerator named `name`, if any within enum_range<E>.
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) noexcept {
  using T = enum_table<E>;
  for (std::size_t i = 0; i < T::names.size(); ++i)
    if (!T::names[i].empty() && T::names[i] == name) return static_cast<E>(T::lo + static_cast<int>(i));
  return std::nullopt;
}

}  // namespace detail
}  // namespace reconcile
