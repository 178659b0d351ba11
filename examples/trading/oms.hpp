// The order management system of examples/trading: one reconcile pass per instrument turns
// the strategy's quotes and the exchange's book into a plan, and the plan into messages.
#pragma once

#include "market.hpp"

#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace trading {

// session: the actuator reconcile::execute drives. Each plan action becomes exchange
// messages; a new order's client order id is the action's idempotency id, so the same action
// planned twice (a retry, a restarted OMS) carries the same id and the exchange drops the
// copy. Every message spends one unit of the session's per-tick budget: the rate limit.
struct session {
  exchange& ex;
  std::mt19937& rng;
  std::int64_t now = 0;
  int budget = 0;                          // messages left this tick
  std::size_t sent = 0;                    // messages sent, all ticks
  std::size_t creates = 0, amends = 0, cancels = 0, replaces = 0;
  std::string instrument{};                // of the pass being executed
  std::map<std::string, std::string> ids{};  // slot -> idempotency id of its action this pass

  void spend(int n) {
    if (budget < n) throw std::runtime_error("throttled: message budget spent");
    budget -= n;
    sent += static_cast<std::size_t>(n);
  }
  void send(exchange::message::kind_t k, const std::string& slot, const std::string& id, const Order& o) {
    ex.send({k, instrument, slot, id, o}, now, rng);
  }
  void create(const std::string& slot, const Order& want) {
    spend(1);
    ++creates;
    send(exchange::message::new_order, slot, ids.at(slot), want);
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
  void replace(const std::string& slot, const Order& have, const Order& want) {
    spend(2);  // both messages or neither
    ++replaces;
    send(exchange::message::cancel, slot, have.client_id, have);
    send(exchange::message::new_order, slot, ids.at(slot), want);
  }
};

// oms: a controller whose keys are instruments. A pass plans the instrument's book against
// its quotes and executes the plan on the session with expectations: an action sent but not
// yet visible in the book is not sent again (its outcome is `expected`) until the
// expectation's TTL runs out (a rejected order is then re-sent, with the same client order
// id: if the first was merely slow, the exchange drops the copy).
// Expectations recognise an action by its idempotency key, and forget it once a plan no
// longer holds it. So while a slot's action is in flight the pass pins the slot: it plans
// from the book as it was when the action was sent, towards that action's target, until the
// book shows the result (the new order's id, or the amended quantity). Otherwise a quote that
// moves, or an order that fills out, while a new order is unacknowledged would make a
// different action and put a second order on the slot.
class oms {
 public:
  using show_fn = std::function<bool(const std::string&)>;
  std::size_t held_back = 0, passes_throttled = 0;

  oms(exchange& ex, const strategy& strat, session& s, reconcile::manual_clock& clock, reconcile::duration ttl,
      show_fn show)
      : ex_(ex), strat_(strat), session_(s), show_(std::move(show)), ctl_(options(clock), [this](const std::string& i) {
          return pass(i);
        }) {
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
  struct pin {
    std::optional<Order> before;  // the slot in the book when the action was sent
    Order target;                 // the action's desired order
    std::string new_id;           // the client order id it created ("" for an amend)
  };

  static reconcile::options options(reconcile::manual_clock& clock) {
    reconcile::options o;
    o.clock = &clock;
    o.backoff_base = std::chrono::milliseconds(50);  // a throttled pass retries next tick
    o.backoff_max = std::chrono::milliseconds(50);
    return o;
  }

  reconcile::result pass(const std::string& instrument) {
    const Book book = ex_.book(instrument);
    Book seen = book, want = strat_.quotes(instrument);
    auto& pins = pins_[instrument];
    std::erase_if(pins, [&](const auto& kv) {  // done: the book shows the action's result
      const auto it = book.orders.find(kv.first);
      if (kv.second.new_id.empty()) return it == book.orders.end() || it->second.qty == kv.second.target.qty;
      return it != book.orders.end() && it->second.client_id == kv.second.new_id;
    });
    for (const auto& [slot, p] : pins) {  // still in flight: plan exactly that action again
      want.orders[slot] = p.target;
      if (p.before) seen.orders[slot] = *p.before;
      else seen.orders.erase(slot);
    }
    const reconcile::plan<Book> p = reconcile::plan_for(seen, want);
    if (p.empty()) return reconcile::result::done();
    session_.instrument = instrument;
    session_.ids.clear();
    for (const reconcile::action& a : p) session_.ids[*a.key_as<std::string>()] = a.idempotency_id();
    reconcile::expectations& expect = *expect_.at(instrument);
    const reconcile::report r = reconcile::execute(p, session_, {.expect = &expect});
    for (std::size_t i = 0; i < p.size(); ++i) {
      const reconcile::action& a = p[i];
      const std::string& slot = *a.key_as<std::string>();
      if (r.outcomes[i].status == reconcile::outcome_status::expected) ++held_back;
      if (r.outcomes[i].status != reconcile::outcome_status::succeeded || pins.contains(slot)) continue;
      const auto before = seen.orders.find(slot);
      pins[slot] = {before == seen.orders.end() ? std::nullopt : std::optional<Order>(before->second),
                    *a.desired_as<Order>(), a.verb() == reconcile::verb::update ? "" : a.idempotency_id()};
    }
    if (show_(instrument)) {  // the plan as reconcile prints it, each action with its order id
      fmt::print("  {} plan:\n", instrument);
      std::istringstream text(fmt::format("{}", p));
      std::string line;
      for (std::size_t i = 0; std::getline(text, line); ++i) {
        if (i < p.size() && p[i].verb() != reconcile::verb::remove)
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
  std::map<std::string, std::unique_ptr<reconcile::expectations>> expect_;
  std::map<std::string, std::map<std::string, pin>> pins_;  // instrument -> slot -> in flight
  reconcile::controller<std::string> ctl_;
};

}  // namespace trading
