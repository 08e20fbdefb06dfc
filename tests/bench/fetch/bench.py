#!/usr/bin/env python3
"""Fetch benchmark: 200 feeds and 2000 article pages on 20 loopback addresses.

One threaded scripted server process per address (127.0.0.2 … 127.0.0.21), each
answering after 100 ms; 10 feeds (then 100 pages) per address.  Runs one
fetch_all() through the fetch driver (later: `reads fetch`) and prints its wall
time and the ratio to the ideal, max(⌈N/connections⌉, ⌈N_per_host/per_host⌉)
× 100 ms.  Target: 1.3× or better.  Not a meson test: run it by hand, under
`nice -n 10`:

    nice -n 10 python3 tests/bench/fetch/bench.py build/tests/fetch/fetch_driver
        [--connections 8] [--per-host 2] [--stagger MS] [--only feeds|pages]
        [--reads build/reads]

With --reads, the 200 feeds are also fetched by the real command, `reads fetch`,
from a feeds.yaml listing them (parsing and storing in the archive included),
first cold and then again (every feed answers 304).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'fetch'))
SERVER = os.path.join(HERE, '..', '..', 'fetch', 'scripted_server.py')

DELAY = 0.1
HOSTS = ['127.0.0.%d' % i for i in range(2, 22)]


def env():
    e = dict(os.environ)
    for k in list(e):
        if k.lower() in ('http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'):
            del e[k]
    return e


class Remote:
    def __init__(self, addr, port):
        self.addr, self.port = addr, port

    def url(self, path):
        return 'http://%s:%d%s' % (self.addr, self.port, path)


def bench(driver, servers, kind, per_addr, a):
    # interleave hosts the way a feeds.yaml lists them: host by host
    lines = []
    for s in servers:
        for i in range(per_addr):
            lines.append(s.url('/%s/%d?delay=%g' % (kind, i, DELAY)))
    args = [driver, '--quiet', '--connections', str(a.connections), '--per-host', str(a.per_host),
            '--stagger', str(a.stagger)]
    if kind == 'page':
        args += ['--accept', 'text/html', '--max-bytes', str(8 << 20)]
    t0 = time.monotonic()
    p = subprocess.run(args, input='\n'.join(lines) + '\n', capture_output=True, text=True, env=env())
    wall = time.monotonic() - t0
    prog = json.loads(p.stderr.strip().splitlines()[-1])
    n = len(lines)
    ideal = max(math.ceil(n / a.connections), math.ceil(per_addr / a.per_host)) * DELAY
    if a.stagger:
        ideal = max(ideal, (per_addr - 1) * a.stagger / 1000.0 + DELAY)
    print('%-6s %5d requests on %d addresses, connections %d, per_host %d, stagger %d ms: '
          'wall %.2f s, ideal %.2f s, ratio %.2fx, failed %d, %.1f MB'
          % (kind + 's', n, len(servers), a.connections, a.per_host, a.stagger, wall, ideal,
             wall / ideal, prog['failed'], prog['bytes'] / 1e6))
    return wall / ideal, prog['failed']


def bench_reads(reads, servers, a):
    import shutil
    import tempfile
    d = tempfile.mkdtemp(prefix='reads-fetch-bench-')
    try:
        urls = [s.url('/feed/%d?delay=%g' % (i, DELAY)) for s in servers for i in range(10)]
        with open(os.path.join(d, 'feeds.yaml'), 'w') as f:
            f.write('fetch: {connections: %d, per_host: %d, timeout: 30}\nfeeds:\n' % (a.connections, a.per_host))
            f.writelines('  - %s\n' % u for u in urls)
        ideal = max(math.ceil(len(urls) / a.connections), math.ceil(10 / a.per_host)) * DELAY
        ok = True
        for label in ('cold', 'again (304s)'):
            t0 = time.monotonic()
            p = subprocess.run([reads, '-c', os.path.join(d, 'feeds.yaml'), 'fetch'], capture_output=True,
                               text=True, env=env())
            wall = time.monotonic() - t0
            print('reads fetch, %d feeds on %d addresses, %s: wall %.2f s, ideal %.2f s, ratio %.2fx, exit %d'
                  % (len(urls), len(servers), label, wall, ideal, wall / ideal, p.returncode))
            if p.returncode:
                print(p.stderr[-2000:])
                ok = False
        return ok
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    global DELAY
    ap = argparse.ArgumentParser()
    ap.add_argument('driver')
    ap.add_argument('--connections', type=int, default=8)
    ap.add_argument('--per-host', type=int, default=2)
    ap.add_argument('--stagger', type=int, default=0)
    ap.add_argument('--only', choices=['feeds', 'pages'])
    ap.add_argument('--reads', help='also time `reads fetch` (path to the reads binary)')
    ap.add_argument('--delay', type=float, default=DELAY, help='server answer delay, s (default 0.1)')
    a = ap.parse_args()
    DELAY = a.delay
    # one process per address, so the servers' Python does not share one GIL
    procs = [subprocess.Popen([sys.executable, SERVER, h], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for h in HOSTS]
    servers = [Remote(h, int(p.stdout.readline())) for h, p in zip(HOSTS, procs)]
    try:
        ok = True
        if a.only in (None, 'feeds'):
            r, f = bench(a.driver, servers, 'feed', 10, a)
            ok = ok and f == 0
        if a.reads and a.only in (None, 'feeds'):
            ok = bench_reads(a.reads, servers, a) and ok
        if a.only in (None, 'pages'):
            r2, f = bench(a.driver, servers, 'page', 100, a)
            ok = ok and f == 0
    finally:
        for p in procs:
            p.stdin.close()
            p.wait(timeout=30)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
