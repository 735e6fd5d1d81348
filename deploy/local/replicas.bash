# shellcheck shell=bash
# ./mosaic up --replicas N: N composers and N gateways behind a local nginx, Redis for the shared rate
# limit. Sourced by ./mosaic, whose tables (PARTS, MODULE, ARGS, HEALTH, PORTS, JVM_OPTS, COMMAND,
# CHECK) it extends; every port follows MOSAIC_PORT_OFFSET like the rest:
#
#   nginx          GATEWAY_PORT (8080)                    the public edge, round robin over the gateways
#   gateway-i      8080 + 100*i, management 8090 + 100*(i-1)   (gateway-1: 8180 / 8090, gateway-2: 8280 / 8190)
#   composer-i     8081 + 100*(i-1), management 8091 + 100*(i-1) (composer-1: 8081 / 8091, composer-2: 8181 / 8191)
#   redis          8079                                   the gateways' shared rate limit
#
# Instance 1 keeps the management ports of a single stack (8090, 8091) and composer-1 its port (8081),
# so the console, loadtest/run and the smoke test find them where they always are.

REPLICAS_MAX=8
REDIS_PORT=$((8079 + OFFSET))
NGINX_DIR="$STATE/nginx"

# replicas_configure N: the parts of a replicated stack
replicas_configure() {
  local n="$1" i name port mgmt instances=""
  [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 1 && n <= REPLICAS_MAX)) || die "--replicas takes a number from 1 to $REPLICAS_MAX, not '$n'"
  REPLICAS="$n"
  # twice as many JVMs start at once: give each the longer wait of a busy 2-core machine
  MOSAIC_START_TIMEOUT="${MOSAIC_START_TIMEOUT:-240}"
  local composers=() gateways=()
  for ((i = 1; i <= n; i++)); do
    name="composer-$i"; port=$((COMPOSER_PORT + 100 * (i - 1))); mgmt=$((COMPOSER_MGMT_PORT + 100 * (i - 1)))
    MODULE[$name]=composer; JVM_OPTS[$name]="${JVM_OPTS[composer]}"; PORTS[$name]="$port $mgmt"
    HEALTH[$name]="http://127.0.0.1:$mgmt/actuator/health"
    ARGS[$name]="$(replicas_ports "${ARGS[composer]}" "$port" "$mgmt")"
    instances+=" --mosaic.gateway.composer.instances[$((i - 1))].url=http://127.0.0.1:$port"
    instances+=" --mosaic.gateway.composer.instances[$((i - 1))].readiness-url=http://127.0.0.1:$mgmt/actuator/health/readiness"
    composers+=("$name")
  done
  for ((i = 1; i <= n; i++)); do
    name="gateway-$i"; port=$((GATEWAY_PORT + 100 * i)); mgmt=$((GATEWAY_MGMT_PORT + 100 * (i - 1)))
    MODULE[$name]=gateway; JVM_OPTS[$name]="${JVM_OPTS[gateway]}"; PORTS[$name]="$port $mgmt"
    HEALTH[$name]="http://127.0.0.1:$mgmt/actuator/health"
    ARGS[$name]="$(replicas_ports "${ARGS[gateway]}" "$port" "$mgmt")$instances --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT"
    gateways+=("$name")
  done
  COMMAND[redis]="$(replicas_tool redis-server redis-server) --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no"
  CHECK[redis]="replicas_redis_pong"
  HEALTH[redis]="redis://127.0.0.1:$REDIS_PORT"; PORTS[redis]="$REDIS_PORT"
  COMMAND[nginx]="$(replicas_tool nginx nginx-light) -p $NGINX_DIR/ -c $NGINX_DIR/nginx.conf -e $LOGS/nginx-error.log"
  CHECK[nginx]="curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:$GATEWAY_PORT/openapi.json 2>/dev/null"
  HEALTH[nginx]="http://127.0.0.1:$GATEWAY_PORT/openapi.json"; PORTS[nginx]="$GATEWAY_PORT"
  PARTS=(stubs redis "${composers[@]}" "${gateways[@]}" nginx)
}

# the same arguments with another server and management port
replicas_ports() {
  sed -E "s/--server\.port=[0-9]+/--server.port=$2/; s/--management\.server\.port=[0-9]+/--management.server.port=$3/" <<<"$1"
}

# the path of a tool, installed with apt-get when possible, else one line saying what to run
replicas_tool() {
  local tool="$1" package="$2" found
  found="$(command -v "$tool" 2>/dev/null || true)"
  [[ -z "$found" && -x "/usr/sbin/$tool" ]] && found="/usr/sbin/$tool"
  if [[ -z "$found" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      info "installing $package (apt-get) for --replicas" >&2
      { apt-get install -y -qq "$package" || { apt-get update -qq && apt-get install -y -qq "$package"; }; } >&2 \
        || die "could not install $package; run: apt-get update && apt-get install -y $package"
      found="$(command -v "$tool" 2>/dev/null || echo "/usr/sbin/$tool")"
    else
      die "--replicas needs $tool; run: sudo apt-get install -y $package"
    fi
  fi
  echo "$found"
}

replicas_redis_pong() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3>&- 3<&-
  [[ "$reply" == +PONG* ]]
}

# replicas_nginx_conf [PART]: the nginx configuration; a gateway named PART is marked down (it is
# being restarted: nginx has no active health checks, and a gateway listens before it is warm and ready)
replicas_nginx_conf() {
  local out="${1:-}" upstreams="" i down
  for ((i = 1; i <= REPLICAS; i++)); do
    down=""; [[ "$out" != "gateway-$i" ]] || down=" down"
    # a gateway that refuses or resets is skipped for 2 s
    upstreams+="    server 127.0.0.1:$((GATEWAY_PORT + 100 * i)) max_fails=1 fail_timeout=2s$down;"$'\n'
  done
  mkdir -p "$NGINX_DIR"
  cat >"$NGINX_DIR/nginx.conf" <<CONF
# written by ./mosaic up --replicas $REPLICAS; regenerated at every start
daemon off;
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/client-body;
  proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi;
  scgi_temp_path $NGINX_DIR/scgi;
  upstream mosaic_gateways {
$upstreams    keepalive 64;
  }
  server {
    listen 127.0.0.1:$GATEWAY_PORT;
    location / {
      proxy_pass http://mosaic_gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      # a gateway that stopped accepting (draining, gone) or closed a kept-alive connection before
      # answering: the request goes to the next one (nginx never does this for POST); a gateway's own
      # answer, 502/503 included, is passed on as it is
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries $REPLICAS;
      proxy_connect_timeout 1s;
      proxy_read_timeout 35s;
    }
  }
}
CONF
}

# start everything: stubs, Redis, every composer at once, every gateway at once, then nginx
replicas_start() {
  local java="$1" p
  replicas_nginx_conf
  echo "$REPLICAS" >"$STATE/replicas"
  start_part stubs "$java"
  start_part redis "$java"
  for p in "${PARTS[@]}"; do [[ "$p" == composer-* ]] && launch_part "$p" "$java"; done
  for p in "${PARTS[@]}"; do [[ "$p" == composer-* ]] && await_part "$p"; done
  for p in "${PARTS[@]}"; do [[ "$p" == gateway-* ]] && launch_part "$p" "$java"; done
  for p in "${PARTS[@]}"; do [[ "$p" == gateway-* ]] && await_part "$p"; done
  start_part nginx "$java"
  return 0
}

# a replicated set still running: configure it again, so that status, down and restart see it all
replicas_resume() {
  [[ -f "$STATE/replicas" ]] || return 0
  local n; n="$(cat "$STATE/replicas")"
  local saved=("${PARTS[@]}")
  replicas_configure "$n" 2>/dev/null || { rm -f "$STATE/replicas"; unset REPLICAS; PARTS=("${saved[@]}"); return 0; }
  local p
  for p in "${PARTS[@]}"; do pid_alive "$(pid_of "$p")" && return 0; done
  rm -f "$STATE/replicas"; unset REPLICAS; PARTS=("${saved[@]}")
}

replicas_forget() { rm -f "$STATE/replicas"; }

# ./mosaic status with --replicas: every instance with its port, pid and readiness
replicas_status() {
  local p pid port code=0 state
  for p in "${PARTS[@]}"; do
    pid="$(pid_of "$p")"; port="${PORTS[$p]%% *}"
    if [[ "$p" == composer-* || "$p" == gateway-* ]]; then
      local readiness="${HEALTH[$p]}/readiness" answer
      answer="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$readiness" 2>/dev/null || true)"
      case "$answer" in
        200) state="${G}ready${N}" ;;
        503) state="${Y}not ready${N}"; code=1 ;;
        *) state="${R}down${N}"; code=1 ;;
      esac
      printf '  %-22s %-11s pid %-8s port %-6s management %s\n' "$state" "$p" "${pid:--}" "$port" "${PORTS[$p]##* }"
    elif part_healthy "$p"; then
      printf '  %-22s %-11s pid %-8s port %-6s %s\n' "${G}up${N}" "$p" "${pid:--}" "$port" "${HEALTH[$p]}"
    else
      printf '  %-22s %-11s pid %-8s port %-6s %s\n' "${R}down${N}" "$p" "${pid:--}" "$port" "${HEALTH[$p]}"; code=1
    fi
  done
  return $code
}

# nginx re-reads its configuration without dropping a request (SIGHUP: new workers, the old ones finish)
replicas_nginx_reload() {
  local pid; pid="$(pid_of nginx)"
  pid_alive "$pid" && kill -HUP "$pid" 2>/dev/null || true
}

# ./mosaic restart PART: SIGTERM (the instance drains), wait for its exit, start it again, wait until
# ready. A gateway is taken out of nginx first and put back once ready, as an orchestrator does with
# readiness; a composer needs nothing of the sort: the gateways check its readiness themselves.
replicas_restart() {
  local part="${1:-}"
  [[ -n "$part" && " ${PARTS[*]} " == *" $part "* ]] || die "usage: ./mosaic restart PART, one of: ${PARTS[*]}"
  pid_alive "$(pid_of "$part")" || die "$part is not running (./mosaic status)"
  local java; java="$(java_bin)"
  if [[ "$part" == gateway-* && -n "${REPLICAS:-}" ]]; then
    replicas_nginx_conf "$part"; replicas_nginx_reload
    trap 'replicas_nginx_conf; replicas_nginx_reload' EXIT
  fi
  [[ "$part" != nginx ]] || replicas_nginx_conf
  stop_part "$part"
  start_part "$part" "$java"
}
