// reconcile::etcd::source<T>: the desired state under an etcd prefix, each value decoded
// from JSON into T (reconcile/json.hpp), kept in memory by a list-then-watch thread, and
// turned into controller triggers: notify(key) on every change, the key list for resync.
#pragma once

#include <reconcile/etcd/detail/guard.hpp>
#include <reconcile/etcd/detail/informer.hpp>
#include <reconcile/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// source_options: decoding strictness, the decode-error hook and the informer's pacing.
struct source_options {
  json_options json{};                          // e.g. unknown_members_are_errors
  // on_error(key, error): each value that fails to decode (on the source's thread); the
  // error's path() says where. The key keeps its previous value and is not notified.
  std::function<void(const std::string& key, const json_error& error)> on_error;
  std::int64_t page = 500;                      // keys per list request
  std::chrono::milliseconds retry{100};         // first wait after an error (doubles)
  std::chrono::milliseconds retry_max{2000};    // longest wait between attempts
  // min_relist: a resync of the attached controller relists etcd (level trigger) unless the
  // last list is younger than this.
  std::chrono::milliseconds min_relist{1000};
};

// decode_failure: why a key's latest value was not accepted (its previous value stays).
struct decode_failure {
  std::string path;          // where in the value, in the library's path syntax ("" = the top)
  std::string what;          // the json_error's message
  std::int64_t mod_revision = 0;
};

// source_metrics: counters of one source (monotonic) and its current size.
struct source_metrics {
  std::uint64_t lists = 0, events = 0, decode_errors = 0, compactions = 0, disconnects = 0, list_errors = 0;
  std::size_t keys = 0;    // keys with a decoded value
  std::size_t failing = 0; // keys whose latest value does not decode
};

// source<T>: starts listing and watching at construction; stops at destruction. Keys given
// to the controller and to get() are relative to the prefix. Thread-safe.
template <class T>
class source {
 public:
  using value_ptr = std::shared_ptr<const T>;

  source(const client& c, std::string prefix, source_options o = {})
      : prefix_(std::move(prefix)), opts_(std::move(o)),
        informer_(c, prefix_,
                  detail::informer::hooks{[this](range_result&& r) { on_list(std::move(r)); },
                                          [this](const watch_update& u) { on_update(u); }},
                  detail::informer::settings{true, false, opts_.page, opts_.retry, opts_.retry_max}) {
    informer_.start();
  }
  source(const source&) = delete;
  source& operator=(const source&) = delete;
  ~source() { informer_.stop(); }

  // stop(): stops listing and watching (no notify afterwards); call it, or destroy the
  // source, before the controller it is attached to goes.
  void stop() { informer_.stop(); }

  // attach(ctl): ctl is notified of every change (and now of every key already known) until
  // the attachment returned goes (declare it after ctl); ctl's lister (resync) becomes
  // keys(), relisting etcd first (call before ctl.step() or run(); the source must then
  // outlive ctl's last step or run).
  template <class Controller>
  attachment attach(Controller& ctl) {
    attachment a = notify_.attach(ctl);
    ctl.set_lister([this] {
      if (std::chrono::steady_clock::now() - last_list() >= opts_.min_relist) informer_.relist();
      return keys();
    });
    notify_(keys());
    return a;
  }
  // get(key): the latest decoded value, or null (absent, or no value of it ever decoded).
  value_ptr get(std::string_view key) const {
    std::lock_guard<std::mutex> g(mutex_);
    const auto it = cache_.find(std::string(key));
    return it == cache_.end() ? nullptr : it->second.value;
  }
  // failure(key): why key's latest value was refused; nullopt when it decoded.
  std::optional<decode_failure> failure(std::string_view key) const {
    std::lock_guard<std::mutex> g(mutex_);
    const auto it = cache_.find(std::string(key));
    if (it == cache_.end() || !it->second.error) return std::nullopt;
    return *it->second.error;
  }
  // keys(): every key with a decoded value. O(n) copy.
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    std::lock_guard<std::mutex> g(mutex_);
    out.reserve(cache_.size());
    for (const auto& [k, e] : cache_)
      if (e.value) out.push_back(k);
    return out;
  }
  // revision(): the etcd revision the cache reflects.
  std::int64_t revision() const {
    std::lock_guard<std::mutex> g(mutex_);
    return revision_;
  }
  // wait_synced(timeout): true once the first list is in.
  bool wait_synced(std::chrono::milliseconds timeout) const { return informer_.wait_synced(timeout); }
  // relist(): read the whole prefix again now (the watch restarts after it).
  void relist() { informer_.relist(); }

  source_metrics metrics() const {
    const detail::informer_counters c = informer_.counters();
    std::lock_guard<std::mutex> g(mutex_);
    source_metrics m = metrics_;
    m.lists = c.lists;
    m.compactions = c.compactions;
    m.disconnects = c.disconnects;
    m.list_errors = c.errors;
    for (const auto& [k, e] : cache_) {
      m.keys += e.value ? 1u : 0u;
      m.failing += e.error ? 1u : 0u;
    }
    return m;
  }

 private:
  struct entry {
    std::int64_t mod_revision = 0;
    value_ptr value;                      // the last value that decoded
    std::optional<decode_failure> error;  // set while the latest value does not decode
  };
  struct refusal {
    std::string key;
    json_error error;
  };

  std::chrono::steady_clock::time_point last_list() const {
    std::lock_guard<std::mutex> g(mutex_);
    return listed_at_;
  }

  // accept(key, kv, changed, refused): decodes kv into the cache (mutex held). A value that
  // does not decode leaves the previous one in place and is reported, not notified.
  void accept(const std::string& key, const key_value& kv, std::vector<std::string>& changed,
              std::vector<refusal>& refused) {
    entry& e = cache_[key];
    e.mod_revision = kv.mod_revision;
    try {
      e.value = std::make_shared<const T>(reconcile::from_json<T>(kv.value, opts_.json));
      e.error.reset();
      changed.push_back(key);
    } catch (const json_error& err) {
      ++metrics_.decode_errors;
      e.error = decode_failure{err.path().to_string(), err.what(), kv.mod_revision};
      refused.push_back({key, err});
    }
  }

  void report(std::vector<std::string>& changed, std::vector<refusal>& refused) {
    if (opts_.on_error)
      for (const auto& r : refused) opts_.on_error(r.key, r.error);
    notify_(changed);
  }

  void on_list(range_result&& r) {
    std::vector<std::string> changed;
    std::vector<refusal> refused;
    {
      std::lock_guard<std::mutex> g(mutex_);
      std::unordered_map<std::string, entry> old;
      old.swap(cache_);
      for (auto& kv : r.kvs) {
        std::string key = kv.key.substr(prefix_.size());
        auto it = old.find(key);
        if (it != old.end() && it->second.mod_revision == kv.mod_revision) {
          cache_.emplace(key, std::move(it->second));  // unchanged since we last saw it
        } else {
          if (it != old.end()) cache_.emplace(key, std::move(it->second));  // the last good value
          accept(key, kv, changed, refused);
        }
        if (it != old.end()) old.erase(it);
      }
      for (auto& [k, e] : old)
        if (e.value) changed.push_back(k);  // deleted while we were not watching
      revision_ = r.revision;
      listed_at_ = std::chrono::steady_clock::now();
    }
    report(changed, refused);
  }

  void on_update(const watch_update& u) {
    std::vector<std::string> changed;
    std::vector<refusal> refused;
    {
      std::lock_guard<std::mutex> g(mutex_);
      // A batch's header may carry the store's current revision while older events are still
      // to come, so only the events' own revisions move the cache forward.
      const std::int64_t floor = revision_;
      for (const auto& ev : u.events) {
        if (ev.kv.mod_revision <= floor) continue;  // already in the list we hold
        if (ev.kv.mod_revision > revision_) revision_ = ev.kv.mod_revision;
        ++metrics_.events;
        std::string key = ev.kv.key.substr(prefix_.size());
        if (ev.kind == event::type::erase) {
          const auto it = cache_.find(key);
          if (it == cache_.end()) continue;
          const bool had = it->second.value != nullptr;
          cache_.erase(it);
          if (had) changed.push_back(std::move(key));
        } else {
          accept(key, ev.kv, changed, refused);
        }
      }
    }
    report(changed, refused);
  }

  std::string prefix_;
  source_options opts_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> cache_;
  std::int64_t revision_ = 0;
  std::chrono::steady_clock::time_point listed_at_{};
  source_metrics metrics_;
  detail::notifier notify_;
  detail::informer informer_;  // last: its thread starts after the members above exist
};

}  // namespace reconcile::etcd
