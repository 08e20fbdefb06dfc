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
  /_flaky/N/CODE/P     answers CODE to the first N requests for this path, then
                       serves the file /P as usual (a server that recovers)
  /_lastmod/P          serves the file /P with Last-Modified but no ETag, so
                       only If-Modified-Since can make it answer 304
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
import socketserver
import sys
import threading
import time

TYPES = {".xml": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".json": "application/feed+json", ".opml": "text/x-opml"}
MTIME = email.utils.formatdate(1288569600, usegmt=True)  # fixed, so validators are stable


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # the JSON log replaces stderr chatter
        pass

    def record(self, status):
        if self.server.log:
            entry = {"method": self.command, "path": self.path, "status": status,
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
        path = self.path.split("?", 1)[0].split("#", 1)[0]
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
        if parts[0] == "_flaky" and len(parts) > 3 and parts[1].isdigit() and parts[2].isdigit():
            with self.server.lock:
                seen = self.server.flaky.get(path, 0)
                self.server.flaky[path] = seen + 1
            if seen < int(parts[1]):
                return self.send(int(parts[2]), b"scripted failure\n")
            return self.serve_file("/" + "/".join(parts[3:]))
        if parts[0] == "_lastmod" and len(parts) > 1:
            return self.serve_file("/" + "/".join(parts[1:]), etag=False)
        return self.serve_file(path)

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
