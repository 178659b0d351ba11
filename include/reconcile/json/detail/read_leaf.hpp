// The leaves of reading JSON: a number into an arithmetic type, refused when it does not fit
// (read_number; "nan", "inf" and "-inf" strings for floats, as write.hpp writes them), what a
// number of that type is called in an error (number_kind), and a map key parsed back from its
// member name (parse_key, the inverse of write.hpp's key_text). Used by read.hpp. Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/json/detail/common.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace reconcile::detail {

template <class N>
constexpr std::string_view number_kind() {
  if constexpr (std::is_floating_point_v<N>) return "a number";
  else if constexpr (std::is_unsigned_v<N>) return "a non-negative integer";
  else return "an integer";
}

// Reads a number into N, or returns false (out of range, not integral, not a number).
template <class N>
bool read_number(const json& j, N& out) {
  if constexpr (std::is_floating_point_v<N>) {
    if (j.is_number()) {
      out = static_cast<N>(j.get<double>());
      return true;
    }
    if (!j.is_string()) return false;
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "nan") out = std::numeric_limits<N>::quiet_NaN();
    else if (s == "inf") out = std::numeric_limits<N>::infinity();
    else if (s == "-inf") out = -std::numeric_limits<N>::infinity();
    else return false;
    return true;
  } else {
    using L = std::numeric_limits<N>;
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(L::max())) return false;
      out = static_cast<N>(u);
      return true;
    }
    if (j.is_number_integer()) {
      const auto i = j.get<std::int64_t>();
      if constexpr (std::is_unsigned_v<N>) {
        if (i < 0 || static_cast<std::uint64_t>(i) > static_cast<std::uint64_t>(L::max())) return false;
      } else {
        if (i < static_cast<std::int64_t>(L::min()) || i > static_cast<std::int64_t>(L::max())) return false;
      }
      out = static_cast<N>(i);
      return true;
    }
    if (j.is_number_float()) {  // 5.0 reads as 5; 5.5 or 1e30 do not fit
      const double d = j.get<double>();
      if (!(d == std::floor(d)) || d < static_cast<double>(L::min()) || d >= std::ldexp(1.0, L::digits))
        return false;
      out = static_cast<N>(d);
      return true;
    }
    return false;
  }
}

// Parses a map key from its member-name text (see key_text); false when it does not fit.
template <class K>
bool parse_key(const std::string& s, K& out) {
  if constexpr (string_like<K>) {
    out = K(s);
    return true;
  } else if constexpr (std::is_same_v<K, bool>) {
    if (s != "true" && s != "false") return false;
    out = s == "true";
    return true;
  } else if constexpr (std::is_same_v<K, char>) {
    if (s.size() != 1) return false;
    out = s[0];
    return true;
  } else if constexpr (std::is_enum_v<K>) {
    if (auto e = enum_from_name<K>(s)) {
      out = *e;
      return true;
    }
    std::underlying_type_t<K> u{};
    if (!parse_key(s, u)) return false;
    out = static_cast<K>(u);
    return true;
  } else if constexpr (std::is_floating_point_v<K>) {
    // One exact parse of the shortest text key_text wrote (std::stold then narrowing would
    // round twice and return the neighbouring double for about 1 key in 15,000).
    if (read_number(json(s), out)) return true;
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out, std::chars_format::general);
    return ec == std::errc() && p == end && !s.empty();
  } else {
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && p == end && !s.empty();
  }
}

}  // namespace reconcile::detail
