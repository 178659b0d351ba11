// tests/support/print_every_type.hpp - prints every public type that has a formatter, for the
// TUs that include fmt/ranges.h and fmt/std.h before or after reconcile's headers
// (test_format_ranges_first.cpp, test_format_ranges_last.cpp).
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/execute.hpp>
#include <reconcile/format.hpp>
#include <reconcile/plan.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <string>

namespace print_every_type {

struct Volume {
  int size_gb = 1;
};
struct World {
  std::map<std::string, Volume> volumes;
};
struct Cloud {
  void create(const std::string&, const Volume&) {}
  void update(const std::string&, const Volume&, const Volume&, const reconcile::changeset<Volume>&) {}
  bool remove(const std::string&, const Volume&) { return false; }
};

// A template so that it is instantiated where it is called: after the TU's last include.
template <class W = World>
void check_every_type() {
  W observed, desired;
  observed.volumes = {{"old", Volume{1}}, {"keep", Volume{1}}};
  desired.volumes = {{"keep", Volume{2}}, {"new", Volume{3}}};

  const auto cs = reconcile::diff(observed, desired);
  REQUIRE(cs.size() == 3);
  CHECK(fmt::format("{}", cs) == "~ volumes[\"keep\"].size_gb: 1 -> 2\n+ volumes[\"new\"]: {size_gb: 3}\n- volumes[\"old\"]");
  const reconcile::change& first = *cs.begin();
  CHECK(fmt::format("{}", first) == "~ volumes[\"keep\"].size_gb: 1 -> 2");
  CHECK(fmt::format("{}", first.path()) == "volumes[\"keep\"].size_gb");
  CHECK(fmt::format("{}", first.op()) == "replace");

  const auto p = reconcile::plan_for(observed, desired);
  CHECK(fmt::format("{}", p) ==
        "~ update volumes[\"keep\"]  (size_gb: 1 -> 2)\n+ create volumes[\"new\"]\n- delete volumes[\"old\"]\n"
        "Plan: 1 to add, 1 to change, 1 to destroy.");
  const reconcile::action& a = *p.begin();
  CHECK(fmt::format("{}", a) == "~ update volumes[\"keep\"]  (size_gb: 1 -> 2)");
  CHECK(fmt::format("{}", a.verb()) == "update");
  // The plan's word for verb::remove is the one to_string and fmt give.
  CHECK(fmt::format("{}", reconcile::verb::remove) == "delete");

  Cloud cloud;
  const reconcile::report r = reconcile::execute(p, cloud);
  CHECK(fmt::format("{}", r) ==
        "ok        update volumes[\"keep\"]\nok        create volumes[\"new\"]\n"
        "FAILED    delete volumes[\"old\"]: the actuator returned false\n"
        "2 succeeded, 1 failed, 0 skipped, 0 expected");
  CHECK(fmt::format("{}", r.outcomes.front().status) == "succeeded");
}

}  // namespace print_every_type
