// The plan's text (Terraform's symbols and summary) and the fmt formatters of verb and action.
// Part of plan.hpp (which holds plan's formatter); the public entry points are
// fmt::format("{}", plan / action / verb) and reconcile::print(plan).
#pragma once

#include <reconcile/action.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile::detail {

// Whether a plan's lines are coloured with ANSI escapes (on a terminal) or plain.
enum class ansi : bool { off, on };

// One action's line. Not a template: shared by every World.
inline void print_action(std::string& out, const action& a, ansi color) {
  static constexpr const char* colors[] = {"\033[32m", "\033[33m", "\033[31m", "\033[31m"};
  static constexpr const char* symbols[] = {"+ create ", "~ update ", "-/+ replace ", "- delete "};
  const auto v = static_cast<std::size_t>(a.verb());
  if (color == ansi::on) out += colors[v];
  out += (a.verb() == verb::replace && a.create_before_destroy()) ? "+/- replace " : symbols[v];
  if (color == ansi::on) out += "\033[0m";
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

// Plan: reconcile::plan<World> (plan.hpp), taken by its members so this file needs no
// declaration of it.
template <class Plan>
std::string render_plan(const Plan& p, ansi color) {
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

template <>
struct fmt::formatter<reconcile::verb> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(reconcile::verb v, Ctx& ctx) const {
    return write(reconcile::to_string(v), ctx);
  }
};

/// fmt::format("{}", action): its line of the plan, e.g. `~ update deployments["api"]  (replicas: 2 -> 3)`.
template <>
struct fmt::formatter<reconcile::action> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::action& a, Ctx& ctx) const {
    std::string s;
    reconcile::detail::print_action(s, a, reconcile::detail::ansi::off);
    return write(s, ctx);
  }
};
