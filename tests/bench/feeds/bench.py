#!/usr/bin/env python3
"""Feed-parsing benchmark: `reads parse FILE --json` against Debian's
python3-feedparser and sfeed, in one run, on the corpus in
../shared/bench/feeds and on the 52 MB file its make_big_feed.py generates.

Measures, per tool and data set: wall time, CPU time (user+sys, from wait4),
MB/s and items/s on CPU time (the machine may be shared), and peak RSS
(ru_maxrss of the child). Best of --runs runs, reads and sfeed taking turns
(the machine may be shared; feedparser on the big file:
one run, it takes minutes and ~700 MiB).

  nice -n 10 python3 tests/bench/feeds/bench.py --reads build/reads [--runs 3]

Needs: apt-get install python3-feedparser sfeed. Not a meson test."""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared"))

FEEDPARSER = r"""
import sys, feedparser
n = 0
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read())
    n += len(d.entries)
print(n)
"""


TIME = "/usr/bin/time"


def run(argv, stdin_path=None):
    """Runs argv, returns (wall s, cpu s, maxrss KiB, stdout tail bytes).
    Peak RSS comes from /usr/bin/time (a forked Python child would report
    the Python parent's RSS as its own maximum)."""
    t0 = time.perf_counter()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    rss_file = "/tmp/.bench-feeds-rss"
    if os.path.exists(TIME):
        argv = [TIME, "-f", "%M", "-o", rss_file] + argv
    p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = bytearray()
    while True:
        b = p.stdout.read(1 << 16)
        if not b:
            break
        out = (out + b)[-4096:]  # keep the tail (feedparser prints its count last)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if stdin_path:
        stdin.close()
    maxrss = ru.ru_maxrss
    if argv[0] == TIME:
        try:
            maxrss = int(open(rss_file).read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return wall, ru.ru_utime + ru.ru_stime, maxrss, bytes(out)


def count_reads(files, reads):
    n = 0
    for f in files:
        r = subprocess.run([reads, "parse", f, "--json"], capture_output=True)
        try:
            n += len(json.loads(r.stdout)["entries"])
        except (ValueError, KeyError):
            pass
    return n


def run_tool(tool, f, args):
    if tool == "reads":
        return run([args.reads, "parse", f, "--json"])
    return run([args.sfeed], stdin_path=f)


def measure_pair(tools, files, args, runs):
    """One data set, per tool: the sum over files of the least disturbed of
    `runs` runs (the machine may be shared). The tools take turns, run by
    run, so a slow spell of the machine falls on both alike."""
    res = {t: [0.0, 0.0, 0, 0] for t in tools}
    for f in files:
        samples = {t: [] for t in tools}
        for _ in range(runs):
            for t in tools:
                w, c, m, out = run_tool(t, f, args)
                samples[t].append((c, w, m))
        for t in tools:
            c, w, m = min(samples[t])
            r = res[t]
            r[0] += w
            r[1] += c
            r[2] = max(r[2], m)
            if t == "sfeed":
                r[3] += sum(1 for line in subprocess.run([args.sfeed], stdin=open(f, "rb"),
                                                         capture_output=True).stdout.splitlines())
    return {t: tuple(v) for t, v in res.items()}


def measure_reads_batch(files, args, runs):
    """All files in one `reads parse FILE... --json` process, as feedparser
    reads them all in one Python process: the parser, not process start-up."""
    samples = [run([args.reads, "parse", *files, "--json"]) for _ in range(runs)]
    samples.sort(key=lambda s: s[1])
    w, c, m, out = samples[0]
    return w, c, m


def measure_feedparser(files, args, runs):
    samples = []
    for _ in range(runs):
        w, c, m, out = run([args.python, "-c", FEEDPARSER] + files)
        samples.append((c, w, m, out))
    samples.sort(key=lambda s: s[0])
    c, w, m, out = samples[0]
    try:
        items = int(out.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        items = 0
    return w, c, m, items


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reads", default="build/reads")
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    ap.add_argument("--sfeed", default=shutil.which("sfeed") or "sfeed")
    ap.add_argument("--python", default="/usr/bin/python3", help="the python that has feedparser")
    ap.add_argument("--big", default="/tmp/big50.rss")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-feedparser-big", action="store_true")
    a = ap.parse_args()
    corpus_dir = os.path.join(a.shared, "bench", "feeds")
    corpus = sorted(f for f in glob.glob(os.path.join(corpus_dir, "*"))
                    if f.endswith((".xml", ".rss", ".atom")))
    if not corpus:
        print(f"no corpus in {corpus_dir}")
        return 77
    if not os.path.exists(a.big):
        subprocess.run([sys.executable, os.path.join(corpus_dir, "make_big_feed.py"), "--corpus",
                        corpus_dir, "--out", a.big, "--size-mb", "50"], check=True)
    sets = [("corpus (%d files)" % len(corpus), corpus), ("big50.rss", [a.big])]
    # process start-up, measured on an empty document: the corpus is 74 small
    # files, where starting a process costs more than parsing
    empty = "/tmp/.bench-feeds-empty.xml"
    open(empty, "w").write("<rss version='2.0'><channel></channel></rss>\n")
    pairs = [measure_pair(("reads", "sfeed"), [empty], a, 1) for _ in range(5)]
    startup = {t: min(p[t][1] for p in pairs) for t in ("reads", "sfeed")}
    rows = []
    for name, files in sets:
        size = sum(os.path.getsize(f) for f in files)
        reads_items = count_reads(files, a.reads)
        tools = ("reads", "reads 1-proc", "sfeed", "feedparser") if len(files) > 1 else ("reads", "sfeed", "feedparser")
        paired = measure_pair(("reads", "sfeed"), files, a, a.runs)
        for tool in tools:
            if tool in paired:
                wall, cpu, rss, items = paired[tool]
            elif tool == "reads 1-proc":
                wall, cpu, rss = measure_reads_batch(files, a, a.runs)
                items = reads_items
            elif tool == "feedparser":
                if name == "big50.rss" and a.skip_feedparser_big:
                    continue
                runs = 1 if name == "big50.rss" else a.runs
                wall, cpu, rss, items = measure_feedparser(files, a, runs)
            if tool == "reads":
                items = reads_items
            rows.append((name, tool, size, items, wall, cpu, rss))
            print(f"{name:20s} {tool:12s} done: cpu {cpu:.2f}s", file=sys.stderr)
    print(f"\n{'data':20s} {'tool':12s} {'MB':>7s} {'items':>7s} {'wall s':>8s} {'cpu s':>8s} "
          f"{'MB/s':>8s} {'items/s':>10s} {'peak RSS':>10s}")
    base = {}
    for name, tool, size, items, wall, cpu, rss in list(rows):
        if name.startswith("corpus") and tool in ("reads", "sfeed"):
            net = cpu - startup[tool] * len(corpus)
            # start-up is measured apart and drifts with the machine: a
            # remainder under a tenth of the total is noise, not parsing
            if net > cpu / 10:
                rows.append((name + " net", tool, size, items, wall, net, rss))
    for name, tool, size, items, wall, cpu, rss in rows:
        mbs = size / 1e6 / cpu if cpu else float("inf")
        ips = items / cpu if cpu else float("inf")
        base.setdefault(name, {})[tool] = mbs
        print(f"{name:20s} {tool:12s} {size / 1e6:7.2f} {items:7d} {wall:8.2f} {cpu:8.2f} "
              f"{mbs:8.1f} {ips:10.0f} {rss / 1024:8.1f} MiB")
    print(f"\nprocess start-up (empty feed, CPU): reads {startup['reads'] * 1000:.1f} ms, "
          f"sfeed {startup['sfeed'] * 1000:.1f} ms; 'net' rows subtract it per file")
    # like against like: sfeed runs once per file, feedparser once per set
    for name, t in base.items():
        r = t.get("reads")
        if r is None:
            continue
        line = f"{name}: reads = "
        if t.get("sfeed"):
            line += f"{r / t['sfeed']:.2f}x sfeed"
        if t.get("feedparser"):
            batch = t.get("reads 1-proc", r)
            line += f", {batch / t['feedparser']:.0f}x feedparser"
            if "reads 1-proc" in t:
                line += " (both one process for the whole set)"
        print(line + " (MB/s on CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
