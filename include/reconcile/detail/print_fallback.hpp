// fmt's view of changeset<T> and plan<World> before <reconcile/format.hpp> is included: a
// formatter whose use is one error saying which header to include (not fmt's "cannot format
// an argument" and its backtrace), and no range formatter (fmt/ranges.h would see them as
// ranges and make the formatter ambiguous). format.hpp gives printer<...> its real bodies.
// Not public.
#pragma once

#include <fmt/core.h>

#include <type_traits>

namespace reconcile {
template <class T>
class changeset;
template <class World>
class plan;
}  // namespace reconcile

namespace reconcile::detail {

template <class Printable>
inline constexpr bool format_hpp_included = false;

// What fmt::formatter<Printable> is until format.hpp specialises printer<Printable>.
template <class Printable>
struct missing_printer {
  constexpr const char* parse(fmt::basic_format_parse_context<char>& ctx) {
    static_assert(format_hpp_included<Printable>,
                  "reconcile::fmt: include <reconcile/format.hpp> to print changesets and plans (reconcile.hpp "
                  "includes it; diff.hpp and plan.hpp do not)");
    return ctx.begin();
  }
  template <class Ctx>
  auto format(const Printable&, Ctx& ctx) const {
    return ctx.out();
  }
};
template <class Printable, class = void>
struct printer : missing_printer<Printable> {};

}  // namespace reconcile::detail

FMT_BEGIN_NAMESPACE
template <typename T, typename Char>
struct is_range;
template <class T, class Char>
struct is_range<reconcile::changeset<T>, Char> : std::false_type {};
template <class World, class Char>
struct is_range<reconcile::plan<World>, Char> : std::false_type {};
FMT_END_NAMESPACE

template <class T>
struct fmt::formatter<reconcile::changeset<T>> : reconcile::detail::printer<reconcile::changeset<T>> {};
template <class World>
struct fmt::formatter<reconcile::plan<World>> : reconcile::detail::printer<reconcile::plan<World>> {};
