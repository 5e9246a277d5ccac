#!/usr/bin/env bash
# Measures how long the app image takes from launch until its login window is on screen, under
# a virtual X server, with a fresh data directory each run. Prints each run's wall-clock time
# and the CPU time the process used until then (steadier on a busy machine), and the medians;
# leaves a screenshot of the last run in target/installer/login-window.png.
#   installer/startup-time.sh [runs=3]      (needs: apt-get install xvfb xdotool imagemagick)
# LAUNCH="java -jar target/creditdesk.jar" measures another command the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
launch="${LAUNCH:-target/installer/creditdesk/bin/creditdesk}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi
tick=$(getconf CLK_TCK)

walls=()
cpus=()
for i in $(seq 1 "$runs"); do
  data="$(mktemp -d)"
  start=$(date +%s%N)
  $launch --data-dir "$data" >"$data.log" 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name '^creditdesk' >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited:" >&2; cat "$data.log" >&2; exit 1; }
    sleep 0.05
  done
  wall=$((($(date +%s%N) - start) / 1000000))
  # utime + stime of the launcher process, which runs the JVM in-process.
  cpu=$(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  walls+=("$wall")
  cpus+=("$cpu")
  echo "run $i: login window after ${wall} ms (${cpu} ms CPU)"
  if [ "$i" = "$runs" ]; then
    sleep 3 # let the window finish painting
    import -window root target/installer/login-window.png
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  sleep 1 # embedded PostgreSQL stops after the app
  rm -rf "$data" "$data.log" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
echo "median: $(median "${walls[@]}") ms to the login window, $(median "${cpus[@]}") ms CPU"
