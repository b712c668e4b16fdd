#!/bin/sh
# A stand-in for the official redis image's docker-entrypoint.sh: run as root it gives /data (the working
# folder) to the redis user and drops to it; `redis-server` and `redis-cli` are on the PATH.
set -eu
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
exec "$@"
