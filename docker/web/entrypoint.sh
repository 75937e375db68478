#!/bin/sh
# Checks the few BLEEP_* values nginx uses, fills the same defaults as
# prosody/src/settings/schema.ts (docker/compose.test.ts keeps them equal), and
# hands over to nginx's own entrypoint, which envsubsts the template. A value
# that could break out of the nginx config is refused here, never pasted in.
set -eu

: "${BLEEP_DOMAIN:=bleep.localhost}"
: "${BLEEP_UPLOAD_MAX_BYTES:=104857600}"
: "${BLEEP_UPLOAD_QUOTA_BYTES:=1073741824}"
: "${BLEEP_TLS_CERT:=}"
: "${BLEEP_TLS_KEY:=}"
: "${BLEEP_PROSODY_HOST:=}"
: "${BLEEP_HTTP_PORT:=}"
: "${BLEEP_OPS_HTTP_PORT:=}"
: "${BLEEP_MAP_TILE_URL:=}"

problems=''
refuse() {
  problems="$problems
  - $1: $2"
}
matches() { printf '%s' "$1" | grep -Eq "$2"; }

LABEL='[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?'
matches "$BLEEP_DOMAIN" "^($LABEL\.)+$LABEL\$" && [ ${#BLEEP_DOMAIN} -le 253 ] ||
  refuse BLEEP_DOMAIN 'must be a lower-case DNS name such as hospital.example'
matches "$BLEEP_UPLOAD_MAX_BYTES" '^[1-9][0-9]*$' ||
  refuse BLEEP_UPLOAD_MAX_BYTES 'must be a positive whole number of bytes'
matches "$BLEEP_UPLOAD_QUOTA_BYTES" '^[1-9][0-9]*$' ||
  refuse BLEEP_UPLOAD_QUOTA_BYTES 'must be a positive whole number of bytes'
for key in BLEEP_TLS_CERT BLEEP_TLS_KEY; do
  eval "path=\$$key"
  if ! matches "$path" '^/[A-Za-z0-9._/-]+$'; then
    refuse "$key" 'must be an absolute path under the mounted ./tls folder, e.g. /etc/bleep/tls/privkey.pem'
  elif [ ! -r "$path" ]; then
    refuse "$key" "$path is missing or unreadable: put the PEM files in ./tls (docs/deploy.md)"
  fi
done
matches "$BLEEP_PROSODY_HOST" '^[A-Za-z0-9.-]+$' || refuse BLEEP_PROSODY_HOST 'must be the Prosody service name (prosody)'
matches "$BLEEP_HTTP_PORT" '^[1-9][0-9]{0,4}$' || refuse BLEEP_HTTP_PORT "must be Prosody's HTTP port (5280)"
matches "$BLEEP_OPS_HTTP_PORT" '^[1-9][0-9]{0,4}$' || refuse BLEEP_OPS_HTTP_PORT "must be the component's HTTP port (5381)"
# The same rule as prosody/src/settings/map-tiles.ts; the CSP's img-src gets its origin.
TILE_URL='^(https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)/[A-Za-z0-9._~/{}?&=%+,:@-]*$'
BLEEP_MAP_TILE_SRC=''
if [ -n "$BLEEP_MAP_TILE_URL" ]; then
  if matches "$BLEEP_MAP_TILE_URL" "$TILE_URL" && matches "$BLEEP_MAP_TILE_URL" '\{z\}' &&
    matches "$BLEEP_MAP_TILE_URL" '\{x\}' && matches "$BLEEP_MAP_TILE_URL" '\{y\}'; then
    BLEEP_MAP_TILE_SRC=" $(printf '%s' "$BLEEP_MAP_TILE_URL" | sed -E 's#^(https?://[^/]+)/.*$#\1#')"
  else
    refuse BLEEP_MAP_TILE_URL 'must be an http(s) URL on one host with {z}, {x} and {y} (no quotes, spaces, $ or ;), or empty'
  fi
fi

if [ -n "$problems" ]; then
  echo "bleep-web: the settings are not usable:$problems" >&2
  exit 1
fi
export BLEEP_DOMAIN BLEEP_UPLOAD_MAX_BYTES BLEEP_UPLOAD_QUOTA_BYTES BLEEP_TLS_CERT BLEEP_TLS_KEY BLEEP_PROSODY_HOST BLEEP_HTTP_PORT BLEEP_OPS_HTTP_PORT BLEEP_MAP_TILE_URL BLEEP_MAP_TILE_SRC
exec /docker-entrypoint.sh "$@"
