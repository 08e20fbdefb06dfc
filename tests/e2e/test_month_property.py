#!/usr/bin/env python3
"""Month completeness, as a property: in random worlds, every month's draft
holds exactly the month's items, whatever one bad hour each source had.

A world spans January to March 2011 in its author's time zone (UTC, and
zones from UTC-12 to UTC+14, by turns): two or three feeds whose items are
published over the three months (some without a date), and bookmarks of every
route, with and without dates of their own — bare URLs, text-fragment URLs and
url + quote entries in feeds.yaml (some with added:), a Netscape export (some
without ADD_DATE) and a bookmarking service's feed (some items without a
date) — whose pages carry a publication date or none. Every source (each
feed, the bookmark feed, each article page) fails once, at a random request,
in a random way (HTTP 408, 500, 502, 503, 504, 429, with or without a short
Retry-After, a truncated body, a reset mid-body): demo/serve.py's /_nth/.
Sources appear over time (feeds keep only their last items; she adds
bookmarks as the months go), `reads fetch` runs on the 5th and 18th of each
month and `reads draft` for each month on the 1st of the next (drafts poll
too). Sources are spread over two host names of the one server.

Each draft must hold exactly the month's items known by then: an item's
month is its own date (a bookmark's added date, a feed item's published
date), else its page's date (bookmarks), else the run that first saw it. Her
bookmarks are all entries; feed items fill the rest up to max_entries
(earliest first) and the others are candidates. Every run exits 0 and is
silent: each fault is absorbed by the retries of the run it hit.

Then she works on the draft (rewrites the intro or a quote, deletes an
entry, moves one, writes text of her own: tests/e2e/editing.py), and on the
20th of the next month, after more fetches and more bookmarks (some of them
of pages published in the month before), she drafts the month again. The
re-draft keeps every byte she wrote, in order; no entry she deleted comes
back; and it holds the month's items known by then, late bookmarks
included: each one an entry (her bookmarks) or an entry or candidate (feed
items), unless she deleted it, and nothing from another month.

READS_MONTH_WORLDS sets the number of worlds (default 10; the issue's figure,
200, takes about ten minutes); READS_MONTH_SEED the random seed."""
import datetime
import os
import random
import re
import sys
import time
from zoneinfo import ZoneInfo

from editing import edit, entry_keys, only_inserted
from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
WORLDS = int(os.environ.get("READS_MONTH_WORLDS", "10"))
SEED = int(os.environ.get("READS_MONTH_SEED", "20110101"))
MONTHS = [(2011, 1), (2011, 2), (2011, 3)]
KEEP = 10  # items a feed keeps


# The author's zone: each world has one (feeds.yaml's timezone:). Months,
# her added: dates and the runs of her cron job are in it; a page's date is a
# day, and its month is that day's, in every zone (UTC+14 and -12 included).
ZONES = ["UTC", "Africa/Casablanca", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata",
         "America/St_Johns", "Pacific/Kiritimati", "Etc/GMT+12"]
zone = ZoneInfo("UTC")


def ts(y, m, d, hh=0, mm=0, ss=0):
    return int(datetime.datetime(y, m, d, hh, mm, ss, tzinfo=zone).timestamp())


def local(t):
    return datetime.datetime.fromtimestamp(t, zone)


def month_of(t):
    g = local(t)
    return (g.year, g.month)


def day(t):
    return local(t).strftime("%Y-%m-%d")


def rfc822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))


def set_zone(name):
    """The world's zone; its months' bounds and the cron job's runs (local times)."""
    global zone, START, END, RUNS
    zone = ZoneInfo(name)
    START, END = ts(2011, 1, 1), ts(2011, 4, 1)
    RUNS = sorted([(ts(y, m, d, 6), "fetch", None) for y, m in MONTHS for d in (5, 18)] +
                  [(ts(y, m + 1, 1, 8), "draft", (y, m)) for y, m in MONTHS] +
                  [(ts(y, m + 1, 20, 8), "redraft", (y, m)) for y, m in MONTHS])


set_zone("UTC")
FEED_FAULTS = ["500", "502", "504", "408", "truncate", "reset", "503ra0", "429ra0", "429ra1", "503ra1"]
FEED_WEIGHTS = [3, 2, 2, 2, 3, 3, 2, 2, 1, 1]
PAGE_FAULTS = ["500", "502", "503", "504", "408", "429", "truncate", "reset", "503ra0"]


class World:
    def __init__(self, rng, ws, n):
        self.rng, self.ws, self.n = rng, ws, n
        self.zone = ZONES[n % len(ZONES)]
        set_zone(self.zone)
        self.items = []       # dicts: slug, kind, route, appear, own (date or None), page (date or None)
        self.feeds = [f"w{n}f{k}" for k in range(rng.randint(2, 3))]
        self.max_entries = rng.randint(3, 10)
        self.faults = {}      # source path -> (k, fault)
        for f in self.feeds + [f"w{n}marks"]:
            self.faults[f] = (rng.randint(1, len(RUNS)), rng.choices(FEED_FAULTS, FEED_WEIGHTS)[0])
        seq = 0

        def slug():
            nonlocal seq
            seq += 1
            return f"w{n}-{seq}"

        for f in self.feeds:
            for _ in range(rng.randint(6, 14)):
                t = rng.randint(START + 3600, END - 3600)
                undated = rng.random() < 0.1
                self.items.append(dict(slug=slug(), kind="feed", route=f, appear=t,
                                       own=None if undated else t, page=t))
        routes = ["bare", "fragment", "quoted", "added", "netscape", "netscape", "marks", "marks"]
        for _ in range(rng.randint(4, 9)):
            route = rng.choice(routes)
            appear = rng.randint(START + 3600, END - 3 * 86400)
            lo = max(START, appear - 20 * 86400)
            page = None if rng.random() < 0.25 else rng.randint(lo, appear)
            # a third of the dated pages are of the last or first day of a month
            edges = [t for y, m in MONTHS + [(2011, 4)] for t in (ts(y, m, 1, 1), ts(y, m, 1, 1) - 2 * 3600)
                     if lo <= t <= appear]
            if page is not None and edges and rng.random() < 0.33:
                page = rng.choice(edges)
            own = None
            if route == "added" or (route in ("netscape", "marks") and rng.random() < 0.5):
                own = rng.randint(max(START, appear - 10 * 86400), appear)
                if route == "added":  # YYYY-MM-DD: midnight in her zone
                    own = int(local(own).replace(hour=0, minute=0, second=0).timestamp())
            self.items.append(dict(slug=slug(), kind="bookmark", route=route, appear=appear, own=own, page=page))
        for it in self.items:
            it["fault"] = (rng.choice([1, 1, 1, 2]), rng.choice(PAGE_FAULTS))
            it["host"] = rng.choice(["@BASE@", "@LH@"])
        self.hosts = {name: rng.choice(["@BASE@", "@LH@"]) for name in self.faults}

    def link(self, it):
        k, fault = it["fault"]
        d = day(it["page"]) if it["page"] is not None else "undated"
        return f"{it['host']}/_nth/{k}/{fault}/_article/{d}/{it['slug']}.html"

    def source_url(self, name, ext):
        k, fault = self.faults[name]
        return f"{self.hosts[name]}/_nth/{k}/{fault}/w/{name}.{ext}"

    def put(self, rel, text):
        self.ws.write(rel, text.replace("@LH@", self.ws.lh))  # the server fills in @BASE@ itself

    def write(self, now):
        """The sources as they are at time now."""
        ws, n = self.ws, self.n
        for f in self.feeds:
            items = sorted((it for it in self.items if it["route"] == f and it["appear"] <= now),
                           key=lambda it: it["appear"])[-KEEP:]
            body = "".join(f"<item><title>{it['slug']}</title><link>{self.link(it)}</link>"
                           f"<guid isPermaLink=\"false\">{it['slug']}</guid>"
                           + (f"<pubDate>{rfc822(it['own'])}</pubDate>" if it["own"] is not None else "")
                           + "</item>\n" for it in items)
            self.put(f"site/w/{f}.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                     f"<title>{f}</title><link>@BASE@/</link>\n{body}</channel></rss>\n")
        marks = [it for it in self.items if it["route"] == "marks" and it["appear"] <= now]
        self.put(f"site/w/w{n}marks.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>marks"
                 "</title><link>@BASE@/</link>\n" + "".join(
                     f"<item><title>{it['slug']}</title><link>{self.link(it)}</link>"
                     + (f"<pubDate>{rfc822(it['own'])}</pubDate>" if it["own"] is not None else "")
                     + "</item>\n" for it in marks) + "</channel></rss>\n")
        net = [it for it in self.items if it["route"] == "netscape" and it["appear"] <= now]
        ws.write(f"w{n}/bookmarks.html", "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n" + "".join(
            f"<DT><A HREF=\"{self.link(it).replace('@BASE@', ws.base).replace('@LH@', ws.lh)}\""
            + (f" ADD_DATE=\"{it['own']}\"" if it["own"] is not None else "") + f">{it['slug']}</A>\n"
            for it in net) + "</DL><p>\n")
        lines = [f"timezone: {self.zone}\nmax_entries: {self.max_entries}\nfetch: {{retry_pause: 0.01}}\nfeeds:\n"]
        lines += [f"  - {self.source_url(f, 'xml')}\n" for f in self.feeds]
        lines.append("bookmarks:\n  - file: bookmarks.html\n")
        lines.append(f"  - feed: {self.source_url(f'w{n}marks', 'xml')}\n")
        for it in self.items:
            if it["appear"] > now or it["route"] not in ("bare", "fragment", "quoted", "added"):
                continue
            link = self.link(it)
            if it["route"] == "bare":
                lines.append(f"  - {link}\n")
            elif it["route"] == "fragment":
                lines.append(f"  - \"{link}#:~:text=Enterprise%20social\"\n")
            elif it["route"] == "quoted":
                lines.append(f"  - url: {link}\n    quote: \"Her words on {it['slug']}.\"\n")
            else:
                lines.append(f"  - url: {link}\n    added: {day(it['own'])}\n")
        text = "".join(lines).replace("@BASE@", ws.base).replace("@LH@", ws.lh)
        with open(ws.path(f"w{n}", "feeds.yaml"), "w", encoding="utf-8") as f:
            f.write(text)

    def expected_month(self, it):
        """The month an item belongs to, and when it was first seen."""
        seen = next(t for t, _, _ in RUNS if t >= it["appear"])
        if it["own"] is not None:
            return month_of(it["own"]), seen
        if it["kind"] == "bookmark" and it["page"] is not None:
            return month_of(it["page"]), seen
        return month_of(seen), seen


def slugs(text):
    return re.findall(r"/(w\d+-\d+)\.html", text)


def check_draft(world, month, at, text, label):
    """Compares the draft of month (written at time at) with the world."""
    want = [it for it in world.items if world.expected_month(it)[0] == month and world.expected_month(it)[1] <= at]
    entries = slugs("\n".join(re.findall(r"^<!-- reads: entry (\S+) -->$", text, re.M)))
    cand_block = re.search(r"<!-- reads: candidates.*?-->", text, re.S)
    cands = slugs(cand_block.group(0)) if cand_block else []
    bookmarks = {it["slug"] for it in want if it["kind"] == "bookmark"}
    feed = {it["slug"] for it in want if it["kind"] == "feed"}
    fine = ok(sorted(entries + cands) == sorted(bookmarks | feed),
              f"{label}: holds exactly the month's items ({len(bookmarks)} bookmarks, {len(feed)} feed items)",
              f"missing: {sorted((bookmarks | feed) - set(entries + cands))}\n"
              f"extra: {sorted(set(entries + cands) - (bookmarks | feed))}")
    feed_entries = [s for s in entries if s in feed]
    slots = max(0, world.max_entries - len(bookmarks))
    fine &= ok(bookmarks <= set(entries) and len(feed_entries) == min(slots, len(feed)),
               f"{label}: her bookmarks are entries, feed items fill up to max_entries {world.max_entries}",
               f"entries {entries}\ncandidates {cands}")
    date = {it["slug"]: world.expected_month(it) and (it["own"] if it["own"] is not None else
                                                     world.expected_month(it)[1]) for it in want}
    if feed_entries and cands:
        fine &= ok(max(date[s] for s in feed_entries) <= min(date[s] for s in cands if s in date),
                   f"{label}: the earliest feed items are the entries")
    return fine


def check_redraft(world, month, at, hers, deleted, text, label):
    """Compares a re-draft of month (at time at) of the draft she edited
    (hers, with the entry keys she deleted) with the world."""
    fine = ok(only_inserted(hers, text), f"{label}: keeps every byte she wrote, in order")
    keys = entry_keys(text)
    fine &= ok(not set(keys) & deleted, f"{label}: no entry she deleted came back", f"{set(keys) & deleted}")
    want = [it for it in world.items if world.expected_month(it)[0] == month and world.expected_month(it)[1] <= at]
    gone = set(slugs(" ".join(deleted)))
    entries = set(slugs(" ".join(keys)))
    cand_block = re.search(r"<!-- reads: candidates.*?-->", text, re.S)
    cands = set(slugs(cand_block.group(0))) if cand_block else set()
    bookmarks = {it["slug"] for it in want if it["kind"] == "bookmark"} - gone
    feed = {it["slug"] for it in want if it["kind"] == "feed"} - gone
    global late_items
    first_draft = ts(month[0], month[1] + 1, 1, 8)
    late_items += sum(world.expected_month(it)[1] > first_draft for it in want)
    fine &= ok(bookmarks <= entries and feed <= entries | cands and not (entries | cands) - (bookmarks | feed | gone),
               f"{label}: holds the month's items known by then ({len(bookmarks)} bookmarks, {len(feed)} feed items"
               f", {len(gone)} deleted by her)",
               f"bookmarks not entries: {sorted(bookmarks - entries)}\n"
               f"feed items missing: {sorted(feed - entries - cands)}\n"
               f"extra: {sorted((entries | cands) - (bookmarks | feed | gone))}")
    return fine


worlds_ok = 0
late_items = 0  # items of a month first seen after its first draft
try:
    rng = random.Random(SEED)
    ws = Workspace(reads, lifetime=120 + 30 * WORLDS)  # a world takes 3 to 10 s
    ws.lh = ws.base.replace("127.0.0.1", "localhost")
    os.makedirs(ws.path("site", "w"), exist_ok=True)
    t_start = time.time()
    for n in range(WORLDS):
        world = World(rng, ws, n)
        os.makedirs(ws.path(f"w{n}"), exist_ok=True)
        ws.config = ws.path(f"w{n}", "feeds.yaml")
        fine = True
        edited = {}  # month -> (her text, the keys she deleted)
        for at, kind, month in RUNS:
            world.write(at)
            args = ["fetch"] if kind == "fetch" else ["draft", "%04d-%02d" % month]
            p = ws.run(*args, env={"READS_NOW": str(at)})
            label = f"world {n} (seed {SEED}, {world.zone}), {kind} at {day(at)}"
            if p.returncode != 0 or p.stderr:
                fine = False
                ok(False, f"{label}: exit 0, silent", f"exit {p.returncode}\n{p.stderr}")
                continue
            if kind == "fetch":
                continue
            path = ws.path(f"w{n}", "digests", "%04d-%02d.md" % month)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if kind == "draft":
                fine &= check_draft(world, month, at, text, f"world {n} ({world.zone}), draft of %04d-%02d" % month)
                deleted = set()
                for _ in range(rng.randint(1, 4)):
                    text = edit(rng, text, deleted)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                edited[month] = (text, deleted)
            else:
                fine &= check_redraft(world, month, at, *edited[month], text,
                                      f"world {n} ({world.zone}), re-draft of %04d-%02d after her edits" % month)
        worlds_ok += fine
    took = time.time() - t_start
    eq(worlds_ok, WORLDS, f"{WORLDS} worlds ({len(RUNS)} runs each, seed {SEED}): every month complete, "
                          f"her edits kept, {late_items} items that came after a month's first draft in its re-draft, "
                          f"every run silent with exit 0 ({took:.0f} s)")
finally:
    ws.close()
sys.exit(done())
