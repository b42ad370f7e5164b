#!/bin/sh
# The parts of the official postgres image's entrypoint the Brogue stack relies on: on the first
# start, initdb into $PGDATA with POSTGRES_USER's password (POSTGRES_PASSWORD or the file
# POSTGRES_PASSWORD_FILE names) and POSTGRES_DB; then run the server as the postgres user,
# listening on every address with password authentication.
set -eu
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
password=${POSTGRES_PASSWORD:-}
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then password=$(cat "$POSTGRES_PASSWORD_FILE"); fi
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "$password" ]; then
        echo "postgres: no POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE: refusing to create a database anyone may enter" >&2
        exit 1
    fi
    pwfile=$(mktemp)
    printf '%s\n' "$password" > "$pwfile"
    chown postgres "$pwfile"
    as_postgres initdb --username="$user" --pwfile="$pwfile" --auth=scram-sha-256 -D "$PGDATA" > /dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$db" != postgres ]; then
        as_postgres postgres --single -D "$PGDATA" postgres > /dev/null << SQL
CREATE DATABASE "$db" OWNER "$user";
SQL
    fi
    echo "postgres: initialised $PGDATA (user $user, database $db)"
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" -c listen_addresses='*' "$@"
