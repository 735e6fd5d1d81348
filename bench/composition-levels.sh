#!/usr/bin/env bash
# How long a composition takes with every backend answering after D ms: the dashboard (one level:
# three independent calls) should take about D, order-detail (two levels: the order, then its owner
# and its products together) about 2·D, not 3·D. Runs against a stack that ./mosaic up started
# (MOSAIC_PORT_OFFSET is followed), sets the chaos API's fixed latency on all four backends, sends
# sequential requests through the gateway and prints p50/p90/max per composition; chaos is reset at
# the end. Not a throughput test: one request at a time, so that the figure is the graph's, not a queue's.
#
# Usage: bench/composition-levels.sh [--delay-ms D] [--requests N] [--warmup N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
delay=200 requests=40 warmup=20
while (($#)); do
  case "$1" in
    --delay-ms) delay="$2"; shift 2;;
    --requests) requests="$2"; shift 2;;
    --warmup) warmup="$2"; shift 2;;
    -h|--help) sed -n '2,10p' "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
offset="${MOSAIC_PORT_OFFSET:-0}"
gateway="http://127.0.0.1:$((8080 + offset))" control="http://127.0.0.1:$((9000 + offset))"
orders="http://127.0.0.1:$((9002 + offset))"
curl -sf "$control/actuator/health" >/dev/null || { echo "no stack on offset $offset: start it with ./mosaic up --detach" >&2; exit 1; }
token=$(curl -sf -X POST "$control/token" -H 'Content-Type: application/json' \
  -d '{"sub":"bench","scope":"dashboard:read compositions:read:any"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
order=$(curl -sf "$orders/orders?userId=u-42&limit=1" | grep -o '"id":"o-[^"]*"' | head -1 | cut -d'"' -f4)
trap 'curl -s -X POST "$control/chaos/reset" >/dev/null' EXIT
for s in user orders recommendations catalog; do
  curl -sf -X PUT "$control/chaos/$s" -H 'Content-Type: application/json' \
    -d "{\"latencyMs\":$delay,\"distribution\":\"fixed\"}" >/dev/null
done

measure() { # name path -> "name p50 p90 max complete/total"
  local name="$1" path="$2" i t complete=0
  local -a times=()
  for ((i = 0; i < warmup; i++)); do curl -s -o /dev/null -H "Authorization: Bearer $token" "$gateway$path"; done
  for ((i = 0; i < requests; i++)); do
    t=$(curl -s -o /tmp/levels.$$ -w '%{time_total}' -H "Authorization: Bearer $token" "$gateway$path")
    grep -q '"complete":true' /tmp/levels.$$ && complete=$((complete + 1))
    times+=("$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }')")
  done
  rm -f /tmp/levels.$$
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v d="$delay" -v c="$complete" -v n="$requests" '
    { v[NR] = $1 } END { printf "| %s | %d | %d | %d | %d | %.2f | %d/%d |\n", name, d, v[int(NR*0.5+0.5)], v[int(NR*0.9+0.5)], v[NR], v[int(NR*0.5+0.5)]/d, c, n }'
}
echo "| composition | D (ms) | p50 (ms) | p90 (ms) | max (ms) | p50 / D | complete |"
echo "|---|---:|---:|---:|---:|---:|---:|"
measure dashboard "/api/dashboard/u-42"
measure order-detail "/api/order-detail/$order"
