#!/usr/bin/env bash
# Measures the stub user service with wrk (and a one-shot burst with hey):
#   1. no chaos, 64 connections;
#   2. a fixed 200 ms delay set through the chaos API, 1,000 connections;
#   3. the same delay, exactly 1,000 requests fired at once (hey), total wall time.
# Starts stub-services/target/stub-services.jar on the default ports (build it first:
# ./mvnw -pl stub-services package -DskipTests), and stops it again on exit.
#
# Environment: DURATION (default 15s), WRK_SCRIPT (optional wrk Lua script, e.g. one that
# rotates the user id), JAVA (default java).
set -euo pipefail

cd "$(dirname "$0")/../.."
JAR=stub-services/target/stub-services.jar
DURATION=${DURATION:-15s}
JAVA=${JAVA:-java}
USER_URL=http://127.0.0.1:9001/users/u-1
CONTROL=http://127.0.0.1:9000
SCRIPT_ARGS=()
[[ -n "${WRK_SCRIPT:-}" ]] && SCRIPT_ARGS=(-s "$WRK_SCRIPT")

for tool in wrk hey curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[[ -f "$JAR" ]] || { echo "no $JAR; run ./mvnw -pl stub-services package -DskipTests" >&2; exit 1; }
for port in 9000 9001 9002 9003; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

LOG=$(mktemp /tmp/stub-bench.XXXXXX.log)
"$JAVA" -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
stop() {
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$PID" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "$CONTROL/actuator/health" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "stub-services died; see $LOG" >&2; exit 1; }
  sleep 0.25
done

cpu() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$PID/stat"; }
measure() { # title, wrk args...
  local title=$1; shift
  echo "== $title   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  local before; before=$(cpu)
  wrk "$@"
  echo "stub-services CPU seconds during the run: $(echo "$(cpu) - $before" | bc)"
  echo
}
chaos() { curl -fsS -X PUT "$CONTROL/chaos/user" -H 'Content-Type: application/json' -d "$1" >/dev/null; }

# Warm-up: let the JIT compile the hot paths and fill the body cache.
wrk -t2 -c64 -d10s "${SCRIPT_ARGS[@]}" "$USER_URL" >/dev/null

measure "user service, no delay, 64 connections" -t2 -c64 -d"$DURATION" --latency "${SCRIPT_ARGS[@]}" "$USER_URL"

chaos '{"latencyMs":200,"distribution":"fixed"}'
wrk -t2 -c1000 -d5s --timeout 5s "${SCRIPT_ARGS[@]}" "$USER_URL" >/dev/null
measure "user service, fixed 200 ms delay, 1000 connections" \
  -t2 -c1000 -d"$DURATION" --timeout 5s --latency "${SCRIPT_ARGS[@]}" "$USER_URL"

echo "== 1000 requests at once against the 200 ms delay (hey -n 1000 -c 1000)"
hey -n 1000 -c 1000 -t 10 "$USER_URL" | grep -E "Total:|Slowest:|Fastest:|Average:|Requests/sec:|\[200\]|Error|  (50|99)% in"
curl -fsS -X POST "$CONTROL/chaos/reset" >/dev/null
