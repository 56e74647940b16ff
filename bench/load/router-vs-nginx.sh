#!/usr/bin/env bash
# Bounded load comparison of the MiniPaas router against nginx as an equivalent reverse proxy.
#
#   backend  nginx answering "hello" on 127.0.0.1 (fast, so proxies are what is measured)
#   direct   wrk -> backend
#   router   wrk -> MiniPaas router (route table from a state file, scheduler absent) -> backend
#   nginx    wrk -> nginx proxy_pass with keepalive and the same X-Forwarded-*/X-Request-Id headers -> backend
#
# Prints req/s and p99 latency of each run and the ratios. Access logs are off on both proxies.
# Every process it starts is a child stopped by PID at the end; everything listens on free 127.0.0.1 ports.
#
# Usage: bench/load/router-vs-nginx.sh          (DURATION=10s CONNECTIONS=32 THREADS=2 WARMUP=5s to change)
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/router-vs-nginx.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing ${missing[*]} from Debian..." >&2
  # Keep the package's service from starting a system-wide nginx on port 80.
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ $created_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # url [host header]
  local url=$1 host=${2:-}
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null ${host:+-H "Host: $host"} "$url" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2
  return 1
}

# wrk output -> "<req/s> <p99 ms>"
run_wrk() { # url
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: hello.localhost" "$1")
  echo "$out" >>"$WORK/wrk.log"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.3f", v}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses:|Socket errors:/ {print}' <<<"$out")
  [ -n "$errors" ] && echo "  note: $errors" >&2
  echo "$rps $p99"
}

warm() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: hello.localhost" "$1" >/dev/null; }

install_tools
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

BACKEND_PORT=$(free_port)
NGINX_PORT=$(free_port)
ROUTER_PORT=$(free_port)
ADMIN_PORT=$(free_port)
DEAD_SCHEDULER_PORT=$(free_port)

echo "building the router (Release)..." >&2
dotnet build -c Release -nologo -v q "$REPO/src/Router/Router.csproj" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
ROUTER_DLL="$REPO/src/Router/bin/Release/net10.0/MiniPaas.Router.dll"

mkdir -p "$WORK/backend" "$WORK/proxy"
cat >"$WORK/backend/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/backend/nginx.pid;
error_log $WORK/backend/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/backend; proxy_temp_path $WORK/backend; fastcgi_temp_path $WORK/backend;
  uwsgi_temp_path $WORK/backend; scgi_temp_path $WORK/backend;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    location / { default_type text/plain; return 200 "hello\n"; }
  }
}
EOF

cat >"$WORK/proxy/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/proxy/nginx.pid;
error_log $WORK/proxy/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/proxy; proxy_temp_path $WORK/proxy; fastcgi_temp_path $WORK/proxy;
  uwsgi_temp_path $WORK/proxy; scgi_temp_path $WORK/proxy;
  keepalive_requests 1000000;
  upstream hello { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    server_name hello.localhost;
    location / {
      proxy_pass http://hello;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Request-Id \$request_id;
    }
  }
}
EOF

cat >"$WORK/routes.json" <<EOF
{ "version": "1", "apps": [ { "app": "hello", "matches": [ { "host": "hello.localhost" } ],
  "destinations": [ { "instanceId": "hello-0", "index": 0, "address": "127.0.0.1:$BACKEND_PORT" } ] } ] }
EOF

"$NGINX" -p "$WORK/backend" -c "$WORK/backend/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_http "http://127.0.0.1:$BACKEND_PORT/"

dotnet "$ROUTER_DLL" \
  --MiniPaas:Router:ListenUrl=http://127.0.0.1:$ROUTER_PORT \
  --MiniPaas:Router:AdminUrl=http://127.0.0.1:$ADMIN_PORT \
  --MiniPaas:Router:SchedulerAddress=http://127.0.0.1:$DEAD_SCHEDULER_PORT \
  --MiniPaas:Router:ReconnectMaxDelay=00:00:30 \
  --MiniPaas:Router:StateFile="$WORK/routes.json" \
  --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:MiniPaas.Router.AccessLog=None \
  --Logging:LogLevel:MiniPaas.Router.Discovery=None >"$WORK/router.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ROUTER_PORT/" hello.localhost

"$NGINX" -p "$WORK/proxy" -c "$WORK/proxy/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/" hello.localhost

echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run (after a $WARMUP warm-up); $(nproc) cores" >&2
warm "http://127.0.0.1:$BACKEND_PORT/"
read -r DIRECT_RPS DIRECT_P99 < <(run_wrk "http://127.0.0.1:$BACKEND_PORT/")
warm "http://127.0.0.1:$ROUTER_PORT/"
read -r ROUTER_RPS ROUTER_P99 < <(run_wrk "http://127.0.0.1:$ROUTER_PORT/")
warm "http://127.0.0.1:$NGINX_PORT/"
read -r NGINX_RPS NGINX_P99 < <(run_wrk "http://127.0.0.1:$NGINX_PORT/")

printf '\n%-22s %12s %10s\n' "target" "req/s" "p99 ms"
printf '%-22s %12.0f %10.3f\n' "backend (direct)" "$DIRECT_RPS" "$DIRECT_P99"
printf '%-22s %12.0f %10.3f\n' "minipaas router" "$ROUTER_RPS" "$ROUTER_P99"
printf '%-22s %12.0f %10.3f\n' "nginx reverse proxy" "$NGINX_RPS" "$NGINX_P99"
awk -v d="$DIRECT_RPS" -v r="$ROUTER_RPS" -v n="$NGINX_RPS" -v dp="$DIRECT_P99" -v rp="$ROUTER_P99" -v np="$NGINX_P99" 'BEGIN {
  printf "\nthroughput: router/direct %.2f, nginx/direct %.2f, router/nginx %.2f\n", r/d, n/d, r/n;
  printf "p99:        router/direct %.2f, nginx/direct %.2f, router/nginx %.2f\n", rp/dp, np/dp, rp/np;
}'
