#!/usr/bin/env python3
"""End to end: feeds that fail (404, garbage, a server that hangs) never stop
the others; the run names each failing source, still writes the draft, and
exits 1."""
import re
import sys
import time

from editing import only_inserted
from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
ws = Workspace(reads)


def add_item(title, link, date, summary):
    """One more item in the demo's collaboration feed (summary: escaped HTML text)."""
    ws.write("site/feeds/collaboration.xml", ws.read("site", "feeds", "collaboration.xml").replace(
        "</channel>", f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>&lt;p&gt;{summary}&lt;/p&gt;</description></item></channel>"))


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
    add_item("Gone missing", "@BASE@/_status/404/missing.html", "Wed, 10 Nov 2010 10:00:00 GMT",
             "When the page cannot be fetched, the feed&amp;rsquo;s own summary still gives the entry a quote "
             "worth reading.")
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

    # The page comes back after she has edited the draft: the next run offers
    # the page's quotes in the entry, after the warning, once; her bytes stay.
    add_item("Back again", "@BASE@/articles/back-again.html", "Thu, 11 Nov 2010 10:00:00 GMT",
             "A summary from the feed, which is all there is while the article page cannot be fetched.")
    p = ws.run("draft", "2010-11")
    text = ws.read("digests", "2010-11.md")
    back = text[text.find("### [Back again]"):]
    ok("<!-- reads: warning: the article page could not be fetched (HTTP 404) -->" in back[:back.find("\n### ", 1)],
       "a page missing at first: its entry says so", back[:800])
    hers = text.replace("> A summary from the feed, which is all there is while the article page cannot be fetched.",
                        "> My own pick while the page was away.")
    ws.write("digests/2010-11.md", hers)
    page = ws.read("site", "articles", "lurkers.html")
    ws.write("site/articles/back-again.html", page)
    p = ws.run("draft", "2010-11")
    text = ws.read("digests", "2010-11.md")
    ok(only_inserted(hers, text), "the page back: the run only inserted", text[text.find("Back again"):][:1500])
    back = text[text.find("### [Back again]"):]
    back = back[:back.find("\n### ", 1)] if "\n### " in back[1:] else back
    m = re.search(r"<!-- reads: warning: the article page could not be fetched \(HTTP 404\) -->\n\n"
                  r"<!-- reads: the article page could be read now; its quotes, move one above to use it\n"
                  r"((?:> .*\n)+)-->\n", back)
    ok(m and "silent" in m.group(1).lower(), "its quotes, from the page, after the warning", back)
    ok("> My own pick while the page was away.\n" in back, "her quote stays the entry's quote", back)
    again = ws.run("draft", "2010-11")
    eq(ws.read("digests", "2010-11.md"), text, "offered once: the next run changes nothing")
finally:
    ws.close()
sys.exit(done())
