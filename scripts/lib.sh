# Shared by scripts/test, scripts/demo and scripts/bench (sourced, not run).
# Moves to the repository root, runs scripts/bootstrap, and defines:
#   JOBS                  parallel build/test jobs (default 2: the machines have 2 cores)
#   BUILD_ROOT            where build trees go (default build; $RECONCILE_BUILD_ROOT overrides)
#   reconcile_configure   <build-dir> <c++ compiler> <cmake -D args...>
#   reconcile_now         seconds since the epoch
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
JOBS="${JOBS:-2}"
BUILD_ROOT="$(realpath -m "${RECONCILE_BUILD_ROOT:-build}")"

scripts/bootstrap

reconcile_now() { date +%s; }

reconcile_configure() {
  local dir="$1" cxx="$2"
  shift 2
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$REPO_ROOT" -B "$dir" -G Ninja --log-level=WARNING \
    -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" "$@" >/dev/null
}
