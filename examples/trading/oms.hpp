// The order management system of examples/trading: a keyed_loop over instruments turns the
// strategy's quotes and the exchange's book into a plan per instrument, and the plan into
// messages; its intents live in a file_journal, so a restart neither repeats nor forgets one.
#pragma once

#include "market.hpp"

#include <reconcile/file_journal.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace trading {

// session: the actuator the OMS's keyed_loop drives. Each plan action becomes exchange
// messages; a new order's client order id (FIX ClOrdID) is the action's request_id(): the
// same for every retry of one attempt (the exchange drops the copy if the first arrived), a
// new one for every new attempt (after the earlier order was seen, or definitely failed), so
// no id of a once-accepted order is ever sent again. Every message spends one unit of the
// session's per-tick budget (the rate limit: a throttled call fails, nothing was sent). Now
// and then (timeout_pct) a new order's ack does not come in time: the message went out, so
// the call says "unknown" (reconcile::outcome_unknown), and the slot stays expected until
// the book shows the order or the expectation expires.
struct session {
  exchange& ex;
  std::mt19937& rng;
  std::int64_t now = 0;
  int budget = 0;                          // messages left this tick
  int timeout_pct = 3;                     // new orders whose ack times out (after sending)
  std::size_t sent = 0;                    // messages sent, all ticks
  std::size_t creates = 0, amends = 0, cancels = 0, replaces = 0, timeouts = 0;
  std::string instrument{};                // of the pass being executed (set by the observer)

  void spend(int n) {
    if (budget < n) throw std::runtime_error("throttled: message budget spent");
    budget -= n;
    sent += static_cast<std::size_t>(n);
  }
  void send(exchange::message::kind_t k, const std::string& slot, const std::string& id, const Order& o) {
    ex.send({k, instrument, slot, id, o}, now, rng);
  }
  void await_ack() {
    if (std::uniform_int_distribution<int>(0, 99)(rng) < timeout_pct) {
      ++timeouts;
      throw reconcile::outcome_unknown("no ack within 100 ms: the exchange may have the order");
    }
  }
  void create(const std::string& slot, const Order& want, const reconcile::action& a) {
    spend(1);
    ++creates;
    send(exchange::message::new_order, slot, a.request_id(), want);
    await_ack();
  }
  void update(const std::string& slot, const Order& have, const Order& want, const reconcile::changeset<Order>&) {
    spend(1);  // only qty can differ here (a price change is a replace): amend in place
    ++amends;
    send(exchange::message::amend, slot, have.client_id, want);
  }
  void remove(const std::string& slot, const Order& have) {
    spend(1);
    ++cancels;
    send(exchange::message::cancel, slot, have.client_id, have);
  }
  void replace(const std::string& slot, const Order& have, const Order& want, const reconcile::action& a) {
    spend(2);  // both messages or neither
    ++replaces;
    send(exchange::message::cancel, slot, have.client_id, have);
    send(exchange::message::new_order, slot, a.request_id(), want);
    await_ack();
  }
};

// oms: a keyed_loop whose keys are instruments. A pass plans the instrument's book against
// its quotes and executes the plan on the session. The expectations, shared by all
// instruments and kept in a file_journal, hold one intent per quote slot: the order the
// slot's last action drives toward (or its absence). Until the book shows it (rule-aware:
// within the price and qty tolerances), or it expires after the TTL, the slot gets no further
// action: the same action again is `expected`, a different one (the quote moved, the order
// filled meanwhile) is `held`. So a slot never has two new orders out at once, and a rejected
// order is re-sent once its expectation expires (under the same client order id: if the
// first was merely slow, the exchange drops the copy). A throttled action leaves no intent.
// The intent is written (fsync'd) before each call: a restarted OMS reloads the journal and
// knows what its predecessor left in flight, so it plans at once, no grace period.
class oms {
 public:
  using show_fn = std::function<bool(const std::string&)>;
  std::size_t held_back = 0, passes_throttled = 0, unknown = 0;

  oms(exchange& ex, const strategy& strat, session& s, reconcile::manual_clock& clock, reconcile::duration ttl,
      show_fn show, const std::filesystem::path& journal)
      : oms(ex, strat, s, clock, ttl, std::move(show), std::make_unique<reconcile::file_journal>(journal), nullptr) {}
  // The same, its intents kept in `journal` (standby.hpp's replicated_journal: a hot standby).
  oms(exchange& ex, const strategy& strat, session& s, reconcile::manual_clock& clock, reconcile::duration ttl,
      show_fn show, reconcile::journal& journal)
      : oms(ex, strat, s, clock, ttl, std::move(show), nullptr, &journal) {}
  oms(exchange& ex, const strategy& strat, session& s, reconcile::manual_clock& clock, reconcile::duration ttl,
      show_fn show, std::unique_ptr<reconcile::file_journal> own, reconcile::journal* other)
      : strat_(strat),
        show_(std::move(show)),
        own_journal_(std::move(own)),
        journal_(own_journal_ ? *own_journal_ : *other),
        loop_(options(clock, ttl, journal_),
              [&ex, &s](const std::string& i) {
                s.instrument = i;
                return ex.book(i);
              },
              [&strat](const std::string& i) { return strat.quotes(i); }, s) {
    loop_.on_pass([this](const std::string& i, const reconcile::plan<Book>& p, const reconcile::report& r) {
      seen(i, p, r);
    });
  }
  void notify_all() {
    for (const auto& [name, fv] : strat_.instruments()) loop_.notify(name);
  }
  std::size_t step() { return loop_.step(); }
  std::size_t in_flight() const { return loop_.in_flight(); }
  std::size_t in_flight_unknown() const { return loop_.expected().unknown(); }

 private:
  static reconcile::keyed_loop_options options(reconcile::manual_clock& clock, reconcile::duration ttl,
                                               reconcile::journal& j) {
    reconcile::keyed_loop_options o;
    o.controller.clock = &clock;
    o.controller.backoff_base = std::chrono::milliseconds(50);  // a throttled pass retries next tick
    o.controller.backoff_max = std::chrono::milliseconds(50);
    o.confirm_after = std::chrono::milliseconds(50);  // confirm next tick
    o.poll_in_flight = std::chrono::milliseconds(50);
    o.expectation_ttl = ttl;
    o.journal = &j;
    return o;
  }

  void seen(const std::string& instrument, const reconcile::plan<Book>& p, const reconcile::report& r) {
    held_back += r.count(reconcile::outcome_status::expected) + r.count(reconcile::outcome_status::held);
    unknown += r.count(reconcile::outcome_status::unknown);
    if (!r.ok()) ++passes_throttled;
    if (!show_(instrument)) return;
    // The plan as reconcile prints it, each order with its client order id.
    fmt::print("  {} plan:\n", instrument);
    std::istringstream text(fmt::format("{}", p));
    std::string line;
    for (std::size_t i = 0; std::getline(text, line); ++i) {
      if (i < p.size() && p[i].verb() != reconcile::verb::remove && !p[i].held()) {
        const reconcile::outcome& o = r.outcomes[i];
        const char* note = o.status == reconcile::outcome_status::failed    ? "  (throttled)"
                           : o.status == reconcile::outcome_status::unknown ? "  (ack timed out: unknown)"
                                                                            : "";
        line = fmt::format("{:<48} ClOrdID {}{}", line, p[i].request_id(), note);
      }
      fmt::print("    {}\n", line);
    }
  }

  const strategy& strat_;
  show_fn show_;
  std::unique_ptr<reconcile::file_journal> own_journal_;
  reconcile::journal& journal_;
  reconcile::keyed_loop<std::string, Book, session> loop_;
};

}  // namespace trading
