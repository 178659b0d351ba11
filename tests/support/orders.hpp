// tests/support/orders.hpp - the smallest trading world for the tests of effects, request ids
// and journals: an order (a quantity) per slot, a venue that books every order and records
// each request id it was sent, and a pass that plans and executes with one expectations
// object (plan_for checks and marks, execute holds and records).
//
//   orders::venue v;
//   orders::expecting e(30s);                     // on its own manual clock
//   e.pass(v.book, orders::Book{{"bid", {10}}}, v);   // -> reconcile::report
#pragma once

#include <reconcile/reconcile.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace orders {

struct Order {
  int qty = 0;
  bool operator==(const Order&) const = default;
};
using Book = std::map<std::string, Order>;  // by slot

// venue: books every order at once; ids holds the request id of every create, in order.
struct venue {
  Book book;
  std::vector<std::string> ids;
  void create(const std::string& k, const Order& o, const reconcile::action& a) {
    ids.push_back(a.request_id());
    book[k] = o;
  }
  void update(const std::string& k, const Order&, const Order& o, const reconcile::changeset<Order>&) { book[k] = o; }
  void remove(const std::string& k, const Order&) { book.erase(k); }
};

// pass(e, seen, desired, actuator): one plan_for + execute with expectations e.
template <class World, class Actuator>
reconcile::report pass(reconcile::expectations& e, const World& seen, const World& desired, Actuator& act) {
  reconcile::plan_options po;
  po.expect = &e;
  reconcile::execute_options eo;
  eo.expect = &e;
  return reconcile::execute(reconcile::plan_for(seen, desired, po), act, eo);
}

// expecting(ttl): a manual clock and expectations on it, the plan and execute options that
// use them, and their pass.
struct expecting {
  reconcile::manual_clock clock;
  reconcile::expectations expect;
  reconcile::plan_options po;
  reconcile::execute_options eo;
  explicit expecting(reconcile::duration ttl) : expect(ttl, &clock) {
    po.expect = &expect;
    eo.expect = &expect;
  }
  template <class World, class Actuator>
  reconcile::report pass(const World& seen, const World& desired, Actuator& act) {
    return orders::pass(expect, seen, desired, act);
  }
};

}  // namespace orders
