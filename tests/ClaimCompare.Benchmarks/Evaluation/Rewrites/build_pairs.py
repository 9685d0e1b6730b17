#!/usr/bin/env python3
"""Assembles pairs.tsv, the labelled rewrite pairs, from the raw material in data/ (see README.md).

    claimcompare split data/bbc --format json > /tmp/bbc-split.json
    python3 build_pairs.py /tmp/bbc-split.json

Deterministic: the same inputs give the same pairs.tsv. Standard library only.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
MSRP_SOURCE = "Pzeyang/Paraphrase_Identification:msr_paraphrase_train.txt@25f9fa7e"
BBC_SOURCE = "sarila/bbc-news-topic-exploration:bbc-news-data.csv@b90834af"


def fnv1a(text):
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def split_of(key):
    """The fixed split: 30% held out, by a hash of the group key (chosen before any tuning)."""
    return "heldout" if fnv1a(key) % 10 < 3 else "dev"


STOP = set("""a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each even ever few for from further had has have having he her here
hers herself him himself his how however i if in into is it its itself just may me might more most much must my myself no
nor not now of off on once one only or other others our ours ourselves out over own same shall she should so some such
than that the their theirs them themselves then there these they this those through to too under until up upon us very
was we were what when where whether which while who whom whose why will with within without would yet you your yours
said says say told tell added according also mr mrs ms dr its it's year years new last first""".split())


def content(text):
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+", text.lower())
    out = set()
    for w in words:
        w = w.strip("'-")
        if w in STOP or len(w) < 3:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        out.add(w)
    return out


def read_msrp():
    items = []
    for path in sorted(DATA.glob("msrp-*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) != 5 or f[0] not in ("0", "1"):
                continue
            items.append({"quality": int(f[0]), "id1": f[1], "id2": f[2], "a": f[3], "b": f[4]})
    return items


NAME_POOL = ["Morales", "Fischer", "Okafor", "Lindqvist", "Hamada", "Petrov", "Duval", "Kowalski", "Brennan", "Castellano"]
DIRECTIONS = [("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("risen", "fallen"), ("increased", "decreased"),
              ("increase", "decrease"), ("increases", "decreases"), ("gained", "lost"), ("higher", "lower"),
              ("jumped", "dropped"), ("climbed", "declined"), ("raised", "cut"), ("grew", "shrank"), ("up", "down"),
              ("more", "fewer"), ("improve", "worsen"), ("soared", "plunged"), ("gain", "loss"), ("above", "below"),
              ("won", "lost"), ("approved", "rejected"), ("upheld", "overturned"), ("accept", "reject")]
AUX = ["is", "was", "were", "are", "will", "would", "could", "can", "has", "have", "had", "should", "may", "might", "must"]


def swap_direction(text):
    table = {}
    for x, y in DIRECTIONS:
        table[x] = y
        table[y] = x
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group(0)
        if w.lower() in table:
            r = table[w.lower()]
            if w[0].isupper():
                r = r[0].upper() + r[1:]
            return text[:m.start()] + r + text[m.end():], f"{w} -> {r}"
    return None, None


def toggle_negation(text):
    m = re.search(r"\b(" + "|".join(AUX) + r") not\b", text)
    if m:
        return text[:m.end(1)] + text[m.end():], f"removed 'not' after '{m.group(1)}'"
    m = re.search(r"\b(" + "|".join(AUX) + r")\b(?! not)", text)
    if m:
        return text[:m.end()] + " not" + text[m.end():], f"inserted 'not' after '{m.group(1)}'"
    return None, None


def names(text):
    out = []
    for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}", text):
        out.append(m)
    return out


def swap_name(a, b, pick):
    shared = [m for m in names(b) if re.search(r"\b" + re.escape(m.group(0)) + r"\b", a)]
    if not shared:
        return None, None
    m = shared[0]
    r = NAME_POOL[pick % len(NAME_POOL)]
    return b[:m.start()] + r + b[m.end():], f"{m.group(0)} -> {r}"


NOT_NAMES = set("""the this that these those monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december internet""".split())


def swap_roles(a, b):
    """Swaps the first two different capitalised words of b (not at its start) that a also has."""
    def single(m):
        # A one-word name: not a day, month or function word, and not part of a longer capitalised name.
        before = b[:m.start()].split()[-1:] or [""]
        after = b[m.end():].split()[:1] or [""]
        return (m.group(0).lower() not in NOT_NAMES and not before[0][:1].isupper() and not after[0][:1].isupper()
                and b[m.end():m.end() + 1] not in (".", "-") and re.search(r"\b" + re.escape(m.group(0)) + r"\b", a))
    shared = [m for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}", b) if single(m)]
    for i in range(len(shared)):
        for j in range(i + 1, len(shared)):
            x, y = shared[i], shared[j]
            if x.group(0) != y.group(0) and b[x.end():y.start()].strip(" ,;'") != "":
                edited = b[:x.start()] + y.group(0) + b[x.end():y.start()] + x.group(0) + b[y.end():]
                return edited, f"{x.group(0)} <-> {y.group(0)}"
    return None, None


def change_figure(a, b, factor=1.37):
    for m in re.finditer(r"\d+(?:[.,]\d+)*", b):
        s = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", s) or s not in a:
            continue
        plain = s.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        value = float(plain) * factor
        if decimals:
            r = f"{value:.{decimals}f}"
        else:
            r = f"{round(value):,}" if "," in s else str(round(value))
        if r == s:
            continue
        return b[:m.start()] + r + b[m.end():], f"{s} -> {r}"
    return None, None


def main():
    split_json = sys.argv[1] if len(sys.argv) > 1 else "/tmp/bbc-split.json"
    rows = []
    msrp = read_msrp()

    # 1. MSRP pairs, with the annotators' labels.
    for i, it in enumerate(msrp):
        key = "msrp:" + min(it["id1"], it["id2"])
        it["split"] = split_of(key)
        rows.append({"split": it["split"], "label": it["quality"], "category": "msrp-pos" if it["quality"] else "msrp-neg",
                     "msrp": it["quality"], "source_a": f"{MSRP_SOURCE}#{it['id1']}", "a": it["a"],
                     "source_b": f"{MSRP_SOURCE}#{it['id2']}", "b": it["b"], "note": ""})

    # 2. Derived pairs from MSRP paraphrases: one edit of sentence B each, the applicable kind made least so far.
    positives = [it for it in msrp if it["quality"] == 1]
    made = {"figure-changed": 0, "hard-direction": 0, "hard-negation": 0, "hard-name": 0, "hard-figure": 0}
    for n, it in enumerate(positives):
        options = []
        edited, note = change_figure(it["a"], it["b"])
        if edited:
            options.append(("figure-changed", 1, edited, note))
        edited, note = swap_direction(it["b"])
        if edited:
            options.append(("hard-direction", 0, edited, note))
        edited, note = toggle_negation(it["b"])
        if edited:
            options.append(("hard-negation", 0, edited, note))
        edited, note = swap_name(it["a"], it["b"], n)
        if edited:
            options.append(("hard-name", 0, edited, note))
            e2, n2 = change_figure(edited, edited, 2.5)
            if e2:
                options.append(("hard-figure", 0, e2, f"{note}; {n2}"))
        if not options:
            continue
        category, label, edited, note = min(options, key=lambda o: (made[o[0]], list(made).index(o[0])))
        made[category] += 1
        rows.append({"split": it["split"], "label": label, "category": category, "msrp": "-",
                     "source_a": f"{MSRP_SOURCE}#{it['id1']}", "a": it["a"],
                     "source_b": f"{MSRP_SOURCE}#{it['id2']} (edited)", "b": edited, "note": note})

    # 3. Topic-only neighbours: sentences of different MSRP pairs or different BBC articles that share content words.
    sentences = []
    for it in msrp:
        group = "msrp:" + min(it["id1"], it["id2"])
        sentences.append((group, f"{MSRP_SOURCE}#{it['id1']}", it["a"]))
        sentences.append((group, f"{MSRP_SOURCE}#{it['id2']}", it["b"]))
    for doc in json.load(open(split_json, encoding="utf-8")):
        group = "bbc:" + doc["id"]
        for p in doc["passages"]:
            if p["kind"] == "sentence" and len(p["text"]) > 40:
                sentences.append((group, f"{BBC_SOURCE}:{doc['id']}[{p['start']},{p['end']})", p["text"]))
    words = [content(s[2]) for s in sentences]
    # Candidate neighbours that turned out, on reading, to report the same event (same-story.txt) are rewrites.
    same_story = set(w for w in (HERE / "same-story.txt").read_text(encoding="utf-8").split() if len(w) == 8) if (HERE / "same-story.txt").exists() else set()
    candidates = []
    for i in range(len(sentences)):
        for j in range(i + 1, len(sentences)):
            if sentences[i][0] == sentences[j][0]:
                continue
            if split_of(sentences[i][0]) != split_of(sentences[j][0]):
                continue
            shared = len(words[i] & words[j])
            jac = shared / len(words[i] | words[j])
            if shared < 2 or (shared == 2 and jac < 0.12):
                continue
            candidates.append((-shared, -jac, i, j))
    candidates.sort()
    uses = {}
    topic = 0
    for _, negjac, i, j in candidates:
        if uses.get(i, 0) >= 2 or uses.get(j, 0) >= 2:
            continue
        pair_id = f"{fnv1a(sentences[i][1] + '|' + sentences[j][1]):08x}"
        uses[i] = uses.get(i, 0) + 1
        uses[j] = uses.get(j, 0) + 1
        same = pair_id in same_story
        rows.append({"split": split_of(sentences[i][0]), "label": 1 if same else 0, "category": "same-story" if same else "topic", "msrp": "-",
                     "source_a": sentences[i][1], "a": sentences[i][2], "source_b": sentences[j][1], "b": sentences[j][2],
                     "note": f"topic {pair_id}: {-_} shared content words, jaccard {-negjac:.2f}"})
        topic += 1
        if topic >= 300:
            break

    # 4. Role swaps (appended, so the rows above keep their ids): an MSRP paraphrase pair whose second sentence names
    #    two people, places or bodies that the first also names, with the two swapped: who did what to whom changed.
    for it in positives:
        edited, note = swap_roles(it["a"], it["b"])
        if edited:
            rows.append({"split": it["split"], "label": 0, "category": "hard-role", "msrp": "-",
                         "source_a": f"{MSRP_SOURCE}#{it['id1']}", "a": it["a"],
                         "source_b": f"{MSRP_SOURCE}#{it['id2']} (edited)", "b": edited, "note": note})

    with open(HERE / "pairs.tsv", "w", encoding="utf-8") as out:
        out.write("id\tsplit\tlabel\tcategory\tmsrp\tsource_a\ttext_a\tsource_b\ttext_b\tnote\n")
        for n, r in enumerate(rows):
            for field in ("a", "b", "note"):
                assert "\t" not in r[field] and "\n" not in r[field]
            out.write(f"{n + 1}\t{r['split']}\t{r['label']}\t{r['category']}\t{r['msrp']}\t{r['source_a']}\t{r['a']}\t"
                      f"{r['source_b']}\t{r['b']}\t{r['note']}\n")
    counts = {}
    for r in rows:
        k = (r["split"], r["category"], r["label"])
        counts[k] = counts.get(k, 0) + 1
    for k in sorted(counts):
        print(*k, counts[k])
    print("total", len(rows))


if __name__ == "__main__":
    main()
