#!/usr/bin/env bash
# Mimics the official redis image's entrypoint: `-flag ...` means `redis-server -flag ...`, any
# other command runs as given (`redis-cli`, `bash`...). redis-server gets this image's default
# config file first unless the caller names a config file of their own.
set -e

if [ "${1:0:1}" = '-' ]; then set -- redis-server "$@"; fi

if [ "$1" = redis-server ]; then
  shift
  case "${1:-}" in
    ''|-*) set -- redis-server /usr/local/etc/redis/redis.conf "$@" ;;
    *)     set -- redis-server "$@" ;;   # redis-server /path/to/own.conf [flags]
  esac
  if [ "$(id -u)" = 0 ]; then
    # A freshly mounted /data belongs to root; Redis runs unprivileged, as upstream.
    find /data \! -user redis -exec chown redis '{}' + 2>/dev/null || true
    export HOME=/var/lib/redis
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi

exec "$@"
