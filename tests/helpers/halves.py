#!/usr/bin/env python3
"""Scores a judge's report on two fixed halves of its dev set.

Rules for metadata are chosen by looking at half A only and confirmed on
half B: a rule that helps A and not B is fitted to the dev pages, not
general. A page's half is fixed by a hash of its name, so it never moves
between runs; --salt draws the halves anew (to check once, near the end,
that the figures do not depend on the particular split).

  halves.py extract REPORT.json   # ../shared/conformance/extract/judge.py --report
  halves.py dates REPORT.json     # ../shared/conformance/dates/judge.py --report
  halves.py dates REPORT.json --salt redraw-1

The dates judge's report lists only failures, so the page list comes from
its truth.json (--truth, default ../shared/conformance/dates/truth.json
beside this repository). Standard library only.
"""
import argparse
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def half_of(name, salt=""):
    """'A' or 'B': the parity of SHA-256(salt + name)'s first byte."""
    digest = hashlib.sha256((salt + name).encode("utf-8")).digest()
    return "A" if digest[0] % 2 == 0 else "B"


def ratio(n, d):
    return n / d if d else 0.0


def score_extract(pages):
    """Body F1 and exact title/author/date over the pages given."""
    tp = fp = fn = 0
    fields = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    for p in pages:
        tp += p.get("tp", 0)
        fp += p.get("fp", 0)
        fn += p.get("fn", 0)
        for field, exact_key in (("title", "exact_relaxed"), ("author", "exact_relaxed"),
                                 ("date", "exact_within_1_day")):
            rec = p.get(field)
            if not rec or rec.get("gold") in (None, "", []):
                continue
            fields[field][1] += 1
            if rec.get(exact_key, [False])[0]:
                fields[field][0] += 1
    prec, rec = ratio(tp, tp + fp), ratio(tp, tp + fn)
    out = {"pages": len(pages), "body_f1": ratio(2 * prec * rec, prec + rec)}
    for field, (hit, n) in fields.items():
        out[field] = ratio(hit, n)
        out[field + "_n"] = n
    return out


def score_dates(names, failures):
    tp = fp = fn = 0
    for name in names:
        f = failures.get(name)
        if f is None:
            tp += 1
        elif f.get("got") in (None, ""):
            fn += 1
        else:
            fp += 1
    return {"pages": len(names), "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
            "accuracy": ratio(tp, tp + fp + fn), "tp": tp, "fp": fp, "fn": fn}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["extract", "dates"])
    ap.add_argument("report")
    ap.add_argument("--salt", default="", help="draw other halves (default: the fixed ones)")
    ap.add_argument("--truth", default=os.path.join(SHARED, "conformance", "dates", "truth.json"))
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    a = ap.parse_args()
    with open(a.report, encoding="utf-8") as f:
        report = json.load(f)
    results = {}
    if a.kind == "extract":
        pages = report["pages"]
        for h in ("A", "B"):
            results[h] = score_extract([p for p in pages if half_of(p["name"], a.salt) == h])
        results["all"] = score_extract(pages)
        cols = ["pages", "body_f1", "title", "author", "date"]
    else:
        with open(a.truth, encoding="utf-8") as f:
            names = [p["name"] for p in json.load(f)["pages"]]
        failures = {f["name"]: f for f in report.get("failures", [])}
        for h in ("A", "B"):
            results[h] = score_dates([n for n in names if half_of(n, a.salt) == h], failures)
        results["all"] = score_dates(names, failures)
        cols = ["pages", "precision", "recall", "accuracy"]
    if a.json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return 0
    print("half  " + "  ".join(f"{c:>9}" for c in cols))
    for h in ("A", "B", "all"):
        r = results[h]
        print(f"{h:<4}  " + "  ".join(f"{r[c]:>9}" if isinstance(r[c], int) else f"{r[c]:>9.3f}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
