#!/bin/sh
# Renders prosody.cfg.lua from the BLEEP_* settings and starts Prosody in the
# foreground. The CLI validates the settings first and exits listing every
# problem (e.g. BLEEP_FEDERATION=true), so a bad .env stops here, before any
# port opens, and `docker compose logs prosody` says why.
set -eu
cd /opt/bleep
node prosody/src/cli.ts render --out /etc/prosody/prosody.cfg.lua
exec prosody -F
