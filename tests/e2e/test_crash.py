#!/usr/bin/env python3
"""kill -9 during `fetch` and `draft` at 50 random moments: afterwards the
archive passes SQLite's integrity check, the draft is a whole file (the old
one or the new one, never a torn one, never missing an entry it had), and the
next run completes."""
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
rng = random.Random(int(os.environ.get("READS_CRASH_SEED", "20101130")))
ws = Workspace(reads)
try:
    ws.demo_config()
    draft = ws.path("digests", "2010-11.md")
    # How long a whole run takes here, to spread the kills over it.
    t0 = time.time()
    p = ws.run("draft", "2010-11")
    span = max(time.time() - t0, 0.05)
    eq(p.returncode, 0, "a first draft completes")
    ws.write("digests/2010-11.md", "")  # start again from nothing, with the archive kept
    os.remove(draft)
    integrity_ok = whole = kept = 0
    seen = set()
    kills = 50
    for i in range(kills):
        if i % 10 == 5:  # new items keep arriving, so drafts keep changing
            feed = ws.read("site", "feeds", "collaboration.xml")
            item = (f"<item><title>Arrival {i}</title><link>@BASE@/articles/activity-stream.html?v={i}</link>"
                    f"<guid>arrival-{i}</guid><pubDate>Sat, 20 Nov 2010 10:00:00 GMT</pubDate></item>\n")
            ws.write("site/feeds/collaboration.xml", feed.replace("</channel>", item + "</channel>"))
        cmd = "fetch" if i % 2 else "draft"
        proc = subprocess.Popen([reads, "-c", ws.config, cmd, *(["2010-11"] if cmd == "draft" else [])],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        db = sqlite3.connect(ws.path("reads.db"))
        integrity_ok += db.execute("pragma integrity_check").fetchone()[0] == "ok"
        db.close()
        if os.path.exists(draft):
            text = open(draft, encoding="utf-8").read()
            whole += text.startswith("---\n") and text.endswith("\nLamia Ben.\n")
            keys = set(re.findall(r"<!-- reads: entry (\S+) -->", text))
            kept += seen <= keys
            seen |= keys
        else:
            whole += 1
            kept += not seen
    eq(integrity_ok, kills, "the archive passes the integrity check after every kill")
    eq(whole, kills, "the draft is always a whole file")
    eq(kept, kills, "no kill ever makes the draft lose an entry it had")
    p = ws.run("draft", "2010-11")
    eq(p.returncode, 0, "the next run completes")
    text = open(draft, encoding="utf-8").read()
    keys = set(re.findall(r"<!-- reads: entry (\S+) -->", text))
    ok(seen <= keys, "and keeps every entry")
    ok(len(keys) >= 6, "and holds the month's entries", len(keys))
    leftovers = [f for f in os.listdir(ws.path("digests")) if ".tmp-" in f]
    ok(True, f"temporary files left by kills: {len(leftovers)} (harmless; never read)")
finally:
    ws.close()
sys.exit(done())
