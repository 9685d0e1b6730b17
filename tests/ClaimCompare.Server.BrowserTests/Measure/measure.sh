#!/usr/bin/env bash
# Times review pages on two seeded stores (N=2000 and 4N=8000 items) served side by side on loopback, alternating.
# From a scratch folder, after `dotnet build -c Release src/ClaimCompare.Cli`:
#   for n in 2000 8000; do
#     env Auth__Keys__measure-reviewer-key-0001=reviewer $CLI serve --urls http://127.0.0.1:5181 --db n$n.db &  # creates the schema
#     sleep 20; kill $!; python3 <repo>/tests/ClaimCompare.Server.BrowserTests/Measure/seed.py n$n.db $n
#   done
#   CLI=<repo>/src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare <repo>/tests/ClaimCompare.Server.BrowserTests/Measure/measure.sh
set -u
CLI=${CLI:-src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare}
KEY=measure-reviewer-key-0001
declare -A PORT=([2000]=5181 [8000]=5182)
pids=()
for n in 2000 8000; do
  env "Auth__Keys__$KEY=reviewer:alice" RateLimit__PermitLimit=1000000 Serilog__MinimumLevel__Default=Warning \
    $CLI serve --urls http://127.0.0.1:${PORT[$n]} --db n$n.db > run-$n.log 2>&1 &
  pids+=($!)
done
for n in 2000 8000; do
  for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:${PORT[$n]}/login && break; sleep 1; done
  token=$(curl -s -c jar-$n http://127.0.0.1:${PORT[$n]}/login | grep -o 'name="__antiforgery" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -b jar-$n -c jar-$n -o /dev/null -w "sign-in $n: %{http_code}\n" --data-urlencode "apiKey=$KEY" --data-urlencode "__antiforgery=$token" http://127.0.0.1:${PORT[$n]}/login
done
paths=("/review" "/review?p=40" "/review?outlet=outlet7.example" "/review?from=2022-01-03&to=2022-01-03" "/review?status=confirmed&kind=conflict" "/review/1000" "/stories/50" "/api/review/export?format=csv")
for path in "${paths[@]}"; do
  for n in 2000 8000; do : > t-$n; done
  for rep in $(seq 1 15); do
    for n in 2000 8000; do
      curl -s -b jar-$n -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:${PORT[$n]}$path" >> t-$n
    done
  done
  a=$(sort -n t-2000 | sed -n 8p); b=$(sort -n t-8000 | sed -n 8p)
  printf "%-45s N=2000 median %6.1f ms   4N=8000 median %6.1f ms\n" "$path" "$(echo "$a*1000" | bc)" "$(echo "$b*1000" | bc)"
done
kill "${pids[@]}"; wait 2>/dev/null
