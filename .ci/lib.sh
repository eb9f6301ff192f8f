# Shared by the .ci scripts (sourced): stop a daemon and remove its folder without racing it.
# A daemon sent SIGTERM goes on writing (logs, its pid file) while it shuts down; removing its folder
# before it has gone fails with "Directory not empty".

# stop_pidfile FILE: SIGTERM the process whose pid is in FILE and wait (up to 20 s) until it has exited.
stop_pidfile() {
  local pid
  [ -f "$1" ] || return 0
  pid=$(cat "$1" 2>/dev/null) || return 0
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# remove_dir DIR: rm -rf, tried again for a few seconds while something is still finishing inside it.
remove_dir() {
  for _ in 1 2 3 4 5; do
    rm -rf "$1" 2>/dev/null && return 0
    sleep 1
  done
  rm -rf "$1" || echo "left $1 in place" >&2
  return 0
}

# CI's fixed ports sit below Linux's ephemeral range (32768-60999): an outgoing connection (pip, a test client,
# PostgreSQL's own) may hold any port inside it for a while, and a server then cannot bind (seen twice in CI).
CI_PG_PORT=25432 CI_WEB_PORT=25765 CI_SMTP_PORT=25025 CI_API_PORT=25766 CI_SCALEOUT_BASE=30200

# wait_http URL LOG: until URL answers (at most 20 s); otherwise print LOG and fail, naming what did not start.
wait_http() {
  for _ in $(seq 100); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "nothing answered at $1 within 20 s; its log:" >&2
  tail -40 "$2" >&2 2>/dev/null || true
  return 1
}

# Side by side: `side_start NAME DIR COMMAND...` starts COMMAND in the background, its output in DIR/NAME.log;
# `side_wait DIR NAME...` waits for each in turn, prints its output whole under a heading with its exit status (so
# a failure reads as if it had run alone), and fails naming those that failed.
side_start() {
  local name=$1 dir=$2
  shift 2
  "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

side_wait() {
  local dir=$1 name status failed=()
  shift
  for name in "$@"; do
    status=0
    wait "$(cat "$dir/$name.pid")" || status=$?
    echo
    echo "== $name (exit status $status) =="
    cat "$dir/$name.log"
    [ "$status" = 0 ] || failed+=("$name")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    return 1
  fi
}
