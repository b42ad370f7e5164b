"""One line of figures from `brogue loadtest --json`, and the first errors in words, for the
image and pods trials. Exits 1 when the bots played nothing or saw an error or a drop.

    python3 scripts/lib/loadtest-summary.py REPORT.json "PREFIX: LABEL"
"""
import json
import sys

report = json.load(open(sys.argv[1]))
head = sys.argv[2]
rt = report["roundTripMs"]
print(f"{head}: {report['actions']} actions, errors {report['errors']}, drops {report['drops']}, "
      f"round trip p50 {rt['p50']:.1f} ms p99 {rt['p99']:.1f} ms max {rt['max']:.1f} ms")
for e in report.get("errorSamples", []):
    print(f"{head}:   error: {e}")
sys.exit(1 if report["actions"] == 0 or report["errors"] or report["drops"] else 0)
