#!/usr/bin/env python3
"""`reads publish` without a blog: usage errors, the configuration it needs,
the password file's mode, --dry-run (what would be sent, with nothing sent),
and blogs that cannot be used: nobody listening, a server that is not
WordPress, one that redirects. The servers are real ones on 127.0.0.1.
Usage: test_cli.py READS"""
import http.server
import json
import os
import re
import socket
import socketserver
import sqlite3
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import drafted_month  # noqa: E402
from taplib import done, eq, ok  # noqa: E402

reads = os.path.abspath(sys.argv[1])


class Server:
    """A tiny server on 127.0.0.1 answering every request with (status,
    headers, body); it counts the requests."""

    def __init__(self, status, headers=(), body=b""):
        self.count = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def any(self):
                outer.count += 1
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = any

        class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = S(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


HELD = []  # sockets kept bound for the whole test


def closed_port():
    """A port nothing listens on for the whole test: bound but not listening,
    so connections are refused and no other server can be given it."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    HELD.append(s)
    return s.getsockname()[1]


ws = drafted_month(reads)
base_config = open(ws.config, encoding="utf-8").read()


def config(publish=""):
    with open(ws.config, "w", encoding="utf-8") as f:
        f.write(base_config + publish)


def publish(*args, env=None):
    e = {"READS_WP_PASSWORD": ""}
    e.update(env or {})
    return ws.run("publish", *args, env=e, timeout=60)


try:
    md = ws.path("digests", "2010-11.md")
    url = f"http://127.0.0.1:{closed_port()}"
    config(f"publish:\n  wordpress: {{url: \"{url}\", user: lamia, password_file: wp-password,\n"
           "              categories: [Enterprise 2.0], tags: reads}\n")

    p = ws.run("publish", "--help")
    ok(p.returncode == 0 and p.stdout.startswith("Usage: reads") and "--dry-run" in p.stdout, "--help")
    p = ws.run("--help")
    ok("publish FILE" in p.stdout, "reads --help lists publish")
    eq(publish().returncode, 2, "no draft: usage error")
    eq(publish(md, md).returncode, 2, "two drafts: usage error")
    p = publish(md, "--status", "live")
    ok(p.returncode == 2 and "draft, publish or future" in p.stderr, "an unknown status: usage error", p.stderr)
    p = publish(md, "--status", "future")
    ok(p.returncode == 2 and "--date" in p.stderr, "future without --date: usage error", p.stderr)
    p = publish(md, "--date", "someday")
    ok(p.returncode == 2 and "not a date" in p.stderr, "a bad --date: usage error", p.stderr)

    # --dry-run: what would be sent; no network, no password
    p = publish(md, "--dry-run")
    eq(p.returncode, 0, "--dry-run succeeds with nobody listening and no password")
    body = json.loads(p.stdout[p.stdout.index("{"):])
    export = subprocess.run([reads, "export", md], capture_output=True, text=True, timeout=30).stdout
    eq(body["content"], export, "the body's content is `reads export`")
    eq((body["title"], body["status"], body["date"], body["slug"]),
       ("Enterprise 2.0 reads – November 2010", "draft", "2010-12-01T00:00:00", "enterprise-2-0-reads-november-2010"),
       "title, status draft, date and slug from the front matter")
    ok(f"POST {url}/wp-json/wp/v2/posts: creates a new post" in p.stdout, "it says it would create a post", p.stdout)
    ok("categories: Enterprise 2.0 (" in p.stdout and "tags: reads (" in p.stdout, "and which terms", p.stdout)
    p = publish(md, "--dry-run", "--status", "publish", "--date", "2010-12-02 09:30")
    body = json.loads(p.stdout[p.stdout.index("{"):])
    eq((body["status"], body["date"]), ("publish", "2010-12-02T09:30:00"), "--status and --date are sent")

    # the password: a file readable by her only, or READS_WP_PASSWORD
    p = publish(md)
    ok(p.returncode == 2 and "wp-password" in p.stderr, "a missing password file: configuration error", p.stderr)
    with open(ws.path("wp-password"), "w") as f:
        f.write("abcd EFGH ijkl MNOP qrst UVWX\n")
    os.chmod(ws.path("wp-password"), 0o644)
    p = publish(md)
    ok(p.returncode == 2 and "mode 0644" in p.stderr and "chmod 600" in p.stderr,
       "a password file others can read is refused", p.stderr)
    p = ws.run("check")
    ok(p.returncode == 2 and re.search(r"feeds.yaml:\d+:14: .*wp-password: .*mode 0644.*chmod 600", p.stderr) and
       "abcd" not in p.stderr, "reads check says so too, at the wordpress: line", p.stderr)
    os.chmod(ws.path("wp-password"), 0o620)
    p = publish(md)
    ok(p.returncode == 2 and "written by others" in p.stderr, "one others can write too", p.stderr)
    os.chmod(ws.path("wp-password"), 0o600)
    eq(ws.run("check").returncode, 0, "reads check accepts mode 0600")
    p = publish(md)
    ok(p.returncode == 3 and url in p.stderr and "Couldn't connect" in p.stderr,
       "mode 0600: used; nobody listening: exit 3, said", p.stderr)
    ok("abcd" not in p.stderr + p.stdout, "the password is not printed")
    config(f"publish:\n  wordpress: {{url: \"{url}\", user: lamia}}\n")
    p = publish(md)
    ok(p.returncode == 2 and "READS_WP_PASSWORD" in p.stderr and
       re.search(r"feeds.yaml:\d+:14: wordpress: no password", p.stderr),
       "no password_file and no READS_WP_PASSWORD: said where", p.stderr)
    p = publish(md, env={"READS_WP_PASSWORD": "from the environment"})
    ok(p.returncode == 3 and "Couldn't connect" in p.stderr, "READS_WP_PASSWORD is used", p.stderr)

    # configuration
    config("")
    p = publish(md)
    ok(p.returncode == 2 and "publish:" in p.stderr and "reads-feeds(5)" in p.stderr,
       "no publish: section: configuration error", p.stderr)
    config("publish: {wordpress: {url: \"http://blog.example.org\", user: lamia}}\n")
    p = publish(md, env={"READS_WP_PASSWORD": "x"})
    ok(p.returncode == 2 and "https only" in p.stderr, "plain http to another machine: refused", p.stderr)

    # servers that are not a usable WordPress
    env = {"READS_WP_PASSWORD": "secret-password-1"}
    for what, server, want in (
            ("a server that is not WordPress (404)", Server(404, [("Content-Type", "text/html")], b"<p>no</p>"),
             "no WordPress REST API there (/wp-json/: HTTP 404; ?rest_route=/: HTTP 404)"),
            ("a web page for every address", Server(200, [("Content-Type", "text/html")], b"<html>blog</html>"),
             "no WordPress REST API there (/wp-json/: HTTP 200 but no JSON"),
            ("a blog that redirects", Server(301, [("Location", "https://www.example.org/")]),
             "redirects to https://www.example.org/; set url:"),
            ("a server error", Server(500, [("Content-Type", "application/json")],
                                      b'{"code":"internal_server_error","message":"There has been a critical error."}'),
             "HTTP 500 (internal_server_error: There has been a critical error.)")):
        config(f"publish: {{wordpress: {{url: \"{server.url}\", user: lamia}}}}\n")
        p = publish(md, env=env)
        ok(p.returncode == 3 and want in p.stderr and "secret-password-1" not in p.stderr, what, p.stderr)
        server.close()
    db = sqlite3.connect(ws.path("reads.db"))
    eq(db.execute("SELECT count(*) FROM published").fetchone()[0], 0, "nothing recorded by failed runs")
    db.close()
finally:
    ws.close()
sys.exit(done())
