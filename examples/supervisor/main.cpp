// A self-healing process supervisor: desired services (a command and a replica count) come
// from a JSON file; observed state is the real child processes. SIGCHLD and edits of the file
// are edge triggers, a resync every 3 s is the level trigger; each service's plan starts
// missing replicas, stops surplus ones (SIGTERM, SIGKILL after a grace period) and replaces
// replicas whose command changed. Crash-looping services back off.
//
//   supervisor [services.json]          the scripted demo (kill a replica, edit the file, exit)
//   supervisor --check [services.json]  the same, verifying each step; non-zero exit on failure
//   supervisor --watch services.json    supervise until Ctrl-C; edit the file to see it converge
#include "process_table.hpp"

#include <reconcile/json.hpp>
#include <reconcile/reconcile.hpp>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/inotify.h>

#ifndef RECONCILE_EXAMPLE_DIR  // the example's folder, set by examples/CMakeLists.txt
#define RECONCILE_EXAMPLE_DIR "."
#endif

namespace supervisor {

struct Service {
  std::vector<std::string> command;
  int replicas = 1;
};
struct Desired {
  std::map<std::string, Service> services;
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace supervisor

using namespace supervisor;
using namespace std::chrono_literals;

namespace supervisor {
// supervisor --sim [--check] [--seed N]: the same controller under reconcile::sim (simulated.cpp).
int run_simulated(int argc, char** argv);
}  // namespace supervisor

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--sim") return supervisor::run_simulated(argc, argv);
  bool check = false, watch = false;
  std::filesystem::path source = std::filesystem::path(RECONCILE_EXAMPLE_DIR) / "services.json";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--check") check = true;
    else if (a == "--watch") watch = true;
    else source = a;
  }
  // The demo edits a copy of the file, so the shipped one stays as it is.
  std::filesystem::path file = source;
  if (!watch) {
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("supervisor-{}", ::getpid());
    std::filesystem::create_directories(dir);
    file = dir / "services.json";
    std::filesystem::copy_file(source, file, std::filesystem::copy_options::overwrite_existing);
  }

  const auto t0 = steady::now();
  auto stamp = [&] { return fmt::format("[{:6.3f}s]", std::chrono::duration<double>(steady::now() - t0).count()); };
  int failures = 0;
  auto expect = [&](bool ok, std::string_view what) {
    if (!check) return;
    fmt::print("{} check: {} ... {}\n", stamp(), what, ok ? "ok" : "FAILED");
    failures += ok ? 0 : 1;
  };

  Desired desired = reconcile::from_json<Desired>(read_file(file));
  process_table procs;
  std::map<std::string, int> crashes;  // unexpected quick exits not yet handled, per service

  const reconcile::options opts = controller_options();  // crash loops back off 0.2 s, 0.4 s, ...
  reconcile::expectations in_flight(5s);  // replicas started or stopped, until observed
  reconcile::controller<std::string>* ctl_ptr = nullptr;
  reconcile::controller<std::string> ctl(opts, [&](const std::string& service) {
    Replicas want;
    if (auto it = desired.services.find(service); it != desired.services.end())
      for (int i = 0; i < it->second.replicas; ++i)
        want.replicas[fmt::format("{}/{}", service, i)] = Replica{it->second.command};
    actuator act{procs, service};
    const service_pass p = pass(service, procs.observe(service), want, act, in_flight);
    const int crashed = std::exchange(crashes[service], 0);
    if (p.plan.empty()) return reconcile::result::done();
    std::string lines = fmt::format("{}", p.plan);
    for (std::size_t at = 0; (at = lines.find('\n', at)) != std::string::npos; at += 3) lines.insert(at + 1, "   ");
    fmt::print("{} {}: {}\n", stamp(), service, lines);
    if (!p.report.ok()) return p.next;
    if (crashed > 0) {
      const auto n = ctl_ptr->failures(service) + 1;
      fmt::print("{} {}: crash loop: restart {} backs off {} ms\n", stamp(), service, n,
                 std::chrono::duration_cast<std::chrono::milliseconds>(opts.backoff_base * (1 << (n - 1))).count());
      return reconcile::result::retry();
    }
    return p.next;
  });
  ctl_ptr = &ctl;
  ctl.set_lister([&](auto&& emit) {  // level trigger: every desired service
    for (const auto& [name, s] : desired.services) emit(name);
  });

  const int inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ::inotify_add_watch(inotify, file.parent_path().c_str(), IN_CLOSE_WRITE | IN_MOVED_TO);
  auto reload = [&] {
    try {
      Desired next = reconcile::from_json<Desired>(read_file(file));
      const auto cs = reconcile::diff(desired, next);
      if (cs.empty()) return;
      fmt::print("{} {} changed:\n   {}\n", stamp(), file.filename().string(), fmt::format("{}", cs));
      std::set<std::string> touched;
      for (const auto& [n, s] : desired.services) touched.insert(n);
      for (const auto& [n, s] : next.services) touched.insert(n);
      desired = std::move(next);
      for (const auto& s : touched) ctl.notify(s);
    } catch (const reconcile::json_error& e) {
      fmt::print("{} {}: {} (keeping the previous desired state)\n", stamp(), file.string(), e.what());
    }
  };
  auto edit = [&](auto&& change) {  // the demo edits the file as a user would
    Desired d = reconcile::from_json<Desired>(read_file(file));
    change(d);
    const auto tmp = file.parent_path() / "services.json.tmp";
    std::ofstream(tmp) << reconcile::to_json(d);
    std::filesystem::rename(tmp, file);
  };
  auto converged = [&] {
    for (const auto& [name, s] : desired.services)
      if (name != "crashy" && procs.live(name) != static_cast<std::size_t>(s.replicas)) return false;
    return true;
  };

  // The scenario: (time, what the demo does).
  std::vector<std::pair<std::chrono::milliseconds, std::function<void()>>> script = {
      {2000ms, [&] {
         const pid_t victim = procs.pid_of("web/1");
         fmt::print("{} demo: kill -9 web/1 (pid {})\n", stamp(), victim);
         ::kill(victim, SIGKILL);
       }},
      {3500ms, [&] {
         fmt::print("{} demo: editing {}: web replicas 5 -> 3\n", stamp(), file.filename().string());
         edit([](Desired& d) { d.services["web"].replicas = 3; });
       }},
      {5000ms, [&] {
         fmt::print("{} demo: editing {}: worker runs a new command\n", stamp(), file.filename().string());
         edit([](Desired& d) { d.services["worker"].command = {"sleep", "602"}; });
       }},
      {6500ms, [&] {
         fmt::print("{} demo: shutting down: desired state is now empty\n", stamp());
         desired.services.clear();
         for (const auto& s : {"web", "worker", "crashy"}) ctl.notify(s);
       }},
  };
  std::size_t next_step = 0;
  bool was_converged = false;
  auto change_at = steady::now();
  for (const auto& [name, s] : desired.services) ctl.notify(name);
  fmt::print("{} supervising {} services from {}\n", stamp(), desired.services.size(), file.string());

  while (true) {
    pollfd fds[2] = {{procs.wake_fd(), POLLIN, 0}, {inotify, POLLIN, 0}};
    ::poll(fds, 2, 10);
    for (const Exit& e : procs.reap()) {
      if (e.expected) continue;
      in_flight.forget(reconcile::address_of("replicas", e.key), e.service);  // seen started, and gone
      fmt::print("{} {} (pid {}) exited after {:.3f}s\n", stamp(), e.key, e.pid, e.ran_seconds);
      if (e.ran_seconds < 1.0) {  // a crash: restart now the first time, then after backoff
        ++crashes[e.service];
        if (ctl.failures(e.service) == 0) ctl.notify(e.service);  // else its backoff is pending
      } else {
        ctl.notify(e.service);  // self-heal at once
        change_at = steady::now();
        was_converged = false;
      }
    }
    if (fds[1].revents & POLLIN) {
      char buf[4096];
      while (::read(inotify, buf, sizeof buf) > 0) {}
      reload();
      change_at = steady::now();
      was_converged = false;
    }
    procs.enforce_grace();
    ctl.step();
    if (!was_converged && converged()) {
      was_converged = true;
      fmt::print("{} converged in {:.1f} ms\n", stamp(),
                 std::chrono::duration<double, std::milli>(steady::now() - change_at).count());
    }
    if (watch) continue;
    const auto now = steady::now() - t0;
    if (next_step < script.size() && now >= script[next_step].first) {
      expect(converged(), "converged before the next scripted event");
      script[next_step++].second();
      change_at = steady::now();
      was_converged = false;
    }
    if (next_step == script.size() && procs.size() == 0) break;
    if (now > 30s) {
      expect(false, "finished within 30 s");
      break;
    }
  }
  const auto m = ctl.metrics();
  fmt::print("{} done: {} reconciles, {} retries; no child left: {}\n", stamp(), m.reconciles(), m.retries,
             ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD);
  expect(::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD, "no child process left behind");
  expect(m.retries >= 3, "the crash-looping service backed off (at least 3 retries)");
  if (!watch) std::filesystem::remove_all(file.parent_path());
  return failures == 0 ? 0 : 1;
}
