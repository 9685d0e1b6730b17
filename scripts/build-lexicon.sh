#!/usr/bin/env bash
# Regenerates src/ClaimCompare.Core/Similarity/Resources/wordnet-lexicon.bin, the lexical table the rewrite
# decision embeds, from WordNet 3.0 (Debian's wordnet-base) and Lucene.Net's Snowball English stemmer.
# Nothing needs WordNet at run time: only this script does. Deterministic for the same inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/wordnet/index.noun ]; then
  echo "installing wordnet-base (the WordNet 3.0 database)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null
fi
dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- lexicon /usr/share/wordnet
