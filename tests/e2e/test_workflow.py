#!/usr/bin/env python3
"""The author's workflow around the draft: `reads add`, `status`, a draft whose
markers she broke (never overwritten; new entries go to a side file),
`--rebuild`, and two runs at once (the lock)."""
import os
import re
import subprocess
import sys

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
ws = Workspace(reads)
try:
    ws.demo_config()
    draft = ws.path("digests", "2010-11.md")
    link = ws.base + "/articles/structure-social.html?utm_source=twitter#:~:text=Purely%20social%20platforms,filling%20in%20forms"
    p = ws.run("add", link, "--date", "2010-11-20")
    eq(p.returncode, 0, "add bookmarks a URL")
    p = ws.run("add", ws.base + "/articles/structure-social.html", "--date", "2010-11-20")
    eq(p.returncode, 0, "adding the same article again is fine")
    p = ws.run("add", "ftp://example.org/x")
    eq(p.returncode, 2, "add refuses a non-http URL")

    # Two runs at once: the lock makes them take turns; both succeed.
    a = subprocess.Popen([reads, "-c", ws.config, "fetch"], stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen([reads, "-c", ws.config, "fetch"], stderr=subprocess.PIPE, text=True)
    ra, rb = a.wait(60), b.wait(60)
    eq((ra, rb), (0, 0), "two fetches at once both succeed")

    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "draft succeeds")
    text = open(draft, encoding="utf-8").read()
    eq(text.count("### [Structure is what makes social work]"), 1,
       "one entry per article across sources (feed item and tracked bookmark)")
    ok("> Purely social platforms tend to drift into chatter, while purely structured systems feel like "
       "filling in forms\n" in text,
       "the bookmark's text fragment picks the quote", text)

    # The same article again under other URLs: a short link that redirects,
    # and a variant whose page names the article as its canonical URL.
    p = ws.run("add", ws.base + "/_redirect/301/articles/communities-org-charts.html", "--date", "2010-11-21")
    feed = ws.read("site", "feeds", "collaboration.xml")
    ws.write("site/feeds/collaboration.xml", feed.replace("</channel>",
             "<item><title>Lurkers again</title><link>@BASE@/articles/lurkers.html?page=2</link>"
             "<pubDate>Sat, 27 Nov 2010 10:00:00 GMT</pubDate></item></channel>"))
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "a draft with duplicates under other URLs succeeds")
    text = open(draft, encoding="utf-8").read()
    eq(text.count("### [Communities are not org charts]"), 1, "a short link to a listed article adds nothing")
    eq(text.count("### [Lurkers are your silent majority]"), 1, "nor does a URL whose canonical is listed")

    # -a puts the archive elsewhere: a fresh one knows none of this.
    p = ws.run("status")
    elsewhere = subprocess.run([reads, "-c", ws.config, "-a", ws.path("other", "x.db"), "status"],
                               capture_output=True, text=True, timeout=30)
    eq(elsewhere.returncode, 0, "-a FILE opens (and creates) another archive")
    never = [l.split("\t")[1] for l in elsewhere.stdout.splitlines()[1:]]
    fetched = [l.split("\t")[1] for l in p.stdout.splitlines()[1:]]
    ok(os.path.exists(ws.path("other", "x.db")) and never == ["-", "-"] and "-" not in fetched,
       "which has never fetched a feed, while the default one has", elsewhere.stdout + p.stdout)

    eq(p.returncode, 0, "status succeeds")
    lines = p.stdout.strip().splitlines()
    eq(len(lines), 3, "status: a header and one line per feed")
    ok(all("\t" in l for l in lines), "tab-separated")

    # She breaks a marker (an "other quotes" comment loses its end, so it
    # swallows the next entry's marker): the draft is left alone, new entries
    # go beside it.
    cut = text.index("\n-->", text.index("<!-- reads: other quotes"))
    broken = text[:cut] + text[cut + 4:]
    with open(draft, "w", encoding="utf-8") as f:
        f.write(broken)
    ws.write("site/articles/late.html", ws.read("site", "articles", "it-buying.html")
             .replace("it-buying", "late").replace("A quiet shift in how IT buys software", "Late arrival"))
    feed = ws.read("site", "feeds", "collaboration.xml")
    ws.write("site/feeds/collaboration.xml", feed.replace("</channel>",
             "<item><title>Late arrival</title><link>@BASE@/articles/late.html</link>"
             "<pubDate>Sun, 28 Nov 2010 10:00:00 GMT</pubDate></item></channel>"))
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 1, "a broken draft makes the run exit 1")
    eq(open(draft, encoding="utf-8").read(), broken, "the broken draft is left byte for byte")
    side = ws.path("digests", "2010-11.new.md")
    ok(os.path.exists(side) and "Late arrival" in open(side, encoding="utf-8").read(),
       "the new entries are written to a side file")
    ok("2010-11.new.md" in p.stderr, "and stderr says where", p.stderr)

    # --rebuild saves the old draft beside the new one.
    p = ws.run("draft", "2010-11", "--rebuild")
    ok(p.returncode in (0, 1), "rebuild runs", p.stderr)
    baks = [f for f in os.listdir(ws.path("digests")) if f.startswith("2010-11.md.bak-")]
    eq(len(baks), 1, "the old draft is saved beside it")
    eq(open(ws.path("digests", baks[0]), encoding="utf-8").read(), broken, "byte for byte")
    fresh = open(draft, encoding="utf-8").read()
    ok("Late arrival" in fresh and fresh.endswith("\nLamia Ben.\n"), "and a fresh draft is written")
finally:
    ws.close()
sys.exit(done())
