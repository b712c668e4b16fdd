#!/bin/sh
# A stand-in for the official nginx images' /docker-entrypoint.sh: when the command is nginx, run the
# executable scripts of /docker-entrypoint.d/ first (the hook the official images offer), then the command.
set -eu
if [ "${1:-}" = nginx ] && [ -d /docker-entrypoint.d ]; then
  for script in /docker-entrypoint.d/*; do
    if [ -f "$script" ] && [ -x "$script" ]; then "$script"; fi
  done
fi
exec "$@"
