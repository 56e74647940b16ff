#!/usr/bin/env bash
# Installs and starts what MiniPaas's tests and `minipaas up` need on a fresh Debian machine:
# a Docker engine (started with --bridge=none --iptables=false: containers use host networking),
# busybox-static (the base of the busybox stack), python3-grpcio (an independent gRPC peer for the
# interop tests), skopeo and docker-registry (real OCI clients and a reference registry), and
# PostgreSQL and Redis (the servers behind the service broker), and Chromium (the dashboard's
# browser test drives it headless through Playwright).
# Idempotent: packages already installed and an engine already answering are left alone.
set -euo pipefail

packages=(docker.io busybox-static python3-grpcio python3-grpc-tools skopeo docker-registry redis-server postgresql chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "prereqs: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

engine_answers() { curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; }
if ! engine_answers; then
  echo "prereqs: starting dockerd (--bridge=none --iptables=false)"
  mkdir -p /var/log/minipaas
  nohup dockerd --bridge=none --iptables=false >/var/log/minipaas/dockerd.log 2>&1 &
  for _ in $(seq 1 120); do engine_answers && break; sleep 0.5; done
  engine_answers || { echo "prereqs: dockerd did not answer; see /var/log/minipaas/dockerd.log" >&2; exit 1; }
fi
echo "prereqs: docker engine $(curl -sf --unix-socket /var/run/docker.sock http://localhost/version | sed -E 's/.*"Version":"([^"]+)".*/\1/')"
