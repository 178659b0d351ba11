// tests/kill9/venue.hpp - the world of the kill -9 loop: a venue kept in a directory, so that it
// outlives the order manager that a test kills with SIGKILL at random points.
//
// An order is a file venue/<request id>.<pid>.<n> holding "instrument slot qty wall_ms"; a
// cancel adds <file>.cxl. The venue does not dedupe request ids (the worst case: only the
// order manager's own memory, its journal, prevents a second order). Its feed shows an order
// only `lag` after it was placed, and a cancel only `lag` after it was sent (the ack delay).
// Each call takes about 1 ms; 10 % of new orders are rejected before they reach the book, and
// 20 % of accepted ones time out after acceptance (reconcile::outcome_unknown).
#pragma once

#include <reconcile/reconcile.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <unistd.h>

namespace kill9 {

struct Order {
  int qty = 0;
  bool operator==(const Order&) const = default;
};
using Book = std::map<std::string, Order>;  // by slot

inline std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The desired books: 4 instruments x 4 slots; and before the start, one stale order per
// instrument ("old") that must be cancelled.
inline std::map<std::string, Book> desired() {
  std::map<std::string, Book> d;
  for (const char* i : {"AAPL", "MSFT", "NVDA", "AMZN"})
    d[i] = {{"bid-0", {10}}, {"bid-1", {20}}, {"ask-0", {10}}, {"ask-1", {20}}};
  return d;
}

struct live_order {
  std::string file, instrument, slot;
  int qty = 0;
  std::int64_t placed = 0, cancelled = 0;  // wall ms; cancelled 0: live
};

class venue {
 public:
  venue(std::filesystem::path dir, std::int64_t lag_ms) : dir_(std::move(dir)), lag_(lag_ms) {
    std::filesystem::create_directories(dir_);
  }
  // Every order ever placed, with its cancel time.
  std::map<std::string, live_order> orders() const {
    std::map<std::string, live_order> all;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name.ends_with(".cxl") || name.ends_with(".tmp")) continue;
      live_order o;
      o.file = name;
      std::ifstream f(e.path());
      if (!(f >> o.instrument >> o.slot >> o.qty >> o.placed)) continue;
      std::ifstream c(e.path().string() + ".cxl");
      if (!(c >> o.cancelled)) o.cancelled = 0;
      all[name] = o;
    }
    return all;
  }
  // The feed: what an observer sees of an instrument's book now (lagging).
  Book feed(const std::string& instrument) const {
    const std::int64_t now = wall_ms();
    Book b;
    for (const auto& [name, o] : orders())
      if (o.instrument == instrument && o.placed + lag_ <= now && !(o.cancelled && o.cancelled + lag_ <= now))
        b[o.slot].qty = o.qty;
    return b;
  }
  // place(instrument, slot, qty, id): the order file, written whole (temp + rename).
  void place(const std::string& instrument, const std::string& slot, int qty, const std::string& id) {
    static int n = 0;
    const std::string name = id + "." + std::to_string(::getpid()) + "." + std::to_string(++n);
    write(name, instrument + " " + slot + " " + std::to_string(qty) + " " + std::to_string(wall_ms()));
  }
  void cancel(const std::string& instrument, const std::string& slot) {
    for (const auto& [name, o] : orders())
      if (o.instrument == instrument && o.slot == slot && !o.cancelled) write(name + ".cxl", std::to_string(wall_ms()));
  }
  // Seeds the stale orders (before the first run of a series).
  void seed_stale() {
    for (const auto& [i, book] : desired()) write("stale-" + i, i + " old 5 0");
  }

 private:
  void write(const std::string& name, const std::string& text) const {
    const auto tmp = dir_ / (name + ".tmp");
    {
      std::ofstream f(tmp);
      f << text << "\n";
    }
    std::filesystem::rename(tmp, dir_ / name);
  }
  std::filesystem::path dir_;
  std::int64_t lag_;
};

// The order manager's actuator on the venue.
struct session {
  venue& v;
  std::mt19937 rng{std::random_device{}()};
  std::string instrument;  // set by the observer before each key's pass
  std::size_t unknown = 0, rejected = 0;

  void pause() { std::this_thread::sleep_for(std::chrono::microseconds(800)); }
  void create(const std::string& slot, const Order& o, const reconcile::action& a) {
    pause();
    if (std::uniform_int_distribution<int>(0, 99)(rng) < 10) {
      ++rejected;
      throw std::runtime_error("rejected");
    }
    v.place(instrument, slot, o.qty, a.request_id());
    pause();
    if (std::uniform_int_distribution<int>(0, 99)(rng) < 20) {
      ++unknown;
      throw reconcile::outcome_unknown("timed out after the venue accepted it");
    }
  }
  void update(const std::string& slot, const Order&, const Order& o, const reconcile::changeset<Order>&,
              const reconcile::action& a) {
    v.cancel(instrument, slot);  // no amend at this venue: cancel, then a new order
    v.place(instrument, slot, o.qty, a.request_id());
  }
  void remove(const std::string& slot, const Order&) {
    pause();
    v.cancel(instrument, slot);
  }
};

// Live orders per (instrument, slot) beyond the first: the duplicates.
inline std::size_t duplicates(const venue& v) {
  std::map<std::pair<std::string, std::string>, std::size_t> live;
  std::size_t extra = 0;
  for (const auto& [name, o] : v.orders())
    if (!o.cancelled && ++live[{o.instrument, o.slot}] > 1) ++extra;
  return extra;
}

// True when every instrument's live orders are exactly the desired book.
inline bool converged(const venue& v) {
  std::map<std::string, Book> books;
  for (const auto& [name, o] : v.orders())
    if (!o.cancelled) books[o.instrument][o.slot].qty = o.qty;
  return books == desired();
}

}  // namespace kill9
