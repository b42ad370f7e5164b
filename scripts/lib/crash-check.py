"""The checks of scripts/crash-trials.sh on one folder (its store, record, logs).

    python3 scripts/lib/crash-check.py live FOLDER    # after a restart, the node running
    python3 scripts/lib/crash-check.py final FOLDER   # after the bots and the node stopped

live: every action acknowledged so far (the record is read before the store, so each line read
was durable before it was written) is in the store with the same text, and no node run has
logged a repair or an error. final: that, and each game's last acknowledged stateHash is the
stored one, every game verifies by replay (verify.out), and the bots saw no error.
Prints one line of what it saw and exits 0, or the first failure and exits 1.
"""
import json
import re
import sqlite3
import sys
from pathlib import Path

mode, folder = sys.argv[1], Path(sys.argv[2])


def fail(why):
    print(why)
    sys.exit(1)


records = []
for line in (folder / "record.jsonl").read_text().splitlines():
    try:
        records.append(json.loads(line))
    except ValueError:
        pass  # the line being written as the record was read
db = sqlite3.connect(f"file:{folder / 'data' / 'brogue.sqlite'}?mode=ro", uri=True, timeout=30)
with db:
    stored = {(g, s): a for g, s, a in db.execute("SELECT game_id, seq, action FROM action")}
    games = {g: (n, h) for g, n, h in db.execute("SELECT id, action_count, state_hash FROM game")}

lost = [r for r in records if stored.get((r["game"], r["seq"] - 1)) != r["action"]]
if lost:
    r = lost[0]
    fail(f"{len(lost)} of {len(records)} acknowledged actions lost, first: bot {r['bot']} game {r['game']} seq {r['seq']} "
         f"acknowledged {r['action']!r}, stored {stored.get((r['game'], r['seq'] - 1))!r}")

repair = re.compile(r"repair|recover|corrupt|malformed|integrity|database disk image|\berror\b", re.IGNORECASE)
logs = sorted(folder.glob("node.run*.log"))
for log in logs:
    for line in log.read_text(errors="replace").splitlines():
        if repair.search(line):
            fail(f"{log.name}: {line[:300]}")

last = {}
for r in records:
    if r["seq"] > last.get(r["game"], {"seq": 0})["seq"]:
        last[r["game"]] = r
if mode == "live":
    print(f"{len(records)} acked so far over {len(last)} games, 0 lost")
    sys.exit(0)

hash_differs = [g for g, r in last.items() if games[g][0] == r["seq"] and games[g][1] != r["stateHash"]]
if hash_differs:
    fail(f"games {hash_differs[:5]}: the last acknowledged stateHash is not the stored one")
# Stored after the last acknowledgement: an action in flight when the bots were stopped; not a loss.
beyond = sum(games[g][0] - r["seq"] for g, r in last.items())

verify = (folder / "verify.out").read_text().strip().splitlines()
summary = next((line for line in reversed(verify) if line.startswith("verified ")), None)
if summary is None or " 0 failed" not in summary:
    fail(f"replay --verify --all: {summary or (verify[-1] if verify else 'no output')}")

try:
    report = json.loads((folder / "loadtest.json").read_text())
except (OSError, ValueError) as e:
    fail(f"loadtest printed no JSON summary ({e}); its stderr: {(folder / 'loadtest.err').read_text()[-300:]}")
if report["errors"]:
    fail(f"the bots saw {report['errors']} error(s): {report['errorCodes']} {report['errorSamples'][:2]}")
if report["reconnects"] == 0:
    fail("no bot reconnected: the kills did not reach the bots")

print(f"{len(logs) - 1} kills; {len(records)} acked over {len(last)} games, 0 lost, {beyond} stored past the last ack; "
      f"{summary.split(' (')[0]}; {report['reconnects']} reconnects, 0 errors; no repair or error logged")
