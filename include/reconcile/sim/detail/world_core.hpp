// The state of a simulated world and the phases of one tick, shared by world::run (one
// thread, step()) and run_threads (run() workers); which keys converged is kept in
// convergence.hpp. Part of sim/world.hpp.
#pragma once

#include <reconcile/clock.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/plan.hpp>
#include <reconcile/sim/actuator.hpp>
#include <reconcile/sim/checkers.hpp>
#include <reconcile/sim/detail/convergence.hpp>
#include <reconcile/sim/injector.hpp>
#include <reconcile/sim/journal.hpp>
#include <reconcile/sim/options.hpp>
#include <reconcile/sim/store.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reconcile::sim::detail {

// Salts of the world's own draws (drift, churn, crash), so they never meet a fault decision's.
enum salt : std::uint64_t { drift_count = 0xd1, drift_key, drift_how, drift_rng, churn_pick, churn_tick, churn_rng, crash_tick };

template <class K, class R, class Ret>
class world_core {
 public:
  using resources = std::map<K, R>;
  using actuator_type = faulty_actuator<store<K, R>, Ret>;

  explicit world_core(world_options<K, R> o)
      : opts_(std::move(o)), store_(opts_.faults.max_stale_ticks, opts_.dedupe_ticks) {
    std::set<K> keys;
    for (const auto& [k, r] : opts_.initial) keys.insert(k);
    for (const auto& [k, r] : opts_.desired) keys.insert(k);
    keys_.assign(keys.begin(), keys.end());
    for (const K& k : keys_) key_of_.emplace(store<K, R>::address(k), k);
  }

  // --- what the controller under test uses (thread-safe) --------------------------------
  reconcile::clock& clock() noexcept { return *clock_; }
  actuator_type& actuator() noexcept { return *act_; }
  std::optional<R> read(const K& k) { return read_as(k, read_kind::one); }
  resources list() {
    resources out;
    for (const K& k : keys_)
      if (auto r = read_as(k, read_kind::list)) out.emplace_hint(out.end(), k, std::move(*r));
    return out;
  }
  std::optional<R> desired(const K& k) const {
    std::lock_guard lk(desired_m_);
    auto it = desired_.find(k);
    return it == desired_.end() ? std::nullopt : std::optional<R>(it->second);
  }
  const std::vector<K>& keys() const noexcept { return keys_; }
  sim::journal& journal() noexcept { return journal_; }
  sim::journal& journal(const K& k) {
    std::lock_guard lk(journals_m_);
    return journals_[k];
  }
  void enter(const K& k) {
    std::lock_guard lk(active_m_);
    if (!active_.insert(k).second)
      flag(check::concurrent_reconcile, store<K, R>::address(k) + " is reconciled twice at once");
  }
  void leave(const K& k) {
    std::lock_guard lk(active_m_);
    active_.erase(k);
  }
  void flag(check c, std::string text) {
    std::lock_guard lk(flags_m_);
    if (violations_.size() < 1000) violations_.push_back({c, tick_.load(), std::move(text)});
  }

  // --- between ticks (the driving thread) ------------------------------------------------
  const resources& truth() const noexcept { return store_.truth(); }
  const resources& desired_state() const noexcept { return desired_; }
  std::uint64_t tick() const noexcept { return tick_; }
  const world_options<K, R>& options() const noexcept { return opts_; }

  // --- the phases of a run (world inherits privately; run_threads uses world_access) -----
  void reset(const schedule* only) {
    clock_ = std::make_unique<manual_clock>();
    inj_ = std::make_unique<injector>(opts_.seed, opts_.faults, opts_.fault_ticks);
    if (only) inj_->replay(*only);
    act_ = std::make_unique<actuator_type>(store_, *inj_);
    store_.reset(opts_.initial);
    journal_.clear();
    {
      std::lock_guard lk(journals_m_);
      journals_.clear();
    }
    desired_ = opts_.desired;
    tick_ = 0;
    violations_.clear();
    events_.clear();
    churn_at_.clear();
    crash_at_.clear();
    crashes_ = duplicates_seen_ = 0;
    const std::uint64_t window = opts_.fault_ticks > 1 ? opts_.fault_ticks - 1 : 1;
    const std::uint64_t seed = opts_.seed;
    for (const auto& [k, r] : desired_) {
      const std::uint64_t h = hash_text(store<K, R>::address(k));
      if (unit(draw(seed, churn_pick, h)) < opts_.faults.churn) churn_at_.emplace(1 + draw(seed, churn_tick, h) % window, k);
    }
    for (std::uint32_t i = 0; crash_at_.size() < std::min<std::uint64_t>(opts_.faults.crashes, window); ++i)
      crash_at_.insert(1 + draw(seed, crash_tick, i) % window);
    conv_.reset(keys_, [&](const K& k) { return converged(k); });
  }
  void begin_tick(std::uint64_t t) {
    if (t > tick_) clock_->advance(opts_.tick * static_cast<std::int64_t>(t - tick_));
    tick_ = t;
    inj_->set_tick(t);
    store_.set_tick(t);
    world_ordinal_ = 0;
    inj_->land_due();
  }
  bool crash_due() {
    const bool due = inj_->replaying() ? !inj_->world_faults(fault_kind::crash).empty()
                                       : tick_ < opts_.fault_ticks && crash_at_.contains(tick_);
    if (due) {
      record(fault_kind::crash, "controller");
      journal_.crash();
      std::lock_guard lk(journals_m_);
      for (auto& [k, j] : journals_) j.crash();
      ++crashes_;
    }
    return due;
  }
  void drift_and_churn() {
    const std::uint64_t seed = opts_.seed, t = tick_;
    if (inj_->replaying()) {
      for (fault_kind k : {fault_kind::drift_delete, fault_kind::drift_mutate, fault_kind::churn})
        for (const fault& f : inj_->world_faults(k))
          if (auto it = key_of_.find(f.target); it != key_of_.end()) apply_world_fault(k, it->second);
      return;
    }
    if (t >= opts_.fault_ticks) return;
    const double rate = opts_.faults.drift_per_tick;
    const double whole = std::floor(rate);
    auto n = static_cast<std::uint64_t>(whole) + (unit(draw(seed, drift_count, t)) < rate - whole ? 1 : 0);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::optional<K> k = store_.live_key(draw(seed, drift_key, t, i));
      if (!k) break;
      const bool mutate = (draw(seed, drift_how, t, i) & 1) && (opts_.drift || opts_.churn);
      apply_world_fault(mutate ? fault_kind::drift_mutate : fault_kind::drift_delete, *k);
    }
    auto [first, last] = churn_at_.equal_range(t);
    for (auto it = first; it != last; ++it) apply_world_fault(fault_kind::churn, it->second);
  }
  // Delivers the notifications due now, through the event faults, to c.notify(key).
  template <class C>
  void deliver(C& c) {
    auto last = events_.upper_bound(tick_);
    std::vector<K> due;
    for (auto it = events_.begin(); it != last; ++it) due.push_back(it->second);
    events_.erase(events_.begin(), last);
    for (const K& k : due) {
      const auto f = inj_->on_event(store<K, R>::address(k));
      if (f && f->kind == fault_kind::drop_event) continue;
      if (f) events_.emplace(tick_ + f->param, k);
      c.notify(k);
    }
  }
  // After the controller ran: changed keys become events, convergence and checks are updated.
  void end_tick() {
    std::vector<K> changed = store_.take_changes();
    changed.insert(changed.end(), desired_changed_.begin(), desired_changed_.end());
    desired_changed_.clear();
    for (const K& k : changed) {
      events_.emplace(tick_ + 1, k);
      conv_.mark(k, converged(k), tick_.load());
    }
    const auto dups = store_.duplicates();
    for (; duplicates_seen_ < dups.size(); ++duplicates_seen_) {
      const duplicate_create& d = dups[duplicates_seen_];
      flag(check::duplicate_effect, "second create of " + d.address + " (request " + d.second_request +
                                        ", live under request " + d.first_request + ")");
    }
    if (!opts_.invariants.empty())
      store_.with_truth([&](const resources& truth) {
        for (const auto& inv : opts_.invariants)
          if (!inv.holds(truth, desired_)) flag(check::invariant, inv.name);
      });
  }
  bool settled() const { return tick_ >= opts_.fault_ticks && conv_.unconverged() == 0 && inj_->in_flight() == 0; }
  // The checks at the end and the figures; `converged_at`: when every key had converged.
  report finish(std::optional<std::uint64_t> converged_at, std::uint64_t ticks) {
    report rep;
    rep.seed = opts_.seed;
    rep.faults = inj_->recorded();
    if (!converged_at) {
      const std::string some = conv_.some_unconverged(5, [](const K& k) { return store<K, R>::address(k); });
      flag(check::convergence, std::to_string(conv_.unconverged()) + " keys not converged " +
                                   std::to_string(opts_.converge_within) + " ticks after the faults stopped, e.g." + some);
    } else if (const auto p = plan_for(store_.truth(), desired_); !p.empty()) {
      flag(check::idempotence, "plan_for(truth, desired) still has " + std::to_string(p.size()) + " actions");
    }
    const auto calls = act_->calls_by_address();
    run_stats& s = rep.stats;
    for (const auto& [address, n] : calls) {
      s.max_calls_per_key = std::max(s.max_calls_per_key, n);
      if (opts_.max_calls_per_key && n > opts_.max_calls_per_key)
        flag(check::call_bound, address + " got " + std::to_string(n) + " actuator calls (bound " +
                                    std::to_string(opts_.max_calls_per_key) + ")");
    }
    rep.violations = violations_;
    s.keys = keys_.size();
    s.ticks = ticks;
    s.fault_ticks = opts_.fault_ticks;
    s.converged = converged_at.has_value();
    s.converged_tick = converged_at.value_or(0);
    s.actuator_calls = act_->calls();
    s.calls_per_key = keys_.empty() ? 0 : static_cast<double>(s.actuator_calls) / static_cast<double>(keys_.size());
    s.duplicates = duplicates_seen_;
    s.crashes = crashes_;
    conv_.figures(s);
    return rep;
  }

  world_options<K, R> opts_;
  store<K, R> store_;
  std::unique_ptr<manual_clock> clock_;
  std::unique_ptr<injector> inj_;
  std::unique_ptr<actuator_type> act_;
  sim::journal journal_;
  std::mutex journals_m_;
  std::map<K, sim::journal> journals_;  // per key, for per-key expectations

 private:
  std::optional<R> read_as(const K& k, read_kind how) {
    const auto f = inj_->on_read(store<K, R>::address(k), how);
    if (f && f->kind == fault_kind::partial_read) return std::nullopt;
    return store_.as_of(k, f ? f->param : 0);
  }
  bool converged(const K& k) const {
    const std::optional<R> have = store_.get(k);
    auto want = desired_.find(k);
    if (!have || want == desired_.end()) return !have == (want == desired_.end());
    return reconcile::equal(*have, want->second);
  }
  void record(fault_kind kind, std::string target) {
    fault f;
    f.kind = kind;
    f.target = std::move(target);
    f.ordinal = world_ordinal_++;
    inj_->record(std::move(f));
  }
  void apply_world_fault(fault_kind kind, const K& k) {
    const std::string address = store<K, R>::address(k);
    rng g(draw(opts_.seed, drift_rng, tick_.load(), hash_text(address), static_cast<std::uint64_t>(kind)));
    if (kind == fault_kind::churn) {
      std::lock_guard lk(desired_m_);
      auto it = desired_.find(k);
      if (it == desired_.end() || !opts_.churn) return;
      opts_.churn(k, it->second, g);
      desired_changed_.push_back(k);
    } else if (kind == fault_kind::drift_delete) {
      store_.erase(k);
    } else {
      std::optional<R> live = store_.get(k);
      if (!live) return;
      (opts_.drift ? opts_.drift : opts_.churn)(k, *live, g);
      store_.put(k, *live);
    }
    record(kind, address);
  }

  std::vector<K> keys_;
  std::map<std::string, K> key_of_;
  resources desired_;
  mutable std::mutex desired_m_;
  std::vector<K> desired_changed_;
  std::mutex active_m_;
  std::set<K> active_;
  std::mutex flags_m_;
  std::vector<violation> violations_;
  std::multimap<std::uint64_t, K> events_;
  std::multimap<std::uint64_t, K> churn_at_;
  std::set<std::uint64_t> crash_at_;
  convergence<K> conv_;
  std::atomic<std::uint64_t> tick_{0};
  std::uint32_t world_ordinal_ = 0;
  std::size_t crashes_ = 0, duplicates_seen_ = 0;
};

}  // namespace reconcile::sim::detail
