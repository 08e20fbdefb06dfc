#!/usr/bin/env python3
"""crash.py — kill -9 a process writing to the archive at random moments.

    crash.py CRASH_DRIVER

Starts crash_driver (tests/archive/crash_driver.c) on one archive again and
again, and kills it with SIGKILL after a random delay, 50 times. After each
kill it checks, with Python's own sqlite3 module:
  - PRAGMA integrity_check says "ok";
  - every write the driver reported as committed ("C RUN I", printed and
    flushed after the commit) is there: its items, and its page byte for byte,
    its drafted or dismissed mark;
  - every batch is all or nothing (5 items or none), and the feed's stored
    ETag belongs to a batch that is there;
and the next run opens the archive and goes on writing. Half the checks use a
read-only connection, so the next driver, not Python, recovers the WAL the
killed one left. A last run of 30 iterations must end normally.
Set CRASH_SEED to replay a sequence. Exit 0 pass, 1 fail.
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

try:
    import sqlite3
except ImportError:  # a Python built without it: nothing to check with
    print("SKIP: Python has no sqlite3 module")
    sys.exit(77)

KILLS = 50
MIN_KILLS = 30          # fewer than this within the deadline is a failure
DEADLINE = 25.0         # seconds for the kill loop
MAX_DELAY = 0.15        # seconds a driver may live before it is killed
PAGE_LEN = 8 * 1024


def page_bytes(run, i):
    """The driver's page body of (run, i): a 97-byte block starting with a
    NUL, repeated."""
    block = bytes([0] + [(run * 31 + i * 17 + b * b) & 0xFF for b in range(1, 97)])
    return (block * (PAGE_LEN // 97 + 1))[:PAGE_LEN]


def month(run, i):
    return "20%02d-%02d" % (10 + run % 80, 1 + i % 12)


def size_of(i):
    return 1 if i % 3 == 1 else 5


class Failure(Exception):
    pass


def check(db, promised, readonly, verified):
    """Checks the archive after a kill; returns the set of (run, i) stored.
    Page bodies are compared once, when first reported (verified holds those
    done); the last check compares them all again."""
    if not os.path.exists(db):
        if promised:
            raise Failure("the archive vanished")
        return set()
    if readonly:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    else:
        con = sqlite3.connect(db, timeout=10)
    try:
        res = con.execute("PRAGMA integrity_check").fetchall()
        if res != [("ok",)]:
            raise Failure("integrity_check: %r" % res[:5])
        if not con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'items'").fetchone():
            if promised:
                raise Failure("the items table is gone after commits were reported")
            return set()
        batches = {}
        for (url,) in con.execute("SELECT url FROM items"):
            parts = url.split("/")
            key = (int(parts[3]), int(parts[4]))
            batches[key] = batches.get(key, 0) + 1
        for key, n in batches.items():
            if n != size_of(key[1]):
                raise Failure("batch %r is partial: %d of %d items" % (key, n, size_of(key[1])))
        drafted = set(con.execute("SELECT month, url FROM drafted"))
        dismissed = set(con.execute("SELECT month, url FROM dismissed"))
        for run, i in promised:
            if (run, i) not in batches:
                raise Failure("committed write %d/%d is missing" % (run, i))
            url = "https://crash.test/%d/%d/0" % (run, i)
            if i % 3 == 2:
                if (month(run, i), url) not in dismissed:
                    raise Failure("dismissal of %d/%d missing" % (run, i))
                if (run, i) in verified:
                    continue
                row = con.execute("SELECT body FROM pages WHERE url = ?", (url,)).fetchone()
                if not row or bytes(row[0]) != page_bytes(run, i):
                    raise Failure("page of %d/%d missing or damaged" % (run, i))
                verified.add((run, i))
            elif i % 3 == 0 and (month(run, i), url) not in drafted:
                raise Failure("drafted mark of %d/%d missing" % (run, i))
        for feed, etag in con.execute("SELECT url, etag FROM feeds"):
            run = int(feed.split("/")[3])
            r, i = (int(x) for x in etag.strip('"').split("-"))
            if r != run or (r, i) not in batches:
                raise Failure("feed %s has the ETag of a batch that is not stored: %s" % (feed, etag))
        return set(batches)
    finally:
        con.close()


def lines_of(out):
    """The complete "C RUN I" lines (a kill may cut the last one)."""
    got = []
    for line in out.decode("ascii", "replace").split("\n")[:-1]:
        f = line.split()
        if len(f) != 3 or f[0] != "C":
            raise Failure("driver printed %r" % line)
        got.append((int(f[1]), int(f[2])))
    return got


def main():
    if len(sys.argv) != 2:
        print("usage: crash.py CRASH_DRIVER", file=sys.stderr)
        return 2
    driver = sys.argv[1]
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    print("seed %d (CRASH_SEED=%d replays it)" % (seed, seed))
    with tempfile.TemporaryDirectory(prefix="reads-crash-") as tmp:
        db = os.path.join(tmp, "archive.db")
        promised = set()
        verified = set()
        kills = unreported = 0
        start = time.monotonic()
        try:
            run = 0
            while kills < KILLS and time.monotonic() - start < DEADLINE:
                run += 1
                delay = rnd.uniform(0, MAX_DELAY)
                p = subprocess.Popen([driver, db, str(run)], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
                time.sleep(delay)
                p.send_signal(signal.SIGKILL)
                out, err = p.communicate(timeout=30)
                if p.returncode != -signal.SIGKILL:
                    raise Failure("run %d ended by itself (status %d) before the kill: %s"
                                  % (run, p.returncode, err.decode(errors="replace").strip()))
                kills += 1
                got = lines_of(out)
                promised.update(got)
                stored = check(db, promised, run % 2 == 0, verified)
                unreported += len(stored - promised)
                promised = stored | promised
            if kills < MIN_KILLS:
                raise Failure("only %d kills in %.0f s" % (kills, DEADLINE))
            # The next run after all that continues and ends normally.
            run += 1
            p = subprocess.run([driver, db, str(run), "30"], capture_output=True, timeout=60)
            if p.returncode != 0:
                raise Failure("the last run failed (status %d): %s"
                              % (p.returncode, p.stderr.decode(errors="replace").strip()))
            got = lines_of(p.stdout)
            if len(got) != 30:
                raise Failure("the last run reported %d commits, not 30" % len(got))
            promised.update(got)
            stored = check(db, promised, False, set())
        except Failure as e:
            print("FAIL (seed %d): %s" % (seed, e))
            return 1
        runs_with_commits = len({r for r, _ in promised})
        print("%d kills in %.1f s; %d writes reported committed and all found; "
              "%d committed but killed before reporting; %d of %d runs committed something"
              % (kills, time.monotonic() - start, len(promised) - unreported, unreported,
                 runs_with_commits, run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
