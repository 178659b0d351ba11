// reconcile/error.hpp - the exception of bad input: it names the path where the input is wrong.
#pragma once

#include <reconcile/detail/raise.hpp>
#include <reconcile/path.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace reconcile {

/// error: thrown for bad input (a duplicate key in a keyed sequence, a change whose path does
/// not fit the object). what() reads well on its own; path() is where the problem lies.
class error : public std::runtime_error {
 public:
  error(reconcile::path p, const std::string& what) : std::runtime_error(what), path_(std::move(p)) {}
  const reconcile::path& path() const noexcept { return path_; }

 private:
  reconcile::path path_;
};

}  // namespace reconcile
