#!/usr/bin/env python3
"""Golden test of `reads extract`: runs it on pages/NAME.html and checks the
fields pages/NAME.json pins.  Usage: golden.py READS PAGES_DIR NAME

NAME.json keys: url, content_type (optional, passed as --content-type),
title / author / date / site (exact; null means "must be null"), sources
(a subset of the output's "sources"), text_contains / text_excludes (lists of
snippets), text_paragraphs_min (paragraphs separated by blank lines)."""
import json
import subprocess
import sys


def main():
    reads, pages, name = sys.argv[1:4]
    exp = json.load(open(f"{pages}/{name}.json", encoding="utf-8"))
    cmd = [reads, "extract", f"{pages}/{name}.html", "--json", "--url", exp.get("url") or ""]
    if exp.get("content_type"):
        cmd += ["--content-type", exp["content_type"]]
    p = subprocess.run(cmd, capture_output=True, timeout=20)
    if p.returncode != 0:
        print(f"{name}: exit {p.returncode}: {p.stderr.decode(errors='replace')}")
        return 1
    out = json.loads(p.stdout.decode("utf-8"))  # strict UTF-8
    bad = []
    for k in ("title", "author", "date", "site"):
        if k in exp and out.get(k) != exp[k]:
            bad.append(f"{k}: want {exp[k]!r}, got {out.get(k)!r}")
    for k, v in exp.get("sources", {}).items():
        if out["sources"].get(k) != v:
            bad.append(f"sources.{k}: want {v!r}, got {out['sources'].get(k)!r}")
    text = out["text"]
    flat = " ".join(text.split())
    for s in exp.get("text_contains", []):
        if " ".join(s.split()) not in flat:
            bad.append(f"text lacks {s!r}")
    for s in exp.get("text_excludes", []):
        if " ".join(s.split()) in flat:
            bad.append(f"text has {s!r}")
    n = exp.get("text_paragraphs_min")
    if n and len([x for x in text.split("\n\n") if x.strip()]) < n:
        bad.append(f"fewer than {n} paragraphs: {text!r}")
    if "\n\n\n" in text or text != text.strip():
        bad.append("text has stray blank lines or edges")
    for k in ("title", "author", "date", "site", "text", "quote", "quotes", "sources"):
        if k not in out:
            bad.append(f"key {k} missing")
    for b in bad:
        print(f"{name}: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
