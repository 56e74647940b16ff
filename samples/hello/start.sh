#!/bin/sh
# Serves www/ on $PORT with busybox httpd in the foreground (-f), so the process the platform
# supervises is the server itself. "/" has no index.html, so httpd runs cgi-bin/index.cgi.
# HOST, if set, picks the listen address (e.g. a node's own loopback address).
cd "$(dirname "$0")" || exit 1
exec busybox httpd -f -p "${HOST:-0.0.0.0}:${PORT:-8080}" -h "$PWD/www"
