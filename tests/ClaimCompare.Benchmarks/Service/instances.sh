#!/usr/bin/env bash
# Ingest throughput and review-queue latency of the service, measured by the service-load client on loopback:
# one instance on SQLite, one on PostgreSQL, two on one PostgreSQL database, at N and 4N stored passages.
# Starts its own durable PostgreSQL cluster (fsync and synchronous commit on, .ci/postgres.sh) and stops it at the end.
#
#   bash tests/ClaimCompare.Benchmarks/Service/instances.sh [N-passages, default 10000]
#
# Needs a Release build (dotnet build ClaimCompare.sln -c Release). Output: one service-load report per run, in
# ${OUT:-/tmp/claimcompare-instances}/<store>-<instances>-<passages>.txt, and a summary line per run on stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-10000}
out=${OUT:-/tmp/claimcompare-instances}
mkdir -p "$out"
export CLAIMCOMPARE_PG_DURABLE=1
# shellcheck source=.ci/postgres.sh
source .ci/postgres.sh ""
trap claimcompare_pg_stop EXIT
claimcompare_pg_start
pg="$CLAIMCOMPARE_TEST_POSTGRES;Maximum Pool Size=30"
driver=tests/ClaimCompare.Benchmarks/bin/Release/net10.0/ClaimCompare.Benchmarks
for passages in "$n" "$((4 * n))"; do
  articles=$((passages / 10))
  for run in "sqlite 1" "postgres 1" "postgres 2"; do
    set -- $run
    file="$out/$1-$2-$passages.txt"
    args=(service-load --passages "$passages" --max-articles "$articles" --max-seconds 300 --clients 8 --reads 1000 --instances "$2")
    if [ "$1" = postgres ]; then args+=(--db "$pg"); fi
    "$driver" "${args[@]}" > "$file" 2>&1 || echo "run failed: $file" >&2
    printf '%-8s %s instance(s) %6s passages: %s | %s | %s\n' "$1" "$2" "$passages" \
      "$(grep -m1 '^ingest throughput:' "$file")" "$(grep -m1 '^GET /api/review?status=open during ingest' "$file")" \
      "$(grep -m1 -F 'GET /api/review?status=open (page of 50):' "$file")"
  done
done
