"""Shared pieces of the end-to-end tests: a temporary workspace holding a copy
of the demo site, the demo server on 127.0.0.1, and a runner for reads."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "tests", "helpers"))


class Workspace:
    def __init__(self, reads, lifetime=300):
        """lifetime: seconds the demo server lives (it exits by itself then,
        so a test that dies never leaves it behind)."""
        self.reads = reads
        self.dir = tempfile.mkdtemp(prefix="reads-e2e-")
        self.site = os.path.join(self.dir, "site")
        shutil.copytree(os.path.join(TOP, "demo", "site"), self.site)
        self.log = os.path.join(self.dir, "requests.log")
        port_file = os.path.join(self.dir, "port")
        self.server = subprocess.Popen(
            [sys.executable, os.path.join(TOP, "demo", "serve.py"), "--root", self.site,
             "--port-file", port_file, "--log", self.log, "--hang-seconds", "20", "--lifetime", str(lifetime)])
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        self.base = open(port_file).read().strip()
        self.config = os.path.join(self.dir, "feeds.yaml")

    def write_config(self, text):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(text.replace("@BASE@", self.base))

    def demo_config(self, extra_feeds=(), fetch="{connections: 8, per_host: 2, timeout: 30}"):
        text = open(os.path.join(TOP, "demo", "feeds.yaml.in"), encoding="utf-8").read()
        text = text.replace("output: ../digests/", "output: digests/")
        text = text.replace("fetch: {connections: 8, per_host: 2, timeout: 30}", "fetch: " + fetch)
        if extra_feeds:
            text = text.replace("feeds:\n", "feeds:\n" + "".join(f"  - {u}\n" for u in extra_feeds), 1)
        self.write_config(text)

    def run(self, *args, env=None, timeout=120):
        e = dict(os.environ)
        e.update(env or {})
        p = subprocess.run([self.reads, "-c", self.config, *args], capture_output=True, text=True,
                           timeout=timeout, env=e, stdin=subprocess.DEVNULL)
        return p

    def run_at(self, when, *args):
        """Runs reads with the clock pinned at `when` (epoch seconds, READS_NOW)."""
        return self.run(*args, env={"READS_NOW": str(when)})

    def sql(self, query, *params):
        """Rows of a query on the archive (reads.db), committed."""
        import sqlite3
        db = sqlite3.connect(self.path("reads.db"))
        try:
            rows = db.execute(query, params).fetchall()
            db.commit()
            return rows
        finally:
            db.close()

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8") as f:
            return f.read()

    def write(self, rel, text):
        with open(self.path(rel), "w", encoding="utf-8") as f:
            f.write(text)

    def requests(self):
        import json
        if not os.path.exists(self.log):
            return []
        return [json.loads(line) for line in open(self.log, encoding="utf-8")]

    def close(self):
        self.server.kill()
        self.server.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
