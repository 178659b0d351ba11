#!/usr/bin/env bash
# Compile-fail suite: every tests/compile_fail/*.cpp must fail to compile.
#
#   tests/compile_fail/run.sh <compiler> [file.cpp...]     (default: every file of the folder)
#
# A file's first line is `// expect: <substring>`. A case passes when the compiler
#   1. rejects the file (-std=c++20 -fsyntax-only -I include -I tests, and the project's warning
#      set, so that a warning's lines count too),
#   2. prints <substring> somewhere in its output, and
#   3. prints, as its FIRST `error:` line, a line that contains `reconcile::` (one readable
#      error at the public entry point rather than a page of template backtrace), and
#   4. when the file has a line `// max-lines: N`, prints at most N lines in all (clang: N of
#      `// max-lines-clang: N` when there is one: clang prints the include stack and one note
#      of three lines per instantiation step).
# Extra flags (e.g. include dirs of dependencies outside the default search path) come from
# $RECONCILE_CF_FLAGS; $JOBS cases run at once (default 2). Prints one line per case and the
# closing line `N passed, M failed`; exits non-zero when any case failed.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
warnings=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
root="$(cd "$here/../.." && pwd)"

# run_one <compiler> <file>: prints the case's report; exit status 0 = pass.
run_one() {
  local cxx="$1" f="$2"
  local name expect out first_error errors extra
  name="$(basename "$f")"
  read -r -a extra <<<"${RECONCILE_CF_FLAGS:-}"
  expect="$(sed -n '1s|^[[:space:]]*//[[:space:]]*expect:[[:space:]]*||p' "$f" | sed 's/[[:space:]]*$//')"
  if [ -z "$expect" ]; then
    echo "FAIL $cxx $name: first line is not \`// expect: <substring>\`"
    return 1
  fi
  if out="$("$cxx" -std=c++20 -fsyntax-only -fdiagnostics-color=never "${warnings[@]}" \
              -I "$root/include" -I "$root/tests" "${extra[@]}" "$f" 2>&1)"; then
    echo "FAIL $cxx $name: compiled, but must not"
    return 1
  fi
  first_error="$(grep -m1 -E '(^|[[:space:]])(fatal )?error:' <<<"$out" || true)"
  errors="$(grep -c -E '(^|[[:space:]])(fatal )?error:' <<<"$out" || true)"
  if ! grep -qF -- "$expect" <<<"$out"; then
    echo "FAIL $cxx $name: output lacks \"$expect\"; first error:"
    echo "    $first_error"
    sed -n '1,40p' <<<"$out" | sed 's/^/    | /'
    return 1
  elif [[ "$first_error" != *"reconcile::"* ]]; then
    echo "FAIL $cxx $name: the first error does not name reconcile::"
    echo "    $first_error"
    sed -n '1,40p' <<<"$out" | sed 's/^/    | /'
    return 1
  fi
  local max lines
  max="$(sed -n 's|^[[:space:]]*//[[:space:]]*max-lines:[[:space:]]*\([0-9][0-9]*\).*|\1|p' "$f" | head -n 1)"
  if [[ "$cxx" == *clang* ]] && grep -q '^[[:space:]]*//[[:space:]]*max-lines-clang:' "$f"; then
    max="$(sed -n 's|^[[:space:]]*//[[:space:]]*max-lines-clang:[[:space:]]*\([0-9][0-9]*\).*|\1|p' "$f" | head -n 1)"
  fi
  lines="$(wc -l <<<"$out")"
  if [ -n "$max" ] && [ "$lines" -gt "$max" ]; then
    echo "FAIL $cxx $name: $lines lines of compiler output, more than $max"
    sed -n '1,40p' <<<"$out" | sed 's/^/    | /'
    return 1
  fi
  echo "ok   $cxx $name ($errors error line(s), $lines lines)"
}

if [ "${1:-}" = "--one" ]; then   # internal: one case, run by xargs below
  run_one "$2" "$3" >"$4" 2>&1
  echo $? >>"$4.rc"
  exit 0
fi

cxx="${1:?usage: $0 <compiler> [file.cpp...]}"
shift
if [ $# -gt 0 ]; then files=("$@"); else files=("$here"/*.cpp); fi
[ -e "${files[0]:-}" ] || files=()

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pairs=()
for ((i = 0; i < ${#files[@]}; i++)); do
  pairs+=("${files[i]}" "$work/$(printf '%04d' "$i")")
done
[ ${#pairs[@]} -eq 0 ] || printf '%s\0' "${pairs[@]}" | xargs -0 -n 2 -P "${JOBS:-2}" "$0" --one "$cxx"

passed=0
failed=0
for ((j = 0; j < ${#files[@]}; j++)); do
  r="$work/$(printf '%04d' "$j")"
  cat "$r"
  if [ "$(cat "$r.rc" 2>/dev/null)" = "0" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "compile-fail ($cxx): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
