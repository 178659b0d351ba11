// Printing leaves in the diff format (bool, char, enums by name, numbers, strings quoted,
// std::chrono durations and time points): all that a box needs to print the values it holds,
// without reflection (no Boost.PFR, no Boost.Hana). Structs and containers print through
// print_value (print.hpp). Not public.
#pragma once

#include <reconcile/detail/names.hpp>

// Only fmt/core.h: fmt::format's vformat is compiled into libfmt, and fmt/format.h and
// fmt/chrono.h would add about 0.3 s of g++ -O2 to every translation unit that diffs.
#include <fmt/core.h>

#include <concepts>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile::detail {

// std::chrono::duration and time_point, recognised by their members (so <chrono> is not
// needed here); printed as fmt/chrono prints them, byte for byte.
template <class T>
concept chrono_duration = requires(const T& d) {
  typename T::rep;
  typename T::period;
  T::period::num;
  T::period::den;
  { d.count() } -> std::same_as<typename T::rep>;
  T::zero();
};
template <class T>
concept chrono_time_point = requires(const T& t) {
  typename T::clock;
  typename T::duration;
  { t.time_since_epoch() } -> std::same_as<typename T::duration>;
} && chrono_duration<typename T::duration>;
template <class T> struct is_duration : std::bool_constant<chrono_duration<T>> {};
template <class T> struct is_time_point : std::bool_constant<chrono_time_point<T>> {};

// fmt's unit suffix for a duration's period, as written (fmt matches std::milli etc. exactly).
template <class D> struct period_as_written { using type = typename D::period; };
template <template <class, class> class D, class R, class P> struct period_as_written<D<R, P>> { using type = P; };

consteval const char* duration_unit(long long num, long long den) {
  if (num == 1) {
    switch (den) {
      case 1000000000000000000: return "as";
      case 1000000000000000: return "fs";
      case 1000000000000: return "ps";
      case 1000000000: return "ns";
      case 1000000: return "\u00b5s";
      case 1000: return "ms";
      case 100: return "cs";
      case 10: return "ds";
      case 1: return "s";
      default: return nullptr;
    }
  }
  if (den != 1) return nullptr;
  switch (num) {
    case 10: return "das";
    case 100: return "hs";
    case 1000: return "ks";
    case 1000000: return "Ms";
    case 1000000000: return "Gs";
    case 1000000000000: return "Ts";
    case 1000000000000000: return "Ps";
    case 1000000000000000000: return "Es";
    case 60: return "m";
    case 3600: return "h";
    default: return nullptr;
  }
}

// fmt::format("{}", d): the count ({:g} for floating-point counts), then the unit.
template <class D>
void print_duration(std::string& out, const D& d) {
  using P = typename period_as_written<D>::type;
  if constexpr (std::is_floating_point_v<typename D::rep>) out += fmt::format(fmt::runtime("{:g}"), d.count());
  else out += fmt::format(fmt::runtime("{}"), d.count());
  constexpr const char* unit =
      std::is_same_v<P, typename P::type> ? duration_unit(P::num, P::den) : nullptr;
  if constexpr (unit != nullptr) out += unit;
  else if constexpr (P::den != 1) out += fmt::format(fmt::runtime("[{}/{}]s"), P::num, P::den);
  else out += fmt::format(fmt::runtime("[{}]s"), P::num);
}

// fmt::format(fmt::runtime("{}"), system_clock time point): local time, "%F %T" (whole seconds). Digits by
// hand: a non-template fmt::format call would check its format string in every TU.
inline void print_digits(std::string& out, long long v, std::size_t width) {
  if (v < 0) {  // fmt's {:04}: the sign counts towards the width
    out += '-';
    v = -v;
    --width;
  }
  const std::string d = std::to_string(v);
  if (d.size() < width) out.append(width - d.size(), '0');
  out += d;
}
inline void print_local_time(std::string& out, std::time_t t) {
  std::tm tm{};
  if (!::localtime_r(&t, &tm)) {  // as fmt/chrono does, without reaching into fmt::detail
#if defined(__cpp_exceptions)
    throw std::range_error("time_t value out of range");
#else
    std::abort();
#endif
  }
  print_digits(out, 1900LL + tm.tm_year, 4);
  const int rest[] = {tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
  const char sep[] = {'-', '-', ' ', ':', ':'};
  for (int i = 0; i < 5; ++i) {
    out += sep[i];
    print_digits(out, rest[i], 2);
  }
}

// Values print_leaf prints: the first branches of print_value.
template <class V>
concept text_like = std::is_convertible_v<const V&, std::string_view> && !std::is_pointer_v<V>;
template <class V>
concept leaf_printable = std::is_arithmetic_v<V> || std::is_enum_v<V> || text_like<V> || chrono_duration<V> ||
                         chrono_time_point<V>;

template <leaf_printable V>
void print_leaf(std::string& out, const V& v) {
  // fmt::format (its vformat is compiled into libfmt) rather than format_to(back_inserter):
  // the latter instantiates all of fmt's formatting for that iterator in every translation
  // unit, about 3 s of g++ -O2 per TU that diffs anything.
  if constexpr (std::is_same_v<V, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_same_v<V, char>) {
    out += fmt::format(fmt::runtime("{:?}"), v);
  } else if constexpr (std::is_enum_v<V>) {
    std::string_view n = enum_name(v);
    if (n.empty()) out += fmt::format(fmt::runtime("{}"), static_cast<std::underlying_type_t<V>>(v));
    else out += n;
  } else if constexpr (std::is_arithmetic_v<V>) {
    out += fmt::format(fmt::runtime("{}"), v);
  } else if constexpr (text_like<V>) {
    out += fmt::format(fmt::runtime("{:?}"), std::string_view(v));
  } else if constexpr (chrono_duration<V>) {
    print_duration(out, v);
  } else {
    // Only std::chrono::system_clock has to_time_t; fmt prints other clocks' time points as
    // their durations since the epoch.
    if constexpr (requires { V::clock::to_time_t(v); }) print_local_time(out, V::clock::to_time_t(v));
    else print_duration(out, v.time_since_epoch());
  }
}

// Any value as a change prints it (print.hpp defines it).
template <class V>
void print_value(std::string& out, const V& v);

// What a box holding a struct or a container prints through: defined in print.hpp, which every
// header that boxes such values includes (diff, apply, plan...). Its return type is deduced:
// until its definition is seen it cannot be called, so box's print checks that it is (one
// static_assert, RECONCILE_DETAIL_PRINTER_FIX) rather than leave a link error.
template <class V>
auto print_boxed(std::string& out, const V& v);
#define RECONCILE_DETAIL_PRINTER_FIX                                                                         \
  "reconcile::segment: a key or value of a struct or container type prints through reconcile's printer, " \
  "which reflects structs: include <reconcile/diff.hpp> in this translation unit (path.hpp alone prints "  \
  "only numbers, strings, enums, chrono values)"

}  // namespace reconcile::detail
