# A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, listen on a free port on
# 127.0.0.1 only, trust authentication (loopback, throwaway data), stopped and deleted by `stop`.
#
# Source it, from the repository root:
#
#   source .ci/postgres.sh start   # exports CLAIMCOMPARE_TEST_POSTGRES (a connection string) and CLAIMCOMPARE_PG_DIR
#   dotnet test ClaimCompare.sln   # the PostgreSQL test cases read CLAIMCOMPARE_TEST_POSTGRES
#   source .ci/postgres.sh stop    # stops the server and deletes the folder
#
# `start` installs Debian's `postgresql` with apt-get when no PostgreSQL server binaries are found (CI's fresh
# machine); as root it runs the server as the `postgres` user (initdb refuses root), otherwise as you.
# CLAIMCOMPARE_PG_BIN may name the folder holding initdb and pg_ctl; CLAIMCOMPARE_PG_DURABLE=1 keeps fsync and
# synchronous commit on (PostgreSQL's defaults; for throughput figures), which the tests do without.

claimcompare_pg_log() { printf '%s\n' "postgres.sh: $*" >&2; }

claimcompare_pg_bindir() {
  if [ -n "${CLAIMCOMPARE_PG_BIN:-}" ] && [ -x "$CLAIMCOMPARE_PG_BIN/pg_ctl" ]; then
    printf '%s\n' "$CLAIMCOMPARE_PG_BIN"
    return 0
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
    printf '%s\n' "$dir"
    return 0
  fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
claimcompare_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

claimcompare_pg_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

claimcompare_pg_start() {
  if [ -n "${CLAIMCOMPARE_PG_DIR:-}" ] && [ -f "${CLAIMCOMPARE_PG_DIR}/data/postmaster.pid" ]; then
    claimcompare_pg_log "already running in $CLAIMCOMPARE_PG_DIR ($CLAIMCOMPARE_TEST_POSTGRES)"
    return 0
  fi

  local bin
  if ! bin=$(claimcompare_pg_bindir); then
    if [ "$(id -u)" -ne 0 ]; then
      claimcompare_pg_log "no PostgreSQL server binaries found; install Debian's postgresql package (apt-get install postgresql) or set CLAIMCOMPARE_PG_BIN"
      return 1
    fi
    claimcompare_pg_log "installing PostgreSQL (apt-get install postgresql)"
    # The package would start its own cluster on port 5432 and leave it running; a policy-rc.d that forbids
    # starting services (Debian's mechanism for containers) keeps it stopped. Only ours runs.
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=1
    fi
    local installed=0
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || installed=$?
    if [ -n "$policy" ]; then
      rm -f /usr/sbin/policy-rc.d
    fi
    if [ "$installed" -ne 0 ]; then
      claimcompare_pg_log "apt-get install postgresql failed"
      return 1
    fi
    bin=$(claimcompare_pg_bindir) || { claimcompare_pg_log "postgresql installed but pg_ctl not found"; return 1; }
  fi

  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/claimcompare-pg.XXXXXX") || return 1
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir" || return 1
  fi

  if ! claimcompare_pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    claimcompare_pg_log "initdb failed:"
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    return 1
  fi

  # A free port: pick one at random, skip it when something answers there, and retry when the server
  # still cannot bind it (another process took it in between).
  # fsync and synchronous_commit are off: the data is thrown away, and the tests should not wait on the disk.
  # CLAIMCOMPARE_PG_DURABLE=1 keeps PostgreSQL's defaults (for throughput figures).
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${CLAIMCOMPARE_PG_DURABLE:-}" = "1" ]; then
    durability=""
  fi

  local attempt port started=""
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if claimcompare_pg_port_in_use "$port"; then
      continue
    fi
    if claimcompare_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300 $durability" \
         start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ -z "$started" ]; then
    claimcompare_pg_log "the server did not start; its log:"
    cat "$dir/server.log" >&2 2>/dev/null
    rm -rf "$dir"
    return 1
  fi

  if ! claimcompare_pg_as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
       -c "CREATE DATABASE claimcompare_test" >/dev/null; then
    claimcompare_pg_log "could not create the test database"
    claimcompare_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$dir"
    return 1
  fi

  export CLAIMCOMPARE_PG_DIR="$dir"
  export CLAIMCOMPARE_PG_BIN_DIR="$bin"
  export CLAIMCOMPARE_PG_PORT="$port"
  export CLAIMCOMPARE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=claimcompare_test"
  claimcompare_pg_log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  claimcompare_pg_log "CLAIMCOMPARE_TEST_POSTGRES=$CLAIMCOMPARE_TEST_POSTGRES"
}

claimcompare_pg_stop() {
  local dir="${CLAIMCOMPARE_PG_DIR:-}"
  if [ -z "$dir" ]; then
    return 0
  fi
  local bin="${CLAIMCOMPARE_PG_BIN_DIR:-}"
  [ -n "$bin" ] || bin=$(claimcompare_pg_bindir) || bin=""
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    claimcompare_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || claimcompare_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 \
      || true
  fi
  case "$dir" in
    */claimcompare-pg.*) rm -rf "$dir" ;;
  esac
  unset CLAIMCOMPARE_PG_DIR CLAIMCOMPARE_PG_BIN_DIR CLAIMCOMPARE_PG_PORT CLAIMCOMPARE_TEST_POSTGRES
  claimcompare_pg_log "stopped"
}

case "${1:-}" in
  start) claimcompare_pg_start ;;
  stop) claimcompare_pg_stop ;;
  "") ;;  # sourced for its functions only
  *) claimcompare_pg_log "usage: source .ci/postgres.sh start|stop"; false ;;
esac
