#!/usr/bin/env bash
# provision.sh ROLE IP CONTROL_IP [NODE_ID]
# Installs what a MiniPaas VM needs and enables the units for its role.
set -euo pipefail
role=$1 ip=$2 control=$3 node_id=${4:-}

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dotnet-sdk-10.0 docker.io busybox-static >/dev/null || {
  # dotnet is not in Debian's archive: use Microsoft's package feed.
  wget -q https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb -O /tmp/ms.deb
  dpkg -i /tmp/ms.deb && apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dotnet-sdk-10.0 docker.io busybox-static >/dev/null
}

install -d -m 0700 /etc/minipaas /var/lib/minipaas
[ -f /etc/minipaas/token ] || cp /opt/minipaas/src/vagrant/.token /etc/minipaas/token 2>/dev/null || \
  head -c 32 /dev/urandom | base64 | tr -d '/+=' > /etc/minipaas/token
cat > /etc/minipaas/env <<ENV
MINIPAAS_IP=$ip
MINIPAAS_CONTROL=$control
MINIPAAS_NODE_ID=$node_id
MINIPAAS_TOKEN=$(cat /etc/minipaas/token)
ENV

cd /opt/minipaas/src
for p in Scheduler Registry Router Agent; do
  dotnet publish "src/$p/$p.csproj" -c Release -o "/opt/minipaas/$p" -nologo -v q
done

if [ "$role" = control ]; then units="minipaas-registry minipaas-scheduler minipaas-router"
else units="docker minipaas-agent"; fi
cp vagrant/systemd/*.service /etc/systemd/system/
systemctl daemon-reload
for u in $units; do systemctl enable --now "$u"; done
