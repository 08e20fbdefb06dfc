#!/usr/bin/env python3
"""End to end: feeds that fail (404, garbage, a server that hangs) never stop
the others; the run names each failing source, still writes the draft, and
exits 1."""
import re
import sys
import time

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
ws = Workspace(reads)
try:
    bad = ["@BASE@/_status/404/feed.xml", "@BASE@/_garbage/feed.xml", "@BASE@/_hang/feed.xml"]
    # retries stay on (2), with short pauses: the hang is tried 3 times
    ws.demo_config(extra_feeds=bad, fetch="{connections: 8, per_host: 4, timeout: 3, retry_pause: 0.1}")
    t0 = time.time()
    p = ws.run("draft", "2010-11")
    took = time.time() - t0
    eq(p.returncode, 1, "some feeds failed: exit status 1")
    ok(took < 30, f"a hanging server costs only its timeouts, one per try ({took:.1f} s)")
    for b in bad:
        url = b.replace("@BASE@", ws.base)
        ok(any(line.startswith("reads: error: " + url + ": ") for line in p.stderr.splitlines()),
           f"stderr names {b.split('/')[1]} and the reason", p.stderr)
    ok("404" in p.stderr, "the 404 is reported as such", p.stderr)
    text = ws.read("digests", "2010-11.md")
    eq(len(re.findall(r"^### \[", text, re.M)), 6, "the draft is written with every good entry")

    # A page that cannot be fetched still gives its entry, from the feed's data.
    ws.demo_config()
    ws.write("site/feeds/collaboration.xml", ws.read("site", "feeds", "collaboration.xml").replace(
        "</channel>", "<item><title>Gone missing</title><link>@BASE@/_status/404/missing.html</link>"
        "<pubDate>Wed, 10 Nov 2010 10:00:00 GMT</pubDate><description>&lt;p&gt;When the page cannot be fetched, "
        "the feed&amp;rsquo;s own summary still gives the entry a quote worth reading.&lt;/p&gt;</description>"
        "</item></channel>"))
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 1, "a page that fails makes the run exit 1")
    ok("missing.html" in p.stderr, "and is named on stderr", p.stderr)
    text = ws.read("digests", "2010-11.md")
    ok("### [Gone missing]" in text, "its entry is still written, with the feed's title")
    ok("> When the page cannot be fetched, the feed’s own summary still gives the entry a quote worth reading.\n"
       in text, "and a quote from the feed's summary", text[text.find("Gone missing"):][:600])
    block = text[text.find("### [Gone missing]"):]
    block = block[:block.find("\n### ", 1)]
    ok("<!-- reads: warning: the article page could not be fetched (HTTP 404) -->" in block,
       "the entry says its page could not be fetched, and why (stderr is gone when she reads it)", block)
finally:
    ws.close()
sys.exit(done())
