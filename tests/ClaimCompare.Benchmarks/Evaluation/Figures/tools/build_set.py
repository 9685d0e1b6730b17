#!/usr/bin/env python3
"""Builds dev.jsonl and heldout.jsonl from the hand-labelled raw/*.txt files.

Raw format (one block per source article):
  ## <source> | <repository> | <path> | <commit> | <offset read> | <what the article is>
  > <sentence, exactly as printed>
  <figure text> | <value> | <unit> [| up|down] [| exact]
  <figure text> | year|date|time
  ! <text that is NOT a figure (product or model name, identifier)>

<value> is a number in the printed unit ("4" for "four pence", unit GBp), an arithmetic expression ("200/3"),
or an explicit interval "[low,high]" / "[low,high)" for ranges and vague quantities (value null).
<unit> is the normalised unit ("-" for a plain count). A figure text that occurs more than once in the sentence
is matched from the end of the previous figure; "text @2" takes the second occurrence.

The bounds of a stated value follow the documented rules (README.md, "Labelling rules"): this script is the
specification written a second time, independently of the extractor, so a label never copies the extractor's output.
The split (40% held out) is a pure function of the sentence id: sha256(id)[0] < 102.
"""
import hashlib, json, math, os, re, sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

HEDGES = [
    ("close to", "justbelow"), ("nearly", "justbelow"), ("almost", "justbelow"), ("just under", "justbelow"),
    ("just short of", "justbelow"), ("just below", "justbelow"), ("a little under", "justbelow"), ("shy of", "justbelow"),
    ("just over", "justabove"), ("just above", "justabove"), ("slightly more than", "justabove"), ("slightly over", "justabove"),
    ("a little over", "justabove"), ("just more than", "justabove"), ("little more than", "justabove"),
    ("some", "approx"), ("an estimated", "approx"), ("estimated", "approx"), ("about", "approx"), ("around", "approx"),
    ("roughly", "approx"), ("approximately", "approx"), ("an approximate", "approx"), ("circa", "approx"), ("approx.", "approx"),
    ("more than", "above"), ("over", "above"), ("above", "above"), ("well over", "above"), ("in excess of", "above"),
    ("well above", "above"), ("exceeding", "above"), ("greater than", "above"), ("higher than", "above"),
    ("at least", "atleast"), ("upwards of", "atleast"), ("no fewer than", "atleast"), ("no less than", "atleast"),
    ("a minimum of", "atleast"), ("not less than", "atleast"), ("as few as", "atleast"), ("as little as", "atleast"),
    ("up to", "atmost"), ("as many as", "atmost"), ("as much as", "atmost"), ("no more than", "atmost"),
    ("at most", "atmost"), ("within", "atmost"), ("a maximum of", "atmost"), ("as high as", "atmost"), ("not more than", "atmost"),
    ("fewer than", "below"), ("less than", "below"), ("under", "below"), ("below", "below"), ("sub-", "below"),
    ("exactly", "exact"), ("precisely", "exact"),
]
HEDGES.sort(key=lambda h: -len(h[0]))

DURATION = {"s", "min", "h", "d", "wk", "mo", "yr", "decade", "century", "quarter", "night", "fortnight"}
PERCENT = {"%", "pp", "bp"}
SUBUNITS = {"GBp": ("GBP", 0.01), "USc": ("USD", 0.01), "EURc": ("EUR", 0.01)}
TEMPERATURE = {"°C", "°F", "°"}
FRACTION_WORDS = re.compile(r"\b(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b|[½¼¾⅓⅔⅛⅕]|\d/\d", re.I)
VAGUE = re.compile(r"\b(dozens|scores|hundreds|thousands|millions|billions|trillions|tens of|several|a few|a couple of)\b", re.I)
SIGN = re.compile(r"(^|[\s(])[-−–+]\s?\d|\bminus\b|\bplus\s\d|\bsub-\d|\bnegative\b", re.I)
NOTATION = re.compile(r"\d\s?(m|mn|mln|bn|bln|b|k|tn|trn|million|billion|trillion|thousand)\b|[×x]\s?10|\d[eE][+-]?\d|\b(million|billion|trillion|thousand)\b", re.I)
SCALE_SUFFIX = {"m", "mn", "mln", "bn", "bln", "b", "k", "tn", "trn", "s", "st", "nd", "rd", "th"}
WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|a thousand|a million)\b", re.I)


def glued(text):
    if re.search(r"[A-Za-z]\$?\d", text):
        return True
    for m in re.finditer(r"\d([A-Za-z]+)", text):
        if m.group(1).lower() not in SCALE_SUFFIX:
            return True
    return False


def classes(text, kind, direction, interval_given, vague):
    if kind in ("year", "date", "time"):
        return ["year-date-time"]
    c = []
    if direction in ("up", "down"):
        c.append("change")
    if vague:
        c.append("vague")
    elif interval_given:
        c.append("range")
    if FRACTION_WORDS.search(text):
        c.append("fraction")
    if SIGN.search(text):
        c.append("sign")
    if glued(text):
        c.append("glued")
    if NOTATION.search(text):
        c.append("notation")
    if WORDS.search(text) and not c:
        c.append("words")
    if not c:
        c.append("plain")
    return c


def roundness(v):
    if v == math.floor(v):
        if abs(v) < 10:
            return 1.0
        r = 1.0
        while r < 1e15 and (v % (r * 10)) == 0:
            r *= 10
        return r
    s = repr(float(v))
    if "e" in s:
        return 1e-6
    return 10.0 ** -len(s.split(".")[1])


def hedge_of(text):
    low = text.lower()
    for phrase, kind in HEDGES:
        if phrase.endswith("-"):
            if low.startswith(phrase):
                return kind
        elif low.startswith(phrase + " ") or low.startswith(phrase + "\u00a0"):
            return kind
    return "none"


def bounds(v, hedge, kind, unit, nonneg, exact):
    r = 1.0 if exact else roundness(abs(v))
    lo_inc = hi_inc = True
    if hedge == "exact":
        lo = hi = v
    elif hedge == "approx":
        half = min(r / 2, 0.15 * abs(v))
        lo, hi = v - half, v + half
    elif hedge == "justbelow":
        lo, hi, hi_inc = 0.9 * v, v, False
    elif hedge == "justabove":
        lo, lo_inc, hi = v, False, 1.1 * v
    elif hedge == "above":
        lo, lo_inc, hi = v, False, None
    elif hedge == "atleast":
        lo, hi = v, None
    elif hedge == "atmost":
        lo, hi = (0.0 if nonneg else None), v
    elif hedge == "below":
        lo, hi, hi_inc = (0.0 if nonneg else None), v, False
    else:
        half = 0.0 if r <= 1 else min(r / 2, 0.05 * abs(v))
        if kind == "duration":
            half = max(half, min(0.5, 0.1 * abs(v)))
        lo, hi = v - half, v + half
    return lo, lo_inc, hi, hi_inc


def parse_interval(s):
    m = re.fullmatch(r"([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])", s)
    if not m:
        raise ValueError("bad interval " + s)
    lo = None if m.group(2) in ("", "-inf") else float(eval(m.group(2)))
    hi = None if m.group(3) in ("", "inf") else float(eval(m.group(3)))
    return lo, m.group(1) == "[", hi, m.group(4) == "]"


def number(s):
    return float(Fraction(s)) if "/" in s else float(eval(s, {"__builtins__": {}}))


def build():
    items = []
    raw_dir = os.path.join(ROOT, "raw")
    for name in sorted(os.listdir(raw_dir)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        src = None
        n = 0
        item = None
        cursor = 0
        for lineno, line in enumerate(open(os.path.join(raw_dir, name), encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") and not line.startswith("##"):
                continue
            where = f"{name}:{lineno}"
            if line.startswith("## "):
                parts = [p.strip() for p in line[3:].split("|")]
                src = {"outlet": parts[0], "repository": parts[1], "path": parts[2], "commit": parts[3], "offset": int(parts[4]), "article": parts[5]}
                continue
            if line.startswith("> "):
                n += 1
                item = {"id": f"{stem}-{n:03d}", "text": line[2:], "source": dict(src), "figures": [], "not_figures": []}
                items.append(item)
                cursor = 0
                continue
            if item is None:
                raise SystemExit(f"{where}: label before sentence")
            if line.startswith("! "):
                t = line[2:]
                at = item["text"].find(t)
                if at < 0:
                    raise SystemExit(f"{where}: «{t}» not in sentence")
                item["not_figures"].append({"text": t, "start": at, "end": at + len(t)})
                continue
            parts = [p.strip() for p in line.split("|")]
            text = parts[0]
            occurrence = 1
            m = re.fullmatch(r"(.*) @(\d+)", text)
            if m:
                text, occurrence = m.group(1), int(m.group(2))
                at = -1
                for _ in range(occurrence):
                    at = item["text"].find(text, at + 1)
            else:
                at = item["text"].find(text, cursor)
                if at < 0:
                    at = item["text"].find(text)
            if at < 0:
                raise SystemExit(f"{where}: «{text}» not in «{item['text']}»")
            cursor = at + 1
            fig = {"text": text, "start": at, "end": at + len(text)}
            flags = set(parts[3:]) if len(parts) > 3 else set()
            direction = "up" if "up" in flags else "down" if "down" in flags else "none"
            if parts[1] in ("year", "date", "time"):
                kind = parts[1]
                fig.update(kind=kind, unit=None, direction="none")
                if kind == "year":
                    digits = re.search(r"\d{4}", text)
                    y = float(digits.group(0))
                    if re.search(r"\d{4}s\b", text):
                        fig.update(value=y, low=y, high=y + 9, low_inclusive=True, high_inclusive=True)
                    else:
                        fig.update(value=y, low=y, high=y, low_inclusive=True, high_inclusive=True)
                else:
                    fig.update(value=None, low=None, high=None, low_inclusive=True, high_inclusive=True)
                fig["classes"] = ["year-date-time"]
                item["figures"].append(fig)
                continue
            unit = None if parts[2] == "-" else parts[2]
            factor = 1.0
            if unit in SUBUNITS:
                unit, factor = SUBUNITS[unit]
            if unit is None:
                kind = "count"
            elif re.fullmatch(r"[A-Z]{3}", unit):
                kind = "money"
            elif unit in PERCENT:
                kind = "percent"
            elif unit in DURATION:
                kind = "duration"
            else:
                kind = "measure"
            hedge = hedge_of(text)
            for h in ("approx", "justbelow", "justabove", "above", "atleast", "atmost", "below", "exact"):
                if "hedge=" + h in flags:
                    hedge = h
            nonneg = kind in ("count", "money", "duration") or (kind == "measure" and unit not in TEMPERATURE) or direction != "none"
            interval_given = parts[1][0] in "[("
            vague = bool(VAGUE.search(text)) and interval_given
            if interval_given:
                lo, lo_inc, hi, hi_inc = parse_interval(parts[1])
                value = None
            else:
                value = number(parts[1])
                exact = "exact" in flags or bool(FRACTION_WORDS.search(text))
                lo, lo_inc, hi, hi_inc = bounds(value, hedge, kind, unit, nonneg, exact)
            scale = lambda x: None if x is None else round(x * factor, 12)
            fig.update(kind=kind, value=scale(value), low=scale(lo), high=scale(hi), low_inclusive=lo_inc, high_inclusive=hi_inc,
                       unit=unit, direction=direction, hedge=None if hedge == "none" else hedge)
            fig["classes"] = classes(text, kind, direction, interval_given, vague)
            item["figures"].append(fig)
    return items


def main():
    items = build()
    ids = set()
    for it in items:
        if it["id"] in ids:
            raise SystemExit("duplicate id " + it["id"])
        ids.add(it["id"])
    dev, held = [], []
    for it in items:
        (held if hashlib.sha256(it["id"].encode()).digest()[0] < 102 else dev).append(it)
    for name, part in (("dev.jsonl", dev), ("heldout.jsonl", held)):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
            for it in part:
                f.write(json.dumps(it, ensure_ascii=False) + "\n")
    counts = {}
    for it in items:
        for f in it["figures"]:
            for c in f["classes"]:
                counts[c] = counts.get(c, 0) + 1
        if it["not_figures"]:
            counts["non-figure"] = counts.get("non-figure", 0) + len(it["not_figures"])
    print(f"{len(items)} sentences: dev {len(dev)}, heldout {len(held)}; figures {sum(len(i['figures']) for i in items)}")
    print("by class:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
