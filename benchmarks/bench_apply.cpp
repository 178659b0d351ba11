// reconcile::apply against hand-written keyed apply code, in one binary and one run.
//
//   game_tick/<n>/...  n entities (examples/game_server's Entity) in a vector keyed by id; 5 %
//                      of them move (x and y change: 2 changes each), 0.04 % despawn (from the
//                      middle) and as many spawn (appended): about n/10 changes.
//     reconcile        x = observed, then reconcile::apply(x, diff(observed, desired))
//     hand             x = observed, then a hand-written apply of an equivalent delta: a cursor
//                      that moves forward to find each id (examples/game_server's decoder)
//     copy             x = observed alone: the part of both figures that is not apply
//   deployment/...     one Deployment (containers keyed by name), 3 changes (replicas,
//                      labels["version"], containers["metrics"].image), applied forward then
//                      back each iteration, so no copy is needed
//     reconcile        reconcile::apply of diff(a, b), then of diff(b, a)
//     hand             a hand-written apply of the hand-written diff's records (benchmarks/diff)
//
// Every case reports "allocs": heap allocations per iteration (support/alloc_counter.cpp).
//   bench_apply [--check] [google benchmark flags]   --check: verify every apply first
#include "diff/hand_diff.hpp"
#include "diff/model.hpp"
#include "support/alloc_counter.hpp"

#include <reconcile/apply.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/rules.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace gamebench {

struct Entity {
  std::uint32_t id = 0;
  float x = 0, y = 0, vx = 0, vy = 0;
  std::int32_t health = 100;
  bool operator==(const Entity&) const = default;
};
struct Snapshot {
  std::vector<Entity> entities;
  bool operator==(const Snapshot&) const = default;
};
constexpr auto reconcile_rules(reconcile::type_t<Snapshot>) {
  using namespace reconcile::dsl;
  return reconcile::rules(field<&Snapshot::entities> | keyed_by<&Entity::id>);
}

struct tick_case {
  Snapshot a, b;
  reconcile::changeset<Snapshot> cs;
};

// n entities; every 20th moves; every 2500th despawns and a new one spawns at the end.
inline tick_case make_tick(std::size_t n) {
  tick_case t;
  for (std::uint32_t i = 0; i < n; ++i)
    t.a.entities.push_back({i + 1, static_cast<float>(i % 1000), static_cast<float>(i / 1000), 0, 0, 100});
  std::uint32_t next = static_cast<std::uint32_t>(n) + 1;
  for (std::size_t i = 0; i < n; ++i) {
    Entity e = t.a.entities[i];
    if (i % 2500 == 1234) continue;  // despawned
    if (i % 20 == 7) e.x += 0.5f, e.y -= 0.25f;
    t.b.entities.push_back(e);
  }
  for (std::size_t i = 0; i < n; i += 2500) t.b.entities.push_back({next++, 1, 2, 0, 0, 100});
  t.cs = reconcile::diff(t.a, t.b);
  return t;
}

// The hand-written side: one record per entity touched, as examples/game_server's packets.
struct delta {
  std::uint32_t id;
  std::uint8_t mask;  // 0: despawn; 0x80: spawn (e holds it); else bit k: field k (from e)
  Entity e;
};

inline std::vector<delta> hand_delta(const reconcile::changeset<Snapshot>& cs) {
  std::vector<delta> out;
  for (const reconcile::change& c : cs) {
    const auto id = c.path()[1].key<std::uint32_t>();
    if (out.empty() || out.back().id != id) out.push_back({id, 0, {}});
    delta& d = out.back();
    if (c.path().size() == 2) {
      if (c.op() == reconcile::op::add) d.mask = 0x80, d.e = c.to<Entity>();
      continue;
    }
    const std::size_t k = c.path()[2].index();
    d.mask = static_cast<std::uint8_t>(d.mask | (1u << k));
    if (k == 1) d.e.x = c.to<float>();
    if (k == 2) d.e.y = c.to<float>();
    if (k == 3) d.e.vx = c.to<float>();
    if (k == 4) d.e.vy = c.to<float>();
    if (k == 5) d.e.health = c.to<std::int32_t>();
  }
  return out;
}

// A forward-moving cursor finds each id (wrapping once); despawns erase in place, spawns append.
inline void hand_apply(Snapshot& s, const std::vector<delta>& ds) {
  auto& es = s.entities;
  std::size_t cursor = 0;
  auto find = [&](std::uint32_t key) {
    for (std::size_t n = 0; n < es.size(); ++n, ++cursor) {
      if (cursor >= es.size()) cursor = 0;
      if (es[cursor].id == key) return cursor;
    }
    std::abort();
  };
  for (const delta& d : ds) {
    if (d.mask == 0) {
      es.erase(es.begin() + static_cast<std::ptrdiff_t>(find(d.id)));
    } else if (d.mask == 0x80) {
      es.push_back(d.e);
    } else {
      Entity& e = es[find(d.id)];
      if (d.mask & 2) e.x = d.e.x;
      if (d.mask & 4) e.y = d.e.y;
      if (d.mask & 8) e.vx = d.e.vx;
      if (d.mask & 16) e.vy = d.e.vy;
      if (d.mask & 32) e.health = d.e.health;
    }
  }
}

}  // namespace gamebench

namespace bench {
namespace {

// Reads each hand_diff record back: values come from `to` (the diff's target), as a
// hand-written apply would carry them.
void hand_apply(Deployment& x, const std::vector<Change>& cs, const Deployment& to) {
  for (const Change& c : cs) {
    switch (c.field) {
      case 0: x.name = to.name; break;
      case 1: x.ns = to.ns; break;
      case 2: x.replicas = to.replicas; break;
      case 3: {
        const std::string key(c.key);
        if (c.op == hop::remove) x.labels.erase(key);
        else x.labels.insert_or_assign(key, to.labels.at(key));
        break;
      }
      case 4: {
        auto by_name = [&](auto& v) {
          for (auto& e : v)
            if (e.name == c.key) return &e;
          return static_cast<std::remove_reference_t<decltype(v.front())>*>(nullptr);
        };
        Container* mine = by_name(x.containers);
        const Container* theirs = by_name(to.containers);
        if (c.op == hop::remove) {
          if (mine) x.containers.erase(x.containers.begin() + (mine - x.containers.data()));
        } else if (!mine) {
          x.containers.push_back(*theirs);
        } else if (c.sub == 1) {
          mine->image = theirs->image;
        } else if (c.sub == 2) {
          mine->cpu_millis = theirs->cpu_millis;
        } else if (c.sub == 3) {
          mine->args = theirs->args;
        }
        break;
      }
      case 5: x.strategy = to.strategy; break;
      case 6: x.max_surge = to.max_surge; break;
      case 7: x.paused = to.paused; break;
      case 8: x.generation = to.generation; break;
      default: break;
    }
  }
}

const gamebench::tick_case& tick_data(std::size_t n) {
  static std::vector<std::unique_ptr<gamebench::tick_case>> cache;
  for (const auto& c : cache)
    if (c->a.entities.size() == n) return *c;
  cache.push_back(std::make_unique<gamebench::tick_case>(gamebench::make_tick(n)));
  return *cache.back();
}

void register_game(std::size_t n) {
  const std::string base = "game_tick/" + std::to_string(n) + "/";
  benchmark::RegisterBenchmark((base + "reconcile").c_str(), [n](benchmark::State& st) {
    const auto& t = tick_data(n);
    gamebench::Snapshot x = t.a;
    alloc_probe probe;
    for (auto _ : st) {
      x = t.a;
      reconcile::apply(x, t.cs);
      benchmark::DoNotOptimize(x);
    }
    probe.report(st);
    st.counters["changes"] = static_cast<double>(t.cs.size());
  })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark((base + "hand").c_str(), [n](benchmark::State& st) {
    const auto& t = tick_data(n);
    const auto ds = gamebench::hand_delta(t.cs);
    gamebench::Snapshot x = t.a;
    alloc_probe probe;
    for (auto _ : st) {
      x = t.a;
      gamebench::hand_apply(x, ds);
      benchmark::DoNotOptimize(x);
    }
    probe.report(st);
  })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark((base + "copy").c_str(), [n](benchmark::State& st) {
    const auto& t = tick_data(n);
    gamebench::Snapshot x = t.a;
    alloc_probe probe;
    for (auto _ : st) {
      x = t.a;
      benchmark::DoNotOptimize(x);
    }
    probe.report(st);
  })->Unit(benchmark::kMicrosecond);
}

struct deploy_pair {
  Deployment a = make_deployment(42), b = [] {
    Deployment d = make_deployment(42);
    change_deployment(d, 3);
    return d;
  }();
};

void register_deployment() {
  benchmark::RegisterBenchmark("deployment/reconcile", [](benchmark::State& st) {
    const deploy_pair p;
    const auto fwd = reconcile::diff(p.a, p.b), back = reconcile::diff(p.b, p.a);
    Deployment x = p.a;
    alloc_probe probe;
    for (auto _ : st) {
      reconcile::apply(x, fwd);
      reconcile::apply(x, back);
      benchmark::DoNotOptimize(x);
    }
    probe.report(st);
  });
  benchmark::RegisterBenchmark("deployment/hand", [](benchmark::State& st) {
    const deploy_pair p;
    std::vector<Change> fwd, back;
    hand::diff(p.a, p.b, fwd);
    hand::diff(p.b, p.a, back);
    Deployment x = p.a;
    alloc_probe probe;
    for (auto _ : st) {
      hand_apply(x, fwd, p.b);
      hand_apply(x, back, p.a);
      benchmark::DoNotOptimize(x);
    }
    probe.report(st);
  });
}

// Every implementation must turn a into b (and back).
bool check() {
  bool ok = true;
  for (std::size_t n : {1'000u, 10'000u, 40'000u}) {
    const auto& t = tick_data(n);
    gamebench::Snapshot x = t.a, y = t.a;
    reconcile::apply(x, t.cs);
    gamebench::hand_apply(y, gamebench::hand_delta(t.cs));
    const bool good = x == t.b && y == t.b;
    std::printf("game_tick/%zu: %zu changes, reconcile %s, hand %s\n", n, t.cs.size(), x == t.b ? "ok" : "WRONG",
                y == t.b ? "ok" : "WRONG");
    ok = ok && good;
  }
  const deploy_pair p;
  Deployment x = p.a, y = p.a;
  reconcile::apply(x, reconcile::diff(p.a, p.b));
  std::vector<Change> fwd;
  hand::diff(p.a, p.b, fwd);
  hand_apply(y, fwd, p.b);
  std::printf("deployment: reconcile %s, hand %s\n", x == p.b ? "ok" : "WRONG", y == p.b ? "ok" : "WRONG");
  return ok && x == p.b && y == p.b;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bool run_check = false;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--check") == 0) {
      run_check = true;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      break;
    }
  if (run_check && !bench::check()) return 1;
  for (std::size_t n : {1'000u, 10'000u, 40'000u}) bench::register_game(n);
  bench::register_deployment();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
