#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on loopback only.
#   pg_test_cluster.sh start DIR   creates DIR, starts a cluster in it, prints its URL and
#                                  writes it to DIR/url
#   pg_test_cluster.sh stop DIR    stops that cluster and removes DIR
# Runs the server as the postgres user when started as root (initdb refuses root). The
# password is a real one, so the tests can check that no log or error ever shows it.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "pg_test_cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    password=seatsync-test-$RANDOM$RANDOM
    printf '%s\n' "$password" > "$dir/pwfile"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir/pwfile"
    as_owner "$bin/initdb" -D "$dir/data" -U seatsync --pwfile="$dir/pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    # A port nothing listens on; pg_ctl fails cleanly if another process takes it first.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # fsync off: the cluster is thrown away, and the tests kill clients, never this server.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" > /dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://seatsync:$password@127.0.0.1:$port/postgres" | tee "$dir/url"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "pg_test_cluster: unknown action $action" >&2; exit 2 ;;
esac
