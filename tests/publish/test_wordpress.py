#!/usr/bin/env python3
"""`reads publish` against a real WordPress (Debian's wordpress, MariaDB and
PHP, started here on 127.0.0.1 and stopped at the end; see wordpress.py), on
a month drafted from the offline demo: create, update after editing the
Markdown, refusal after an edit in WordPress and --force, a wrong password,
categories and tags, a trashed and a deleted post, a create and an update
whose answers are lost or refused on the way (a proxy in front of the site),
a blog that does not answer in time, plain and pretty permalinks, and the
password never printed nor stored.

Skips (exit 77) only when the packages are not installed. Usage:
test_wordpress.py READS"""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wordpress  # noqa: E402

why = wordpress.missing()
if why:
    print(f"1..0 # SKIP {why}")
    sys.exit(77)

from common import Page, Proxy, drafted_month, entries, check_page  # noqa: E402
from taplib import done, eq, ok  # noqa: E402

reads = os.path.abspath(sys.argv[1])
# killed by meson's timeout: still stop the servers and remove the site config
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
started = time.monotonic()
outputs = []  # every stdout and stderr of reads, to look for the password


def config(ws, url, extra="", user=wordpress.WordPress.USER):
    text = open(ws.config, encoding="utf-8").read().split("publish:")[0]
    text += ("publish:\n"
             f"  wordpress: {{url: \"{url}\", user: {user}, password_file: wp-password,\n"
             f"              categories: [Enterprise 2.0], tags: [reads, R&D]{extra}}}\n")
    with open(ws.config, "w", encoding="utf-8") as f:
        f.write(text)


def publish(ws, *args, env=None, timeout=120, verbose=False):
    p = ws.run(*(["-v"] if verbose else []), "publish", *args, env=env, timeout=timeout)
    outputs.extend([p.stdout, p.stderr])
    return p


def route(path):
    """A regex for a REST route in a request line, / or %2F (?rest_route=)."""
    return path.replace("/", "(/|%2[fF])") + r"(&|\?|$)"


def post_id(p):
    m = re.match(r"^(created|updated) post (\d+) \((\w+)\): (\S+)$", p.stdout.strip())
    return (m.group(1), int(m.group(2)), m.group(3), m.group(4)) if m else (None, None, None, None)


def get_post(wp, pid):
    status, post = wp.rest("GET", f"/wp/v2/posts/{pid}", context="edit")
    return post if status == 200 else None


def posts_with_slug(wp, slug):
    status, posts = wp.rest("GET", "/wp/v2/posts", context="edit", slug=slug,
                            status="publish,future,draft,pending,private", per_page="100")
    return [p["id"] for p in posts] if status == 200 else None


def record(ws, month):
    db = sqlite3.connect(ws.path("reads.db"))
    try:
        row = db.execute("SELECT post_id, modified_gmt, pending, site FROM published WHERE month = ?",
                         (month,)).fetchone()
    finally:
        db.close()
    return row


wp = wordpress.WordPress()
ws = None
proxy = None
try:
    t0 = time.monotonic()
    try:
        wp.start()
    except Exception as e:
        # a server that did not come up on a loaded machine (once seen in a
        # parallel run): its logs are on stderr; one more try, from scratch
        sys.stderr.write(f"# WordPress did not start: {e}; trying once more\n")
        wp = wordpress.WordPress()
        wp.start()
    ok(True, f"a WordPress site on {wp.url} (set up in {time.monotonic() - t0:.1f} s)")
    ws = drafted_month(reads)
    md_path = ws.path("digests", "2010-11.md")
    markdown = open(md_path, encoding="utf-8").read()
    draft_entries = entries(markdown)
    ok(len(draft_entries) >= 5 and all(q for _, _, q in draft_entries), f"a drafted month ({len(draft_entries)} entries)",
       draft_entries)
    with open(ws.path("wp-password"), "w") as f:
        f.write(wp.password + "\n")
    os.chmod(ws.path("wp-password"), 0o600)
    config(ws, wp.url)
    # her intro, typed with typographic quotes, dashes and an ellipsis
    markdown = markdown.replace("Here are some of the reads I enjoyed this month.",
                                "What I read in November – “communities”, streams… and structure.")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown)
    title = re.search(r'^title: "(.*)"$', markdown, re.M).group(1)
    slug = "enterprise-2-0-reads-november-2010"

    # --- create ---
    p = publish(ws, md_path, verbose=True)
    what, pid, status, link = post_id(p)
    eq((p.returncode, what, status), (0, "created", "draft"), "the first publish creates a draft")
    eq(link, f"{wp.url}/wp-admin/post.php?post={pid}&action=edit", "it prints the post's edit link")
    ok("?rest_route=/" in p.stderr, "plain permalinks: the REST API is found at ?rest_route=", p.stderr)
    post = get_post(wp, pid)
    eq(post and post["title"]["raw"], title, "the post's title is the front matter's")
    eq(post and post["status"], "draft", "its status is draft")
    exported = subprocess.run([reads, "export", md_path], capture_output=True, text=True, timeout=60).stdout
    eq(post and post["content"]["raw"], exported, "its content is byte for byte `reads export`")
    eq(post and post["date"], "2010-12-01T00:00:00", "its date is the front matter's")
    check_page(ok, Page(post["content"]["rendered"]), None, draft_entries, "the post as WordPress renders it")
    ok("reads:" not in post["content"]["raw"] and "<!--" not in post["content"]["raw"],
       "no reads comment in the post", post["content"]["raw"][:1500])
    typography = [c for c in "’–…“”" if c in markdown.split("---", 2)[2]]
    ok(typography and all(c in post["content"]["raw"] for c in typography) and "–" in post["title"]["raw"],
       f"typography kept as typed ({''.join(typography)})", post["content"]["raw"][:500])
    status_c, cats = wp.rest("GET", "/wp/v2/categories", include=",".join(map(str, post["categories"])))
    status_t, tags = wp.rest("GET", "/wp/v2/tags", include=",".join(map(str, post["tags"])))
    eq(sorted(c["name"] for c in cats), ["Enterprise 2.0"], "its category, created in WordPress")
    eq(sorted(t["name"] for t in tags), ["R&amp;D", "reads"], "its tags, created in WordPress")
    row = record(ws, "2010-11")
    eq(row and (row[0], row[1], row[2], row[3]), (pid, post["modified_gmt"], 0, wp.url),
       "the archive records the post, its modified_gmt and the site")

    # --- a second run updates the same post ---
    p = publish(ws, md_path)
    eq(post_id(p)[:2], ("updated", pid), "publishing again updates the same post")
    markdown = markdown.replace("What I read in November – “communities”, streams… and structure.",
                                "November was about communities – and the streams that carry them.")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown)
    p = publish(ws, md_path)
    eq((p.returncode, post_id(p)[:2]), (0, ("updated", pid)), "after editing the Markdown: the same post is updated")
    post = get_post(wp, pid)
    ok("November was about communities – and the streams" in post["content"]["raw"], "with the new intro")
    eq(posts_with_slug(wp, slug), [pid], "still one post for the month")
    cats_before = post["categories"]

    # --- a wrong password: a clear error, nothing created or changed ---
    modified = post["modified_gmt"]
    p = publish(ws, md_path, env={"READS_WP_PASSWORD": "wrong wrong wrong"})
    eq(p.returncode, 3, "a wrong password: exit status 3")
    ok("HTTP 401" in p.stderr and "Application Passwords" in p.stderr and p.stdout == "",
       "it says WordPress refused the login and where application passwords are made", p.stderr)
    ok("wrong wrong wrong" not in p.stderr, "the password given is not printed")
    eq(posts_with_slug(wp, slug), [pid], "no post created")
    eq(get_post(wp, pid)["modified_gmt"], modified, "the post untouched")
    eq(record(ws, "2010-11")[:3], (pid, modified, 0), "the record untouched")

    # --- --dry-run sends nothing ---
    p = publish(ws, md_path, "--dry-run")
    ok(p.returncode == 0 and f"wp/v2/posts/{pid}" in p.stdout and '"content":' in p.stdout,
       "--dry-run says it would update the recorded post and shows the body", p.stdout[:600])
    eq(get_post(wp, pid)["modified_gmt"], modified, "--dry-run changed nothing")

    # --- her edit in WordPress is never overwritten silently ---
    time.sleep(1.1)  # modified_gmt counts seconds
    wp.php_eval("$p = get_post((int)$argv[1]);"
                "wp_update_post(array('ID' => $p->ID, 'post_content' => $p->post_content . '<p>Her own addition.</p>'));",
                pid)
    p = publish(ws, md_path)
    eq(p.returncode, 3, "after an edit in WordPress: exit status 3")
    ok("was changed in WordPress" in p.stderr and "--force" in p.stderr, "it says so and names --force", p.stderr)
    ok("Her own addition." in get_post(wp, pid)["content"]["raw"], "her edit is still there")
    p = publish(ws, md_path, "--force")
    eq((p.returncode, post_id(p)[:2]), (0, ("updated", pid)), "--force updates the same post")
    post = get_post(wp, pid)
    ok("Her own addition." not in post["content"]["raw"], "with the draft's content")
    eq(record(ws, "2010-11")[1], post["modified_gmt"], "the new modified_gmt is recorded")
    eq(post["categories"], cats_before, "categories kept")
    p = publish(ws, md_path)
    eq(post_id(p)[:2], ("updated", pid), "and the next run updates it again without --force")

    # --- trashed, then deleted in WordPress ---
    status, _ = wp.rest("DELETE", f"/wp/v2/posts/{pid}")
    p = publish(ws, md_path)
    ok(p.returncode == 3 and "trash" in p.stderr and "--force" in p.stderr, "a trashed post: said, nothing done",
       p.stderr)
    status, _ = wp.rest("DELETE", f"/wp/v2/posts/{pid}", force="true")
    p = publish(ws, md_path)
    ok(p.returncode == 3 and "deleted" in p.stderr and "--force" in p.stderr, "a deleted post: said, nothing done",
       p.stderr)
    eq(posts_with_slug(wp, slug), [], "no post made without --force")
    p = publish(ws, md_path, "--force")
    what, new_pid, status, _ = post_id(p)
    ok(p.returncode == 0 and what == "created" and new_pid != pid, "--force makes a new post", p.stdout + p.stderr)
    eq(posts_with_slug(wp, slug), [new_pid], "one post for the month")
    eq(record(ws, "2010-11")[0], new_pid, "the new post is recorded")
    pid = new_pid

    # --- answers lost or refused on the way: never a second post ---
    proxy = Proxy(wp.port)
    config(ws, proxy.url, ", timeout: 5")
    december = markdown.replace("month: 2010-11", "month: 2010-12").replace("November 2010", "December 2010")
    dec_path = ws.path("digests", "2010-12.md")
    with open(dec_path, "w", encoding="utf-8") as f:
        f.write(december)
    dec_slug = "enterprise-2-0-reads-december-2010"
    proxy.rules.append(("POST", route("wp/v2/posts"), "lose"))
    p = publish(ws, dec_path)
    ok(p.returncode == 3 and "may or may not have been saved" in p.stderr, "a create whose answer is lost: exit 3",
       p.stderr)
    eq(len(posts_with_slug(wp, dec_slug)), 1, "(WordPress did create it)")
    eq(record(ws, "2010-12")[0:3:2], (None, 1), "the archive holds a pending create")
    p = publish(ws, dec_path)
    what, dec_pid, _, _ = post_id(p)
    eq((p.returncode, what), (0, "updated"), "the next run finds that post and updates it")
    eq(posts_with_slug(wp, dec_slug), [dec_pid], "no second post")
    proxy.rules.append(("POST", route(f"wp/v2/posts/{dec_pid}"), "503"))
    p = publish(ws, dec_path)
    ok(p.returncode == 3 and "HTTP 503" in p.stderr and "proxy_unavailable" in p.stderr,
       "an update answered 503: exit 3, WordPress's code shown", p.stderr)
    p = publish(ws, dec_path)
    eq((p.returncode, post_id(p)[:2]), (0, ("updated", dec_pid)), "the retry updates the same post")
    proxy.rules.append(("POST", route(f"wp/v2/posts/{dec_pid}"), "lose"))
    with open(dec_path, "w", encoding="utf-8") as f:
        f.write(december.replace("communities –", "communities, again –"))
    p = publish(ws, dec_path)
    eq(p.returncode, 3, "an update whose answer is lost: exit 3")
    p = publish(ws, dec_path)
    eq((p.returncode, post_id(p)[:2]), (0, ("updated", dec_pid)),
       "the next run sees its own update landed (not her edit) and goes on")
    eq(posts_with_slug(wp, dec_slug), [dec_pid], "still one post")
    proxy.rules.append(("GET", route("wp/v2/users/me"), "hang:30"))
    t = time.monotonic()
    p = publish(ws, dec_path)
    took = time.monotonic() - t
    ok(p.returncode == 3 and "no answer within 5 s" in p.stderr and took < 20,
       f"a blog that does not answer: exit 3 after the timeout ({took:.1f} s)", p.stderr)
    proxy.close()
    proxy = None
    config(ws, wp.url)
    p = publish(ws, dec_path)
    ok(p.returncode == 3 and "now names" in p.stderr and "--force" in p.stderr,
       "a month published to another address than feeds.yaml's: said, nothing done", p.stderr)

    # --- --status and --date ---
    p = publish(ws, md_path, "--status", "future", "--date", "2010-12-02")
    ok(p.returncode == 2 and "still to come" in p.stderr, "--status future with a past date: refused", p.stderr)
    p = publish(ws, md_path, "--status", "future", "--date", "2099-01-01 08:00")
    eq((p.returncode, post_id(p)[:3]), (0, ("updated", pid, "future")), "--status future schedules the post")
    eq(get_post(wp, pid)["date"], "2099-01-01T08:00:00", "for --date")
    p = publish(ws, md_path, "--status", "publish", "--date", "2010-12-01")
    eq(post_id(p)[:3], ("updated", pid, "publish"), "--status publish makes it live")
    p = publish(ws, md_path)
    eq(post_id(p)[:3], ("updated", pid, "publish"), "an update without --status keeps it live")

    # --- a user whose role may not write posts: 403, nothing made ---
    sub_password = wp.php_eval(
        "$id = wp_create_user('reader', 'login-password-2', 'reader@example.org');"
        "(new WP_User($id))->set_role('subscriber');"
        "echo WP_Application_Passwords::create_new_application_password($id, array('name' => 'reads'))[0];")
    config(ws, wp.url, user="reader")
    jan_path = ws.path("digests", "2011-01.md")
    with open(jan_path, "w", encoding="utf-8") as f:
        f.write(markdown.replace("month: 2010-11", "month: 2011-01").replace("November 2010", "January 2011"))
    p = publish(ws, jan_path, env={"READS_WP_PASSWORD": sub_password})
    ok(p.returncode == 3 and "HTTP 403" in p.stderr and "rest_cannot_create" in p.stderr and "role" in p.stderr,
       "a subscriber: HTTP 403 with WordPress's code and what to check", p.stderr)
    eq(posts_with_slug(wp, "enterprise-2-0-reads-january-2011"), [], "no post made")
    eq(record(ws, "2011-01"), None, "nothing recorded")
    ok(sub_password not in p.stderr, "the password is not printed")
    config(ws, wp.url)

    # --- a blog whose REST API is switched off (as security plugins do) ---
    no_rest = os.path.join(wp.dir, "content", "mu-plugins", "no-rest.php")
    with open(no_rest, "w") as f:
        f.write("<?php add_filter('rest_endpoints', function () { return array(); });\n")
    p = publish(ws, md_path)
    ok(p.returncode == 3 and "rest_no_route" in p.stderr and "REST API looks disabled" in p.stderr,
       "no REST API: exit 3, said", p.stderr)
    os.unlink(no_rest)

    # --- a plugin file saved with a byte order mark puts one before every answer ---
    bom = os.path.join(wp.dir, "content", "mu-plugins", "bom.php")
    with open(bom, "wb") as f:
        f.write(b"\xef\xbb\xbf<?php\n")
    p = publish(ws, md_path)
    eq((p.returncode, post_id(p)[:2]), (0, ("updated", pid)), "answers after a byte order mark are read", )
    os.unlink(bom)

    # --- pretty permalinks: /wp-json/ ---
    wp.set_pretty_permalinks(True)
    p = publish(ws, md_path, verbose=True)
    ok(p.returncode == 0 and f"REST API at {wp.url}/wp-json/" in p.stderr and post_id(p)[:2] == ("updated", pid),
       "pretty permalinks: /wp-json/ is used, and the same post updated", p.stderr)

    # --- the password is never printed nor stored ---
    ok(not any(wp.password in o for o in outputs), "the password never appears in reads' output")
    stored = b"".join(open(ws.path(n), "rb").read() for n in os.listdir(ws.dir) if n.startswith("reads.db"))
    ok(wp.password.encode() not in stored, "nor in the archive")
    ok(True, f"the whole test took {time.monotonic() - started:.1f} s")
finally:
    if proxy:
        proxy.close()
    if ws:
        ws.close()
    wp.stop()
ok(not os.path.exists(wp.site_config) and not os.path.exists(wp.dir),
   "the site config and the temporary folder are removed")
sys.exit(done())
