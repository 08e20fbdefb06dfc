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
# libicui18n and libsqlite3 likewise: only charset detection and slugs need
# the one, only the archive the other
p = subprocess.run([reads, "parse", "-", "--json"], capture_output=True, text=True, timeout=30,
                   input=feed % "https://example.org/a", env=dict(os.environ, LD_DEBUG="files"))
ok(p.returncode == 0 and "libicui18n" not in p.stderr, "parsing a feed never loads libicui18n")
ok("libsqlite3" not in p.stderr, "nor libsqlite3")

# Batch parse: one process for many documents, one JSON line each, in order,
# a failing file named on stderr without stopping the others.
import json
import tempfile
with tempfile.TemporaryDirectory() as d:
    paths = []
    for i, link in enumerate(["https://example.org/a", "https://example.org/b"]):
        paths.append(os.path.join(d, "f%d.xml" % i))
        with open(paths[-1], "w") as f:
            f.write(feed % link)
    singles = [json.loads(run("parse", q, "--json").stdout) for q in paths]
    p = run("parse", paths[0], os.path.join(d, "missing.xml"), paths[1], "--json")
    eq(p.returncode, 1, "a batch with one unreadable file exits 1")
    ok("missing.xml" in p.stderr, "and names it", p.stderr)
    lines = [json.loads(l) for l in p.stdout.splitlines()]
    eq(len(lines), 2, "one JSON line per readable file")
    eq([l.pop("file") for l in lines], paths, "each names its file, in order")
    eq(lines, singles, "each is what parsing the file alone gives")
    p = run("parse", paths[0], paths[1], "--url", "https://example.org/")
    eq(p.returncode, 2, "--url with several files is a usage error")
sys.exit(done())
