#!/usr/bin/env python3
"""End to end: a complete month, every time (issue 12). Against the demo
server on 127.0.0.1 with scripted faults (demo/serve.py: /_flaky/, /_nth/,
/_switch/, /_retry/, /_article/), checked in its request log and in what reads
wrote:

- one `draft` against feeds that each fail once (500, a truncated body, a reset
  mid-body, 429 with Retry-After 2, 503 with Retry-After 1) has every item,
  exits 0 and is silent; the log shows each retry, its spacing (1 s pause,
  Retry-After exactly) and never more tries than configured; a Retry-After of
  a day is not waited for, is reported with its time (exit 1), and the next
  run before then does not ask;
- `fetch` against a failing feed, then `draft` a minute later tries it again;
  once the server recovers the next `draft` is silent with exit 0, and her
  edits and deletions stand;
- undated bookmarks of every route (bare URL, text-fragment URL, url + quote,
  Netscape file without ADD_DATE, bookmark feed without dates) land in their
  page's month, a page without a date in the month first seen, a failing page
  is tried again (by `draft` whatever the back-off) and counted by `status`;
  each page is fetched once across the runs;
- links: a short link and a tracked URL are linked by the article's clean
  address, text fragments kept; her URL exactly when it has neither;
- a Netscape file of 2000 undated bookmarks costs each `fetch` at most 100
  page requests, never the same page twice;
- bookmark files are recorded relative to feeds.yaml's folder: the folder
  moves with its archive, and an older archive's absolute names are migrated.

Time moves between runs through READS_NOW; only in-run pauses are real."""
import calendar
import os
import re
import shutil
import sqlite3
import sys
import time

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]


def at(iso):
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))


def run(ws, *args, when):
    return ws.run_at(when, *args)


def sql(ws, query, *params):
    return ws.sql(query, *params)


def errors(stderr):
    return [line for line in stderr.splitlines() if line.startswith("reads: error: ")]


def rss(ws, rel, title, items):
    """An RSS feed whose items are (slug, day 'YYYY-MM-DD' of the article, pubDate or None)."""
    body = "".join(
        f"<item><title>{slug}</title><link>@BASE@/_article/{day}/{slug}.html</link>"
        f"<guid isPermaLink=\"false\">tag:test:{slug}</guid>"
        + (f"<pubDate>{pub}</pubDate>" if pub else "") + "</item>\n"
        for slug, day, pub in items)
    ws.write(rel, f"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>{title}</title>"
                  f"<link>@BASE@/</link>\n{body}</channel></rss>\n")


def headings(text):
    return re.findall(r"^### \[(.+?)\]\((.+?)\)", text, re.M)


def log_lines(reqs, t0):
    """The server's log as the report shows it: seconds since t0, path, status, fault."""
    return "\n".join(f"+{r['time'] - t0:6.2f} s  {r['status']}  {r['path']}" + (f"  ({r['fault']})" if r.get("fault") else "")
                     for r in reqs)


def test_retries_in_one_draft():
    ws = Workspace(reads)
    try:
        lh = ws.base.replace("127.0.0.1", "localhost")
        faults = {"f500": ("@BASE@", "500"), "ftrunc": ("@BASE@", "truncate"), "freset": ("@BASE@", "reset"),
                  "f503": ("@BASE@", "503ra1"), "f429": ("@LH@", "429ra2")}
        for name in faults:
            rss(ws, f"site/feeds/{name}.xml", name,
                [(f"{name}-{k}", f"2010-11-{10 + k:02d}", f"{10 + k:02d} Nov 2010 10:00:00 GMT") for k in (1, 2)])
        feeds = "".join(f"  - {base}/_flaky/1/{fault}/feeds/{name}.xml\n" for name, (base, fault) in faults.items())
        ws.write_config(("timezone: UTC\nmax_entries: 12\nfeeds:\n" + feeds).replace("@LH@", lh))
        t0 = time.time()
        p = run(ws, "draft", "2010-11", when=at("2010-12-01T08:00:00Z"))
        took = time.time() - t0
        reqs = ws.requests()
        print("# server log of the draft (each feed fails once):")
        print("\n".join("#   " + line for line in log_lines(reqs, t0).splitlines()))
        eq((p.returncode, p.stderr), (0, ""), "every feed failing once: the draft exits 0, silent")
        text = ws.read("digests", "2010-11.md")
        titles = sorted(t for t, _ in headings(text))
        eq(titles, sorted(f"{n} {k}".capitalize() for n in faults for k in (1, 2)),
           "every item of the month from all five feeds is an entry")
        tries = {}
        for r in reqs:
            m = re.match(r"/_flaky/1/[^/]+/feeds/(\w+)\.xml$", r["path"])
            if m:
                tries.setdefault(m.group(1), []).append(r)
        for name, (_, fault) in faults.items():
            got = tries.get(name, [])
            ok(len(got) == 2 and got[0]["status"] != 200 or got[0].get("fault"),
               f"{name}: the first try met the fault ({fault})", got)
            eq(len(got), 2, f"{name}: two tries (the fault, then the retry), no more")
        gap = {n: tries[n][1]["time"] - tries[n][0]["time"] for n in faults if len(tries.get(n, [])) == 2}
        for n in ("f500", "ftrunc", "freset"):
            ok(0.95 <= gap.get(n, 0) < 2.5, f"{n}: retried after the 1 s pause ({gap.get(n, 0):.2f} s)")
        ok(0.95 <= gap.get("f503", 0) < 1.9, f"f503: retried after exactly its Retry-After: 1 ({gap.get('f503', 0):.2f} s)")
        ok(1.95 <= gap.get("f429", 0) < 2.9, f"f429: retried after exactly its Retry-After: 2 ({gap.get('f429', 0):.2f} s)")
        ok(all(tries[n][1]["time"] < tries["f429"][1]["time"] for n in ("f500", "ftrunc", "freset")),
           "the other host's retries went on while localhost's Retry-After ran")
        pages = [r["path"] for r in reqs if r["path"].startswith("/_article/")]
        eq(sorted(pages), sorted(set(pages)), "each article page fetched once")
        ok(took < 15, f"the whole draft took {took:.1f} s")

        # Nothing already promised regresses: a re-run is conditional and changes nothing.
        n0 = len(ws.requests())
        p = run(ws, "draft", "2010-11", when=at("2010-12-01T09:00:00Z"))
        eq((p.returncode, p.stderr), (0, ""), "a re-run right after is silent, exit 0")
        eq(ws.read("digests", "2010-11.md"), text, "and leaves the draft byte-identical")
        again = [r for r in ws.requests()[n0:] if "/feeds/" in r["path"]]
        ok(len(again) == 5 and all(r["status"] == 304 and r["if_none_match"] for r in again),
           "it asks each feed once, conditionally, and gets 304s", again)
        ok(not [r for r in ws.requests()[n0:] if r["path"].startswith("/_article/")],
           "and takes the pages from the archive")

        # A feed that keeps failing: exactly 1 + retries tries, pauses of 1 s then 4 s.
        rss(ws, "site/feeds/down.xml", "down", [("down-1", "2010-11-20", "20 Nov 2010 10:00:00 GMT")])
        ws.write_config(f"timezone: UTC\nfeeds:\n  - @BASE@/_flaky/99/500/feeds/down.xml\n")
        n0 = len(ws.requests())
        t0 = time.time()
        p = run(ws, "draft", "2010-11", when=at("2010-12-01T10:00:00Z"))
        reqs = [r for r in ws.requests()[n0:] if r["path"].endswith("/down.xml")]
        print("# server log of a feed that keeps failing (retries: 2):")
        print("\n".join("#   " + line for line in log_lines(reqs, t0).splitlines()))
        eq(p.returncode, 1, "a feed that keeps failing: exit 1")
        eq(errors(p.stderr), [f"reads: error: {ws.base}/_flaky/99/500/feeds/down.xml: HTTP 500 after 3 tries"],
           "named on stderr with its error and its tries")
        t = [r["time"] for r in reqs]
        eq(len(t), 3, "never more tries than configured (1 + retries: 2)")
        if len(t) == 3:
            ok(0.95 <= t[1] - t[0] < 2.0 and 3.95 <= t[2] - t[1] < 5.5,
               f"the pauses grow: {t[1] - t[0]:.2f} s, then {t[2] - t[1]:.2f} s (1 s, then 4 s)")
        ok("Down 1" not in ws.read("digests", "2010-11.md"), "(its item is indeed missing)")

        # A Retry-After of a day is not waited for, is reported with its time,
        # and the next run before that time does not ask.
        day = 86400
        T = at("2010-12-02T08:00:00Z")
        rss(ws, "site/feeds/slow.xml", "slow", [("slow-1", "2010-11-21", "21 Nov 2010 10:00:00 GMT")])
        os.makedirs(ws.path("site", "_switch"))
        ws.write("site/_switch/slow", "on")
        ws.write_config(f"timezone: UTC\nfeeds:\n  - {lh}/_switch/slow/429ra{day}/feeds/slow.xml\n"
                        "  - @BASE@/_flaky/1/500/feeds/f500.xml\n")
        n0 = len(ws.requests())
        t0 = time.time()
        p = run(ws, "draft", "2010-11", when=T)
        took = time.time() - t0
        slow = f"{lh}/_switch/slow/429ra{day}/feeds/slow.xml"
        eq(p.returncode, 1, "Retry-After of a day: exit 1")
        eq(errors(p.stderr), [f"reads: error: {slow}: HTTP 429; the server asks to wait until 2010-12-03T08:00:00Z"],
           "reported with the time it asks to wait until")
        eq(len([r for r in ws.requests()[n0:] if "slow.xml" in r["path"]]), 1, "asked once: not waited for")
        ok(took < 10, f"the run did not wait ({took:.1f} s)")
        n0 = len(ws.requests())
        p = run(ws, "draft", "2010-11", when=T + 3600)
        eq([r["path"] for r in ws.requests()[n0:] if "localhost" in (r.get("host") or "")], [],
           "a draft an hour later does not ask that host")
        eq(p.returncode, 1, "and still exits 1")
        ok(len(errors(p.stderr)) == 1 and slow in p.stderr and "2010-12-03T08:00:00Z" in p.stderr,
           "naming the source still missing and the time", p.stderr)
        n0 = len(ws.requests())
        p = run(ws, "fetch", when=T + 2 * 3600)
        eq([r["path"] for r in ws.requests()[n0:] if "slow.xml" in r["path"]], [], "nor does a fetch")
        os.remove(ws.path("site", "_switch", "slow"))  # a day later, the server answers
        n0 = len(ws.requests())
        p = run(ws, "draft", "2010-11", when=T + day + 60)
        eq((p.returncode, p.stderr), (0, ""), "after the time, the draft asks again and is complete")
        ok("Slow 1" in ws.read("digests", "2010-11.md"), "with the feed's item")
    finally:
        ws.close()


def test_fetch_then_draft():
    """fetch meets a failing feed; a draft a minute later tries it again."""
    ws = Workspace(reads)
    try:
        rss(ws, "site/feeds/ok.xml", "ok", [("ok-1", "2010-11-03", "03 Nov 2010 10:00:00 GMT"),
                                             ("ok-2", "2010-11-04", "04 Nov 2010 10:00:00 GMT")])
        rss(ws, "site/feeds/sw.xml", "sw", [("sw-1", "2010-11-05", "05 Nov 2010 10:00:00 GMT"),
                                             ("sw-2", "2010-11-06", "06 Nov 2010 10:00:00 GMT")])
        os.makedirs(ws.path("site", "_switch"))
        ws.write("site/_switch/down", "on")
        sw = f"{ws.base}/_switch/down/500/feeds/sw.xml"
        ws.write_config("timezone: UTC\nfetch: {retry_pause: 0.1}\nfeeds:\n  - @BASE@/feeds/ok.xml\n"
                        "  - @BASE@/_switch/down/500/feeds/sw.xml\n")
        T = at("2010-11-30T23:00:00Z")
        n0 = len(ws.requests())
        p = run(ws, "fetch", when=T)
        eq((p.returncode, p.stderr), (0, ""), "fetch: a first failed run is only a warning (cron stays quiet)")
        eq(len([r for r in ws.requests()[n0:] if "sw.xml" in r["path"]]), 3, "after 3 tries")
        eq(sql(ws, "select failures, next_fetch from feeds where url = ?", sw), [(1, T + 3600)],
           "fetch's own back-off: an hour")
        n0 = len(ws.requests())
        run(ws, "fetch", when=T + 30)
        eq([r for r in ws.requests()[n0:] if "sw.xml" in r["path"]], [], "a fetch within the hour leaves it alone")
        n0 = len(ws.requests())
        p = run(ws, "draft", "2010-11", when=T + 60)
        ok(any("sw.xml" in r["path"] for r in ws.requests()[n0:]),
           "a draft a minute later asks it again, whatever fetch's back-off")
        eq(p.returncode, 1, "still failing: the draft exits 1")
        eq(errors(p.stderr), [f"reads: error: {sw}: HTTP 500 after 3 tries (failed 2 runs in a row)"],
           "and names the source still missing")
        draft = ws.read("digests", "2010-11.md")
        ok("Ok 1" in draft and "Sw 1" not in draft, "the draft has what it could get")
        # She edits the draft meanwhile: a new intro, and she deletes an entry.
        edited = draft.replace("<!-- reads: intro", "My intro.\n\n<!-- reads: intro", 1)
        m = re.search(r"^### \[Ok 2\].*?(?=^### |\Z)", edited, re.M | re.S)
        edited = edited[:m.start()] + edited[m.end():]
        ws.write("digests/2010-11.md", edited)

        os.remove(ws.path("site", "_switch", "down"))  # the server recovers
        p = run(ws, "draft", "2010-11", when=T + 120)
        eq((p.returncode, p.stderr), (0, ""), "after the recovery, the next draft is silent, exit 0")
        eq(sql(ws, "select failures, last_error, next_fetch from feeds where url = ?", sw), [(0, None, None)],
           "the success cleared the feed's error state")
        after = ws.read("digests", "2010-11.md")
        ok("### [Sw 1]" in after and "### [Sw 2]" in after, "the recovered feed's items are added")
        ok(after.startswith(edited[:edited.rfind("<!-- reads: candidates") if "<!-- reads: candidates" in edited
                                   else edited.rfind("\n\nLamia")][:200]) and "My intro." in after,
           "her intro stands")
        ok("Ok 2" not in after, "the entry she deleted does not come back")
        p = run(ws, "draft", "2010-11", when=T + 180)
        eq((p.returncode, p.stderr), (0, ""), "and the next one too")
        p = run(ws, "fetch", when=T + 240)
        eq((p.returncode, p.stderr), (0, ""), "as is the next fetch")
    finally:
        ws.close()


NETSCAPE = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p>
{}</DL><p>
"""


def test_undated_bookmarks():
    ws = Workspace(reads)
    try:
        ws.write("bookmarks.html", NETSCAPE.format(
            '<DT><A HREF="@BASE@/_article/2010-10-08/netscape.html">No ADD_DATE</A>\n'
            '<DT><A HREF="@BASE@/_article/2010-10-09/dated.html" ADD_DATE="1288000000">Added on Oct 25</A>\n'
        ).replace("@BASE@", ws.base))
        ws.write("site/marks.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>marks</title>"
                 "<link>@BASE@/</link><item><title>From the service</title>"
                 "<link>@BASE@/_article/2010-10-10/service.html</link></item></channel></rss>\n")
        os.makedirs(ws.path("site", "_switch"))
        ws.write("site/_switch/page", "on")
        ws.write_config("""timezone: UTC
fetch: {retry_pause: 0.05}
bookmarks:
  - @BASE@/_article/2010-10-05/bare.html
  - "@BASE@/_article/2010-10-06/fragment.html#:~:text=Enterprise%20social%20networks"
  - url: @BASE@/_article/2010-10-07/quoted.html
    quote: "Her own words about it."
  - file: bookmarks.html
  - feed: @BASE@/marks.rss
  - @BASE@/_article/undated/no-date.html
  - @BASE@/_switch/page/500/_article/2010-10-11/failing.html
  - @BASE@/_redirect/301/_article/2010-10-12/behind-a-short-link.html
  - "@BASE@/_article/2010-10-13/tracked.html?utm_source=twitter&utm_medium=social&id=7#:~:text=managers%20learn"
""")
        T = at("2010-12-05T08:00:00Z")
        p = run(ws, "fetch", when=T)
        eq(p.returncode, 0, "fetch: exit 0 (a failing page is a warning for cron)")
        eq(p.stderr, "", "and silent without -v")
        month = dict(sql(ws, "select url, strftime('%Y-%m', coalesce(added, published, first_seen), 'unixepoch') "
                             "from items"))
        want = {"bare": "2010-10", "fragment": "2010-10", "quoted": "2010-10", "netscape": "2010-10",
                "dated": "2010-10", "service": "2010-10", "no-date": "2010-12", "failing": "2010-12",
                "behind-a-short-link": "2010-10", "tracked": "2010-10"}
        for slug, m in want.items():
            got = [v for k, v in month.items() if f"/{slug}.html" in k]
            eq(got, [m], f"{slug}: in {m}" + (" (its page's date)" if m == "2010-10" and slug != "dated" else ""))
        st = run(ws, "status", when=T).stdout
        ok("\nno date\t1\t" in st and "\npage failing\t1\t2010-12-05T09:00:00Z\t" in st,
           "status: one without a page date, one failing (next try in an hour)", st)
        ok(re.search(r"^\S*failing\.html\t2010-12-05T09:00:00Z\tHTTP 500 after 3 tries$", st, re.M),
           "status lists the failing one with its error", st)

        n0 = len(ws.requests())
        p = run(ws, "fetch", when=T + 600)
        eq([r["path"] for r in ws.requests()[n0:] if "_article" in r["path"]], [],
           "the next fetch asks no page again (the failing one backs off)")
        n0 = len(ws.requests())
        p = run(ws, "draft", "2010-10", when=T + 1200)
        eq(p.returncode, 1, "the October draft while a page fails: exit 1")
        ok(len(errors(p.stderr)) == 1 and "failing.html: its month is not known" in p.stderr,
           "naming the bookmark whose month is not known", p.stderr)
        ok(any("failing.html" in r["path"] for r in ws.requests()[n0:]), "it was tried again by the draft")
        text = ws.read("digests", "2010-10.md")
        heads = dict((re.sub(r"\W", "", t).lower(), u) for t, u in headings(text))
        for slug in ("bare", "fragment", "quoted", "netscape", "dated", "service", "behindashortlink", "tracked"):
            ok(slug in heads, f"October's draft has {slug}", sorted(heads))
        ok("nodate" not in heads and "failing" not in heads, "and not the others")

        # Links: the article's own address, clean; her URL exactly otherwise.
        eq(heads.get("behindashortlink"), f"{ws.base}/_article/2010-10-12/behind-a-short-link.html",
           "a short link is linked by the article it leads to")
        eq(heads.get("tracked"), f"{ws.base}/_article/2010-10-13/tracked.html?id=7#:~:text=managers%20learn",
           "tracking parameters are dropped, her text fragment kept")
        eq(heads.get("fragment"), f"{ws.base}/_article/2010-10-06/fragment.html#:~:text=Enterprise%20social%20networks",
           "her URL with a fragment and nothing to clean is kept exactly")
        eq(heads.get("bare"), f"{ws.base}/_article/2010-10-05/bare.html", "a plain URL as she gave it")

        os.remove(ws.path("site", "_switch", "page"))  # the page comes back
        p = run(ws, "draft", "2010-10", when=T + 1800)
        eq((p.returncode, p.stderr), (0, ""), "once the page works, the October draft is silent, exit 0")
        ok("### [Failing]" in ws.read("digests", "2010-10.md"), "and has the bookmark, dated by its page")
        p = run(ws, "draft", "2010-12", when=at("2011-01-01T08:00:00Z"))
        eq(p.returncode, 0, "December's draft")
        dec = ws.read("digests", "2010-12.md")
        eq([t for t, _ in headings(dec)], ["No date"], "holds only the bookmark whose page has no date")
        p = run(ws, "draft", "2010-11", when=at("2011-01-01T08:00:00Z"))
        eq(headings(ws.read("digests", "2010-11.md")), [], "November's holds none of them")

        pages = [r["path"] for r in ws.requests() if "_article" in r["path"] and "failing" not in r["path"]
                 and "_redirect" not in r["path"]]
        eq(sorted(pages), sorted(set(pages)), "across all these runs, each page was fetched once")
        st = run(ws, "status", when=at("2011-01-01T08:00:00Z")).stdout
        ok("\npage failing\t0\t" in st and "\nwaiting\t0\t" in st, "status: nothing waits or fails any more", st)

        # A dead link is tried on later runs, then given up on (it stays in
        # the month first seen) so it does not cost every run a request.
        cfg = open(ws.config, encoding="utf-8").read()
        ws.write_config(cfg.replace(ws.base, "@BASE@") + "  - @BASE@/_status/404/_article/2010-12-20/dead.html\n")
        t = at("2011-01-02T06:00:00Z")
        asked = []
        for k in range(10):
            n0 = len(ws.requests())
            p = run(ws, "fetch", when=t + k * 86400)
            asked.append(len([r for r in ws.requests()[n0:] if "dead.html" in r["path"]]))
            if p.returncode != 0 or p.stderr:
                ok(False, f"daily fetch {k + 1} with a dead link: silent, exit 0", p.stderr)
        eq(asked, [1] * 8 + [0, 0], "a dead link: asked once a day for 8 runs (404 is not retried within a run), "
                                    "then left alone")
        st = run(ws, "status", when=t + 10 * 86400).stdout
        ok("\npage given up\t1\t" in st and "\npage failing\t0\t" in st, "status counts it as given up", st)
        p = run(ws, "draft", "2011-01", when=at("2011-02-01T08:00:00Z"))
        ok(p.returncode == 1 and "dead.html: HTTP 404" in p.stderr and "month is not known" not in p.stderr,
           "a draft of its first-seen month lists it (from its bookmark) and reports its page, not its month",
           p.stderr)
    finally:
        ws.close()


def test_many_undated():
    """A browser export of 2000 bookmarks without ADD_DATE: each fetch looks
    at 100 pages at most, and never at one it has seen."""
    ws = Workspace(reads)
    try:
        marks = "".join(f'<DT><A HREF="@BASE@/_article/undated/n{i}.html">n{i}</A>\n' for i in range(2000))
        ws.write("export.html", NETSCAPE.format(marks).replace("@BASE@", ws.base))
        ws.write_config("timezone: UTC\nbookmarks:\n  - file: export.html\n")
        T = at("2010-12-05T08:00:00Z")
        seen = set()
        for k in range(3):
            n0 = len(ws.requests())
            t0 = time.time()
            p = run(ws, "fetch", when=T + k * 86400)
            took = time.time() - t0
            got = [r["path"] for r in ws.requests()[n0:]]
            eq((p.returncode, p.stderr), (0, ""), f"fetch {k + 1}: silent, exit 0 ({took:.1f} s)")
            eq(len(got), 100, f"fetch {k + 1}: 100 pages looked at (LIMIT_DATING_PAGES_PER_FETCH)")
            ok(not (set(got) & seen) and len(set(got)) == len(got), f"fetch {k + 1}: none seen before")
            seen |= set(got)
        st = run(ws, "status", when=T + 3 * 86400).stdout
        ok("\nwaiting\t1700\t" in st and "\nno date\t300\t" in st, "status: 1700 waiting, 300 without a date", st)
    finally:
        ws.close()


def test_page_day_in_every_zone():
    """A page's date is a day: a bookmark of a page of January 31 is
    January's wherever she lives, UTC+14 and UTC-12 included (kept as noon
    UTC, that day was already February 1 in New Zealand)."""
    for zone in ("Pacific/Auckland", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns"):
        ws = Workspace(reads)
        try:
            ws.write_config(f"timezone: {zone}\nbookmarks:\n  - @BASE@/_article/2011-01-31/last-day.html\n"
                            "  - @BASE@/_article/2011-02-01/first-day.html\n")
            p = run(ws, "draft", "2011-01", when=at("2011-02-05T08:00:00Z"))
            text = ws.read("digests", "2011-01.md")
            ok(p.returncode == 0 and "last-day.html" in text and "first-day.html" not in text,
               f"{zone}: the page of January 31 is January's, the page of February 1 is not", p.stderr + text)
        finally:
            ws.close()


def test_dates_that_cannot_be():
    """A CMS's zero date (1970), an empty one and a wrong year (2031): the item
    counts as undated and is in the month it was first seen (a bookmark: its
    page's), not in a month never drafted."""
    ws = Workspace(reads)
    try:
        rss(ws, "site/feeds/odd.xml", "Odd", [
            ("epoch", "2011-01-12", "Thu, 01 Jan 1970 00:00:00 +0000"),
            ("wrong-year", "2011-01-13", "Mon, 13 Jan 2031 10:00:00 GMT"),
            ("normal", "2011-01-15", "Sat, 15 Jan 2011 10:00:00 GMT")])
        rss(ws, "site/feeds/marks.xml", "Marks", [("marked-epoch", "2011-01-10", "Thu, 01 Jan 1970 00:00:00 GMT")])
        marks = ('<DT><A HREF="@BASE@/_article/2011-01-09/zero-add-date.html" ADD_DATE="0">z</A>\n'
                 '<DT><A HREF="@BASE@/_article/undated/future-add-date.html" ADD_DATE="1926064800">f</A>\n')
        ws.write("export.html", NETSCAPE.format(marks).replace("@BASE@", ws.base))
        ws.write_config("timezone: UTC\nfeeds:\n  - @BASE@/feeds/odd.xml\nbookmarks:\n  - file: export.html\n"
                        "  - feed: @BASE@/feeds/marks.xml\n")
        p = run(ws, "-v", "fetch", when=at("2011-01-21T08:00:00Z"))
        said = re.findall(r"/([\w-]+)\.html is dated", p.stderr)
        ok(p.returncode == 0 and sorted(said) == ["epoch", "future-add-date", "marked-epoch", "wrong-year"],
           "fetch -v says which dates were not taken", p.stderr)
        p = run(ws, "-v", "fetch", when=at("2011-01-22T08:00:00Z"))
        ok(p.returncode == 0 and "is dated" not in p.stderr, "once: not again for items already stored", p.stderr)
        p = run(ws, "fetch", when=at("2011-01-23T08:00:00Z"))
        eq((p.returncode, p.stderr), (0, ""), "fetch: silent, exit 0")
        p = run(ws, "draft", "2011-01", when=at("2011-02-01T08:00:00Z"))
        text = ws.read("digests", "2011-01.md")
        for slug in ("epoch", "wrong-year", "normal", "marked-epoch", "zero-add-date", "future-add-date"):
            ok(f"/{slug}.html" in text, f"{slug}: in January's draft", text)
    finally:
        ws.close()


def test_folder_moves():
    ws = Workspace(reads)
    moved = None
    try:
        ws.write("bookmarks.html", NETSCAPE.format(
            '<DT><A HREF="@BASE@/_article/2010-11-08/kept.html" ADD_DATE="1289300000">Kept</A>\n'
        ).replace("@BASE@", ws.base))
        ws.write_config("timezone: UTC\nbookmarks:\n  - file: bookmarks.html\n")
        T = at("2010-12-01T08:00:00Z")
        p = run(ws, "draft", "2010-11", when=T)
        eq(p.returncode, 0, "a draft from a bookmark file")
        eq(sql(ws, "select source from items"), [("bookmarks.html",)],
           "the file is recorded relative to feeds.yaml's folder")
        # An archive of an older reads named it by its absolute path: migrated on open.
        sql(ws, "update items set source = ?", ws.path("bookmarks.html"))
        p = run(ws, "status", when=T)
        eq(sql(ws, "select source from items"), [("bookmarks.html",)], "an absolute name is made relative on open")
        text = ws.read("digests", "2010-11.md")
        moved = ws.dir + "-moved"
        shutil.copytree(ws.dir, moved)
        ws.config = os.path.join(moved, "feeds.yaml")
        p = ws.run("draft", "2010-11", env={"READS_NOW": str(T + 60)})
        eq((p.returncode, p.stderr), (0, ""), "the folder moved elsewhere: the draft runs silently")
        db = sqlite3.connect(os.path.join(moved, "reads.db"))
        eq(db.execute("select count(*), min(source) from items").fetchall(), [(1, "bookmarks.html")],
           "nothing stored twice, the source unchanged")
        db.close()
        with open(os.path.join(moved, "digests", "2010-11.md"), encoding="utf-8") as f:
            eq(f.read(), text, "and the draft is as it was")
    finally:
        ws.close()
        if moved:
            shutil.rmtree(moved, ignore_errors=True)


for t in (test_retries_in_one_draft, test_fetch_then_draft, test_undated_bookmarks, test_many_undated,
          test_page_day_in_every_zone, test_dates_that_cannot_be, test_folder_moves):
    t()
sys.exit(done())
