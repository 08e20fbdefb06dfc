#!/usr/bin/env python3
"""`reads check` as a command: --help, usage errors, a missing config, -v."""
import os
import subprocess
import sys
import tempfile


def run(reads, *args, cwd=None):
    return subprocess.run([reads, *args], capture_output=True, timeout=20, cwd=cwd)


def main():
    reads, golden = sys.argv[1:3]
    reads = os.path.abspath(reads)
    fails = []
    r = run(reads, "check", "--help")
    if r.returncode != 0 or b"FILE:LINE:COLUMN" not in r.stdout or r.stderr:
        fails.append(f"--help: {r.returncode} {r.stdout!r} {r.stderr!r}")
    r = run(reads, "-c", os.path.join(golden, "good-minimal.yaml"), "check", "extra")
    if r.returncode != 2 or b"unexpected argument" not in r.stderr:
        fails.append(f"extra argument: {r.returncode} {r.stderr!r}")
    with tempfile.TemporaryDirectory() as tmp:
        r = run(reads, "check", cwd=tmp)
        if r.returncode != 2 or not r.stderr.startswith(b"feeds.yaml: No such file"):
            fails.append(f"missing ./feeds.yaml: {r.returncode} {r.stderr!r}")
        with open(os.path.join(tmp, "feeds.yaml"), "w") as f:
            f.write("feeds:\n  - https://www.example.org/feed/\nbookmarks:\n  - file: sub/b.html\n")
        os.mkdir(os.path.join(tmp, "sub"))
        with open(os.path.join(tmp, "sub", "b.html"), "w") as f:
            f.write("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><A HREF=\"https://a.example.org/\">A</A></DL>\n")
        # from another folder: paths are relative to feeds.yaml's folder
        r = run(reads, "-c", os.path.join(tmp, "feeds.yaml"), "-v", "check", cwd="/")
        want = os.path.join(tmp, "feeds.yaml") + ": ok (1 feeds, 1 bookmark sources)\n"
        if r.returncode != 0 or r.stdout.decode() != want:
            fails.append(f"-v from another folder: {r.returncode} {r.stdout!r} {r.stderr!r}")
        r = run(reads, "check", cwd=tmp)
        if r.returncode != 0 or r.stdout or r.stderr:
            fails.append(f"quiet success: {r.returncode} {r.stdout!r} {r.stderr!r}")
    for f in fails:
        print(f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
