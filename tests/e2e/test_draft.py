#!/usr/bin/env python3
"""End to end: `reads fetch` and `reads draft` against the demo site served on
127.0.0.1 — what reads requested, what it stored, and what it wrote, including
that re-runs keep the author's edits byte for byte."""
import re
import sqlite3
import subprocess
import sys

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
ws = Workspace(reads)
try:
    ws.demo_config()
    draft_path = ws.path("digests", "2010-11.md")

    # fetch, twice: nothing stored twice, and the second run is conditional.
    p = ws.run("fetch")
    eq(p.returncode, 0, "fetch succeeds")
    eq(p.stderr, "", "a successful fetch without a terminal prints nothing")
    db = sqlite3.connect(ws.path("reads.db"))
    count1 = db.execute("select count(*) from items").fetchone()[0]
    eq(count1, 8, "fetch stores the 6 feed items and the 2 bookmarks")
    before = len(ws.requests())
    p = ws.run("fetch")
    eq(p.returncode, 0, "a second fetch succeeds")
    count2 = db.execute("select count(*) from items").fetchone()[0]
    eq(count2, count1, "a second fetch stores nothing twice")
    second = [r for r in ws.requests()[before:] if r["path"].startswith("/feeds/")]
    eq(len(second), 2, "the second fetch asks for both feeds once")
    ok(all(r["if_none_match"] for r in second), "and sends the stored ETag", second)
    ok(all(r["status"] == 304 for r in second), "and gets only 304s", second)
    ok(all(r["user_agent"] and r["user_agent"].startswith("reads/") for r in second),
       "with an honest User-Agent", second)

    # Items that leave the feed stay in the archive.
    feed = ws.read("site", "feeds", "collaboration.xml")
    ws.write("site/feeds/collaboration.xml", re.sub(r"<item>.*?</item>", "", feed, count=1, flags=re.S))
    p = ws.run("fetch")
    eq(db.execute("select count(*) from items").fetchone()[0], count1, "items that left the feed stay")
    ws.write("site/feeds/collaboration.xml", feed)

    # draft: the month's entries in the shape of the example.
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "draft succeeds")
    eq(p.stderr, "", "a successful draft without a terminal prints nothing")
    text = open(draft_path, encoding="utf-8").read()
    ok(text.startswith('---\ntitle: "Enterprise 2.0 reads – November 2010"\nmonth: 2010-11\n'),
       "front matter with the title and month", text[:200])
    ok("\ndraft: true\n---\n" in text, "front matter says draft: true")
    ok("<!-- reads: intro" in text, "an intro placeholder")
    ok(text.endswith("\nLamia Ben.\n"), "the signature is the last line", text[-80:])
    heads = re.findall(r"^### \[(.+?)\]\((.+?)\)(?: by (.+?))?(?: on (.+?))?$", text, re.M)
    titles = [h[0] for h in heads]
    want = {"Why the activity stream will swallow the inbox": "Nadia Karim",
            "Communities are not org charts": "Paul Ortega",
            "Structure is what makes social work": "Elena Marsh",
            "A quiet shift in how IT buys software": "Elena Marsh",
            "Small teams, big platforms": "Omar Haddad",
            "Lurkers are your silent majority": "Fatima Zahra Alaoui"}
    eq(sorted(titles), sorted(want), "one entry per article of the month, titles without the site suffix")
    for h in heads:
        eq(h[2], want.get(h[0]), f"author of '{h[0]}'")
    ok(not any("Webinar" in t or "October" in t for t in titles),
       "the excluded item and last month's item are not entries")
    eq(titles[:2], ["Small teams, big platforms", "Lurkers are your silent majority"],
       "bookmarks come first")
    ok("> Companies aren’t communities, but they can host many of them, and the silent readers are often "
       "where the value of those communities is quietly realised.\n" in text,
       "the quote given in feeds.yaml is used verbatim")
    ok("> A set of independent teams is only as coherent as the standards they share. Without common ways to "
       "exchange data, money and decisions, autonomy quickly turns into fragmentation\n" in text,
       "the text fragment's passage is the quote")
    quotes = re.findall(r"^> (.+)$", text, re.M)
    boiler = ["Great post", "regulated industries", "Sign up", "Ten tools", "All rights reserved",
              "Related articles", "Share this"]
    ok(quotes and not any(b in q for q in quotes for b in boiler),
       "no quote comes from comments, sidebars, related lists or footers", quotes)
    eq(len(re.findall(r"^<!-- reads: entry ", text, re.M)), 6, "every entry carries its marker")

    # A re-run changes nothing.
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "a re-run succeeds")
    eq(open(draft_path, encoding="utf-8").read(), text, "a re-run leaves the draft byte-identical")

    # The author edits: the intro, a quote, and deletes an entry.
    edited = text.replace("<!-- reads: intro", "My own opening words, with “quotes” – and a dash.\n\n<!-- reads: intro", 1)
    m = re.search(r"^### \[Structure is what makes social work\].*?(?=^### |\Z)", edited, re.M | re.S)
    ok(m is not None, "the entry to delete is found")
    edited = edited[:m.start()] + edited[m.end():]
    edited = edited.replace("> Companies aren’t communities", "> I rewrote this: Companies aren’t communities", 1)
    with open(draft_path, "w", encoding="utf-8") as f:
        f.write(edited)
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "a re-run after edits succeeds")
    after = open(draft_path, encoding="utf-8").read()
    eq(after, edited, "her edits stay byte for byte and the deleted entry does not come back")

    # A new article arrives in a feed: it is added after the existing entries.
    ws.write("site/articles/new-one.html", ws.read("site", "articles", "it-buying.html")
             .replace("A quiet shift in how IT buys software", "Wikis that people actually read").replace("it-buying", "new-one"))
    feed = ws.read("site", "feeds", "collaboration.xml")
    item = ("<item><title>Wikis that people actually read</title><link>@BASE@/articles/new-one.html</link>"
            "<guid>tag:demo,2010:new-one</guid><pubDate>Tue, 30 Nov 2010 10:00:00 GMT</pubDate>"
            "<description>Short.</description></item>\n")
    ws.write("site/feeds/collaboration.xml", feed.replace("</channel>", item + "</channel>"))
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "a re-run with a new item succeeds")
    final = open(draft_path, encoding="utf-8").read()
    i = final.find("### [Wikis that people actually read]")
    ok(i > 0, "the new item is added", final[-600:])
    ok(final.startswith(edited[:edited.rfind("### [")]), "everything before the last entry is untouched")
    ok(i > final.rfind("<!-- reads: entry", 0, i - 1) and final.endswith("\nLamia Ben.\n"),
       "the new entry comes after the existing ones and the signature stays last")
    ok("Structure is what makes social work" not in final, "the deleted entry still does not come back")

    # The edited draft, exported for the blog.
    p = subprocess.run([reads, "export", draft_path], capture_output=True, text=True, timeout=30)
    eq(p.returncode, 0, "export of the edited draft succeeds")
    html = p.stdout
    ok("<h3><a href=" in html and "<blockquote>" in html, "entries become headings with links and blockquotes")
    ok("My own opening words, with “quotes” – and a dash." in html, "her intro is there, typography as typed")
    ok("reads:" not in html and "draft: true" not in html, "no reads comment and no front matter leak out")
    ok(html.count("<h3>") == final.count("\n### ["), "one heading per entry")

    # Without a month, draft takes the month that just ended (in the configured zone).
    p = ws.run("draft", env={"READS_NOW": "2010-12-01T08:00:00Z"})
    eq(p.returncode, 0, "draft without a month on December 1st succeeds")
    eq(open(draft_path, encoding="utf-8").read(), final, "and updates November's draft (nothing new: unchanged)")
finally:
    ws.close()
sys.exit(done())
