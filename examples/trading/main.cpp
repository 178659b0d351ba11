// A market maker's order management with reconcile. Desired state: the strategy's quotes,
// two price levels a side on three instruments. Observed state: the open orders at a
// simulated exchange that acknowledges 1-3 ticks late, rejects 5% of new orders and fills
// orders partially, and now and then leaves a new order's ack so late that the OMS cannot tell
// whether it took effect (an unknown outcome). Each tick, a keyed_loop over instruments turns
// each difference into cancels, amends and cancel/replaces (price is immutable; moves under
// 5 bp are ignored); each attempt's request id is its client order id (FIX ClOrdID, unique per
// attempt), expectations (one per quote slot, kept in a file journal) hold back any further
// action on a slot while its last one is unacknowledged or of unknown outcome, and a budget
// caps the messages per tick. Faults on the way: a 1% market jump, the OMS restarting with
// requests in flight (it reloads its journal and plans at once), then a quiet market that
// everything must settle in.
//
//   trading           30 s of trading (600 ticks of 50 ms): plans, events and figures
//   trading --check   the same, quietly; exits non-zero if an invariant breaks
//   --seed N          another market (default 2024); every seed must pass --check
#include "market.hpp"
#include "oms.hpp"
#include "standby.hpp"

#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include <unistd.h>

using namespace std::chrono_literals;

namespace trading {
// trading --sim [--check] [--seed N]: the same OMS under reconcile::sim (simulated.cpp).
int run_simulated(int argc, char** argv);
}  // namespace trading

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--sim") == 0) return trading::run_simulated(argc, argv);
  bool check = false;
  unsigned seed = 2024;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) check = true;
    else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = static_cast<unsigned>(std::atoi(argv[++i]));
  }
  constexpr std::int64_t ticks = 600, jump_at = 200, freeze_at = 520;
  constexpr int budget = 10;  // messages per tick and session (200/s)
  std::mt19937 rng(seed);
  trading::strategy strat({{"AAPL", 231.40}, {"MSFT", 418.75}, {"NVDA", 141.20}});
  trading::exchange ex;
  trading::session session{ex, rng};
  reconcile::manual_clock clock;
  std::int64_t now = 0;
  auto show = [&](const std::string& i) {  // the plans printed: a first one, and those at the jump
    return !check && ((now == 0 && i == "AAPL") || ((now == jump_at || now == jump_at + 3) && i == "MSFT"));
  };
  ex.reuse_rejected = true;  // FIX: an accepted order's ClOrdID may never be used again
  const auto journal = std::filesystem::temp_directory_path() / fmt::format("reconcile-trading-{}", ::getpid());
  std::filesystem::remove(journal);
  std::optional<trading::oms> oms;
  oms.emplace(ex, strat, session, clock, 8 * 50ms, show, journal);  // expectations expire after 8 ticks

  auto stamp = [&] { return fmt::format("[{:5.2f}s]", static_cast<double>(now) * 0.05); };
  auto converged = [&] {
    for (const auto& [name, fv] : strat.instruments())
      if (!reconcile::equal(ex.book(name), strat.quotes(name))) return false;
    return true;
  };
  std::size_t quote_moves = 0;  // target prices that changed at all (before the tolerance)
  std::map<std::string, trading::Book> last;
  std::int64_t settled_after_jump = -1;

  fmt::print("trading: {} instruments x 4 quotes, {} ticks of 50 ms, at most {} messages per tick\n",
             strat.instruments().size(), ticks, budget);
  for (now = 0; now < ticks; ++now) {
    if (now == jump_at) {
      strat.jump(0.01);
      fmt::print("{} news: every price jumps 1%\n", stamp());
    }
    if (now == freeze_at) {
      strat.freeze();
      ex.reject_pct = ex.fill_pct = 0;
      fmt::print("{} the market goes quiet: no moves, fills or rejects from now on\n", stamp());
    }
    strat.tick(rng);
    ex.tick(now, rng);  // requests arrive and take effect; orders fill
    for (const auto& [name, fv] : strat.instruments()) {
      const trading::Book q = strat.quotes(name);
      for (const auto& [slot, o] : q.orders) quote_moves += now > 0 && last[name].orders[slot].price != o.price;
      last[name] = q;
    }
    if (now == 0) fmt::print("{} first quotes\n", stamp());
    session.now = now;
    session.budget = budget;
    oms->notify_all();  // market data and order updates every tick: the edge trigger
    oms->step();
    if (now == jump_at) {  // the OMS crashes and restarts: only its journal survives
      fmt::print("{} the OMS restarts with {} actions in flight ({} of unknown outcome); it reloads them from its "
                 "journal and plans at once:\n",
                 stamp(), oms->in_flight(), oms->in_flight_unknown());
      oms.reset();
      oms.emplace(ex, strat, session, clock, 8 * 50ms, show, journal);
      fmt::print("{} reloaded {} intents in flight\n", stamp(), oms->in_flight());
      session.budget = budget;  // a new session
      oms->notify_all();
      oms->step();
    }
    if (now > jump_at && settled_after_jump < 0 && converged()) settled_after_jump = now - jump_at;
    clock.advance(50ms);
  }

  const trading::exchange::counters& n = ex.stats();
  fmt::print("messages sent: {} (new {}, cancel {}, amend {}; at most {} a tick)\n", session.sent, n.news, n.cancels,
             n.amends, budget);
  fmt::print("target prices moved {} times; with the 5 bp tolerance: {} cancel/replaces, {} new, {} amends\n",
             quote_moves, session.replaces, session.creates, session.amends);
  fmt::print("exchange: {} partial fills, {} new orders rejected (re-sent once their 400 ms expectation expired), "
             "{} duplicate client order ids dropped\n",
             n.fills, n.risk_rejects, n.duplicate_rejects);
  fmt::print("actions held back while their acks were in flight: {}; passes throttled: {}\n", oms->held_back,
             oms->passes_throttled);
  fmt::print("acks timed out (unknown outcome, slot kept expected): {}; ClOrdIDs of accepted orders sent again: {}\n",
             session.timeouts, n.ids_reused);
  fmt::print("live orders per quote slot: at most {}\n", n.max_per_slot);
  const bool settled = converged() && ex.idle() && oms->in_flight() == 0;
  fmt::print("books equal the quotes {} ms after the jump and restart; at the end: {}\n", settled_after_jump * 50,
             settled ? "yes, nothing in flight" : "NO");

  oms.reset();
  std::filesystem::remove(journal);
  const bool ok = n.max_per_slot == 1 && n.ids_reused == 0 && settled_after_jump >= 0 && settled;
  if (check) {
    fmt::print("check: never two live orders on a quote slot ... {}\n", n.max_per_slot == 1 ? "ok" : "FAILED");
    fmt::print("check: no ClOrdID of an accepted order sent again ... {}\n", n.ids_reused == 0 ? "ok" : "FAILED");
    fmt::print("check: converged after the jump and restart ... {}\n", settled_after_jump >= 0 ? "ok" : "FAILED");
    fmt::print("check: converged at the end, nothing in flight ... {}\n", settled ? "ok" : "FAILED");
  }
  // A hot standby over reconcile/wire, then a failover to it (standby.hpp).
  const bool standby_ok = trading::standby_drill(seed, check);
  return ok && standby_ok ? 0 : 1;
}
