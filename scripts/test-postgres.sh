#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests, on loopback only, with trust auth.
#
#   scripts/test-postgres.sh start   initdb + pg_ctl start in a new temp folder on a free port;
#                                    prints BROGUE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
#                                    and, when openssl made the server a self-signed certificate (TLS on),
#                                    BROGUE_TEST_POSTGRES_CA=FOLDER/server.crt
#   scripts/test-postgres.sh env     prints those lines again for the running cluster
#   scripts/test-postgres.sh stop    stops the cluster and removes its folder
#
# The cluster's folder is remembered in $BROGUE_TEST_POSTGRES_STATE (default
# ${TMPDIR:-/tmp}/brogue-test-postgres.<checkout>.state, one per checkout, so that `stop` in one
# clone never stops the server another clone's tests are using). Run as root, the server runs as
# the `postgres` user.
set -euo pipefail

# The checkout's device and inode name it even when it is mounted at another path.
checkout=$(stat -c '%d-%i' "$(cd "$(dirname "$0")/.." && pwd)")
state=${BROGUE_TEST_POSTGRES_STATE:-${TMPDIR:-/tmp}/brogue-test-postgres.${checkout}.state}

say() { echo "test-postgres: $*" >&2; }

# pg_ctl and initdb: on PATH, else Debian's versioned folder (the newest).
bin_dir() {
    if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$found" ] || { say "no PostgreSQL server found: install it (Debian: apt-get install postgresql)"; exit 1; }
    echo "$found"
}

# Runs a server command as `postgres` when we are root (the server refuses to run as root).
as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    say "no free loopback port found"; exit 1
}

print_env() {
    [ -f "$state" ] || { say "no cluster running (no $state); run: $0 start"; exit 1; }
    # shellcheck disable=SC1090
    . "$state"
    echo "BROGUE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:${port}/postgres"
    if [ -f "$dir/server.crt" ]; then echo "BROGUE_TEST_POSTGRES_CA=$dir/server.crt"; fi
}

# A self-signed certificate for 127.0.0.1 and localhost, so sslmode=require and verify-full
# can be tested; without openssl the server runs without TLS.
make_certificate() {
    local dir=$1
    command -v openssl >/dev/null 2>&1 || { say "no openssl: the server runs without TLS"; return; }
    openssl req -new -x509 -days 7 -nodes -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1 \
        || { say "openssl could not make a certificate: the server runs without TLS"; rm -f "$dir/server.key" "$dir/server.crt"; return; }
    chmod 600 "$dir/server.key"
    chmod 644 "$dir/server.crt"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/server.key" "$dir/server.crt"; fi
}

start() {
    if [ -f "$state" ]; then
        # shellcheck disable=SC1090
        . "$state"
        if as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
            say "already running ($state)"
            print_env
            return
        fi
        say "forgetting a cluster that is no longer running ($dir)"
        rm -rf "$dir" "$state"
    fi
    local bin dir port
    bin=$(bin_dir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/brogue-test-postgres.XXXXXX")
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(free_port)
    make_certificate "$dir"
    local tls=""
    [ -f "$dir/server.crt" ] && tls="-c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
    as_server "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 1; }
    # Loopback TCP only, the socket in the cluster's own folder, fsync off: a test server.
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200 $tls" start >&2 \
        || { cat "$dir/server.log" >&2; say "the server did not start"; exit 1; }
    printf 'dir=%q\nport=%q\nbin=%q\n' "$dir" "$port" "$bin" >"$state"
    print_env
}

stop() {
    [ -f "$state" ] || { say "nothing to stop"; return; }
    # shellcheck disable=SC1090
    . "$state"
    as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || say "pg_ctl stop failed; removing the folder anyway"
    rm -rf "$dir" "$state"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
env) print_env ;;
*) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
