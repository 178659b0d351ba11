// reconcile/metrics.hpp's formatter with fmt/std.h and then fmt/ranges.h included after the
// library (test_metrics.cpp includes them before it, in the other order): no ambiguity.
#include <doctest/doctest.h>

#include <reconcile/metrics.hpp>
#include <reconcile/run_context.hpp>

#include <fmt/std.h>
#include <fmt/ranges.h>

#include <map>
#include <string>

TEST_CASE("formatter<metrics>") {
  SUBCASE("a default snapshot prints its three lines") {
    reconcile::metrics m;
    m.adds = m.edge_adds = 3;
    CHECK(fmt::format("{}", m) ==
          "reconciles 0: success 0, error 0, requeue_after 0, requeue 0, terminal 0; panics 0, timeouts 0\n"
          "queue: depth 0, delayed 0, adds 3 (edge 3, resync 0), deduplicated 0, resync passes 0, retries 0\n"
          "workers 0/0; reconcile 0 in 0 s; queue wait 0 in 0 s; converge 0 in 0 s");
  }
  SUBCASE("as a map value and a reconcile id with integer specs") {
    std::map<std::string, reconcile::reconcile_id> ids{{"a", {7}}};
    CHECK(fmt::format("{}", ids) == "{\"a\": 7}");
    CHECK(fmt::format("{:>4}", reconcile::reconcile_id{7}) == "   7");
  }
}
