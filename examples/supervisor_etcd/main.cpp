// Several process supervisors share the services desired in etcd: each runs the services it
// owns (sharded: rendezvous hashing, per-service locks) or, with --leader, one runs them all
// while the others stand by. A supervisor that dies (kill -9) takes its children with it
// (setpriv --pdeathsig) and its services move once its lease expires; Ctrl-C stops its
// children first and hands over at once. A moved service's processes stop before its new
// owner starts them (shard::on_release).
//
//   supervisor_etcd --etcd URL [--name NAME] [--leader] [--ttl SECONDS]   until Ctrl-C
//   supervisor_etcd --etcd URL --seed   write six demo services (sleep 600) to etcd
//   supervisor_etcd --check   etcd + three supervisors; kill -9 one; verify the hand-over
#include "../supervisor/process_table.hpp"

#include <reconcile/etcd.hpp>
#include <reconcile/json.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <poll.h>
#include <set>
#include <sys/prctl.h>
#include <thread>

namespace supervisor {
struct Service {
  std::vector<std::string> command;
  int replicas = 1;
};
struct Status {  // what the owner last made true, at /supervisor/status/<service>
  std::string owner;
  int live = 0;
};
}  // namespace supervisor

using namespace supervisor;
using namespace std::chrono_literals;
namespace etcd = reconcile::etcd;
volatile std::sig_atomic_t quit = 0;
const std::map<std::string, int> demo{{"web", 2}, {"api", 2}, {"worker", 1}, {"cache", 1}, {"mail", 1}, {"search", 1}};

// tag(name): "[hh:mm:ss.mmm name]", wall-clock time (UTC): the lines of several supervisors
// sharing a terminal compare, e.g. across a fail-over.
std::string tag(const std::string& name) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() % 86'400'000;
  return fmt::format("[{:02}:{:02}:{:02}.{:03} {}]", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60, ms % 1000, name);
}

void seed(const etcd::client& client) {
  for (const auto& [s, n] : demo) client.put("/supervisor/services/" + s, reconcile::to_json(Service{{"sleep", "600"}, n}));
}

int supervise(const std::string& url, const std::string& name, bool leader_mode, int ttl) {
  etcd::client client(etcd::config{{url}});
  etcd::source<Service> desired(client, "/supervisor/services/");
  std::unique_ptr<etcd::election> election;
  std::unique_ptr<etcd::shard> shard;
  if (leader_mode) election = std::make_unique<etcd::election>(client, "/supervisor/leader/", etcd::election_options{name, std::chrono::seconds(ttl), {}});
  else shard = std::make_unique<etcd::shard>(client, "/supervisor/shard/", etcd::shard_options{name, std::chrono::seconds(ttl), {}, 1s});

  process_table procs;
  std::mutex m;                               // guards the three below (etcd threads read them)
  std::set<std::string> started, to_stop;     // services with children here; to stop now
  std::map<std::string, std::size_t> stopping;  // children terminated, not yet reaped

  // Children die with this supervisor: setpriv sets PDEATHSIG, then sh runs the command only
  // if this supervisor is still its parent (it may have died between fork and prctl).
  const std::string parent_alive = "[ \"$PPID\" = " + std::to_string(::getpid()) + " ] && exec \"$0\" \"$@\"";
  auto reconcile_service = [&](const std::string& service) {
    Replicas want;
    if (const auto svc = desired.get(service))
      for (int i = 0; i < svc->replicas; ++i) {
        Replica r{{"setpriv", "--pdeathsig", "KILL", "--", "sh", "-c", parent_alive}};
        r.command.insert(r.command.end(), svc->command.begin(), svc->command.end());
        want.replicas[fmt::format("{}/{}", service, i)] = r;
      }
    const auto plan = reconcile::plan_for(procs.observe(service), want);
    if (!plan.empty()) {
      std::string lines = fmt::format("{}", plan);
      for (std::size_t at = 0; (at = lines.find('\n', at)) != std::string::npos; at += 3) lines.insert(at + 1, "   ");
      fmt::print("{} {}: {}\n", tag(name), service, lines);
      actuator act{procs, service};
      if (!reconcile::execute(plan, act).ok()) return reconcile::result::retry();
      std::lock_guard<std::mutex> g(m);
      started.insert(service);
    }
    const std::string key = "/supervisor/status/" + service;  // fenced: fails if no longer ours
    const std::string value = reconcile::to_json(Status{name, int(want.replicas.size())});
    const bool ok = election ? (want.replicas.empty() ? election->fenced_erase(key) : election->fenced_put(key, value))
                             : (want.replicas.empty() ? shard->fenced_erase(service, key) : shard->fenced_put(service, key, value));
    return ok ? reconcile::result::done() : reconcile::result::retry();
  };
  using fn = std::function<reconcile::result(const std::string&, const std::stop_token&)>;
  reconcile::options opts;
  opts.backoff_base = 200ms;
  opts.resync_period = 3s;
  reconcile::controller<std::string> ctl(opts, election ? fn(election->guard(reconcile_service)) : fn(shard->guard(reconcile_service)));
  const etcd::attachment triggers = desired.attach(ctl);  // (detaches before ctl goes)
  const etcd::attachment handover = election ? election->attach(ctl) : shard->attach(ctl);
  if (election) {
    election->on_change([&](bool lead) {
      fmt::print("{} {}\n", tag(name), lead ? "leading" : "no longer leading: stopping every service");
      std::lock_guard<std::mutex> g(m);
      if (!lead) to_stop.insert(started.begin(), started.end());
    });
  } else {
    shard->on_release([&](const std::string& service) {  // moved away: stop here first
      std::lock_guard<std::mutex> g(m);
      if (!started.count(service) && !stopping[service]) return true;
      to_stop.insert(service);
      return false;
    });
  }

  std::signal(SIGINT, [](int) { quit = 1; });
  std::signal(SIGTERM, [](int) { quit = 1; });
  fmt::print("{} supervising services from {} ({})\n", tag(name), url, leader_mode ? "leader election" : "sharded");
  while (!quit || procs.size() > 0) {
    pollfd fd{procs.wake_fd(), POLLIN, 0};
    ::poll(&fd, 1, 10);
    std::unique_lock<std::mutex> lk(m);
    for (const Exit& e : procs.reap()) {
      if (e.expected && stopping[e.service] > 0) --stopping[e.service];
      if (!e.expected) ctl.notify(e.service);
    }
    if (quit) to_stop.insert(started.begin(), started.end());
    for (const auto& service : to_stop) {
      for (const auto& [key, r] : procs.observe(service).replicas) procs.terminate(key, 500ms), ++stopping[service];
      started.erase(service);
    }
    to_stop.clear();
    procs.enforce_grace();
    lk.unlock();  // reconciles take the mutex themselves
    if (!quit) ctl.step();
  }
  desired.stop();  // every child is gone: hand over at once
  if (shard) shard->leave();
  if (election) election->resign();
  fmt::print("{} stopped; services handed over\n", tag(name));
  return 0;
}

// etcd_script(): tests/etcd/etcd-server.sh of this source tree: beside __FILE__, or (when the
// compiler was given a relative path, e.g. by ccache's base_dir) above the executable.
std::filesystem::path etcd_script() {
  namespace fs = std::filesystem;
  const fs::path rel = "tests/etcd/etcd-server.sh";
  if (const auto p = fs::path(__FILE__).parent_path() / "../.." / rel; fs::exists(p)) return p;
  std::error_code ec;
  for (fs::path d = fs::canonical("/proc/self/exe", ec).parent_path(); !ec && d.has_relative_path(); d = d.parent_path())
    if (fs::exists(d / rel)) return d / rel;
  return rel;
}

// check: a throw-away etcd, three supervisors, six services; kill -9 the owner of "web".
int check(const char* self) {
  const auto script = etcd_script();
  char url[256] = {}, dir[256] = {};
  int etcd_pid = 0;
  FILE* p = ::popen((script.string() + " start").c_str(), "r");
  const bool started = p && std::fscanf(p, "%255s %d %255s", url, &etcd_pid, dir) == 3;
  if (p) ::pclose(p);
  if (!started) return fmt::print("could not start etcd with {}\n", script.string()), 1;
  etcd::client client(etcd::config{{url}});
  seed(client);
  std::map<std::string, pid_t> sups;
  for (const auto* n : {"sup-1", "sup-2", "sup-3"})
    if ((sups[n] = ::fork()) == 0)
      ::prctl(PR_SET_PDEATHSIG, SIGKILL), ::execl(self, self, "--etcd", url, "--name", n, "--ttl", "2", nullptr), ::_exit(127);
  auto converged = [&](std::chrono::seconds limit) {  // each service runs at its owner among sups
    std::vector<std::string> alive;
    for (const auto& [n, pid] : sups) alive.push_back(n);
    for (const auto t0 = std::chrono::steady_clock::now(); std::chrono::steady_clock::now() - t0 < limit; std::this_thread::sleep_for(20ms)) {
      int ok = 0;
      for (const auto& kv : client.list("/supervisor/status/").kvs) {
        const auto st = reconcile::from_json<Status>(kv.value);
        const std::string service = kv.key.substr(19);
        ok += st.owner == *etcd::detail::rendezvous_owner(alive, service) && st.live == demo.at(service) ? 1 : 0;
      }
      if (ok == int(demo.size())) return true;
    }
    return false;
  };
  bool ok = converged(30s);
  fmt::print("check: every service runs: {}\n", ok ? "ok" : "FAILED");
  const std::string victim = reconcile::from_json<Status>(client.get("/supervisor/status/web")->value).owner;
  const auto t0 = std::chrono::steady_clock::now();
  fmt::print("check: kill -9 {}, the owner of web\n", victim);
  ::kill(sups[victim], SIGKILL), ::waitpid(sups[victim], nullptr, 0), sups.erase(victim);
  const bool moved = converged(30s);
  fmt::print("check: its services run elsewhere after {} ms: {}\n",
             std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count(), moved ? "ok" : "FAILED");
  for (const auto& [n, pid] : sups) ::kill(pid, SIGTERM);
  for (const auto& [n, pid] : sups) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  [[maybe_unused]] const int rc = std::system((script.string() + " stop " + std::to_string(etcd_pid) + " " + dir).c_str());
  return ok && moved ? 0 : 1;
}

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // supervisors share a terminal: whole lines
  std::string url, name = etcd::detail::default_name();
  bool leader = false, seeding = false;
  int ttl = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--check") return check("/proc/self/exe");
    if (a == "--leader") leader = true;
    else if (a == "--seed") seeding = true;
    else if (a == "--etcd" && i + 1 < argc) url = argv[++i];
    else if (a == "--name" && i + 1 < argc) name = argv[++i];
    else if (a == "--ttl" && i + 1 < argc) ttl = std::atoi(argv[++i]);
  }
  if (url.empty()) return fmt::print("usage: {} --etcd URL [--name NAME] [--leader] [--ttl S] | --check\n", argv[0]), 2;
  if (seeding) return seed(etcd::client(etcd::config{{url}})), 0;
  return supervise(url, name, leader, ttl);
}
