#!/bin/sh
# httpd passes its environment on to CGI scripts, so the platform's PORT and INSTANCE_INDEX
# (Cloud Foundry names) reach this script unchanged.
printf 'Content-Type: text/plain\r\n\r\n'
printf 'hello from %s instance %s on port %s\n' "${MINIPAAS_APP:-${APP_NAME:-hello}}" "${INSTANCE_INDEX:-0}" "${PORT:-8080}"
# One line per request on stderr: the platform's log aggregation shows it as [APP/<index>] ERR.
echo "served GET / as instance ${INSTANCE_INDEX:-0}" >&2
