// The market of examples/trading: order types and their reconcile rules, a quoting strategy,
// and a simulated exchange that acknowledges late, rejects, fills partially and dedupes
// client order ids.
#pragma once

#include <reconcile/reconcile.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace trading {

enum class Side { bid, ask };

// An order as the strategy wants it and as the exchange shows it.
struct Order {
  Side side = Side::bid;
  double price = 0;
  int qty = 0;                // remaining (open) quantity
  std::string client_id;      // observed only: the client order id the exchange knows it by
};

// One instrument's quotes, keyed by slot: "bid-0" is the best bid, "bid-1" the next level.
struct Book {
  std::map<std::string, Order> orders;
};

// The rules turn a diff into trading decisions:
//   price: immutable (a new price is a cancel/replace: exchanges keep a price for an order's
//          life) and relative(5e-4) (moves under 5 basis points leave the order alone);
//   qty:   tolerance(3) (an order is refilled only once more than 3 lots of it have traded);
//   client_id: ignored (the strategy never names it; it is not part of the order's content).
constexpr auto reconcile_rules(reconcile::type_t<Order>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Order::price> | immutable | relative(5e-4), field<&Order::qty> | tolerance(3),
                          field<&Order::client_id> | ignore);
}

// The strategy: a fair value per instrument (a random walk of 1 bp per tick) quoted two
// levels deep on each side, at 6 and 16 bp from fair value, 10 and 20 lots.
class strategy {
 public:
  explicit strategy(std::vector<std::pair<std::string, double>> fair) : fair_(std::move(fair)) {}
  const std::vector<std::pair<std::string, double>>& instruments() const noexcept { return fair_; }

  void tick(std::mt19937& rng) {
    if (frozen_) return;
    std::normal_distribution<double> step(0.0, 1e-4);
    for (auto& [name, fv] : fair_) fv *= std::exp(step(rng));
  }
  void jump(double fraction) {
    for (auto& [name, fv] : fair_) fv *= 1 + fraction;
  }
  void freeze() { frozen_ = true; }

  Book quotes(const std::string& instrument) const {
    const double fv = std::find_if(fair_.begin(), fair_.end(), [&](const auto& f) { return f.first == instrument; })->second;
    auto cents = [](double p) { return std::round(p * 100) / 100; };
    Book b;
    b.orders["bid-0"] = {Side::bid, cents(fv * (1 - 6e-4)), 10, {}};
    b.orders["bid-1"] = {Side::bid, cents(fv * (1 - 16e-4)), 20, {}};
    b.orders["ask-0"] = {Side::ask, cents(fv * (1 + 6e-4)), 10, {}};
    b.orders["ask-1"] = {Side::ask, cents(fv * (1 + 16e-4)), 20, {}};
    return b;
  }

 private:
  std::vector<std::pair<std::string, double>> fair_;
  bool frozen_ = false;
};

// The exchange. Requests arrive 1-3 ticks after they are sent (in order) and take effect
// then; only then do orders appear in (or leave) the book it publishes. New orders are
// rejected at random (a risk check, `reject_pct`), or when their client order id is that of
// a live order (the dedupe that makes a re-sent request harmless). Live orders fill at random.
class exchange {
 public:
  struct message {
    enum kind_t { new_order, cancel, amend } kind;
    std::string instrument, slot, client_id;
    Order order;
  };
  struct live_order {
    std::string instrument, slot;
    Order order;
  };
  struct counters {
    std::size_t news = 0, cancels = 0, amends = 0, risk_rejects = 0, duplicate_rejects = 0, unknown = 0,
                fills = 0, max_per_slot = 0, ids_reused = 0, reused_rejects = 0;
  };

  int reject_pct = 5;
  // FIX: a client order id of an order that was once accepted may not be used again; the
  // exchange rejects such a new order when this is set (else it only counts it).
  bool reuse_rejected = false;
  int fill_pct = 2;

  void send(message m, std::int64_t now, std::mt19937& rng) {
    last_arrival_ = std::max(last_arrival_, now + std::uniform_int_distribution<std::int64_t>(1, 3)(rng));
    inbox_.emplace_back(last_arrival_, std::move(m));
  }

  // tick(now): processes the requests that arrived, fills, and checks the invariant.
  void tick(std::int64_t now, std::mt19937& rng) {
    for (; !inbox_.empty() && inbox_.front().first <= now; inbox_.pop_front()) process(inbox_.front().second, rng);
    std::uniform_int_distribution<int> pct(0, 99), lots(1, 5);
    for (auto it = live_.begin(); it != live_.end();) {
      if (pct(rng) < fill_pct) {
        ++n_.fills;
        it->second.order.qty -= std::min(it->second.order.qty, lots(rng));
        if (it->second.order.qty == 0) {  // filled out: the order is gone
          it = live_.erase(it);
          continue;
        }
      }
      ++it;
    }
    // The invariant: at most one live order per quote slot, ever.
    std::map<std::pair<std::string, std::string>, std::size_t> per_slot;
    for (const auto& [id, o] : live_) n_.max_per_slot = std::max(n_.max_per_slot, ++per_slot[{o.instrument, o.slot}]);
  }

  // book(instrument): the live orders, as the exchange's order feed shows them.
  Book book(const std::string& instrument) const {
    Book b;
    for (const auto& [id, o] : live_)
      if (o.instrument == instrument) b.orders[o.slot] = o.order;
    return b;
  }
  bool idle() const noexcept { return inbox_.empty(); }
  const counters& stats() const noexcept { return n_; }

 private:
  void process(message& m, std::mt19937& rng) {
    switch (m.kind) {
      case message::new_order:
        ++n_.news;
        if (live_.contains(m.client_id)) ++n_.duplicate_rejects;
        else if (used_.contains(m.client_id) && ++n_.ids_reused && reuse_rejected) ++n_.reused_rejects;
        else if (std::uniform_int_distribution<int>(0, 99)(rng) < reject_pct) ++n_.risk_rejects;
        else {
          m.order.client_id = m.client_id;
          live_[m.client_id] = {m.instrument, m.slot, m.order};
          used_.insert(m.client_id);
        }
        break;
      case message::cancel:
        ++n_.cancels;
        if (live_.erase(m.client_id) == 0) ++n_.unknown;  // already filled or cancelled
        break;
      case message::amend:
        ++n_.amends;
        if (auto it = live_.find(m.client_id); it != live_.end()) it->second.order.qty = m.order.qty;
        else ++n_.unknown;
        break;
    }
  }

  std::deque<std::pair<std::int64_t, message>> inbox_;
  std::int64_t last_arrival_ = 0;
  std::map<std::string, live_order> live_;  // by client order id
  std::set<std::string> used_;              // every client order id ever accepted
  counters n_;
};

}  // namespace trading
