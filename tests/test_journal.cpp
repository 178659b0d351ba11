// Tests of journal.hpp and file_journal.hpp: records round-trip through the file, a torn or
// corrupt last record is detected and cut off, compaction is atomic, and expectations over a
// journal survive a restart: the intent of an action whose process died in flight comes back
// (no second order) and ages by the expectations' clock; a settled or expired attempt's
// successor gets a new request id.
#include <doctest/doctest.h>

#include <reconcile/file_journal.hpp>
#include <reconcile/journal.hpp>
#include <reconcile/reconcile.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/orders.hpp"

using namespace std::chrono_literals;
using reconcile::journal_record;
using reconcile::outcome_status;

namespace {

using orders::Book;
using orders::Order;

// A venue where the process "dies" during the call (die): the order lands, the call never
// returns (stood for by a throw; the test then cuts the journal back to the intent).
struct venue : orders::venue {
  using orders::venue::create;
  bool die = false;
  void create(const std::string& k, const Order& o, const reconcile::action& a) {
    orders::venue::create(k, o, a);
    if (die) throw std::runtime_error("killed");
  }
};

// A fresh file path in the temporary directory, removed at the end.
struct temp_path {
  std::filesystem::path path;
  temp_path() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("reconcile_journal_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
    std::filesystem::remove(path);
  }
  ~temp_path() {
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + ".tmp");
  }
};

journal_record random_record(std::mt19937_64& rng) {
  journal_record r;
  r.what = rng() % 2 ? journal_record::what_t::issued : journal_record::what_t::settled;
  r.verb = static_cast<reconcile::verb>(rng() % 4);
  r.attempt = static_cast<std::uint32_t>(rng() % 1000);
  r.kind_index = static_cast<std::size_t>(rng() % 5);
  r.idempotency_key = rng();
  r.target_hash = rng();
  r.wall_ms = static_cast<std::int64_t>(rng() % 2000000000000);
  r.address = "orders[\"" + std::to_string(rng() % 100000) + "\"]";
  if (rng() % 2) r.slice = "\"AAPL\"";
  return r;
}

}  // namespace

TEST_CASE("file_journal") {
  temp_path tmp;
  std::mt19937_64 rng(7);
  SUBCASE("records round-trip, in order (200 random records)") {
    std::vector<journal_record> written;
    {
      reconcile::file_journal j(tmp.path);
      for (int i = 0; i < 200; ++i) {
        written.push_back(random_record(rng));
        j.append(written.back(), i % 2 ? reconcile::durability::synced : reconcile::durability::buffered);
      }
    }
    reconcile::file_journal j(tmp.path);
    CHECK(j.load() == written);
    CHECK(j.torn() == 0);
  }
  SUBCASE("a torn last record is ignored and cut off; appends go on after the last good one") {
    const journal_record a = random_record(rng), b = random_record(rng), c = random_record(rng);
    {
      reconcile::file_journal j(tmp.path);
      j.append(a, reconcile::durability::synced);
      j.append(b, reconcile::durability::synced);
    }
    const auto full = std::filesystem::file_size(tmp.path);
    for (std::uintmax_t cut = 1; cut < 30; cut += 7) {  // every way of tearing b
      std::filesystem::resize_file(tmp.path, full - cut);
      reconcile::file_journal j(tmp.path);
      CHECK(j.load() == std::vector<journal_record>{a});
      CHECK(j.torn() == 1);
      j.append(b, reconcile::durability::synced);
      CHECK(j.load() == std::vector<journal_record>{a, b});
    }
    {
      // A flipped byte in the last record fails its checksum.
      std::fstream f(tmp.path, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(full - 3));
      f.put('#');
    }
    reconcile::file_journal j(tmp.path);
    CHECK(j.load() == std::vector<journal_record>{a});
    j.append(c, reconcile::durability::buffered);
    CHECK(j.load() == std::vector<journal_record>{a, c});
  }
  SUBCASE("compact replaces the contents") {
    reconcile::file_journal j(tmp.path);
    for (int i = 0; i < 10; ++i) j.append(random_record(rng), reconcile::durability::buffered);
    const std::vector<journal_record> live{random_record(rng), random_record(rng)};
    j.compact(live);
    CHECK(j.load() == live);
    const journal_record more = random_record(rng);
    j.append(more, reconcile::durability::synced);
    CHECK(reconcile::file_journal(tmp.path).load() == std::vector<journal_record>{live[0], live[1], more});
    CHECK_FALSE(std::filesystem::exists(tmp.path.string() + ".tmp"));
  }
  SUBCASE("an unopenable path throws std::system_error naming it") {
    CHECK_THROWS_AS(reconcile::file_journal("/nonexistent-dir/x"), std::system_error);
  }
}

TEST_CASE("expectations over a journal") {
  temp_path tmp;
  reconcile::manual_clock clock;
  venue v;
  const Book want{{"bid", {10}}};
  const std::string bid = "resources[\"bid\"]";
  // One process's life: expectations over the file, one pass per call.
  struct process {
    reconcile::file_journal j;
    reconcile::expectations expect;
    process(const std::filesystem::path& p, reconcile::manual_clock& c) : j(p), expect(j, 30s, &c) {}
    reconcile::report pass(const Book& seen, const Book& desired, venue& act) {
      return orders::pass(expect, seen, desired, act);
    }
  };
  SUBCASE("a process dies in flight: its successor neither repeats the order nor forgets it") {
    {
      process first(tmp.path, clock);
      v.die = true;
      CHECK(first.pass({}, want, v).outcomes[0].status == outcome_status::failed);  // the stand-in crash...
    }
    // ...but a real crash never records the failure: replay the journal up to the intent.
    {
      reconcile::file_journal j(tmp.path);
      auto records = j.load();
      REQUIRE(records.size() >= 2);
      CHECK(records[0].what == journal_record::what_t::issued);  // written before the call
      records.resize(1);
      j.compact(records);
    }
    v.die = false;
    process second(tmp.path, clock);
    CHECK(second.expect.in_flight_at(bid));
    CHECK(second.expect.unknown() == 1);
    const Book seen_before_ack;  // the venue has not shown the order yet
    const auto r = second.pass(seen_before_ack, want, v);
    CHECK(r.outcomes[0].status == outcome_status::expected);
    CHECK(r.outcomes[0].error.starts_with("waiting for the create issued before a restart to be observed"));
    CHECK(v.ids.size() == 1);  // no second order
    // The venue shows it: the restored intent is met by content hash.
    CHECK(second.pass(v.book, want, v).outcomes.empty());
    CHECK(second.expect.pending() == 0);
  }
  SUBCASE("a restored attempt expiring unseen is settled; each later attempt gets a new id") {
    {
      process first(tmp.path, clock);
      first.pass({}, want, v);
    }
    v.book.clear();  // the order never arrived
    {
      process second(tmp.path, clock);
      CHECK(second.pass(v.book, want, v).outcomes[0].status == outcome_status::expected);  // restored
      clock.advance(30s);  // its intent expires unseen
      CHECK(second.pass(v.book, want, v).outcomes[0].status == outcome_status::succeeded);
      REQUIRE(v.ids.size() == 2);
      CHECK(v.ids[1] != v.ids[0]);  // a new attempt: a venue that remembers ids acts on it
      CHECK(second.pass(v.book, want, v).outcomes.empty());  // observed: settled
    }
    v.book.clear();  // cancelled out of band
    process third(tmp.path, clock);
    CHECK(third.expect.attempt_at(bid) == 1);
    CHECK(third.pass(v.book, want, v).outcomes[0].status == outcome_status::succeeded);
    REQUIRE(v.ids.size() == 3);
    CHECK(v.ids[2] != v.ids[1]);  // a new attempt after the second settled, across restarts
    CHECK(third.expect.attempt_at(bid) == 2);
  }
  SUBCASE("reloaded intents age by the expectations' clock, not the system clock") {
    // The simulator's bug: stamped and aged by the system clock, an intent reloaded after
    // 20 s of simulated time (an instant of real time) came back with its whole TTL.
    {
      process first(tmp.path, clock);
      first.pass({}, want, v);
    }
    v.book.clear();
    clock.advance(20s);
    {
      process second(tmp.path, clock);
      CHECK(second.expect.in_flight_at(bid));  // 10 s of its 30 s TTL left
      clock.advance(10s);
      CHECK_FALSE(second.expect.in_flight_at(bid));
    }
    clock.advance(40s);
    process third(tmp.path, clock);
    CHECK_FALSE(third.expect.in_flight_at(bid));  // long expired: settled on reload
    CHECK(third.pass(v.book, want, v).outcomes[0].status == outcome_status::succeeded);
    REQUIRE(v.ids.size() == 2);
    CHECK(v.ids[1] != v.ids[0]);
  }
  SUBCASE("the journal is compacted at start and as it grows") {
    process p(tmp.path, clock);
    Book seen;
    for (int i = 0; i < 600; ++i) {  // 600 creates and their settlements: 1200 records
      Book w{{"o" + std::to_string(i % 3), {i}}};
      p.pass(seen, w, v);
      seen = v.book;
      p.pass(seen, w, v);
    }
    CHECK(std::filesystem::file_size(tmp.path) < 1024 * 60);
    process again(tmp.path, clock);
    CHECK(again.j.load().size() <= 4);  // the latest record of each address
  }
}
