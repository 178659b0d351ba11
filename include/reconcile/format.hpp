// reconcile/format.hpp - fmt formatters for paths, changes and changesets.
//
//   fmt::format("{}", cs)  ->  one change a line, in declaration order:
//     ~ replicas: 3 -> 5
//     + labels["tier"]: "web"
//     - containers["old"]
//     > containers["db"]: moved after "web"        (ordered keyed sequences)
//     + tags{"blue"}: 2 in all                      (unordered sequences: the new count)
//     ~ name: "a" -> "b"  # forces replacement      (under an immutable field)
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/path.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace reconcile {

/// to_string(op): "add", "remove", "replace" or "move".
constexpr std::string_view to_string(op o) noexcept {
  switch (o) {
    case op::add: return "add";
    case op::remove: return "remove";
    case op::replace: return "replace";
    case op::move: return "move";
  }
  return "?";
}

namespace detail {
// Appends one change's line (no newline). Not a template: shared by every T.
inline void print_change(std::string& out, const change& c) {
  const bool multiset = c.op() != op::move && c.count() > 0;
  switch (c.op()) {
    case op::add: out += "+ "; break;
    case op::remove: out += "- "; break;
    case op::replace: out += "~ "; break;
    case op::move: out += "> "; break;
  }
  c.path().print(out);
  const bool set_element = !c.path().empty() && c.path()[c.path().size() - 1].kind() == segment_kind::element;
  if (c.op() == op::replace) {
    out += ": ";
    c.old_value().print(out);
    out += " -> ";
    c.new_value().print(out);
  } else if (multiset || (set_element && c.op() != op::move)) {
    if (multiset || c.count() > 0) out += ": " + std::to_string(c.count()) + " in all";
  } else if (c.op() == op::add) {
    out += ": ";
    c.new_value().print(out);
  }
  if (c.has_anchor()) {
    out += c.op() == op::add ? ", " : ": ";
    if (c.after().empty()) {
      out += "moved first";
    } else {
      out += "moved after ";
      c.after().print(out);
    }
  }
  if (c.requires_replace()) out += "  # forces replacement";
}
}  // namespace detail

}  // namespace reconcile

template <>
struct fmt::formatter<reconcile::path> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::path& p, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(p.to_string(), ctx);
  }
};

template <>
struct fmt::formatter<reconcile::op> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(reconcile::op o, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(reconcile::to_string(o), ctx);
  }
};

template <>
struct fmt::formatter<reconcile::change> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::change& c, Ctx& ctx) const {
    std::string s;
    reconcile::detail::print_change(s, c);
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};

template <class T>
struct fmt::formatter<reconcile::changeset<T>> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::changeset<T>& cs, Ctx& ctx) const {
    std::string s;
    for (const reconcile::change& c : cs) {
      if (!s.empty()) s += '\n';
      reconcile::detail::print_change(s, c);
    }
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};
