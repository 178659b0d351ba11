// text_formatter: the base of every fmt formatter of the core (path, change, changeset, plan,
// report, value_ref, ...). It needs only fmt/core.h: deriving from fmt::formatter<string_view>
// would need fmt/format.h in every TU that prints (its format() is defined there, ~26k lines),
// else the program fails to link.
#pragma once

#include <fmt/core.h>

#include <cstddef>
#include <string_view>
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>  // <algorithm> without its ranges:: half (clang parse, ~25 ms a TU)
#else
#include <algorithm>
#endif

namespace reconcile::detail {

// Honours the standard fill, align and width of a text argument: `{}`, `{:<30}`, `{:>8}`,
// `{:*^20}`; any other spec is a format error (at compile time for a checked format string).
// Width counts bytes (our text is ASCII apart from user strings).
struct text_formatter {
  char fill = ' ';
  char align = '<';
  std::size_t width = 0;

  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    const auto end = ctx.end();
    auto is_align = [](char c) { return c == '<' || c == '>' || c == '^'; };
    if (it != end && it + 1 != end && *it != '}' && is_align(it[1])) {
      fill = *it;
      align = it[1];
      it += 2;
    } else if (it != end && is_align(*it)) {
      align = *it++;
    }
    for (; it != end && *it >= '0' && *it <= '9'; ++it) width = width * 10 + static_cast<std::size_t>(*it - '0');
    if (it != end && *it != '}') ctx.on_error("reconcile: only fill, align and width apply to this argument");
    return it;
  }

  template <class Ctx>
  auto write(std::string_view s, Ctx& ctx) const {
    const std::size_t pad = width > s.size() ? width - s.size() : 0;
    const std::size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    auto out = std::fill_n(ctx.out(), left, fill);
    out = std::copy(s.begin(), s.end(), out);
    return std::fill_n(out, pad - left, fill);
  }
};

}  // namespace reconcile::detail
