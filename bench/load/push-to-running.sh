#!/usr/bin/env bash
# Push-to-running time for samples/hello: wall time of `minipaas push` (which returns once every
# desired instance of the new release is running) on a platform of its own, first cold (stack
# layer built and uploaded), then warm (only the app layer changes). Bounded: RUNS pushes, then
# everything it started is stopped and its containers removed.
#
# Usage: bench/load/push-to-running.sh [RUNS]   (default 5)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
home=$(mktemp -d /tmp/minipaas-bench-XXXXXX)
label="minipaas.test=bench-$$"
cli=(dotnet "$repo/src/Cli/bin/Release/net10.0/MiniPaas.Cli.dll")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ -f "${cli[1]}" ] || dotnet build "$repo/MiniPaas.sln" -c Release -v q -nologo >/dev/null

cleanup() {
  "${cli[@]}" down --home "$home" >/dev/null 2>&1 || true
  ids=$(docker ps -aq --filter "label=$label")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  rm -rf "$home"
}
trap cleanup EXIT

"${cli[@]}" up --home "$home" --agents 2 --registry-port "$(free_port)" --scheduler-port "$(free_port)" \
  --router-port "$(free_port)" --router-admin-port "$(free_port)" --agent-ip-base 127.0.0.81 \
  --agent-port-start 60000 --agent-ports 200 --container-label "$label" >/dev/null

app=$(mktemp -d /tmp/minipaas-bench-app-XXXXXX)
cp -a "$repo/samples/hello/." "$app/"
ms() { date +%s%3N; }
echo "push-to-running, samples/hello, 1 instance, $(nproc) cores"
for i in $(seq 0 "$runs"); do
  echo "release $i" > "$app/www/version.txt"   # a new app layer every time
  t0=$(ms)
  "${cli[@]}" push hello -p "$app" -i 1 --home "$home" >/dev/null
  t1=$(ms)
  if [ "$i" -eq 0 ]; then echo "cold (stack layer built and uploaded): $((t1 - t0)) ms"
  else echo "warm run $i: $((t1 - t0)) ms"; fi
done
rm -rf "$app"
