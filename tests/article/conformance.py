#!/usr/bin/env python3
"""Runs a shared judge on its dev set and fails when a figure falls below the
recorded floor.
Usage: conformance.py READS SHARED_DIR FLOOR_FILE [extract|dates]
(exit 77 without the set). extract (the default): body F1, passed pages,
title/author/date exact. dates: precision, recall, accuracy, and accuracy on
each fixed half of the set (accuracy_A, accuracy_B: tests/helpers/halves.py)."""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def extract_figures(out, report):
    f1 = re.search(r"F1 ([0-9.]+)", out)
    passed = re.search(r"^(\d+) passed", out, re.M)
    if not f1 or not passed:
        return None
    got = {"f1": float(f1.group(1)), "passed": float(passed.group(1))}
    for m in ("title", "author", "date"):
        r = re.search(rf"^{m}\s+exact ([0-9.]+)", out, re.M)
        if r:
            got[m] = float(r.group(1))
    return got


def dates_figures(out, report):
    r = re.search(r"precision ([0-9.]+), recall ([0-9.]+), accuracy ([0-9.]+)", out)
    if not r:
        return None
    got = {"precision": float(r.group(1)), "recall": float(r.group(2)), "accuracy": float(r.group(3))}
    halves = os.path.join(HERE, "..", "helpers", "halves.py")
    p = subprocess.run([sys.executable, halves, "dates", report, "--json"], capture_output=True, text=True)
    if p.returncode == 0:
        h = json.loads(p.stdout)
        got["accuracy_A"], got["accuracy_B"] = h["A"]["accuracy"], h["B"]["accuracy"]
    return got


def main():
    reads, shared, floor_file = sys.argv[1:4]
    kind = sys.argv[4] if len(sys.argv) > 4 else "extract"
    judge = os.path.join(shared, "conformance", kind, "judge.py")
    if not os.path.exists(judge):
        print(f"skip: {judge} not found")
        return 77
    floor = {}
    for line in open(floor_file, encoding="utf-8"):
        line = line.split("#", 1)[0].split()
        if len(line) == 2:
            floor[line[0]] = float(line[1])
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        cmd = [sys.executable, judge, "--cmd", f"{reads} extract {{file}} --url {{url}} --json", "--jobs", "2",
               "--timeout", "60", "--report", report]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        out = p.stdout
        print(out)
        got = (dates_figures if kind == "dates" else extract_figures)(out, report)
    if not got:
        print("could not read the judge's figures", p.stderr)
        return 1
    print("figures:", " ".join(f"{k} {v:.3f}" for k, v in got.items()))
    bad = [f"{k} {got.get(k)} < floor {v}" for k, v in floor.items() if got.get(k, -1) < v]
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
