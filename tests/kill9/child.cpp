// kill9_child: one life of the order manager of the kill -9 loop (tests/kill9/venue.hpp):
// a keyed_loop over four instruments whose expectations are kept in a file_journal, run
// until every book equals the quotes with nothing in flight (exit 0), or 20 s (exit 2).
//   kill9_child <series dir> [--no-journal]
// The test kills it with SIGKILL at random points; the next life reloads the journal: no
// sleep after a restart, no second order for an intent the last life left in flight.
#include "venue.hpp"

#include <reconcile/file_journal.hpp>
#include <reconcile/reconcile.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  if (argc < 2) return 64;
  const std::filesystem::path dir = argv[1];
  const bool journaled = !(argc > 2 && std::strcmp(argv[2], "--no-journal") == 0);
  kill9::venue v(dir / "venue", 20);
  kill9::session s{v, std::mt19937{std::random_device{}()}, {}, 0, 0};
  std::unique_ptr<reconcile::file_journal> journal;
  if (journaled) journal = std::make_unique<reconcile::file_journal>(dir / "journal");
  reconcile::keyed_loop_options opts;
  opts.controller.backoff_base = 2ms;
  opts.controller.backoff_max = 20ms;
  opts.expectation_ttl = 150ms;  // longer than the venue's ack delay plus a call
  opts.poll_in_flight = 5ms;
  opts.confirm_after = 5ms;
  opts.journal = journal.get();
  const auto want = kill9::desired();
  reconcile::keyed_loop<std::string, kill9::Book, kill9::session> lp(
      opts,
      [&](const std::string& i) {
        s.instrument = i;
        return v.feed(i);
      },
      [&](const std::string& i) { return want.at(i); }, s);
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& [i, book] : want) lp.notify(i);
    lp.step();
    bool shown = lp.in_flight() == 0;
    for (const auto& [i, book] : want) shown = shown && v.feed(i) == book;
    if (shown) {
      std::printf("converged: %zu unknown outcomes, %zu rejects in this life\n", s.unknown, s.rejected);
      return 0;
    }
    std::this_thread::sleep_for(2ms);
  }
  return 2;
}
