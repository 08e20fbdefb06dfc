#!/usr/bin/env python3
"""End to end, the other ways in and the options around quotes: a browser's
bookmark export, a bookmarking service's feed and an OPML subscription list as
sources; a text fragment the page does not hold; two excerpts per quote; month
names in French; a page bookmarked again and a feed listed twice; and a month
drafted again offline from the archive's copy of the pages (the same result),
or with --refresh."""
import re
import sys

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
ws = Workspace(reads)
try:
    ws.write("site/bookmarks.rss", """<?xml version="1.0"?>
<rss version="2.0"><channel><title>lamia's bookmarks</title><link>@BASE@/</link>
<item><title>Communities are not org charts</title><link>@BASE@/articles/communities-org-charts.html</link>
<pubDate>Fri, 19 Nov 2010 08:00:00 GMT</pubDate><description>Read this before the workshop</description></item>
</channel></rss>
""")
    ws.write("subscriptions.opml", """<?xml version="1.0"?>
<opml version="2.0"><head><title>feeds</title></head><body>
<outline text="Strategy Notes" type="rss" xmlUrl="@BASE@/feeds/strategy.atom"/>
</body></opml>
""".replace("@BASE@", ws.base))
    ws.write("bookmarks.html", """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p>
<DT><H3>E20</H3>
<DL><p>
<DT><A HREF="@BASE@/articles/activity-stream.html" ADD_DATE="1289900000000000" TAGS="e20,email">Activity stream</A>
<DD>The inbox piece
<DT><A HREF="@BASE@/articles/lurkers.html" ADD_DATE="1285000000">Old one, September</A>
</DL><p>
</DL><p>
""".replace("@BASE@", ws.base))
    ws.write_config("""title: "Lectures Entreprise 2.0 – {month} {year}"
signature: "Lamia Ben."
language: fr
timezone: UTC
quote: {min: 60, max: 400, excerpts: 2}
fetch: {retry_pause: 0.05}
feeds:
  - opml: subscriptions.opml
bookmarks:
  - file: bookmarks.html
  - feed: @BASE@/bookmarks.rss
  - url: "@BASE@/articles/small-teams.html#:~:text=this%20sentence%20is%20not%20there"
    added: 2010-11-03
""")
    p = ws.run("check")
    eq(p.returncode, 0, "the config is valid")
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "draft from bookmark file, bookmark feed and OPML succeeds")
    text = ws.read("digests", "2010-11.md")
    ok(text.startswith('---\ntitle: "Lectures Entreprise 2.0 – novembre 2010"'), "the title in French", text[:80])
    titles = re.findall(r"^### \[(.+?)\]", text, re.M)
    for t in ["Why the activity stream will swallow the inbox", "Communities are not org charts",
              "Small teams, big platforms", "A quiet shift in how IT buys software",
              "Structure is what makes social work"]:
        ok(t in titles, f"entry: {t}", titles)
    ok("Lurkers" not in text, "a bookmark added in September is not November's")
    ok("<!-- reads: note: The inbox piece -->" in text, "the export's DD note is kept as her note")
    ok("<!-- reads: note: Read this before the workshop -->" in text,
       "a bookmark feed item's description is her note")
    block = text[text.find("### [Small teams"):]
    block = block[:block.find("\n### ")]
    ok("text fragment not found in the page" in block, "a fragment the page does not hold is said in the draft", block)
    ok(re.search(r"^> \S", block, re.M), "and an automatic quote stands in")
    quotes = re.findall(r"^### .*?\n<!-- reads: entry .*?-->\n\n((?:>.*\n)+)", text, re.M)
    ok(any("…" in q for q in quotes), "with excerpts: 2, quotes join two excerpts with …", quotes)

    # An OPML list's filters apply to every feed it lists.
    cfg = open(ws.config, encoding="utf-8").read()
    ws.write_config(cfg.replace("  - opml: subscriptions.opml\n", "  - opml: subscriptions.opml\n    include: [software]\n"))
    p = ws.run("draft", "2010-11", "--no-fetch", "--rebuild")
    eq(p.returncode, 0, "a rebuild with a filtered OPML list succeeds")
    filtered = ws.read("digests", "2010-11.md")
    ok("### [A quiet shift in how IT buys software]" in filtered and "### [Structure is what makes social work]"
       not in filtered, "the list's include filter keeps only its feeds' matching items")
    ws.write_config(cfg)
    p = ws.run("draft", "2010-11", "--no-fetch", "--rebuild")
    eq(ws.read("digests", "2010-11.md"), text, "without the filter, the draft is as before")

    # The month again, offline: the pages come from the archive.
    ws.server.kill()
    ws.server.wait()
    p = ws.run("draft", "2010-11", "--no-fetch", "--rebuild")
    eq(p.returncode, 0, "a rebuild with the server gone succeeds (pages from the archive)")
    eq(ws.read("digests", "2010-11.md"), text, "and gives the same draft")
    p = ws.run("draft", "2010-11", "--no-fetch", "--rebuild", "--refresh")
    eq(p.returncode, 1, "--refresh fetches the pages again (and fails with the server gone)")
    ok("activity-stream.html" in p.stderr, "naming the pages it could not fetch", p.stderr)
finally:
    ws.close()

# Her lists grow by hand over the year: a page bookmarked again (once with her
# quote and a tracking parameter) and a feed listed twice do not stop the cron
# job; the run is silent, the entries are one, her quote is used.
ws = Workspace(reads)
try:
    art = "@BASE@/_article/2011-01-12/twice.html"
    ws.write_config(f"""timezone: UTC
fetch: {{retry_pause: 0.05}}
feeds:
  - @BASE@/feeds/collaboration.xml
  - @BASE@/feeds/collaboration.xml?utm_medium=rss
bookmarks:
  - {art}
  - url: {art}?utm_source=x
    quote: "Her own pick, given the second time."
  - {art}/
""")
    p = ws.run("draft", "2011-01")
    eq((p.returncode, p.stderr), (0, ""), "a URL listed twice: the draft runs, silently")
    jan = ws.read("digests", "2011-01.md")
    eq(len(re.findall(r"^### \[.*?\]\(.*?/twice\.html\)", jan, re.M)), 1, "the page bookmarked three times is one entry")
    ok("> Her own pick, given the second time." in jan, "with the quote she gave the second time", jan)
    p = ws.run("check")
    ok(p.returncode == 0 and p.stderr.count("warning: ") == 3 and "already listed at line 4" in p.stderr
       and "already bookmarked at line 7" in p.stderr, "reads check says where each one is listed again", p.stderr)
finally:
    ws.close()
sys.exit(done())
