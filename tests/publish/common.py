"""Pieces shared by the publish tests: a drafted month, what its entries are,
what an HTML page shows, and a proxy on 127.0.0.1 that loses or refuses
chosen requests on their way to a real server."""
import html.parser
import http.client
import http.server
import os
import re
import socketserver
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "tests", "e2e"))
sys.path.insert(0, os.path.join(TOP, "tests", "helpers"))

from harness import Workspace  # noqa: E402


def drafted_month(reads):
    """A workspace whose digests/2010-11.md is `reads draft 2010-11` of the
    offline demo (its server is stopped once the draft is written)."""
    ws = Workspace(reads)
    ws.demo_config()
    p = ws.run("draft", "2010-11")
    if p.returncode != 0:
        raise RuntimeError(f"reads draft failed ({p.returncode}): {p.stderr}")
    ws.server.kill()
    ws.server.wait()
    return ws


def entries(markdown):
    """(title, url, quote) of every entry of a draft: its heading line and
    the blockquote under it (not the candidates in reads' comments)."""
    out = []
    in_comment = False
    current = None
    for line in markdown.splitlines():
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        m = re.match(r"^### \[(.+?)\]\((\S+?)\)", line)
        if m:
            current = [m.group(1), m.group(2), None]
            out.append(current)
        elif current and current[2] is None and line.startswith("> "):
            current[2] = line[2:].strip()
    return [tuple(e) for e in out]


class Page(html.parser.HTMLParser):
    """What a reader sees of an HTML page: its text, link targets, blockquote
    texts, the <title> and <h1>s, and the comments (which she does not see)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.quotes, self.comments, self.h1 = [], [], [], []
        self.title = ""
        self._text, self._quote, self._h1 = [], None, None
        self._skip = 0
        self._in_title = False
        self.feed(text)
        self.close()
        self.text = re.sub(r"\s+", " ", "".join(self._text)).strip()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href")
        elif tag == "blockquote":
            self._quote = []
        elif tag == "h1":
            self._h1 = []
        elif tag == "title":
            self._in_title = True
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "blockquote" and self._quote is not None:
            self.quotes.append(re.sub(r"\s+", " ", "".join(self._quote)).strip())
            self._quote = None
        elif tag == "h1" and self._h1 is not None:
            self.h1.append("".join(self._h1).strip())
            self._h1 = None
        elif tag == "title":
            self._in_title = False
        elif tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        self._text.append(data)
        if self._quote is not None:
            self._quote.append(data)
        if self._h1 is not None:
            self._h1.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def check_page(ok, page, title, draft_entries, what):
    """The checks every rendering of the post must pass."""
    if title is not None:
        ok(title in page.h1 or page.title.strip() == title, f"{what}: the title", (page.title, page.h1))
    missing_links = [u for _, u, _ in draft_entries if u not in page.links]
    ok(draft_entries and not missing_links, f"{what}: every entry's link ({len(draft_entries)})", missing_links)
    missing_quotes = [q for _, _, q in draft_entries if q not in page.quotes]
    ok(not missing_quotes, f"{what}: every entry's blockquote", missing_quotes)
    ok("reads:" not in page.text and "other quotes" not in page.text,
       f"{what}: none of reads' comments shows as text", page.text[:2000])


class Proxy:
    """An HTTP proxy on 127.0.0.1 in front of a server. rules: a list of
    (method, path regex, action), each used once, first match wins:
    'lose' forwards the request and drops the answer (the client sees the
    connection closed), '503' answers 503 without forwarding, 'hang:S'
    waits S seconds before closing. requests: what came through."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.rules = []
        self.requests = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                action = None
                with proxy.lock:
                    proxy.requests.append((self.command, self.path))
                    for i, (method, pattern, act) in enumerate(proxy.rules):
                        if method == self.command and re.search(pattern, self.path):
                            action = act
                            del proxy.rules[i]
                            break
                if action and action.startswith("hang:"):
                    time.sleep(float(action[5:]))
                    self.close_connection = True
                    return
                if action == "503":
                    data = b'{"code":"proxy_unavailable","message":"The server is busy.","data":{"status":503}}'
                    self.send_response(503)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("connection", "keep-alive", "accept-encoding")}
                conn = http.client.HTTPConnection("127.0.0.1", proxy.target_port, timeout=60)
                conn.request(self.command, self.path, body=body or None, headers=headers)
                r = conn.getresponse()
                data = r.read()
                conn.close()
                if action == "lose":
                    self.close_connection = True
                    return
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length", "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = handle_any

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
