// Tests of effect.hpp: an actuator call says done, failed or unknown (each way execute reads),
// and what an unknown outcome does: reported `unknown`, the address stays expected until an
// observation settles it or the TTL expires; a retry within the attempt carries the same request id.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>
#include <reconcile/effect.hpp>
#include <reconcile/format.hpp>

#include <chrono>
#include <map>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <system_error>
#include <vector>

#include "support/orders.hpp"

using namespace std::chrono_literals;
using reconcile::effect;
using reconcile::outcome_status;

namespace {

using orders::Book;
using orders::Order;

// A venue that accepts every order (it lands in `book`), then answers as told.
struct venue {
  enum class answer { ok, timeout_after_accept, reject };
  Book book;
  answer next = answer::ok;
  std::vector<std::string> ids;  // request ids, in order
  effect create(const std::string& k, const Order& o, const reconcile::action& a) {
    ids.push_back(a.request_id());
    if (next == answer::reject) return effect::failed;
    book[k] = o;
    return next == answer::ok ? effect::done : effect::unknown;
  }
  effect update(const std::string& k, const Order&, const Order& o, const reconcile::changeset<Order>&) {
    book[k] = o;
    return effect::done;
  }
  effect remove(const std::string& k, const Order&) {
    book.erase(k);
    return effect::done;
  }
};

// One call each way: the form of result (or exception) decides the outcome.
struct each_way {
  int mode = 0;
  std::stop_source* stop_during_call = nullptr;
  void create(const std::string&, const Order&, std::stop_token st) {
    if (stop_during_call) stop_during_call->request_stop();
    switch (mode) {
      case 0: return;
      case 1: throw reconcile::outcome_unknown("timed out after sending");
      case 2: throw std::runtime_error("rejected: price band");
      case 3:
        if (st.stop_requested()) throw std::runtime_error("cancelled while waiting for the ack");
        return;
    }
  }
  std::error_code update(const std::string&, const Order&, const Order&, const reconcile::changeset<Order>&) {
    return mode == 4 ? std::make_error_code(std::errc::timed_out) : std::error_code{};
  }
  bool remove(const std::string&, const Order&) { return mode != 5; }
};

}  // namespace

TEST_CASE("effect") {
  CHECK(reconcile::to_string(effect::done) == "done");
  CHECK(reconcile::to_string(effect::failed) == "failed");
  CHECK(reconcile::to_string(effect::unknown) == "unknown");
  CHECK(reconcile::to_string(outcome_status::unknown) == "unknown");
  const Book want{{"bid", {10}}};
  each_way act;
  auto run = [&](const Book& seen, const Book& desired, const reconcile::execute_options& o = {}) {
    return reconcile::execute(reconcile::plan_for(seen, desired), act, o);
  };
  SUBCASE("a thrown outcome_unknown is unknown, with its message") {
    act.mode = 1;
    const auto r = run({}, want);
    CHECK(r.outcomes[0].status == outcome_status::unknown);
    CHECK(r.outcomes[0].error == "timed out after sending");
    CHECK(r.ok());  // not a failure: the expectations wait for it
  }
  SUBCASE("any other exception is a failure") {
    act.mode = 2;
    CHECK(run({}, want).outcomes[0].status == outcome_status::failed);
  }
  SUBCASE("a failure after the call's stop_token was stopped is unknown") {
    std::stop_source stop;
    act.mode = 3;
    act.stop_during_call = &stop;  // the timeout fires while the call runs
    reconcile::execute_options o;
    o.stop = stop.get_token();
    const auto r = run({}, want, o);
    CHECK(r.outcomes[0].status == outcome_status::unknown);
    CHECK(r.outcomes[0].error == "stopped in flight (timeout or stop): cancelled while waiting for the ack");
  }
  SUBCASE("a success after the stop is a success; an action not started is skipped") {
    std::stop_source stop;
    act.stop_during_call = &stop;
    reconcile::execute_options o;
    o.stop = stop.get_token();
    const auto r = run({}, {{"a", {1}}, {"b", {2}}}, o);
    CHECK(r.outcomes[0].status == outcome_status::succeeded);
    CHECK(r.outcomes[1].status == outcome_status::skipped);
    CHECK(r.outcomes[1].error == "execute was stopped before it was issued");
  }
  SUBCASE("error_code and bool keep their meaning") {
    act.mode = 4;
    CHECK(run({{"bid", {5}}}, want).outcomes[0].status == outcome_status::failed);
    act.mode = 5;
    CHECK(run({{"bid", {5}}}, {}).outcomes[0].status == outcome_status::failed);
    act.mode = 0;
    CHECK(run({{"bid", {5}}}, {}).outcomes[0].status == outcome_status::succeeded);
  }
  SUBCASE("the report renders it") {
    act.mode = 1;
    CHECK(fmt::format("{}", run({}, want)) ==
          "UNKNOWN   create resources[\"bid\"]: timed out after sending\n"
          "0 succeeded, 0 failed, 0 skipped, 0 expected, 1 unknown (expected until observed)");
  }
}

TEST_CASE("outcome_status::unknown") {
  orders::expecting e(10s);
  reconcile::expectations& expect = e.expect;
  reconcile::manual_clock& clock = e.clock;
  const reconcile::plan_options& po = e.po;
  const reconcile::execute_options& eo = e.eo;
  venue v;
  Book seen;  // the observer: lags until told
  const Book want{{"bid", {10}}};
  auto pass = [&] { return e.pass(seen, want, v); };

  SUBCASE("the address stays expected: no second order while the first may be live") {
    v.next = venue::answer::timeout_after_accept;
    const auto r1 = pass();
    CHECK(r1.outcomes[0].status == outcome_status::unknown);
    CHECK(expect.in_flight_at("resources[\"bid\"]"));
    CHECK(expect.unknown() == 1);
    clock.advance(2s);
    const auto p2 = reconcile::plan_for(seen, want, po);
    CHECK(p2[0].expected());
    CHECK(p2[0].held_reason() ==
          "waiting for the create of unknown outcome to be observed (issued 2000 ms ago, expires in 8000 ms)");
    CHECK(reconcile::execute(p2, v, eo).outcomes[0].status == outcome_status::expected);
    CHECK(v.ids.size() == 1);
    // The observation shows the order: settled, nothing more to do.
    seen = v.book;
    CHECK(reconcile::plan_for(seen, want, po).empty());
    CHECK(expect.pending() == 0);
  }
  SUBCASE("after the TTL the attempt is settled: the retry carries a new request id") {
    // The TTL is how long an effect may take to show; after it the observation is the truth
    // (a venue that remembers ids would otherwise treat the retry as a replay: sim seeds 1, 2).
    v.next = venue::answer::timeout_after_accept;
    pass();
    v.book.clear();  // it never landed after all
    clock.advance(10s);
    v.next = venue::answer::ok;
    CHECK(pass().outcomes[0].status == outcome_status::succeeded);
    REQUIRE(v.ids.size() == 2);
    CHECK(v.ids[0] != v.ids[1]);
  }
  SUBCASE("a definite failure settles the attempt: the next one has a new id") {
    v.next = venue::answer::reject;
    CHECK(pass().outcomes[0].status == outcome_status::failed);
    CHECK_FALSE(expect.in_flight_at("resources[\"bid\"]"));
    v.next = venue::answer::ok;
    CHECK(pass().outcomes[0].status == outcome_status::succeeded);
    REQUIRE(v.ids.size() == 2);
    CHECK(v.ids[0] != v.ids[1]);
  }
}
