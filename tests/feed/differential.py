#!/usr/bin/env python3
"""Differential test of `reads parse --json` against Debian's python3-feedparser.

Makes variants of the conformance cases (../shared/conformance/feeds/cases), of
the corpus feeds (../shared/bench/feeds) and of synthetic feeds, parses each with
both, maps feedparser's result to the contract the conformance judge uses, and
compares field by field (the judge's own norm_ws / html_to_text /
parse_iso_utc, imported from judge.py, so the two never drift apart).

Variant families (each variant carries tags naming what was done to it):
  date:FORM       date elements rewritten in another form of the same instant:
                  ISO 8601 extended/basic, reduced precision, week and ordinal
                  dates, fractions, zones Z/±hh/±hhmm/±hh:mm, lower-case t/z,
                  space separator, RFC 822 variants
  enc:NAME:HOW    the document re-encoded (declared, undeclared, with/without BOM)
  authors:HOW     several authors in every author construct
  text:HOW        text constructs written escaped, double-escaped, as CDATA,
                  as XHTML, with markup inside attributes
  synth:FORMAT    a generated feed of one format (RSS 0.90/0.91/0.92/1.0/2.0,
                  Atom 0.3/1.0) mixing all of the above
  atom:CLASS-SHAPE  Atom constructs, on every entry: link rel/type/href shapes,
                  xml:base (relative, nested, on the link, scoped by content),
                  person constructs, atom:source, content (src=, base64 media
                  types, XHTML nested/prefixed, CDATA split), titles, categories,
                  ids, the feed's link/title/author/extras, Atom 0.3 names,
                  type attributes with spaces and case, RSS elements in Atom,
                  feedparser's "&" (amp) series
  rss:CLASS-SHAPE RSS constructs, on every item: guid/isPermaLink vs link,
                  author forms, versions and namespaces, categories, links
                  (whitespace, references, CDATA, xml:base, atom:link),
                  foreign namespaces, CDATA split, references, element-name
                  case, missing and empty elements, item extras, Atom elements
                  in RSS, rdf:about, the amp series

A disagreement is a field where the two differ. Where the generator knows the
truth (it wrote the date, the text, or the specification fixes the value of a
construct it wrote), it tells who is right. Disagreements
listed in differential-known.txt ("TAG-PREFIX FIELD WHO  # reason") are
reported as known; any other one fails the test.

  differential.py --reads build/reads [--seed N] [--variants N] [--show N]
                  [--report FILE.json] [--keep DIR]

Exit 77 when feedparser or the shared data is missing."""

import argparse
import calendar
import datetime as dt
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def import_feedparser():
    """feedparser from Debian's python3 when the python3 on PATH lacks it."""
    try:
        import feedparser  # noqa: F401
        return feedparser
    except ImportError:
        if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != \
                os.path.realpath("/usr/bin/python3") and not os.environ.get("READS_DIFF_REEXEC"):
            os.environ["READS_DIFF_REEXEC"] = "1"
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        return None


# ---------------------------------------------------------------------------
# feedparser's result in the contract's terms

def visible(s):
    """The judge's html_to_text, with void elements written without the
    XML slash: its extractor reads an <img alt> only from a start tag, so
    "<img alt=x/>" and "<img alt=x>" would otherwise differ in text."""
    return J.html_to_text(re.sub(r"\s*/>", ">", s))


def fp_text(detail, value):
    """A plain-text field: feedparser's value, as text (HTML values lose their tags)."""
    if value is None:
        return None
    typ = (detail or {}).get("type", "text/plain") if detail else "text/plain"
    if "html" in typ:
        return visible(value)
    return J.norm_ws(value)


def fp_html(detail, value):
    """An HTML field's visible text: plain-text constructs are escaped first."""
    if value is None:
        return None
    typ = (detail or {}).get("type", "text/html") if detail else "text/html"
    if "html" not in typ:
        value = html.escape(value)
    return visible(value)


def fp_date(t):
    if not t:
        return None
    try:
        return dt.datetime(*t[:6]).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, TypeError):
        return None


def empty(v):
    return None if v is None or (isinstance(v, str) and not v.strip()) else v


def fp_contract(d):
    """feedparser's result as normalised contract fields: {field: value}."""
    out = {}
    f = d.get("feed", {})
    out["title"] = empty(fp_text(f.get("title_detail"), f.get("title")))
    out["link"] = empty(J.norm_ws(f["link"]) if f.get("link") else None)
    out["id"] = empty(J.norm_ws(f["id"]) if f.get("id") else None)  # not compared: see field_tags
    out["entries"] = len(d.get("entries", []))
    for i, e in enumerate(d.get("entries", [])):
        p = f"entries[{i}]."
        # the first author with a name or an address (feedparser's
        # author_detail is the last one seen)
        ad = next((a for a in e.get("authors") or [] if a.get("name") or a.get("email")), None) \
            or e.get("author_detail") or {}
        author = ad.get("name") or ad.get("email") or e.get("author")
        out[p + "title"] = empty(fp_text(e.get("title_detail"), e.get("title")))
        out[p + "link"] = empty(J.norm_ws(e["link"]) if e.get("link") else None)
        out[p + "id"] = empty(J.norm_ws(e["id"]) if e.get("id") else None)
        out[p + "author"] = empty(J.norm_ws(author) if author else None)
        out[p + "published"] = fp_date(dict.get(e, "published_parsed"))
        out[p + "updated"] = fp_date(dict.get(e, "updated_parsed"))
        out[p + "published.raw"] = dict.get(e, "published")
        out[p + "updated.raw"] = dict.get(e, "updated")
        content = None
        if e.get("content"):
            c = e["content"][0]
            content = empty(fp_html(c, c.get("value")))
        # a summary feedparser copied from the content has no detail of its own
        sdetail = e.get("summary_detail") or (e["content"][0] if e.get("content") else None)
        summary = empty(fp_html(sdetail, dict.get(e, "summary")))
        out[p + "summary"] = summary or content
        out[p + "content"] = content or summary
        out[p + "categories"] = [J.norm_ws(t.get("term") or "") for t in e.get("tags", [])
                                 if (t.get("term") or "").strip()]
    return out


def reads_contract(doc):
    """reads' JSON object normalised the same way."""
    out = {}
    out["title"] = empty(J.norm_ws(doc["title"]) if isinstance(doc.get("title"), str) else None)
    out["link"] = empty(J.norm_ws(doc["link"]) if isinstance(doc.get("link"), str) else None)
    ents = doc.get("entries") or []
    out["entries"] = len(ents)
    for i, e in enumerate(ents):
        p = f"entries[{i}]."
        for k in ("title", "link", "id", "author"):
            v = e.get(k)
            out[p + k] = empty(J.norm_ws(v) if isinstance(v, str) else None)
        for k in ("published", "updated"):
            v = e.get(k)
            try:
                out[p + k] = J.parse_iso_utc(v) if v else None
            except (ValueError, OverflowError):
                out[p + k] = "unparseable: " + str(v)
        s = empty(visible(e["summary"]) if isinstance(e.get("summary"), str) else None)
        c = empty(visible(e["content"]) if isinstance(e.get("content"), str) else None)
        out[p + "summary"] = s or c
        out[p + "content"] = c or s
        out[p + "categories"] = [J.norm_ws(x) for x in (e.get("categories") or [])
                                 if isinstance(x, str) and x.strip()]
    return out


def field_group(field):
    name = field.split(".")[-1]
    return ("entry." if field.startswith("entries[") else "feed.") + name


def compare(r, f):
    """[(field, agree, reads value, feedparser value)]; entries beyond the
    shorter list are compared as one 'entries' count."""
    res = [("entries", r["entries"] == f["entries"], r["entries"], f["entries"])]
    n = min(r["entries"], f["entries"])
    keys = ["title", "link"] + [f"entries[{i}].{k}" for i in range(n) for k in
                                ("title", "link", "id", "author", "published", "updated",
                                 "summary", "content", "categories")]
    for k in keys:
        a, b = r.get(k), f.get(k)
        res.append((k, a == b, a, b))
    return res


# ---------------------------------------------------------------------------
# dates

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
RFC822_ZONES = {"GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360,
                "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420}


def iso_zone(rng, off, style):
    """A zone designator for offset `off` minutes in `style` (ext, basic, hour, z)."""
    if style == "z" or off == 0 and rng.random() < 0.5:
        return rng.choice(["Z", "Z", "z"]) if style == "z" else "Z"
    sign = "-" if off < 0 else "+"
    h, m = divmod(abs(off), 60)
    if style == "hour":
        return f"{sign}{h:02d}"
    if style == "basic":
        return f"{sign}{h:02d}{m:02d}"
    return f"{sign}{h:02d}:{m:02d}"


def render_date(rng, t):
    """t (UTC datetime) -> (tag, text, truth 'YYYY-MM-DDTHH:MM:SSZ')."""
    form = rng.choice(["ext", "ext", "ext-min", "ext-hour", "ext-frac", "basic", "basic-min",
                       "date", "basic-date", "month", "year", "week", "week-basic",
                       "week-date", "ordinal", "ordinal-basic", "ordinal-date", "space",
                       "lower", "rfc822", "rfc822", "rfc822-nowday", "rfc822-noseconds",
                       "rfc822-zone-name", "rfc822-2digit-year", "rfc822-1digit-day", "short-year"])
    off = rng.choice([0, 0, 60, -300, 330, -570, 120, 600, -60])
    zstyle = rng.choice(["ext", "basic", "hour", "z"])
    if zstyle == "hour":
        off = off // 60 * 60
    if zstyle == "z":
        off = 0
    lt = t + dt.timedelta(minutes=off)
    zone = iso_zone(rng, off, zstyle)

    def utc(x):
        return (x - dt.timedelta(minutes=off)).strftime("%Y-%m-%dT%H:%M:%SZ")
    Y, M, D, h, m, s = lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.second
    if form == "ext":
        return f"date:iso-ext-zone-{zstyle}", f"{Y:04d}-{M:02d}-{D:02d}T{h:02d}:{m:02d}:{s:02d}{zone}", utc(lt)
    if form == "ext-min":
        return f"date:iso-ext-no-seconds", f"{Y:04d}-{M:02d}-{D:02d}T{h:02d}:{m:02d}{zone}", \
            utc(lt.replace(second=0))
    if form == "ext-hour":
        return f"date:iso-ext-hour-only", f"{Y:04d}-{M:02d}-{D:02d}T{h:02d}{zone}", \
            utc(lt.replace(minute=0, second=0))
    if form == "ext-frac":
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9)))
        mark = rng.choice([".", ".", ","])
        return f"date:iso-ext-fraction{'-comma' if mark == ',' else ''}", \
            f"{Y:04d}-{M:02d}-{D:02d}T{h:02d}:{m:02d}:{s:02d}{mark}{digits}{zone}", utc(lt)
    if form in ("basic", "basic-min"):
        bz = iso_zone(rng, off, "basic" if zstyle == "ext" else zstyle)
        if form == "basic":
            return "date:iso-basic", f"{Y:04d}{M:02d}{D:02d}T{h:02d}{m:02d}{s:02d}{bz}", utc(lt)
        return "date:iso-basic-no-seconds", f"{Y:04d}{M:02d}{D:02d}T{h:02d}{m:02d}{bz}", \
            utc(lt.replace(second=0))
    day0 = dt.datetime(Y, M, D)
    if form == "short-year" and 2000 <= Y <= 2099:
        # ISO 8601:2000 §5.2.1.3 two-digit years (this century, as feedparser reads them)
        o = lt.timetuple().tm_yday
        y2 = Y % 100
        shape, text = rng.choice([("ext", f"{y2:02d}-{M:02d}-{D:02d}"), ("basic", f"{y2:02d}{M:02d}{D:02d}"),
                                  ("month", f"-{y2:02d}-{M:02d}"), ("month-basic", f"-{y2:02d}{M:02d}"),
                                  ("ordinal", f"{y2:02d}-{o:03d}"), ("ordinal-basic", f"{y2:02d}{o:03d}")])
        first = day0.replace(day=1) if shape.startswith("month") else day0
        return f"date:iso-2digit-year-{shape}", text, first.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "short-year":
        form = "date"
    if form == "date":
        return "date:iso-date", f"{Y:04d}-{M:02d}-{D:02d}", day0.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "basic-date":
        return "date:iso-basic-date", f"{Y:04d}{M:02d}{D:02d}", day0.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "month":
        return "date:iso-year-month", f"{Y:04d}-{M:02d}", f"{Y:04d}-{M:02d}-01T00:00:00Z"
    if form == "year":
        return "date:iso-year", f"{Y:04d}", f"{Y:04d}-01-01T00:00:00Z"
    if form.startswith("week"):
        iy, iw, iwd = lt.isocalendar()
        if form == "week":
            return "date:iso-week-date", f"{iy:04d}-W{iw:02d}-{iwd}T{h:02d}:{m:02d}:{s:02d}{zone}", utc(lt)
        if form == "week-basic":
            bz = iso_zone(rng, off, "basic" if zstyle == "ext" else zstyle)
            return "date:iso-week-basic", f"{iy:04d}W{iw:02d}{iwd}T{h:02d}{m:02d}{s:02d}{bz}", utc(lt)
        monday = dt.datetime.fromisocalendar(iy, iw, 1)
        return "date:iso-week", f"{iy:04d}-W{iw:02d}", monday.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form.startswith("ordinal"):
        o = lt.timetuple().tm_yday
        if form == "ordinal":
            return "date:iso-ordinal", f"{Y:04d}-{o:03d}T{h:02d}:{m:02d}:{s:02d}{zone}", utc(lt)
        if form == "ordinal-basic":
            bz = iso_zone(rng, off, "basic" if zstyle == "ext" else zstyle)
            return "date:iso-ordinal-basic", f"{Y:04d}{o:03d}T{h:02d}{m:02d}{s:02d}{bz}", utc(lt)
        return "date:iso-ordinal-date", f"{Y:04d}-{o:03d}", day0.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "space":
        return f"date:iso-space-zone-{zstyle}", f"{Y:04d}-{M:02d}-{D:02d} {h:02d}:{m:02d}:{s:02d}{zone}", utc(lt)
    if form == "lower":  # "z": the time written is UTC
        return "date:iso-lower-case", f"{t:%Y-%m-%d}t{t:%H:%M:%S}z", t.strftime("%Y-%m-%dT%H:%M:%SZ")
    # RFC 822 / 1123
    name = None
    if form == "rfc822-zone-name":
        name = rng.choice(list(RFC822_ZONES))
        off = RFC822_ZONES[name]
        lt = t + dt.timedelta(minutes=off)
        zone = name
    else:
        sign = "-" if off < 0 else "+"
        zone = f"{sign}{abs(off) // 60:02d}{abs(off) % 60:02d}"
    Y, M, D, h, m, s = lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.second
    wday = DAYS[lt.weekday()] + ", "
    day = f"{D:02d}"
    year = f"{Y:04d}"
    secs = f":{s:02d}"
    truth = utc(lt)
    tag = "date:" + form
    if form == "rfc822-nowday":
        wday = ""
    if form == "rfc822-noseconds":
        secs = ""
        truth = utc(lt.replace(second=0))
    if form == "rfc822-2digit-year":
        year = f"{Y % 100:02d}"
    if form == "rfc822-1digit-day":
        day = str(D)
    return tag, f"{wday}{day} {MONTHS[M - 1]} {year} {h:02d}:{m:02d}{secs} {zone}", truth


def date_tags(tag, s):
    """The form's tag, plus "zone:iso-basic-minutes" for an ISO 8601 date
    whose zone is ±hhmm with minutes (a class of its own in feedparser)."""
    if tag.startswith("date:iso") and re.search(r"[+-]\d\d(?!00)\d\d$", s):
        return (tag, "zone:iso-basic-minutes")
    return (tag,)


DATE_ELEMS = re.compile(r"<((?:[A-Za-z0-9_]+:)?(?:pubDate|published|updated|issued|modified|date|created))"
                        r"(\s[^>]*)?>([^<]{4,80})</\1>")


def mutate_dates(rng, text, fp, tags, truths):
    def sub(m):
        if rng.random() < 0.2:
            return m.group(0)
        t9 = fp._parse_date(html.unescape(m.group(3)).strip())
        if not t9:
            return m.group(0)
        t = dt.datetime(*t9[:6])
        if not 1900 < t.year < 2100:
            return m.group(0)
        tag, s, truth = render_date(rng, t)
        tags.add(tag)
        truths[s] = (date_tags(tag, s), truth)
        return f"<{m.group(1)}{m.group(2) or ''}>{s}</{m.group(1)}>"
    return DATE_ELEMS.sub(sub, text)


# ---------------------------------------------------------------------------
# encodings: name, sample text that the encoding can carry

ENCODINGS = [
    ("utf-8", "Grüße, naïve café — “quoted” ☃"),
    ("utf-16", "Grüße, naïve café — “quoted” ☃"),
    ("utf-16le", "Ünïcödé — ∑ 日本"),
    ("utf-16be", "Ünïcödé — ∑ 日本"),
    ("iso-8859-1", "Grüße, naïve café ½ ©"),
    ("iso-8859-2", "Zażółć gęślą jaźń, Dvořák"),
    ("iso-8859-5", "Привет, мир"),
    ("iso-8859-7", "Καλημέρα κόσμε"),
    ("iso-8859-9", "Türkçe ğüşıöç İ"),
    ("iso-8859-15", "Euro € œuvre Ÿ"),
    ("windows-1250", "Zażółć gęślą jaźń „cytat”"),
    ("windows-1251", "Привет, мир — «цитата»"),
    ("windows-1252", "Grüße “smart” quotes — € ™"),
    ("windows-1253", "Καλημέρα κόσμε €"),
    ("windows-1254", "Türkçe ğüşıöç “x”"),
    ("windows-1255", "שלום עולם"),
    ("windows-1256", "مرحبا بالعالم"),
    ("windows-1257", "Ąčęėįšųūž „x“"),
    ("koi8-r", "Привет, мир"),
    ("koi8-u", "Привіт, світ"),
    ("shift_jis", "日本語のテキスト、カタカナ"),
    ("euc-jp", "日本語のテキスト、カタカナ"),
    ("iso-2022-jp", "日本語のテキスト"),
    ("gb2312", "中文简体文本"),
    ("gbk", "中文简体文本，欢迎"),
    ("gb18030", "中文简体文本 € ☃"),
    ("big5", "中文繁體文本"),
    ("euc-kr", "한국어 텍스트"),
    ("mac_roman", "Café ∂ƒ©"),
]

ENC_DECL = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(['\"])[^'\"]*\2", re.S)


def set_declaration(text, name):
    """The document with encoding="name" declared (name None: removed)."""
    m = re.match(r"\s*<\?xml[^>]*\?>", text)
    if not m:
        return text if name is None else f'<?xml version="1.0" encoding="{name}"?>\n' + text
    decl = m.group(0)
    decl2 = re.sub(r"\s+encoding\s*=\s*(['\"])[^'\"]*\1", "", decl)
    if name is not None:
        decl2 = decl2.replace("?>", f' encoding="{name}"?>', 1) if "version" in decl2 else \
            f'<?xml version="1.0" encoding="{name}"?>'
    return decl2 + text[m.end():]


FIRST_TITLE = re.compile(r"(<(?:item|entry)\b[^>]*>.*?<title\b[^>]*>)([^<]{1,200})(</title>)", re.S)


def mutate_encoding(rng, text, tags):
    """Bytes of text re-encoded; a sample of the encoding's script goes into
    the first entry's title so that the encoding matters."""
    name, sample = rng.choice(ENCODINGS)
    how = rng.choice(["declared", "declared", "undeclared"]) if name in ("utf-8",) else "declared"
    if name in ("utf-16le", "utf-16be"):
        how = rng.choice(["declared", "bom-declared"])
    if name == "utf-16":
        how = rng.choice(["bom-declared", "bom-undeclared"])
    text = FIRST_TITLE.sub(lambda m: m.group(1) + html.escape(sample, quote=False) + " " + m.group(2) + m.group(3),
                           text, count=1)
    decl = None if "undeclared" in how else name
    text = set_declaration(text, decl)
    codec = {"utf-16": "utf-16"}.get(name, name)
    data = text.encode(codec, "xmlcharrefreplace")
    # a character the encoding lacks becomes "&#N;", which in a CDATA
    # section is text, not a reference
    for sec in re.findall(r"<!\[CDATA\[(.*?)\]\]>", text, re.S):
        try:
            sec.encode(codec)
        except UnicodeEncodeError:
            tags.add("enc:charref-in-cdata")
            break
    if how == "bom-declared" and name in ("utf-16le", "utf-16be"):
        data = ("\ufeff" + text).encode(codec, "xmlcharrefreplace")
    tags.add(f"enc:{name}:{how}")
    if name == "shift_jis" and any(c.encode(codec, "ignore").decode("cp932", "replace") not in (c, "")
                                   for c in set(text) if ord(c) > 127):
        tags.add("enc:shift_jis-jis0208-differs")
    return data


# ---------------------------------------------------------------------------
# authors

NAMES = ["Ann Smith", "José Ñúñez", "李小龙", "O'Brien & Sons", "Zoë <Z> Ö", "Bob"]


def esc(s):
    return html.escape(s, quote=False)


def mutate_authors(rng, text, tags):
    """Every entry gets 2-3 authors in one construct (the first stays first)."""
    atom = "<entry" in text
    how = rng.choice(["atom-author", "dc-creator", "rss-author-email-name", "rss-author-name-email",
                      "itunes-author"] if not atom else ["atom-author", "atom-author-email-only",
                                                         "dc-creator"])
    names = rng.sample(NAMES, rng.randint(2, 3))

    def block():
        if how == "atom-author":
            return "".join(f"<author><name>{esc(n)}</name><email>a{i}@example.org</email></author>"
                           for i, n in enumerate(names))
        if how == "atom-author-email-only":
            return "".join(f"<author><email>a{i}@example.org</email></author>" for i in range(len(names)))
        if how == "dc-creator":
            return "".join(f'<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">{esc(n)}</dc:creator>'
                           for n in names)
        if how == "itunes-author":
            return "".join(f'<itunes:author xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
                           f'{esc(n)}</itunes:author>' for n in names)
        if how == "rss-author-email-name":
            return "".join(f"<author>a{i}@example.org ({esc(n)})</author>" for i, n in enumerate(names))
        return "".join(f"<author>{esc(n)} &lt;a{i}@example.org&gt;</author>" for i, n in enumerate(names))
    # drop existing author constructs of entries, then add ours after the start tag
    text = re.sub(r"(<(item|entry)\b[^>]*>)(.*?)(</\2>)",
                  lambda m: m.group(1) + block() + re.sub(
                      r"<(author|dc:creator|itunes:author)\b[^>]*?(/>|>.*?</\1>)", "", m.group(3),
                      flags=re.S) + m.group(4), text, flags=re.S)
    tags.add("authors:" + how)
    return text


# ---------------------------------------------------------------------------
# text constructs

SNIPPETS = [  # (HTML, its visible text)
    ("Fish &amp; Chips", "Fish & Chips"),
    ("<b>Bold</b> move &#8212; now", "Bold move — now"),
    ("A <a href=\"http://example.org/?a=1&amp;b=2\" title=\"&lt;b&gt;x&lt;/b&gt;\">link</a> here",
     "A link here"),
    ("An <img src=\"x.png\" alt=\"Tom &amp; Jerry\"/> image", "An Tom & Jerry image"),
    ("<p>One</p><p>Two &lt;three&gt;</p>", "One Two <three>"),
    ("caf&#233; &#x2603; &#169;", "café ☃ ©"),
    ("<em>x</em> &lt; y &amp;&amp; z &gt; w", "x < y && z > w"),
    ("Quote: &quot;hi&quot; &apos;there&apos;", "Quote: \"hi\" 'there'"),
]


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_construct(rng, atom, name, kind, attrs=""):
    """An element `name` carrying a random snippet in a random encoding.
    kind 'plain' (title) or 'html' (summary/content). Returns (tag, xml)."""
    snippet, visible = rng.choice(SNIPPETS)
    ns_xhtml = 'xmlns="http://www.w3.org/1999/xhtml"'
    if atom:
        how = rng.choice(["html-escaped", "html-cdata", "html-double-escaped", "text", "xhtml",
                          "xhtml-prefixed", "text-cdata", "default"]
                         + (["mime-html", "mime-plain", "mime-xhtml"] if name == "content" else []))
        if how == "mime-html":  # RFC 4287 §4.1.3.1: a MIME type names the content's type
            return how, f'<{name} type="text/html"{attrs}>{xml_escape(snippet)}</{name}>'
        if how == "mime-plain":
            return how, f'<{name} type="text/plain"{attrs}>{xml_escape(visible)}</{name}>'
        if how == "mime-xhtml":
            return how, (f'<{name} type="application/xhtml+xml"{attrs}><div {ns_xhtml}>'
                         f"{snippet.replace('/>', ' />')}</div></{name}>")
        if how == "html-escaped":
            return how, f'<{name} type="html"{attrs}>{xml_escape(snippet)}</{name}>'
        if how == "html-cdata":
            return how, f'<{name} type="html"{attrs}><![CDATA[{snippet}]]></{name}>'
        if how == "html-double-escaped":
            return how, f'<{name} type="html"{attrs}>{xml_escape(xml_escape(snippet))}</{name}>'
        if how in ("text", "default"):
            t = f' type="text"' if how == "text" else ""
            return how, f"<{name}{t}{attrs}>{xml_escape(visible)}</{name}>"
        if how == "text-cdata":
            return how, f'<{name} type="text"{attrs}><![CDATA[{visible}]]></{name}>'
        body = snippet.replace("<img src=\"x.png\" alt=\"Tom &amp; Jerry\"/>",
                               "<img src=\"x.png\" alt=\"Tom &amp; Jerry\" />")
        if how == "xhtml":
            return how, f'<{name} type="xhtml"{attrs}><div {ns_xhtml}>{body}</div></{name}>'
        body = re.sub(r"<(/?)([a-z]+)", r"<\1h:\2", body)
        return how, (f'<{name} type="xhtml"{attrs}><h:div xmlns:h="http://www.w3.org/1999/xhtml">'
                     f"{body}</h:div></{name}>")
    how = rng.choice(["escaped", "cdata", "double-escaped", "plain"] if kind == "html"
                     else ["plain", "plain", "escaped-amp"])
    if how == "escaped":
        return how, f"<{name}>{xml_escape(snippet)}</{name}>"
    if how == "cdata":
        return how, f"<{name}><![CDATA[{snippet}]]></{name}>"
    if how == "double-escaped":
        return how, f"<{name}>{xml_escape(xml_escape(snippet))}</{name}>"
    if how == "escaped-amp":
        return how, f"<{name}>{xml_escape(visible.replace('<', '').replace('>', ''))}</{name}>"
    return how, f"<{name}>{xml_escape(visible.replace('<', '').replace('>', ''))}</{name}>"


def mutate_text(rng, text, tags):
    """Entry titles and summaries of a document rewritten as random text constructs."""
    atom = "<entry" in text

    def sub(m):
        name = m.group(1)
        if name == "title":
            kind = "plain"
        else:
            kind = "html"
        how, xml = text_construct(rng, atom, name, kind)
        tags.add(f"text:{'atom' if atom else 'rss'}-{name}-{how}")
        return xml

    def entry(m):
        body = re.sub(r"<(title|summary|description|content)\b[^>]*?(?:/>|>.*?</\1>)",
                      sub if rng.random() < 0.8 else (lambda x: x.group(0)), m.group(3), flags=re.S)
        return m.group(1) + body + m.group(4)
    return re.sub(r"(<(item|entry)\b[^>]*>)(.*?)(</\2>)", entry, text, flags=re.S)


# ---------------------------------------------------------------------------
# synthetic feeds

FORMATS = ["rss090", "rss091", "rss092", "rss10", "rss20", "atom03", "atom10"]


def atom_links(rng, link, tags):
    """Atom links of an entry in one of the shapes feeds use."""
    rel_link = link.replace("http://example.org/", "")
    how = rng.choice(["alternate", "no-rel", "typed-xhtml", "enclosure-first", "self-and-alternate",
                      "relative-xml-base", "two-alternates", "related-only"])
    tags.add("links:atom-" + how)
    if how == "alternate":
        return f'<link rel="alternate" type="text/html" href="{link}"/>', ""
    if how == "no-rel":
        return f'<link href="{link}"/>', ""
    if how == "typed-xhtml":
        return f'<link rel="alternate" type="application/xhtml+xml" href="{link}"/>', ""
    if how == "enclosure-first":
        return (f'<link rel="enclosure" type="audio/mpeg" length="1" href="http://example.org/a.mp3"/>'
                f'<link rel="alternate" href="{link}"/>'), ""
    if how == "self-and-alternate":
        return f'<link rel="self" href="http://example.org/self"/><link rel="alternate" href="{link}"/>', ""
    if how == "relative-xml-base":
        return f'<link rel="alternate" href="{rel_link}"/>', ' xml:base="http://example.org/"'
    if how == "two-alternates":
        return (f'<link rel="alternate" type="text/html" href="{link}"/>'
                f'<link rel="alternate" type="text/html" hreflang="fr" href="{link}&amp;fr"/>'), ""
    return f'<link rel="related" href="{link}"/>', ""


def rss_links(rng, link, i, tags):
    """An RSS item's link and guid in one of the shapes feeds use."""
    how = rng.choice(["link", "guid-permalink", "guid-not-permalink", "guid-default", "link-and-guid",
                      "link-whitespace", "relative-xml-base"])
    tags.add("links:rss-" + how)
    if how == "link":
        return f"<link>{link}</link>", ""
    if how == "guid-permalink":
        return f'<guid isPermaLink="true">{link}</guid>', ""
    if how == "guid-not-permalink":
        return f'<guid isPermaLink="false">{link}</guid>', ""
    if how == "guid-default":
        return f"<guid>{link}</guid>", ""
    if how == "link-and-guid":
        return f'<link>{link}</link><guid isPermaLink="false">id-{i}</guid>', ""
    if how == "link-whitespace":
        return f"<link>\n   {link}\n  </link>", ""
    return f"<link>{link.replace('http://example.org/', '')}</link>", ' xml:base="http://example.org/"'


def synth_feed(rng, fmt, tags, truths):
    t0 = dt.datetime(2000, 1, 1) + dt.timedelta(seconds=rng.randrange(0, 30 * 365 * 86400))
    n = rng.randint(1, 3)
    atom = fmt.startswith("atom")
    items = []
    for i in range(n):
        t = t0 - dt.timedelta(seconds=rng.randrange(0, 86400 * 30))
        tag, ds, truth = render_date(rng, t)
        tags.add(tag)
        truths[ds] = (date_tags(tag, ds), truth)
        link = f"http://example.org/{fmt}/{i}?a=1&amp;b=2"
        if atom:
            ttag, title = text_construct(rng, True, "title", "plain")
            stag, summ = text_construct(rng, True, "summary", "html")
            ctag, cont = text_construct(rng, True, "content", "html")
            tags.update({"text:atom-title-" + ttag, "text:atom-summary-" + stag, "text:atom-content-" + ctag})
            auth = "".join(f"<author><name>{esc(nm)}</name></author>" for nm in rng.sample(NAMES, rng.randint(1, 3)))
            if fmt == "atom10":
                dates = f"<published>{ds}</published><updated>{ds}</updated>"
                idl = f"<id>urn:uuid:{rng.getrandbits(64):016x}-{i}</id>"
                lk, base = atom_links(rng, link, tags)
                cats = "".join(f'<category term="{esc(c)}"/>' for c in rng.sample(["a", "b & c", "Ünï"], rng.randint(0, 2)))
            else:
                dates = f"<issued>{ds}</issued><modified>{ds}</modified>"
                idl = f"<id>tag:example.org,2004:{i}</id>"
                lk, base = atom_links(rng, link, tags)
                cats = ""
                cont = cont.replace('type="html"', 'type="text/html" mode="escaped"').replace(
                    'type="xhtml"', 'type="application/xhtml+xml" mode="xml"').replace(
                    'type="text"', 'type="text/plain"')
                summ = summ.replace('type="html"', 'type="text/html" mode="escaped"').replace(
                    'type="xhtml"', 'type="application/xhtml+xml" mode="xml"').replace(
                    'type="text"', 'type="text/plain"')
                title = title.replace('type="html"', 'type="text/html" mode="escaped"').replace(
                    'type="xhtml"', 'type="application/xhtml+xml" mode="xml"').replace(
                    'type="text"', 'type="text/plain"')
            items.append(f"<entry{base}>{title}{lk}{idl}{auth}{dates}{cats}{summ}{cont}</entry>")
        else:
            ttag, title = text_construct(rng, False, "title", "plain")
            stag, desc = text_construct(rng, False, "description", "html")
            tags.update({"text:rss-title-" + ttag, "text:rss-description-" + stag})
            extra = ""
            if fmt in ("rss20", "rss10", "rss092"):
                ctag, cont = text_construct(rng, False, "content:encoded", "html")
                tags.add("text:rss-content-" + ctag)
                extra += cont
            if fmt in ("rss20", "rss10"):
                extra += "".join(f"<dc:creator>{esc(nm)}</dc:creator>" for nm in rng.sample(NAMES, rng.randint(1, 2)))
                extra += f"<dc:date>{ds}</dc:date>" if fmt == "rss10" else f"<pubDate>{ds}</pubDate>"
                extra += "".join(f"<category>{esc(c)}</category>" for c in rng.sample(["a", "b & c", "Ünï"], rng.randint(0, 2)))
            about = f' rdf:about="{link}"' if fmt in ("rss090", "rss10") else ""
            if fmt in ("rss20", "rss092"):
                lk, base = rss_links(rng, link, i, tags)
            else:
                lk, base = f"<link>{link}</link>", ""
            items.append(f"<item{about}{base}>{title}{lk}{desc}{extra}</item>")
    ftitle = f"<title>Feed {fmt} &amp; co</title>"
    if fmt == "atom10":
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f'{ftitle}<link href="http://example.org/"/><id>urn:x</id><updated>2010-01-01T00:00:00Z</updated>'
                + "".join(items) + "</feed>")
    if fmt == "atom03":
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed version="0.3" xmlns="http://purl.org/atom/ns#">'
                f'{ftitle}<link rel="alternate" type="text/html" href="http://example.org/"/>'
                + "".join(items) + "</feed>")
    rdfns = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    common = ('xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/"')
    if fmt == "rss090":
        return (f'<?xml version="1.0"?>\n<rdf:RDF {rdfns} xmlns="http://my.netscape.com/rdf/simple/0.9/" {common}>'
                f"<channel>{ftitle}<link>http://example.org/</link><description>d</description></channel>"
                + "".join(items) + "</rdf:RDF>")
    if fmt == "rss10":
        return (f'<?xml version="1.0"?>\n<rdf:RDF {rdfns} xmlns="http://purl.org/rss/1.0/" {common}>'
                f'<channel rdf:about="http://example.org/">{ftitle}<link>http://example.org/</link>'
                f"<description>d</description></channel>" + "".join(items) + "</rdf:RDF>")
    ver = {"rss091": "0.91", "rss092": "0.92", "rss20": "2.0"}[fmt]
    return (f'<?xml version="1.0"?>\n<rss version="{ver}" {common}><channel>{ftitle}'
            f"<link>http://example.org/</link><description>d</description>" + "".join(items)
            + "</channel></rss>")


# ---------------------------------------------------------------------------
# Atom 1.0 and RSS constructs
#
# Each class rewrites the entries of a document (or its feed element) in one
# shape of one construct and tags the variant "atom:CLASS-SHAPE" or
# "rss:CLASS-SHAPE". Where the specification fixes the contract's value
# (RFC 4287, RSS 2.0, XML Base), the generator records it as the field's
# truth ({field: value}), and the report says who is right.

ATOM_NS = "http://www.w3.org/2005/Atom"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ENTRY_RE = re.compile(r"(<(item|entry)\b[^>]*>)(.*?)(</\2>)", re.S)


def each_entry(text, fn):
    """text with every entry's (start tag, body) replaced by fn(i, start, body)."""
    count = [0]

    def sub(m):
        i = count[0]
        count[0] += 1
        start, body = fn(i, m.group(1), m.group(3))
        return start + body + m.group(4)
    return ENTRY_RE.sub(sub, text)


def drop(body, names):
    """body without the elements named (an alternation of qualified names)."""
    return re.sub(rf"<({names})\b[^>]*?(?:/>|>.*?</\1\s*>)", "", body, flags=re.S)


def set_attr(start, name, value):
    """A start tag with attribute name set to value (replaced or added)."""
    start = re.sub(rf"\s{re.escape(name)}\s*=\s*(['\"]).*?\1", "", start, flags=re.S)
    return re.sub(r"\s*(/?)>$", lambda m: f' {name}="{value}"{m.group(1)}>', start, count=1)


CHILD_RE = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<(/?)([A-Za-z_][\w.:-]*)[^>]*?(/?)>", re.S)


def children(body):
    """The top-level elements of an entry's body, as strings (None when it
    does not split cleanly: text between elements, unbalanced tags)."""
    out, depth, start, last = [], 0, None, 0
    for m in CHILD_RE.finditer(body):
        if m.group(2) is None:
            continue
        if depth == 0 and body[last:m.start()].strip():
            return None
        if m.group(1):
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                out.append(body[start:m.end()])
                last = m.end()
        elif m.group(3):
            if depth == 0:
                out.append(body[m.start():m.end()])
                last = m.end()
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    if depth or body[last:].strip():
        return None
    return out


AMP_HTML = ["&#38;", "&#x26;", "&amp;", "&"]  # "&" in HTML (a bare "&" too: HTML tolerates it)
AMP_WRAP = ["{}", "<b>{}</b>", "<strong>{}</strong>", "x {} y"]


def amp_escape(rng, html_src):
    """HTML source written into XML text, one of the ways feeds do it:
    (how, xml)."""
    how = rng.choice(["escaped", "escaped-gt-raw", "charref-amp", "hex-charref-amp", "cdata"])
    if how == "cdata":
        return how, f"<![CDATA[{html_src}]]>"
    amp = {"charref-amp": "&#38;", "hex-charref-amp": "&#x26;"}.get(how, "&amp;")
    x = html_src.replace("&", amp).replace("<", "&lt;")
    return how, x if how == "escaped-gt-raw" else x.replace(">", "&gt;")


def amp_title(rng, fmt):
    """A title holding "&" in one of feedparser's amp-series shapes
    (…/wellformed/amp): (tag, xml, visible text)."""
    wrap = rng.choice(AMP_WRAP)
    visible = wrap.replace("<b>", "").replace("</b>", "").replace("<strong>", "").replace("</strong>", "").format("&")
    container = rng.choice(["html", "text", "xhtml"] if fmt == "atom10" else
                           ["html", "xhtml"] if fmt == "atom03" else ["rss"])
    if container == "xhtml":
        ref = rng.choice(["&amp;", "&#38;", "&#x26;"])
        body = wrap.format(ref)
        if fmt == "atom03":
            attrs = 'type="application/xhtml+xml" mode="xml"'
        else:
            attrs = 'type="xhtml"'
        return (f"{fmt}-xhtml-{AMP_WRAP.index(wrap)}", f'<title {attrs}><div xmlns="{XHTML_NS}">{body}</div></title>',
                visible)
    if container == "text":  # a plain-text title: its characters are the text
        how, x = amp_escape(rng, "&")
        return f"atom10-text-{how}", f'<title type="text">{x}</title>', "&"
    ref = rng.choice(AMP_HTML)
    how, x = amp_escape(rng, wrap.format(ref))
    attrs = {"atom10": ' type="html"', "atom03": ' type="text/html" mode="escaped"', "rss": ""}[fmt]
    return f"{fmt}-html-{how}-{AMP_HTML.index(ref)}-{AMP_WRAP.index(wrap)}", f"<title{attrs}>{x}</title>", visible


def atom_link_shape(rng, i, tags, truth):
    """Links of entry i in one shape: (xml, entry start-tag xml:base or None)."""
    L = f"http://example.org/post/{i}?a=1&amp;b=2"
    Lt = html.unescape(L)
    shape = rng.choice(["alternate-html", "no-rel", "rel-case", "type-case", "iana-alternate",
                        "typed-then-html", "html-then-typed", "enclosure-only", "self-only",
                        "related-only", "missing", "rel-whitespace", "href-whitespace",
                        "href-charrefs", "alternate-atom-only", "enclosure-then-norel",
                        "empty-href-then-alternate"])
    truth[f"entries[{i}].link"] = Lt
    if shape == "alternate-html":
        x = f'<link rel="alternate" type="text/html" href="{L}"/>'
    elif shape == "no-rel":
        x = f'<link href="{L}"/>'
    elif shape == "rel-case":  # RFC 4287 §4.2.7.2 names a registry; IANA link relations are case-insensitive (RFC 8288 §2.1.1)
        x = f'<link rel="Alternate" href="{L}"/>'
    elif shape == "type-case":  # RFC 2045 §5.1: media types are case-insensitive
        x = f'<link rel="alternate" type="Text/HTML" href="{L}"/>'
    elif shape == "iana-alternate":  # RFC 4287 §4.2.7.2: the IRI form is equivalent
        x = f'<link rel="http://www.iana.org/assignments/relation/alternate" href="{L}"/>'
    elif shape == "typed-then-html":
        x = (f'<link rel="alternate" type="application/atom+xml" href="http://example.org/{i}.atom"/>'
             f'<link rel="alternate" type="text/html" href="{L}"/>')
    elif shape == "html-then-typed":
        x = (f'<link rel="alternate" type="text/html" href="{L}"/>'
             f'<link rel="alternate" type="application/json" href="http://example.org/{i}.json"/>')
    elif shape == "enclosure-only":
        x = f'<link rel="enclosure" type="audio/mpeg" length="12" href="http://example.org/{i}.mp3"/>'
        truth[f"entries[{i}].link"] = None
    elif shape == "self-only":
        x = f'<link rel="self" href="http://example.org/{i}.atom"/>'
        truth[f"entries[{i}].link"] = None
    elif shape == "related-only":
        x = f'<link rel="related" href="http://example.org/rel/{i}"/>'
        truth[f"entries[{i}].link"] = None
    elif shape == "missing":
        x = ""
        truth[f"entries[{i}].link"] = None
    elif shape == "rel-whitespace":
        x = f'<link rel=" alternate " href="{L}"/>'
    elif shape == "href-whitespace":
        x = f'<link rel="alternate" href="\n   {L}  "/>'
    elif shape == "href-charrefs":
        x = f'<link href="http:&#x2F;&#47;example.org/post/{i}?a=1&#38;b=2"/>'
    elif shape == "alternate-atom-only":  # an alternate of another type is still the alternate
        x = f'<link rel="alternate" type="application/atom+xml" href="{L}"/>'
    elif shape == "enclosure-then-norel":
        x = (f'<link rel="enclosure" type="audio/mpeg" length="12" href="http://example.org/{i}.mp3"/>'
             f'<link href="{L}"/>')
    else:
        x = f'<link rel="alternate" href=""/><link rel="alternate" type="text/html" href="{L}"/>'
        truth[f"entries[{i}].link"] = None  # an empty href is a same-document reference
    return shape, x


def mutate_atom(rng, text, tags, truth):
    """One class of Atom 1.0 constructs, on every entry."""
    cls = rng.choice(["link", "base", "person", "source", "content", "title", "category", "id",
                      "feed-link", "feed-title", "feed-author", "version03", "attr-whitespace",
                      "rss-elements", "feed-extras", "amp", "order", "twice"])

    if cls in ("order", "twice"):
        # element order is free in an entry (RFC 4287 §4.1.2); an element
        # given twice is invalid there (but for links, authors, categories)
        shape = "shuffled" if cls == "order" else rng.choice(["title", "summary", "content", "id", "updated",
                                                               "published"])
        tags.add(f"atom:{cls}-{shape}" if cls == "twice" else "atom:order")

        def fn(i, start, body):
            kids = children(body)
            if not kids:
                return start, body
            if cls == "order":
                rng.shuffle(kids)
                return start, "".join(kids)
            for k, kid in enumerate(kids):
                if re.match(rf"<{shape}\b", kid):
                    value = "2001-01-01T00:00:00Z" if shape in ("updated", "published") else \
                        "urn:second" if shape == "id" else "second"
                    kids.insert(k + 1, f"<{shape}>{value}</{shape}>")
                    break
            return start, "".join(kids)
        return each_entry(text, fn)

    if cls == "amp":
        fmt = "atom03" if "http://purl.org/atom/ns#" in text else "atom10"

        def fn(i, start, body):
            tag, x, t = amp_title(rng, fmt)
            tags.add("atom:amp-" + tag)
            truth[f"entries[{i}].title"] = t
            return start, x + drop(body, "title")
        return each_entry(text, fn)
    shape_of = {}

    if cls == "link":
        def fn(i, start, body):
            shape, x = atom_link_shape(rng, i, tags, truth)
            shape_of[i] = shape
            return start, x + drop(body, "link")
        text = each_entry(text, fn)
        for s in set(shape_of.values()):
            tags.add("atom:link-" + s)
        return text

    if cls == "base":
        shape = rng.choice(["entry-absolute", "feed-and-entry", "link-own", "dotdot", "query",
                            "fragment", "after-content", "absolute-href", "relative-base-no-root"])
        tags.add("atom:base-" + shape)
        fbase = "http://base.example/root/"
        text = re.sub(r"<feed\b[^>]*>", lambda m: set_attr(m.group(0), "xml:base", fbase), text, count=1)

        def fn(i, start, body):
            body = drop(body, "link")
            key = f"entries[{i}].link"
            if shape == "entry-absolute":
                start = set_attr(start, "xml:base", "http://other.example/dir/")
                x, t = f'<link href="post/{i}"/>', f"http://other.example/dir/post/{i}"
            elif shape == "feed-and-entry":
                start = set_attr(start, "xml:base", "sub/")
                x, t = f'<link href="post/{i}"/>', f"http://base.example/root/sub/post/{i}"
            elif shape == "link-own":
                start = set_attr(start, "xml:base", "e/")
                x, t = f'<link xml:base="/l/" href="post/{i}"/>', f"http://base.example/l/post/{i}"
            elif shape == "dotdot":
                start = set_attr(start, "xml:base", "a/b/")
                x, t = f'<link href="../c/{i}"/>', f"http://base.example/root/a/c/{i}"
            elif shape == "query":
                start = set_attr(start, "xml:base", "http://other.example/p/page.html")
                x, t = f'<link href="?id={i}"/>', f"http://other.example/p/page.html?id={i}"
            elif shape == "fragment":
                start = set_attr(start, "xml:base", "http://other.example/p/page.html")
                x, t = f'<link href="#e{i}"/>', f"http://other.example/p/page.html#e{i}"
            elif shape == "after-content":  # XML Base §3: xml:base is scoped to its element
                start = set_attr(start, "xml:base", "http://other.example/dir/")
                body = drop(body, "content")
                x = (f'<content type="html" xml:base="http://elsewhere.example/x/">'
                     f'&lt;a href="y"&gt;y&lt;/a&gt;</content><link href="post/{i}"/>')
                t = f"http://other.example/dir/post/{i}"
            elif shape == "absolute-href":
                start = set_attr(start, "xml:base", "http://other.example/dir/")
                x, t = f'<link href="https://abs.example/{i}"/>', f"https://abs.example/{i}"
            else:
                start = set_attr(start, "xml:base", "http://other.example/dir/")
                x, t = f'<link href="//net.example/{i}"/>', f"http://net.example/{i}"
            truth[key] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "person":
        shape = rng.choice(["name-email-uri", "email-only", "uri-only", "empty-name", "name-whitespace",
                            "contributor-first", "several", "refs", "name-markup", "email-then-name"])
        tags.add("atom:person-" + shape)

        def fn(i, start, body):
            body = drop(body, "author|contributor|dc:creator|itunes:author")
            key = f"entries[{i}].author"
            if shape == "name-email-uri":
                x, t = "<author><name>Ann Smith</name><email>ann@example.org</email><uri>http://ann.example/</uri></author>", "Ann Smith"
            elif shape == "email-only":
                x, t = "<author><email>ann@example.org</email></author>", "ann@example.org"
            elif shape == "uri-only":
                x, t = "<author><uri>http://ann.example/</uri></author>", None
            elif shape == "empty-name":
                x, t = "<author><name></name><email>ann@example.org</email></author>", "ann@example.org"
            elif shape == "name-whitespace":
                x, t = "<author>\n <name>\n   Ann\n   Smith  </name>\n</author>", "Ann Smith"
            elif shape == "contributor-first":
                x, t = ("<contributor><name>Carl Contrib</name></contributor>"
                        "<author><name>Ann Smith</name></author>"), "Ann Smith"
            elif shape == "several":
                x, t = ("<author><name>Ann Smith</name></author><contributor><name>Carl</name></contributor>"
                        "<author><name>Bob Jones</name></author>"), "Ann Smith"
            elif shape == "refs":
                x, t = "<author><name>Ann &amp; Bob &#233;&#x263A; &lt;team&gt;</name></author>", "Ann & Bob é☺ <team>"
            elif shape == "name-markup":  # atom:name is text: no markup inside (RFC 4287 §3.2.1)
                x, t = "<author><name>Ann <![CDATA[<b>Smith</b>]]></name></author>", "Ann <b>Smith</b>"
            else:
                x, t = "<author><email>ann@example.org</email><name>Ann Smith</name></author>", "Ann Smith"
            truth[key] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "source":
        shape = rng.choice(["first", "last", "only-author"])
        tags.add("atom:source-" + shape)
        src = ('<source><id>urn:source</id><title type="html">Source &amp;lt;b&amp;gt;feed</title>'
               '<link rel="alternate" href="http://source.example/"/><link rel="self" href="http://source.example/feed"/>'
               '<author><name>Sam Source</name></author><updated>2001-02-03T04:05:06Z</updated>'
               '<category term="source-cat"/><rights>r</rights><subtitle>s</subtitle></source>')

        def fn(i, start, body):
            if shape == "first":
                return start, src + body
            if shape == "last":
                return start, body + src
            # RFC 4287 §4.2.1: the source's authors apply to an entry without authors
            truth[f"entries[{i}].author"] = "Sam Source"
            return start, src + drop(body, "author|dc:creator|itunes:author")
        return each_entry(text, fn)

    if cls == "content":
        shape = rng.choice(["src", "src-no-type", "base64-png", "type-case", "type-params", "xhtml-nested",
                            "xhtml-prefixed", "xhtml-no-div", "cdata-split", "text-markup-refs",
                            "xml-type", "text-type-mime"])
        tags.add("atom:content-" + shape)
        snippet = "<p>One <b>two</b> &amp; three</p>"

        def fn(i, start, body):
            body = drop(body, "content")
            key = f"entries[{i}].content"
            if shape == "src":  # RFC 4287 §4.1.3.2: out-of-line content is empty
                x = f'<content type="text/html" src="http://example.org/full/{i}.html"/>'
            elif shape == "src-no-type":
                x = f'<content src="http://example.org/full/{i}"/>'
            elif shape == "base64-png":  # RFC 4287 §4.1.3.3 (5): base64 of a non-text type
                x = '<content type="image/png">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==</content>'
            elif shape == "type-case":
                x = f'<content type="HTML">{xml_escape(snippet)}</content>'
                truth[key] = "One two & three"
            elif shape == "type-params":
                x = f'<content type="text/html; charset=utf-8">{xml_escape(snippet)}</content>'
                truth[key] = "One two & three"
            elif shape == "xhtml-nested":
                x = (f'<content type="xhtml"><div xmlns="{XHTML_NS}"><p>One <b>two <i>deep</i></b></p>'
                     f'<ul><li>x &amp; y</li></ul><div><p>inner</p></div></div></content>')
                truth[key] = "One two deep x & y inner"
            elif shape == "xhtml-prefixed":
                x = (f'<content type="xhtml"><xhtml:div xmlns:xhtml="{XHTML_NS}"><xhtml:p>One '
                     f'<xhtml:b>two</xhtml:b></xhtml:p><xhtml:p>&amp; three</xhtml:p></xhtml:div></content>')
                truth[key] = "One two & three"
            elif shape == "xhtml-no-div":
                x = f'<content type="xhtml">One <b xmlns="{XHTML_NS}">two</b> &amp; three</content>'
                truth[key] = "One two & three"
            elif shape == "cdata-split":
                x = '<content type="html"><![CDATA[<p>One <b>tw]]><![CDATA[o</b> &amp; ]]>three</content>'
                truth[key] = "One two & three"
            elif shape == "text-markup-refs":  # type text: "<b>" is text
                x = '<content type="text">One &lt;b&gt; &amp;amp; &#233;</content>'
                truth[key] = "One <b> &amp; é"
            elif shape == "xml-type":  # RFC 4287 §4.1.3.3 (4): XML content, inline
                x = '<content type="application/xml"><data xmlns="">One &amp; two</data></content>'
            else:
                x = '<content type="text/plain">One &lt;b&gt; two</content>'
                truth[key] = "One <b> two"
            return start, x + body
        return each_entry(text, fn)

    if cls == "title":
        shape = rng.choice(["type-case", "xhtml-prefixed", "xhtml-nested", "cdata-split", "refs",
                            "text-markup", "whitespace", "html-entity-names", "empty"])
        tags.add("atom:title-" + shape)

        def fn(i, start, body):
            body = drop(body, "title")
            key = f"entries[{i}].title"
            x, t = {
                "type-case": ('<title type="HTML">Fish &amp;amp; &lt;b&gt;Chips&lt;/b&gt;</title>', "Fish & Chips"),
                "xhtml-prefixed": (f'<title type="xhtml"><h:div xmlns:h="{XHTML_NS}">Fish <h:b>&amp;</h:b> Chips</h:div></title>',
                                   "Fish & Chips"),
                "xhtml-nested": (f'<title type="xhtml"><div xmlns="{XHTML_NS}"><span>Fish <em>&amp; <b>Chips</b></em></span></div></title>',
                                 "Fish & Chips"),
                "cdata-split": ('<title><![CDATA[Fish & ]]><![CDATA[Chips]]> <![CDATA[<3]]></title>', "Fish & Chips <3"),
                "refs": ("<title>Fish &#38; Chips &#x2014; caf&#233;</title>", "Fish & Chips — café"),
                "text-markup": ('<title type="text">&lt;b&gt;Fish&lt;/b&gt; &amp;amp; Chips</title>', "<b>Fish</b> &amp; Chips"),
                "whitespace": ("<title>\n    Fish\n  &amp;\tChips   \n</title>", "Fish & Chips"),
                "html-entity-names": ('<title type="html">Fish &amp;eacute; &amp;mdash; &amp;nbsp;Chips</title>', "Fish é — \u00a0Chips"),
                "empty": ("<title></title>", None),
            }[shape]
            if shape != "empty":  # (a media:title may stand in)
                truth[key] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "category":
        shape = rng.choice(["term-scheme-label", "label-only", "refs", "same-term-two-schemes",
                            "same-term-twice", "term-whitespace", "text-content"])
        tags.add("atom:category-" + shape)

        def fn(i, start, body):
            body = drop(body, "category")
            x = {
                "term-scheme-label": '<category term="tech" scheme="http://example.org/tags/" label="Technology"/>',
                "label-only": '<category label="Only label"/><category term="t2"/>',
                "refs": '<category term="Fish &amp; Chips &#233;"/>',
                "same-term-two-schemes": '<category term="a" scheme="http://x/"/><category term="a" scheme="http://y/"/>',
                "same-term-twice": '<category term="a"/><category term="b"/><category term="a"/>',
                "term-whitespace": '<category term="  spaced   term "/>',
                "text-content": '<category>textual</category><category term="t"/>',
            }[shape]
            return start, x + body
        return each_entry(text, fn)

    if cls == "id":
        shape = rng.choice(["whitespace", "refs", "relative-with-base", "tag-uri"])
        tags.add("atom:id-" + shape)

        def fn(i, start, body):
            body = drop(body, "id")
            key = f"entries[{i}].id"
            if shape == "whitespace":
                x, t = f"<id>\n   urn:uuid:0000-{i}  \n</id>", f"urn:uuid:0000-{i}"
            elif shape == "refs":
                x, t = f"<id>http://example.org/?p={i}&amp;q=&#49;</id>", f"http://example.org/?p={i}&q=1"
            elif shape == "relative-with-base":  # RFC 4287 §4.2.6: ids are not resolved
                start = set_attr(start, "xml:base", "http://other.example/dir/")
                x, t = f"<id>entry-{i}</id>", f"entry-{i}"
            else:
                x, t = f"<id>tag:example.org,2005:entry-{i}</id>", f"tag:example.org,2005:entry-{i}"
            truth[key] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "version03":
        # the same document in Atom 0.3's names (Atom 0.3 draft §3.1, §4.2)
        if ATOM_NS not in text:
            return text
        tags.add("atom:version03")
        text = text.replace(f'xmlns="{ATOM_NS}"', 'xmlns="http://purl.org/atom/ns#" version="0.3"', 1)
        for a, b in (("published", "issued"), ("updated", "modified"), ("subtitle", "tagline"),
                     ("rights", "copyright")):
            text = re.sub(rf"<(/?){a}\b", rf"<\1{b}", text)
        text = re.sub(r'\stype="html"', ' type="text/html" mode="escaped"', text)
        text = re.sub(r'\stype="xhtml"', ' type="application/xhtml+xml" mode="xml"', text)
        text = re.sub(r'\stype="text"', ' type="text/plain"', text)
        return text

    if cls == "attr-whitespace":
        shape = rng.choice(["type-spaces", "type-upper-mime", "type-params-spaces"])
        tags.add("atom:attr-whitespace-" + shape)
        ty = {"type-spaces": " html ", "type-upper-mime": "TEXT/HTML",
              "type-params-spaces": "text/html ; charset=UTF-8"}[shape]

        def fn(i, start, body):
            body = drop(body, "title|summary|content")
            truth[f"entries[{i}].title"] = "Fish & Chips"
            truth[f"entries[{i}].content"] = "One two & three"
            truth[f"entries[{i}].summary"] = "One two & three"  # (the content stands in)
            return start, (f'<title type="{ty}">Fish &amp;amp; &lt;i&gt;Chips&lt;/i&gt;</title>'
                           f'<content type="{ty}">&lt;p&gt;One &lt;b&gt;two&lt;/b&gt; &amp;amp; three&lt;/p&gt;</content>'
                           + body)
        return each_entry(text, fn)

    if cls == "rss-elements":
        # RSS and Dublin Core elements inside Atom entries, where the Atom one is missing
        shape = rng.choice(["dc-creator", "dc-date", "content-encoded", "description", "pubdate", "guid"])
        tags.add("atom:rss-elements-" + shape)
        DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'

        def fn(i, start, body):
            if shape == "dc-creator":
                truth[f"entries[{i}].author"] = "Dee Creator"
                return start, f"<dc:creator {DC}>Dee Creator</dc:creator>" + drop(body, "author")
            if shape == "dc-date":
                return start, f"<dc:date {DC}>2004-05-06T07:08:09Z</dc:date>" + drop(body, "updated|modified")
            if shape == "content-encoded":
                truth[f"entries[{i}].content"] = "Encoded body"
                return start, ('<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                               "&lt;p&gt;Encoded &lt;b&gt;body&lt;/b&gt;&lt;/p&gt;</content:encoded>"
                               + drop(body, "content"))
            if shape == "description":
                return start, "<description>&lt;p&gt;Described&lt;/p&gt;</description>" + drop(body, "summary")
            if shape == "pubdate":
                return start, "<pubDate>Thu, 06 May 2004 07:08:09 GMT</pubDate>" + drop(body, "published|issued")
            return start, f"<guid>http://example.org/guid/{i}</guid>" + drop(body, "id")
        return each_entry(text, fn)

    # feed-level constructs: rewrite the children of <feed> before the first entry
    m = re.search(r"<feed\b[^>]*>", text)
    e = text.find("<entry", m.end()) if m else -1
    if not m or e < 0:
        return text
    head = text[m.end():e]
    if cls == "feed-extras":
        # feed metadata that is neither its title nor its link
        tags.add("atom:feed-extras")
        x = ('<generator uri="http://generator.example/" version="1.0">Gen &amp; Co</generator>'
             '<icon>http://example.org/icon.png</icon><logo>http://example.org/logo.png</logo>'
             '<subtitle type="html">A &lt;b&gt;sub&lt;/b&gt;title</subtitle><rights>© 2020</rights>'
             '<contributor><name>Feed Contributor</name></contributor>'
             '<category term="feed-category"/>')
        return text[:m.end()] + x + head + text[e:]
    if cls == "feed-link":
        shape = rng.choice(["self-then-alternate", "self-only", "typed-alternate", "rel-case", "two-alternates"])
        tags.add("atom:feed-link-" + shape)
        head = re.sub(r"<link\b[^>]*?(?:/>|>.*?</link>)", "", head, flags=re.S)
        x, t = {
            "self-then-alternate": ('<link rel="self" href="http://example.org/feed.atom"/><link rel="alternate" href="http://example.org/site/"/>',
                                    "http://example.org/site/"),
            "self-only": ('<link rel="self" href="http://example.org/feed.atom"/>', None),
            "typed-alternate": ('<link rel="alternate" type="application/atom+xml" href="http://example.org/other.atom"/>'
                                '<link rel="alternate" type="text/html" href="http://example.org/site/"/>', "http://example.org/site/"),
            "rel-case": ('<link rel="ALTERNATE" type="TEXT/HTML" href="http://example.org/site/"/>', "http://example.org/site/"),
            "two-alternates": ('<link rel="alternate" type="text/html" hreflang="en" href="http://example.org/site/"/>'
                               '<link rel="alternate" type="application/rss+xml" href="http://example.org/rss"/>', "http://example.org/site/"),
        }[shape]
        truth["link"] = t
    elif cls == "feed-title":
        shape = rng.choice(["xhtml", "html-escaped", "refs", "missing", "cdata-split"])
        tags.add("atom:feed-title-" + shape)
        head = re.sub(r"<title\b[^>]*?(?:/>|>.*?</title>)", "", head, flags=re.S)
        x, t = {
            "xhtml": (f'<title type="xhtml"><div xmlns="{XHTML_NS}">The <b>Feed</b> &amp; co</div></title>', "The Feed & co"),
            "html-escaped": ('<title type="html">The &lt;b&gt;Feed&lt;/b&gt; &amp;amp; co</title>', "The Feed & co"),
            "refs": ("<title>The Feed &#38; co &#8482;</title>", "The Feed & co ™"),
            "missing": ("", None),
            "cdata-split": ("<title><![CDATA[The Feed]]><![CDATA[ & co]]></title>", "The Feed & co"),
        }[shape]
        truth["title"] = t
    else:
        # RFC 4287 §4.2.1: the feed's authors apply to entries without authors
        shape = rng.choice(["inherited", "entry-own"])
        tags.add("atom:feed-author-" + shape)
        head = re.sub(r"<author\b[^>]*?(?:/>|>.*?</author>)", "", head, flags=re.S)
        x = "<author><name>Feed Writer</name></author>"
        text = text[:m.end()] + x + head + text[e:]

        def fn(i, start, body):
            if shape == "inherited":
                truth[f"entries[{i}].author"] = "Feed Writer"
                return start, drop(body, "author|dc:creator|itunes:author")
            return start, "<author><name>Own Writer</name></author>" + drop(body, "author")
        return each_entry(text, fn)
    return text[:m.end()] + x + head + text[e:]


def mutate_rss(rng, text, tags, truth):
    """One class of RSS constructs, on every item."""
    cls = rng.choice(["guid", "author", "version", "category", "link", "ns", "cdata", "refs", "case",
                      "missing", "feed", "item-extras", "atom-elements", "rdf-about", "amp", "order", "twice"])

    if cls in ("order", "twice"):
        # element order is free in an item (RSS 2.0, RSS 1.0); an element given
        # twice is an ill-formed item whose first occurrence readers keep
        shape = "shuffled" if cls == "order" else rng.choice(["title", "link", "description", "pubDate",
                                                               "author", "guid"])
        tags.add(f"rss:{cls}-{shape}" if cls == "twice" else "rss:order")

        def fn(i, start, body):
            kids = children(body)
            if not kids:
                return start, body
            if cls == "order":
                rng.shuffle(kids)
                return start, "".join(kids)
            for k, kid in enumerate(kids):
                if re.match(rf"<{shape}\b", kid):
                    again = re.sub(r">([^<]*)<", lambda m: ">" + ("http://example.org/second"
                                   if shape in ("link", "guid") else "Mon, 01 Jan 2001 00:00:00 GMT"
                                   if shape == "pubDate" else "second@example.org (Second)" if shape == "author"
                                   else "second") + "<", kid, count=1)
                    kids.insert(k + 1, again)
                    break
            return start, "".join(kids)
        return each_entry(text, fn)

    if cls == "amp":
        def fn(i, start, body):
            tag, x, t = amp_title(rng, "rss")
            tags.add("rss:amp-" + tag)
            truth[f"entries[{i}].title"] = t
            return start, x + drop(body, "title")
        return each_entry(text, fn)

    if cls == "item-extras":
        # item elements that are not its title, link or author (RSS 2.0 §"Elements of <item>")
        shape = rng.choice(["source", "enclosure", "comments", "all"])
        tags.add("rss:item-extras-" + shape)
        x = {"source": '<source url="http://other.example/rss.xml">Other &amp; Feed</source>',
             "enclosure": '<enclosure url="http://example.org/a.mp3" length="12" type="audio/mpeg"/>',
             "comments": "<comments>http://example.org/comments</comments>"}

        def fn(i, start, body):
            if shape == "all":
                return start, "".join(x.values()) + body
            return start, x[shape] + body
        return each_entry(text, fn)

    if cls == "atom-elements":
        # Atom elements in RSS items (feeds mix them), where the RSS one is missing
        shape = rng.choice(["author", "updated", "published", "summary", "content", "link-no-rel", "id"])
        tags.add("rss:atom-elements-" + shape)
        A = f'xmlns:atom="{ATOM_NS}"'

        def fn(i, start, body):
            if shape == "author":
                truth[f"entries[{i}].author"] = "Atom Author"
                return start, f"<atom:author {A}><atom:name>Atom Author</atom:name></atom:author>" + \
                    drop(body, "author|dc:creator|itunes:author")
            if shape == "updated":
                return start, f"<atom:updated {A}>2004-05-06T07:08:09Z</atom:updated>" + drop(body, "dc:date")
            if shape == "published":
                return start, f"<atom:published {A}>2004-05-06T07:08:09Z</atom:published>" + drop(body, "pubDate")
            if shape == "summary":
                return start, f'<atom:summary {A} type="html">&lt;p&gt;Atom summary&lt;/p&gt;</atom:summary>' + \
                    drop(body, "description")
            if shape == "content":
                truth[f"entries[{i}].content"] = "Atom content"
                return start, f'<atom:content {A} type="xhtml"><div xmlns="{XHTML_NS}"><p>Atom <b>content</b></p></div></atom:content>' + \
                    drop(body, "content:encoded")
            if shape == "link-no-rel":
                truth[f"entries[{i}].link"] = f"http://example.org/atom/{i}"
                return start, f'<atom:link {A} href="http://example.org/atom/{i}"/>' + drop(body, "link|guid")
            return start, f"<atom:id {A}>urn:atom:{i}</atom:id>" + drop(body, "guid")
        return each_entry(text, fn)

    if cls == "rdf-about":
        # RSS 1.0: rdf:about names the item; <link> is its page (RSS 1.0 §5.5)
        if "<rdf:RDF" not in text:
            return text
        tags.add("rss:rdf-about")

        def fn(i, start, body):
            start = re.sub(r'\srdf:about\s*=\s*(["\']).*?\1', "", start)
            start = set_attr(start, "rdf:about", f"http://example.org/about/{i}")
            truth[f"entries[{i}].link"] = f"http://example.org/page/{i}"
            return start, f"<link>http://example.org/page/{i}</link>" + drop(body, "link")
        return each_entry(text, fn)

    if cls == "guid":
        shape = rng.choice(["permalink-no-link", "default-no-link", "false-no-link", "false-case",
                            "true-case", "guid-then-link", "link-then-guid", "not-url-default",
                            "whitespace", "relative-with-base", "false-with-link"])
        tags.add("rss:guid-" + shape)

        def fn(i, start, body):
            body = drop(body, "link|guid")
            G = f"http://example.org/guid/{i}"
            L = f"http://example.org/link/{i}"
            x, link, ident = {
                "permalink-no-link": (f'<guid isPermaLink="true">{G}</guid>', G, G),
                "default-no-link": (f"<guid>{G}</guid>", G, G),
                "false-no-link": (f'<guid isPermaLink="false">{G}</guid>', None, G),
                "false-case": (f'<guid isPermaLink="False">{G}</guid>', None, G),
                "true-case": (f'<guid isPermaLink="TRUE">{G}</guid>', G, G),
                "guid-then-link": (f"<guid>{G}</guid><link>{L}</link>", L, G),
                "link-then-guid": (f"<link>{L}</link><guid>{G}</guid>", L, G),
                "not-url-default": (f"<guid>item-{i}@example.org</guid>", None, f"item-{i}@example.org"),
                "whitespace": (f"<guid isPermaLink='false'>\n  {G}\n </guid><link>\n {L}\n</link>", L, G),
                "relative-with-base": (f"<guid>/guid/{i}</guid>", f"http://base.example/guid/{i}", f"/guid/{i}"),
                "false-with-link": (f'<guid isPermaLink="false">{G}</guid><link>{L}</link>', L, G),
            }[shape]
            if shape == "relative-with-base":
                start = set_attr(start, "xml:base", "http://base.example/x/")
            if shape != "not-url-default":
                truth[f"entries[{i}].link"] = link
            truth[f"entries[{i}].id"] = ident
            return start, x + body
        return each_entry(text, fn)

    if cls == "author":
        shape = rng.choice(["email-name", "name-email", "email-only", "name-only", "mailto", "dc-creator",
                            "itunes-author", "creator-then-author", "author-then-creator",
                            "managing-editor-only", "refs", "email-name-nested-parens"])
        tags.add("rss:author-" + shape)
        DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
        IT = 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
        if shape == "managing-editor-only":  # RSS 2.0: the channel's editor, not the items' author
            text = re.sub(r"<channel\b[^>]*>", lambda m: m.group(0) + "<managingEditor>ed@example.org (Ed Itor)</managingEditor>"
                          "<webMaster>wm@example.org (Web Master)</webMaster>", text, count=1)

        def fn(i, start, body):
            body = drop(body, "author|dc:creator|itunes:author|managingEditor")
            x, t = {
                "email-name": ("<author>ann@example.org (Ann Smith)</author>", "Ann Smith"),
                "name-email": ("<author>Ann Smith &lt;ann@example.org&gt;</author>", "Ann Smith"),
                "email-only": ("<author>ann@example.org</author>", "ann@example.org"),
                "name-only": ("<author>Ann Smith</author>", "Ann Smith"),
                "mailto": ("<author>mailto:ann@example.org (Ann Smith)</author>", "Ann Smith"),
                "dc-creator": (f"<dc:creator {DC}>Ann Smith</dc:creator>", "Ann Smith"),
                "itunes-author": (f"<itunes:author {IT}>Ann Smith</itunes:author>", "Ann Smith"),
                "creator-then-author": (f"<dc:creator {DC}>Ann Smith</dc:creator><author>bob@example.org (Bob Jones)</author>", "Ann Smith"),
                "author-then-creator": (f"<author>ann@example.org (Ann Smith)</author><dc:creator {DC}>Bob Jones</dc:creator>", "Ann Smith"),
                "managing-editor-only": ("", None),
                "refs": ("<author>ann@example.org (Ann &amp; Bob &#233;)</author>", "Ann & Bob é"),
                "email-name-nested-parens": ("<author>ann@example.org (Ann Smith (editor))</author>", "Ann Smith (editor)"),
            }[shape]
            truth[f"entries[{i}].author"] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "version":
        shape = rng.choice(["0.91", "0.92", "2.0-rss2-ns", "2.0-harvard-ns", "no-version", "2.0.1"])
        if not re.search(r"<rss\b", text):
            return text
        tags.add("rss:version-" + shape)

        def root(m):
            s = re.sub(r'\sversion\s*=\s*(["\']).*?\1', "", m.group(0))
            if shape in ("0.91", "0.92", "2.0.1"):
                s = set_attr(s, "version", shape)
            elif shape == "2.0-rss2-ns":
                s = set_attr(set_attr(s, "version", "2.0"), "xmlns", "http://backend.userland.com/rss2")
            elif shape == "2.0-harvard-ns":
                s = set_attr(set_attr(s, "version", "2.0"), "xmlns", "http://blogs.law.harvard.edu/tech/rss")
            return s
        return re.sub(r"<rss\b[^>]*>", root, text, count=1)

    if cls == "category":
        shape = rng.choice(["domain", "several", "refs", "whitespace", "empty", "same-term-two-domains",
                            "same-term-twice", "slash-path"])
        tags.add("rss:category-" + shape)

        def fn(i, start, body):
            body = drop(body, "category")
            x = {
                "domain": '<category domain="http://example.org/tags">tech</category>',
                "several": "<category>a</category><category>b</category><category>c</category>",
                "refs": "<category>Fish &amp; Chips &#233;</category>",
                "whitespace": "<category>\n  spaced   term \n</category>",
                "empty": "<category></category><category>x</category>",
                "same-term-two-domains": '<category domain="http://x/">a</category><category domain="http://y/">a</category>',
                "same-term-twice": "<category>a</category><category>b</category><category>a</category>",
                "slash-path": '<category domain="http://www.dmoz.org">Top/Computers/Software</category>',
            }[shape]
            return start, x + body
        return each_entry(text, fn)

    if cls == "link":
        shape = rng.choice(["whitespace", "amp", "charrefs", "cdata", "relative-channel-base",
                            "atom-alternate", "atom-self-channel", "empty-then-guid", "two-links"])
        tags.add("rss:link-" + shape)
        ATOM = f'xmlns:atom="{ATOM_NS}"'
        inside = not re.search(r"</channel>\s*<item\b", text)
        if shape == "relative-channel-base":
            text = re.sub(r"<channel\b[^>]*>", lambda m: set_attr(m.group(0), "xml:base", "http://base.example/c/"), text, count=1)
        if shape == "atom-self-channel":
            text = re.sub(r"<channel\b[^>]*>", lambda m: m.group(0) + f'<atom:link {ATOM} rel="self" type="application/rss+xml" href="http://example.org/feed.rss"/>',
                          text, count=1)

        def fn(i, start, body):
            body = drop(body, "link|guid|atom:link")
            L = f"http://example.org/p/{i}?a=1&b=2"
            x, t = {
                "whitespace": (f"<link>\n\t  {xml_escape(L)}  \n</link>", L),
                "amp": (f"<link>{xml_escape(L)}</link>", L),
                "charrefs": (f"<link>http:&#x2F;&#x2F;example.org/p/{i}?a=1&#38;b=2</link>", L),
                "cdata": (f"<link><![CDATA[{L}]]></link>", L),
                # XML Base §3: the channel's base reaches only items inside it (not RSS 1.0's)
                "relative-channel-base": (f"<link>p/{i}</link>", f"http://base.example/c/p/{i}" if inside else f"p/{i}"),
                "atom-alternate": (f'<atom:link {ATOM} rel="alternate" type="text/html" href="{xml_escape(L)}"/>', L),
                "atom-self-channel": (f"<link>{xml_escape(L)}</link>", L),
                "empty-then-guid": (f"<link></link><guid>{xml_escape(L)}</guid>", L),
                "two-links": (f"<link>{xml_escape(L)}</link><link>http://example.org/second/{i}</link>", None),
            }[shape]
            if shape != "two-links":
                truth[f"entries[{i}].link"] = t
            return start, x + body
        return each_entry(text, fn)

    if cls == "ns":
        shape = rng.choice(["foreign-title", "foreign-link", "rss2-ns-elements", "rss10-ns-item", "foreign-default-ns",
                            "atom-title-in-item"])
        tags.add("rss:ns-" + shape)

        def fn(i, start, body):
            if shape == "foreign-title":  # Namespaces in XML: x:title is not RSS's title
                return start, '<x:title xmlns:x="http://example.org/ns/">Foreign</x:title>' + body
            if shape == "foreign-link":
                return start, '<x:link xmlns:x="http://example.org/ns/">http://foreign.example/</x:link>' + body
            if shape == "foreign-default-ns":
                return start, '<meta xmlns="http://example.org/ns/"><title>Foreign</title><link>http://foreign.example/</link></meta>' + body
            if shape == "atom-title-in-item":
                body = drop(body, "title")
                truth[f"entries[{i}].title"] = "Atom Title"
                return start, f'<atom:title xmlns:atom="{ATOM_NS}">Atom Title</atom:title>' + body
            ns = "http://backend.userland.com/rss2" if shape == "rss2-ns-elements" else "http://purl.org/rss/1.0/"
            body = re.sub(r"<(title|link|description)>", rf'<\1 xmlns="{ns}">', body)
            return start, body
        return each_entry(text, fn)

    if cls == "cdata":
        shape = rng.choice(["title-split", "description-split-in-tag", "text-then-cdata", "empty-sections"])
        tags.add("rss:cdata-" + shape)

        def fn(i, start, body):
            if shape in ("title-split", "text-then-cdata", "empty-sections"):
                body = drop(body, "title")
                x, t = {
                    "title-split": ("<title><![CDATA[Fish & ]]><![CDATA[Chips]]></title>", "Fish & Chips"),
                    "text-then-cdata": ("<title>Fish &amp; <![CDATA[Chips]]> too</title>", "Fish & Chips too"),
                    "empty-sections": ("<title><![CDATA[]]>Fish<![CDATA[]]> Chips</title>", "Fish Chips"),
                }[shape]
                truth[f"entries[{i}].title"] = t
                return start, x + body
            body = drop(body, "description")
            truth[f"entries[{i}].summary"] = "One two three"
            return start, "<description><![CDATA[<p>One <b]]><![CDATA[>two</b> thr]]>ee&lt;/p></description>" + body
        return each_entry(text, fn)

    if cls == "refs":
        shape = rng.choice(["title-numeric", "title-double-escaped", "title-named-html", "title-lt",
                            "link-amp-double"])
        tags.add("rss:refs-" + shape)

        def fn(i, start, body):
            if shape == "link-amp-double":
                body = drop(body, "link|guid")
                return start, f"<link>http://example.org/?a=1&amp;amp;b=2</link>" + body
            body = drop(body, "title")
            x = {
                "title-numeric": "<title>Caf&#233; &#8220;quoted&#8221; &#x2014; it&#8217;s</title>",
                "title-double-escaped": "<title>AT&amp;amp;T &amp;lt;rocks&amp;gt;</title>",
                "title-named-html": "<title>Caf&amp;eacute; &amp;mdash; ok</title>",
                "title-lt": "<title>1 &lt; 2 &amp;&amp; 3 &gt; 2</title>",
            }[shape]
            return start, x + body
        return each_entry(text, fn)

    if cls == "case":
        shape = rng.choice(["title", "link", "pubdate", "guid-attr", "description", "author"])
        tags.add("rss:case-" + shape)
        names = {"title": ("title", "Title"), "link": ("link", "LINK"), "pubdate": ("pubDate", "PUBDATE"),
                 "description": ("description", "Description"), "author": ("author", "AUTHOR")}

        def fn(i, start, body):
            if shape == "guid-attr":
                body = drop(body, "guid|link")
                truth[f"entries[{i}].link"] = None
                return start, f'<guid ISPERMALINK="false">urn:x:{i}</guid>' + body
            a, b = names[shape]
            return start, re.sub(rf"<(/?){a}\b", rf"<\1{b}", body)
        return each_entry(text, fn)

    if cls == "missing":
        shape = rng.choice(["item-title", "item-title-empty", "item-link", "item-all-but-description",
                            "channel-title", "channel-link", "self-closing"])
        tags.add("rss:missing-" + shape)
        if shape in ("channel-title", "channel-link"):
            name = shape.split("-")[1]
            m = re.search(r"<channel\b[^>]*>", text)
            e = re.search(r"<item\b", text)
            if m and e and m.end() < e.start():
                head = re.sub(rf"<{name}\b[^>]*?(?:/>|>.*?</{name}>)", "", text[m.end():e.start()], flags=re.S)
                truth[name] = None
                text = text[:m.end()] + head + text[e.start():]
            return text

        def fn(i, start, body):
            if shape == "item-title":  # (media:title and dc:title may stand in)
                return start, drop(body, "title")
            if shape == "item-title-empty":  # (a media:title may stand in)
                return start, "<title>  \n </title>" + drop(body, "title")
            if shape == "item-link":
                return start, drop(body, "link")
            if shape == "self-closing":
                return start, "<title/><link/><description/>" + drop(body, "title|link|description")
            return start, "<description>Only &lt;b&gt;this&lt;/b&gt;</description>"
        return each_entry(text, fn)

    # feed-level: channel title and link
    shape = rng.choice(["title-refs", "title-cdata", "link-whitespace", "atom-link-only", "link-after-items"])
    tags.add("rss:feed-" + shape)
    m = re.search(r"<channel\b[^>]*>", text)
    e = re.search(r"<item\b", text)
    if not m or not e or m.end() > e.start():
        return text
    head = text[m.end():e.start()]
    ATOM = f'xmlns:atom="{ATOM_NS}"'
    if shape.startswith("title"):
        head = re.sub(r"<title\b[^>]*?(?:/>|>.*?</title>)", "", head, count=1, flags=re.S)
        x, t = {"title-refs": ("<title>News &#38; Views &#8212; caf&#233;</title>", "News & Views — café"),
                "title-cdata": ("<title><![CDATA[News & Views]]></title>", "News & Views")}[shape]
        truth["title"] = t
    else:
        head = re.sub(r"<link\b[^>]*?(?:/>|>.*?</link>)", "", head, count=1, flags=re.S)
        x, t = {"link-whitespace": ("<link>\n  http://example.org/site/\n</link>", "http://example.org/site/"),
                "atom-link-only": (f'<atom:link {ATOM} rel="alternate" type="text/html" href="http://example.org/site/"/>',
                                   "http://example.org/site/"),
                "link-after-items": ("", "http://example.org/site/")}[shape]
        truth["link"] = t
    text = text[:m.end()] + x + head + text[e.start():]
    if shape == "link-after-items":
        text = re.sub(r"</channel>", "<link>http://example.org/site/</link></channel>", text, count=1)
    return text


CONSTRUCT_CLASSES = sorted([
    "atom:link", "atom:base", "atom:person", "atom:source", "atom:content", "atom:title", "atom:category",
    "atom:id", "atom:feed-link", "atom:feed-title", "atom:feed-author", "atom:feed-extras", "atom:version03",
    "atom:attr-whitespace", "atom:rss-elements", "atom:amp", "atom:order", "atom:twice",
    "rss:guid", "rss:author", "rss:version", "rss:category", "rss:link", "rss:ns", "rss:cdata", "rss:refs",
    "rss:case", "rss:missing", "rss:feed", "rss:item-extras", "rss:atom-elements", "rss:rdf-about", "rss:amp",
    "rss:order", "rss:twice"],
    key=len, reverse=True)


def construct_class(tag):
    """The class of a construct tag ("atom:link-self-only" -> "atom:link")."""
    return next((c for c in CONSTRUCT_CLASSES if tag == c or tag.startswith(c + "-")), tag)


def mutate_constructs(rng, text, tags, truth):
    """text with one construct class applied; truth gets the values the
    specifications give, and "_entries": how many entries they are for
    (field_tags() uses them only when both parsers found that many)."""
    root = re.search(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)",
                     re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", text, flags=re.S))
    root = root.group(2).lower() if root else ""
    if root == "feed":
        text = mutate_atom(rng, text, tags, truth)
    elif root in ("rss", "rdf"):
        text = mutate_rss(rng, text, tags, truth)
    truth["_entries"] = len(ENTRY_RE.findall(text))
    return text


# ---------------------------------------------------------------------------
# sources and variants

def load_sources(shared, fp):
    """[(name, text)] of conformance cases and corpus feeds that decode cleanly."""
    out = []
    dirs = [os.path.join(shared, "conformance", "feeds", "cases"), os.path.join(shared, "bench", "feeds")]
    for d in dirs:
        for root, _, files in os.walk(d):
            for fn in sorted(files):
                if not fn.endswith((".xml", ".rss", ".atom")):
                    continue
                path = os.path.join(root, fn)
                data = open(path, "rb").read()
                if len(data) > 300_000:
                    continue
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    d0 = fp.parse(data)
                enc = d0.get("encoding") or "utf-8"
                exc = d0.get("bozo_exception")
                if exc is not None and "encoding" in type(exc).__name__.lower():
                    continue  # the encoding itself is the test: keep it as it is
                try:
                    text = data.decode(enc)
                except (UnicodeDecodeError, LookupError):
                    continue
                if text.startswith("\ufeff"):
                    text = text[1:]
                out.append((os.path.relpath(path, shared), text))
    out.sort()
    return out


def make_variant(rng, sources, fp):
    """(name, bytes, tags, {date string written: (form tag, truth)},
    {field: value the specification gives})."""
    tags, truths, ftruth = set(), {}, {}
    if rng.random() < 0.3:
        fmt = rng.choice(FORMATS)
        text = synth_feed(rng, fmt, tags, truths)
        name = "synth:" + fmt
        tags.add(name)
        if rng.random() < 0.5:
            text = mutate_constructs(rng, text, tags, ftruth)
    else:
        name, text = rng.choice(sources)
        tags.add("source:" + ("corpus" if name.startswith("bench") else "conformance"))
        tags.add("file:" + name)
        if "<itunes:summary" in text:
            tags.add("has:itunes-summary")
        if re.search(r"<(?:\w+:)?created\b", text):
            tags.add("has:created")
        if re.match(r"\s+<\?xml", text):
            tags.add("has:space-before-declaration")
        m = re.search(r"<feed\b", text)
        if m and re.search(r"<author\b", text[m.end():text.find("<entry", m.end())]):
            tags.add("has:atom-feed-author")
        ops = rng.sample(["date", "authors", "text", "enc", "construct", "construct"], rng.randint(1, 2))
        if "date" in ops:
            text = mutate_dates(rng, text, fp, tags, truths)
        if "authors" in ops:
            text = mutate_authors(rng, text, tags)
        if "text" in ops:
            text = mutate_text(rng, text, tags)
        if "construct" in ops:
            text = mutate_constructs(rng, text, tags, ftruth)
        if "enc" in ops:
            ftruth.pop("entries[0].title", None)  # the encoding's sample goes into it
        if "enc" not in ops:
            return name, set_declaration(text, "utf-8").encode("utf-8"), tags, truths, ftruth
    if rng.random() < 0.4 or "enc" in tags:
        ftruth.pop("entries[0].title", None)  # the encoding's sample goes into it
        return name, mutate_encoding(rng, text, tags), tags, truths, ftruth
    return name, set_declaration(text, "utf-8").encode("utf-8"), tags, truths, ftruth


# ---------------------------------------------------------------------------
# known disagreements

def load_known(path):
    """[(tag prefix, field group, who, reason)]."""
    known = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        spec, _, reason = line.partition("#")
        parts = spec.split()
        if len(parts) != 3 or not reason.strip():
            raise SystemExit(f"{path}: need TAG FIELD WHO  # reason: {line}")
        known.append((parts[0], parts[1], parts[2], reason.strip()))
    return known


def field_tags(field, tags, fdoc, truths, ftruth):
    """The tags a field is counted under, and the truth when the generator
    wrote it: a date field under the form of the date string feedparser saw
    (the original's form, "date:original", when the generator did not write
    it); other fields under the variant's tags but the date forms, with the
    value the specification gives when a construct class wrote it."""
    plain = {t for t in tags if not t.startswith("date:")}
    if field.endswith("link"):
        ident = fdoc.get(field[:-len("link")] + "id")
        if ident and fdoc.get(field) == ident:
            plain.add("fp:id-as-link")
    if not field.endswith((".published", ".updated")):
        if field in ftruth and ftruth.get("_entries") == fdoc.get("entries"):
            t = ftruth[field]
            return plain, J.norm_ws(t) if isinstance(t, str) else t
        return plain, NO_TRUTH
    raw = fdoc.get(field + ".raw")
    if isinstance(raw, str) and raw.strip() in truths:
        dtags, truth = truths[raw.strip()]
        return plain | set(dtags), truth
    return plain | {"date:original"}, NO_TRUTH


NO_TRUTH = object()


def who_is_right(r, f, truth):
    """'reads' / 'feedparser' / 'neither' where the generator knows the truth
    (None: the field must be empty), else '?'."""
    if truth is NO_TRUTH:
        return "?"
    return "reads" if r == truth else "feedparser" if f == truth else "neither"


def explain(known, tags, field, right):
    """The reason of the first known-disagreement line that covers this one.
    WHO "reads-right": only where the generator's truth shows reads right;
    "any": whoever is right (the reason says why reads differs)."""
    group = field_group(field) if field != "entries" else "entries"
    for prefix, fgroup, who, reason in known:
        if fgroup not in ("*", group):
            continue
        if who == "reads-right" and right != "reads":
            continue
        if any(t.startswith(prefix) for t in tags):
            return reason
    return None


def run_reads(reads, paths):
    """{path: doc} from one batch process (JSON Lines), per file on failure."""
    out = {}
    r = subprocess.run([reads, "parse", *paths, "--json"], capture_output=True, timeout=600)
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        try:
            doc = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(doc, dict) and "file" in doc:
            out[doc["file"]] = doc
    for p in paths:
        if p not in out:
            r1 = subprocess.run([reads, "parse", p, "--json"], capture_output=True, timeout=60)
            try:
                out[p] = json.loads(r1.stdout)
            except json.JSONDecodeError:
                out[p] = {"title": None, "link": None, "entries": [],
                          "error": f"exit {r1.returncode}: {r1.stderr[-200:]!r}"}
    return out


def main():
    global J
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reads", default="build/reads")
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--variants", type=int, default=5000)
    ap.add_argument("--known", default=os.path.join(HERE, "differential-known.txt"))
    ap.add_argument("--show", type=int, default=20, help="print this many unexplained disagreements")
    ap.add_argument("--show-known", action="store_true", help="print the known ones too")
    ap.add_argument("--report", help="write every disagreement (JSON)")
    ap.add_argument("--keep", help="write the variants into this folder")
    ap.add_argument("--min-agreement", type=float, default=99.0,
                    help="fail below this field agreement, known disagreements counted as agreeing (percent)")
    a = ap.parse_args()

    fp = import_feedparser()
    if fp is None:
        print("skip: python3-feedparser is not installed")
        return 77
    judge_dir = os.path.join(a.shared, "conformance", "feeds")
    if not os.path.exists(os.path.join(judge_dir, "judge.py")):
        print(f"skip: {judge_dir}/judge.py not found")
        return 77
    sys.path.insert(0, judge_dir)
    import judge as J  # noqa: E402  the judge's normalisation, not a copy of it
    from feedparser import datetimes as fp_dates
    fp._parse_date = fp_dates._parse_date
    os.environ["TZ"] = "UTC"  # feedparser's ISO 8601 handler goes through mktime()
    import time
    time.tzset()

    known = load_known(a.known)
    sources = load_sources(a.shared, fp)
    rng = random.Random(a.seed)
    tmp = a.keep or tempfile.mkdtemp(prefix="reads-diff-")
    os.makedirs(tmp, exist_ok=True)
    variants = []
    for i in range(a.variants):
        name, data, tags, truths, ftruth = make_variant(rng, sources, fp)
        path = os.path.join(tmp, f"v{i:05d}.xml")
        with open(path, "wb") as fp_out:
            fp_out.write(data)
        variants.append((path, name, tags, truths, ftruth))
    docs = {}
    batch = 500
    for k in range(0, len(variants), batch):
        docs.update(run_reads(a.reads, [v[0] for v in variants[k:k + batch]]))

    stats = {}  # category -> [agree, total]
    truth_stats = {}  # date form -> [reads right, feedparser right, total]
    total = agree = explained = 0
    unexplained, known_hits, records, misses = [], {}, [], []
    for path, name, tags, truths, ftruth in variants:
        with open(path, "rb") as fh:
            data = fh.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fres = fp.parse(data)
        fdoc = fp_contract(fres)
        exc = fres.get("bozo_exception")
        if exc is not None and "encoding" not in type(exc).__name__.lower():
            tags = tags | {"fp:loose"}  # feedparser fell back on its non-XML parser
        rdoc = reads_contract(docs.get(path, {}))
        for field, ok, rv, fv in compare(rdoc, fdoc):
            total += 1
            agree += ok
            ftags, truth = field_tags(field, tags, fdoc, truths, ftruth)
            if truth is not NO_TRUTH:
                if rv != truth and ok:
                    misses.append({"variant": os.path.basename(path), "source": name, "field": field,
                                   "both": rv, "truth": truth, "tags": sorted(ftags)})
                dated = field.endswith((".published", ".updated"))
                for t in ftags:
                    if t.startswith("date:") if dated else t.startswith(("atom:", "rss:")):
                        ts = truth_stats.setdefault(t, [0, 0, 0])
                        ts[0] += rv == truth
                        ts[1] += fv == truth
                        ts[2] += 1
            cats = {t if t.startswith(("date:", "text:")) else construct_class(t) if t.startswith(("atom:", "rss:"))
                    else ":".join(t.split(":")[:2]) for t in ftags
                    if not t.startswith(("file:", "has:", "fp:", "zone:"))}
            for c in cats | {"all"}:
                s = stats.setdefault(c, [0, 0, 0])
                s[0] += ok
                s[1] += 1
            if ok:
                continue
            right = who_is_right(rv, fv, truth)
            reason = explain(known, ftags, field, right)
            rec = {"variant": os.path.basename(path), "source": name, "tags": sorted(ftags),
                   "raw": fdoc.get(field + ".raw"),
                   "field": field, "reads": rv, "feedparser": fv, "right": right, "known": reason}
            records.append(rec)
            if reason:
                for c in cats | {"all"}:
                    stats[c][2] += 1
                explained += 1
                known_hits[reason] = known_hits.get(reason, 0) + 1
            else:
                unexplained.append(rec)

    print(f"seed {a.seed}, {len(variants)} variants ({len(sources)} sources + synthetic), "
          f"feedparser {fp.__version__}")
    print(f"\n{'category':40s} {'agree':>7s} {'fields':>7s}   rate  with reasons")
    for c in sorted(stats):
        s = stats[c]
        print(f"{c:40s} {s[0]:7d} {s[1]:7d} {100.0 * s[0] / s[1]:6.2f}%  {100.0 * (s[0] + s[2]) / s[1]:6.2f}%")
    for kind in ("date", "atom", "rss"):
        forms = [t for t in sorted(truth_stats) if t.startswith(kind + ":")]
        if not forms:
            continue
        title = "date form" if kind == "date" else kind + " construct"
        print(f"\n{title + ' (generated: truth known)':40s} {'reads':>7s} {'feedparser':>10s} {'fields':>7s}")
        tot = [0, 0, 0]
        for t in forms:
            r, f, n = truth_stats[t]
            tot = [tot[0] + r, tot[1] + f, tot[2] + n]
            print(f"{t:40s} {100.0 * r / n:6.1f}% {100.0 * f / n:9.1f}% {n:7d}")
        print(f"{'all generated ' + kind:40s} {100.0 * tot[0] / tot[2]:6.1f}% {100.0 * tot[1] / tot[2]:9.1f}% {tot[2]:7d}")
    print(f"\nknown disagreements ({explained}):")
    for reason, n in sorted(known_hits.items(), key=lambda x: -x[1]):
        print(f"  {n:5d}  {reason[:150]}")
    if a.show_known:
        for rec in records:
            if rec["known"]:
                print(f"  KNOWN {rec['variant']} {rec['source']} {rec['field']} reads={rec['reads']!r} "
                      f"feedparser={rec['feedparser']!r} right={rec['right']} tags={rec['tags']}")
    if unexplained:
        print(f"\n{len(unexplained)} unexplained disagreements; first {min(a.show, len(unexplained))}:")
        for rec in unexplained[:a.show]:
            print(f"  {rec['variant']} {rec['source']} {rec['field']} reads={rec['reads']!r} "
                  f"feedparser={rec['feedparser']!r} right={rec['right']} tags={rec['tags']}")
    if a.report:
        with open(a.report, "w", encoding="utf-8") as fh:
            json.dump({"seed": a.seed, "variants": len(variants), "stats": stats, "truth": truth_stats,
                       "disagreements": records, "both_differ_from_truth": misses},
                      fh, indent=1, ensure_ascii=False, default=str)
    if not a.keep:
        for v in variants:
            os.unlink(v[0])
        os.rmdir(tmp)
    rate = 100.0 * agree / max(total, 1)
    print(f"\nfield agreement: {agree}/{total} = {rate:.2f}%; with the {explained} known "
          f"disagreements: {100.0 * (agree + explained) / max(total, 1):.2f}%; "
          f"{len(unexplained)} unexplained")
    ok = not unexplained and 100.0 * (agree + explained) / max(total, 1) >= a.min_agreement
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
