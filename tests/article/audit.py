#!/usr/bin/env python3
"""Lists the author and title `reads extract` gives on pages whose
annotations say nothing about either, for judging by eye.

htmldate's pages (../shared/conformance/dates) carry dates only: no author
or title rule was ever chosen by looking at them, so what the extractor
says about them is a fair sample of how its rules travel. This script does
not score anything (there is nothing to score against); it prints one
record per page so that a reviewer can classify each author and title as
right, wrong (of which kind) or missing, and compare two runs.

  audit.py [--reads build/reads] [--shared DIR] [--jobs 2] [--json OUT]
           [--diff OLD.json]

Prints "name<TAB>field<TAB>source<TAB>value<TAB>url" lines (author, then
title), and with --diff only the pages whose author or title changed since
OLD.json (a previous --json output). Standard library only.
"""
import argparse
import concurrent.futures as cf
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def extract(reads, page, folder, tmp):
    """reads' JSON for one page, or an {"error": …} object."""
    path = os.path.join(tmp, page["name"] + ".html")
    with gzip.open(os.path.join(folder, page["file"]), "rb") as f, open(path, "wb") as g:
        g.write(f.read())
    try:
        r = subprocess.run([reads, "extract", path, "--url", page["url"], "--json"],
                           capture_output=True, timeout=60)
        out = json.loads(r.stdout.decode("utf-8"))
    except (subprocess.TimeoutExpired, ValueError) as e:
        out = {"error": type(e).__name__}
    finally:
        os.unlink(path)
    src = out.get("sources") or {}
    return {"name": page["name"], "url": page["url"],
            "author": out.get("author"), "author_source": src.get("author"),
            "title": out.get("title"), "title_source": src.get("title"),
            "error": out.get("error")}


def line(rec, field):
    value = rec[field]
    return "%s\t%s\t%s\t%s\t%s" % (rec["name"], field, rec[field + "_source"] or "-",
                                   "-" if value is None else value, rec["url"])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reads", default="build/reads")
    ap.add_argument("--shared", default=SHARED)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", help="write the records here")
    ap.add_argument("--diff", help="print only what changed since this --json output")
    a = ap.parse_args()
    folder = os.path.join(a.shared, "conformance", "dates")
    if not os.path.isdir(folder):
        print("audit: %s: absent" % folder, file=sys.stderr)
        return 77
    pages = json.load(open(os.path.join(folder, "truth.json"), encoding="utf-8"))["pages"]
    tmp = tempfile.mkdtemp(prefix="reads-audit-")
    with cf.ThreadPoolExecutor(a.jobs) as ex:
        recs = list(ex.map(lambda p: extract(a.reads, p, folder, tmp), pages))
    os.rmdir(tmp)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(recs, f, ensure_ascii=False, indent=0)
    old = {}
    if a.diff:
        old = {r["name"]: r for r in json.load(open(a.diff, encoding="utf-8"))}
    for field in ("author", "title"):
        for rec in recs:
            if a.diff:
                was = old.get(rec["name"])
                if was and was[field] == rec[field]:
                    continue
                if was:
                    print("-" + line(was, field))
                print("+" + line(rec, field))
            else:
                print(line(rec, field))
    for field in ("author", "title"):
        n = sum(1 for r in recs if r[field] is not None)
        print("# %s given on %d of %d pages" % (field, n, len(recs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
