#!/usr/bin/env python3
"""`reads extract` as a command: standard input, usage errors, an empty
page, several FILEs (JSON Lines), --help. Usage: cli.py READS PAGES_DIR"""
import json
import subprocess
import sys


def run(args, stdin=b""):
    return subprocess.run(args, input=stdin, capture_output=True, timeout=20)


def main():
    reads, pages = sys.argv[1:3]
    bad = []
    page = f"{pages}/date-url.html"
    html = open(page, "rb").read()
    p = run([reads, "extract", "-", "--url", "https://www.example.org/2021/03/15/wikis", "--json"], html)
    j = json.loads(p.stdout) if p.returncode == 0 else {}
    if j.get("date") != "2021-03-15":
        bad.append(f"stdin with --url: {p.returncode} {j.get('date')!r}")
    p = run([reads, "extract", page, "--url", "", "--json"])
    if p.returncode != 0 or json.loads(p.stdout).get("date") is not None:
        bad.append("--url '' must mean no URL")
    p = run([reads, "extract"])
    if p.returncode != 2 or b"FILE" not in p.stderr:
        bad.append(f"no FILE: exit {p.returncode}")
    p = run([reads, "extract", "-"], b"")
    if p.returncode != 3 or b"empty" not in p.stderr:
        bad.append(f"empty page: exit {p.returncode} {p.stderr!r}")
    p = run([reads, "extract", f"{pages}/title-og.html", f"{pages}/no-such-page.html", f"{pages}/author-meta.html"])
    lines = p.stdout.decode().splitlines()
    if p.returncode != 1 or len(lines) != 2 or json.loads(lines[1]).get("author") != "Jane Doe" \
            or not json.loads(lines[0])["file"].endswith("title-og.html") or b"no-such-page" not in p.stderr:
        bad.append(f"batch: exit {p.returncode}, {len(lines)} lines, {p.stderr!r}")
    p = run([reads, "extract", "--help"])
    if p.returncode != 0 or not p.stdout.startswith(b"Usage: reads extract"):
        bad.append("--help")
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
