// Tests of etcd/journal.hpp against a real etcd (tests/etcd/etcd_server.hpp): the latest
// record of each address round-trips, bound to the controller's lease (revoked: gone), a
// corrupt value is ignored, and expectations over it survive a restart of the controller.
#include <doctest/doctest.h>

#include <reconcile/etcd.hpp>
#include <reconcile/reconcile.hpp>

#include "etcd/etcd_server.hpp"
#include "support/orders.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace etcd = reconcile::etcd;
using namespace std::chrono_literals;
using reconcile::journal_record;

namespace {

using orders::Book;

journal_record record(const std::string& address, journal_record::what_t w, std::uint32_t attempt) {
  journal_record r;
  r.what = w;
  r.address = address;
  r.attempt = attempt;
  r.idempotency_key = 42 + attempt;
  r.target_hash = 7;
  r.wall_ms = 1000 + attempt;
  r.slice = "\"desk-1\"";
  return r;
}

}  // namespace

TEST_CASE("etcd::journal") {
  etcd_test::server server;
  etcd::client c(etcd::config{{server.url()}});
  const std::string prefix = "/oms/intents/";
  SUBCASE("the latest record of each address round-trips, in write order") {
    etcd::journal j(c, prefix);
    const auto a0 = record("orders[\"a\"]", journal_record::what_t::issued, 0);
    const auto b0 = record("orders[\"b\"]", journal_record::what_t::issued, 0);
    const auto a1 = record("orders[\"a\"]", journal_record::what_t::settled, 0);
    j.append(a0, reconcile::durability::synced);
    j.append(b0, reconcile::durability::synced);
    j.append(a1, reconcile::durability::buffered);
    CHECK(j.load() == std::vector<journal_record>{b0, a1});
  }
  SUBCASE("leased: the records go with the controller's lease") {
    const etcd::lease l = c.grant(10s);
    etcd::journal j(c, prefix, [&] { return l.id; });
    j.append(record("orders[\"a\"]", journal_record::what_t::issued, 0), reconcile::durability::synced);
    CHECK(c.get(prefix + "orders[\"a\"]")->lease == l.id);
    c.revoke(l.id);
    CHECK(j.load().empty());
  }
  SUBCASE("a corrupt value is ignored") {
    etcd::journal j(c, prefix);
    j.append(record("orders[\"a\"]", journal_record::what_t::issued, 3), reconcile::durability::synced);
    c.put(prefix + "orders[\"b\"]", "not a record");
    CHECK(j.load().size() == 1);
    CHECK(j.corrupt() == 1);
  }
  SUBCASE("expectations over it survive a restart of the controller") {
    reconcile::manual_clock clock;
    orders::venue v;
    const Book want{{"bid", {10}}};
    auto pass = [&](reconcile::expectations& e, const Book& seen) { return orders::pass(e, seen, want, v); };
    {
      etcd::journal j(c, prefix);
      reconcile::expectations first(j, 30s, &clock);
      CHECK(pass(first, {}).count(reconcile::outcome_status::succeeded) == 1);
    }  // the controller dies before the venue's feed shows the order
    etcd::journal j(c, prefix);
    reconcile::expectations second(j, 30s, &clock);
    CHECK(second.in_flight_at("resources[\"bid\"]"));
    CHECK(pass(second, {}).outcomes[0].status == reconcile::outcome_status::expected);
    CHECK(v.ids.size() == 1);
    CHECK(pass(second, v.book).outcomes.empty());  // shown: met by content hash
    CHECK(second.pending() == 0);
  }
}
