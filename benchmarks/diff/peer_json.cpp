// Peer: nlohmann json::diff (an RFC 6902 patch) on the model converted to json. "nl" diffs json
// built once outside the loop; "nl_conv" converts both structs inside the loop, then diffs.
// Equality ("eq/nl") is json ==. Arrays diff by position: json has no notion of keys.
#include "data.hpp"
#include "../support/alloc_counter.hpp"

#include <nlohmann/json.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace bench {

using nlohmann::json;

void to_json(json& j, const Container& c) {
  j = json{{"name", c.name}, {"image", c.image}, {"cpu_millis", c.cpu_millis}, {"args", c.args}};
}
void to_json(json& j, const Deployment& d) {
  j = json{{"name", d.name},         {"ns", d.ns},
           {"replicas", d.replicas}, {"labels", d.labels},
           {"containers", d.containers}, {"max_surge", d.max_surge},
           {"paused", d.paused},     {"generation", d.generation}};
  if (d.strategy) j["strategy"] = *d.strategy;
}
void to_json(json& j, const DeploymentList& l) { j = json{{"items", l.items}}; }
void to_json(json& j, const Flat32& f) {
  j = json{{"f00", f.f00}, {"f01", f.f01}, {"f02", f.f02}, {"f03", f.f03}, {"f04", f.f04}, {"f05", f.f05},
           {"f06", f.f06}, {"f07", f.f07}, {"f08", f.f08}, {"f09", f.f09}, {"f10", f.f10}, {"f11", f.f11},
           {"f12", f.f12}, {"f13", f.f13}, {"f14", f.f14}, {"f15", f.f15}, {"f16", f.f16}, {"f17", f.f17},
           {"f18", f.f18}, {"f19", f.f19}, {"f20", f.f20}, {"f21", f.f21}, {"f22", f.f22}, {"f23", f.f23},
           {"f24", f.f24}, {"f25", f.f25}, {"f26", f.f26}, {"f27", f.f27}, {"f28", f.f28}, {"f29", f.f29},
           {"f30", f.f30}, {"f31", f.f31}};
}

namespace {

template <class T>
struct json_case {
  const T* a;
  const T* b;
  json ja, jb;
  json_case(const T& x, const T& y) : a(&x), b(&y), ja(x), jb(y) {}
};

template <class T>
void add_cases(const std::string& w, json_case<T>* c, bool eq, bool conv, benchmark::TimeUnit unit) {
  if (eq)
    benchmark::RegisterBenchmark((w + "/eq/nl").c_str(), [c](benchmark::State& st) {
      alloc_probe probe;
      for (auto _ : st) {
        bool same = c->ja == c->jb;
        benchmark::DoNotOptimize(same);
      }
      probe.report(st);
    })->Unit(unit);
  benchmark::RegisterBenchmark((w + "/diff/nl").c_str(), [c](benchmark::State& st) {
    alloc_probe probe;
    for (auto _ : st) {
      json patch = json::diff(c->ja, c->jb);
      benchmark::DoNotOptimize(patch);
    }
    probe.report(st);
  })->Unit(unit);
  if (conv)
    benchmark::RegisterBenchmark((w + "/diff/nl_conv").c_str(), [c](benchmark::State& st) {
      alloc_probe probe;
      for (auto _ : st) {
        json ja = *c->a;
        json jb = *c->b;
        json patch = json::diff(ja, jb);
        benchmark::DoNotOptimize(patch);
      }
      probe.report(st);
    })->Unit(unit);
}

// positional: json diffs arrays by position, so its count is not comparable (equality only).
template <class T>
void check(const std::string& w, json_case<T>* c, std::vector<check_row>& rows, bool positional = false) {
  const long long n = positional ? -1 : static_cast<long long>(json::diff(c->ja, c->jb).size());
  rows.push_back({w, "nl", n, c->ja == c->jb});
}

// Cases live until the process exits (the registered benchmarks refer to them).
template <class C>
C* keep(std::shared_ptr<C> c) {
  static std::vector<std::shared_ptr<void>> cases;
  cases.push_back(c);
  return c.get();
}

}  // namespace

void register_json(bool checks, std::vector<check_row>& rows) {
  struct small {
    const char* name;
    int changes;
  };
  for (small s : {small{"deploy_equal", 0}, small{"deploy_1change", 1}, small{"deploy_3changes", 3}}) {
    const deploy_case& d = deploy_data(s.changes);
    auto* c = keep(std::make_shared<json_case<Deployment>>(d.a, d.b));
    add_cases(s.name, c, true, true, benchmark::kNanosecond);
    if (checks) check(s.name, c, rows);
  }
  for (small s : {small{"flat32_equal", 0}, small{"flat32_1change", 1}, small{"flat32_allchanged", 32}}) {
    const flat_case& f = flat_data(s.changes);
    auto* c = keep(std::make_shared<json_case<Flat32>>(f.a, f.b));
    add_cases(s.name, c, true, true, benchmark::kNanosecond);
    if (checks) check(s.name, c, rows);
  }
  // Keyed lists at 10k (json for 100k Deployments would take about 1 GB).
  struct keyed {
    const char* name;
    std::size_t n;
    order o;
    bool modified;
  };
  for (keyed k : {keyed{"keyed10k_equal", 10'000, order::same, false},
                  keyed{"keyed10k_1pct", 10'000, order::same, true},
                  keyed{"keyed4k_reversed", 4'000, order::reversed, true}}) {
    const keyed_pair& p = keyed_data(k.n, k.o, k.modified);
    auto* c = keep(std::make_shared<json_case<DeploymentList>>(p.a, p.b));
    add_cases(k.name, c, !k.modified, k.o == order::same, benchmark::kMicrosecond);
    if (checks) check(k.name, c, rows, k.o != order::same);
  }
  {
    const world_pair& wd = world_data();
    auto* c = keep(std::make_shared<json_case<std::vector<Flat32>>>(wd.before, wd.after));
    add_cases("tick10k_5pct", c, false, true, benchmark::kMicrosecond);
    if (checks) check("tick10k_5pct", c, rows);
  }
}

}  // namespace bench
