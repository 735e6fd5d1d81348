#!/usr/bin/env bash
# What observability costs: the gateway and the composer with tracing as shipped (Micrometer Tracing
# over OpenTelemetry, sampling 0.1, no exporter) against the same jar with
# --management.tracing.export.enabled=false (Boot 4's switch: no propagation, no export), side by
# side on the same fake backends, measured in interleaved bursts so that whatever else the machine
# does hits every variant alike. Reports req/s, p50, p99 (medians over the bursts) and the CPU the
# process spent per request (/proc/<pid>/stat, pooled over all bursts).
#
# Usage: bench/observability-cost.sh [--rounds N] [--burst S] [--warmup S] [--connections C]
#                                    [--java PATH] [--out DIR] [--variant 'PART:NAME=--prop=v ...']...
#                                    [--no-defaults]
#   rows: gateway, gateway-notrace (GET /api/users/u-N through the gateway to the fake user backend)
#         composer, composer-notrace (GET /dashboard/u-N, three fake backends)
#   --variant adds a row: PART is gateway, composer, scg (bench/scg-bare: Spring Cloud Gateway
#   with one route and nothing else, to price the gateway's features) or scg-stock (bench/scg-stock:
#   Spring Cloud Gateway configured by the book, with its rate limit on a redis-server this script
#   starts), NAME the row, then extra arguments; --no-defaults leaves out the four rows above. A
#   variant's arguments may begin with --jar=PATH (that jar instead of the packaged one: an A/B
#   against an earlier build) and --jvm=OPT,OPT,... (these JVM options instead of the row's own;
#   --jvm= alone: the JVM's defaults).
# JVM options: gateway and composer rows run with gateway/jvm.options and composer/jvm.options, the
# options they ship and are measured with; the scg rows with the gateway's, so that a row's CPU per
# request prices code, not JVM settings (bench/gateway-ceiling.sh runs them as they ship instead).
# Needs: the shared bench harness (../shared/bench or $BENCH), wrk, nginx, openssl, python3, and
# the packaged jars (./mvnw -q -pl gateway,composer -am -DskipTests package); redis-server for scg-stock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${BENCH:-$(cd "$root/.." && pwd)/shared/bench}"; [[ -d "$bench" ]] || bench=/work/shared/bench
rounds=8 burst=5 warmup=40 connections=16 java=java out="" variants=() defaults=1
while (($#)); do
  case "$1" in
    --rounds) rounds="$2"; shift 2;;
    --burst) burst="$2"; shift 2;;
    --warmup) warmup="$2"; shift 2;;
    --connections) connections="$2"; shift 2;;
    --java) java="$2"; shift 2;;
    --out) out="$2"; shift 2;;
    --variant) variants+=("$2"); shift 2;;
    --no-defaults) defaults=""; shift;;
    -h|--help) sed -n '2,18p' "$0"; exit 0;;
    *) echo "unknown option $1 (--help lists them)" >&2; exit 2;;
  esac
done
[[ -f "$bench/lib/rotate.lua" ]] || { echo "no bench harness at $bench (set BENCH)" >&2; exit 1; }
for jar in gateway composer; do
  [[ -f "$root/$jar/target/$jar.jar" ]] \
    || { echo "build first: ./mvnw -q -pl gateway,composer -am -DskipTests package" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d)" pids=()
out="${out:-$work}"; mkdir -p "$out"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$work/backends.pid" ]] && "$bench/backends/stop.sh" "$(cat "$work/backends.pid")" >/dev/null 2>&1 || true
}
trap cleanup EXIT

USER_PORT=19101 ORDERS_PORT=19102 RECOMMENDATIONS_PORT=19103 PROXY_PORT=0 DELAY_MS=0 \
  "$bench/backends/start.sh" > "$work/backends.pid"
# shellcheck source=lib/token.sh
. "$root/bench/lib/token.sh"
bench_token "$work"
(cd "$work" && exec python3 -m http.server 18999 --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)

options_of() { sed 's/#.*//' "$root/$1/jvm.options" | xargs; }
read -ra gateway_jvm <<< "$(options_of gateway)"; read -ra composer_jvm <<< "$(options_of composer)"
redis_port=18379 redis_started=""
start_redis() {
  [[ -n "$redis_started" ]] && return 0
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  ! (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null \
    || { echo "port $redis_port is taken: the script starts its own redis-server there" >&2; exit 1; }
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    > "$work/redis.log" 2>&1 & pids+=($!)
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done
  redis_started=1
}
declare -A pid_of=() url_of=() hdr_of=() part_of=()
rows=()
port=18400
start() { # PART NAME [ARGS...]
  local part="$1" name="$2"; shift 2
  local p=$port m=$((port + 50)); port=$((port + 1))
  local jar="$root/$part/target/$part.jar" jvm=("${gateway_jvm[@]}")
  [[ "$part" == composer ]] && jvm=("${composer_jvm[@]}")
  if [[ "${1:-}" == --jar=* ]]; then jar="${1#--jar=}"; shift; fi
  if [[ "${1:-}" == --jvm=* ]]; then IFS=, read -ra jvm <<< "${1#--jvm=}"; shift; fi
  if [[ "$part" == gateway ]]; then
    "$java" "${jvm[@]}" -jar "$jar" --server.port=$p --management.server.port=$m \
      --mosaic.gateway.user-url=http://127.0.0.1:19101 \
      --mosaic.gateway.security.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
      --mosaic.gateway.security.issuer=http://localhost:9000 \
      --mosaic.gateway.rate-limit.requests-per-second=10000000 --mosaic.gateway.rate-limit.burst=10000000 \
      "$@" \
      > "$work/$name.log" 2>&1 & pids+=($!)
    url_of[$name]="http://127.0.0.1:$p/api/users/u-1" hdr_of[$name]="$(cat "$work/hdr")"
  elif [[ "$part" == scg-stock ]]; then
    start_redis
    # the same rate as the gateway's: 10^7 per second, burst 10^7 (one bucket: the token's subject)
    "$java" "${jvm[@]}" -jar "$root/bench/scg-stock/target/scg-stock.jar" --server.port=$p --management.server.port=$m \
      --bench.user-url=http://127.0.0.1:19101 --bench.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
      --bench.issuer=http://localhost:9000 --spring.data.redis.port="$redis_port" \
      --bench.rate-limit.replenish-rate=10000000 --bench.rate-limit.burst-capacity=10000000 "$@" \
      > "$work/$name.log" 2>&1 & pids+=($!)
    url_of[$name]="http://127.0.0.1:$p/api/users/u-1" hdr_of[$name]="$(cat "$work/hdr")"
  elif [[ "$part" == scg ]]; then
    "$java" "${jvm[@]}" -jar "$root/bench/scg-bare/target/scg-bare.jar" --server.port=$p \
      --bench.user-url=http://127.0.0.1:19101 "$@" > "$work/$name.log" 2>&1 & pids+=($!)
    url_of[$name]="http://127.0.0.1:$p/api/users/u-1" hdr_of[$name]="$(cat "$work/hdr")"
  else
    "$java" "${jvm[@]}" -jar "$jar" --server.port=$p --management.server.port=$m \
      --mosaic.composer.sources.user.url=http://127.0.0.1:19101 \
      --mosaic.composer.sources.orders.url=http://127.0.0.1:19102 \
      --mosaic.composer.sources.recommendations.url=http://127.0.0.1:19103 "$@" \
      > "$work/$name.log" 2>&1 & pids+=($!)
    url_of[$name]="http://127.0.0.1:$p/dashboard/u-1" hdr_of[$name]="X-Bench: 1"
  fi
  pid_of[$name]=$!
  rows+=("$name"); part_of[$name]="$part"
}
if [[ -n "$defaults" ]]; then
  start gateway gateway
  start gateway gateway-notrace --management.tracing.export.enabled=false
  start composer composer
  start composer composer-notrace --management.tracing.export.enabled=false
fi
for v in "${variants[@]}"; do
  part="${v%%:*}" rest="${v#*:}"; name="${rest%%=*}" args="${rest#*=}"
  [[ "$part" == gateway || "$part" == composer || "$part" == scg || "$part" == scg-stock ]] \
    || { echo "variant part must be gateway, composer, scg or scg-stock: $v" >&2; exit 2; }
  [[ "$part" != scg || -f "$root/bench/scg-bare/target/scg-bare.jar" ]] \
    || { echo "build first: ./mvnw -q -f bench/scg-bare/pom.xml -DskipTests package" >&2; exit 1; }
  [[ "$part" != scg-stock || -f "$root/bench/scg-stock/target/scg-stock.jar" ]] \
    || { echo "build first: ./mvnw -q -f bench/scg-stock/pom.xml -DskipTests package" >&2; exit 1; }
  # shellcheck disable=SC2086
  start "$part" "$name" $args
done

for r in "${rows[@]}"; do
  ok=""
  for _ in $(seq 240); do
    if curl -fsS -o /dev/null -H "${hdr_of[$r]}" "${url_of[$r]}" 2>/dev/null; then ok=1; break; fi
    kill -0 "${pid_of[$r]}" 2>/dev/null || break
    sleep 0.5
  done
  [[ -n "$ok" ]] || { echo "not up: $r (${url_of[$r]})" >&2; tail -n 30 "$work/$r.log" >&2; exit 1; }
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
burst_of() { # NAME SECONDS -> "requests p50_us p99_us errors cpu_ticks"
  local r="$1" s="$2" before after line
  before="$(ticks "${pid_of[$r]}")"
  line="$(wrk -t2 -c"$connections" -d"${s}s" --timeout 2s -H "${hdr_of[$r]}" -s "$bench/lib/rotate.lua" \
           "${url_of[$r]}" | grep '^BENCH_RESULT')"
  after="$(ticks "${pid_of[$r]}")"
  python3 - "$line" $((after - before)) <<'PY'
import sys
f = dict(kv.split('=') for kv in sys.argv[1].split()[1:])
errors = sum(int(f[k]) for k in ('status_errors', 'connect', 'read', 'write', 'timeout'))
print(f['requests'], f['p50_us'], f['p99_us'], errors, sys.argv[2])
PY
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in "${rows[@]}"; do burst_of "$r" "$warmup" > /dev/null; done
: > "$out/bursts.tsv"
for ((i = 0; i < rounds; i++)); do
  n=${#rows[@]}
  for ((j = 0; j < n; j++)); do
    r="${rows[$(((i + j) % n))]}"   # each round starts one row later: no row always follows the same one
    echo -e "$i\t$r\t$(burst_of "$r" "$burst" | tr ' ' '\t')" >> "$out/bursts.tsv"
  done
  echo "round $((i + 1))/$rounds done, load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$out/bursts.tsv" "$burst" "$hz" "${rows[@]}" <<'PY' | tee "$out/results.md"
import statistics, sys
path, burst, hz, rows = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
first = rows[0]
data = {r: [] for r in rows}
for line in open(path):
    _, r, req, p50, p99, err, cpu = line.split('\t')
    data[r].append((int(req), int(p50), int(p99), int(err), int(cpu)))
by_round = {}
for line in open(path):
    i, r, req, *_ = line.split('\t')
    by_round.setdefault(int(i), {})[r] = int(req)
print('| row | req/s (median burst) | spread (min–max) | req/s vs the first row (median of the rounds\' ratios) '
      '| p50 | p99 | errors | CPU µs / request | CPU vs its part\'s first row |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
base = {}
for r in rows:
    b = data[r]
    reqs = sum(x[0] for x in b)
    cpu_us = sum(x[4] for x in b) * 1e6 / hz / reqs
    part = r.split('-')[0]
    base.setdefault(part, cpu_us)
    ratios = [rs[r] / rs[first] for rs in by_round.values() if rs.get(first) and r in rs]
    print(f'| {r} | {statistics.median(x[0] for x in b) / burst:.0f}'
          f' | {min(x[0] for x in b) / burst:.0f}–{max(x[0] for x in b) / burst:.0f}'
          f' | {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})'
          f' | {statistics.median(x[1] for x in b) / 1000:.2f} ms'
          f' | {statistics.median(x[2] for x in b) / 1000:.2f} ms | {sum(x[3] for x in b)} | {cpu_us:.0f}'
          f' | {cpu_us / base[part]:.3f}× |')
PY
