// tests/kill9/kill9.hpp - the kill -9 loop: start kill9_child on a fresh venue, kill it with
// SIGKILL at a random point (1-3 times per series), then let a last life run to the end; the
// venue must never hold two live orders for one slot, and every series must converge.
#pragma once

#include "venue.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kill9 {

struct figures {
  std::size_t kills = 0, series = 0, duplicates = 0, series_with_duplicates = 0, converged = 0;
  bool ok() const { return duplicates == 0 && converged == series; }
};

inline pid_t spawn(const std::string& child, const std::filesystem::path& dir, bool journaled) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    if (journaled) ::execl(child.c_str(), child.c_str(), dir.c_str(), static_cast<char*>(nullptr));
    else ::execl(child.c_str(), child.c_str(), dir.c_str(), "--no-journal", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// run(child, base, kills, journaled, seed): series until `kills` kills were made.
inline figures run(const std::string& child, const std::filesystem::path& base, std::size_t kills, bool journaled,
                   unsigned seed) {
  std::mt19937 rng(seed);
  figures f;
  while (f.kills < kills) {
    const std::filesystem::path dir = base / ("series-" + std::to_string(f.series++));
    std::filesystem::remove_all(dir);
    venue v(dir / "venue", 20);
    v.seed_stale();
    const int lives = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int i = 0; i < lives && f.kills < kills; ++i, ++f.kills) {
      const pid_t pid = spawn(child, dir, journaled);
      std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 80000)(rng)));
      ::kill(pid, SIGKILL);
      int status = 0;
      ::waitpid(pid, &status, 0);
    }
    const pid_t last = spawn(child, dir, journaled);
    int status = 0;
    ::waitpid(last, &status, 0);
    const std::size_t d = duplicates(v);
    f.duplicates += d;
    f.series_with_duplicates += d ? 1 : 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && converged(v)) ++f.converged;
    std::filesystem::remove_all(dir);
  }
  return f;
}

}  // namespace kill9
