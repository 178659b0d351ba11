#pragma once
// reconcile/etcd.hpp — beyond one machine (optional; links libcurl and nlohmann_json): desired
// state in etcd, list/watch triggers, leader election and key sharding over etcd's v3 JSON
// gateway (etcd >= 3.4).
//
//   client        KV, txn, lease and watch calls (detail/etcd_client.hpp) over a transport
//                 (detail/etcd_transport.hpp: libcurl; replaceable, e.g. for fault injection)
//   source<T>     every key under a prefix decoded into T; notify(key) per change (edge), the
//                 key list as the controller's lister (level); relists on compaction/reconnect;
//                 a value that fails to decode is reported with its json_error path and ignored
//   election      one leader among replicas: guard(f) acts only while leading, cancels in-flight
//                 reconciles through their stop_token when leadership is lost; fence() makes a
//                 deposed leader's late write fail
//   shard         keys spread over live members (rendezvous hashing); a member reconciles a
//                 key only while holding its lock (prefix/locks/<key>, create-if-absent, bound
//                 to its lease); a member losing a key cancels and waits for its reconcile, runs
//                 on_release, then deletes the lock; the new owner's create succeeds only then
//                 (or when the dead owner's lease expired): never two reconcilers at once
//   session       a lease kept alive every ttl/3, with a local deadline before etcd's
//   journal       reconcile::expectations' intents in etcd, leased per controller (etcd/journal.hpp)
//
// Example (three copies of this program share the keys; drop `shard` for one leader with
// `reconcile::etcd::election el(etcd, "/app/leader/")` and `el.guard(...)` instead):
//   reconcile::etcd::client etcd(reconcile::etcd::config{{"http://127.0.0.1:2379"}});
//   reconcile::etcd::source<Service> desired(etcd, "/app/services/");
//   reconcile::etcd::shard members(etcd, "/app/shard/", {.ttl = std::chrono::seconds(15)});
//   reconcile::controller<std::string> ctl(opts, members.guard(
//       [&](const std::string& name, std::stop_token stop) {
//         auto want = desired.get(name);                 // null: deleted
//         ...act, checking stop...;
//         members.fenced_put(name, "/app/status/" + name, "ok");  // fails if name moved away
//         return reconcile::result::done();
//       }));
//   auto triggers = desired.attach(ctl);   // edge + level triggers   (both detach when they
//   auto handover = members.attach(ctl);   // keys gained on a change   go, before ctl does)
//   ctl.run(stop_token);     // on the way out: stop run(), then members.leave() hands over at once
// A complete program: examples/supervisor_etcd/main.cpp.
//
// Safety rests on leases: a replica stops starting work at (last keepalive sent + TTL - margin)
// and cancels what runs, before etcd can expire its lease and let another replica in.
// Cancellation is cooperative: a reconciler that ignores its stop_token past that point is
// caught only by the fence on its writes. Cost: one etcd round trip (~1 ms on loopback) per
// lock acquisition (once per key and owner) and per fenced write; none per guarded reconcile
// otherwise. Threads: source 1, election 2, shard 4 (session, two watches, janitor).

#include <reconcile/etcd/client.hpp>
#include <reconcile/etcd/election.hpp>
#include <reconcile/etcd/session.hpp>
#include <reconcile/etcd/shard.hpp>
#include <reconcile/etcd/source.hpp>
#include <reconcile/etcd/transport.hpp>
#include <reconcile/etcd/config.hpp>
#include <reconcile/etcd/journal.hpp>
