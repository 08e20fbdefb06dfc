#!/usr/bin/env python3
"""End to end: how politely `reads fetch` polls, checked in the demo server's
request log and in the archive — Retry-After on 429 and 503 (seconds and HTTP
date, stored per host, capped at 2 days), 410 gone, 301/308 moves, back-off
and cron-quiet reporting of repeated failures, feed autodiscovery from a site
page, and conditional requests that end in 304s and no parsing.

Time moves forward between runs through READS_NOW (epoch seconds), never by
sleeping. Two host names reach the one server on 127.0.0.1: "127.0.0.1" and
"localhost", so a host that asked us to wait can be told from another one."""
import os
import sys

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
T0 = 1700000000          # 2023-11-14T22:13:20Z
HOUR = 3600
DAY = 24 * HOUR
CAP = 2 * DAY            # LIMIT_RETRY_AFTER_S
MTIME = "Mon, 01 Nov 2010 00:00:00 GMT"  # the demo server's Last-Modified


def run(ws, *args, at):
    return ws.run_at(at, *args)


def sql(ws, query, *params):
    return ws.sql(query, *params)


def one(ws, query, *params):
    rows = sql(ws, query, *params)
    return rows[0][0] if rows else None


def write_feed(ws, rel, slug, n=2):
    """An RSS feed of n items of its own (links no other feed has), dated in T0's month."""
    items = "".join(
        f"<item><title>{slug} {i}</title><link>@BASE@/articles/{slug}-{i}.html</link>"
        f"<guid isPermaLink=\"false\">tag:test,2023:{slug}-{i}</guid>"
        f"<pubDate>Fri, 10 Nov 2023 1{i}:00:00 GMT</pubDate><description>Item {i}.</description></item>\n"
        for i in range(1, n + 1))
    ws.write(rel, f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
                  f"<title>{slug}</title><link>@BASE@/</link>\n{items}</channel></rss>\n")


class Log:
    """The server's requests since the last mark."""

    def __init__(self, ws):
        self.ws = ws
        self.start = len(ws.requests())

    def mark(self):
        self.start = len(self.ws.requests())

    def new(self):
        return self.ws.requests()[self.start:]

    def paths(self):
        return [r["path"] for r in self.new()]


def host_of(r):
    return (r.get("host") or "").rsplit(":", 1)[0]


def error_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("reads: error: ")]


def workspace(extra_feeds, fetch="{connections: 8, per_host: 2, timeout: 30}"):
    ws = Workspace(reads)
    ws.lh = ws.base.replace("127.0.0.1", "localhost")
    ws.demo_config(extra_feeds=[u.replace("@LH@", ws.lh) for u in extra_feeds], fetch=fetch)
    return ws


DEMO = {"/feeds/collaboration.xml", "/feeds/strategy.atom"}


def test_retry_after_seconds():
    """429 with Retry-After: 120 on localhost, beside a healthy feed of the same host."""
    ws = workspace(["@LH@/_retry/429/120/feeds/throttled.xml", "@LH@/feeds/other.xml"])
    try:
        write_feed(ws, "site/feeds/other.xml", "other")
        throttled = ws.lh + "/_retry/429/120/feeds/throttled.xml"
        log = Log(ws)
        p = run(ws, "-v", "fetch", at=T0)
        eq(p.returncode, 0, "429: a first transient failure does not fail `fetch` (exit 0)")
        ok(any(line.startswith(f"reads: warning: {throttled}: HTTP 429") for line in p.stderr.splitlines()),
           "429: with -v the failure is reported as a warning naming the feed", p.stderr)
        eq(error_lines(p.stderr), [], "429: and not as an error before 3 failures in a row")
        eq(one(ws, "select not_before from hosts where host = 'localhost'"), T0 + 120,
           "429: the host's not-before is stored: now + Retry-After seconds")
        eq(one(ws, "select count(*) from hosts where host = '127.0.0.1'"), 0,
           "429: only the host that asked to wait is throttled")

        log.mark()
        p = run(ws, "fetch", at=T0 + 60)
        eq((p.returncode, p.stderr), (0, ""), "429: a run while the host is throttled is quiet and exits 0")
        eq([r for r in log.new() if host_of(r) == "localhost"], [],
           "429: before not-before, no request at all goes to that host (not even its healthy feed)")
        eq(set(log.paths()), DEMO, "429: while the other host's feeds are fetched")

        log.mark()
        p = run(ws, "fetch", at=T0 + 300)
        ok(("/feeds/other.xml", "localhost") in [(r["path"], host_of(r)) for r in log.new()],
           "429: after not-before, the host is asked again", log.new())
        ok("/_retry/429/120/feeds/throttled.xml" in log.paths(),
           "429: and so is the throttled feed: no back-off longer than the server asked", log.paths())
        eq(p.returncode, 0, "429: a second failure in a row is still only a warning for `fetch`")
        eq(one(ws, "select next_fetch from feeds where url = ?", throttled), T0 + 300 + 120,
           "429: its next fetch is the server's time again, not an hour of our own")
    finally:
        ws.close()


def test_retry_after_date():
    """503 with Retry-After as an HTTP date two hours ahead, seen by `draft`."""
    until = T0 + 2 * HOUR
    ws = workspace([f"@LH@/_retry_date/503/{until}/feeds/throttled.xml", "@LH@/feeds/other.xml"])
    try:
        write_feed(ws, "site/feeds/other.xml", "other")
        throttled = f"{ws.lh}/_retry_date/503/{until}/feeds/throttled.xml"
        log = Log(ws)
        p = run(ws, "draft", "2010-11", at=T0)
        eq(p.returncode, 1, "503: `draft` reports every failure: exit 1")
        eq(error_lines(p.stderr), [f"reads: error: {throttled}: HTTP 503; the server asks to wait until "
                                   "2023-11-15T00:13:20Z"],
           "503: one error line naming the feed, the status and the time it was asked to wait until")
        eq(one(ws, "select not_before from hosts where host = 'localhost'"), until,
           "503: the host's not-before is the Retry-After date")

        log.mark()
        p = run(ws, "fetch", at=T0 + HOUR + 60)
        eq([r for r in log.new() if host_of(r) == "localhost"], [],
           "503: after the feed's own back-off but before the date, the host is still left alone")
        eq(set(log.paths()), DEMO, "503: while the other host's feeds are fetched")
        eq((p.returncode, p.stderr), (0, ""), "503: that run is quiet")
        st = run(ws, "status", at=T0 + HOUR + 60).stdout
        line = [x for x in st.splitlines() if x.startswith(ws.lh + "/feeds/other.xml\t")]
        ok(line and line[0].split("\t")[3] == "2023-11-15T00:13:20Z",
           "503: `reads status` shows the host's not-before as the next fetch of its other feed", st)

        log.mark()
        run(ws, "fetch", at=until + 60)
        got = {r["path"] for r in log.new() if host_of(r) == "localhost"}
        eq(got, {f"/_retry_date/503/{until}/feeds/throttled.xml", "/feeds/other.xml"},
           "503: after the date, both feeds of the host are requested again")
    finally:
        ws.close()


def test_retry_after_cap():
    """Retry-After far in the future (seconds on one host, a date on the other) is capped at 2 days."""
    ws = Workspace(reads)
    try:
        lh = ws.base.replace("127.0.0.1", "localhost")
        ws.write_config("feeds:\n  - @BASE@/_retry/429/999999/feeds/a.xml\n"
                        f"  - {lh}/_retry_date/503/{T0 + 30 * DAY}/feeds/b.xml\n")
        log = Log(ws)
        p = run(ws, "fetch", at=T0)
        eq(p.returncode, 0, "cap: transient failures only: exit 0")
        eq(sorted(sql(ws, "select host, not_before from hosts")),
           [("127.0.0.1", T0 + CAP), ("localhost", T0 + CAP)],
           "cap: Retry-After of 11 days (seconds) and 30 days (date) are both stored as 2 days")
        log.mark()
        run(ws, "fetch", at=T0 + CAP - 60)
        eq(log.paths(), [], "cap: just before the cap, nothing is requested")
        log.mark()
        run(ws, "fetch", at=T0 + CAP + 60)
        ok(len(log.new()) == 2, "cap: just after it, both feeds are requested again", log.new())
    finally:
        ws.close()


def test_gone():
    ws = workspace(["@BASE@/_status/410/feeds/gone.xml"])
    try:
        gone = ws.base + "/_status/410/feeds/gone.xml"
        log = Log(ws)
        p = run(ws, "fetch", at=T0)
        eq(p.returncode, 1, "410: the run that meets it exits 1")
        errs = error_lines(p.stderr)
        ok(len(errs) == 1 and errs[0].startswith(f"reads: error: {gone}: ") and "410" in errs[0],
           "410: reported once, naming the feed", p.stderr)
        eq(one(ws, "select gone from feeds where url = ?", gone), 1, "410: the feed is marked gone")
        ok("gone (HTTP 410)" in run(ws, "status", at=T0).stdout, "410: `reads status` says gone")
        for k, at in enumerate((T0 + 3 * DAY, T0 + 30 * DAY)):
            log.mark()
            p = run(ws, "fetch", at=at)
            eq((p.returncode, p.stderr), (0, ""), f"410: later run {k + 1} is quiet and exits 0")
            ok("/_status/410/feeds/gone.xml" not in log.paths() and set(log.paths()) == DEMO,
               f"410: later run {k + 1} does not request the gone feed, only the others", log.paths())
    finally:
        ws.close()


def test_moved():
    ws = workspace(["@BASE@/_redirect/301/feeds/moved-a.xml", "@BASE@/_redirect/308/feeds/moved-b.xml",
                    "@BASE@/_redirect/302/feeds/moved-c.xml"])
    try:
        for slug in ("moved-a", "moved-b", "moved-c"):
            write_feed(ws, f"site/feeds/{slug}.xml", slug)
        log = Log(ws)
        p = run(ws, "-v", "fetch", at=T0)
        eq(p.returncode, 0, "moved: the run succeeds")
        eq(error_lines(p.stderr), [], "moved: no errors")
        status = run(ws, "status", at=T0).stdout
        for code, slug in (("301", "moved-a"), ("308", "moved-b")):
            key = f"{ws.base}/_redirect/{code}/feeds/{slug}.xml"
            new = f"{ws.base}/feeds/{slug}.xml"
            eq(one(ws, "select count(*) from items where source = ?", key), 2,
               f"{code}: the items of the new URL are stored under the feed")
            ok(f"reads: warning: {key}: moved permanently to {new}; please update feeds.yaml"
               in p.stderr.splitlines(), f"{code}: -v tells to update feeds.yaml, naming both URLs", p.stderr)
            line = [x for x in status.splitlines() if x.startswith(key + "\t")]
            ok(line and line[0].endswith("moved to " + new), f"{code}: `reads status` shows 'moved to'", status)
        key_c = ws.base + "/_redirect/302/feeds/moved-c.xml"
        eq(one(ws, "select count(*) from items where source = ?", key_c), 2, "302: its items are stored")
        ok("moved-c" not in "".join(l for l in p.stderr.splitlines() if "moved permanently" in l),
           "302: a temporary redirect is not a move", p.stderr)

        log.mark()
        p = run(ws, "fetch", at=T0 + 60)
        eq((p.returncode, p.stderr), (0, ""), "moved: the next run is quiet")
        paths = log.paths()
        ok("/_redirect/301/feeds/moved-a.xml" not in paths and "/_redirect/308/feeds/moved-b.xml" not in paths,
           "301/308: the next run does not ask the old URL", paths)
        for slug in ("moved-a", "moved-b"):
            r = [x for x in log.new() if x["path"] == f"/feeds/{slug}.xml"]
            ok(len(r) == 1 and r[0]["status"] == 304 and r[0]["if_none_match"],
               f"{slug}: the next run asks the new URL directly, conditionally (304)", r)
        ok("/_redirect/302/feeds/moved-c.xml" in paths, "302: the next run still asks the configured URL", paths)
    finally:
        ws.close()


def test_repeated_failures():
    """A feed that fails 3 runs (HTTP 500), then recovers: our own back-off
    between `fetch` runs (retries within a run are off here; test_month.py
    has them)."""
    path = "/_flaky/3/500/feeds/flaky.xml"
    ws = workspace(["@BASE@" + path], fetch="{connections: 8, per_host: 2, timeout: 30, retries: 0}")
    try:
        write_feed(ws, "site/feeds/flaky.xml", "flaky")
        key = ws.base + path
        log = Log(ws)
        schedule = [  # (when, requested?, exit status, what stderr must be)
            (T0, True, 0, "quiet"),
            (T0 + 10 * 60, False, 0, "quiet"),               # backing off 1 h
            (T0 + 2 * HOUR, True, 0, "quiet"),                # second failure
            (T0 + 3 * HOUR, False, 0, "quiet"),               # backing off 2 h
            (T0 + 5 * HOUR, True, 1, "broken"),               # third failure: reported
            (T0 + 8 * HOUR, False, 0, "quiet"),               # backing off 4 h
            (T0 + 10 * HOUR, True, 0, "quiet"),               # recovered
            (T0 + 10 * HOUR + 60, True, 0, "quiet"),          # no back-off after a success
        ]
        for k, (at, asked, code, err) in enumerate(schedule):
            h = (at - T0) / HOUR
            log.mark()
            p = run(ws, "fetch", at=at)
            eq(p.returncode, code, f"failures: run at +{h:.2f} h exits {code}")
            if err == "quiet":
                eq(p.stderr, "", f"failures: run at +{h:.2f} h prints nothing (cron stays silent)")
            else:
                errs = error_lines(p.stderr)
                ok(len(errs) == 1 and errs[0].startswith(f"reads: error: {key}: HTTP 500")
                   and "3 runs in a row" in errs[0] and len(p.stderr.splitlines()) == 1,
                   f"failures: run at +{h:.2f} h reports the feed as broken, once, after 3 failed runs",
                   p.stderr)
            eq(path in log.paths(), asked,
               f"failures: run at +{h:.2f} h {'requests' if asked else 'does not request'} the feed")
            ok(DEMO <= set(log.paths()), f"failures: run at +{h:.2f} h still polls the other feeds")
            if k == 4:
                st = run(ws, "status", at=at).stdout
                line = [x.split("\t") for x in st.splitlines() if x.startswith(key + "\t")]
                ok(line and line[0][3] == "2023-11-15T07:13:20Z" and line[0][4] == "HTTP 500",
                   "failures: `reads status` shows the next allowed fetch (4 h later) and the last error", st)
        eq(one(ws, "select count(*) from items where source = ?", key), 2, "failures: once recovered, items are stored")
        eq(sql(ws, "select failures, last_error, next_fetch from feeds where url = ?", key), [(0, None, None)],
           "failures: a success clears the failure count, the error and the back-off")
        last = [r for r in log.new() if r["path"] == path]
        ok(last and last[0]["status"] == 304, "failures: the run after the recovery is a conditional 304", last)
    finally:
        ws.close()


def test_site_page():
    """A site URL in feeds.yaml: the feed its page advertises is polled."""
    ws = workspace(["@BASE@/blog/index.html"])
    try:
        os.makedirs(ws.path("site", "blog"))
        ws.write("site/blog/index.html",
                 "<!DOCTYPE html><html><head><title>A blog</title>\n"
                 "<link rel=\"stylesheet\" href=\"/style.css\">\n"
                 "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Posts\" href=\"../feeds/blog.xml\">\n"
                 "</head><body><h1>A blog</h1><p>Posts are in the feed.</p></body></html>\n")
        write_feed(ws, "site/feeds/blog.xml", "blog", n=3)
        key = ws.base + "/blog/index.html"
        log = Log(ws)
        p = run(ws, "fetch", at=T0)
        eq((p.returncode, p.stderr), (0, ""), "site: a site page in feeds.yaml is no failure")
        eq(sorted(x[0] for x in sql(ws, "select link from items where source = ?", key)),
           [f"{ws.base}/articles/blog-{i}.html" for i in (1, 2, 3)],
           "site: the advertised feed's items are stored under the configured URL")
        paths = log.paths()
        ok("/blog/index.html" in paths and "/feeds/blog.xml" in paths
           and paths.index("/blog/index.html") < paths.index("/feeds/blog.xml"),
           "site: the page, then the feed it advertises (relative href resolved), are requested", paths)
        st = run(ws, "status", at=T0).stdout
        line = [x.split("\t") for x in st.splitlines() if x.startswith(key + "\t")]
        ok(line and line[0][1] == "2023-11-14T22:13:20Z" and line[0][2] == "3" and line[0][4] == "-",
           "site: `reads status` shows its last success and its 3 items this month", st)

        before = one(ws, "select count(*) from items")
        log.mark()
        p = run(ws, "fetch", at=T0 + 60)
        eq((p.returncode, p.stderr), (0, ""), "site: a second run succeeds quietly")
        r = [x for x in log.new() if x["path"] == "/feeds/blog.xml"]
        ok(len(r) == 1 and r[0]["status"] == 304 and r[0]["if_none_match"],
           "site: the second run asks the advertised feed conditionally and gets a 304", r)
        eq(one(ws, "select count(*) from items"), before, "site: nothing is stored twice")
    finally:
        ws.close()


def test_conditional():
    """Unchanged feeds (ETag and, for one, Last-Modified only): only 304s, and no parsing."""
    ws = workspace(["@BASE@/_lastmod/feeds/lm.xml"])
    try:
        write_feed(ws, "site/feeds/lm.xml", "lm")
        log = Log(ws)
        p = run(ws, "fetch", at=T0)
        eq((p.returncode, p.stderr), (0, ""), "304: the first run succeeds quietly")
        stored = dict(sql(ws, "select url, etag from feeds"))
        lm = ws.base + "/_lastmod/feeds/lm.xml"
        eq(stored.get(lm), None, "304: a feed served without ETag has none stored")
        eq(one(ws, "select last_modified from feeds where url = ?", lm), MTIME,
           "304: its Last-Modified is stored verbatim")
        first = {r["path"]: r for r in log.new()}
        # Remove one item of each feed: a run that parsed a feed would store it again.
        sources = [s for (s,) in sql(ws, "select distinct source from items where kind = 0")]
        eq(len(sources), 3, "304: the three feeds stored items")
        for s in sources:
            sql(ws, "delete from items where id = (select max(id) from items where source = ?)", s)
        count = one(ws, "select count(*) from items")

        log.mark()
        p = run(ws, "fetch", at=T0 + HOUR)
        eq((p.returncode, p.stderr), (0, ""), "304: the second run succeeds quietly")
        second = log.new()
        eq(sorted(r["path"] for r in second), sorted(DEMO | {"/_lastmod/feeds/lm.xml"}),
           "304: the second run asks each feed once")
        ok(all(r["status"] == 304 for r in second), "304: and gets only 304s", second)
        for r in second:
            if r["path"] in DEMO:
                url = ws.base + r["path"]
                ok(r["if_none_match"] == stored[url] and r["if_modified_since"] == MTIME,
                   f"304: {r['path']} carries the stored ETag and Last-Modified verbatim", r)
        r = [x for x in second if x["path"] == "/_lastmod/feeds/lm.xml"]
        ok(r and r[0]["if_modified_since"] == MTIME and not r[0]["if_none_match"],
           "304: the feed without ETag is asked with If-Modified-Since only", r)
        eq(one(ws, "select count(*) from items"), count, "304: a 304 costs no parsing: nothing was stored again")
        eq(one(ws, "select last_success from feeds where url = ?", lm), T0 + HOUR,
           "304: a 304 is a success")
        ok(first.get("/feeds/strategy.atom", {}).get("if_none_match") is None,
           "304: (the first run was unconditional)")

        # Control: a feed that changed is answered 200 and parsed again.
        ws.write("site/feeds/strategy.atom", ws.read("site", "feeds", "strategy.atom") + "\n<!-- changed -->\n")
        log.mark()
        run(ws, "fetch", at=T0 + 2 * HOUR)
        r = [x for x in log.new() if x["path"] == "/feeds/strategy.atom"]
        ok(r and r[0]["status"] == 200, "304: a changed feed gets a 200", r)
        eq(one(ws, "select count(*) from items"), count + 1, "304: and is parsed: its removed item is back")
    finally:
        ws.close()


for t in (test_retry_after_seconds, test_retry_after_date, test_retry_after_cap, test_gone, test_moved,
          test_repeated_failures, test_site_page, test_conditional):
    t()
sys.exit(done())
