#!/usr/bin/env python3
"""The command line: help, version, usage errors and exit statuses."""
import subprocess
import sys

from taplib import done, eq, ok

reads = sys.argv[1]


def run(*args):
    return subprocess.run([reads, *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


p = run("--help")
eq(p.returncode, 0, "--help exits 0")
ok("Usage: reads" in p.stdout and p.stderr == "", "--help prints usage on stdout")
p = run("--version")
eq(p.returncode, 0, "--version exits 0")
ok(p.stdout.startswith("reads "), "--version prints the version", p.stdout)
for cmd in ["fetch", "draft", "export", "add", "status", "check", "parse", "extract"]:
    p = run(cmd, "--help")
    eq(p.returncode, 0, f"{cmd} --help exits 0")
    ok(p.stdout.startswith("Usage: reads"), f"{cmd} --help prints its usage on stdout", p.stdout[:200])
p = run("frobnicate")
eq(p.returncode, 2, "an unknown command exits 2")
ok("frobnicate" in p.stderr, "and names it", p.stderr)
p = run()
eq(p.returncode, 2, "no command exits 2")
p = run("draft", "2010-13")
eq(p.returncode, 2, "a bad month exits 2")
p = run("-c", "/nonexistent/feeds.yaml", "fetch")
eq(p.returncode, 2, "a missing config exits 2")
ok("/nonexistent/feeds.yaml" in p.stderr, "and names the file", p.stderr)
sys.exit(done())
