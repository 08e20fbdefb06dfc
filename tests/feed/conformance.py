#!/usr/bin/env python3
"""Conformance gate: runs ../shared/conformance/feeds/judge.py on `reads parse`
and fails on any expectation that fails and is not listed, with its reason, in
conformance-known-failures.txt ("CASE FIELD  # reason"; FIELD "-" for kind
`parses`). Exit 77 (skip) when the shared suite is missing.

Usage: conformance.py READS SHARED_DIR KNOWN_FAILURES"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    reads, shared, known_path = sys.argv[1:4]
    judge = os.path.join(shared, "conformance", "feeds", "judge.py")
    if not os.path.exists(judge):
        print(f"skip: {judge} not found")
        return 77
    known = {}
    with open(known_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            spec, _, reason = line.partition("#")
            parts = spec.split()
            if len(parts) != 2 or not reason.strip():
                print(f"bad line in {known_path} (need CASE FIELD # reason): {line}")
                return 1
            known[(parts[0], parts[1])] = reason.strip()
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        cmd = [sys.executable, judge, "--cmd", f"{reads} parse {{file}} --json", "--report", report,
               "--show-failures", "0"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        print(r.stdout[-3000:])
        if r.returncode != 0:
            print(r.stderr)
            return 1
        data = json.load(open(report, encoding="utf-8"))
    bad, fixed = [], []
    failing = set()
    for res in data["results"]:
        key = (res["case"], res["field"] or "-")
        if not res["pass"]:
            failing.add(key)
            if key not in known:
                bad.append(res)
    for key in known:
        if key not in failing:
            fixed.append(key)
    for res in bad:
        print(f"REGRESSION {res['case']} {res['field'] or '-'} [{res['kind']}] "
              f"expected={res['expected']!r} actual={res['actual']!r} {res['note']}")
    for key in fixed:
        print(f"note: known failure now passes, remove it from the list: {key[0]} {key[1]}")
    print(f"{data['passed']}/{data['total']} expectations pass; "
          f"{len(bad)} unexpected failures; {len(known)} known")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
