// What election and shard share: calling a user's reconciler with either signature and running
// it cancellably, the table of reconciles in flight (each cancellable through its own
// stop_source), the controller's notify behind an attachment, fenced transactions, the default
// member name, and rendezvous hashing.
#pragma once

#include <reconcile/etcd/attachment.hpp>
#include <reconcile/etcd/client.hpp>
#include <reconcile/result.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <unistd.h>

namespace reconcile::etcd::detail {

template <class F>
inline constexpr bool is_reconciler = std::is_invocable_r_v<result, F&, const std::string&, const std::stop_token&> ||
                                      std::is_invocable_r_v<result, F&, const std::string&>;

// call(f, key, token): f(key, token) or f(key).
template <class F>
result call(F& f, const std::string& key, const std::stop_token& st) {
  if constexpr (std::is_invocable_r_v<result, F&, const std::string&, const std::stop_token&>)
    return f(key, st);
  else
    return f(key);
}

// run_guarded(f, key, run, mine, finish): f(key, mine's token), run's stop forwarded to mine.
// finish() runs after f, also when f throws, and says whether the guard cancelled it (not the
// controller): then f's result, or exception, is dropped and done() returned (finish parked
// the key).
template <class F, class Finish>
result run_guarded(F& f, const std::string& key, const std::stop_token& run, std::stop_source& mine, Finish& finish) {
  result r = result::done();
  try {
    std::stop_callback link(run, [&mine] { mine.request_stop(); });
    r = call(f, key, mine.get_token());
  } catch (...) {
    if (finish()) return result::done();
    throw;
  }
  return finish() ? result::done() : r;
}

// fenced_txn(c, fence, t): t with fence added to its conditions, sent; without a fence nothing
// is sent and succeeded is false. put_txn / erase_txn: one unconditional operation.
inline txn_result fenced_txn(const client& c, const std::optional<compare>& fence, txn_request t) {
  if (!fence) return {};
  t.when.push_back(*fence);
  return c.txn(t);
}
inline txn_request put_txn(std::string key, std::string value) {
  return {{}, {operation::put(std::move(key), std::move(value))}, {}};
}
inline txn_request erase_txn(std::string key) { return {{}, {operation::erase(std::move(key))}, {}}; }

// default_name(): "host:pid", unique among processes of one machine.
inline std::string default_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(::getpid());
}

// hex16(v): v as 16 hex digits (a lease id in a key).
inline std::string hex16(std::int64_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s(16, '0');
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 15; i >= 0; --i, u >>= 4) s[std::size_t(i)] = digits[u & 15];
  return s;
}

// rendezvous_score(member, key): a stable 64-bit hash (FNV-1a, then the splitmix64 finaliser),
// identical in every process and build; the member with the highest score owns the key.
inline std::uint64_t rendezvous_score(std::string_view member, std::string_view key) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&h](std::string_view s) {
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  };
  mix(member);
  h = (h ^ 0xffu) * 1099511628211ull;  // a byte no UTF-8 text holds: "ab"+"c" != "a"+"bc"
  mix(key);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

// rendezvous_owner(members, key): the owner of key among members (empty: nobody). O(members).
inline const std::string* rendezvous_owner(const std::vector<std::string>& members, std::string_view key) noexcept {
  const std::string* best = nullptr;
  std::uint64_t best_score = 0;
  for (const auto& m : members) {
    const std::uint64_t s = rendezvous_score(m, key);
    if (!best || s > best_score || (s == best_score && m < *best)) best = &m, best_score = s;
  }
  return best;
}

// inflight: the reconciles running under a guard. Not locked itself: its owner's mutex guards
// it, and wait_idle() sleeps on that mutex.
class inflight {
 public:
  // enter(key): registers key's reconcile; the source returned (shared state) is stopped by
  // cancel(key) or cancel_all().
  std::stop_source enter(const std::string& key) {
    std::stop_source s;
    running_.insert_or_assign(key, s);
    return s;
  }
  void leave(const std::string& key) {
    running_.erase(key);
    if (running_.empty()) idle_.notify_all();
  }
  bool contains(const std::string& key) const { return running_.count(key) != 0; }
  void cancel(const std::string& key) {
    if (auto it = running_.find(key); it != running_.end()) it->second.request_stop();
  }
  void cancel_all() {
    for (auto& [k, s] : running_) s.request_stop();
  }
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [k, s] : running_) f(k);
  }
  // wait_idle(lk): sleeps (lk released) until no reconcile runs.
  void wait_idle(std::unique_lock<std::mutex>& lk) {
    idle_.wait(lk, [&] { return running_.empty(); });
  }
  // close(lk, closed): once (closed false -> true): cancels every reconcile and waits for them
  // (lk released meanwhile). false when already closed.
  bool close(std::unique_lock<std::mutex>& lk, bool& closed) {
    if (closed) return false;
    closed = true;
    cancel_all();
    wait_idle(lk);
    return true;
  }
  std::size_t size() const noexcept { return running_.size(); }

 private:
  std::unordered_map<std::string, std::stop_source> running_;
  std::condition_variable idle_;
};

// notifier: the controller's notify, set by attach() after threads started; detach (set({}))
// waits for a call in progress, so a detached controller is never reached again. Calls run
// under the notifier's own mutex (never under its owner's).
class notifier {
 public:
  void set(std::function<void(const std::string&)> f) {
    std::lock_guard<std::mutex> g(mutex_);
    f_ = std::move(f);
  }
  // attach(ctl): set(ctl.notify) until the attachment returned goes.
  template <class Controller>
  attachment attach(Controller& ctl) {
    set([&ctl](const std::string& k) { ctl.notify(k); });
    return attachment([this] { set({}); });
  }
  template <class Range>
  void operator()(const Range& keys) const {
    std::lock_guard<std::mutex> g(mutex_);
    if (f_)
      for (const auto& k : keys) f_(k);
  }

 private:
  mutable std::mutex mutex_;
  std::function<void(const std::string&)> f_;
};

}  // namespace reconcile::etcd::detail
