// GitOps with reconcile: a directory of JSON files (one per app) is the desired state; another
// directory, the "cluster", holds what they render to (a config file per app, a pod file per
// replica). A reconcile::loop observes the cluster directory, plans it against the rendering
// of the desired one, and writes or deletes files. An edit of the desired files is an edge
// trigger (a watch event); drift in the cluster (a file edited by hand, a stray file, a
// corrupted one) raises no event and is found by the periodic resync, the level trigger.
//
//   gitops [desired-dir]          the scripted tour (edits suit the shipped desired/), on a
//                                 copy in a temporary directory
//   gitops --check [desired-dir]  the same, checking convergence after every step
#include "cluster.hpp"

#include <reconcile/json.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <set>
#include <unistd.h>

#ifndef RECONCILE_EXAMPLE_DIR  // the example's folder, set by examples/CMakeLists.txt
#define RECONCILE_EXAMPLE_DIR "."
#endif

using namespace gitops;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  bool check = false;
  fs::path source = fs::path(RECONCILE_EXAMPLE_DIR) / "desired";
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--check") check = true;
    else source = argv[i];
  }
  const fs::path work = fs::temp_directory_path() / fmt::format("gitops-{}", ::getpid());
  const fs::path desired_dir = work / "desired", cluster_dir = work / "cluster";
  fs::remove_all(work);
  fs::create_directories(cluster_dir);
  fs::copy(source, desired_dir);

  // Problems in files are printed once each: parse errors name the file and the field.
  std::set<std::string> reported;
  auto report_problem = [&](const std::string& p) {
    if (reported.insert(p).second) fmt::print("  ! {}\n", p);
  };
  // Desired state: the rendering of every desired/*.json. A file that does not parse keeps
  // its last good version: a bad commit must not tear an app down.
  std::map<std::string, App> last_good;
  auto desired = [&] {
    std::map<std::string, App> apps;
    for (const auto& entry : fs::directory_iterator(desired_dir)) {
      if (entry.path().extension() != ".json") continue;
      const std::string name = entry.path().stem().string();
      try {
        last_good[name] = apps[name] = reconcile::from_json<App>(read_file(entry.path()));
      } catch (const reconcile::json_error& e) {
        report_problem(fmt::format("desired/{}.json: {} (keeping the last good version)", name, e.what()));
        if (last_good.contains(name)) apps[name] = last_good[name];
      }
    }
    return render(apps);
  };
  auto observed = [&] {
    std::vector<std::string> problems;
    Cluster c = observe(cluster_dir, &problems);
    for (const std::string& p : problems) report_problem(p + " (observed as empty)");
    return c;
  };

  // The loop: observe -> plan -> execute passes on a controller. A manual clock makes the
  // resync (every 30 s) happen exactly when the script advances time.
  reconcile::manual_clock clock;
  reconcile::loop_options opts;
  opts.controller.clock = &clock;
  opts.controller.resync_period = 30s;
  opts.controller.resync_jitter = 0;
  files cluster{cluster_dir};
  reconcile::loop<Cluster, files> lp(opts, observed, desired, cluster);
  std::size_t actions = 0;
  lp.on_pass([&](const reconcile::plan<Cluster>& p, const reconcile::report& r) {
    std::istringstream text(fmt::format("{}", p));
    for (std::string line; std::getline(text, line);) fmt::print("  {}\n", line);
    for (const reconcile::action& a : p) {  // an update's changes, as the RFC 6902 patch they make
      auto patch = [&]<class R>(const R*) {
        if (const reconcile::changeset<R>* cs = a.changes_as<R>(); cs && a.verb() == reconcile::verb::update)
          fmt::print("    patch {}: {}\n", a.address(), reconcile::to_json_patch(*a.observed_as<R>(), *cs));
      };
      patch(static_cast<const ConfigMap*>(nullptr));
      patch(static_cast<const Pod*>(nullptr));
    }
    if (!r.ok()) fmt::print("{}\n", r);
    actions += p.size();
  });

  int failures = 0;
  auto settle = [&] {  // run passes until the loop has nothing due (a pass, then its confirmation)
    const std::size_t before = actions;
    for (int i = 0; i < 10 && lp.step() > 0; ++i) {}
    if (actions == before) fmt::print("  No changes.\n");
    const bool ok = reconcile::plan_for(observed(), desired()).empty();
    if (check) fmt::print("  check: cluster/ matches desired/ ... {}\n", ok ? "ok" : "FAILED");
    failures += ok ? 0 : 1;
  };
  auto expect = [&](bool ok, std::string_view what) {
    if (check) fmt::print("  check: {} ... {}\n", what, ok ? "ok" : "FAILED");
    failures += ok ? 0 : 1;
  };
  auto step = [&](std::string_view what) {
    fmt::print("[{:>3}s] {}\n", std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count(),
               what);
  };
  auto edit = [&](const fs::path& p, std::string_view from, std::string_view to) {  // the script's hand edits
    std::string text = read_file(p);
    if (const auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
    else fmt::print("  (no {} in {}: this step expects the shipped sample)\n", from, p.filename().string());
    write_file(p, text);
  };

  fmt::print("gitops: desired/ -> cluster/ in {}\n", work.string());
  step("first sync: cluster/ is empty");
  settle();

  clock.advance(10s);
  step("hand edits in cluster/: web-1's image, web's LOG_LEVEL, a stray pod file");
  edit(cluster_dir / "web-1.pod.json", "nginx:1.27", "nginx:latest");
  edit(cluster_dir / "web.config.json", R"("LOG_LEVEL": "info")", R"("LOG_LEVEL": "debug")");
  write_file(cluster_dir / "debug-0.pod.json", R"({"app": "debug", "image": "busybox", "port": 22})");
  expect(lp.step() == 0, "no pass runs: drift raises no event");
  clock.advance(20s);
  step("resync: the drift is put back");
  settle();
  expect(observe(cluster_dir).pods["web-1"].image == "nginx:1.27", "web-1 runs nginx:1.27 again");
  expect(!fs::exists(cluster_dir / "debug-0.pod.json"), "the stray pod file is gone");

  clock.advance(10s);
  step("a hand edit breaks cluster/api.config.json: \"LOG_LEVEL\": 3");
  edit(cluster_dir / "api.config.json", "\"warn\"", "3");
  clock.advance(20s);
  step("resync: the file is rewritten");
  settle();
  expect(observe(cluster_dir).configmaps["api"].data["LOG_LEVEL"] == "warn", "api's config is valid again");

  clock.advance(10s);
  step("commit: web scales 3 -> 2, api moves to 1.5.0 (a watch event: no waiting for the resync)");
  edit(desired_dir / "web.json", "\"replicas\": 3", "\"replicas\": 2");
  edit(desired_dir / "api.json", "api:1.4.2", "api:1.5.0");
  lp.notify();
  settle();
  expect(!fs::exists(cluster_dir / "web-2.pod.json"), "web-2 is gone");
  expect(observe(cluster_dir).pods["api-1"].image == "registry.local/api:1.5.0", "api-1 runs 1.5.0");

  clock.advance(10s);
  step("bad commit: api's replicas becomes \"two\"");
  edit(desired_dir / "api.json", "\"replicas\": 2", "\"replicas\": \"two\"");
  lp.notify();
  settle();
  expect(fs::exists(cluster_dir / "api-1.pod.json"), "api keeps its pods");

  fmt::print("{} actions in {} passes; cluster/ matches desired/ after every step: {}\n", actions,
             lp.metrics().reconciles(), failures == 0 ? "yes" : "NO");
  fs::remove_all(work);
  return failures == 0 ? 0 : 1;
}
