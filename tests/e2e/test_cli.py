#!/usr/bin/env python3
"""The command line: help, version, usage errors and exit statuses."""
import os
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

# libcurl (and the 25 libraries it brings) is loaded only by what needs it:
# a feed whose links are absolute is parsed without it, a relative link
# resolved against --url loads it. glibc's loader says what it loads.
def loads_libcurl(*args, stdin=None):
    env = dict(os.environ, LD_DEBUG="files")
    p = subprocess.run([reads, *args], capture_output=True, text=True, timeout=30, input=stdin, env=env)
    return p, "libcurl.so.4" in p.stderr


feed = """<rss version="2.0"><channel><title>T</title><item><title>A</title>
<link>%s</link></item></channel></rss>"""
p, loaded = loads_libcurl("parse", "-", "--json", stdin=feed % "https://example.org/a")
eq(p.returncode, 0, "parse of a feed with absolute links succeeds")
ok(not loaded, "and never loads libcurl")
p, loaded = loads_libcurl("parse", "-", "--json", "--url", "https://example.org/feed/", stdin=feed % "a")
ok('"link":"https://example.org/feed/a"' in p.stdout.replace(" ", ""), "a relative link is resolved", p.stdout[:300])
ok(loaded, "with libcurl, loaded for it")
sys.exit(done())
