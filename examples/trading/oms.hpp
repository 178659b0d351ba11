// The order management system of examples/trading: one reconcile pass per instrument turns
// the strategy's quotes and the exchange's book into a plan, and the plan into messages.
#pragma once

#include "market.hpp"

#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace trading {

// session: the actuator reconcile::execute drives. Each plan action becomes exchange
// messages; a new order's client order id is the action's idempotency id (execute passes the
// action as the last argument), so the same action planned twice (a retry, a restarted OMS)
// carries the same id and the exchange drops the copy. Every message spends one unit of the
// session's per-tick budget: the rate limit.
struct session {
  exchange& ex;
  std::mt19937& rng;
  std::int64_t now = 0;
  int budget = 0;                          // messages left this tick
  std::size_t sent = 0;                    // messages sent, all ticks
  std::size_t creates = 0, amends = 0, cancels = 0, replaces = 0;
  std::string instrument{};                // of the pass being executed

  void spend(int n) {
    if (budget < n) throw std::runtime_error("throttled: message budget spent");
    budget -= n;
    sent += static_cast<std::size_t>(n);
  }
  void send(exchange::message::kind_t k, const std::string& slot, const std::string& id, const Order& o) {
    ex.send({k, instrument, slot, id, o}, now, rng);
  }
  void create(const std::string& slot, const Order& want, const reconcile::action& a) {
    spend(1);
    ++creates;
    send(exchange::message::new_order, slot, a.idempotency_id(), want);
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
    send(exchange::message::new_order, slot, a.idempotency_id(), want);
  }
};

// oms: a controller whose keys are instruments. A pass plans the instrument's book against
// its quotes and executes the plan on the session, both with the instrument's expectations.
// An expectation is kept per quote slot: the order the slot's last action drives toward (or
// its absence). Until the book shows it (rule-aware: within the price and qty tolerances), or
// it expires after the TTL, the slot gets no further action: the same action again is
// `expected`, a different one (the quote moved, the order filled meanwhile) is `held`. So a
// slot never has two new orders out at once, and a rejected order is re-sent once its
// expectation expires (with the same client order id: if the first was merely slow, the
// exchange drops the copy). A failed (throttled) action leaves no expectation.
// A restarted OMS has lost its expectations: it cannot know what its predecessor left in
// flight, so it first waits out `grace` (the exchange's longest ack delay), after which the
// book shows everything sent before the crash.
class oms {
 public:
  using show_fn = std::function<bool(const std::string&)>;
  std::size_t held_back = 0, passes_throttled = 0;

  oms(exchange& ex, const strategy& strat, session& s, reconcile::manual_clock& clock, reconcile::duration ttl,
      show_fn show, reconcile::duration grace = reconcile::duration::zero())
      : ex_(ex),
        strat_(strat),
        session_(s),
        show_(std::move(show)),
        clock_(clock),
        quiet_until_(clock.now() + grace),
        ctl_(options(clock), [this](const std::string& i) { return pass(i); }) {
    for (const auto& [name, fv] : strat.instruments()) expect_[name] = std::make_unique<reconcile::expectations>(ttl, &clock);
  }
  void notify_all() {
    for (const auto& [name, e] : expect_) ctl_.notify(name);
  }
  std::size_t step() { return ctl_.step(); }
  std::size_t in_flight() const {
    std::size_t n = 0;
    for (const auto& [name, e] : expect_) n += e->pending();
    return n;
  }

 private:
  static reconcile::options options(reconcile::manual_clock& clock) {
    reconcile::options o;
    o.clock = &clock;
    o.backoff_base = std::chrono::milliseconds(50);  // a throttled pass retries next tick
    o.backoff_max = std::chrono::milliseconds(50);
    return o;
  }

  reconcile::result pass(const std::string& instrument) {
    if (clock_.now() < quiet_until_) return reconcile::result::requeue_after(quiet_until_ - clock_.now());
    reconcile::expectations& expect = *expect_.at(instrument);
    reconcile::plan_options po;
    po.expect = &expect;  // checks the book against the slots in flight, marks held actions
    const reconcile::plan<Book> p = reconcile::plan_for(ex_.book(instrument), strat_.quotes(instrument), po);
    if (p.empty()) return reconcile::result::done();
    session_.instrument = instrument;
    const reconcile::report r = reconcile::execute(p, session_, {.expect = &expect});
    held_back += r.count(reconcile::outcome_status::expected) + r.count(reconcile::outcome_status::held);
    if (show_(instrument)) {  // the plan as reconcile prints it, each action with its order id
      fmt::print("  {} plan:\n", instrument);
      std::istringstream text(fmt::format("{}", p));
      std::string line;
      for (std::size_t i = 0; std::getline(text, line); ++i) {
        if (i < p.size() && p[i].verb() != reconcile::verb::remove && !p[i].held())
          line = fmt::format("{:<48} id {}{}", line, p[i].idempotency_id(),
                             r.outcomes[i].status == reconcile::outcome_status::failed ? "  (throttled)" : "");
        fmt::print("    {}\n", line);
      }
    }
    if (r.ok()) return reconcile::result::requeue_after(std::chrono::milliseconds(50));  // confirm next tick
    ++passes_throttled;
    return reconcile::result::retry();
  }

  exchange& ex_;
  const strategy& strat_;
  session& session_;
  show_fn show_;
  reconcile::manual_clock& clock_;
  reconcile::time_point quiet_until_;
  std::map<std::string, std::unique_ptr<reconcile::expectations>> expect_;
  reconcile::controller<std::string> ctl_;
};

}  // namespace trading
