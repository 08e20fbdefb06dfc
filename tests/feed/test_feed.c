/* Unit tests of the feed module's API: chunk-split invariance, callbacks,
 * feed_parse(), caps, hostile documents, autodiscovery, htmltext helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "htmltext.h"
#include "limits.h"
#include "tap.h"

static const char rss[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
	"<title>Caf\xc3\xa9 &amp; &eacute;clair</title><link>http://e.example/</link>"
	"<item><title>One &hellip;</title><link>/one</link><dc:creator>Ann</dc:creator>"
	"<pubDate>Fri, 05 Nov 2010 09:03:00 EST</pubDate><category>a</category>"
	"<description><![CDATA[<p>Hi <a href=\"x\">x</a></p>]]></description></item>"
	"<item><title>Two \xe2\x80\x94 dash</title><guid>http://e.example/two</guid></item>"
	"</channel></rss>";

struct seen {
	struct buf log;
	unsigned n;
	unsigned stop_after;
};

static bool record(const struct feed_item *it, void *ctx)
{
	struct seen *s = ctx;
	char iso[DATE_ISO_SIZE] = "-";
	if (it->published != DATE_NONE)
		date_format_iso(it->published, iso);
	if (!buf_printf(&s->log, "[%s|%s|%s|%s|%s|%zu]", it->title ? it->title : "", it->link ? it->link : "",
			it->author ? it->author : "", iso, it->summary ? it->summary : "", it->categories.n))
		return false;
	s->n++;
	return !s->stop_after || s->n < s->stop_after;
}

static char *parse_in_chunks(const char *doc, size_t len, size_t chunk, char **title)
{
	struct seen s = {.n = 0};
	buf_init(&s.log, 1 << 20);
	struct feed_source src = {"http://e.example/feed", NULL};
	struct feed_parser *p = feed_parser_create(&src, record, &s);
	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		if (!feed_parser_push(p, doc + off, n))
			break;
	}
	bool ok = feed_parser_finish(p);
	*title = ok && feed_parser_meta(p)->title ? strdup(feed_parser_meta(p)->title) : NULL;
	feed_parser_destroy(p);
	return buf_detach(&s.log);
}

static void test_chunks(void)
{
	char *t0;
	char *whole = parse_in_chunks(rss, sizeof rss - 1, sizeof rss, &t0);
	is_str(t0, "Caf\xc3\xa9 & \xc3\xa9" "clair", "feed title: XML and HTML entities decoded");
	is_str(whole,
	       "[One \xe2\x80\xa6|http://e.example/one|Ann|2010-11-05T14:03:00Z|<p>Hi <a href=\"http://e.example/x\">x</a></p>|1]"
	       "[Two \xe2\x80\x94 dash|http://e.example/two||-||0]",
	       "items in one push");
	bool same = true;
	for (size_t chunk = 1; chunk <= 17; chunk++) {
		char *t;
		char *got = parse_in_chunks(rss, sizeof rss - 1, chunk, &t);
		if (strcmp(got, whole) != 0 || !t || strcmp(t, t0) != 0) {
			same = false;
			printf("# chunk %zu: %s\n", chunk, got);
		}
		free(got);
		free(t);
	}
	ok(same, "every chunk size from 1 to 17 bytes gives the same items");
	free(whole);
	free(t0);

	/* a UTF-16 document split inside code units */
	struct buf u;
	buf_init(&u, 1 << 20);
	const char *ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>x\xc3\xa9</title></item></channel></rss>";
	if (buf_append(&u, "\xff\xfe", 2)) {
		for (const unsigned char *c = (const unsigned char *)ascii; *c; c++) {
			unsigned cp = *c;
			if (*c == 0xc3) {
				cp = 0xe9;
				c++;
			}
			char pair[2] = {(char)(cp & 0xff), (char)(cp >> 8)};
			if (!buf_append(&u, pair, 2))
				break;
		}
	}
	char *t;
	char *got = parse_in_chunks(u.data, u.len, 3, &t);
	is_str(got, "[x\xc3\xa9|||-||0]", "UTF-16LE with BOM in 3-byte chunks");
	free(got);
	free(t);
	buf_finish(&u);
}

/* A feed_read_fn that hands out the document `step` bytes at a time and,
 * when fail_at is set, fails (-1) once that many bytes were given. */
struct pieces {
	const char *s;
	size_t n, off, step, fail_at;
};

static ptrdiff_t read_pieces(void *ctx, char *buf, size_t n)
{
	struct pieces *r = ctx;
	if (r->fail_at && r->off >= r->fail_at)
		return -1;
	size_t k = r->n - r->off;
	if (k > r->step)
		k = r->step;
	if (k > n)
		k = n;
	memcpy(buf, r->s + r->off, k);
	r->off += k;
	return (ptrdiff_t)k;
}

/* feed_parser_run() on doc read `step` bytes at a time: the items' log, the
 * feed title in *title, the result in *ok, the error in *err (or NULL). */
static char *run_in_pieces(const char *doc, size_t len, size_t step, size_t fail_at, char **title, bool *ok,
			   char **err)
{
	struct seen s = {.n = 0};
	buf_init(&s.log, 1 << 20);
	struct feed_source src = {"http://e.example/feed", NULL};
	struct feed_parser *p = feed_parser_create(&src, record, &s);
	struct pieces r = {doc, len, 0, step, fail_at};
	*ok = feed_parser_run(p, read_pieces, &r);
	*title = feed_parser_meta(p)->title ? strdup(feed_parser_meta(p)->title) : NULL;
	*err = feed_parser_error(p) ? strdup(feed_parser_error(p)) : NULL;
	feed_parser_destroy(p);
	return buf_detach(&s.log);
}

static void test_run(void)
{
	char *t0, *t, *err;
	bool okr;
	char *whole = parse_in_chunks(rss, sizeof rss - 1, sizeof rss, &t0);
	bool same = true;
	for (size_t step = 1; step <= 18; step++) {
		size_t st = step == 18 ? sizeof rss : step;
		char *got = run_in_pieces(rss, sizeof rss - 1, st, 0, &t, &okr, &err);
		if (!okr || strcmp(got, whole) != 0 || !t || strcmp(t, t0) != 0) {
			same = false;
			printf("# read %zu bytes at a time: %s\n", st, got);
		}
		free(got);
		free(t);
		free(err);
	}
	ok(same, "feed_parser_run(): reads of 1 to 17 bytes and one read give the items of a push");
	free(whole);
	free(t0);

	/* A document far longer than the sniffed head, read in one go: libxml2
	 * still reads the head after the root element is seen (the head's
	 * buffer must live until then). */
	struct buf d;
	buf_init(&d, 1 << 20);
	bool built = buf_puts(&d, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>long</title>");
	for (int i = 0; built && i < 300; i++)
		built = buf_printf(&d, "<item><title>item %d &amp; more</title><link>/i/%d</link></item>\n", i, i);
	built = built && buf_puts(&d, "</channel></rss>");
	ok(built, "built a 20 KB document");
	whole = parse_in_chunks(d.data, d.len, 4096, &t0);
	char *got = run_in_pieces(d.data, d.len, d.len, 0, &t, &okr, &err);
	ok(okr && strcmp(got, whole) == 0 && strstr(got, "[item 299 & more|http://e.example/i/299|"),
	   "a 20 KB document in one read: the same 300 items as pushed");
	free(got);
	free(t);
	free(err);
	free(whole);
	free(t0);

	/* a read error: what came before is kept, the result is false */
	got = run_in_pieces(d.data, d.len, 1000, 8000, &t, &okr, &err);
	ok(!okr && err && strcmp(err, "read error") == 0, "a read error fails the run, with the reason");
	ok(strstr(got, "[item 0 & more|") != NULL, "items read before the error were delivered");
	free(got);
	free(t);
	free(err);
	buf_finish(&d);

	/* JSON Feed and an empty document take the same ways as with push */
	const char json[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":"
			    "[{\"id\":\"1\",\"title\":\"first\",\"url\":\"https://j.example/1\"}]}";
	got = run_in_pieces(json, sizeof json - 1, 7, 0, &t, &okr, &err);
	ok(okr && t && strcmp(t, "J") == 0 && strcmp(got, "[first|https://j.example/1||-||0]") == 0,
	   "JSON Feed through feed_parser_run()");
	free(got);
	free(t);
	free(err);
	got = run_in_pieces("", 0, 7, 0, &t, &okr, &err);
	ok(!okr && err && strcmp(err, "empty document") == 0, "an empty document is an error");
	free(got);
	free(t);
	free(err);

	/* stopping from the callback */
	struct seen s = {.stop_after = 1};
	buf_init(&s.log, 1 << 20);
	struct feed_parser *p = feed_parser_create(NULL, record, &s);
	struct pieces r = {rss, sizeof rss - 1, 0, 5, 0};
	ok(feed_parser_run(p, read_pieces, &r), "run after a stop");
	is_int(s.n, 1, "returning false from the callback stops a run");
	feed_parser_destroy(p);
	buf_finish(&s.log);
}

static void test_stop(void)
{
	struct seen s = {.stop_after = 1};
	buf_init(&s.log, 1 << 20);
	struct feed_parser *p = feed_parser_create(NULL, record, &s);
	ok(feed_parser_push(p, rss, sizeof rss - 1), "push");
	ok(feed_parser_finish(p), "finish after a stop");
	is_int(s.n, 1, "returning false from the callback stops parsing");
	feed_parser_destroy(p);
	buf_finish(&s.log);
}

static void test_feed_parse(void)
{
	char *err = NULL;
	struct feed *f = feed_parse(rss, sizeof rss - 1, NULL, &err);
	ok(f && f->n_items == 2, "feed_parse keeps every item");
	if (f) {
		is_str(f->meta.format, "rss2.0", "format");
		is_str(f->items[1].link, "http://e.example/two", "guid is the link when a permalink");
		is_str(f->items[0].link, "/one", "no base URL: relative link kept");
	}
	feed_destroy(f);

	const char ids[] = "<feed xmlns='http://www.w3.org/2005/Atom'><title>a</title><title>b</title>"
			   "<entry><id>http://x.example/1</id><title>first</title><title>second</title></entry>"
			   "<entry><id>tag:x.example,2010:2</id></entry></feed>"
			   "<rss><channel><item><guid isPermaLink='false'>http://x.example/3</guid></item></channel></rss>";
	f = feed_parse(ids, sizeof ids - 1, NULL, &err);
	ok(f && f->n_items == 2, "two Atom entries");
	if (f && f->n_items == 2) {
		is_str(f->meta.title, "a", "first title of a scope stays (feedparser)");
		is_str(f->items[0].title, "first", "first entry title stays");
		is_str(f->items[0].link, "http://x.example/1", "an http atom:id is the link when there is none");
		is_str(f->items[1].link, NULL, "a tag: id is not a link");
	}
	feed_destroy(f);
	const char guid[] = "<rss><channel><item><guid isPermaLink='false'>http://x.example/3</guid></item></channel></rss>";
	f = feed_parse(guid, sizeof guid - 1, NULL, &err);
	ok(f && f->n_items == 1 && !f->items[0].link && f->items[0].id, "isPermaLink=false guid: id, not link");
	feed_destroy(f);
	const char authors[] = "<rss xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
			       "<item><dc:creator>Ann</dc:creator><dc:creator>Bob</dc:creator></item>"
			       "<item><author>a@x.example (Ann)</author><author>b@x.example (Bob)</author></item>"
			       "</channel></rss>";
	f = feed_parse(authors, sizeof authors - 1, NULL, &err);
	ok(f && f->n_items == 2 && !strcmp(f->items[0].author, "Ann") && !strcmp(f->items[1].author, "Ann"),
	   "several authors: the first is the author (feedparser's authors[0])");
	feed_destroy(f);
	const char atom_authors[] = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><author><name>Ann</name></author>"
				    "<author><name>Bob</name></author></entry></feed>";
	f = feed_parse(atom_authors, sizeof atom_authors - 1, NULL, &err);
	ok(f && f->n_items == 1 && !strcmp(f->items[0].author, "Ann"), "several Atom authors: the first");
	feed_destroy(f);
	const char contents[] = "<feed version='0.3' xmlns='http://purl.org/atom/ns#'><entry>"
				"<content type='text/html' mode='escaped'>first</content>"
				"<content type='text/plain'>second</content></entry></feed>";
	f = feed_parse(contents, sizeof contents - 1, NULL, &err);
	ok(f && f->n_items == 1 && f->items[0].content && !strcmp(f->items[0].content, "first"),
	   "several Atom 0.3 contents: the first is the content");
	feed_destroy(f);
	const char mixed[] = "<rss><channel><item><description>&lt;p&gt;One &amp;amp; two&lt;/p&gt; by <a href='u'>me</a>"
			     "</description><title>a &lt;b&gt; <i>c</i></title></item></channel></rss>";
	f = feed_parse(mixed, sizeof mixed - 1, NULL, &err);
	ok(f && f->n_items == 1 && f->items[0].summary &&
		   !strcmp(f->items[0].summary, "<p>One &amp; two</p> by <a href=\"u\">me</a>"),
	   "escaped HTML around inline elements stays HTML: %s", f && f->n_items ? f->items[0].summary : "");
	feed_destroy(f);
	const char big5[] = "<?xml version='1.0' encoding='big5'?><rss><channel><title>\xa4\xa4\xc7\xf3</title>"
			    "</channel></rss>";
	f = feed_parse(big5, sizeof big5 - 1, NULL, &err);
	ok(f && f->meta.title && !strcmp(f->meta.title, "\xe4\xb8\xad\xd0\x90"),
	   "Big5 is decoded as the Encoding Standard's Big5 (HKSCS): %s", f && f->meta.title ? f->meta.title : "");
	feed_destroy(f);
	const char cats[] = "<rss xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel><item>"
			    "<category>beer</category><itunes:keywords>beer, games, beer</itunes:keywords>"
			    "<itunes:category text='games'><itunes:category text='beer'/></itunes:category>"
			    "<category domain='x'>beer</category><category>beer</category>"
			    "</item></channel></rss>";
	f = feed_parse(cats, sizeof cats - 1, NULL, &err);
	ok(f && f->n_items == 1 && f->items[0].categories.n == 4,
	   "a term repeated with the same scheme is one category (feedparser's (term, scheme)): %zu",
	   f && f->n_items ? f->items[0].categories.n : 0);
	feed_destroy(f);
	f = feed_parse("", 0, NULL, &err);
	ok(!f && err, "empty input is an error: %s", err ? err : "");
	free(err);
	err = NULL;
	const char page[] = "<html><head><link rel=alternate type=application/atom+xml href=/a.xml>"
			    "</head><body>x</body></html>";
	struct feed_source src = {"https://site.example/blog/", NULL};
	f = feed_parse(page, sizeof page - 1, &src, &err);
	ok(!f && err && strstr(err, "https://site.example/a.xml"), "HTML page: error names its feed: %s",
	   err ? err : "");
	free(err);
}

static void test_caps(void)
{
	/* a title far over LIMIT_FIELD_BYTES is truncated, with a warning */
	size_t big = LIMIT_FIELD_BYTES + 4096;
	struct buf d;
	buf_init(&d, big + 1024);
	bool built = buf_puts(&d, "<rss><channel><item><title>");
	for (size_t i = 0; built && i < big / 8; i++)
		built = buf_puts(&d, "abcdefg ");
	built = built && buf_puts(&d, "</title></item></channel></rss>");
	ok(built, "built a big document");
	char *err = NULL;
	struct feed *f = feed_parse(d.data, d.len, NULL, &err);
	ok(f && f->n_items == 1 && f->items[0].title && strlen(f->items[0].title) <= LIMIT_FIELD_BYTES,
	   "oversized field truncated to LIMIT_FIELD_BYTES");
	ok(f && f->meta.warnings.n >= 1, "truncation warned");
	feed_destroy(f);
	free(err);
	buf_finish(&d);

	/* more namespace declarations than LIMIT_FEED_NS_BINDINGS: the rest
	 * are ignored, nothing else is lost */
	buf_init(&d, 1 << 22);
	built = buf_puts(&d, "<rss><channel");
	for (unsigned i = 0; built && i < LIMIT_FEED_NS_BINDINGS + 100; i++)
		built = buf_printf(&d, " xmlns:p%u=\"http://ns.example/%u\"", i, i);
	built = built && buf_puts(&d, "><item><title>t</title><p1:x/><dc:creator>Ann</dc:creator></item>"
				      "<item><title>after</title></item></channel></rss>");
	f = built ? feed_parse(d.data, d.len, NULL, &err) : NULL;
	ok(f && f->n_items == 2 && f->items[0].author && strcmp(f->items[0].author, "Ann") == 0 &&
	       f->items[1].title && strcmp(f->items[1].title, "after") == 0,
	   "thousands of namespace declarations on one element: capped, the items read");
	feed_destroy(f);
	free(err);
	buf_finish(&d);

	/* deep nesting does not crash and keeps what precedes it */
	buf_init(&d, 1 << 22);
	built = buf_puts(&d, "<rss><channel><title>deep</title><item><title>t</title></item>");
	for (int i = 0; built && i < 5000; i++)
		built = buf_puts(&d, "<x>");
	f = feed_parse(d.data, d.len, NULL, &err);
	ok(f && f->meta.title && strcmp(f->meta.title, "deep") == 0 && f->n_items == 1,
	   "5000 nested elements: refused past the depth limit, earlier data kept");
	feed_destroy(f);
	free(err);
	buf_finish(&d);
}

static void test_discover(void)
{
	struct strlist l;
	strlist_init(&l);
	const char html[] = "<!DOCTYPE html><html><head><base href='http://b.example/x/'>"
			    "<link rel='stylesheet alternate' type='application/rss+xml' href='r.xml'>"
			    "<LINK REL=Alternate TYPE=\"application/atom+xml\" HREF=\"/a.xml\">"
			    "<link rel=alternate type=application/atom+xml href=/a.xml>"
			    "<link rel=alternate type=text/html href=/fr/></head></html>";
	ok(feed_discover(html, sizeof html - 1, "http://page.example/", &l), "feed_discover");
	is_int((long long)l.n, 2, "two distinct feeds");
	if (l.n == 2) {
		is_str(l.v[0], "http://b.example/x/r.xml", "resolved against <base>");
		is_str(l.v[1], "http://b.example/a.xml", "case-insensitive attributes");
	}
	strlist_finish(&l);
}

static void test_htmltext(void)
{
	struct buf b;
	buf_init(&b, 4096);
	const char *h = "<p>A&nbsp;<b>b</b>&amp;c</p><script>x()</script><br>d &#8217; &#146; &bogus; <img alt=\"pic\">";
	ok(html_to_text(h, strlen(h), &b), "html_to_text");
	is_str(b.data, "A\xc2\xa0" "b&c d \xe2\x80\x99 \xe2\x80\x99 &bogus; pic", "visible text");
	buf_reset(&b);
	const char *r = "<b>J&ouml;rg</b> &#xFC; &amp;amp; AT&T &bogus;";
	ok(html_decode_refs(r, strlen(r), &b), "html_decode_refs");
	is_str(b.data, "<b>J\xc3\xb6rg</b> \xc3\xbc &amp; AT&T &bogus;", "references decoded once, tags kept");
	buf_reset(&b);
	ok(html_escape("<a&\">", 5, &b), "html_escape");
	is_str(b.data, "&lt;a&amp;&quot;&gt;", "escaped");
	ok(html_looks_like("a &amp; b", 9), "reference looks like HTML");
	ok(!html_looks_like("<blink>x</blink>", 16), "unknown element does not");
	ok(!html_looks_like("plain", 5), "plain text does not");
	is_int(html_entity_lookup("eacute", 6), 0xe9, "entity table");
	is_int(html_entity_lookup("nope", 4), 0, "unknown entity");
	buf_finish(&b);
}

int main(void)
{
	test_chunks();
	test_stop();
	test_run();
	test_feed_parse();
	test_caps();
	test_discover();
	test_htmltext();
	return tap_done();
}
