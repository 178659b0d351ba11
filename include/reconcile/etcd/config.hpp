// The vocabulary of reconcile::etcd: connection settings, the error, key-values, transaction
// comparisons and operations, watch requests and events. Plain values; no I/O here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace reconcile::etcd {

// config: where etcd is and how long to wait for it.
struct config {
  // endpoints: gateway base URLs ("http://127.0.0.1:2379"); on a connection failure the
  // client moves on to the next one.
  std::vector<std::string> endpoints{"http://127.0.0.1:2379"};
  // timeout: a whole unary request (range, put, txn, lease...). Watches have no timeout.
  std::chrono::milliseconds timeout{5000};
  // connect_timeout: establishing a TCP connection.
  std::chrono::milliseconds connect_timeout{1000};
};

// etcd_error: a request that failed. code() is the gRPC status etcd answered (11 = out of
// range, e.g. a compacted revision; 5 = not found...) or -1 when etcd could not be reached.
class etcd_error : public std::runtime_error {
 public:
  etcd_error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const noexcept { return code_; }
  bool unreachable() const noexcept { return code_ < 0; }
  bool compacted() const noexcept { return code_ == 11; }

 private:
  int code_;
};

// key_value: one key as etcd stores it (revisions are etcd's int64 logical clock).
struct key_value {
  std::string key;
  std::string value;
  std::int64_t create_revision = 0;  // 0: the key does not exist
  std::int64_t mod_revision = 0;
  std::int64_t version = 0;
  std::int64_t lease = 0;  // 0: no lease
};

// range_result: the keys of a range read, and the store revision it was read at.
struct range_result {
  std::int64_t revision = 0;
  std::vector<key_value> kvs;
  bool more = false;       // a limit cut the answer short
  std::int64_t count = 0;  // keys in the range (ignoring the limit)
};

// lease: a granted lease; ttl is what etcd granted (it may round a short TTL up).
struct lease {
  std::int64_t id = 0;
  std::chrono::seconds ttl{0};
};

// compare: one condition of a transaction. The builders read well in a txn:
//   compare::absent(k)          k does not exist (create_revision == 0)
//   compare::created(k, rev)    k exists and was created at rev (a fence on a lease-bound key)
//   compare::value_is(k, v), compare::lease_is(k, id), compare::mod_revision_is(k, rev)
struct compare {
  enum class target : unsigned char { version, create_revision, mod_revision, value, lease };
  enum class relation : unsigned char { equal, greater, less, not_equal };
  std::string key;
  target what = target::create_revision;
  relation how = relation::equal;
  std::int64_t number = 0;
  std::string value;

  static compare absent(std::string k) { return {std::move(k), target::create_revision, relation::equal, 0, {}}; }
  static compare created(std::string k, std::int64_t rev) {
    return {std::move(k), target::create_revision, relation::equal, rev, {}};
  }
  static compare mod_revision_is(std::string k, std::int64_t rev) {
    return {std::move(k), target::mod_revision, relation::equal, rev, {}};
  }
  static compare value_is(std::string k, std::string v) {
    return {std::move(k), target::value, relation::equal, 0, std::move(v)};
  }
  static compare lease_is(std::string k, std::int64_t id) {
    return {std::move(k), target::lease, relation::equal, id, {}};
  }
};

// operation: one request inside a transaction: put, erase (a key or a range) or get.
struct operation {
  enum class kind : unsigned char { put, erase, get };
  kind what = kind::get;
  std::string key;
  std::string value;      // put
  std::string range_end;  // erase, get: [key, range_end); empty = the key alone
  std::int64_t lease = 0; // put

  static operation put(std::string k, std::string v, std::int64_t lease_id = 0) {
    return {kind::put, std::move(k), std::move(v), {}, lease_id};
  }
  static operation erase(std::string k, std::string end = {}) { return {kind::erase, std::move(k), {}, std::move(end), 0}; }
  static operation get(std::string k, std::string end = {}) { return {kind::get, std::move(k), {}, std::move(end), 0}; }
};

// txn_request: if every compare holds, run `then`, else `otherwise` (etcd allows 128 ops).
struct txn_request {
  std::vector<compare> when;
  std::vector<operation> then;
  std::vector<operation> otherwise;
};

// txn_result: which branch ran, at which revision; `ranges` holds one result per get.
struct txn_result {
  bool succeeded = false;
  std::int64_t revision = 0;
  std::vector<range_result> ranges;
};

// watch_request: watch [key, range_end) from start_revision (0 = from now).
struct watch_request {
  std::string key;
  std::string range_end;
  std::int64_t start_revision = 0;
  bool no_put = false;     // filter out puts
  bool no_delete = false;  // filter out deletes
  bool prev_kv = false;    // ask for the previous value with each event
};

// event: one change seen by a watch. An erase carries the key and its deletion revision.
struct event {
  enum class type : unsigned char { put, erase };
  type kind = type::put;
  key_value kv;
  std::optional<key_value> prev;
};

// watch_update: the events of one revision batch, and the revision the server was at.
struct watch_update {
  std::int64_t revision = 0;
  std::vector<event> events;
};

// watch_outcome: why a watch returned. compacted: the start revision is gone (relist);
// canceled: the server ended the watch; disconnected: the stream broke (etcd down...).
struct watch_outcome {
  enum class reason : unsigned char { stopped, compacted, canceled, disconnected };
  reason why = reason::stopped;
  std::int64_t compact_revision = 0;
  std::string message;
};

// prefix_end(p): the range_end covering every key that starts with p ("\0" for "": all keys).
inline std::string prefix_end(std::string p) {
  while (!p.empty()) {
    if (static_cast<unsigned char>(p.back()) < 0xff) {
      p.back() = static_cast<char>(static_cast<unsigned char>(p.back()) + 1);
      return p;
    }
    p.pop_back();
  }
  return std::string(1, '\0');
}

}  // namespace reconcile::etcd
