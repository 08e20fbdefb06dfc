/* export_draft: edge cases of the pure transform. */
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "export.h"
#include "tap.h"

static char *ex(const char *md, enum export_format f, char **err)
{
	free(*err);
	*err = NULL;
	return export_draft(md, strlen(md), f, err);
}

static size_t count(const char *h, const char *n)
{
	size_t k = 0;
	for (const char *p = strstr(h, n); p; p = strstr(p + 1, n))
		k++;
	return k;
}

int main(void)
{
	char *err = NULL, *out;

	out = ex("---\ntitle: \"T\"\n---\n\nx\n\n<!--more A ]]> B -->\n", EXPORT_WXR, &err);
	ok(out && strstr(out, "A ]]]]><![CDATA[> B") && !strstr(out, "A ]]> B"), "\"]]>\" is split across CDATA sections");
	free(out);

	out = ex("---\ntitle: \"Lectures Entreprise 2.0 – décembre 2010\"\ndate: 2011-01-01\n---\n\nx\n", EXPORT_WXR, &err);
	ok(out && strstr(out, "<wp:post_name>lectures-entreprise-2-0-decembre-2010</wp:post_name>"), "slug transliterated to ASCII");
	ok(out && strstr(out, "<wp:post_date>2011-01-01 00:00:00</wp:post_date>"), "post_date from a bare date");
	ok(out && strstr(out, "<pubDate>Sat, 01 Jan 2011 00:00:00 +0000</pubDate>"), "RFC 822 pubDate with the right weekday");
	ok(out && strstr(out, "<dc:creator><![CDATA[admin]]></dc:creator>"), "no signature, no author: admin");
	free(out);

	out = ex("---\ntitle: T\n---\n\nText.\n\nLamia Ben.\n", EXPORT_WXR, &err);
	ok(out && strstr(out, "<dc:creator><![CDATA[Lamia Ben.]]></dc:creator>"), "the signature is the creator");
	free(out);

	out = ex("---\ntitle: T\nauthor: lamia\ndate: 2010-12-01 08:15:00\n---\n\nLamia Ben.\n", EXPORT_WXR, &err);
	ok(out && strstr(out, "<dc:creator><![CDATA[lamia]]></dc:creator>"), "author in front matter wins");
	ok(out && strstr(out, "<wp:post_date>2010-12-01 08:15:00</wp:post_date>"), "post_date keeps the time as written");
	free(out);

	out = ex("A \x01 control\n", EXPORT_HTML, &err);
	ok(out && !strchr(out, '\x01') && strstr(out, "\xef\xbf\xbd"), "C0 controls become U+FFFD");
	free(out);

	out = ex("Bad \xff\xfe UTF-8\n", EXPORT_HTML, &err);
	ok(out && strstr(out, "\xef\xbf\xbd"), "invalid UTF-8 becomes U+FFFD");
	free(out);

	out = ex("---\ntitle: x\n", EXPORT_HTML, &err);
	ok(!out && err && strstr(err, "line 1: the front matter that starts here is never closed"), "unclosed front matter: %s", err ? err : "");
	free(out);

	out = ex("---\ntitle: [unclosed\n---\nx\n", EXPORT_HTML, &err);
	ok(!out && err && strncmp(err, "line ", 5) == 0 && strstr(err, "front matter"), "bad YAML: %s", err ? err : "");
	free(out);

	out = ex("<!-- reads: entry https://x\n  multi-line -->\nText \"quoted\" — dash.\n<!-- reads: note: n -->\n", EXPORT_HTML, &err);
	is_str(out, "<p>Text &quot;quoted&quot; — dash.</p>\n", "multi-line reads comments go, text stays as typed");
	free(out);

	out = ex("<!-- reads: other quotes\n> a\n", EXPORT_HTML, &err);
	is_str(out, "", "an unclosed reads comment swallows only itself");
	free(out);

	struct strlist w;
	strlist_init(&w);
	struct export_options o = {.raw_html = false};
	out = export_draft_opts("x\n\n<div>hi</div>\n", 17, EXPORT_HTML, &o, &w, &err);
	ok(out && strstr(out, "raw HTML omitted") && w.n == 1 && strstr(w.v[0], "line 3: raw HTML omitted"), "raw HTML omitted with a warning naming its line");
	free(out);
	strlist_finish(&w);
	o.raw_html = true;
	out = export_draft_opts("x\n\n<div>hi</div>\n", 17, EXPORT_HTML, &o, NULL, &err);
	ok(out && strstr(out, "<div>hi</div>"), "--raw-html keeps it");
	free(out);

	out = ex("---\ntitle: \"A & <B>\"\n---\n\nx\n", EXPORT_PAGE, &err);
	ok(out && strstr(out, "<title>A &amp; &lt;B&gt;</title>") && strstr(out, "<h1>A &amp; &lt;B&gt;</h1>"), "page title escaped");
	free(out);

	out = ex("a\n\n<!-- note to self -->\n\n<!--more-->\n\n<!-- wp:paragraph -->\nb\n", EXPORT_HTML, &err);
	is_str(out, "<p>a</p>\n<!--more-->\n<!-- wp:paragraph -->\n<p>b</p>\n",
	       "WordPress's comments kept, her notes to herself not published");
	free(out);

	out = ex("---\ntitle: x\ncategories: [Enterprise 2.0, Social Business]\ntags: reads, curation, reads\n---\n\nx\n", EXPORT_WXR, &err);
	ok(out && strstr(out, "<category domain=\"category\" nicename=\"enterprise-2-0\"><![CDATA[Enterprise 2.0]]></category>") &&
		   strstr(out, "<category domain=\"category\" nicename=\"social-business\">") &&
		   strstr(out, "<category domain=\"post_tag\" nicename=\"curation\"><![CDATA[curation]]></category>") &&
		   count(out, "nicename=\"reads\"") == 1,
	   "categories (a YAML list) and tags (comma-separated, deduplicated) become WordPress terms");
	free(out);

	strlist_init(&w);
	static const char forgot[] = "---\ntitle: t\n---\n\n<!-- reads: intro. x -->\n" DRAFT_INTRO_PLACEHOLDER "\n";
	out = export_draft_opts(forgot, sizeof forgot - 1, EXPORT_HTML, NULL, &w, &err);
	ok(out && w.n == 1 && strcmp(w.v[0], "line 6: the intro is still reads' placeholder") == 0, "a forgotten intro placeholder is a warning");
	free(out);
	strlist_finish(&w);

	/* export_post_read: what `reads publish` sends is what `reads export` prints. */
	static const char post_md[] = "---\ntitle: \"Enterprise 2.0 reads – November 2010\"\nmonth: 2010-11\n"
				      "date: 2010-12-01\ncategories: [Enterprise 2.0]\ntags: reads\n---\n\n"
				      "<!-- reads: intro. x -->\nIntro “quoted” — here.\n\n"
				      "### [A](https://a.example/p) by B\n<!-- reads: entry https://a.example/p -->\n\n"
				      "> It’s a quote…\n\nLamia Ben.\n";
	struct export_post post;
	char *html = export_draft(post_md, sizeof post_md - 1, EXPORT_HTML, &err);
	ok(export_post_read(post_md, sizeof post_md - 1, NULL, &post, NULL, &err), "export_post_read reads a draft");
	is_str(post.html, html, "the post's HTML is byte for byte export's HTML");
	is_str(post.title, "Enterprise 2.0 reads – November 2010", "title from the front matter");
	is_str(post.month, "2010-11", "month from the front matter");
	is_str(post.date, "2010-12-01T00:00:00", "date as a WordPress post date");
	is_str(post.slug, "enterprise-2-0-reads-november-2010", "slug from the title, as WXR's");
	ok(post.categories.n == 1 && strcmp(post.categories.v[0], "Enterprise 2.0") == 0 && post.tags.n == 1 &&
		   strcmp(post.tags.v[0], "reads") == 0,
	   "categories and tags from the front matter");
	free(html);
	export_post_finish(&post);
	export_post_finish(&post); /* twice is harmless */

	static const char bare[] = "Just text.\n";
	ok(export_post_read(bare, sizeof bare - 1, NULL, &post, NULL, &err) && !post.title && !post.month &&
		   !post.date && post.slug && !*post.slug,
	   "no front matter: no title, month or date");
	export_post_finish(&post);
	ok(!export_post_read("---\ntitle: x\n", strlen("---\ntitle: x\n"), NULL, &post, NULL, &err) && err && !post.html,
	   "a broken front matter fails with a reason");

	char wp[EXPORT_WP_DATE_SIZE];
	ok(export_wp_date("2010-12-01 08:15", wp) && strcmp(wp, "2010-12-01T08:15:00") == 0, "date and time kept as written");
	ok(export_wp_date("2010-12-01T08:15:30+02:00", wp) && strcmp(wp, "2010-12-01T08:15:30") == 0,
	   "a zone is not converted: the blog's time as written");
	ok(export_wp_date("Wed, 01 Dec 2010 08:15:00 GMT", wp) && strcmp(wp, "2010-12-01T08:15:00") == 0,
	   "other date forms through date_parse");
	ok(!export_wp_date("soon", wp) && !*wp && !export_wp_date(NULL, wp), "not a date");

	free(err);
	return tap_done();
}
