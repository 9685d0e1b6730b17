#!/usr/bin/env python3
"""Whole-process check of the rewrite decision: runs `claimcompare dedup --format json` once per labelled pair (two
one-sentence files, so each pair has its own corpus statistics, as `eval rewrites` assumes) for one or more builds,
and prints rewrite precision (over pairs linked as `rewrite`), recall (over true rewrites, a copy link counting as
found) and precision over all links, per build.

usage: scripts/rewrite-pairs-cli.py [--set heldout|dev|all] CLI [CLI ...]
e.g.   scripts/rewrite-pairs-cli.py --set heldout /work/baseline/src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare \
           src/ClaimCompare.Cli/bin/Release/net10.0/claimcompare
"""
import csv, json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
split = "heldout"
if args[:1] == ["--set"]:
    split, args = args[1], args[2:]
if not args:
    sys.exit(__doc__)
with open(os.path.join(root, "tests/ClaimCompare.Benchmarks/Evaluation/Rewrites/pairs.tsv"), encoding="utf-8") as f:
    rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if split == "all" or r["split"] == split]

work = tempfile.mkdtemp(prefix="rewrite-pairs-")
for r in rows:
    folder = os.path.join(work, r["id"])
    os.makedirs(folder)
    for side in ("a", "b"):
        with open(os.path.join(folder, side + ".txt"), "w", encoding="utf-8") as out:
            out.write(r["text_" + side] + "\n")


def decide(cli, r):
    run = subprocess.run([cli, "dedup", os.path.join(work, r["id"]), "--format", "json"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{cli} failed on pair {r['id']}: {run.stderr.strip()}")
    kinds = [p["kind"] for p in json.loads(run.stdout)["pairs"]]
    return "rewrite" if "rewrite" in kinds else ("copy" if kinds else None)


for cli in args:
    with ThreadPoolExecutor(max_workers=2) as pool:
        decided = list(pool.map(lambda r: decide(cli, r), rows))
    rtp = sum(1 for r, k in zip(rows, decided) if k == "rewrite" and r["label"] == "1")
    rfp = sum(1 for r, k in zip(rows, decided) if k == "rewrite" and r["label"] == "0")
    tp = sum(1 for r, k in zip(rows, decided) if k and r["label"] == "1")
    fp = sum(1 for r, k in zip(rows, decided) if k and r["label"] == "0")
    positives = sum(1 for r in rows if r["label"] == "1")
    print(f"{cli}\n  {split}: {len(rows)} pairs, {positives} rewrites; rewrite precision {rtp / max(1, rtp + rfp):.3f} "
          f"({rtp + rfp} rewrite links), recall {tp / positives:.3f}, precision over all links {tp / max(1, tp + fp):.3f} ({tp + fp} links)")
