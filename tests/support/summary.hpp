// tests/support/summary.hpp - a changeset as lines "<op> <path>" ("~ replicas",
// "+ labels[\"tier\"]", "> steps[\"b\"]"), for tests that check which changes a diff makes
// and in which order, without their values:
//   CHECK(reconcile::test::summary(reconcile::diff(a, b)) == reconcile::test::lines{"~ replicas"});
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/path.hpp>

#include <string>
#include <vector>

namespace reconcile::test {

// sign(o): "+" add, "-" remove, "~" replace, ">" move.
inline const char* sign(op o) {
  switch (o) {
    case op::add: return "+";
    case op::remove: return "-";
    case op::replace: return "~";
    case op::move: return ">";
  }
  return "?";
}

using lines = std::vector<std::string>;

// summary(cs): each change's sign and path, in order.
template <class T>
lines summary(const changeset<T>& cs) {
  lines out;
  for (const change& c : cs) out.push_back(std::string(sign(c.op())) + " " + c.path().to_string());
  return out;
}

}  // namespace reconcile::test
