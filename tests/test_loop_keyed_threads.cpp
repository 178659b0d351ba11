// Threaded tests (also run under TSan) of keyed_loop's world-level parallelism, of execute's
// pool (one per execute, reused across waves) and of execute_options::call_timeout (a call
// still running at its timeout has its stop_token stopped and is reported unknown).
#include <doctest/doctest.h>

#include <reconcile/reconcile.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "support/orders.hpp"

using namespace std::chrono_literals;

namespace {

using orders::Book;
using orders::Order;

// A thread-safe venue that counts calls at once and the threads they ran on.
struct venue {
  std::mutex m;
  std::map<std::string, Book> books;
  std::atomic<int> now{0}, max{0};
  std::set<std::thread::id> threads;
  void enter() {
    const int n = ++now;
    int seen = max.load();
    while (n > seen && !max.compare_exchange_weak(seen, n)) {
    }
    std::this_thread::sleep_for(1ms);
    --now;
  }
  Book book(const std::string& i) {
    std::lock_guard lk(m);
    return books[i];
  }
  void put(const std::string& i, const std::string& slot, const Order* o) {
    std::lock_guard lk(m);
    threads.insert(std::this_thread::get_id());
    if (o) books[i][slot] = *o;
    else books[i].erase(slot);
  }
};

// The actuator of one instrument's slice: the instrument is carried in the key ("AAPL/bid-0").
struct session {
  venue& v;
  static std::pair<std::string, std::string> split(const std::string& k) {
    const auto at = k.find('/');
    return {k.substr(0, at), k.substr(at + 1)};
  }
  void create(const std::string& k, const Order& o) {
    v.enter();
    v.put(split(k).first, split(k).second, &o);
  }
  void update(const std::string& k, const Order&, const Order& o, const reconcile::changeset<Order>&) {
    v.enter();
    v.put(split(k).first, split(k).second, &o);
  }
  void remove(const std::string& k, const Order&) {
    v.enter();
    v.put(split(k).first, split(k).second, nullptr);
  }
};

Book quotes(const std::string& i) {
  Book b;
  for (int s = 0; s < 6; ++s) b[i + "/slot-" + std::to_string(s)] = {10 + s};
  return b;
}
Book slice_of(venue& v, const std::string& i) {
  Book b;
  for (const auto& [slot, o] : v.book(i)) b[i + "/" + slot] = o;
  return b;
}

}  // namespace

TEST_CASE("keyed_loop_options::parallelism") {
  venue v;
  session s{v};
  reconcile::keyed_loop_options opts;
  opts.controller.workers = 4;
  opts.parallelism = 2;  // across all keys
  opts.confirm_after = 1ms;
  opts.poll_in_flight = 1ms;
  const std::vector<std::string> keys{"A", "B", "C", "D", "E", "F"};
  reconcile::keyed_loop<std::string, Book, session> lp(
      opts, [&](const std::string& i) { return slice_of(v, i); }, [](const std::string& i) { return quotes(i); },
      s);
  {
    std::jthread runner([&](std::stop_token st) { lp.run(st); });
    for (const auto& k : keys) lp.notify(k);
    for (int i = 0; i < 2000 && lp.in_flight() + [&] {
                                   std::size_t missing = 0;
                                   for (const auto& k : keys) missing += slice_of(v, k) == quotes(k) ? 0u : 1u;
                                   return missing;
                                 }() > 0;
         ++i)
      std::this_thread::sleep_for(5ms);
  }
  for (const auto& k : keys) CHECK(slice_of(v, k) == quotes(k));
  CHECK(v.max <= 2);
  CHECK(v.max >= 1);
}

TEST_CASE("execute_options::parallelism: one pool per execute") {
  venue v;
  session s{v};
  // Six kinds' worth of waves: a world of six maps, each a wave.
  struct World {
    Book a, b, c, d, e, f;
  };
  World want;
  for (Book* k : {&want.a, &want.b, &want.c, &want.d, &want.e, &want.f}) *k = quotes("X");
  reconcile::execute_options eo;
  eo.parallelism = 3;
  const auto r = reconcile::execute(reconcile::plan_for(World{}, want), s, eo);
  CHECK(r.count(reconcile::outcome_status::succeeded) == 36);
  CHECK(v.threads.size() <= 3);  // the caller and two pool threads, whatever the number of waves
  CHECK(v.max <= 3);
}

namespace {
// A call that waits for its stop_token (up to 10 s): stands for a request without an answer.
struct hanging {
  void create(const std::string&, const Order&, std::stop_token st) {
    for (int i = 0; i < 10000 && !st.stop_requested(); ++i) std::this_thread::sleep_for(1ms);
    if (st.stop_requested()) throw std::runtime_error("no answer");
  }
  void update(const std::string&, const Order&, const Order&, const reconcile::changeset<Order>&) {}
  void remove(const std::string&, const Order&) {}
};
}  // namespace

TEST_CASE("execute_options::call_timeout") {
  hanging h;
  reconcile::execute_options eo;
  eo.call_timeout = 20ms;
  const auto r = reconcile::execute(reconcile::plan_for(Book{}, Book{{"a", {1}}, {"b", {2}}}), h, eo);
  REQUIRE(r.outcomes.size() == 2);
  CHECK(r.outcomes[0].status == reconcile::outcome_status::unknown);
  CHECK(r.outcomes[0].error == "stopped in flight (timeout or stop): no answer");
  CHECK(r.outcomes[1].status == reconcile::outcome_status::unknown);  // each call has its own timeout
}
