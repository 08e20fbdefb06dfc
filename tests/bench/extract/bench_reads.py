#!/usr/bin/env python3
"""`reads extract` on every page of a list, sequentially: one process per
page (as the judge runs it), then one process for all pages (its batch mode,
the same footing as Readability in one Node process). Prints pages/s (wall),
CPU ms per page and peak RSS measured by /usr/bin/time -f %M (the tool's own
figure, not the launcher's)."""
import json
import os
import subprocess
import sys
import time


def main():
    reads, listfile = sys.argv[1:3]
    result = sys.argv[3] if len(sys.argv) > 3 else None
    pages = [l.strip() for l in open(listfile) if l.strip()]
    cpu = 0.0
    t0 = time.monotonic()
    sizes = []
    for p in pages:
        pid = os.posix_spawn(reads, [reads, "extract", p, "--json"], os.environ,
                             file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                           (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
        _, status, ru = os.wait4(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"reads: {p}: exit {os.waitstatus_to_exitcode(status)}", file=sys.stderr)
        cpu += ru.ru_utime + ru.ru_stime
        sizes.append((os.path.getsize(p), p))
    wall = time.monotonic() - t0
    # Peak RSS: the three largest pages, measured by time(1).
    peak = 0
    for _, p in sorted(sizes)[-3:]:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", reads, "extract", p, "--json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            peak = max(peak, int(r.stderr.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            pass
    n = len(pages)
    res = {"per_process": {"pages_s": n / wall, "cpu_ms": 1000 * cpu / n, "rss_mb": peak / 1024}}
    print(f"reads extract, one process per page: {n} pages in {wall:.2f} s = {n / wall:.1f} pages/s; "
          f"CPU {1000 * cpu / n:.1f} ms/page; peak RSS {peak / 1024:.1f} MB (largest pages, time -f %M)")
    # One process for every page (like Readability in one Node process).
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", reads, "extract", *pages, "--json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    rss, user, sys_ = r.stderr.strip().splitlines()[-1].split()
    print(f"reads extract, one process for all pages: {n} pages in {wall:.2f} s = {n / wall:.1f} pages/s; "
          f"CPU {1000 * (float(user) + float(sys_)) / n:.1f} ms/page; peak RSS {int(rss) / 1024:.1f} MB")
    res["batch"] = {"pages_s": n / wall, "cpu_ms": 1000 * (float(user) + float(sys_)) / n, "rss_mb": int(rss) / 1024}
    if result:
        json.dump(res, open(result, "w"))


if __name__ == "__main__":
    main()
