// reconcile/format.hpp - fmt formatters for paths, changes and changesets.
//
//   fmt::format("{}", cs)  ->  one change a line, in declaration order:
//     ~ replicas: 3 -> 5
//     + labels["tier"]: "web"
//     - containers["old"]
//     > containers["db"]: moved after "web"        (ordered keyed sequences)
//     + tags{"blue"}: 2 in all                      (unordered sequences: the new count)
//     ~ name: "a" -> "b"  # forces replacement      (under an immutable field)
//
//   fmt::format("{}", plan)  ->  Terraform's symbols and summary:
//     + create deployments["web"]
//     ~ update deployments["api"]  (replicas: 2 -> 3)
//     -/+ replace deployments["db"]  (name is immutable)
//     - delete volumes["tmp"]
//     Plan: 2 to add, 1 to change, 2 to destroy.
//   ("+/- replace" under create_before_destroy; "No changes." for an empty plan; a suffix
//   " (N destroys deferred by max_destroys)" when the budget deferred some.)
//   reconcile::print(plan) writes it to stdout, in colour when stdout is a terminal.
//   An action held back by expectations ends with `  # held: <reason>` (`  # expected:
//   <reason>` when the identical action is in flight), and the summary says how many. fmt::format("{}", action): one such line (without the hold).
//   fmt::format("{}", report): one line per action (`ok`, `FAILED`, `skipped`, `expected`,
//   `held`, `UNKNOWN`, with the error text or reason), then the counts.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/detail/print_change.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/path.hpp>
#include <reconcile/plan.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile::detail {

// One action's line; colour with ANSI escapes when asked. Not a template: shared by every World.
inline void print_action(std::string& out, const action& a, bool color) {
  static constexpr const char* colors[] = {"\033[32m", "\033[33m", "\033[31m", "\033[31m"};
  static constexpr const char* symbols[] = {"+ create ", "~ update ", "-/+ replace ", "- delete "};
  const auto v = static_cast<std::size_t>(a.verb());
  if (color) out += colors[v];
  out += (a.verb() == verb::replace && a.create_before_destroy()) ? "+/- replace " : symbols[v];
  if (color) out += "\033[0m";
  out += a.address();
  if (a.details().empty()) return;
  out += "  (";
  for (std::size_t i = 0; i < a.details().size(); ++i) {
    if (i) out += ", ";
    std::string_view d = a.details()[i];
    if (d.starts_with("~ ")) d.remove_prefix(2);
    out += d;
  }
  out += a.verb() == verb::replace ? (a.details().size() == 1 ? " is immutable)" : " are immutable)") : ")";
}
// A held action's line ends with why: `  # held: waiting for the create in flight ...`, or
// `  # expected: ...` when the identical action is in flight (as execute reports it).
inline void print_held(std::string& out, const action& a) {
  if (a.held()) out += (a.expected() ? "  # expected: " : "  # held: ") + a.held_reason();
}

inline void print_plan_summary(std::string& out, std::size_t add, std::size_t change, std::size_t destroy,
                               std::size_t deferred) {
  if (add + change + destroy == 0) out += "No changes.";
  else out += fmt::format("Plan: {} to add, {} to change, {} to destroy.", add, change, destroy);
  if (deferred) out += fmt::format(" ({} destroys deferred by max_destroys)", deferred);
}

template <class World>
std::string render_plan(const plan<World>& p, bool color) {
  std::string s;
  for (const action& a : p) {
    print_action(s, a, color);
    print_held(s, a);
    s += '\n';
  }
  print_plan_summary(s, p.to_add(), p.to_change(), p.to_destroy(), p.deferred());
  std::size_t expected = 0;
  for (const action& a : p)
    if (a.held() && a.expected()) ++expected;
  if (expected && expected < p.held())
    s += fmt::format(" ({} expected, {} held while earlier actions are in flight)", expected, p.held() - expected);
  else if (expected)
    s += fmt::format(" ({} expected while the same actions are in flight)", expected);
  else if (p.held())
    s += fmt::format(" ({} held while earlier actions are in flight)", p.held());
  return s;
}

}  // namespace reconcile::detail

namespace reconcile {
/// print(plan, file = stdout): the plan and its summary line, coloured when file is a terminal.
template <class World>
void print(const plan<World>& p, std::FILE* file = stdout) {
  fmt::print(file, "{}\n", detail::render_plan(p, ::isatty(::fileno(file)) != 0));
}
}  // namespace reconcile

// fmt/ranges.h sees changeset and plan as ranges (they have begin() and end()), and its range
// formatter would make theirs ambiguous. fmt's documented opt-out, is_range<T, Char> = false,
// declared here so that it holds whether fmt/ranges.h comes before or after this header.
FMT_BEGIN_NAMESPACE
template <typename T, typename Char>
struct is_range;
template <class T, class Char>
struct is_range<reconcile::changeset<T>, Char> : std::false_type {};
template <class World, class Char>
struct is_range<reconcile::plan<World>, Char> : std::false_type {};
FMT_END_NAMESPACE

template <class World>
struct fmt::formatter<reconcile::plan<World>> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::plan<World>& p, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(reconcile::detail::render_plan(p, false), ctx);
  }
};

template <>
struct fmt::formatter<reconcile::verb> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(reconcile::verb v, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(reconcile::to_string(v), ctx);
  }
};

template <>
struct fmt::formatter<reconcile::outcome_status> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(reconcile::outcome_status s, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(reconcile::to_string(s), ctx);
  }
};

/// fmt::format("{}", action): its line of the plan, e.g. `~ update deployments["api"]  (replicas: 2 -> 3)`.
template <>
struct fmt::formatter<reconcile::action> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::action& a, Ctx& ctx) const {
    std::string s;
    reconcile::detail::print_action(s, a, false);
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};

template <>
struct fmt::formatter<reconcile::report> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::report& r, Ctx& ctx) const {
    static constexpr const char* names[] = {"ok", "FAILED", "skipped", "expected", "held", "UNKNOWN"};
    std::string s;
    for (const reconcile::outcome& o : r.outcomes) {
      s += fmt::format("{:<9} {} {}", names[static_cast<int>(o.status)], reconcile::to_string(o.verb), o.address);
      if (!o.error.empty()) s += ": " + o.error;
      s += '\n';
    }
    s += fmt::format("{} succeeded, {} failed, {} skipped, {} expected",
                     r.count(reconcile::outcome_status::succeeded), r.count(reconcile::outcome_status::failed),
                     r.count(reconcile::outcome_status::skipped), r.count(reconcile::outcome_status::expected));
    if (const std::size_t held = r.count(reconcile::outcome_status::held)) s += fmt::format(", {} held", held);
    if (const std::size_t unknown = r.count(reconcile::outcome_status::unknown))
      s += fmt::format(", {} unknown (expected until observed)", unknown);
    return fmt::formatter<std::string_view>::format(s, ctx);
  }
};

template <>
struct fmt::formatter<reconcile::path> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::path& p, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(p.to_string(), ctx);
  }
};

template <>
struct fmt::formatter<reconcile::path_view> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const reconcile::path_view& p, Ctx& ctx) const {
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
