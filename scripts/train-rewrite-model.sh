#!/usr/bin/env bash
# Retrains the rewrite model (ML.NET FastTree) on the development part of the labelled pairs in
# tests/ClaimCompare.Benchmarks/Evaluation/Rewrites/pairs.tsv and writes
# src/ClaimCompare.Core/Similarity/Resources/rewrite-model.txt (trees, calibration, default threshold).
# The held-out part is never read. Then rebuild, and evaluate with:
#   dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- eval rewrites --set heldout
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- train rewrites "$@"
