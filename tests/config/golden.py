#!/usr/bin/env python3
"""Golden test of `reads check`: runs `reads -c NAME.yaml check` in the fixture
folder and compares standard error with NAME.err, with status 2 (bad-*: the file
is refused) or 0 (warn-*: accepted, with warnings); good-* expects silence and
status 0.  Usage: golden.py READS DIR NAME"""
import os
import subprocess
import sys


def main():
    reads, folder, name = sys.argv[1:4]
    reads = os.path.abspath(reads)
    cfg = name + ".yaml"
    run = subprocess.run([reads, "-c", cfg, "check"], cwd=folder, capture_output=True, timeout=20)
    err = run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8", "replace")
    failed = False
    if name.startswith("good-"):
        if run.returncode != 0 or err or out:
            print(f"want status 0 and no output, got {run.returncode}\nstdout: {out}\nstderr: {err}")
            return 1
        verbose = subprocess.run([reads, "-c", cfg, "-v", "check"], cwd=folder, capture_output=True, timeout=20)
        line = verbose.stdout.decode()
        if verbose.returncode != 0 or not line.startswith(cfg + ": ok ("):
            print(f"-v: want '{cfg}: ok (…)', got {verbose.returncode}: {line!r}")
            return 1
        return 0
    with open(f"{folder}/{name}.err", encoding="utf-8") as f:
        want = f.read()
    status = 0 if name.startswith("warn-") else 2
    if run.returncode != status:
        print(f"want status {status}, got {run.returncode}")
        failed = True
    if out:
        print(f"want nothing on stdout, got: {out!r}")
        failed = True
    if err != want:
        print("stderr differs from " + name + ".err")
        print("--- want\n" + want + "--- got\n" + err + "---")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
