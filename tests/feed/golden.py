#!/usr/bin/env python3
"""Golden test: `reads parse NAME.<ext> --json [--url URL]` must print the JSON
in NAME.json (compared as data: keys listed there must match; "warnings" is
compared by count when given as a number). A NAME.args file holds extra
arguments (one per line). Usage: golden.py READS FIXTURE"""
import json
import os
import subprocess
import sys


def main():
    reads, fixture = sys.argv[1:3]
    base = os.path.splitext(fixture)[0]
    args = []
    if os.path.exists(base + ".args"):
        args = [a for a in open(base + ".args", encoding="utf-8").read().splitlines() if a]
    r = subprocess.run([reads, "parse", fixture, "--json"] + args, capture_output=True, timeout=60)
    if r.returncode != 0:
        print(f"exit {r.returncode}: {r.stderr.decode(errors='replace')}")
        return 1
    try:
        got = json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as ex:
        print(f"output is not UTF-8 JSON: {ex}")
        return 1
    want = json.load(open(base + ".json", encoding="utf-8"))
    ok = True
    for k, v in want.items():
        g = got.get(k)
        if k == "warnings" and isinstance(v, int):
            if len(g or []) < v:
                print(f"warnings: expected at least {v}, got {g!r}")
                ok = False
            continue
        if g != v:
            print(f"{k}:\n  expected {json.dumps(v, ensure_ascii=False)}\n  got      {json.dumps(g, ensure_ascii=False)}")
            ok = False
    if not ok and os.environ.get("GOLDEN_UPDATE"):
        keep = {k: got.get(k) for k in want}
        json.dump(keep, open(base + ".json", "w", encoding="utf-8"), indent=1, ensure_ascii=False)
        print("updated")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
