"""What the author does to a draft between runs, for the property tests:
random edits (rewrite the intro, a quote, delete an entry, move one, write
text of her own) and the check that a later run only inserted.

Each function takes the random generator it draws from, so that a test's seed
fixes every edit."""
import re

WORDS = ("enterprise social network stream inbox wiki team platform community structure adoption "
         "culture manager value knowledge").split()


def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 20))).capitalize() + "."


def blocks(text):
    """Entry blocks: from a '### ' heading to the next heading or the candidates/signature."""
    return [(m.start(), m.end()) for m in re.finditer(r"^### .*?(?=^### |^<!-- reads: candidates|\Z)", text, re.M | re.S)]


def entry_keys(text):
    """The keys of the entry markers of a draft, in order."""
    return re.findall(r"<!-- reads: entry (\S+) -->", text)


def edit(rng, text, deleted):
    """One random edit of hers; returns the new text. The key of an entry she
    deletes is added to the set deleted."""
    kind = rng.choice(["intro", "quote", "delete", "move", "own", "own"])
    bs = blocks(text)
    if kind == "intro":
        return text.replace("<!-- reads: intro", f"{sentence(rng)}\n\n<!-- reads: intro", 1)
    if kind == "quote":
        lines = [m for m in re.finditer(r"^> .+$", text, re.M)]
        if lines:
            m = rng.choice(lines)
            return text[:m.start()] + "> " + sentence(rng) + text[m.end():]
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
        return text[:at] + f"My own words: {sentence(rng)}\n\n" + text[at:]
    return text


def only_inserted(before, after):
    """True when `after` is `before` with whole lines inserted: her lines are,
    in order, a subsequence of the new lines (greedy matching is exact here)."""
    rest = iter(after.splitlines(keepends=True))
    return all(line in rest for line in before.splitlines(keepends=True))
