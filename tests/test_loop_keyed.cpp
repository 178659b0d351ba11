// Tests of keyed_loop.hpp: one pass per key over that key's slice, per-key backoff, the
// expectations shared across keys (a key's pass never settles another's), and the
// world-level budgets: destroys in flight across keys.
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/orders.hpp"

using namespace std::chrono_literals;

namespace {

using orders::Book;  // one instrument's orders, by slot
using orders::Order;

// A venue: books per instrument; effects land when land() is called (the ack), calls on a
// failing instrument throw.
struct venue {
  std::map<std::string, Book> books, shown;  // truth, and what the feed shows (lags)
  std::set<std::string> failing;
  std::vector<std::string> calls;
  std::string current;  // the instrument of the call (set by the observer below)
  std::size_t removes_unacked = 0, max_removes_unacked = 0;
  void land() {
    shown = books;
    removes_unacked = 0;
  }
  void check(const std::string& what) {
    calls.push_back(what);
    if (failing.contains(current)) throw std::runtime_error("venue down for " + current);
  }
  void create(const std::string& slot, const Order& o) {
    check("create " + current + "/" + slot);
    books[current][slot] = o;
  }
  void update(const std::string& slot, const Order&, const Order& o, const reconcile::changeset<Order>&) {
    check("update " + current + "/" + slot);
    books[current][slot] = o;
  }
  void remove(const std::string& slot, const Order&) {
    check("remove " + current + "/" + slot);
    books[current].erase(slot);
    max_removes_unacked = std::max(max_removes_unacked, ++removes_unacked);
  }
};

struct fixture {
  reconcile::manual_clock clock;
  venue v;
  std::map<std::string, Book> want;
  reconcile::keyed_loop_options opts;
  fixture() {
    opts.controller.clock = &clock;
    opts.controller.backoff_base = 100ms;
    opts.controller.backoff_max = 100ms;
    opts.expectation_ttl = 10s;
  }
  reconcile::keyed_loop<std::string, Book, venue> make() {
    return {opts,
            [this](const std::string& k) {
              v.current = k;
              return v.shown[k];
            },
            [this](const std::string& k) { return want[k]; }, v};
  }
};

}  // namespace

TEST_CASE_FIXTURE(fixture, "keyed_loop") {
  want["AAPL"] = {{"bid-0", {10}}, {"ask-0", {10}}};
  want["MSFT"] = {{"bid-0", {20}}};
  auto lp = make();
  SUBCASE("each key is planned and executed on its own slice") {
    lp.notify("AAPL");
    lp.notify("MSFT");
    CHECK(lp.step() == 2);
    CHECK(v.calls.size() == 3);
    CHECK(lp.in_flight() == 3);
    CHECK(lp.in_flight_at("AAPL", "resources[\"bid-0\"]"));
    CHECK(lp.expected().in_flight_at("resources[\"bid-0\"]", "\"MSFT\""));  // the slice: the printed key
    CHECK_FALSE(lp.in_flight_at("NVDA", "resources[\"bid-0\"]"));
    // Unacknowledged: another pass issues nothing twice.
    lp.notify("AAPL");
    lp.notify("MSFT");
    lp.step();
    CHECK(v.calls.size() == 3);
    v.land();
    lp.notify("AAPL");
    lp.notify("MSFT");
    lp.step();
    CHECK(lp.in_flight() == 0);
    CHECK(v.books == want);
  }
  SUBCASE("a failing key backs off alone") {
    v.failing = {"MSFT"};
    lp.notify("AAPL");
    lp.notify("MSFT");
    lp.step();
    CHECK(lp.failures("MSFT") == 1);
    CHECK(lp.failures("AAPL") == 0);
    v.failing.clear();
    clock.advance(100ms);  // the backoff
    lp.step();
    CHECK(v.books["MSFT"] == want["MSFT"]);
  }
  SUBCASE("one key's pass never settles another key's in-flight remove") {
    v.books["MSFT"] = {{"old", {1}}};
    v.land();
    lp.notify("MSFT");
    lp.step();  // remove MSFT/old, and create MSFT/bid-0
    lp.notify("AAPL");
    lp.step();  // AAPL's slice shows nothing of MSFT
    lp.notify("MSFT");
    lp.step();
    CHECK(std::count(v.calls.begin(), v.calls.end(), "remove MSFT/old") == 1);
  }
}

TEST_CASE_FIXTURE(fixture, "keyed_loop_options::max_destroys") {
  for (const char* k : {"A", "B", "C"}) v.books[k] = {{"x", {1}}, {"y", {1}}};
  v.land();
  opts.max_destroys = 2;
  opts.poll_in_flight = 50ms;
  auto lp = make();
  for (const char* k : {"A", "B", "C"}) lp.notify(k);
  lp.step();
  CHECK(v.max_removes_unacked == 2);  // across keys, never more than 2 removes in flight
  CHECK(lp.in_flight() == 2);
  for (int i = 0; i < 20 && !v.books["C"].empty(); ++i) {
    v.land();  // acks arrive; the next passes spend the freed budget
    clock.advance(50ms);
    lp.step();
    CHECK(v.max_removes_unacked <= 2);
  }
  CHECK(v.books["A"].empty());
  CHECK(v.books["B"].empty());
  CHECK(v.books["C"].empty());
  CHECK(v.calls.size() == 6);  // each remove once
}
