// The kill -9 loop, short (30 kills; scripts/kill9 runs 500): an order manager over a
// file_journal killed with SIGKILL at random points never doubles an order and always
// converges (tests/kill9/). Its figure is printed (MESSAGE).
#include <doctest/doctest.h>

#include "kill9/kill9.hpp"

#include <unistd.h>

TEST_CASE("file_journal under kill -9") {
  // On tmpfs when there is one: fsync is then cheap, and kill -9 (unlike a power cut) never
  // loses what reached the page cache anyway; scripts/kill9 runs on the temporary directory.
  const std::filesystem::path tmp =
      std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  const auto base = tmp / ("reconcile-test-kill9-" + std::to_string(::getpid()));
  const kill9::figures f = kill9::run(RECONCILE_KILL9_CHILD, base, 30, true, 2026);
  std::filesystem::remove_all(base);
  MESSAGE(f.kills << " kills over " << f.series << " series: " << f.duplicates << " duplicate orders, converged "
                  << f.converged << "/" << f.series);
  CHECK(f.kills == 30);
  CHECK(f.duplicates == 0);
  CHECK(f.converged == f.series);
}
