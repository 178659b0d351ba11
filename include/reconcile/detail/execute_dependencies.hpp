// dependencies: which actions of a plan wait for which, by kind (the default) or per resource
// (plan_options::depends_on), and the decision to skip or hold an action whose dependency
// failed or is in flight. Part of execute.hpp.
#pragma once

#include <reconcile/detail/execute_impl.hpp>
#include <reconcile/expectations.hpp>
#include <reconcile/plan.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace reconcile::detail {

class dependencies {
 public:
  template <class World>
  dependencies(const plan<World>& p, bool expecting)
      : n_(p.size()), kinds_(world_field_count<World>()), expecting_(expecting), root_(p.size()),
        slice_(plan_access::slice(p)) {
    for (std::size_t i = 0; i < n_; ++i) {
      kind_.push_back(p[i].kind_index());
      destroy_.push_back(p[i].verb() == verb::remove);
    }
    const auto& needs = plan_access::needs(p);
    per_resource_ = needs.size() == n_ && n_ > 0;
    if (!per_resource_) {
      build_failed_.resize(kinds_);
      destroy_failed_.resize(kinds_);
      build_unknown_.resize(kinds_);
      destroy_unknown_.resize(kinds_);
      return;
    }
    std::unordered_map<std::string, std::size_t> build_at, destroy_at;
    for (std::size_t i = 0; i < n_; ++i) (destroy_[i] ? destroy_at : build_at).emplace(p[i].address(), i);
    on_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i)
      for (const std::string& address : needs[i]) {
        if (!destroy_[i]) {
          auto it = build_at.find(address);
          on_[i].push_back({it == build_at.end() ? npos : it->second, address});
        } else if (auto it = destroy_at.find(address); it != destroy_at.end()) {
          on_[it->second].push_back({i, p[i].address()});  // removing `address` waits for i's remove
        }
      }
  }

  // One past the last action of the wave starting at i: same kind and phase, and (per resource)
  // none depending on another of the wave.
  std::size_t wave_end(std::size_t i) const {
    std::size_t j = i + 1;
    for (; j < n_ && kind_[j] == kind_[i] && destroy_[j] == destroy_[i]; ++j)
      if (per_resource_)
        for (const auto& d : on_[j])
          if (d.index != npos && d.index >= i && d.index < j) return j;
    return j;
  }

  // Decides `o` when action idx must not run: skipped (a dependency failed or was skipped) or
  // held (one is in flight). Returns whether it decided. Reads only earlier waves' outcomes.
  bool block(std::size_t idx, const std::vector<outcome>& outcomes, const expectations* expect, outcome& o) {
    return per_resource_ ? block_per_resource(idx, outcomes, expect, o) : block_by_kind(idx, o);
  }

  // Records the wave's failures and unknown outcomes for the kinds depending on it.
  void after_wave(std::size_t i, std::size_t j, const std::vector<outcome>& outcomes) {
    if (per_resource_) return;
    const std::size_t k = kind_[i];
    auto& failed = (destroy_[i] ? destroy_failed_ : build_failed_)[k];
    auto& unknown = (destroy_[i] ? destroy_unknown_ : build_unknown_)[k];
    for (std::size_t idx = i; idx < j; ++idx) {
      const outcome& o = outcomes[idx];
      if (!failed && (o.status == outcome_status::failed || o.status == outcome_status::skipped))
        failed = root_[idx].empty() ? o.address : root_[idx];
      if (!unknown && o.status == outcome_status::unknown) unknown = o.address;
    }
  }

 private:
  struct edge {
    std::size_t index;    // the action it waits for, or npos: an address without action here
    std::string address;  // that address
  };

  bool block_by_kind(std::size_t idx, outcome& o) {
    const std::size_t k = kind_[idx];
    const bool destroy = destroy_[idx];
    auto earlier = [&](const std::vector<std::optional<std::string>>& v) -> const std::string* {
      if (destroy) {
        for (std::size_t m = k + 1; m < kinds_; ++m)
          if (v[m]) return &*v[m];
      } else {
        for (std::size_t m = 0; m < k; ++m)
          if (v[m]) return &*v[m];
      }
      return nullptr;
    };
    if (const std::string* f = earlier(destroy ? destroy_failed_ : build_failed_)) {
      o.status = outcome_status::skipped;
      o.error = "depends on " + *f + ", which failed";
      root_[idx] = *f;
      return true;
    }
    if (const std::string* u = earlier(destroy ? destroy_unknown_ : build_unknown_)) {
      o.status = outcome_status::held;
      o.error = "depends on " + *u + ", whose outcome is unknown";
      return true;
    }
    return false;
  }

  bool block_per_resource(std::size_t idx, const std::vector<outcome>& outcomes, const expectations* expect,
                          outcome& o) {
    std::string held;
    for (const edge& d : on_[idx]) {
      if (d.index == npos) {
        if (held.empty() && expect && expect->in_flight_at(d.address, slice_))
          held = "depends on " + d.address + ", in flight and not yet observed";
        continue;
      }
      if (d.index > idx) {
        if (held.empty()) held = "depends on " + d.address + ", which comes later in the plan";
        continue;
      }
      const outcome& dep = outcomes[d.index];
      switch (dep.status) {
        case outcome_status::failed:
        case outcome_status::skipped:
          root_[idx] = root_[d.index].empty() ? dep.address : root_[d.index];
          o.status = outcome_status::skipped;
          o.error = "depends on " + root_[idx] + ", which failed";
          return true;
        case outcome_status::unknown:
          if (held.empty()) held = "depends on " + d.address + ", whose outcome is unknown";
          break;
        case outcome_status::expected:
        case outcome_status::held:
          if (held.empty()) held = "depends on " + d.address + ", in flight and not yet observed";
          break;
        case outcome_status::succeeded:
          if (held.empty() && expecting_) held = "depends on " + d.address + ", issued now and not yet observed";
          break;
      }
    }
    if (held.empty()) return false;
    o.status = outcome_status::held;
    o.error = std::move(held);
    return true;
  }

  std::size_t n_, kinds_;
  bool expecting_;
  bool per_resource_ = false;
  std::vector<std::size_t> kind_;
  std::vector<bool> destroy_;
  std::vector<std::vector<edge>> on_;  // per resource: what each action waits for
  std::vector<std::string> root_;      // the failure at the root of a skip
  std::string slice_;                  // the plan's slice (for in_flight_at)
  std::vector<std::optional<std::string>> build_failed_, destroy_failed_, build_unknown_, destroy_unknown_;
};

}  // namespace reconcile::detail
