// Checks of the control layer's options: a bad value throws reconcile::error naming its field.
#pragma once

#include <reconcile/error.hpp>
#include <reconcile/path.hpp>

#include <string>
#include <string_view>

namespace reconcile::control::detail {

// Throws reconcile::error at path `owner.field` (e.g. pid_options.output_min) saying why.
[[noreturn]] inline void bad_option(std::string_view owner, std::string_view field, std::string_view why) {
  reconcile::path p;
  p.push_back(reconcile::segment::named_field(std::string(owner)));
  p.push_back(reconcile::segment::named_field(std::string(field)));
  reconcile::detail::raise(reconcile::error(
      std::move(p), "reconcile::control: " + std::string(owner) + "." + std::string(field) + " " + std::string(why)));
}

// x != x only for NaN; written so that it stays a constant expression.
constexpr bool is_nan(double x) noexcept { return x != x; }

}  // namespace reconcile::control::detail
