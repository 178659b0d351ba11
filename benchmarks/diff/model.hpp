// The benchmark model: a Kubernetes-like Deployment, a flat 32-field struct, keyed lists of
// Deployments and a game world, with deterministic generators for every workload.
#pragma once

#include <reconcile/rules.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bench {

struct Container {
  std::string name;
  std::string image;
  std::int32_t cpu_millis = 100;
  std::vector<std::string> args;
  bool operator==(const Container&) const = default;
};

struct Deployment {
  std::string name;
  std::string ns;
  std::int32_t replicas = 1;
  std::map<std::string, std::string> labels;
  std::vector<Container> containers;
  std::optional<std::string> strategy;
  double max_surge = 0.25;
  bool paused = false;
  std::int64_t generation = 0;
  bool operator==(const Deployment&) const = default;
};

// A list of Deployments matched by name (Kubernetes list semantics).
struct DeploymentList {
  std::vector<Deployment> items;
  bool operator==(const DeploymentList&) const = default;
};

constexpr auto reconcile_rules(reconcile::type_t<Deployment>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Deployment::containers> | keyed_by<&Container::name>);
}
constexpr auto reconcile_rules(reconcile::type_t<DeploymentList>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&DeploymentList::items> | keyed_by<&Deployment::name>);
}

// 32 scalars: 8 each of int32, int64, double and bool (a game entity or an order's state).
struct Flat32 {
  std::int32_t f00 = 0, f01 = 0, f02 = 0, f03 = 0, f04 = 0, f05 = 0, f06 = 0, f07 = 0;
  std::int64_t f08 = 0, f09 = 0, f10 = 0, f11 = 0, f12 = 0, f13 = 0, f14 = 0, f15 = 0;
  double f16 = 0, f17 = 0, f18 = 0, f19 = 0, f20 = 0, f21 = 0, f22 = 0, f23 = 0;
  bool f24 = false, f25 = false, f26 = false, f27 = false, f28 = false, f29 = false, f30 = false,
       f31 = false;
  bool operator==(const Flat32&) const = default;
};

// ---- generators: the same inputs give the same objects, built separately each call ----

inline std::string num(const char* prefix, std::size_t i) { return prefix + std::to_string(i); }

inline Deployment make_deployment(std::size_t i) {
  Deployment d;
  d.name = num("deployment-", i);
  d.ns = i % 3 == 0 ? "production" : "staging";
  d.replicas = static_cast<std::int32_t>(1 + i % 7);
  d.labels = {{"app", num("app-", i % 50)},        {"env", i % 3 == 0 ? "prod" : "stage"},
              {"owner", num("team-", i % 12)},     {"region", "eu-west-1"},
              {"team", "platform"},                {"tier", i % 2 ? "backend" : "frontend"},
              {"track", "stable"},                 {"version", num("v1.", i % 20)}};
  static const char* const names[] = {"web", "sidecar", "metrics", "log-shipper"};
  static const char* const images[] = {"docker.io/library/nginx:1.25.3", "envoyproxy/envoy:v1.28.0",
                                       "prom/node-exporter:v1.7.0", "fluent/fluent-bit:2.2.0"};
  for (int c = 0; c < 4; ++c) {
    Container k;
    k.name = names[c];
    k.image = images[c];
    k.cpu_millis = 100 * (c + 1);
    k.args = {"--port=" + std::to_string(8080 + c), "--log-level=info"};
    if (c == 0) k.args.push_back("--workers=4");
    d.containers.push_back(std::move(k));
  }
  if (i % 2 == 0) d.strategy = "RollingUpdate";
  d.max_surge = 0.25;
  d.paused = false;
  d.generation = static_cast<std::int64_t>(1000 + i);
  return d;
}

// Changes for the Deployment cases: 1 = replicas; 3 = replicas, labels["version"] and
// containers[2].image.
inline void change_deployment(Deployment& d, int changes) {
  d.replicas += 2;
  if (changes >= 3) {
    d.labels["version"] = "v2.0";
    d.containers[2].image = "prom/node-exporter:v1.8.1";
  }
}

// Two changes per modified list item: replicas and the image of its first container.
inline void change_item(Deployment& d) {
  d.replicas += 1;
  d.containers[0].image = "docker.io/library/nginx:1.25.4";
}

inline Flat32 make_flat(std::size_t i) {
  Flat32 f;
  auto n = static_cast<std::int64_t>(i);
  f.f00 = static_cast<std::int32_t>(n); f.f01 = 1; f.f02 = 2; f.f03 = 3;
  f.f04 = 4; f.f05 = 5; f.f06 = 6; f.f07 = static_cast<std::int32_t>(n % 100);
  f.f08 = n * 3; f.f09 = 9; f.f10 = 10; f.f11 = 11; f.f12 = 12; f.f13 = 13; f.f14 = 14; f.f15 = n;
  f.f16 = 0.5 * static_cast<double>(n); f.f17 = 1.5; f.f18 = 2.5; f.f19 = 3.5;
  f.f20 = 4.5; f.f21 = 5.5; f.f22 = 6.5; f.f23 = 7.5;
  f.f24 = true; f.f25 = false; f.f26 = true; f.f27 = false;
  f.f28 = false; f.f29 = true; f.f30 = (i % 2) != 0; f.f31 = false;
  return f;
}

// 1 = f02; 3 = f02, f19 and f28 (int32, double, bool); 32 = every field.
inline void change_flat(Flat32& f, int changes) {
  f.f02 += 1;
  if (changes >= 3) {
    f.f19 += 1.0;
    f.f28 = !f.f28;
  }
  if (changes >= 32) {
    f.f00 += 1; f.f01 += 1; f.f03 += 1; f.f04 += 1; f.f05 += 1; f.f06 += 1; f.f07 += 1;
    f.f08 += 1; f.f09 += 1; f.f10 += 1; f.f11 += 1; f.f12 += 1; f.f13 += 1; f.f14 += 1; f.f15 += 1;
    f.f16 += 1; f.f17 += 1; f.f18 += 1; f.f20 += 1; f.f21 += 1; f.f22 += 1; f.f23 += 1;
    f.f24 = !f.f24; f.f25 = !f.f25; f.f26 = !f.f26; f.f27 = !f.f27;
    f.f29 = !f.f29; f.f30 = !f.f30; f.f31 = !f.f31;
  }
}

// A game tick's movement: position (f16, f17) and health (f03) of a moving entity.
inline void move_entity(Flat32& f) {
  f.f16 += 0.125;
  f.f17 -= 0.25;
  f.f03 -= 1;
}

struct keyed_pair {
  DeploymentList a, b;
  std::size_t modified = 0;
};

// n items, the same order on both sides; every 100th item modified (2 changes each).
// reversed: b lists the items in reverse order. shuffled: b lists them in a fixed random order.
enum class order { same, reversed, shuffled };
inline keyed_pair make_keyed(std::size_t n, order o = order::same) {
  keyed_pair p;
  p.a.items.reserve(n);
  p.b.items.reserve(n);
  for (std::size_t i = 0; i < n; ++i) p.a.items.push_back(make_deployment(i));
  for (std::size_t i = 0; i < n; ++i) {
    p.b.items.push_back(make_deployment(i));
    if (i % 100 == 37) {
      change_item(p.b.items.back());
      ++p.modified;
    }
  }
  if (o == order::reversed) std::reverse(p.b.items.begin(), p.b.items.end());
  if (o == order::shuffled) {
    std::uint64_t s = 0x9e3779b97f4a7c15ull;  // splitmix-style LCG; deterministic
    for (std::size_t i = n; i > 1; --i) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      std::swap(p.b.items[i - 1], p.b.items[(s >> 33) % i]);
    }
  }
  return p;
}

struct world_pair {
  std::vector<Flat32> before, after;
  std::size_t moved = 0;
};

// n entities; every 20th one (5 %) moves: 3 fields change.
inline world_pair make_world(std::size_t n) {
  world_pair w;
  w.before.reserve(n);
  w.after.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    w.before.push_back(make_flat(i));
    w.after.push_back(make_flat(i));
    if (i % 20 == 7) {
      move_entity(w.after.back());
      ++w.moved;
    }
  }
  return w;
}

}  // namespace bench
