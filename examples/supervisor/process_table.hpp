// The supervisor's observed state: the real child processes it started (fork/exec), reaped
// with waitpid when SIGCHLD arrives, stopped with SIGTERM and then SIGKILL after a grace period.
#pragma once

#include "service_pass.hpp"

#include <reconcile/reconcile.hpp>

#include <chrono>
#include <csignal>
#include <map>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace supervisor {

using steady = std::chrono::steady_clock;

struct Child {
  std::string key, service;
  std::vector<std::string> command;
  steady::time_point started;
  bool terminating = false;
  steady::time_point kill_at{};
};

struct Exit {
  std::string key, service;
  pid_t pid;
  double ran_seconds;
  bool expected;  // we asked it to stop
};

inline int sigchld_pipe[2] = {-1, -1};

class process_table {
 public:
  process_table() {
    if (::pipe2(sigchld_pipe, O_NONBLOCK | O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    struct sigaction sa {};
    sa.sa_handler = [](int) {
      const int saved = errno;
      [[maybe_unused]] auto n = ::write(sigchld_pipe[1], "c", 1);
      errno = saved;
    };
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    ::sigaction(SIGCHLD, &sa, nullptr);
  }
  int wake_fd() const { return sigchld_pipe[0]; }

  // The live, not-terminating replicas of one service: the observed state for its plan.
  Replicas observe(const std::string& service) const {
    Replicas r;
    for (const auto& [pid, c] : children_)
      if (c.service == service && !c.terminating) r.replicas[c.key] = Replica{c.command};
    return r;
  }
  std::size_t live(const std::string& service) const { return observe(service).replicas.size(); }
  std::size_t size() const { return children_.size(); }
  pid_t pid_of(const std::string& key) const {
    for (const auto& [pid, c] : children_)
      if (c.key == key && !c.terminating) return pid;
    return -1;
  }

  void spawn(const std::string& service, const std::string& key, const std::vector<std::string>& command) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
      std::vector<char*> argv;
      for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
    children_[pid] = Child{key, service, command, steady::now()};
  }

  void terminate(const std::string& key, std::chrono::milliseconds grace) {
    for (auto& [pid, c] : children_)
      if (c.key == key && !c.terminating) {
        c.terminating = true;
        c.kill_at = steady::now() + grace;
        ::kill(pid, SIGTERM);
      }
  }
  // SIGKILL for replicas whose grace period has passed.
  void enforce_grace() {
    for (auto& [pid, c] : children_)
      if (c.terminating && steady::now() >= c.kill_at) ::kill(pid, SIGKILL);
  }
  // Reaps every exited child.
  std::vector<Exit> reap() {
    char buf[64];
    while (::read(sigchld_pipe[0], buf, sizeof buf) > 0) {}
    std::vector<Exit> exits;
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
      auto it = children_.find(pid);
      if (it == children_.end()) continue;
      const double ran = std::chrono::duration<double>(steady::now() - it->second.started).count();
      exits.push_back({it->second.key, it->second.service, pid, ran, it->second.terminating});
      children_.erase(it);
    }
    return exits;
  }

 private:
  std::map<pid_t, Child> children_;
};

// The actuator: plans act on real processes through it.
struct actuator {
  process_table& procs;
  std::string service;
  std::chrono::milliseconds grace{500};

  void create(const std::string& key, const Replica& r) { procs.spawn(service, key, r.command); }
  void update(const std::string&, const Replica&, const Replica&, const reconcile::changeset<Replica>&) {}
  void remove(const std::string& key, const Replica&) { procs.terminate(key, grace); }
};

}  // namespace supervisor
