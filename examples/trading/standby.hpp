// A hot standby for the OMS of examples/trading, replicated over reconcile/wire. The primary's
// state (its intents: the expectations' journal records; and the books it last observed) goes
// to the standby as wire packets (wire::replicator -> wire::receiver) over a link that loses
// and reorders them. An intent is written before its order is sent (write-ahead), and a synced
// write returns only once the standby has acknowledged a packet that holds it: when the
// primary dies, the standby knows every order in flight and takes over without sending one
// twice. After every packet delivered, the standby must hold exactly the primary's state as it
// was when that packet was sent.
#pragma once

#include "market.hpp"
#include "oms.hpp"

#include <reconcile/journal.hpp>
#include <reconcile/wire.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace trading {

// What the primary replicates to its standby.
struct Replica {
  std::vector<reconcile::journal_record> intents;  // the journal, in order
  std::map<std::string, Book> books;               // the books as the primary last saw them
  std::int64_t tick = 0;
};

// A link that loses loss_pct of its packets and delays each by 1 to max_delay steps, so that
// later packets overtake earlier ones.
class lossy_link {
 public:
  using bytes = std::vector<std::uint8_t>;
  lossy_link(unsigned seed, int loss_pct, int max_delay) : rng_(seed), loss_pct_(loss_pct), max_delay_(max_delay) {}
  void send(const bytes& packet) {
    if (std::uniform_int_distribution<int>(0, 99)(rng_) < loss_pct_) ++lost;
    else in_flight_.emplace(now_ + std::uniform_int_distribution<int>(1, max_delay_)(rng_), packet);
  }
  // step(deliver): one step of time; deliver(packet) for each packet that arrives in it.
  template <class F>
  void step(F&& deliver) {
    ++now_;
    for (auto it = in_flight_.begin(); it != in_flight_.end() && it->first <= now_; it = in_flight_.erase(it))
      deliver(it->second);
  }
  bool idle() const noexcept { return in_flight_.empty(); }
  std::size_t lost = 0;

 private:
  std::mt19937 rng_;
  int loss_pct_, max_delay_;
  int now_ = 0;
  std::multimap<int, bytes> in_flight_;
};

// replicated_journal: the primary's journal, kept in a Replica that a standby receives.
class replicated_journal final : public reconcile::journal {
 public:
  struct figures {
    std::size_t deltas = 0, delta_bytes = 0, snapshots = 0, delivered = 0, reordered = 0, resent = 0, mismatches = 0;
  };
  explicit replicated_journal(unsigned seed) : link_(seed, 20, 4) { peer_ = tx_.add_peer(); }

  std::vector<reconcile::journal_record> load() override { return state_.intents; }
  void append(const reconcile::journal_record& r, reconcile::durability d) override {
    state_.intents.push_back(r);
    if (d == reconcile::durability::synced) sync();
  }
  void compact(const std::vector<reconcile::journal_record>& live) override {
    state_.intents = live;
    sync();
  }
  // publish(books, tick): what the primary observed this tick, sent without waiting.
  void publish(std::map<std::string, Book> books, std::int64_t tick) {
    state_.books = std::move(books);
    state_.tick = tick;
    send();
    deliver();
  }
  const Replica& standby() noexcept { return rx_.state(); }
  const figures& stats() const noexcept { return n_; }
  std::size_t lost() const noexcept { return link_.lost; }

 private:
  std::uint64_t send() {
    packet_.clear();
    const std::uint64_t seq = tx_.send(peer_, state_, packet_);
    if (reconcile::wire::peek<Replica>(packet_).kind == reconcile::wire::packet_kind::snapshot) ++n_.snapshots;
    else ++n_.deltas, n_.delta_bytes += packet_.size();
    sent_[seq] = state_;  // the primary's state as this packet carries it, for the check
    while (sent_.size() > 64) sent_.erase(sent_.begin());
    link_.send(packet_);
    return seq;
  }
  // One step of the link: the standby decodes what arrives, the check runs, acks go back.
  void deliver() {
    link_.step([&](const lossy_link::bytes& p) {
      const std::uint64_t newest = rx_.sequence();
      std::uint64_t seq = 0;
      try {
        seq = rx_.receive(p);
      } catch (const reconcile::wire::wire_error&) {  // its baseline is gone: snapshot next
        tx_.resync(peer_);
        return;
      }
      const Replica* got = rx_.state(seq);
      const auto want = sent_.find(seq);
      if (!got || want == sent_.end()) return;  // older than what either side keeps
      ++n_.delivered;
      n_.reordered += seq < newest;
      if (got->intents != want->second.intents || !reconcile::equal(*got, want->second)) ++n_.mismatches;
      tx_.ack(peer_, seq);
      acked_ = std::max(acked_, seq);
    });
  }
  // A synced write: (re)sent until the standby acknowledges a packet that holds it.
  void sync() {
    const std::uint64_t seq = send();
    while (acked_ < seq) {
      deliver();
      if (link_.idle() && acked_ < seq) ++n_.resent, send();
    }
  }

  Replica state_;
  reconcile::wire::replicator<Replica> tx_{8};
  reconcile::wire::replicator<Replica>::peer peer_{};
  reconcile::wire::receiver<Replica> rx_{8};  // the standby, across the link
  lossy_link link_;
  lossy_link::bytes packet_;
  std::map<std::uint64_t, Replica> sent_;
  std::uint64_t acked_ = 0;
  figures n_;
};

// standby_drill(seed, check): a market whose OMS replicates to a standby; halfway the primary
// dies and the standby takes over from what it received. Prints the figures (and, with
// check, the checks); true if the standby always equalled the primary and the failover sent
// no order twice.
inline bool standby_drill(unsigned seed, bool check) {
  using namespace std::chrono_literals;
  constexpr std::int64_t ticks = 300, failover_at = 150, freeze_at = 230;
  std::mt19937 rng(seed + 1);
  strategy strat({{"AAPL", 231.40}, {"MSFT", 418.75}, {"NVDA", 141.20}});
  exchange ex;
  ex.reuse_rejected = true;
  session s{ex, rng};
  reconcile::manual_clock clock;
  replicated_journal primary(seed);
  const auto quiet = [](const std::string&) { return false; };
  std::optional<oms> o;
  o.emplace(ex, strat, s, clock, 8 * 50ms, quiet, primary);
  const auto path = std::filesystem::temp_directory_path() / fmt::format("reconcile-trading-standby-{}", ::getpid());
  std::filesystem::remove(path);
  std::size_t in_flight_at_failover = 0, taken_over = 0;
  for (std::int64_t now = 0; now < ticks; ++now) {
    if (now == freeze_at) strat.freeze(), ex.reject_pct = ex.fill_pct = 0;
    strat.tick(rng);
    ex.tick(now, rng);
    s.now = now;
    s.budget = 10;
    o->notify_all();
    o->step();
    if (now < failover_at) {
      std::map<std::string, Book> books;
      for (const auto& [name, fv] : strat.instruments()) books[name] = ex.book(name);
      primary.publish(std::move(books), now);
    } else if (now == failover_at) {  // the primary dies; the standby's intents become its journal
      in_flight_at_failover = o->in_flight();
      o.reset();
      reconcile::file_journal(path).compact(primary.standby().intents);
      o.emplace(ex, strat, s, clock, 8 * 50ms, quiet, path);
      taken_over = o->in_flight();
      s.budget = 10;
      o->notify_all();
      o->step();
    }
    clock.advance(50ms);
  }
  bool converged = ex.idle() && o->in_flight() == 0;
  for (const auto& [name, fv] : strat.instruments()) converged = converged && reconcile::equal(ex.book(name), strat.quotes(name));
  o.reset();
  std::filesystem::remove(path);

  const auto& f = primary.stats();
  const auto& n = ex.stats();
  fmt::print("standby: {} deltas (avg {} bytes) and {} snapshots over a link losing {} packets and reordering {}; "
             "{} resent until a synced intent was acknowledged\n",
             f.deltas, f.deltas ? f.delta_bytes / f.deltas : 0, f.snapshots, primary.lost(), f.reordered, f.resent);
  fmt::print("standby: failover at {:.2f}s, {} actions in flight on the primary, {} taken over; converged at the end: {}\n",
             static_cast<double>(failover_at) * 0.05, in_flight_at_failover, taken_over, converged ? "yes" : "NO");
  const bool equal = f.mismatches == 0 && f.delivered > 0;
  const bool no_duplicates = n.max_per_slot == 1 && n.ids_reused == 0;
  if (check) {
    fmt::print("check: standby equals the primary's state after each of {} packets delivered ... {}\n", f.delivered,
               equal ? "ok" : "FAILED");
    fmt::print("check: failover to the standby without a duplicate order ... {}\n", no_duplicates ? "ok" : "FAILED");
    fmt::print("check: converged after the failover ... {}\n", converged ? "ok" : "FAILED");
  }
  return equal && no_duplicates && converged;
}

}  // namespace trading
