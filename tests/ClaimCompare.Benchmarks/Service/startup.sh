#!/usr/bin/env bash
# Start-up time and memory of one `claimcompare serve` on a PostgreSQL database that already holds N passages:
# seconds from process start until /healthz answers (the engine's start-up work is done before the port opens), and
# the resident memory (VmRSS) then. Fills the database with this build's service (service-load), then measures
#   1. this build (engine state in the database: nothing to load),
#   2. OTHER's CLI (e.g. a build of main, whose engine loads every stored passage into memory), after removing this
#      build's engine tables so the database is at OTHER's schema version,
#   3. this build again, which first fills its engine tables from the stored documents (the one-time upgrade),
#   4. this build once more (a plain restart).
#
#   bash tests/ClaimCompare.Benchmarks/Service/startup.sh [N-passages, default 20000] [OTHER-repository-root]
#
# Needs Release builds of both. Starts its own durable PostgreSQL cluster (.ci/postgres.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-20000}
other=${2:-}
out=${OUT:-/tmp/claimcompare-startup}
mkdir -p "$out"
export CLAIMCOMPARE_PG_DURABLE=1
# shellcheck source=.ci/postgres.sh
source .ci/postgres.sh ""
trap claimcompare_pg_stop EXIT
claimcompare_pg_start
pg="$CLAIMCOMPARE_TEST_POSTGRES;Maximum Pool Size=30"
driver=tests/ClaimCompare.Benchmarks/bin/Release/net10.0/ClaimCompare.Benchmarks
CLAIMCOMPARE_LOAD_KEEP_SCHEMA=1 "$driver" service-load --passages "$n" --max-articles $((n / 5)) --max-seconds 900 --clients 8 --reads 10 \
  --instances 1 --db "$pg" > "$out/fill-$n.txt" 2>&1
schema=$(grep -o 'schema kept: [a-z0-9_]*' "$out/fill-$n.txt" | awk '{print $3}')
db="$pg;Search Path=$schema"
psql_() { "$(claimcompare_pg_bindir)/psql" -h 127.0.0.1 -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$CLAIMCOMPARE_TEST_POSTGRES")" -U postgres -d claimcompare_test -qtAc "SET search_path TO $schema; $1"; }
echo "database: $(psql_ 'SELECT count(*) FROM passages') passages in $(psql_ 'SELECT count(*) FROM documents') documents (schema $schema)"

measure() {
  local label=$1 cli=$2 port=$((20000 + RANDOM % 20000))
  local start end rss
  start=$(date +%s.%N)
  "$cli" serve --urls "http://127.0.0.1:$port" --db "$db" > "$out/$label.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: server exited"; tail -5 "$out/$label.log"; return 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-28s start-up %6.2f s, RSS after start %5d MB\n' "$label" "$(echo "$end - $start" | bc)" $((rss / 1024))
}

cli=src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare
measure "this build" "$cli"
if [ -n "$other" ]; then
  # Back to schema version 6: without the engine tables (this build's migration 7).
  psql_ "DROP TABLE nd_bands, nd_passages, nd_groups, nd_documents, nd_words, nd_meta; DROP SEQUENCE nd_passage_ids, nd_group_ids; DELETE FROM schema_version WHERE version = 7;"
  measure "other build" "$other/src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare"
  measure "this build, first start" "$cli"
  measure "this build, restart" "$cli"
fi
