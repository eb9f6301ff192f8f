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
