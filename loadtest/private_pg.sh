#!/usr/bin/env bash
# A throwaway PostgreSQL cluster of its own on loopback, so that the restart fault can
# be exercised without touching a PostgreSQL that others use.
#
#   loadtest/private_pg.sh start|restart|stop|url      (LT_PRIVATE_PG_PORT, default 5442)
#
# Runs as the "postgres" system user from Debian's PostgreSQL binaries; data lives in
# var/loadtest/private-pg (deleted by "stop").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${LT_PRIVATE_PG_PORT:-5442}"
data="$root/var/loadtest/private-pg"
bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)"

as_postgres() {
    if [[ $(id -un) == postgres ]]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "${1:-}" in
    start)
        if [[ ! -f "$data/PG_VERSION" ]]; then
            mkdir -p "$data"
            chown postgres: "$data"
            as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
        fi
        as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
        echo "private PostgreSQL on 127.0.0.1:$port"
        ;;
    restart)
        # What a real restart does: fast shutdown (open connections are cut), then start.
        as_postgres "$bin/pg_ctl" -D "$data" -w -m fast \
            -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp" restart >/dev/null
        ;;
    stop)
        if [[ -f "$data/postmaster.pid" ]]; then
            as_postgres "$bin/pg_ctl" -D "$data" -w -m fast stop >/dev/null
        fi
        rm -rf "$data"
        ;;
    url)
        echo "postgres://postgres@127.0.0.1:$port"
        ;;
    *)
        echo "usage: $0 start|restart|stop|url" >&2
        exit 2
        ;;
esac
