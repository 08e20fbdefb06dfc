#!/usr/bin/env python3
"""A small HTTP server for the offline demo and the end-to-end tests.

Serves the files under --root on 127.0.0.1 (an ephemeral port unless --port),
replacing the text @BASE@ in every file with its own base URL, so feeds and
pages can link to each other wherever the server runs. It honours
If-None-Match / If-Modified-Since (ETag = a hash of the body), and it logs every
request as one JSON line to --log (method, path, validators received, status).

Scripted misbehaviours for tests, by path prefix:
  /_status/CODE/...    answers with HTTP CODE and a short body
  /_hang/...           sends headers, then never finishes the body
  /_garbage/...        200 with bytes that are no feed and no page
  /_redirect/CODE/P    answers CODE with Location: /P (a short link)
  /_retry/CODE/SECONDS/...
                       answers CODE (429, 503, ...) with Retry-After: SECONDS
  /_retry_date/CODE/EPOCH/...
                       answers CODE with Retry-After: EPOCH as an HTTP date
  /_flaky/N/FAULT/P    answers with FAULT to the first N requests for this path,
                       then answers for /P as usual (a server that recovers)
  /_nth/K/FAULT/P      answers with FAULT to the K-th request (1-based) for this
                       path only; every other request gets /P
  /_switch/NAME/FAULT/P
                       answers with FAULT while the file ROOT/_switch/NAME
                       exists, else for /P (a test turns the fault on and off)
                       (P may itself be one of these scripted paths)
  /_lastmod/P          serves the file /P with Last-Modified but no ETag, so
                       only If-Modified-Since can make it answer 304
  /_article/DATE/SLUG.html
                       an article page titled after SLUG, published on DATE
                       (YYYY-MM-DD, in its <meta property="article:published_time">
                       and a <time> element), or with no date anywhere when DATE
                       is "undated"
A FAULT is an HTTP status ("500"), a status with Retry-After ("429ra2": 429,
Retry-After: 2), "truncate" (the file's headers, then half its body and a clean
close: a truncated body) or "reset" (half the body, then a TCP RST).
The log also names the Host header each request carried, so tests can tell
requests to http://localhost:PORT from requests to http://127.0.0.1:PORT.
Writes "http://127.0.0.1:PORT" to --port-file once it listens.
"""
import argparse
import email.utils
import hashlib
import http.server
import json
import os
import re
import socket
import socketserver
import struct
import sys
import threading
import time

TYPES = {".xml": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".json": "application/feed+json", ".opml": "text/x-opml"}
MTIME = email.utils.formatdate(1288569600, usegmt=True)  # fixed, so validators are stable
FAULT = re.compile(r"(\d{3})(?:ra(\d+))?|truncate|reset")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # the JSON log replaces stderr chatter
        pass

    def finish(self):
        try:
            super().finish()
        except OSError:  # the connection was reset on purpose (FAULT "reset")
            pass

    def record(self, status, fault=None):
        if self.server.log:
            entry = {"method": self.command, "path": self.path, "status": status, "fault": fault,
                     "if_none_match": self.headers.get("If-None-Match"),
                     "if_modified_since": self.headers.get("If-Modified-Since"),
                     "user_agent": self.headers.get("User-Agent"), "host": self.headers.get("Host"),
                     "time": time.time()}
            with self.server.lock, open(self.server.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

    def send(self, status, body, ctype="text/plain; charset=utf-8", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.record(status)  # before the client can see the answer: no race with a test reading the log
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.route(self.path.split("?", 1)[0].split("#", 1)[0])

    def route(self, path):
        """Answers for path; the scripted prefixes wrap any other path."""
        parts = path.strip("/").split("/")
        if parts[0] == "_status" and len(parts) > 1 and parts[1].isdigit():
            return self.send(int(parts[1]), b"scripted status\n")
        if parts[0] == "_hang":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss><channel>")
            self.wfile.flush()
            self.record(200)
            time.sleep(self.server.hang_seconds)
            return
        if parts[0] == "_redirect" and len(parts) > 2 and parts[1].isdigit():
            return self.send(int(parts[1]), b"moved\n", extra=[("Location", "/" + "/".join(parts[2:]))])
        if parts[0] == "_garbage":
            return self.send(200, bytes(range(256)) * 8, "application/rss+xml")
        if parts[0] == "_retry" and len(parts) > 2 and parts[1].isdigit():
            return self.send(int(parts[1]), b"slow down\n", extra=[("Retry-After", parts[2])])
        if parts[0] == "_retry_date" and len(parts) > 2 and parts[1].isdigit() and parts[2].isdigit():
            when = email.utils.formatdate(int(parts[2]), usegmt=True)
            return self.send(int(parts[1]), b"slow down\n", extra=[("Retry-After", when)])
        if parts[0] in ("_flaky", "_nth") and len(parts) > 3 and parts[1].isdigit() and FAULT.fullmatch(parts[2]):
            with self.server.lock:
                seen = self.server.flaky.get(path, 0)
                self.server.flaky[path] = seen + 1
            hit = seen < int(parts[1]) if parts[0] == "_flaky" else seen + 1 == int(parts[1])
            if hit:
                return self.fault(parts[2], "/" + "/".join(parts[3:]))
            return self.route("/" + "/".join(parts[3:]))
        if parts[0] == "_switch" and len(parts) > 3 and FAULT.fullmatch(parts[2]):
            if os.path.exists(os.path.join(self.server.root, "_switch", parts[1])):
                return self.fault(parts[2], "/" + "/".join(parts[3:]))
            return self.route("/" + "/".join(parts[3:]))
        if parts[0] == "_article" and len(parts) == 3:
            return self.article(parts[1], parts[2])
        if parts[0] == "_lastmod" and len(parts) > 1:
            return self.serve_file("/" + "/".join(parts[1:]), etag=False)
        return self.serve_file(path)

    def fault(self, fault, path):
        """Answers with a scripted FAULT instead of the file at path."""
        m = FAULT.fullmatch(fault)
        if m.group(1):
            extra = [("Retry-After", m.group(2))] if m.group(2) is not None else []
            return self.send(int(m.group(1)), b"scripted failure\n", extra=extra)
        local = os.path.normpath(os.path.join(self.server.root, path.lstrip("/")))
        body = open(local, "rb").read() if os.path.isfile(local) else b"<html>" + b"x" * 4000 + b"</html>"
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(os.path.splitext(local)[1], "text/html"))
        self.send_header("Content-Length", str(len(body)))
        self.record(200, fault)
        self.end_headers()
        self.wfile.write(body[:len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        if fault == "reset":
            time.sleep(0.05)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    def article(self, date, slug):
        """A generated article page (see /_article/ above)."""
        name = slug.rsplit(".", 1)[0]
        title = name.replace("-", " ").capitalize()
        words = ("enterprise social networks turn the inbox into a stream where teams share what they know "
                 "and managers learn to let conversations run without a plan").split()
        paras = "".join("<p>%s.</p>\n" % " ".join(words[(i * 7 + k) % len(words)] for k in range(40)).capitalize()
                        for i in range(6))
        meta = time_el = ""
        if date != "undated":
            meta = '<meta property="article:published_time" content="%sT10:00:00Z">\n' % date
            time_el = '<p class="byline"><time datetime="%sT10:00:00Z">%s</time></p>\n' % (date, date)
        body = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%s</title>\n%s"
                "</head><body><article><h1>%s</h1>\n%s<div class=\"entry-content\">\n%s</div></article>"
                "</body></html>\n" % (title, meta, title, time_el, paras)).encode()
        return self.send(200, body, TYPES[".html"])

    def serve_file(self, path, etag=True):
        local = os.path.normpath(os.path.join(self.server.root, path.lstrip("/")))
        if not local.startswith(self.server.root) or not os.path.isfile(local):
            return self.send(404, b"not found\n")
        with open(local, "rb") as f:
            body = f.read().replace(b"@BASE@", self.server.base.encode())
        tag = '"%s"' % hashlib.sha1(body).hexdigest()[:16] if etag else None
        validators = ([("ETag", tag)] if tag else []) + [("Last-Modified", MTIME)]
        if (tag and self.headers.get("If-None-Match") == tag) or (
                not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == MTIME):
            self.send_response(304)
            for k, v in validators:
                self.send_header(k, v)
            self.record(304)
            self.end_headers()
            return
        ctype = TYPES.get(os.path.splitext(local)[1], "application/octet-stream")
        self.send(200, body, ctype, validators)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, default=0, help="0: any free port; a busy port falls back to any")
    ap.add_argument("--port-file")
    ap.add_argument("--log")
    ap.add_argument("--hang-seconds", type=float, default=30)
    ap.add_argument("--lifetime", type=float, default=600, help="exit after this many seconds")
    args = ap.parse_args()
    try:
        srv = Server(("127.0.0.1", args.port), Handler)
    except OSError:
        if not args.port:
            raise
        print(f"serve.py: port {args.port} is busy; using another one", file=sys.stderr)
        srv = Server(("127.0.0.1", 0), Handler)
    srv.root = os.path.realpath(args.root)
    srv.base = "http://127.0.0.1:%d" % srv.server_address[1]
    srv.log = args.log
    srv.lock = threading.Lock()
    srv.flaky = {}
    srv.hang_seconds = args.hang_seconds
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(srv.base)
        os.replace(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
