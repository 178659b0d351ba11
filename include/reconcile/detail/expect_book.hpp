// expect_book: what reconcile::expectations keep, read and written under their lock: the
// expectation per address (indexed by slice too, so that a slice's pass visits only its own
// entries), the latest attempt per address, the idempotency keys recorded without an address,
// and the journal (intent_log) the intents and attempts go to and are reloaded from. The
// expectations object (expectations.hpp) adds the lock, the clock and the rules of admission.
// Part of expectations.hpp.
#pragma once

#include <reconcile/action.hpp>
#include <reconcile/clock.hpp>
#include <reconcile/detail/expect_entry.hpp>
#include <reconcile/detail/intent_log.hpp>
#include <reconcile/journal.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace reconcile::detail {

struct expect_book {
  explicit expect_book(duration t) : ttl(t) {}

  // An expectation is fresh until ttl after it was issued; an expired one counts for nothing.
  bool fresh(time_point since, time_point now) const noexcept { return now - since < ttl; }

  static std::string joined(const std::string& slice, const std::string& address) {
    return intent_log::joined(slice, address);
  }

  void open_attempt(const action& a, const std::string& slice) {
    attempts[joined(slice, a.address())] = {a.idempotency_key(), a.attempt(), true, slice, a.address()};
  }
  void close_attempt(const std::string& id) {
    auto at = attempts.find(id);
    if (at == attempts.end() || !at->second.open) return;
    at->second.open = false;
    if (log) log.settled(at->second.slice, at->second.address, at->second.key, at->second.n);
  }
  // Replays the journal: open intents come back in flight (phase restored) with the rest of
  // their TTL; an expired one is settled, as it would have been without the restart (the
  // next action there is a new attempt, with a new request id).
  void reload(time_point now) {
    log.replay([&](const std::string& id, const journal_record& r, std::chrono::milliseconds age) {
      const bool open = r.what == journal_record::what_t::issued && age < ttl;
      attempts[id] = {r.idempotency_key, r.attempt, open, r.slice, r.address};
      if (!open) return;
      const std::size_t lb = r.address.find('['), rb = r.address.rfind(']');
      std::string key = lb != std::string::npos && rb > lb ? r.address.substr(lb + 1, rb - lb - 1) : "";
      auto target = std::make_unique<restored_target>(r.kind_index, std::move(key), r.target_hash);
      put(id, {r.idempotency_key, now - std::chrono::duration_cast<duration>(age), r.verb, std::move(target),
               expect_phase::restored, r.slice});
    });
  }

  // The entries by id, indexed by slice too: a slice's pass visits only its own entries.
  void put(const std::string& id, expect_entry e) {
    slices[e.slice].insert(id);
    by_address[id] = std::move(e);
  }
  bool drop(const std::string& id) {
    auto it = by_address.find(id);
    if (it == by_address.end()) return false;
    if (auto s = slices.find(it->second.slice); s != slices.end() && s->second.erase(id) && s->second.empty())
      slices.erase(s);
    by_address.erase(it);
    return true;
  }
  // Erases the entries of `slice` that pred(id, entry) accepts.
  template <class Pred>
  void erase_in_slice(const std::string& slice, Pred pred) {
    auto s = slices.find(slice);
    if (s == slices.end()) return;
    std::vector<std::string> gone;
    for (const std::string& id : s->second)
      if (pred(id, by_address.at(id))) gone.push_back(id);
    for (const std::string& id : gone) drop(id);
  }
  // The address expectations, not expired, that `pred` accepts.
  template <class Pred>
  std::size_t count_fresh(time_point now, Pred pred) const {
    std::size_t n = 0;
    for (const auto& [id, e] : by_address)
      if (fresh(e.since, now) && pred(e)) ++n;
    return n;
  }
  // The expectations not met yet and not expired: by address, and by idempotency key alone.
  std::size_t pending(time_point now) const {
    std::size_t n = count_fresh(now, [](const expect_entry&) { return true; });
    for (const auto& [key, since] : by_key)
      if (fresh(since, now)) ++n;
    return n;
  }
  // Whether an action with idempotency key `key` is in flight (issued, not expired, not met).
  bool in_flight(std::uint64_t key, time_point now) const {
    if (auto it = by_key.find(key); it != by_key.end() && fresh(it->second, now)) return true;
    for (const auto& [address, e] : by_address)
      if (e.id == key && fresh(e.since, now)) return true;
    return false;
  }
  static bool met(const expect_entry& e, const action& later) {
    return e.state != expect_phase::issuing && e.target && e.target->met_by(later);
  }
  std::string why(const expect_entry& e, time_point now) const { return waiting_reason(e, now, ttl); }

  duration ttl;
  intent_log log;
  std::unordered_map<std::string, expect_entry> by_address;
  std::unordered_map<std::string, std::unordered_set<std::string>> slices;  // slice -> ids
  std::unordered_map<std::uint64_t, time_point> by_key;
  std::unordered_map<std::string, attempt_record> attempts;
};

}  // namespace reconcile::detail
