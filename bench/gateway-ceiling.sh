#!/usr/bin/env bash
# Where the gateway's pass-through throughput stands between nginx and what the JVM stack under it
# can do at best. Same run, same fake backend, same wrk settings, rows:
#   gateway      the Mosaic gateway as shipped (auth, rate limit, breaker, retry, metrics, ...);
#                its rate limit in memory (no Redis configured: the shipped default)
#   gateway-redis  the same jar with its rate limit on Redis (the harness's redis-server)
#   scg-stock    Spring Cloud Gateway as its docs configure it: OAuth2 resource server (JWT),
#                RequestRateLimiter on Redis, CircuitBreaker, Retry, Boot's observations (bench/scg-stock)
#   scg-bare     Spring Cloud Gateway, one StripPrefix route, nothing else (bench/scg-bare)
#   netty-proxy  a bare Reactor Netty proxy, no framework (bench/scg-bare NettyProxy)
#   nginx-proxy  nginx as a keep-alive reverse proxy (shared/bench/backends)
#   backend      the fake user backend alone
# Usage: bench/gateway-ceiling.sh [--connections C] [--duration S] [--warmup S] [--java PATH] [--out DIR]
#                                 [--rows gateway,scg-bare,...] [--gateway-arg ARG]...
#                                 [--variant 'NAME=--prop=value --prop2=value']...
#                                 [--gateway-jvm 'OPTIONS'] [--peer-jvm 'OPTIONS']
# JVM options: each part as it ships. The gateway rows run with gateway/jvm.options (what
# gateway/bin/gateway and ./mosaic use; --gateway-jvm replaces them), the Spring Cloud Gateway peers
# as a Spring user starts them, java -jar with the JVM's defaults (--peer-jvm gives them options,
# e.g. the gateway's, to see how much of a gap the JVM options make).
# A variant is one more gateway process with extra arguments (e.g. a feature switched off), row NAME.
# Only the processes of the chosen rows are started (variants always are); redis-server on 18379
# only when a chosen row uses it (scg-stock, gateway-redis).
# Needs: the shared bench harness (../shared/bench or $BENCH), wrk, nginx, openssl, python3,
# and redis-server for the Redis rows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${BENCH:-$(cd "$root/.." && pwd)/shared/bench}"; [[ -d "$bench" ]] || bench=/work/shared/bench
connections=16 duration=15 warmup=60 java=java out="" gw_args=() variants=() rows="gateway,scg-bare,netty-proxy,nginx-proxy,backend"
gw_jvm_opts="$(sed 's/#.*//' "$root/gateway/jvm.options" | xargs)" peer_jvm_opts=""
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
    --gateway-jvm) gw_jvm_opts="$2"; shift 2;;
    --peer-jvm) peer_jvm_opts="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
read -ra gw_jvm <<< "$gw_jvm_opts"; read -ra peer_jvm <<< "$peer_jvm_opts"
[[ -x "$bench/run.sh" ]] || { echo "no bench harness at $bench (set BENCH)" >&2; exit 1; }
known_rows=",gateway,gateway-redis,scg-stock,scg-bare,netty-proxy,nginx-proxy,backend,"
IFS=, read -ra chosen <<< "$rows"
wanted() { [[ ",$rows," == *",$1,"* ]]; }
for r in "${chosen[@]}"; do
  [[ "$known_rows" == *",$r,"* || " ${variants[*]} " == *" $r="* ]] || { echo "unknown row $r" >&2; exit 2; }
done
gateway_jar="$root/gateway/target/gateway.jar" bare_jar="$root/bench/scg-bare/target/scg-bare.jar"
stock_jar="$root/bench/scg-stock/target/scg-stock.jar"
if wanted gateway || wanted gateway-redis || ((${#variants[@]})); then
  [[ -f "$gateway_jar" ]] || { echo "build first: ./mvnw -q -pl gateway -am -DskipTests package" >&2; exit 1; }
fi
if wanted scg-bare || wanted netty-proxy; then
  [[ -f "$bare_jar" ]] || { echo "build first: ./mvnw -q -f bench/scg-bare/pom.xml -DskipTests package" >&2; exit 1; }
fi
if wanted scg-stock; then
  [[ -f "$stock_jar" ]] || { echo "build first: ./mvnw -q -f bench/scg-stock/pom.xml -DskipTests package" >&2; exit 1; }
fi
redis_port=18379
if wanted scg-stock || wanted gateway-redis; then
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  ! (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null \
    || { echo "port $redis_port is taken: the harness starts its own redis-server there" >&2; exit 1; }
fi

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

if wanted scg-stock || wanted gateway-redis; then
  # a real Redis for the rate limiters that keep their buckets there; nothing persisted
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    > "$work/redis.log" 2>&1 & pids+=($!)
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done
  redis-cli -p "$redis_port" ping | grep -q PONG || { echo "redis-server did not start" >&2; cat "$work/redis.log" >&2; exit 1; }
fi

declare -A url=()
start_gateway() { # NAME PORT MANAGEMENT_PORT [ARGS...]
  local name="$1" port="$2" mport="$3"; shift 3
  "$java" "${gw_jvm[@]}" -jar "$gateway_jar" --server.port="$port" --management.server.port="$mport" \
    --mosaic.gateway.user-url=http://127.0.0.1:19101 \
    --mosaic.gateway.security.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
    --mosaic.gateway.security.issuer=http://localhost:9000 \
    --mosaic.gateway.rate-limit.requests-per-second=10000000 --mosaic.gateway.rate-limit.burst=10000000 \
    "${gw_args[@]}" "$@" > "$work/$name.log" 2>&1 & pids+=($!)
  url[$name]="http://127.0.0.1:$port/api/users/u-1@@$work/hdr"
}
if wanted gateway; then start_gateway gateway 18080 18090; fi
if wanted gateway-redis; then
  # store "auto" picks Redis once spring.data.redis.host is set; redis makes it fail when Redis is not there
  start_gateway gateway-redis 18084 18094 --mosaic.gateway.rate-limit.store=redis \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$redis_port"
fi
if wanted scg-stock; then
  # the same rate as the gateway's: 10^7 per second, burst 10^7 (one bucket: the token's subject)
  "$java" "${peer_jvm[@]}" -jar "$stock_jar" --server.port=18182 --management.server.port=18192 \
    --bench.user-url=http://127.0.0.1:19101 --bench.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
    --bench.issuer=http://localhost:9000 --spring.data.redis.port="$redis_port" \
    --bench.rate-limit.replenish-rate=10000000 --bench.rate-limit.burst-capacity=10000000 \
    > "$work/scg-stock.log" 2>&1 & pids+=($!)
  url[scg-stock]="http://127.0.0.1:18182/api/users/u-1@@$work/hdr"
fi
if wanted scg-bare; then
  "$java" "${peer_jvm[@]}" -jar "$bare_jar" --server.port=18180 --bench.user-url=http://127.0.0.1:19101 \
    > "$work/scg-bare.log" 2>&1 & pids+=($!)
  url[scg-bare]="http://127.0.0.1:18180/api/users/u-1@@$work/hdr"
fi
if wanted netty-proxy; then
  "$java" "${peer_jvm[@]}" -Dbench.port=18181 -Dbench.user-url=http://127.0.0.1:19101 \
    -Dloader.main=dev.mosaic.bench.NettyProxy -cp "$bare_jar" org.springframework.boot.loader.launch.PropertiesLauncher \
    > "$work/netty-proxy.log" 2>&1 & pids+=($!)
  url[netty-proxy]="http://127.0.0.1:18181/api/users/u-1@@$work/hdr"
fi
i=0
for v in "${variants[@]}"; do
  name="${v%%=*}" args="${v#*=}" port=$((18280 + i)) mport=$((18290 + i)); i=$((i + 1))
  # shellcheck disable=SC2086
  "$java" "${gw_jvm[@]}" -jar "$gateway_jar" --server.port=$port --management.server.port=$mport \
    --mosaic.gateway.user-url=http://127.0.0.1:19101 \
    --mosaic.gateway.security.jwk-set-uri=http://127.0.0.1:18999/jwks.json \
    --mosaic.gateway.security.issuer=http://localhost:9000 \
    --mosaic.gateway.rate-limit.requests-per-second=10000000 --mosaic.gateway.rate-limit.burst=10000000 \
    "${gw_args[@]}" $args > "$work/$name.log" 2>&1 & pids+=($!)
  url[$name]="http://127.0.0.1:$port/api/users/u-1@@$work/hdr"
done

auth="$(sed 's/^Authorization: //' "$work/hdr")"
for u in $(for n in "${!url[@]}"; do echo "${url[$n]%@@*}"; done); do
  for _ in $(seq 480); do curl -fsS -o /dev/null -H "Authorization: $auth" "$u" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null -H "Authorization: $auth" "$u" || { echo "not up: $u" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "JVM options: gateway rows: ${gw_jvm_opts:-the JVM's defaults}; scg rows: ${peer_jvm_opts:-the JVM's defaults}" >&2
url+=(
  [nginx-proxy]="http://127.0.0.1:19100/users/u-1"
  [backend]="http://127.0.0.1:19101/users/u-1")
targets=()
for r in "${chosen[@]}"; do [[ -n "${url[$r]:-}" ]] || { echo "unknown row $r" >&2; exit 2; }; targets+=("$r=${url[$r]}"); done
"$bench/run.sh" --connections "$connections" --duration "$duration" --warmup "$warmup" ${out:+--out "$out"} "${targets[@]}"
