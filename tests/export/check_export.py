#!/usr/bin/env python3
"""Golden and structural test of `reads export` for one fixture.

    check_export.py READS FIXTURES_DIR GOLDEN_DIR NAME

fixtures/NAME.md is exported as html, page, wxr and html with --raw-html;
each output must equal golden/NAME.{html,page.html,wxr,raw.html}
(READS_REGEN=1 rewrites them).  Beyond the bytes, the test checks what a
blog needs: the HTML parsed by html.parser is balanced and leaks no reads
comment and no front matter; the page is a complete HTML5 document; the WXR
is well-formed (xmllint --noout) and holds the fields WordPress's importer
reads.  bad-NAME.md must fail with exit status 3 and golden/bad-NAME.err.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

reads, fixtures, golden, name = sys.argv[1:5]
src = os.path.join(fixtures, name + '.md')
regen = os.environ.get('READS_REGEN') == '1'
failures = []


def check(cond, what):
    print(('ok' if cond else 'FAIL') + ' - ' + what)
    if not cond:
        failures.append(what)


def run(*args):
    p = subprocess.run([reads, 'export', *args], capture_output=True, timeout=30)
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8')


def compare(got, gname):
    path = os.path.join(golden, gname)
    if regen:
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(got)
    try:
        with open(path, encoding='utf-8', newline='') as f:
            want = f.read()
    except FileNotFoundError:
        want = None
    check(got == want, f'{gname} equals the golden file')
    if got != want and want is not None:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True), 'want', 'got'))


VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}


class Walker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.comments, self.text, self.errors = [], [], [], [], []
        self.decl = None

    def handle_decl(self, decl):
        self.decl = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f'</{tag}> closes {self.stack[-1:] or "nothing"}')
        else:
            self.stack.pop()

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(doc):
    w = Walker()
    w.feed(doc)
    w.close()
    return w


with open(src, encoding='utf-8', errors='replace') as f:
    md = f.read()

if name.startswith('bad-'):
    code, out, err = run(src)
    check(code == 3, f'exit status 3 (got {code})')
    check(out == '', 'nothing on stdout')
    check((src + ': line ') in err, 'the error names the file and the line')
    compare(err.replace(src, 'FILE'), name + '.err')
    sys.exit(1 if failures else 0)

fm = re.match(r'---\n(.*?)\n---\n', md, re.S)
title = None
if fm:
    m = re.search(r'^title:\s*(.*)$', fm.group(1), re.M)
    if m:
        title = m.group(1).strip()
        if title[:1] in '"\'':
            title = title[1:-1].replace('\\"', '"')
entries = len(re.findall(r'<!-- reads: entry \S+ -->', md))

outputs = {}
for fmt, gname, extra in (('html', name + '.html', []), ('page', name + '.page.html', []),
                          ('wxr', name + '.wxr', []), ('html', name + '.raw.html', ['--raw-html'])):
    code, out, err = run(src, '--format', fmt, *extra)
    check(code == 0, f'--format {fmt} {" ".join(extra)}: exit 0 (stderr: {err.strip()})')
    out = re.sub(r'<generator>reads [^<]*</generator>', '<generator>reads VERSION</generator>', out)
    outputs[gname] = out
    compare(out, gname)

frag = outputs[name + '.html']
for gname in (name + '.html', name + '.raw.html', name + '.page.html'):
    doc = outputs[gname]
    w = parse_html(doc)
    check(not w.errors and not w.stack, f'{gname}: tags are balanced {w.errors} {w.stack}')
    check(not any('reads:' in c for c in w.comments), f'{gname}: no reads comment leaks')
    text = ''.join(w.text)
    check('draft: true' not in text and not re.search(r'^month:', text, re.M), f'{gname}: no front matter leaks')
    check(sum(1 for t, _ in w.tags if t == 'h3') == entries, f'{gname}: one <h3> per entry ({entries})')
    for ch in '’“–':
        if ch in md.split('---\n', 2)[-1]:
            check(ch in doc, f'{gname}: {ch} kept as typed')
    check('&#8217;' not in doc and '&rsquo;' not in doc, f'{gname}: no smart-punctuation entities')
    if '<!--more-->' in md:
        check('more' in w.comments, f'{gname}: her <!--more--> is kept')
    check(not any('note' in c for c in w.comments), f'{gname}: her notes to herself are not published')

page = parse_html(outputs[name + '.page.html'])
check(page.decl is not None and page.decl.lower() == 'doctype html', 'page: <!DOCTYPE html>')
check(any(t == 'meta' and a.get('charset', '').lower() == 'utf-8' for t, a in page.tags), 'page: meta charset utf-8')
tags = [t for t, _ in page.tags]
check(tags[:2] == ['html', 'head'] and 'body' in tags, 'page: html, head, body')
if title:
    check(f'<title>{title}</title>'.replace('&', '&amp;').replace('<kept>', '&lt;kept&gt;').replace('"omitted"', '&quot;omitted&quot;') in outputs[name + '.page.html'], 'page: the title from the front matter')
check(frag in outputs[name + '.page.html'], 'page: holds the fragment')

# WXR: well-formed, and what WordPress's importer reads
wxr = outputs[name + '.wxr']
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'post.wxr')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(wxr)
    if shutil.which('xmllint'):
        p = subprocess.run(['xmllint', '--noout', path], capture_output=True, timeout=30)
        check(p.returncode == 0, 'wxr: xmllint --noout: well-formed ' + p.stderr.decode())
    else:
        print('# xmllint missing (package libxml2-utils): well-formedness by ElementTree only')
    # -o writes the same bytes, atomically, to a file
    out_path = os.path.join(tmp, 'out.xml')
    p = subprocess.run([reads, 'export', src, '--format', 'wxr', '-o', out_path], capture_output=True, timeout=30)
    with open(out_path, encoding='utf-8') as f:
        written = re.sub(r'<generator>reads [^<]*</generator>', '<generator>reads VERSION</generator>', f.read())
    check(p.returncode == 0 and p.stdout == b'' and written == wxr, '-o OUT writes the same output, nothing on stdout')
    check(sorted(os.listdir(tmp)) == ['out.xml', 'post.wxr'], '-o leaves no temporary file behind')

ns = {'wp': 'http://wordpress.org/export/1.2/', 'content': 'http://purl.org/rss/1.0/modules/content/',
      'dc': 'http://purl.org/dc/elements/1.1/', 'excerpt': 'http://wordpress.org/export/1.2/excerpt/'}
root = ET.fromstring(wxr.encode('utf-8'))
check(root.tag == 'rss' and root.get('version') == '2.0', 'wxr: <rss version="2.0">')
ch = root.find('channel')
check(ch is not None and ch.findtext('wp:wxr_version', namespaces=ns) == '1.2', 'wxr: wp:wxr_version 1.2')
items = ch.findall('item') if ch is not None else []
check(len(items) == 1, 'wxr: one item')
if items:
    it = items[0]
    check((it.findtext('title') or '') == (title or ''), 'wxr: item title from the front matter')
    check(bool(it.findtext('dc:creator', namespaces=ns)), 'wxr: dc:creator')
    check(it.findtext('content:encoded', namespaces=ns) == frag, 'wxr: content:encoded is the HTML fragment, whole')
    check(it.findtext('wp:post_type', namespaces=ns) == 'post', 'wxr: wp:post_type post')
    check(it.findtext('wp:status', namespaces=ns) == 'draft', 'wxr: wp:status draft')
    pd = it.findtext('wp:post_date', namespaces=ns) or ''
    check(pd == '' or re.fullmatch(r'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d', pd) is not None, f'wxr: wp:post_date {pd!r}')
    slug = it.findtext('wp:post_name', namespaces=ns) or ''
    check(re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', slug) is not None or (not title and slug == ''),
          f'wxr: wp:post_name slug {slug!r}')
    check(it.find('wp:post_id', ns) is not None and it.find('guid') is not None, 'wxr: wp:post_id and guid')

sys.exit(1 if failures else 0)
