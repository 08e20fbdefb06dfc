#!/usr/bin/env python3
"""Quote-quality benchmark for the quote module.

What it measures
----------------
The seed file holds real "Enterprise 2.0 reads" posts: under each entry line
"<Title> by <Author>" are the passages the author quoted from that article.
Those passages are the human picks.  The original pages are not available, so
for every entry this script builds article texts (the main text that the
article module hands to quote): the picks, split where she elided text ("…"),
placed among filler paragraphs in one of several page templates, in random but
realistic positions (the first pick is not always first).  The filler is
  * prose from the seed that she did NOT quote (her own essays and intros),
    recombined sentence by sentence into paragraphs,
  * article-like prose written for this benchmark (FILLER below), some of it
    mentioning the article's title the way introductions do,
  * main-text boilerplate that extractors leave in (credits, dates, calls to
    action, author bios, link lists, questions to the reader).
Each page is run through quote_candidates (via quote_driver) with the title and
a feed-style summary (the page's first ~300 characters, as these blogs' feeds
gave), and scored:
  hit       a candidate hits when at least half of its characters lie inside
            human-picked passages (candidates are 1-3 sentences of one
            paragraph; picks are whole paragraphs, so this means "comes from a
            passage she quoted").
  top-1     share of pages whose first candidate hits;
  top-3     share of pages where one of the first three candidates hits;
  verbatim  share of all candidates that are substrings of the page text
            (whitespace-normalised) — must be 100%;
  sentence-aligned  share of candidates starting at a paragraph or sentence
            start and ending at a sentence end (a looser, regex-based check).
Baselines from the same candidate pool: "lead" (the earliest candidate in the
text) and "random" (expected top-1 of a uniformly random candidate).

What it does not measure: pages are synthetic; the filler is on related topics
but is not the rest of the real article, so a pick is often more on-topic than
its surroundings than it would be in the real page.  The numbers say how well
the scorer finds the argument-carrying passages among plausible distractors,
not how it does on the real articles.

Modes: --no-summary (title only), --other-picks (half the filler paragraphs
are passages she quoted from other articles), --no-intros (no introductions
naming the title; the scorer's headline-quote penalty mostly matters for
those), --rng N for another draw of pages.

Exit status: 0, or 1 when a --floor is not met; 77 (skip) when the seed file is
missing.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

ELLIPSIS = "\u2026"

FILLER_INTROS = [
    "A few weeks ago I wrote about {topic}. Several readers got in touch to ask what that means in practice, so this post picks up where that one left off.",
    "{Topic} keeps coming up in my conversations with clients. I want to take a moment to lay out how I see it, and where I think the discussion is going wrong.",
    "This is the second part of a short series on {topic}. If you missed the first part, the gist is that the tools matter less than the habits around them.",
    "I spent last week at a conference where almost every session touched on {topic} in one way or another. Here are some notes I took on the train home.",
    "When people ask me about {topic}, I usually start with a story rather than a definition.",
    "There has been a lot of noise lately around {topic}, and most of it repeats the same three or four talking points.",
]

FILLER_PROSE = [
    "I remember the first time a client asked me to help them roll out a wiki. The project had a budget, a steering committee and a launch date, but nobody had asked what problem the wiki was supposed to solve.",
    "Over the past year I have talked to dozens of managers in banks, retailers and public agencies. Their questions are remarkably similar, even if their organizations could not be more different.",
    "The vendor landscape has changed a lot since then. Most of the products I reviewed two years ago have been acquired, merged or quietly retired.",
    "Let me give you an example from a project I worked on last spring. The team had all the right tools in place, yet most of the discussion still happened in long reply-all threads.",
    "Analysts like to draw a neat curve from early adopters to the late majority. Real adoption is messier: it moves in fits and starts, team by team, and sometimes it moves backwards.",
    "Budgets are tight this year, and every initiative has to show some kind of return. That pressure is not necessarily a bad thing.",
    "I asked a few people in my network how their companies handle this. The answers ranged from a detailed governance model to a shrug.",
    "None of this is new, of course. Management writers were describing similar ideas long before the first corporate blog was launched.",
    "The pilot ran for three months in the marketing department. Usage peaked in the second week and then settled at a level nobody had predicted.",
    "Our survey covered a little over three hundred respondents from companies of every size. Most of them were in IT or communications roles.",
    "The slides from my talk are online, and the video should follow in a few days.",
    "At the time, the idea seemed almost radical. Today it is printed on the back of every vendor brochure.",
    "We had a lively discussion about this over lunch, and I came away with more questions than answers.",
    "It is worth looking at how smaller firms approach the same problem. They rarely have a formal program, but they often get further, faster.",
    "Consultants love frameworks, and I am no exception. A framework is only useful, though, if it changes what people do on Monday morning.",
    "The report is long and a little dry in places, but the appendix alone is worth the download.",
    "I will come back to the measurement question in a later post, because it deserves more space than I can give it here.",
    "Several people on Twitter pointed me to similar experiences in their own organizations.",
    "The interviews were conducted over the phone and lasted about forty minutes each.",
    "For context, the company has around twelve thousand employees spread over four continents, and most of them had never used an internal blog.",
]

BOILERPLATE = [
    "Photo: Flickr / jdoe (CC BY 2.0)",
    "Image courtesy of Shutterstock.",
    "Posted on {date} by {author}",
    "Published {date} · 6 min read",
    "Share this: Twitter | Facebook | LinkedIn | Email",
    "Subscribe to our newsletter to get posts like this one in your inbox every week.",
    "If you enjoyed this post, please share it with your colleagues and click the button below to follow the blog.",
    "What do you think? Let me know in the comments below.",
    "Have you seen this happen in your own company? How did you deal with it?",
    "{author} is a consultant and writer who helps organizations work together better. Follow {first} on Twitter at @{handle}.",
    "This post originally appeared on the author's blog and is republished here with permission.",
    "Related posts: Five myths about collaboration » Why intranets fail » The social CIO",
    "Sign up for our free webinar on {date} to learn more.",
    "Update, {date}: a few readers pointed out a typo in the second chart, which has now been fixed.",
    "© 2010 The Author. All rights reserved.",
]

DATES = ["November 12, 2010", "3 December 2010", "April 5, 2011", "Feb 18, 2010", "2010-11-23"]


def norm(s):
    return re.sub(r"[ \t\n\r\f\v]+", " ", s).strip(" \t\n\r\f\v")


def parse_seed(path):
    """Entries: dicts with title, author, picks (list of passages)."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    posts, cur = [], None
    for line in lines:
        s = line.strip()
        if s.startswith("Enterprise 2.0 reads"):
            cur = {"title": s, "lines": []}
            posts.append(cur)
            continue
        if cur is None:
            continue
        if s.startswith("Lamia Ben"):
            cur = None
            continue
        cur["lines"].append(s)
    # every non-empty line outside reads posts is prose she wrote herself
    own = []
    in_reads = False
    for line in lines:
        s = line.strip()
        if s.startswith("Enterprise 2.0 reads"):
            in_reads = True
            continue
        if s.startswith("Lamia Ben"):
            in_reads = False
            continue
        if not in_reads and len(s) > 60:
            own.append(s)
    by_re = re.compile(r"^(.*\S)\s+[Bb]y\s+([A-Z][\w.\-']*(?:\s+[A-Z][\w.\-']*){0,3})(?:\s+on\s+(.+))?$")
    entries, intros = [], []
    for post in posts:
        ls = post["lines"]
        has_by = any(by_re.match(l) and len(l) < 120 and not l.endswith(".") for l in ls)

        def is_title(l):
            if not l or len(l) >= 120 or l[-1] in ".,;:" + ELLIPSIS:
                return False
            if has_by:
                return bool(by_re.match(l))
            return len(l) < 90 and l[0].isupper() and len(l.split()) >= 3
        entry = None
        for l in ls:
            if is_title(l):
                m = by_re.match(l) if has_by else None
                entry = {"title": m.group(1) if m else l, "author": m.group(2) if m else "",
                         "picks": []}
                entries.append(entry)
            elif l:
                if entry is None:
                    intros.append(l)
                else:
                    entry["picks"].append(l)
    for e in entries:
        pieces = []
        for p in e["picks"]:
            p = p.replace("\u00b7", " ").replace("\u2022", " ")
            for piece in re.split(r"\s*(?:\u2026|\.\.\.)\s*", p):
                piece = norm(piece).lstrip(".,;: ")
                if len(piece) >= 25:
                    pieces.append(piece)
        e["pieces"] = pieces
    entries = [e for e in entries if e["pieces"]]
    return entries, own + intros


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])", text) if len(s) > 20]


def build_page(entry, pool_sents, rng, others=None, intros=True):
    topic = entry["title"].rstrip("?!. ")
    author = entry["author"] or "Jane Doe"
    first = author.split()[0]
    fill = lambda s: s.format(topic=topic, Topic=topic[0].upper() + topic[1:], date=rng.choice(DATES),
                              author=author, first=first, handle=first.lower())
    # filler never repeats a sentence within a page
    own_order = list(range(0, len(pool_sents) - 4, 4))
    rng.shuffle(own_order)
    prose = list(FILLER_PROSE)
    rng.shuffle(prose)
    def own_para():
        i = own_order.pop()
        return " ".join(pool_sents[i:i + rng.randint(2, 4)])
    def prose_para():
        k = rng.randint(1, 3)
        return " ".join(prose.pop() for _ in range(min(k, len(prose))))
    body = []
    for _ in range(rng.randint(4, 9)):
        if others and rng.random() < 0.5:
            body.append(rng.choice(others))
        else:
            body.append(own_para() if rng.random() < 0.55 or len(prose) < 3 else prose_para())
    # picks keep their order; an elision may hide a paragraph between them
    picks = list(entry["pieces"])
    template = rng.choice(["blog", "news", "essay"])
    start_max = {"blog": 2, "news": 3, "essay": len(body)}[template]
    pos = rng.randint(0, min(start_max, len(body)))
    page = body[:pos]
    rest = body[pos:]
    for p in picks:
        page.append(p)
        if rest and rng.random() < 0.4:
            page.append(rest.pop(0))
    page += rest
    head, tail = [], []
    if rng.random() < 0.6 and intros:
        head.append(fill(rng.choice(FILLER_INTROS)))
    if template == "news":
        head.insert(0, fill(rng.choice(BOILERPLATE[2:4])))
    if rng.random() < 0.4:
        head.insert(0, fill(rng.choice(BOILERPLATE[:2])))
    for b in rng.sample(BOILERPLATE[4:], rng.randint(1, 3)):
        tail.append(fill(b))
    paras = head + page + tail
    return "\n\n".join(paras), picks


def spans_of(text, pieces):
    spans = []
    for p in pieces:
        i = text.find(p)
        if i >= 0:
            spans.append((i, i + len(p)))
    return spans


def hit(ntext, cand, spans):
    i = ntext.find(cand)
    if i < 0 or not cand:
        return False
    j = i + len(cand)
    inside = sum(max(0, min(j, b) - max(i, a)) for a, b in spans)
    return inside >= 0.5 * len(cand)


def sentence_aligned(text, cand):
    """cand starts at a paragraph or sentence start and ends a sentence."""
    for para in text.split("\n\n"):
        p = norm(para)
        i = p.find(cand)
        while i >= 0:
            before = p[:i].rstrip()
            start_ok = before == "" or re.search(r"[.!?\u2026:\"”)\]]$", before) is not None
            end_ok = re.search(r"[.!?\u2026:\"”'’)\]]$", cand) is not None or i + len(cand) == len(p)
            if start_ok and end_ok:
                return True
            i = p.find(cand, i + 1)
    return False


def run_driver(driver, arts, maxn):
    r = subprocess.run([driver, str(maxn)], input=json.dumps(arts), capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit("quote_driver failed with status %d" % r.returncode)
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--driver", required=True)
    ap.add_argument("--seed", required=True)
    ap.add_argument("--variants", type=int, default=10, help="pages built per seed entry")
    ap.add_argument("--rng", type=int, default=20101101)
    ap.add_argument("--no-summary", action="store_true", help="pass the title only")
    ap.add_argument("--floor-top1", type=float, default=0.0)
    ap.add_argument("--floor-top3", type=float, default=0.0)
    ap.add_argument("--other-picks", action="store_true",
                    help="half the filler paragraphs are passages she quoted from OTHER articles")
    ap.add_argument("--no-intros", action="store_true",
                    help="leave out the introductions that name the article's title")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.seed):
        print("seed file missing: %s" % a.seed)
        return 77
    entries, own = parse_seed(a.seed)
    pool = []
    for para in own:
        pool.extend(sentences(para))
    # no sentence she quoted may be used as filler
    picked = " ".join(p for e in entries for p in e["pieces"])
    pool = [s for s in pool if s[:40] not in picked]
    rng = random.Random(a.rng)
    arts, meta = [], []
    for e in entries:
        for v in range(a.variants):
            others = None
            if a.other_picks:
                others = [p for o in entries if o is not e for p in o["pieces"] if len(p) >= 80]
            text, picks = build_page(e, pool, rng, others, not a.no_intros)
            summary = None
            if not a.no_summary:
                flat = norm(text)
                summary = flat[:300].rsplit(" ", 1)[0] + " [" + ELLIPSIS + "]"
            arts.append({"text": text, "title": e["title"], "summary": summary, "lang": "en"})
            meta.append((e, text, picks))
    top = run_driver(a.driver, arts, 3)
    pool_c = run_driver(a.driver, arts, 1000)
    n = len(arts)
    top1 = top3 = 0
    cands = verb = aligned = 0
    lead = rnd = 0.0
    per_entry = {}
    for (e, text, picks), c3, call in zip(meta, top, pool_c):
        ntext = norm(text)
        spans = spans_of(ntext, [norm(p) for p in picks])
        h = [hit(ntext, c, spans) for c in c3]
        t1 = bool(h and h[0])
        t3 = any(h[:3])
        top1 += t1
        top3 += t3
        per_entry.setdefault(e["title"], []).append((t1, t3))
        for c in call:
            cands += 1
            verb += ntext.find(c) >= 0
            aligned += sentence_aligned(text, c)
        if call:
            earliest = min(call, key=lambda c: ntext.find(c))
            lead += hit(ntext, earliest, spans)
            rnd += sum(hit(ntext, c, spans) for c in call) / len(call)
        if a.verbose and not t1:
            print("MISS %s\n  top: %s\n  picks: %s" % (e["title"], c3[0] if c3 else None,
                                                       " | ".join(p[:60] for p in picks)))
    ents = len(per_entry)
    e1 = sum(1 for v in per_entry.values() if sum(x[0] for x in v) * 2 > len(v))
    print("quote benchmark: %d seed entries, %d pages (%d variants each), summary=%s%s" %
          (ents, n, a.variants, "title only" if a.no_summary else "title + lead",
           (", other articles' picks as filler" if a.other_picks else "") +
           (", no title-naming intros" if a.no_intros else "")))
    print("  top-1 hit      %5.1f%%  (%d/%d)" % (100.0 * top1 / n, top1, n))
    print("  top-3 hit      %5.1f%%  (%d/%d)" % (100.0 * top3 / n, top3, n))
    print("  entries whose top-1 hits on most of their pages: %d/%d" % (e1, ents))
    print("  baseline lead  %5.1f%%   baseline random candidate %5.1f%%" % (100 * lead / n, 100 * rnd / n))
    print("  candidates     %d, verbatim %5.1f%%, sentence-aligned %5.1f%%" %
          (cands, 100.0 * verb / max(cands, 1), 100.0 * aligned / max(cands, 1)))
    fail = False
    if top1 < a.floor_top1 * n:
        print("FAIL: top-1 below floor %.0f%%" % (100 * a.floor_top1))
        fail = True
    if top3 < a.floor_top3 * n:
        print("FAIL: top-3 below floor %.0f%%" % (100 * a.floor_top3))
        fail = True
    if verb != cands:
        print("FAIL: %d candidates are not verbatim" % (cands - verb))
        fail = True
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
