# Seeds a ClaimCompare SQLite store (already migrated by the service) with N stories of synthetic review items,
# to time the review pages at N and 4N. Usage: seed.py DB ITEMS
import sqlite3, sys, json, random
db, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
c = sqlite3.connect(db)
now = "2026-12-01T10:00:00.0000000Z"
kinds = ["conflict", "quote-variant", "role-conflict"]
statuses = ["open"] * 6 + ["in-progress", "confirmed", "dismissed", "needs-info"]
outlets = [f"outlet{i}.example" for i in range(200)]
doc = 0
for i in range(n):
    story = i // 10 + 1
    if i % 10 == 0:
        c.execute("INSERT INTO stories (id, story_key, title, created_at) VALUES (?, ?, ?, ?)", (story, f"s{story}", f"Story {story}", now))
    c.execute("INSERT INTO review_items (id, item_key, story_id, kind, topic, status, assignee, note, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
              (i + 1, f"k{i}", story, kinds[i % 3], f"troops topic {i}", random.choice(statuses), random.choice([None, None, "alice", "bob"]), None, 1, now, now))
    for side in range(2):
        doc += 1
        did = f"doc-{doc:020d}"
        text = f"About {1000 + i} Russian troops began drills on Tuesday near the border, officials in outlet {side} said."
        c.execute("INSERT INTO documents (id, content_hash, source, url, published, title, text, story_id, story_key, claims_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                  (did, f"h{doc}", random.choice(outlets), f"https://x{doc}.example/a", f"2022-01-{1 + i % 28:02d}T00:00:00.0000000Z", f"Title {doc}", text, story, f"s{story}", None, now))
        ev = {"document": did, "sentence": {"start": 0, "end": len(text), "text": text}, "claim": {"start": 0, "end": 11, "text": text[:11]},
              "value": f"{text[:11]} troops = [1, 2]", "context": "Tuesday; near the border"}
        c.execute("INSERT INTO review_evidence (item_id, document_id, claim_start, claim_end, finding_id, confidence, explanation, json, added_at) VALUES (?,?,?,?,?,?,?,?,?)",
                  (i + 1, did, 0, 11, 0, 0.8, "synthetic", json.dumps(ev), now))
    c.execute("INSERT INTO review_audit (item_id, at, actor, action, before, after) VALUES (?,?,?,?,?,?)",
              (i + 1, now, "ingest", "created", None, json.dumps({"status": "open", "assignee": None, "note": None, "version": 1, "evidenceCount": 2})))
c.commit()
print("seeded", n, "items,", doc, "documents")
