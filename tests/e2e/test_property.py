#!/usr/bin/env python3
"""A property test of the author's month, through the real `reads draft`:
random sequences of (new items arrive in her feed; she edits the draft —
rewrites the intro, rewrites a quote, deletes an entry, moves one, writes
text of her own; reads runs again). After every run: what she wrote is still
there byte for byte, in order (the run only inserted), and no entry she
deleted has come back. READS_PROPERTY_SEQUENCES sets how many sequences
(default 40; the issue's figure, 200, takes a few minutes)."""
import os
import random
import re
import sys

from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
sequences = int(os.environ.get("READS_PROPERTY_SEQUENCES", "40"))
rng = random.Random(int(os.environ.get("READS_PROPERTY_SEED", "201011")))
WORDS = ("enterprise social network stream inbox wiki team platform community structure adoption "
         "culture manager value knowledge").split()
ws = Workspace(reads)
template = ws.read("site", "articles", "activity-stream.html")


def sentence():
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 20))).capitalize() + "."


def new_article(seq, k):
    slug = f"s{seq}-a{k}"
    title = f"Article {k} of sequence {seq}: " + " ".join(rng.choice(WORDS) for _ in range(3))
    paras = "\n".join(f"<p>{sentence()} {sentence()}</p>" for _ in range(4))
    page = re.sub(r"<div class=\"entry-content\">.*?</div>", f'<div class="entry-content">\n{paras}\n</div>',
                  template, flags=re.S)
    page = page.replace("activity-stream", slug).replace("Why the activity stream will swallow the inbox", title)
    ws.write(f"site/articles/{slug}.html", page)
    return (f"<item><title>{title}</title><link>@BASE@/articles/{slug}.html</link><guid>{slug}</guid>"
            f"<pubDate>{rng.randint(1, 28):02d} Nov 2010 10:00:00 GMT</pubDate></item>\n")


def blocks(text):
    """Entry blocks: from a '### ' heading to the next heading or the candidates/signature."""
    return [(m.start(), m.end()) for m in re.finditer(r"^### .*?(?=^### |^<!-- reads: candidates|\Z)", text, re.M | re.S)]


def edit(text, deleted):
    """One random edit of hers; returns the new text."""
    kind = rng.choice(["intro", "quote", "delete", "move", "own", "own"])
    bs = blocks(text)
    if kind == "intro":
        return text.replace("<!-- reads: intro", f"{sentence()}\n\n<!-- reads: intro", 1)
    if kind == "quote":
        lines = [m for m in re.finditer(r"^> .+$", text, re.M)]
        if lines:
            m = rng.choice(lines)
            return text[:m.start()] + "> " + sentence() + text[m.end():]
    if kind == "delete" and bs:
        s, e = rng.choice(bs)
        key = re.search(r"<!-- reads: entry (\S+) -->", text[s:e])
        if key:
            deleted.add(key.group(1))
        return text[:s] + text[e:]
    if kind == "move" and len(bs) >= 2:
        (s1, e1), (s2, e2) = sorted(rng.sample(bs, 2))
        return text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]
    pos = [m.end() for m in re.finditer(r"\n\n", text)]
    if pos:
        at = rng.choice(pos[:-1] or pos)
        return text[:at] + f"My own words: {sentence()}\n\n" + text[at:]
    return text


def only_inserted(before, after):
    """True when `after` is `before` with whole lines inserted: her lines are,
    in order, a subsequence of the new lines (greedy matching is exact here)."""
    rest = iter(after.splitlines(keepends=True))
    return all(line in rest for line in before.splitlines(keepends=True))


runs = kept = clean = 0
try:
    for seq in range(sequences):
        feed_path = f"site/feeds/seq{seq}.xml"
        items = [new_article(seq, k) for k in range(2)]

        def write_feed():
            ws.write(feed_path, '<?xml version="1.0"?><rss version="2.0"><channel><title>Seq</title>'
                     "<link>@BASE@/</link>\n" + "".join(items) + "</channel></rss>\n")
        write_feed()
        os.makedirs(ws.path(f"seq{seq}"), exist_ok=True)
        ws.config = ws.path(f"seq{seq}", "feeds.yaml")
        ws.write_config(f"signature: Lamia Ben.\ntimezone: UTC\nmax_entries: 100\nfeeds:\n  - @BASE@/feeds/seq{seq}.xml\n")
        draft = ws.path(f"seq{seq}", "digests", "2010-11.md")
        deleted = set()
        hers = None
        for step in range(rng.randint(3, 5)):
            for k in range(rng.randint(0, 2)):  # new items arrive
                items.append(new_article(seq, len(items)))
            write_feed()
            p = ws.run("draft", "2010-11")
            runs += 1
            if p.returncode != 0:
                ok(False, f"sequence {seq} step {step}: draft exits 0", p.stderr)
                continue
            text = open(draft, encoding="utf-8").read()
            if hers is not None:
                kept += only_inserted(hers, text)
                keys = set(re.findall(r"<!-- reads: entry (\S+) -->", text))
                clean += not (keys & deleted)
                if not only_inserted(hers, text) or keys & deleted:
                    ok(False, f"sequence {seq} step {step}: edits kept, deletions honoured",
                       f"deleted back: {keys & deleted}")
            else:
                kept += 1
                clean += 1
            for _ in range(rng.randint(1, 4)):
                text = edit(text, deleted)
            with open(draft, "w", encoding="utf-8") as f:
                f.write(text)
            hers = text
    eq(kept, runs, f"{sequences} sequences, {runs} runs: every run kept all she wrote, byte for byte")
    eq(clean, runs, "and no entry she deleted ever came back")
finally:
    ws.close()
sys.exit(done())
