#!/usr/bin/env python3
"""Runs the shared article-extraction judge on the dev set and fails when the
body F1 or the number of passed pages falls below the recorded floor.
Usage: conformance.py READS SHARED_DIR FLOOR_FILE   (exit 77 without the set)"""
import os
import re
import subprocess
import sys


def main():
    reads, shared, floor_file = sys.argv[1:4]
    judge = os.path.join(shared, "conformance", "extract", "judge.py")
    if not os.path.exists(judge):
        print(f"skip: {judge} not found")
        return 77
    floor = {}
    for line in open(floor_file, encoding="utf-8"):
        line = line.split("#", 1)[0].split()
        if len(line) == 2:
            floor[line[0]] = float(line[1])
    cmd = [sys.executable, judge, "--cmd", f"{reads} extract {{file}} --url {{url}} --json", "--jobs", "2",
           "--timeout", "60"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    out = p.stdout
    print(out)
    f1 = re.search(r"F1 ([0-9.]+)", out)
    passed = re.search(r"^(\d+) passed", out, re.M)
    if not f1 or not passed:
        print("could not read the judge's figures", p.stderr)
        return 1
    got = {"f1": float(f1.group(1)), "passed": float(passed.group(1))}
    for m, k in (("title", "title"), ("author", "author"), ("date", "date")):
        r = re.search(rf"^{m}\s+exact ([0-9.]+)", out, re.M)
        if r:
            got[k] = float(r.group(1))
    bad = [f"{k} {got.get(k)} < floor {v}" for k, v in floor.items() if got.get(k, -1) < v]
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
