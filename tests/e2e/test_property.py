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

import editing
from editing import edit as edit_with, entry_keys, only_inserted
from harness import Workspace
from taplib import done, eq, ok

reads = sys.argv[1]
sequences = int(os.environ.get("READS_PROPERTY_SEQUENCES", "40"))
rng = random.Random(int(os.environ.get("READS_PROPERTY_SEED", "201011")))
ws = Workspace(reads)
template = ws.read("site", "articles", "activity-stream.html")


def sentence():
    return editing.sentence(rng)


def new_article(seq, k):
    slug = f"s{seq}-a{k}"
    title = f"Article {k} of sequence {seq}: " + " ".join(rng.choice(editing.WORDS) for _ in range(3))
    paras = "\n".join(f"<p>{sentence()} {sentence()}</p>" for _ in range(4))
    page = re.sub(r"<div class=\"entry-content\">.*?</div>", f'<div class="entry-content">\n{paras}\n</div>',
                  template, flags=re.S)
    page = page.replace("activity-stream", slug).replace("Why the activity stream will swallow the inbox", title)
    ws.write(f"site/articles/{slug}.html", page)
    return (f"<item><title>{title}</title><link>@BASE@/articles/{slug}.html</link><guid>{slug}</guid>"
            f"<pubDate>{rng.randint(1, 28):02d} Nov 2010 10:00:00 GMT</pubDate></item>\n")


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
                keys = set(entry_keys(text))
                clean += not (keys & deleted)
                if not only_inserted(hers, text) or keys & deleted:
                    ok(False, f"sequence {seq} step {step}: edits kept, deletions honoured",
                       f"deleted back: {keys & deleted}")
            else:
                kept += 1
                clean += 1
            for _ in range(rng.randint(1, 4)):
                text = edit_with(rng, text, deleted)
            with open(draft, "w", encoding="utf-8") as f:
                f.write(text)
            hers = text
    eq(kept, runs, f"{sequences} sequences, {runs} runs: every run kept all she wrote, byte for byte")
    eq(clean, runs, "and no entry she deleted ever came back")
finally:
    ws.close()
sys.exit(done())
