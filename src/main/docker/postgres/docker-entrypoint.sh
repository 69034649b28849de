#!/usr/bin/env bash
# A trimmed copy of the official postgres image's entrypoint, so compose files written for
# `postgres:15` run unchanged: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB (and their
# *_FILE variants), POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD, /docker-entrypoint-initdb.d.
set -Eeo pipefail

# file_env VAR [DEFAULT]: VAR or the content of the file named by VAR_FILE (Docker secrets).
file_env() {
  local var="$1" file_var="${1}_FILE" def="${2:-}" val
  if [ "${!var:-}" ] && [ "${!file_var:-}" ]; then
    echo >&2 "error: both $var and $file_var are set (but are exclusive)"; exit 1
  fi
  val="$def"
  if [ "${!var:-}" ]; then val="${!var}"; elif [ "${!file_var:-}" ]; then val="$(< "${!file_var}")"; fi
  export "$var"="$val"
  unset "$file_var"
}

setup_env() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  DATABASE_ALREADY_EXISTS=
  if [ -s "$PGDATA/PG_VERSION" ]; then DATABASE_ALREADY_EXISTS=true; fi
}

# psql as the superuser over the socket, stopping at the first error.
process_sql() {
  local db="${1}"; shift
  PGHOST= PGHOSTADDR= psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc \
    --dbname "$db" "$@"
}

init_database() {
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo >&2 'error: database is uninitialized and POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)'
    exit 1
  fi
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a word list on purpose, as upstream.
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") $POSTGRES_INITDB_ARGS
  # Local socket and loopback stay trusted (initdb's defaults, as upstream); every network
  # client must present the password.
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"

  # A socket-only server for the init scripts, so no client can connect half-initialised.
  PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  export PGPASSWORD="$POSTGRES_PASSWORD"
  if [ "$POSTGRES_DB" != postgres ]; then
    process_sql postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then echo "$0: running $f"; "$f"
        else echo "$0: sourcing $f"; . "$f"; fi ;;
      *.sql)    echo "$0: running $f"; process_sql "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "$0: running $f"; gunzip -c "$f" | process_sql "$POSTGRES_DB" ;;
      *"/*")    ;;  # empty directory
      *)        echo "$0: ignoring $f" ;;
    esac
  done
  unset PGPASSWORD
  PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -m fast -w stop
  echo "$0: PostgreSQL init process complete; ready for start up."
}

# A first argument that looks like a flag is a server option: `-c shared_buffers=256MB`.
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi

if [ "$1" = postgres ]; then
  setup_env
  if [ "$(id -u)" = 0 ]; then
    # A freshly mounted volume belongs to root; the server refuses a data dir it does not own.
    mkdir -p "$PGDATA"
    chmod 700 "$PGDATA"
    find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
    mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql && chmod 3777 /var/run/postgresql
    export HOME=/var/lib/postgresql
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
  fi
  if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
    init_database
  else
    echo "$0: database directory appears to contain a database; skipping initialization"
  fi
fi

exec "$@"
