#!/usr/bin/env bash
# Where the gateway's pass-through throughput stands between nginx and what the JVM stack under it
# can do at best. Same run, same fake backend, same wrk settings, rows:
#   gateway      the Mosaic gateway as shipped (auth, rate limit, breaker, retry, metrics, ...)
#   scg-bare     Spring Cloud Gateway, one StripPrefix route, nothing else (bench/scg-bare)
#   netty-proxy  a bare Reactor Netty proxy, no framework (bench/scg-bare NettyProxy)
#   nginx-proxy  nginx as a keep-alive reverse proxy (shared/bench/backends)
#   backend      the fake user backend alone
# Usage: bench/gateway-ceiling.sh [--connections C] [--duration S] [--warmup S] [--java PATH] [--out DIR]
#                                 [--rows gateway,scg-bare,...] [--gateway-arg ARG]...
#                                 [--variant 'NAME=--prop=value --prop2=value']...
# A variant is one more gateway process with extra arguments (e.g. a feature switched off), row NAME.
# Needs: the shared bench harness (../shared/bench or $BENCH), wrk, nginx, openssl, python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${BENCH:-$(cd "$root/.." && pwd)/shared/bench}"; [[ -d "$bench" ]] || bench=/work/shared/bench
connections=16 duration=15 warmup=60 java=java out="" gw_args=() variants=() rows="gateway,scg-bare,netty-proxy,nginx-proxy,backend"
while (($#)); do
  case "$1" in
    --connections) connections="$2"; shift 2;;
    --duration) duration="$2"; shift 2;;
    --warmup) warmup="$2"; shift 2;;
    --java) java="$2"; shift 2;;
    --out) out="$2"; shift 2;;
    --rows) rows="$2"; shift 2;;
    --gateway-arg) gw_args+=("$2"); shift 2;;
    --variant) variants+=("$2"); shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[[ -x "$bench/run.sh" ]] || { echo "no bench harness at $bench (set BENCH)" >&2; exit 1; }
gateway_jar="$root/gateway/target/gateway.jar" bare_jar="$root/bench/scg-bare/target/scg-bare.jar"
[[ -f "$gateway_jar" ]] || { echo "build first: ./mvnw -q -pl gateway -am -DskipTests package" >&2; exit 1; }
[[ -f "$bare_jar" ]] || { echo "build first: ./mvnw -q -f bench/scg-bare/pom.xml -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)" pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$work/backends.pid" ]] && "$bench/backends/stop.sh" "$(cat "$work/backends.pid")" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# fake backends: user on 19101, nginx proxy on 19100
USER_PORT=19101 ORDERS_PORT=19102 RECOMMENDATIONS_PORT=19103 PROXY_PORT=19100 DELAY_MS=0 \
  "$bench/backends/start.sh" > "$work/backends.pid"

# a throwaway RS256 key, its JWK set on 18999 and a token the gateway accepts
# shellcheck source=lib/token.sh
. "$root/bench/lib/token.sh"
bench_token "$work"
(cd "$work" && exec python3 -m http.server 18999 --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)

"$java" -jar "$gateway_jar" --server.port=18080 --management.server.port=18090 \
  --mosaic.gateway.user-url=http://127.0.0.1:19101 \
  --mosaic.gateway.security.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
  --mosaic.gateway.security.issuer=http://localhost:9000 \
  --mosaic.gateway.rate-limit.requests-per-second=10000000 --mosaic.gateway.rate-limit.burst=10000000 \
  "${gw_args[@]}" > "$work/gateway.log" 2>&1 & pids+=($!); gw_pid=$!
"$java" -jar "$bare_jar" --server.port=18180 --bench.user-url=http://127.0.0.1:19101 \
  > "$work/scg-bare.log" 2>&1 & pids+=($!); bare_pid=$!
"$java" -Dbench.port=18181 -Dbench.user-url=http://127.0.0.1:19101 \
  -Dloader.main=dev.mosaic.bench.NettyProxy -cp "$bare_jar" org.springframework.boot.loader.launch.PropertiesLauncher \
  > "$work/netty-proxy.log" 2>&1 & pids+=($!); netty_pid=$!

declare -A url=()
i=0
for v in "${variants[@]}"; do
  name="${v%%=*}" args="${v#*=}" port=$((18280 + i)) mport=$((18290 + i)); i=$((i + 1))
  # shellcheck disable=SC2086
  "$java" -jar "$gateway_jar" --server.port=$port --management.server.port=$mport \
    --mosaic.gateway.user-url=http://127.0.0.1:19101 \
    --mosaic.gateway.security.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
    --mosaic.gateway.security.issuer=http://localhost:9000 \
    --mosaic.gateway.rate-limit.requests-per-second=10000000 --mosaic.gateway.rate-limit.burst=10000000 \
    "${gw_args[@]}" $args > "$work/$name.log" 2>&1 & pids+=($!)
  url[$name]="http://127.0.0.1:$port/api/users/u-1@@$work/hdr"
done

auth="$(sed 's/^Authorization: //' "$work/hdr")"
for u in "http://127.0.0.1:18080/api/users/u-1" "http://127.0.0.1:18180/api/users/u-1" "http://127.0.0.1:18181/api/users/u-1" \
         $(for n in "${!url[@]}"; do echo "${url[$n]%@@*}"; done); do
  for _ in $(seq 480); do curl -fsS -o /dev/null -H "Authorization: $auth" "$u" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null -H "Authorization: $auth" "$u" || { echo "not up: $u" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
url+=(
  [gateway]="http://127.0.0.1:18080/api/users/u-1@@$work/hdr"
  [scg-bare]="http://127.0.0.1:18180/api/users/u-1@@$work/hdr"
  [netty-proxy]="http://127.0.0.1:18181/api/users/u-1@@$work/hdr"
  [nginx-proxy]="http://127.0.0.1:19100/users/u-1"
  [backend]="http://127.0.0.1:19101/users/u-1")
targets=()
IFS=, read -ra chosen <<< "$rows"
for r in "${chosen[@]}"; do [[ -n "${url[$r]:-}" ]] || { echo "unknown row $r" >&2; exit 2; }; targets+=("$r=${url[$r]}"); done
"$bench/run.sh" --connections "$connections" --duration "$duration" --warmup "$warmup" ${out:+--out "$out"} "${targets[@]}"
