// Diff and equality of typed state: reconcile against hand-written code, Boost.PFR, protobuf's
// MessageDifferencer and nlohmann's json::diff, all in one binary and one run.
//
// Benchmarks are named <workload>/<mode>/<implementation>, mode = eq (equality only) or diff
// (a diff that produces change records). Every case reports the counter "allocs": heap
// allocations per iteration (support/alloc_counter.cpp).
//
//   bench_diff [--check | --check-only] [google benchmark flags]
//   --check        first diff every workload with every implementation, print the number of
//                  changes each one found, and fail unless they agree
#include "diff/data.hpp"
#include "diff/floor.hpp"
#include "diff/hand_diff.hpp"
#include "diff/pfr_diff.hpp"
#include "support/alloc_counter.hpp"

#include <reconcile/diff.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace bench {
namespace {

using fn = std::function<void(benchmark::State&)>;

void add(const std::string& name, fn f, benchmark::TimeUnit unit = benchmark::kNanosecond) {
  benchmark::RegisterBenchmark(name.c_str(), std::move(f))->Unit(unit);
}

// Equality: `eq(a, b)` each iteration.
template <class T, class Eq>
fn eq_case(const T* a, const T* b, Eq eq) {
  return [=](benchmark::State& st) {
    const T* pa = a;
    const T* pb = b;
    alloc_probe probe;
    for (auto _ : st) {
      benchmark::DoNotOptimize(pa);
      benchmark::DoNotOptimize(pb);
      bool same = eq(*pa, *pb);
      benchmark::DoNotOptimize(same);
    }
    probe.report(st);
  };
}

// reconcile::diff_into a changeset warmed by one call before the loop.
template <class T>
fn reconcile_diff_case(const T* a, const T* b) {
  return [=](benchmark::State& st) {
    reconcile::changeset<T> cs;
    reconcile::diff_into(cs, *a, *b);
    const T* pa = a;
    const T* pb = b;
    alloc_probe probe;
    for (auto _ : st) {
      benchmark::DoNotOptimize(pa);
      benchmark::DoNotOptimize(pb);
      reconcile::diff_into(cs, *pa, *pb);
      benchmark::DoNotOptimize(cs);
    }
    probe.report(st);
  };
}

// A hand-written or PFR differ appending to a reused vector (cleared, never reallocated).
template <class T, class Out, class Diff>
fn record_case(const T* a, const T* b, Diff diff) {
  return [=](benchmark::State& st) {
    std::vector<Out> out;
    out.reserve(4096);
    diff(*a, *b, out);
    const T* pa = a;
    const T* pb = b;
    alloc_probe probe;
    for (auto _ : st) {
      benchmark::DoNotOptimize(pa);
      benchmark::DoNotOptimize(pb);
      out.clear();
      diff(*pa, *pb, out);
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
    probe.report(st);
  };
}

template <class T>
std::size_t reconcile_count(const T& a, const T& b) {
  return reconcile::diff(a, b).size();
}
template <class T, class Out = Change, class Diff>
std::size_t record_count(const T& a, const T& b, Diff diff) {
  std::vector<Out> out;
  diff(a, b, out);
  return out.size();
}

const auto hand_diff = [](const auto& a, const auto& b, auto& out) { hand::diff(a, b, out); };
const auto pfr_diff_fn = [](const auto& a, const auto& b, auto& out) { pfr_diff::diff(a, b, out); };
const auto floor_diff_fn = [](const Flat32& a, const Flat32& b, std::vector<floor::slot>& out) { floor::diff(a, b, out); };
const auto op_eq = [](const auto& a, const auto& b) { return a == b; };
const auto reconcile_eq = [](const auto& a, const auto& b) { return reconcile::equal(a, b); };
const auto pfr_eq = [](const auto& a, const auto& b) { return pfr_diff::equal(a, b); };

void register_native(bool checks, std::vector<check_row>& rows) {
  // Deployment and Flat32: equal / 1 change / 3 or all changed.
  struct small {
    const char* name;
    int changes;
  };
  for (small s : {small{"deploy_equal", 0}, small{"deploy_1change", 1}, small{"deploy_3changes", 3}}) {
    const std::string w = s.name;
    const deploy_case& d = deploy_data(s.changes);
    add(w + "/eq/reconcile", eq_case(&d.a, &d.b, reconcile_eq));
    add(w + "/eq/opeq", eq_case(&d.a, &d.b, op_eq));
    add(w + "/eq/pfr", eq_case(&d.a, &d.b, pfr_eq));
    add(w + "/diff/reconcile", reconcile_diff_case(&d.a, &d.b));
    add(w + "/diff/hand", record_case<Deployment, Change>(&d.a, &d.b, hand_diff));
    add(w + "/diff/pfr", record_case<Deployment, Change>(&d.a, &d.b, pfr_diff_fn));
    if (checks) {
      rows.push_back({w, "reconcile", static_cast<long long>(reconcile_count(d.a, d.b)), reconcile::equal(d.a, d.b)});
      rows.push_back({w, "hand", static_cast<long long>(record_count(d.a, d.b, hand_diff)), d.a == d.b});
      rows.push_back({w, "pfr", static_cast<long long>(record_count(d.a, d.b, pfr_diff_fn)), pfr_diff::equal(d.a, d.b)});
    }
  }
  for (small s : {small{"flat32_equal", 0}, small{"flat32_1change", 1}, small{"flat32_allchanged", 32}}) {
    const std::string w = s.name;
    const flat_case& f = flat_data(s.changes);
    add(w + "/eq/reconcile", eq_case(&f.a, &f.b, reconcile_eq));
    add(w + "/eq/opeq", eq_case(&f.a, &f.b, op_eq));
    add(w + "/eq/pfr", eq_case(&f.a, &f.b, pfr_eq));
    add(w + "/diff/reconcile", reconcile_diff_case(&f.a, &f.b));
    add(w + "/diff/hand", record_case<Flat32, Change>(&f.a, &f.b, hand_diff));
    add(w + "/diff/pfr", record_case<Flat32, Change>(&f.a, &f.b, pfr_diff_fn));
    // The floor of reconcile's change layout: the compares and the stores of each record only.
    if (s.changes == 32) add(w + "/diff/layout_floor", record_case<Flat32, floor::slot>(&f.a, &f.b, floor_diff_fn));
    if (checks) {
      rows.push_back({w, "reconcile", static_cast<long long>(reconcile_count(f.a, f.b)), reconcile::equal(f.a, f.b)});
      if (s.changes == 32)
        rows.push_back({w, "layout_floor", static_cast<long long>(record_count<Flat32, floor::slot>(f.a, f.b, floor_diff_fn)),
                        f.a == f.b});
      rows.push_back({w, "hand", static_cast<long long>(record_count(f.a, f.b, hand_diff)), f.a == f.b});
      rows.push_back({w, "pfr", static_cast<long long>(record_count(f.a, f.b, pfr_diff_fn)), pfr_diff::equal(f.a, f.b)});
    }
  }

  // Keyed lists of Deployments, matched by name.
  const auto hash_fn = [](const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
    hand::diff_hash(a, b, out);
  };
  const auto sort_fn = [](const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
    hand::diff_sort_merge(a, b, out);
  };
  const auto step_fn = [](const DeploymentList& a, const DeploymentList& b, std::vector<Change>& out) {
    hand::diff_in_step(a, b, out);
  };
  struct keyed {
    const char* name;
    std::size_t n;
    order o;
    bool modified;
  };
  for (keyed k : {keyed{"keyed10k_equal", 10'000, order::same, false},
                  keyed{"keyed10k_1pct", 10'000, order::same, true},
                  keyed{"keyed100k_1pct", 100'000, order::same, true},
                  keyed{"keyed10k_shuffled", 10'000, order::shuffled, true},
                  keyed{"keyed4k_reversed", 4'000, order::reversed, true}}) {
    const std::string w = k.name;
    const keyed_pair& p = keyed_data(k.n, k.o, k.modified);
    if (!k.modified) {
      add(w + "/eq/reconcile", eq_case(&p.a, &p.b, reconcile_eq), benchmark::kMicrosecond);
      add(w + "/eq/opeq", eq_case(&p.a, &p.b, op_eq), benchmark::kMicrosecond);
    }
    add(w + "/diff/reconcile", reconcile_diff_case(&p.a, &p.b), benchmark::kMicrosecond);
    add(w + "/diff/hand_hash", record_case<DeploymentList, Change>(&p.a, &p.b, hash_fn), benchmark::kMicrosecond);
    add(w + "/diff/hand_sortmerge", record_case<DeploymentList, Change>(&p.a, &p.b, sort_fn),
        benchmark::kMicrosecond);
    if (k.o == order::same)
      add(w + "/diff/hand_instep", record_case<DeploymentList, Change>(&p.a, &p.b, step_fn),
          benchmark::kMicrosecond);
    if (checks) {
      rows.push_back({w, "reconcile", static_cast<long long>(reconcile_count(p.a, p.b)), reconcile::equal(p.a, p.b)});
      rows.push_back({w, "hand_hash", static_cast<long long>(record_count(p.a, p.b, hash_fn)), p.a == p.b});
      rows.push_back({w, "hand_sortmerge", static_cast<long long>(record_count(p.a, p.b, sort_fn)), p.a == p.b});
    }
  }

  // Game tick: 10k entities, 5 % moved, the delta into a reused buffer.
  {
    const world_pair& wd = world_data();
    const auto tick_fn = [](const std::vector<Flat32>& a, const std::vector<Flat32>& b,
                            std::vector<hand::Delta>& out) { hand::tick(a, b, out); };
    add("tick10k_5pct/diff/reconcile", reconcile_diff_case(&wd.before, &wd.after), benchmark::kMicrosecond);
    add("tick10k_5pct/diff/hand", record_case<std::vector<Flat32>, hand::Delta>(&wd.before, &wd.after, tick_fn),
        benchmark::kMicrosecond);
    if (checks) {
      rows.push_back({"tick10k_5pct", "reconcile", static_cast<long long>(reconcile_count(wd.before, wd.after)),
                      reconcile::equal(wd.before, wd.after)});
      rows.push_back({"tick10k_5pct", "hand",
                      static_cast<long long>(record_count<std::vector<Flat32>, hand::Delta>(wd.before, wd.after, tick_fn)),
                      wd.before == wd.after});
    }
  }
}

// Every implementation must agree with reconcile on equality and on the number of changes.
bool report_checks(const std::vector<check_row>& rows) {
  bool ok = true;
  std::printf("== cross-check: changes found (and equality) per workload and implementation\n");
  for (const check_row& r : rows) {
    const check_row* ref = nullptr;
    for (const check_row& x : rows)
      if (x.workload == r.workload && x.impl == "reconcile") ref = &x;
    const bool agree = ref && ref->equal == r.equal && (r.changes < 0 || r.changes == ref->changes);
    ok = ok && agree;
    std::printf("%-20s %-16s changes %6lld  equal %-5s %s\n", r.workload.c_str(), r.impl.c_str(), r.changes,
                r.equal ? "true" : "false", agree ? "ok" : "MISMATCH");
  }
  std::printf(ok ? "ALL CHECKS PASSED\n" : "CHECKS FAILED\n");
  std::fflush(stdout);
  return ok;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bool checks = false, only = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) checks = true;
    else if (std::strcmp(argv[i], "--check-only") == 0) checks = only = true;
    else args.push_back(argv[i]);
  }
  std::vector<bench::check_row> rows;
  bench::register_native(checks, rows);
#if defined(RECONCILE_BENCH_PROTOBUF)
  bench::register_protobuf(checks, rows);
#endif
#if defined(RECONCILE_BENCH_JSON)
  bench::register_json(checks, rows);
#endif
  if (checks && !bench::report_checks(rows)) return 1;
  if (only) return 0;
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
