// reconcile/sim/injector.hpp - the fault decisions of one run and the effects in flight.
// Each decision is a counter-based draw: a hash of the seed, the tick, the category (call,
// read, event), the target and how many times that target was decided on in this tick. So a
// run is a function of its seed alone, and replaying a subset of its faults (as the shrinker
// does) injects exactly those, leaving every other decision as it was: none. Thread-safe.
#pragma once

#include <reconcile/sim/faults.hpp>
#include <reconcile/sim/rng.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reconcile::sim {

/// read_kind: a read of one resource, or one resource of a list (only lists miss resources).
enum class read_kind : unsigned char { one, list };

/// decision: what a fault decision is about (a fault's identity includes it).
enum class decision : unsigned char { call, read, event, world };

/// category(k): the decision a fault of kind k comes from.
constexpr decision category(fault_kind k) noexcept {
  switch (k) {
    case fault_kind::fail:
    case fault_kind::late:
    case fault_kind::lost_ack:
    case fault_kind::duplicate: return decision::call;
    case fault_kind::stale_read:
    case fault_kind::partial_read: return decision::read;
    case fault_kind::drop_event:
    case fault_kind::duplicate_event: return decision::event;
    default: return decision::world;
  }
}

/// injector(seed, options, fault_ticks): decides faults for ticks < fault_ticks and records
/// each one injected; holds the effects in flight (late effects, duplicate deliveries).
class injector {
 public:
  injector(std::uint64_t seed, const fault_options& o, std::uint64_t fault_ticks)
      : seed_(seed), opts_(o), fault_ticks_(fault_ticks) {}

  /// replay(s): from now on inject exactly the faults of s (matched by identity), no other.
  void replay(const schedule& s) {
    std::lock_guard lk(m_);
    replaying_ = true;
    only_.clear();
    for (const fault& f : s.faults) only_.emplace(identity(f.tick, category(f.kind), f.target, f.ordinal), f);
  }
  bool replaying() const noexcept { return replaying_; }
  std::uint64_t seed() const noexcept { return seed_; }
  const fault_options& options() const noexcept { return opts_; }
  /// faults_on(): the current tick is inside the fault window.
  bool faults_on() const noexcept { return tick_ < fault_ticks_; }
  std::uint64_t fault_ticks() const noexcept { return fault_ticks_; }
  std::uint64_t tick() const noexcept { return tick_; }
  /// set_tick(t): a new tick begins (ordinals restart).
  void set_tick(std::uint64_t t) {
    std::lock_guard lk(m_);
    tick_ = t;
    ordinals_.clear();
  }

  /// on_call(target, verb): the fault for this actuator call, if any (fail, late, lost_ack,
  /// duplicate); recorded.
  std::optional<fault> on_call(std::string_view target, std::string_view verb) {
    const double shares[] = {opts_.fail, opts_.late, opts_.lost_ack, opts_.duplicate};
    const fault_kind kinds[] = {fault_kind::fail, fault_kind::late, fault_kind::lost_ack, fault_kind::duplicate};
    return decide(decision::call, target, verb, [&](std::uint64_t h) -> std::optional<fault> {
      double u = unit(h), edge = 0;
      for (int i = 0; i < 4; ++i)
        if (u < (edge += shares[i])) {
          fault f;
          f.kind = kinds[i];
          const std::uint64_t p = mix(h);
          if (f.kind == fault_kind::fail) f.param = static_cast<std::uint32_t>(p & 1);
          if (f.kind == fault_kind::late) f.param = 1 + static_cast<std::uint32_t>(p % max1(opts_.max_delay_ticks));
          if (f.kind == fault_kind::duplicate) f.param = static_cast<std::uint32_t>(p % (opts_.max_delay_ticks + 1ULL));
          return f;
        }
      return std::nullopt;
    });
  }
  /// on_read(target, how): stale_read (param: age in ticks) or, in a list, partial_read.
  std::optional<fault> on_read(std::string_view target, read_kind how) {
    const double partial = how == read_kind::list ? opts_.partial_read : 0.0;
    return decide(decision::read, target, "read", [&](std::uint64_t h) -> std::optional<fault> {
      const double u = unit(h);
      fault f;
      if (u < partial) {
        f.kind = fault_kind::partial_read;
      } else if (u < partial + opts_.stale_read) {
        f.kind = fault_kind::stale_read;
        f.param = 1 + static_cast<std::uint32_t>(mix(h) % max1(opts_.max_stale_ticks));
      } else {
        return std::nullopt;
      }
      return f;
    });
  }
  /// on_event(target): drop_event or duplicate_event (param: ticks later) for one notification.
  std::optional<fault> on_event(std::string_view target) {
    return decide(decision::event, target, "notify", [&](std::uint64_t h) -> std::optional<fault> {
      const double u = unit(h);
      fault f;
      if (u < opts_.drop_event) {
        f.kind = fault_kind::drop_event;
      } else if (u < opts_.drop_event + opts_.duplicate_event) {
        f.kind = fault_kind::duplicate_event;
        f.param = 1 + static_cast<std::uint32_t>(mix(h) % max1(opts_.max_delay_ticks));
      } else {
        return std::nullopt;
      }
      return f;
    });
  }
  /// world_faults(kind): while replaying, the faults of that kind (drift, crash, churn) to
  /// inject at this tick; the world generates them itself otherwise (and calls record()).
  std::vector<fault> world_faults(fault_kind k) const {
    std::lock_guard lk(m_);
    std::vector<fault> out;
    for (const auto& [id, f] : only_)
      if (f.kind == k && f.tick == tick_) out.push_back(f);
    std::sort(out.begin(), out.end(), [](const fault& a, const fault& b) { return a.ordinal < b.ordinal; });
    return out;
  }
  /// record(f): appends a world fault the world injected now (f.tick is set to the tick).
  void record(fault f) {
    std::lock_guard lk(m_);
    f.tick = tick_;
    recorded_.faults.push_back(std::move(f));
  }
  /// recorded(): every fault injected so far, in order.
  const schedule& recorded() const noexcept { return recorded_; }

  /// defer(ticks, effect): runs effect at the start of tick() + ticks (land_due()).
  void defer(std::uint64_t ticks, std::function<void()> effect) {
    std::lock_guard lk(m_);
    in_flight_.emplace(tick_ + ticks, std::move(effect));
  }
  /// land_due(): runs the effects due by now, in the order they were deferred; returns how many.
  std::size_t land_due() {
    std::vector<std::function<void()>> due;
    {
      std::lock_guard lk(m_);
      auto end = in_flight_.upper_bound(tick_);
      for (auto it = in_flight_.begin(); it != end; ++it) due.push_back(std::move(it->second));
      in_flight_.erase(in_flight_.begin(), end);
    }
    for (auto& e : due) e();
    return due.size();
  }
  /// in_flight(): effects not landed yet.
  std::size_t in_flight() const {
    std::lock_guard lk(m_);
    return in_flight_.size();
  }

 private:
  static std::uint64_t max1(std::uint32_t n) noexcept { return n ? n : 1; }
  std::uint64_t identity(std::uint64_t tick, decision c, std::string_view target, std::uint32_t ordinal) const {
    return draw(seed_, tick, static_cast<std::uint64_t>(c), hash_text(target), ordinal);
  }
  template <class Pick>
  std::optional<fault> decide(decision c, std::string_view target, std::string_view note, Pick&& pick) {
    std::lock_guard lk(m_);
    if (tick_ >= fault_ticks_ && !replaying_) return std::nullopt;
    const std::uint64_t slot = draw(static_cast<std::uint64_t>(c), hash_text(target));
    const std::uint32_t ordinal = ordinals_[slot]++;
    const std::uint64_t id = identity(tick_, c, target, ordinal);
    std::optional<fault> f;
    if (replaying_) {
      if (auto it = only_.find(id); it != only_.end()) f = it->second;
    } else {
      f = pick(id);
    }
    if (!f) return f;
    f->tick = tick_;
    f->target = std::string(target);
    f->ordinal = ordinal;
    f->note = std::string(note);
    recorded_.faults.push_back(*f);
    return f;
  }

  std::uint64_t seed_;
  fault_options opts_;
  std::uint64_t fault_ticks_;
  std::uint64_t tick_ = 0;
  bool replaying_ = false;
  mutable std::mutex m_;
  std::unordered_map<std::uint64_t, std::uint32_t> ordinals_;
  std::unordered_map<std::uint64_t, fault> only_;
  std::multimap<std::uint64_t, std::function<void()>> in_flight_;
  schedule recorded_;
};

}  // namespace reconcile::sim
