"""The checks of one crash trial (scripts/crash-trials.sh), on its folder after both node runs.

    python3 scripts/lib/crash-check.py TRIAL_DIR DELAY ACKED_BEFORE_KILL

Prints one line of what the trial saw and exits 0, or prints the first failure and exits 1:
an acknowledged action not in the store (or different there), a game whose last acknowledged
stateHash is not the stored one, a game that does not verify by replay, a repair (or a store
problem) in a node log, or an error seen by the bots.
"""
import json
import re
import sqlite3
import sys
from pathlib import Path

trial = Path(sys.argv[1])
delay, before = sys.argv[2], int(sys.argv[3])


def fail(why):
    print(why)
    sys.exit(1)


records = [json.loads(line) for line in (trial / "record.jsonl").read_text().splitlines() if line.strip()]
db = sqlite3.connect(f"file:{trial / 'data' / 'brogue.sqlite'}?mode=ro", uri=True)
stored = {(g, s): a for g, s, a in db.execute("SELECT game_id, seq, action FROM action")}
games = {g: (n, h) for g, n, h in db.execute("SELECT id, action_count, state_hash FROM game")}

lost = [r for r in records if stored.get((r["game"], r["seq"] - 1)) != r["action"]]
if lost:
    r = lost[0]
    fail(f"{len(lost)} of {len(records)} acknowledged actions lost, first: bot {r['bot']} game {r['game']} seq {r['seq']} "
         f"acknowledged {r['action']!r}, stored {stored.get((r['game'], r['seq'] - 1))!r}")

last = {}
for r in records:
    if r["seq"] > last.get(r["game"], {"seq": 0})["seq"]:
        last[r["game"]] = r
hash_differs = [g for g, r in last.items() if games[g][0] == r["seq"] and games[g][1] != r["stateHash"]]
if hash_differs:
    fail(f"games {hash_differs[:5]}: the last acknowledged stateHash is not the stored one")
# Stored after the last acknowledgement: an action in flight when the bots were stopped; not a loss.
beyond = sum(games[g][0] - r["seq"] for g, r in last.items())

verify = (trial / "verify.out").read_text().strip().splitlines()
summary = next((line for line in reversed(verify) if line.startswith("verified ")), None)
if summary is None or " 0 failed" not in summary:
    fail(f"replay --verify --all: {summary or (verify[-1] if verify else 'no output')}")

repair = re.compile(r"repair|recover|corrupt|malformed|integrity|database disk image", re.IGNORECASE)
for log in sorted(trial.glob("node.*.log")):
    for line in log.read_text(errors="replace").splitlines():
        if repair.search(line) or " error" in line.lower():
            fail(f"{log.name}: {line[:300]}")

try:
    report = json.loads((trial / "loadtest.json").read_text())
except (OSError, ValueError) as e:
    fail(f"loadtest printed no JSON summary ({e}); its stderr: {(trial / 'loadtest.err').read_text()[-300:]}")
if report["errors"]:
    fail(f"the bots saw {report['errors']} error(s): {report['errorCodes']} {report['errorSamples'][:2]}")
if report["reconnects"] == 0:
    fail("no bot reconnected: the kill did not reach the bots")

print(f"killed after {delay} s at {before} acked; integrity ok; {len(records)} acked over {len(last)} games, 0 lost, "
      f"{beyond} stored past the last ack; {summary.split(' (')[0]}; {report['reconnects']} reconnects, 0 errors")
