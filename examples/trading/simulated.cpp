// examples/trading under reconcile::sim: the OMS of oms.hpp (its keyed_loop over instruments,
// the order rules, per-slot expectations and their journal), unchanged, against a simulated
// venue: order calls fail, ack late, lose their ack (an unknown outcome), arrive twice; the
// book the OMS reads is stale or misses orders; orders fill or are cancelled behind its back
// (drift); quotes move (churn: always past the 5 bp tolerance, so a cancel/replace); and the
// OMS crashes twice with requests in flight: a fresh one reloads the journal the world keeps
// (losing only the records not yet synced) and plans at once. The world's checkers: every
// slot converges to its quote, a full pass afterwards sends nothing, never a second live
// order on a slot (a create under a new ClOrdID while one is live), at most 40 calls a slot.
#include "market.hpp"
#include "oms.hpp"

#include <reconcile/reconcile.hpp>
#include <reconcile/sim.hpp>

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trading {
namespace {

using namespace std::chrono_literals;
using world = reconcile::sim::world<std::string, Order>;
using instrument_list = std::vector<std::pair<std::string, double>>;

const char* const slots[] = {"bid-0", "bid-1", "ask-0", "ask-1"};
// The world's key of a quote slot: "AAPL bid-0".
std::string key_of(const std::string& instrument, const std::string& slot) { return instrument + " " + slot; }
std::string instrument_of(const std::string& key) { return key.substr(0, key.find(' ')); }

// The quotes (desired state) and the venue's book (observed), per instrument, from the world.
struct sim_quotes {
  world& w;
  instrument_list list;
  const instrument_list& instruments() const { return list; }
  Book quotes(const std::string& i) const {
    Book b;
    for (const char* s : slots)
      if (auto d = w.desired(key_of(i, s))) b.orders.emplace(key_of(i, s), std::move(*d));
    return b;
  }
};
struct sim_venue {
  world& w;
  Book book(const std::string& i) const {
    Book b;
    for (const char* s : slots)
      if (auto r = w.read(key_of(i, s))) b.orders.emplace(key_of(i, s), std::move(*r));
    return b;
  }
};
// The session: the world's faulty actuator (it has no replace(): a cancel/replace is the
// cancel, then, once the book shows it gone, the new order).
struct sim_session {
  world::actuator_type& venue;
  std::string instrument{};
  bool create(const std::string& k, const Order& o, const reconcile::action& a) { return venue.create(k, o, a); }
  bool update(const std::string& k, const Order& have, const Order& want, const reconcile::changeset<Order>& cs,
              const reconcile::action& a) {
    return venue.update(k, have, want, cs, a);
  }
  bool remove(const std::string& k, const Order& have, const reconcile::action& a) { return venue.remove(k, have, a); }
};

// The controller under test: an OMS over the world, its journal the world's (it survives a
// crash). Market data arrives as the world's change events; a resync every second stands
// for the market-data tick of main.cpp.
class trader {
 public:
  trader(world& w, const instrument_list& list)
      : venue_{w},
        quotes_{w, list},
        session_{w.actuator()},
        oms_(venue_, quotes_, session_, w.clock(), 8 * 50ms, [](const std::string&) { return false; }, w.journal()) {}
  void notify(const std::string& key) { oms_.notify(instrument_of(key)); }
  std::size_t step() {
    if (++ticks_ % 20 == 0) oms_.notify_all();
    return oms_.step();
  }

 private:
  sim_venue venue_;
  sim_quotes quotes_;
  sim_session session_;
  basic_oms<sim_venue, sim_quotes, sim_session> oms_;
  std::uint64_t ticks_ = 0;
};

const instrument_list fair = {{"AAPL", 231.40}, {"MSFT", 418.75}, {"NVDA", 141.20}, {"AMZN", 186.10},
                          {"GOOG", 167.30}, {"META", 571.90}, {"TSLA", 250.05}, {"JPM", 221.60}};

reconcile::sim::world_options<std::string, Order> scenario(std::uint64_t seed) {
  reconcile::sim::world_options<std::string, Order> o;
  o.seed = seed;
  o.tick = 50ms;  // main.cpp's tick
  o.faults = reconcile::sim::fault_options::harsh();
  o.max_calls_per_key = 40;
  o.dedupe_ticks = 1000000;  // FIX: a ClOrdID is never reused (within the day)
  const strategy strat(fair);
  for (const auto& [name, fv] : fair)
    for (const auto& [slot, order] : strat.quotes(name).orders) {
      o.desired[key_of(name, slot)] = order;
      if (slot == "bid-1") o.initial[key_of(name, slot)] = {order.side, order.price * 0.99, order.qty, "old"};  // stale
    }
  auto cents = [](double p) { return std::round(p * 100) / 100; };
  o.churn = [cents](const std::string&, Order& q, reconcile::sim::rng& g) {  // the quote moves 10-50 bp
    const double bp = static_cast<double>(10 + 10 * g.below(5)) * 1e-4;
    q.price = cents(q.price * (g.below(2) ? 1 + bp : 1 - bp));
  };
  o.drift = [](const std::string&, Order& live, reconcile::sim::rng& g) {  // a partial fill of 4-9 lots
    live.qty = std::max(1, live.qty - 4 - static_cast<int>(g.below(6)));
  };
  return o;
}

}  // namespace

// run_simulated(argc, argv): seeds 1..20 (--seed N: that one); prints the first seed's report
// and every failing one's; under --check, returns non-zero if a seed fails.
int run_simulated(int argc, char** argv) {
  bool check = false;
  std::uint64_t first = 1, last = 20;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) check = true;
    else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) first = last = std::strtoull(argv[++i], nullptr, 10);
  }
  fmt::print("trading --sim: the OMS against a simulated venue, {} instruments x 4 quote slots, every fault, "
             "2 crashes a seed\n",
             fair.size());
  std::uint64_t passed = 0;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    world w(scenario(seed));
    const reconcile::sim::report r = w.run([](world& x) { return std::make_unique<trader>(x, fair); });
    passed += r.ok();
    if (seed == first || !r.ok()) fmt::print("{}", r.to_string(check ? 5 : 3));
  }
  const std::uint64_t seeds = last - first + 1;
  fmt::print("trading --sim: {} of {} seeds pass every check\n", passed, seeds);
  return check && passed != seeds ? 1 : 0;
}

}  // namespace trading
