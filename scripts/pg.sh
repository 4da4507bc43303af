#!/usr/bin/env bash
# Start a throwaway PostgreSQL server (Debian's packages) on loopback for tests and benchmarks.
#   eval "$(scripts/pg.sh start)"   -> exports DATABASE_URL and CLAIMSDB_PG_DIR
#   scripts/pg.sh stop "$CLAIMSDB_PG_DIR"
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "echo 'PostgreSQL server binaries not found (apt-get install postgresql)' >&2; false"; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    port=${PGPORT:-}
    if [ -z "$port" ]; then
      # The first free loopback port from 54329: another test server may be running already.
      for p in $(seq 54329 54399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
      done
    fi
    dir=$(mktemp -d /tmp/claimsdb-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
    # Durability off: a test server that is thrown away after the run.
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >/dev/null \
      || { echo "PostgreSQL did not start on port $port:" >&2; tail -n 5 "$dir/log" >&2; exit 1; }
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres claimsdb
    echo "export CLAIMSDB_PG_DIR=$dir DATABASE_URL=postgres://postgres@127.0.0.1:$port/claimsdb"
    ;;
  stop)
    as_owner "$PGBIN/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
    rm -rf "$2"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
