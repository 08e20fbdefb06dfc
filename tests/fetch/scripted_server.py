"""A scripted HTTP server for the fetch tests (Python standard library only).

Binds 127.0.0.1 (or another loopback address) on an ephemeral port and runs a
behaviour chosen by the request path.  It records every request (path, Host,
the validators and politeness headers it received) and counts requests and
connections in flight per Host, so tests can check what the client sent and
how hard it pushed.  Every behaviour is bounded in time (BOUND seconds) so a
client that never hangs up cannot keep a thread forever.
"""
import email.utils
import json
import select
import socket
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOUND = 20.0  # longest any behaviour lasts, seconds

FEED = (b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<rss version="2.0"><channel><title>Feed %d</title>'
        b'<link>http://example.org/%d</link>'
        b'<item><title>Item of feed %d</title><link>http://example.org/%d/1</link></item>'
        b'</channel></rss>\n')

# Validators per feed: some send both, some only one, verbatim oddities kept.
LAST_MODIFIED = 'Wed, 04 Nov 2026 10:00:00 GMT'


def feed_etag(n):
    return 'W/"feed-%d-v1"' % n if n % 2 else '"feed-%d-v1"' % n


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.inflight = {}
        self.max_inflight = {}
        self.total_inflight = 0
        self.max_total_inflight = 0
        self.conns = {}
        self.max_conns = {}
        self.fails = {}

    def begin(self, host):
        with self.lock:
            self.inflight[host] = self.inflight.get(host, 0) + 1
            self.max_inflight[host] = max(self.max_inflight.get(host, 0), self.inflight[host])
            self.total_inflight += 1
            self.max_total_inflight = max(self.max_total_inflight, self.total_inflight)

    def end(self, host):
        with self.lock:
            self.inflight[host] -= 1
            self.total_inflight -= 1

    def conn_open(self, host):
        with self.lock:
            self.conns[host] = self.conns.get(host, 0) + 1
            self.max_conns[host] = max(self.max_conns.get(host, 0), self.conns[host])

    def conn_close(self, host):
        with self.lock:
            self.conns[host] -= 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'scripted'

    def log_message(self, fmt, *args):  # quiet
        pass

    def handle(self):
        self.conn_host = None
        try:
            super().handle()
        except (ConnectionError, BrokenPipeError, socket.timeout, OSError):
            pass
        finally:
            if self.conn_host is not None:
                self.server.stats.conn_close(self.conn_host)

    # -- helpers ---------------------------------------------------------
    def send(self, status, body=b'', ctype='application/rss+xml', headers=()):
        self.send_response(status)
        if ctype:
            self.send_header('Content-Type', ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def raw(self, data):
        self.wfile.write(data)
        self.wfile.flush()

    def stream(self, gen, deadline=BOUND):
        """Writes chunks from gen until the client hangs up or time is out."""
        end = time.monotonic() + deadline
        try:
            for chunk in gen:
                if time.monotonic() > end:
                    break
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionError, OSError):
            pass
        self.close_connection = True

    def idle(self, seconds):
        """Waits; False as soon as the client hangs up."""
        r, _, _ = select.select([self.connection], [], [], seconds)
        if r:
            try:
                if self.connection.recv(1, socket.MSG_PEEK) == b'':
                    return False
            except OSError:
                return False
        return True

    def reset(self):
        """Closes the connection with a TCP RST."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        self.connection.close()
        self.close_connection = True

    # -- dispatch --------------------------------------------------------
    def do_GET(self):
        host = self.headers.get('Host', '')
        st = self.server.stats
        target = self.path
        if self.path.startswith('http://'):
            # absolute form: we are being used as a proxy
            rest = self.path[len('http://'):]
            self.path = '/' + rest.partition('/')[2]
        if self.conn_host is None:
            self.conn_host = host
            st.conn_open(host)
        entry = {
            'path': self.path, 'target': target, 'host': host, 't': time.monotonic(),
            'if_none_match': self.headers.get('If-None-Match'),
            'if_modified_since': self.headers.get('If-Modified-Since'),
            'user_agent': self.headers.get('User-Agent'),
            'accept': self.headers.get('Accept'),
            'accept_encoding': self.headers.get('Accept-Encoding'),
        }
        with st.lock:
            st.log.append(entry)
        st.begin(host)
        try:
            self.route()
        finally:
            st.end(host)

    def route(self):
        path, _, query = self.path.partition('?')
        parts = path.strip('/').split('/')
        name = parts[0]
        arg = parts[1] if len(parts) > 1 else ''
        fn = getattr(self, 'b_' + name.replace('-', '_'), None)
        if fn is None:
            self.send(404, b'no such behaviour', 'text/plain')
            return
        fn(arg, query)

    # -- behaviours ------------------------------------------------------
    def b_feed(self, arg, query):
        """A good feed with validators; answers 304 to matching ones.
        ?delay=S waits first (the per-host and bench tests)."""
        n = int(arg or 0)
        if query.startswith('delay='):
            time.sleep(float(query[6:]))
        etag = feed_etag(n) if n % 3 != 2 else None
        lm = LAST_MODIFIED if n % 3 != 1 else None
        inm = self.headers.get('If-None-Match')
        ims = self.headers.get('If-Modified-Since')
        fresh = (inm is not None and etag is not None and inm == etag) or \
                (inm is None and ims is not None and lm is not None and ims == lm)
        hdrs = []
        if etag:
            hdrs.append(('ETag', etag))
        if lm:
            hdrs.append(('Last-Modified', lm))
        if fresh:
            self.send_response(304)
            for k, v in hdrs:
                self.send_header(k, v)
            self.end_headers()
            return
        self.send(200, FEED % (n, n, n, n), 'application/rss+xml; charset=utf-8', hdrs)

    def b_page(self, arg, query):
        """An article page of about 30 KB after ?delay=S (the bench)."""
        if query.startswith('delay='):
            time.sleep(float(query[6:]))
        body = (b'<!doctype html><html><head><title>Page %s</title></head><body><article>'
                % arg.encode() + b'<p>Enterprise 2.0 text. ' * 1200 + b'</article></body></html>')
        self.send(200, body, 'text/html; charset=utf-8')

    def b_echo(self, arg, query):
        body = json.dumps(dict(self.headers.items())).encode()
        self.send(200, body, 'application/json')

    def b_drip(self, arg, query):
        """Headers, then one byte a second: far below any low-speed limit."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', '100000')
        self.end_headers()

        def gen():
            while True:
                yield b'<'
                self.wfile.flush()
                if not self.idle(1):
                    return
        self.stream(gen())

    def b_trickle(self, arg, query):
        """200 bytes every half second, forever: above the low-speed limit,
        so only the total timeout ends it."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Connection', 'close')
        self.end_headers()

        def gen():
            while True:
                yield b'<' * 200
                self.wfile.flush()
                if not self.idle(0.5):
                    return
        self.stream(gen())

    def b_gzip_feed(self, arg, query):
        """A feed sent gzip-encoded when the client accepts it."""
        body = FEED % (7, 7, 7, 7)
        if 'gzip' in (self.headers.get('Accept-Encoding') or ''):
            z = zlib.compressobj(6, zlib.DEFLATED, 31)
            self.send(200, z.compress(body) + z.flush(), 'application/rss+xml',
                      [('Content-Encoding', 'gzip')])
        else:
            self.send(200, body, 'application/rss+xml')

    def b_hang(self, arg, query):
        """Headers, then silence."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', '1000')
        self.end_headers()
        self.wfile.flush()
        self.idle(BOUND / 2)
        self.close_connection = True

    def b_big_cl(self, arg, query):
        """A body of 64 MiB announced by Content-Length."""
        size = 64 << 20
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', str(size))
        self.end_headers()
        self.stream(b'x' * 65536 for _ in range(size // 65536))

    def b_big_nocl(self, arg, query):
        """An endless body without Content-Length, ended by closing."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Connection', 'close')
        self.end_headers()

        def gen():
            while True:
                yield b'y' * 65536
        self.stream(gen())

    def b_big_chunked(self, arg, query):
        """An endless chunked body."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Transfer-Encoding', 'chunked')
        self.end_headers()

        def gen():
            while True:
                yield b'10000\r\n' + b'z' * 65536 + b'\r\n'
        self.stream(gen())

    def b_gzip_bomb(self, arg, query):
        """1 GiB of zeros, gzipped on the fly (zlib streaming), ~1 MiB on the wire."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Encoding', 'gzip')
        self.send_header('Connection', 'close')
        self.end_headers()
        zeros = bytes(1 << 20)

        def gen():
            z = zlib.compressobj(9, zlib.DEFLATED, 31)
            for _ in range(1024):
                out = z.compress(zeros)
                if out:
                    yield out
            yield z.flush()
        self.stream(gen())

    def b_loop(self, arg, query):
        n = int(arg or 0)
        self.send(302, b'', None, [('Location', '/loop/%d' % (n + 1))])

    def b_to_file(self, arg, query):
        self.send(302, b'', None, [('Location', 'file:///etc/passwd')])

    def b_to_ftp(self, arg, query):
        self.send(301, b'', None, [('Location', 'ftp://127.0.0.1/feed.xml')])

    def b_retry_secs(self, arg, query):
        self.send(429, b'slow down', 'text/plain', [('Retry-After', '120')])

    def b_retry_date(self, arg, query):
        when = email.utils.formatdate(time.time() + 3600, usegmt=True)
        self.send(429, b'slow down', 'text/plain', [('Retry-After', when)])

    def b_retry_far(self, arg, query):
        self.send(429, b'slow down', 'text/plain', [('Retry-After', '99999999')])

    def b_unavailable(self, arg, query):
        self.send(503, b'maintenance', 'text/html', [('Retry-After', '30')])

    def b_status(self, arg, query):
        code = int(arg)
        self.send(code, b'status %d' % code, 'text/html')

    def b_error_endless(self, arg, query):
        """A 404 whose page never ends: the status must be enough."""
        self.send_response(404)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Connection', 'close')
        self.end_headers()

        def gen():
            while True:
                yield b'<p>not found</p>' * 4096
        self.stream(gen())

    def b_reset(self, arg, query):
        """Promises 10000 bytes, sends 100, then resets the connection."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', '10000')
        self.end_headers()
        self.raw(b'<' * 100)
        time.sleep(0.2)
        self.reset()

    def b_chunked_trunc(self, arg, query):
        """A chunked body that stops without its last chunk."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Transfer-Encoding', 'chunked')
        self.end_headers()
        self.raw(b'20\r\n<rss version="2.0"><channel>..\r\n')
        self.close_connection = True

    def b_short_cl(self, arg, query):
        """Content-Length 5000, 50 bytes, a clean close."""
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', '5000')
        self.end_headers()
        self.raw(b'<' * 50)
        self.close_connection = True

    def b_html(self, arg, query):
        self.send(200, b'<!doctype html><html><head><title>Not a feed</title></head>'
                  b'<body><p>Hello</p></body></html>', 'text/html; charset=utf-8')

    def b_wrong_charset(self, arg, query):
        body = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>' \
               '<title>Caf\u00e9 \u2013 na\u00efve</title></channel></rss>'.encode('utf-8')
        self.send(200, body, 'application/rss+xml; charset=iso-8859-1')

    BAD_UTF8 = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
                b'bad \xff\xfe \xc3\x28 \xed\xa0\x80 \xe2\x82 end\x00tail</title></channel></rss>')

    def b_bad_utf8(self, arg, query):
        self.send(200, self.BAD_UTF8, 'application/rss+xml; charset=utf-8')

    def b_header_flood(self, arg, query):
        """Headers that never end."""
        self.raw(b'HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n')

        def gen():
            i = 0
            while True:
                i += 1
                yield b'X-Filler-%d: %s\r\n' % (i, b'f' * 1000)
        self.stream(gen())

    def b_fail(self, arg, query):
        """/fail/NAME?n=N&mode=M[&ra=S]: the first N requests for NAME fail,
        then it is feed 1. M is an HTTP status (with Retry-After: S when ra
        is given), 'reset' (100 of 10000 bytes, then a TCP RST), 'trunc'
        (Content-Length 5000, 50 bytes, a clean close) or 'empty' (the
        connection closed without an answer)."""
        q = dict(kv.split('=', 1) for kv in query.split('&') if '=' in kv)
        st = self.server.stats
        with st.lock:
            seen = st.fails.get(arg, 0)
            st.fails[arg] = seen + 1
        if seen >= int(q.get('n', '1')):
            return self.b_feed('1', '')
        mode = q.get('mode', '500')
        if mode == 'reset':
            return self.b_reset(arg, query)
        if mode == 'trunc':
            return self.b_short_cl(arg, query)
        if mode == 'empty':
            self.close_connection = True
            return
        extra = [('Retry-After', q['ra'])] if 'ra' in q else []
        self.send(int(mode), b'scripted failure', 'text/plain', extra)

    # permanent and temporary redirect chains
    def b_perm(self, arg, query):
        """301 -> 308 -> feed/1: moved_to is feed/1."""
        self.send(301, b'', None, [('Location', '/perm2')])

    def b_perm2(self, arg, query):
        self.send(308, b'', None, [('Location', '/feed/1')])

    def b_temp_then_perm(self, arg, query):
        """302 -> 301 -> feed/4: not a permanent move."""
        self.send(302, b'', None, [('Location', '/perm3')])

    def b_perm3(self, arg, query):
        self.send(301, b'', None, [('Location', '/feed/4')])

    def b_perm_then_temp(self, arg, query):
        """301 -> temp-hop -> 302 -> feed/5: moved_to is temp-hop."""
        self.send(301, b'', None, [('Location', 'temp-hop')])

    def b_temp_hop(self, arg, query):
        self.send(302, b'', None, [('Location', '/feed/5')])

    def b_perm_to_404(self, arg, query):
        self.send(301, b'', None, [('Location', '/status/404')])


class Server:
    """Runs the scripted server in a thread: `with Server() as s: s.url('/x')`.
    With ssl_context, it speaks HTTPS."""

    def __init__(self, addr='127.0.0.1', ssl_context=None):
        self.httpd = ThreadingHTTPServer((addr, 0), Handler)
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = 'https' if ssl_context is not None else 'http'
        self.httpd.daemon_threads = True
        self.httpd.stats = Stats()
        self.addr = addr
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def stats(self):
        return self.httpd.stats

    def url(self, path, host=None):
        return '%s://%s:%d%s' % (self.scheme, host or self.addr, self.port, path)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == '__main__':
    # Standalone: `scripted_server.py ADDR` prints the port, serves until
    # stdin closes (the benchmark runs one process per address).
    import sys
    srv = Server(sys.argv[1] if len(sys.argv) > 1 else '127.0.0.1')
    with srv:
        print(srv.port, flush=True)
        sys.stdin.read()
