#!/usr/bin/env python3
"""A Hugo blog takes the draft as it is: a minimal site with the drafted
month in content/posts/ builds with `hugo -D` (Debian's hugo), and the page
has the title, every entry's link and blockquote, and none of reads'
comments showing as text; without -D the draft (draft: true) is not built.
The same checks on `reads export --format page`, read with html.parser.
Skips (exit 77) the Hugo part only when hugo is not installed.
Usage: test_hugo.py READS"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import Page, check_page, drafted_month, entries  # noqa: E402
from taplib import done, ok  # noqa: E402

reads = os.path.abspath(sys.argv[1])
ws = drafted_month(reads)
try:
    md_path = ws.path("digests", "2010-11.md")
    markdown = open(md_path, encoding="utf-8").read()
    draft_entries = entries(markdown)
    title = "Enterprise 2.0 reads – November 2010"
    ok(f'title: "{title}"' in markdown and len(draft_entries) >= 5, f"a drafted month ({len(draft_entries)} entries)")

    p = subprocess.run([reads, "export", md_path, "--format", "page"], capture_output=True, text=True, timeout=60)
    ok(p.returncode == 0, "reads export --format page", p.stderr)
    check_page(ok, Page(p.stdout), title, draft_entries, "the exported page")

    hugo = shutil.which("hugo")
    if not hugo:
        print("# SKIP hugo is not installed (apt-get install hugo): the Hugo build was not tried")
        sys.exit(77)
    site = ws.path("site")
    os.makedirs(os.path.join(site, "content", "posts"))
    os.makedirs(os.path.join(site, "layouts", "_default"))
    with open(os.path.join(site, "config.toml"), "w") as f:
        f.write('baseURL = "https://blog.example.org/"\ntitle = "Lamia\'s blog"\nlanguageCode = "en"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
    with open(os.path.join(site, "layouts", "_default", "single.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
                "<body><article><h1>{{ .Title }}</h1>\n{{ .Content }}\n</article></body></html>\n")
    with open(os.path.join(site, "layouts", "_default", "list.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>"
                "{{ end }}</body></html>\n")
    shutil.copy(md_path, os.path.join(site, "content", "posts", "2010-11.md"))
    env = dict(os.environ, HUGO_CACHEDIR=ws.path("hugo-cache"))
    built = os.path.join(site, "public", "posts", "2010-11", "index.html")

    p = subprocess.run([hugo, "--source", site, "--destination", "public"], capture_output=True, text=True,
                       timeout=120, env=env)
    ok(p.returncode == 0 and not os.path.exists(built), "without -D, Hugo leaves the draft (draft: true) out",
       p.stdout + p.stderr)
    p = subprocess.run([hugo, "-D", "--source", site, "--destination", "public"], capture_output=True, text=True,
                       timeout=120, env=env)
    ok(p.returncode == 0 and os.path.exists(built), "hugo -D builds the site with the draft", p.stdout + p.stderr)
    if os.path.exists(built):
        page = Page(open(built, encoding="utf-8").read())
        check_page(ok, page, title, draft_entries, "Hugo's page")
        ok("…" in page.text or "’" in page.text, "typography as typed", page.text[:300])
    ok(open(md_path, encoding="utf-8").read() == markdown, "the draft is untouched")
finally:
    ws.close()
sys.exit(done())
