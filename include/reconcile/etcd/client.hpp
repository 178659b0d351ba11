// reconcile::etcd::client: the etcd v3 KV, lease and watch calls over a transport, with the
// gateway's JSON encoding (base64 bytes, int64 as strings, omitted defaults) hidden.
#pragma once

#include <reconcile/etcd/detail/base64.hpp>
#include <reconcile/etcd/transport.hpp>
#include <reconcile/etcd/config.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>

namespace reconcile::etcd {

// range_options: a read at a past revision, a page of at most `limit` keys, keys only.
struct range_options {
  std::int64_t revision = 0;  // 0: the latest
  std::int64_t limit = 0;     // 0: no limit
  bool keys_only = false;
  bool count_only = false;
};

namespace detail {
using json = nlohmann::json;

inline std::string i64(std::int64_t v) { return std::to_string(v); }

inline key_value parse_kv(const json& j) {
  key_value kv;
  kv.key = reconcile::detail::json_bytes(j, "key");
  kv.value = reconcile::detail::json_bytes(j, "value");
  kv.create_revision = reconcile::detail::json_i64(j, "create_revision");
  kv.mod_revision = reconcile::detail::json_i64(j, "mod_revision");
  kv.version = reconcile::detail::json_i64(j, "version");
  kv.lease = reconcile::detail::json_i64(j, "lease");
  return kv;
}

inline std::int64_t header_revision(const json& j) {
  const auto h = j.find("header");
  return h == j.end() ? 0 : reconcile::detail::json_i64(*h, "revision");
}

inline range_result parse_range(const json& j) {
  range_result r;
  r.revision = header_revision(j);
  r.more = reconcile::detail::json_bool(j, "more");
  r.count = reconcile::detail::json_i64(j, "count");
  if (const auto k = j.find("kvs"); k != j.end() && k->is_array())
    for (const auto& kv : *k) r.kvs.push_back(parse_kv(kv));
  return r;
}

inline json range_body(std::string_view key, std::string_view end, const range_options& o) {
  json b{{"key", reconcile::detail::base64_encode(key)}};
  if (!end.empty()) b["range_end"] = reconcile::detail::base64_encode(end);
  if (o.revision) b["revision"] = i64(o.revision);
  if (o.limit) b["limit"] = i64(o.limit);
  if (o.keys_only) b["keys_only"] = true;
  if (o.count_only) b["count_only"] = true;
  return b;
}

inline json op_body(const operation& op) {
  switch (op.what) {
    case operation::kind::put: {
      json p{{"key", reconcile::detail::base64_encode(op.key)}, {"value", reconcile::detail::base64_encode(op.value)}};
      if (op.lease) p["lease"] = i64(op.lease);
      return json{{"request_put", std::move(p)}};
    }
    case operation::kind::erase: {
      json d{{"key", reconcile::detail::base64_encode(op.key)}};
      if (!op.range_end.empty()) d["range_end"] = reconcile::detail::base64_encode(op.range_end);
      return json{{"request_delete_range", std::move(d)}};
    }
    case operation::kind::get: break;
  }
  return json{{"request_range", range_body(op.key, op.range_end, {})}};
}

inline json compare_body(const compare& c) {
  static constexpr const char* targets[] = {"VERSION", "CREATE", "MOD", "VALUE", "LEASE"};
  static constexpr const char* fields[] = {"version", "create_revision", "mod_revision", "value", "lease"};
  static constexpr const char* relations[] = {"EQUAL", "GREATER", "LESS", "NOT_EQUAL"};
  const auto t = static_cast<std::size_t>(c.what);
  json b{{"key", reconcile::detail::base64_encode(c.key)},
         {"target", targets[t]},
         {"result", relations[static_cast<std::size_t>(c.how)]}};
  if (c.what == compare::target::value)
    b[fields[t]] = reconcile::detail::base64_encode(c.value);
  else
    b[fields[t]] = i64(c.number);
  return b;
}

// gateway_error(body, status): the etcd_error an error answer stands for. The gateway sends
// {"error": "...", "code": N} for a failed call and {"error": {"grpc_code": N, "message":
// "..."}} inside a stream.
inline etcd_error gateway_error(const json& j, long status) {
  int code = 2;  // gRPC UNKNOWN
  std::string msg = "HTTP " + std::to_string(status);
  if (const auto e = j.find("error"); e != j.end()) {
    if (e->is_string()) msg = e->get<std::string>();
    if (e->is_object()) {
      code = static_cast<int>(reconcile::detail::json_i64(*e, "grpc_code"));
      if (const auto m = e->find("message"); m != e->end() && m->is_string()) msg = m->get<std::string>();
    }
  }
  if (const auto c = j.find("code"); c != j.end() && c->is_number_integer()) code = c->get<int>();
  return etcd_error(code, "etcd: " + msg);
}
}  // namespace detail

// client: etcd's KV, lease and watch calls. Thread-safe; each call is one HTTP round trip
// (about 1 ms on loopback) except list(), which pages. Throws etcd_error.
class client {
 public:
  explicit client(const config& cfg = {}) : client(make_curl_transport(cfg)) {}
  explicit client(std::shared_ptr<transport> t) : wire_(std::move(t)) {}

  // wire(): the transport underneath.
  transport& wire() const noexcept { return *wire_; }

  // range(key, range_end, opts): the keys in [key, range_end) (range_end empty: key alone).
  range_result range(std::string_view key, std::string_view range_end = {}, const range_options& o = {}) const {
    return detail::parse_range(call("/v3/kv/range", detail::range_body(key, range_end, o)));
  }

  // list(prefix, page): every key under prefix, read at one revision in pages of `page` keys.
  range_result list(std::string_view prefix, std::int64_t page = 500) const {
    const std::string end = prefix_end(std::string(prefix));
    range_result all = range(prefix, end, {.limit = page});
    std::int64_t rev = all.revision;
    bool more = all.more;
    while (more && !all.kvs.empty()) {
      range_result next = range(all.kvs.back().key + '\0', end, {.revision = rev, .limit = page});
      for (auto& kv : next.kvs) all.kvs.push_back(std::move(kv));
      more = next.more;
    }
    all.more = false;
    all.count = static_cast<std::int64_t>(all.kvs.size());
    return all;
  }

  // get(key): the key, or nullopt when it does not exist.
  std::optional<key_value> get(std::string_view key) const {
    range_result r = range(key);
    if (r.kvs.empty()) return std::nullopt;
    return std::move(r.kvs.front());
  }

  // put(key, value, lease): writes; returns the revision of the write.
  std::int64_t put(std::string_view key, std::string_view value, std::int64_t lease_id = 0) const {
    detail::json b{{"key", reconcile::detail::base64_encode(key)}, {"value", reconcile::detail::base64_encode(value)}};
    if (lease_id) b["lease"] = detail::i64(lease_id);
    return detail::header_revision(call("/v3/kv/put", b));
  }

  // erase(key, range_end): deletes the key (or the range); returns how many keys went.
  std::int64_t erase(std::string_view key, std::string_view range_end = {}) const {
    detail::json b{{"key", reconcile::detail::base64_encode(key)}};
    if (!range_end.empty()) b["range_end"] = reconcile::detail::base64_encode(range_end);
    return reconcile::detail::json_i64(call("/v3/kv/deleterange", b), "deleted");
  }

  // txn(t): an atomic compare-and-swap over any keys.
  txn_result txn(const txn_request& t) const {
    detail::json b{{"compare", detail::json::array()}, {"success", detail::json::array()},
                   {"failure", detail::json::array()}};
    for (const auto& c : t.when) b["compare"].push_back(detail::compare_body(c));
    for (const auto& o : t.then) b["success"].push_back(detail::op_body(o));
    for (const auto& o : t.otherwise) b["failure"].push_back(detail::op_body(o));
    const detail::json j = call("/v3/kv/txn", b);
    txn_result r;
    r.succeeded = reconcile::detail::json_bool(j, "succeeded");
    r.revision = detail::header_revision(j);
    if (const auto rs = j.find("responses"); rs != j.end() && rs->is_array())
      for (const auto& x : *rs)
        if (const auto rr = x.find("response_range"); rr != x.end()) r.ranges.push_back(detail::parse_range(*rr));
    return r;
  }

  // grant(ttl): a new lease.
  lease grant(std::chrono::seconds ttl) const {
    const detail::json j = call("/v3/lease/grant", {{"TTL", detail::i64(ttl.count())}});
    return {reconcile::detail::json_i64(j, "ID"), std::chrono::seconds(reconcile::detail::json_i64(j, "TTL"))};
  }

  // keep_alive(id, timeout): renews the lease; returns its new TTL, zero when the lease is
  // gone (the gateway answers an expired lease with no TTL rather than an error).
  std::chrono::seconds keep_alive(std::int64_t id, std::chrono::milliseconds timeout = {}) const {
    const detail::json j = call("/v3/lease/keepalive", {{"ID", detail::i64(id)}}, timeout);
    const auto r = j.find("result");
    return std::chrono::seconds(r == j.end() ? 0 : reconcile::detail::json_i64(*r, "TTL"));
  }

  // revoke(id): ends the lease now, deleting every key attached to it.
  void revoke(std::int64_t id) const { call("/v3/lease/revoke", {{"ID", detail::i64(id)}}); }

  // compact(revision): discards history before revision (watches from older ones fail).
  void compact(std::int64_t revision) const { call("/v3/kv/compaction", {{"revision", detail::i64(revision)}}); }

  // watch(req, on_update, stop, on_created): blocks, calling on_update for every batch of
  // events, until stop is requested, the server cancels the watch (compaction: relist), or
  // the stream breaks. on_created(revision) runs once the watch is established.
  watch_outcome watch(const watch_request& req, const std::function<void(const watch_update&)>& on_update,
                      std::stop_token stop, const std::function<void(std::int64_t)>& on_created = {}) const {
    detail::json c = detail::range_body(req.key, req.range_end, {});
    if (req.start_revision) c["start_revision"] = detail::i64(req.start_revision);
    if (req.prev_kv) c["prev_kv"] = true;
    if (req.no_put || req.no_delete) {
      c["filters"] = detail::json::array();
      if (req.no_put) c["filters"].push_back("NOPUT");
      if (req.no_delete) c["filters"].push_back("NODELETE");
    }
    watch_outcome out{watch_outcome::reason::disconnected, 0, "the server closed the watch"};
    bool ended = false;
    auto on_line = [&](std::string_view line) -> bool {
      const detail::json j = detail::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return true;
      const auto res = j.find("result");
      if (res == j.end()) {
        out = {watch_outcome::reason::canceled, 0, detail::gateway_error(j, 200).what()};
        return !(ended = true);
      }
      const detail::json& r = *res;
      if (reconcile::detail::json_bool(r, "canceled")) {
        const std::int64_t compact = reconcile::detail::json_i64(r, "compact_revision");
        out = {compact ? watch_outcome::reason::compacted : watch_outcome::reason::canceled, compact,
               r.value("cancel_reason", std::string(compact ? "compacted" : "canceled by the server"))};
        return !(ended = true);
      }
      if (reconcile::detail::json_bool(r, "created") && on_created) on_created(detail::header_revision(r));
      const auto evs = r.find("events");
      if (evs == r.end() || !evs->is_array() || evs->empty()) return true;
      watch_update u;
      u.revision = detail::header_revision(r);
      for (const auto& e : *evs) {
        event ev;
        ev.kind = e.value("type", std::string("PUT")) == "DELETE" ? event::type::erase : event::type::put;
        if (const auto kv = e.find("kv"); kv != e.end()) ev.kv = detail::parse_kv(*kv);
        if (const auto p = e.find("prev_kv"); p != e.end()) ev.prev = detail::parse_kv(*p);
        u.events.push_back(std::move(ev));
      }
      on_update(u);
      return true;
    };
    try {
      wire_->stream("/v3/watch", detail::json{{"create_request", std::move(c)}}.dump(), on_line, stop);
    } catch (const etcd_error& e) {
      if (!ended) out = {watch_outcome::reason::disconnected, 0, e.what()};
    }
    if (stop.stop_requested() && !ended) out = {watch_outcome::reason::stopped, 0, "stopped"};
    return out;
  }

 private:
  detail::json call(std::string_view path, const detail::json& body,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds::zero()) const {
    const transport::reply r = wire_->post(path, body.dump(), timeout);
    detail::json j = detail::json::parse(r.body, nullptr, false);
    if (r.status != 200 || j.is_discarded() || !j.is_object() || j.contains("error")) {
      if (j.is_discarded() || !j.is_object()) j = detail::json::object();
      throw detail::gateway_error(j, r.status);
    }
    return j;
  }

  std::shared_ptr<transport> wire_;
};

}  // namespace reconcile::etcd
