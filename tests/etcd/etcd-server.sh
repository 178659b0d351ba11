#!/usr/bin/env bash
# A throw-away etcd on a free loopback port with a temporary data directory (the tests start
# their own from C++, tests/etcd/etcd_server.hpp; this is the same for a shell).
#   tests/etcd/etcd-server.sh start        prints: URL PID DATA_DIR   once /health answers
#   tests/etcd/etcd-server.sh stop PID DIR stops that etcd by pid and removes its directory
# Example:
#   read -r URL PID DIR < <(tests/etcd/etcd-server.sh start)
#   ...; tests/etcd/etcd-server.sh stop "$PID" "$DIR"
set -euo pipefail

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# healthy PORT: GET /health answers {"health":"true"} (bash's /dev/tcp: no curl needed)
healthy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
    timeout 1 cat <&3) 2>/dev/null | grep -q '"health":"true"'
}
random_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    if port_free "$p"; then echo "$p"; return; fi
  done
}

case "${1:-}" in
  start)
    command -v etcd >/dev/null || { echo "etcd not found: run scripts/bootstrap" >&2; exit 1; }
    dir="$(mktemp -d /tmp/reconcile-etcd-XXXXXX)"
    for attempt in 1 2 3 4 5; do
      c=$(random_port); p=$(random_port)
      [ "$c" != "$p" ] || continue
      etcd --name sh --data-dir "$dir/data" \
        --listen-client-urls "http://127.0.0.1:$c" --advertise-client-urls "http://127.0.0.1:$c" \
        --listen-peer-urls "http://127.0.0.1:$p" --initial-advertise-peer-urls "http://127.0.0.1:$p" \
        --initial-cluster "sh=http://127.0.0.1:$p" --log-level warn --logger zap \
        >>"$dir/etcd.log" 2>&1 </dev/null &
      pid=$!
      for _ in $(seq 1 300); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi   # exited: port taken, try again
        if healthy "$c"; then
          echo "http://127.0.0.1:$c $pid $dir"
          exit 0
        fi
        sleep 0.05
      done
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
    echo "etcd did not start; see $dir/etcd.log" >&2
    exit 1
    ;;
  stop)
    pid="${2:?usage: $0 stop PID DIR}"
    dir="${3:-}"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
    case "$dir" in /tmp/reconcile-etcd-*) rm -rf "$dir" ;; esac
    ;;
  *)
    echo "usage: $0 start | stop PID DIR" >&2
    exit 2
    ;;
esac
