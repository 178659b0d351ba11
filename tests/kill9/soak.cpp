// kill9_soak: the long kill -9 loop (scripts/kill9 runs it): N kills at random points
// (default 500), with the journal and, for comparison, without it (--control).
//   kill9_soak <kill9_child path> [--runs N] [--control] [--seed S]
#include "kill9.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 2) return 64;
  std::size_t runs = 500;
  bool control = false;
  unsigned seed = 1;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::strtoul(argv[++i], nullptr, 10);
    else if (std::strcmp(argv[i], "--control") == 0) control = true;
    else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = static_cast<unsigned>(std::atoi(argv[++i]));
  }
  const auto base = std::filesystem::temp_directory_path() / ("reconcile-kill9-" + std::to_string(::getpid()));
  const kill9::figures f = kill9::run(argv[1], base, runs, !control, seed);
  std::filesystem::remove_all(base);
  std::printf("kill -9 loop (%s): %zu kills over %zu series; duplicate orders %zu (in %zu series); converged %zu/%zu\n",
              control ? "no journal" : "file_journal", f.kills, f.series, f.duplicates, f.series_with_duplicates,
              f.converged, f.series);
  return f.ok() ? 0 : 1;
}
