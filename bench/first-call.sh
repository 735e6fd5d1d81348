#!/usr/bin/env bash
# The first calls after start: starts the stack with ./mosaic up --detach (jars as built), then
# prints how long ./mosaic up took, how long until the first complete dashboard through the gateway
# (counted from the start of ./mosaic up), and the status and latency of the first 10 dashboards.
# Stops the stack at the end. MOSAIC_PORT_OFFSET and MOSAIC_JAVA_OPTS apply as for ./mosaic.
#
#   bench/first-call.sh                                   # as shipped
#   MOSAIC_JAVA_OPTS='-Dmosaic.composer.warm-up.enabled=false -Dmosaic.gateway.warm-up.enabled=false' bench/first-call.sh
set -euo pipefail
cd "$(dirname "$0")/.."
offset=${MOSAIC_PORT_OFFSET:-0}
gateway="http://127.0.0.1:$((8080 + offset))"
now_ms() { date +%s%3N; }

trap './mosaic down >/dev/null 2>&1 || true' EXIT
start=$(now_ms)
./mosaic up --detach --no-build >/dev/null
up=$(now_ms)
token=$(./mosaic token u-42)
first_complete=""
for i in $(seq 1 10); do
  out=$(curl -s -o /dev/null -D - -w 'status=%{http_code} time=%{time_total}\n' --max-time 10 \
        -H "Authorization: Bearer $token" "$gateway/api/me/dashboard" | tr -d '\r' || true)
  status=$(sed -n 's/^status=\([0-9]*\).*/\1/p' <<<"$out")
  ms=$(sed -n 's/.*time=\([0-9.]*\)/\1/p' <<<"$out" | awk '{ printf "%.0f", $1 * 1000 }')
  complete=$(grep -i '^X-Dashboard-Complete:' <<<"$out" | awk '{ print $2 }' || true)
  if [[ -z "$first_complete" && "$status" == 200 && "$complete" == true ]]; then first_complete=$(now_ms); fi
  echo "call $i: $status ${ms} ms complete=${complete:-n/a}"
done
echo "./mosaic up: $(( up - start )) ms"
if [[ -n "$first_complete" ]]; then
  echo "first complete dashboard: $(( first_complete - start )) ms after ./mosaic up started"
else
  echo "first complete dashboard: none in the first 10 calls"
fi
