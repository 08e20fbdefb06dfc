#!/usr/bin/env python3
"""Fetch module tests against the scripted server, through fetch_driver.

usage: test_fetch.py DRIVER SCENARIO   (hostile, conditional, per-host, redirects, politeness, tls,
                                        retries)
Exit 0 pass, 1 fail.  Output is TAP-like for the log.
"""
import calendar
import email.utils
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted_server import Server, LAST_MODIFIED, feed_etag, Handler  # noqa: E402

DRIVER = None
failures = 0
count = 0


def check(cond, name, detail=''):
    global failures, count
    count += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', count, name))
    if not cond:
        failures += 1
        if detail:
            for line in str(detail).splitlines():
                print('#   ' + line)
    return cond


def env(extra=None):
    e = dict(os.environ)
    for k in list(e):
        if k.lower() in ('http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'):
            del e[k]
    e.update(extra or {})
    return e


def run(lines, *args, bound=60, extra_env=None):
    """Runs the driver on request lines; returns (responses, progress, wall seconds)."""
    t0 = time.monotonic()
    p = subprocess.run([DRIVER, *args], input='\n'.join(lines) + '\n', capture_output=True,
                       text=True, timeout=bound, env=env(extra_env))
    wall = time.monotonic() - t0
    if p.returncode != 0:
        print('# driver exit %d: %s' % (p.returncode, p.stderr))
        sys.exit(1)
    out = [json.loads(line) for line in p.stdout.splitlines()]
    prog = json.loads(p.stderr.strip().splitlines()[-1])
    return out, prog, wall


FAST = ['--timeout', '5', '--low-speed-time', '2', '--connect-timeout', '3']


def hostile():
    # name: (path, outcome, status, error regex, bound in seconds)
    cases = [
        ('slow drip', '/drip', 'network_error', None, r'too slow|[Ll]ess than', 4.5),
        ('never-ending trickle', '/trickle', 'network_error', None, r'^timed out after 5 s$', 6.5),
        ('hang after headers', '/hang', 'network_error', None, r'too slow|[Ll]ess than|timed out', 4.5),
        ('over cap with Content-Length', '/big-cl', 'too_big', None, r'body over 1048576 bytes', 3),
        ('over cap without Content-Length', '/big-nocl', 'too_big', None, r'body over 1048576 bytes', 3),
        ('over cap, chunked', '/big-chunked', 'too_big', None, r'body over 1048576 bytes', 3),
        ('gzip bomb', '/gzip-bomb', 'too_big', None, r'body over 1048576 bytes', 3),
        ('redirect loop', '/loop/0', 'network_error', None, r'more than 5 redirects', 3),
        ('redirect to file://', '/to-file', 'bad_url', None, r'^redirect to a non-http\(s\) URL refused$', 3),
        ('redirect to ftp://', '/to-ftp', 'bad_url', None, r'^redirect to a non-http\(s\) URL refused$', 3),
        ('429, Retry-After seconds', '/retry-secs', 'http_error', 429, r'^HTTP 429$', 3),
        ('429, Retry-After date', '/retry-date', 'http_error', 429, r'^HTTP 429$', 3),
        ('429, Retry-After far away', '/retry-far', 'http_error', 429, r'^HTTP 429$', 3),
        ('503', '/unavailable', 'http_error', 503, r'^HTTP 503$', 3),
        ('500', '/status/500', 'http_error', 500, r'^HTTP 500$', 3),
        ('404', '/status/404', 'http_error', 404, r'^HTTP 404$', 3),
        ('404 with an endless page', '/error-endless', 'http_error', 404, r'^HTTP 404$', 3),
        ('410', '/status/410', 'gone', 410, r'410', 3),
        ('reset mid-body', '/reset', 'network_error', None, r'reset|Recv failure', 3),
        ('truncated chunked body', '/chunked-trunc', 'network_error', None, r'chunk|closed|truncated', 3),
        ('short body for its Content-Length', '/short-cl', 'network_error', None, r'truncated body', 3),
        ('endless headers', '/header-flood', 'too_big', None, r'headers over', 3),
        ('refused connection', None, 'network_error', None, r'[Cc]onnect', 4),
        ('not an http URL', 'file:///etc/passwd', 'bad_url', None, r'not an http', 1),
    ]
    good = [('/feed/%d' % i) for i in range(6)] + ['/html', '/wrong-charset', '/bad-utf8']
    # a port nothing listens on: bound but not listening, so connections are
    # refused and no server (this test's own included) can be given the port
    import socket
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    dead_port = s.getsockname()[1]

    with s, Server() as srv:
        lines = []
        for c in cases:
            if c[1] is None:
                lines.append('http://127.0.0.1:%d/feed/1' % dead_port)
            elif '://' in c[1]:
                lines.append(c[1])
            else:
                lines.append(srv.url(c[1]))
        lines += [srv.url(p) for p in good]
        now = time.time()
        out, prog, wall = run(lines, *FAST, '--max-bytes', str(1 << 20), '--body',
                              '--connections', '32', '--per-host', '32')
        check(len(out) == len(lines), 'one response per request')
        for c, r in zip(cases, out):
            name, _, outcome, status, rx, bound = c
            check(r['outcome'] == outcome, '%s: outcome %s' % (name, outcome), r)
            if status is not None:
                check(r['status'] == status, '%s: status %d' % (name, status), r)
            check(r['error'] is not None and re.search(rx, r['error']) is not None,
                  '%s: error says why (%r)' % (name, r['error']), r)
            if r['error'] and r['url']:
                check(r['url'] not in r['error'] and '127.0.0.1:%d' % srv.port not in r['error'],
                      '%s: error does not repeat the URL' % name, r['error'])
            check(r['seconds'] <= bound, '%s: ended within %s s (%.2f s)' % (name, bound, r['seconds']), r)
            check(not r['has_body'], '%s: no body delivered' % name, r)
        by = {c[0]: r for c, r in zip(cases, out)}
        ra = by['429, Retry-After seconds']['retry_after']
        check(ra is not None and abs(ra - (now + 120)) <= 10, 'Retry-After 120 → now + 120 s', ra)
        ra = by['429, Retry-After date']['retry_after']
        check(ra is not None and abs(ra - (now + 3600)) <= 10, 'Retry-After date → that time', ra)
        ra = by['429, Retry-After far away']['retry_after']
        check(ra is not None and abs(ra - (now + 2 * 86400)) <= 10, 'Retry-After capped at 2 days', ra)
        ra = by['503']['retry_after']
        check(ra is not None and abs(ra - (now + 30)) <= 10, '503 Retry-After 30', ra)
        check(by['500']['retry_after'] is None, 'no Retry-After on a 500')

        goods = out[len(cases):]
        for p, r in zip(good, goods):
            check(r['outcome'] == 'ok' and r['status'] == 200 and r['has_body'] and r['error'] is None,
                  'good request %s succeeds in the same run' % p, r)
        html = goods[good.index('/html')]
        check(html['content_type'] == 'text/html; charset=utf-8', 'HTML instead of a feed: content type reported')
        wc = goods[good.index('/wrong-charset')]
        check(wc['content_type'] == 'application/rss+xml; charset=iso-8859-1',
              'wrong charset header reported verbatim')
        check(bytes.fromhex(wc['body_hex']).decode('utf-8').find('Caf\u00e9') > 0,
              'wrong charset: bytes untouched (still UTF-8)')
        bu = goods[good.index('/bad-utf8')]
        check(bytes.fromhex(bu['body_hex']) == Handler.BAD_UTF8 and bu['len'] == len(Handler.BAD_UTF8),
              'invalid UTF-8 (and a NUL) delivered byte for byte')
        check(prog['progress_calls'] == len(lines) and prog['done'] == len(lines) and prog['monotonic'],
              'progress called once per request, in order', prog)
        check(prog['failed'] == len(cases), 'progress counts the failures', prog)
        check(prog['bytes'] >= sum(r['len'] for r in goods), 'progress counts the bytes received', prog)
        check(wall < 15, 'whole hostile run bounded (%.1f s)' % wall)
        # the gzip bomb was stopped by the cap, not downloaded
        bomb = [e for e in srv.stats.log if e['path'] == '/gzip-bomb']
        check(bomb and 'gzip' in (bomb[0]['accept_encoding'] or ''), 'Accept-Encoding offers gzip')


def conditional():
    with Server() as srv:
        lines = [srv.url('/feed/%d' % i) for i in range(9)]
        first, _, _ = run(lines, *FAST)
        for i, r in enumerate(first):
            want_etag = feed_etag(i) if i % 3 != 2 else None
            want_lm = LAST_MODIFIED if i % 3 != 1 else None
            check(r['outcome'] == 'ok', 'first run: feed %d fetched' % i, r)
            check(r['etag'] == want_etag, 'feed %d: ETag stored verbatim' % i, r)
            check(r['last_modified'] == want_lm, 'feed %d: Last-Modified stored verbatim' % i, r)
        check(all(e['if_none_match'] is None and e['if_modified_since'] is None for e in srv.stats.log),
              'first run sends no validators')
        n_first = len(srv.stats.log)
        second_lines = ['%s\t%s\t%s' % (l, r['etag'] or '', r['last_modified'] or '')
                        for l, r in zip(lines, first)]
        second, _, _ = run(second_lines, *FAST)
        check(all(r['outcome'] == 'not_modified' and r['status'] == 304 and not r['has_body']
                  for r in second), 'second run: only 304s', second)
        check(all(r['error'] is None for r in second), '304 is not an error')
        log2 = srv.stats.log[n_first:]
        check(len(log2) == len(lines), 'second run: one request per feed')
        for e in log2:
            i = int(e['path'].split('/')[-1])
            r = first[i]
            check(e['if_none_match'] == r['etag'], 'feed %d: If-None-Match sent back verbatim' % i, e)
            check(e['if_modified_since'] == r['last_modified'],
                  'feed %d: If-Modified-Since sent back verbatim' % i, e)
        # validators that would inject headers are not sent
        bad, _, _ = run([lines[0] + '\t"x"\x0bX-Evil: 1\t'], *FAST)
        e = srv.stats.log[-1]
        check(e['if_none_match'] is None, 'a validator with control characters is not sent', e)
        check(bad[0]['outcome'] == 'ok', 'and the feed is fetched unconditionally')


def per_host():
    with Server() as srv:
        lines = [srv.url('/feed/%d?delay=0.3' % i) for i in range(10)]
        lines += [srv.url('/feed/%d?delay=0.3' % i, host='localhost') for i in range(10)]
        out, _, _ = run(lines, *FAST, '--connections', '8', '--per-host', '2')
        check(all(r['outcome'] == 'ok' for r in out), 'all 20 fetched', [r for r in out if r['outcome'] != 'ok'])
        st = srv.stats
        for h, m in sorted(st.max_inflight.items()):
            check(m <= 2, 'host %s: at most 2 requests in flight (saw %d)' % (h, m))
            check(m == 2, 'host %s: its 2 slots were used' % h)
        for h, m in sorted(st.max_conns.items()):
            check(m <= 2, 'host %s: at most 2 connections open (saw %d)' % (h, m))
        check(st.max_total_inflight == 4, 'both hosts served in parallel (saw %d)' % st.max_total_inflight)

    with Server() as srv:
        lines = [srv.url('/feed/%d?delay=0.2' % i) for i in range(12)]
        out, _, _ = run(lines, *FAST, '--connections', '3', '--per-host', '8')
        check(all(r['outcome'] == 'ok' for r in out), 'global limit run: all fetched')
        check(srv.stats.max_total_inflight <= 3,
              'global limit: at most 3 in flight (saw %d)' % srv.stats.max_total_inflight)

    # a queued request's clock starts when it starts: three drips on one
    # host, one at a time, each ends by its own low-speed limit (~2 s), not
    # by time spent waiting for the slot
    with Server() as srv:
        lines = [srv.url('/drip/%d' % i) for i in range(3)]
        out, _, wall = run(lines, *FAST, '--per-host', '1')
        check(all(r['outcome'] == 'network_error' and r['error'].startswith('too slow') for r in out),
              'queued drips: each aborted as too slow', out)
        # each ~2 s; had the queue's wait counted, the last would take ~6 s
        check(all(r['seconds'] < 5 for r in out), 'queued drips: each bounded by its own limit',
              [r['seconds'] for r in out])
        # one at a time: each starts once the one before was given up (~2 s);
        # the server's own in-flight count is no witness here, since a drip's
        # handler notices the client is gone only at its next write
        starts = sorted(e['t'] for e in srv.stats.log)
        check(len(starts) == 3 and all(b - a >= 1.5 for a, b in zip(starts, starts[1:])),
              'queued drips ran one at a time', ['%.2f' % (b - a) for a, b in zip(starts, starts[1:])])

    with Server() as srv:
        lines = [srv.url('/feed/%d' % i) for i in range(5)]
        out, _, _ = run(lines, *FAST, '--per-host', '2', '--stagger', '300')
        check(all(r['outcome'] == 'ok' for r in out), 'staggered run: all fetched')
        ts = sorted(e['t'] for e in srv.stats.log)
        gaps = [b - a for a, b in zip(ts, ts[1:])]
        check(all(g >= 0.25 for g in gaps), 'requests to one host start >= 300 ms apart',
              ['%.3f' % g for g in gaps])


def redirects():
    with Server() as srv:
        paths = ['/perm', '/temp-then-perm', '/perm-then-temp', '/perm-to-404', '/feed/3']
        out, _, _ = run([srv.url(p) for p in paths], *FAST)
        r = dict(zip(paths, out))
        check(r['/perm']['outcome'] == 'ok' and r['/perm']['moved_to'] == srv.url('/feed/1'),
              '301 then 308: moved_to is the final URL', r['/perm'])
        check(r['/perm']['effective_url'] == srv.url('/feed/1'), 'effective_url after redirects')
        check(r['/perm']['etag'] == feed_etag(1), 'validators of the final response only', r['/perm'])
        check(r['/temp-then-perm']['outcome'] == 'ok' and r['/temp-then-perm']['moved_to'] is None,
              '302 first: no permanent move', r['/temp-then-perm'])
        check(r['/perm-then-temp']['moved_to'] == srv.url('/temp-hop'),
              '301 then 302: moved_to is the 301 target (relative Location resolved)', r['/perm-then-temp'])
        check(r['/perm-to-404']['outcome'] == 'http_error' and r['/perm-to-404']['moved_to'] is None,
              '301 to a 404: no move reported', r['/perm-to-404'])
        check(r['/feed/3']['moved_to'] is None, 'no redirect: no moved_to')


def politeness():
    with Server() as srv:
        out, _, _ = run([srv.url('/echo'), srv.url('/echo')], *FAST)
        h = json.loads(bytes.fromhex(run([srv.url('/echo')], *FAST, '--body')[0][0]['body_hex']))
        check(re.fullmatch(r'reads/\S+ \(\+https://github\.com/reads-digest/reads\)', h.get('User-Agent', '')),
              'default User-Agent', h.get('User-Agent'))
        check(h.get('Accept', '').startswith('application/rss+xml, application/atom+xml, application/feed+json'),
              'feed Accept header by default', h.get('Accept'))
        enc = h.get('Accept-Encoding', '')
        check('gzip' in enc and 'deflate' in enc, 'Accept-Encoding has gzip and deflate', enc)
        h = json.loads(bytes.fromhex(run([srv.url('/echo')], *FAST, '--body', '--accept', 'text/html',
                                         '--user-agent', 'Custom/1.0')[0][0]['body_hex']))
        check(h.get('Accept') == 'text/html', 'Accept overridable (article pages)', h.get('Accept'))
        check(h.get('User-Agent') == 'Custom/1.0', 'User-Agent overridable', h.get('User-Agent'))
        check(out[0]['outcome'] == 'ok', 'echo fetched')
        # gzip content is decompressed and delivered
        r = run([srv.url('/gzip-feed')], *FAST, '--body')[0][0]
        check(r['outcome'] == 'ok' and bytes.fromhex(r['body_hex']).startswith(b'<?xml'),
              'a gzip-encoded feed is delivered decompressed', r)
        # the default cap (16 MiB, LIMIT_FEED_BYTES) stops a gzip bomb too
        r = run([srv.url('/gzip-bomb'), srv.url('/feed/1')], *FAST)[0]
        check(r[0]['outcome'] == 'too_big' and r[0]['error'] == 'body over 16777216 bytes',
              'gzip bomb stopped by the default cap', r[0])
        check(r[0]['seconds'] < 3, 'gzip bomb stopped fast (%.2f s)' % r[0]['seconds'])
        check(r[1]['outcome'] == 'ok', 'and the other feed succeeds')
        # the environment's proxy is honoured (the scripted server plays the proxy)
        n0 = len(srv.stats.log)
        r = run(['http://feeds.example.invalid/feed/3'], *FAST,
                extra_env={'http_proxy': 'http://127.0.0.1:%d' % srv.port})[0][0]
        e = srv.stats.log[n0] if len(srv.stats.log) > n0 else {}
        check(r['outcome'] == 'ok' and e.get('target') == 'http://feeds.example.invalid/feed/3',
              'http_proxy from the environment is used', (r, e))


def tls():
    """TLS is verified: a self-signed certificate is refused."""
    import shutil
    import ssl
    import tempfile
    if not shutil.which('openssl'):
        print('1..0 # SKIP openssl not installed')
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        key, crt = os.path.join(d, 'k.pem'), os.path.join(d, 'c.pem')
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                        '-out', crt, '-days', '2', '-subj', '/CN=127.0.0.1',
                        '-addext', 'subjectAltName=IP:127.0.0.1'],
                       check=True, capture_output=True, timeout=60)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(crt, key)
        with Server(ssl_context=ctx) as srv, Server() as plain:
            out, _, _ = run([srv.url('/feed/1'), plain.url('/feed/2')], *FAST)
            r = out[0]
            check(r['outcome'] == 'network_error', 'self-signed certificate refused', r)
            check(r['error'] is not None and re.search(r'certificate|SSL', r['error']) is not None,
                  'error names the certificate problem (%r)' % r['error'])
            check(out[1]['outcome'] == 'ok', 'the plain feed in the same run succeeds')
            # and with the certificate trusted, https works
            r = run([srv.url('/feed/1')], *FAST, '--ca-file', crt)[0][0]
            check(r['outcome'] == 'ok', 'https works when the certificate is trusted', r)


def retries():
    """Transient failures are tried again in the run, after growing pauses or
    exactly the Retry-After asked for; the others are not; other requests go
    on meanwhile; never more tries than asked for."""
    with Server() as srv:
        def tries_of(name):
            return [e for e in srv.stats.log if e['path'].startswith('/fail/%s?' % name)]

        cases = {  # name: (query, transient)
            's500': ('n=1&mode=500', True), 's502': ('n=1&mode=502', True), 's504': ('n=1&mode=504', True),
            's408': ('n=1&mode=408', True), 's425': ('n=1&mode=425', True),
            'reset': ('n=1&mode=reset', True), 'trunc': ('n=1&mode=trunc', True),
            'empty': ('n=1&mode=empty', True),
            'r429': ('n=1&mode=429&ra=1', True), 'r503': ('n=1&mode=503&ra=0', True),
            's404': ('n=1&mode=404', False), 's403': ('n=1&mode=403', False),
        }
        names = sorted(cases)
        # r503 on another host name: a Retry-After holds up its whole host
        lines = [srv.url('/fail/%s?%s' % (k, cases[k][0]), host='localhost' if k == 'r503' else None)
                 for k in names]
        lines.append(srv.url('/feed/2?delay=0.5', host='localhost'))
        out, prog, wall = run(lines, *FAST, '--retries', '2', '--retry-pause', '300', '--max-wait', '5')
        for k, r in zip(names, out):
            want = 'ok' if cases[k][1] else 'http_error'
            check(r['outcome'] == want, '%s: %s after the retries' % (k, want), r)
            check(r['tries'] == (2 if cases[k][1] else 1), '%s: %d tries' % (k, r['tries']), r)
            check(len(tries_of(k)) == r['tries'], '%s: the server saw each try' % k, tries_of(k))
        check(out[-1]['outcome'] == 'ok' and out[-1]['tries'] == 1, 'the other host\'s feed: one try', out[-1])
        check(prog['done'] == len(lines) and prog['monotonic'], 'progress counts answers, not tries', prog)
        gap = {k: tries_of(k)[1]['t'] - tries_of(k)[0]['t'] for k in names if cases[k][1]}
        check(all(0.25 <= gap[k] < 1.5 for k in ('s500', 's502', 's504', 's408', 's425', 'reset', 'trunc')),
              'a pause of ~300 ms before the retry', gap)
        check(0.9 <= gap['r429'] < 2.0, 'Retry-After: 1 is waited for (%.2f s)' % gap['r429'])
        check(gap['r503'] < 0.25, 'Retry-After: 0 is tried again at once (%.2f s)' % gap['r503'])
        lh = [e for e in srv.stats.log if e['path'].startswith('/feed/2')]
        t429 = [e['t'] for e in tries_of('r429')]
        check(lh and lh[0]['t'] < t429[0] + 0.5, 'another host is not held up by one that waits')
        during = [e['path'] for e in srv.stats.log if e['host'].startswith('127.0.0.1')
                  and t429[0] + 0.05 < e['t'] < t429[1] - 0.05]
        check(not during, 'while its Retry-After runs, nothing else is asked of that host', during)

    with Server() as srv:
        # always failing: 1 + retries tries, pauses growing fourfold
        line = srv.url('/fail/down?n=99&mode=500')
        out, _, wall = run([line], *FAST, '--retries', '2', '--retry-pause', '200', '--max-wait', '5')
        t = [e['t'] for e in srv.stats.log]
        check(out[0]['outcome'] == 'http_error' and out[0]['status'] == 500 and out[0]['tries'] == 3,
              'always 500: 3 tries, then the failure', out[0])
        check(out[0]['transient'], 'and it is marked transient', out[0])
        check(len(t) == 3 and 0.15 <= t[1] - t[0] < 0.6 and 0.7 <= t[2] - t[1] < 1.6,
              'pauses of 200 ms then 800 ms', ['%.2f' % (b - a) for a, b in zip(t, t[1:])])
        n0 = len(srv.stats.log)
        out, _, _ = run([srv.url('/fail/off?n=99&mode=503')], *FAST, '--retries', '0')
        check(out[0]['tries'] == 1 and len(srv.stats.log) - n0 == 1, 'retries 0: one try only', out[0])
        n0 = len(srv.stats.log)
        out, _, _ = run([srv.url('/fail/far?n=99&mode=429&ra=3600')], *FAST, '--retries', '2', '--max-wait', '60')
        r = out[0]
        check(r['tries'] == 1 and len(srv.stats.log) - n0 == 1 and r['retry_after'] is not None,
              'Retry-After over max_wait: not waited for, returned to the caller', r)
        n0 = len(srv.stats.log)
        out, _, _ = run([srv.url('/fail/slow?n=99&mode=503&ra=1')], *FAST, '--retries', '1', '--max-wait', '5')
        r = out[0]
        check(r['tries'] == 2 and r['retry_after'] is not None and r['outcome'] == 'http_error',
              'Retry-After within max_wait but tries used up: the last answer keeps its Retry-After', r)

    # a refused connection is retried too: the port starts listening during the pause
    import socket
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    late = {}

    def listen_late():
        time.sleep(0.4)
        from http.server import ThreadingHTTPServer
        import threading
        httpd = ThreadingHTTPServer(('127.0.0.1', port), Handler)
        httpd.daemon_threads = True
        httpd.stats = Server().stats
        late['httpd'] = httpd
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    import threading
    th = threading.Thread(target=listen_late)
    th.start()
    out, _, _ = run(['http://127.0.0.1:%d/feed/1' % port], *FAST, '--retries', '2', '--retry-pause', '1000')
    th.join()
    if 'httpd' in late:
        late['httpd'].shutdown()
        late['httpd'].server_close()
    check(out[0]['outcome'] == 'ok' and out[0]['tries'] == 2, 'connection refused, then a retry succeeds', out[0])


SCENARIOS = {'hostile': hostile, 'conditional': conditional, 'per-host': per_host,
             'redirects': redirects, 'politeness': politeness, 'tls': tls, 'retries': retries}

if __name__ == '__main__':
    DRIVER = sys.argv[1]
    SCENARIOS[sys.argv[2]]()
    print('1..%d' % count)
    sys.exit(1 if failures else 0)
