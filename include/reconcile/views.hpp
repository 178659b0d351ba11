// reconcile/views.hpp - composable range-v3 views over changesets and plans (optional layer:
// the only header that needs range-v3; link reconcile::views).
//
//   for (const reconcile::change& c : cs | views::by_op(op::add) | views::under("labels")) ...
//   auto doomed = p | views::by_verb(verb::remove) | views::by_kind("volumes");
//
// Each view is lazy: it filters while iterated, copies nothing and allocates nothing once
// warm, and composes with every range-v3 view (`| ranges::views::transform(...)`,
// `ranges::to<std::vector>()`). The results are input ranges for std::ranges algorithms too
// (std::ranges::count_if, distance, for_each). std::views adaptors over them work on g++ 12;
// clang 14 cannot compile std::views adaptors with libstdc++ 12 at all, which is why these are
// range-v3 views.
#pragma once

#include <reconcile/action.hpp>
#include <reconcile/change.hpp>
#include <reconcile/path.hpp>

#include <range/v3/view/filter.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace reconcile::detail {

// The filters' predicates: small copyable function objects.
struct op_is {
  op wanted;
  bool operator()(const change& c) const noexcept { return c.op() == wanted; }
};
struct verb_is {
  verb wanted;
  bool operator()(const action& a) const noexcept { return a.verb() == wanted; }
};
struct kind_is {
  std::string wanted;
  bool operator()(const action& a) const noexcept { return a.kind() == wanted; }
};
// A path lies under a prefix when its text is the prefix or continues it with a step
// (`.`, `[` or `{`): `containers["web"]` holds `containers["web"].image`, not `containers["webx"]`.
struct path_under {
  std::string prefix;
  bool operator()(const change& c) const {
    thread_local std::string text;  // reused: no allocation once warm
    text.clear();
    c.path().print(text);
    if (!std::string_view(text).starts_with(prefix)) return false;
    if (text.size() == prefix.size() || prefix.empty()) return true;
    const char next = text[prefix.size()];
    return next == '.' || next == '[' || next == '{';
  }
};

}  // namespace reconcile::detail

namespace reconcile::views {

/// by_op(o): the changes of a changeset (or view of one) whose op() is o. Lazy; no allocation.
inline auto by_op(op o) { return ranges::views::filter(detail::op_is{o}); }

/// under(prefix): the changes at path `prefix` (path syntax, e.g. `containers["web"]`) or below
/// it. Prints each path it tests into a reused per-thread buffer: no allocation once warm.
inline auto under(std::string prefix) { return ranges::views::filter(detail::path_under{std::move(prefix)}); }

/// by_verb(v): the actions of a plan (or view of one) whose verb() is v. Lazy; no allocation.
inline auto by_verb(verb v) { return ranges::views::filter(detail::verb_is{v}); }

/// by_kind(kind): the actions on the World field named kind, e.g. "deployments". Lazy; copies
/// kind once into the view.
inline auto by_kind(std::string kind) { return ranges::views::filter(detail::kind_is{std::move(kind)}); }

}  // namespace reconcile::views
