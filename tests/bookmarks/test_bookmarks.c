/* Bookmark exports and subscription lists (fixtures in data/, see README). */
#include <stdlib.h>
#include <unistd.h>

#include "bookmarks.h"
#include "buf.h"
#include "date.h"
#include "fileio.h"
#include "tap.h"

static const char *dir;

static char *slurp(const char *name, size_t *len)
{
	char *path = path_join(dir, name), *err = NULL;
	char *d = file_read(path, (size_t)1 << 26, len, &err);
	if (!d)
		printf("# %s\n", err);
	free(err);
	free(path);
	return d;
}

struct parsed {
	struct bookmark *b;
	size_t n;
	char *err;
	bool fine;
};

static struct parsed netscape(const char *name)
{
	struct parsed p = {0};
	size_t len;
	char *d = slurp(name, &len);
	if (d)
		p.fine = bookmarks_parse_netscape(d, len, &p.b, &p.n, &p.err);
	free(d);
	return p;
}

static void done(struct parsed *p)
{
	bookmarks_free(p->b, p->n);
	free(p->err);
}

static void is_date(int64_t got, const char *want, const char *name)
{
	char iso[DATE_ISO_SIZE] = "none";
	if (got != DATE_NONE)
		date_format_iso(got, iso);
	is_str(iso, want, name);
}

static void is_tags(const struct bookmark *b, const char *joined, const char *name)
{
	char buf[512] = "";
	for (size_t i = 0; i < b->tags.n; i++) {
		strcat(buf, i ? "|" : "");
		strcat(buf, b->tags.v[i]);
	}
	is_str(buf, joined, name);
}

static void test_firefox(void)
{
	struct parsed p = netscape("firefox.html");
	ok(p.fine, "firefox: parsed");
	is_int((long long)p.n, 4, "firefox: place:, javascript: and file: links are left out; folders flattened");
	if (p.n == 4) {
		is_str(p.b[0].url, "https://blogs.example.org/davenport/2010/11/want-value-from-social-add-structure",
		       "firefox: first URL (in a folder)");
		is_str(p.b[0].title, "Want Value From Social? Add Structure.", "firefox: title");
		is_str(p.b[0].note, "Davenport on social & structure — pick the “dilemma” quote",
		       "firefox: DD note, entities decoded");
		is_date(p.b[0].added, "2010-11-14T15:00:00Z", "firefox: ADD_DATE in seconds");
		is_tags(&p.b[0], "e20|structure", "firefox: TAGS");
		is_str(p.b[1].note, NULL, "firefox: no DD, no note (the folder's DD is not a bookmark's)");
		is_str(p.b[2].url, "http://edwardboches.example.org/2010/11/all-of-us/", "firefox: nested folder");
		is_str(p.b[3].title, "Café des réseaux", "firefox: UTF-8 title after the nested lists");
		is_int((long long)p.b[3].tags.n, 0, "firefox: no TAGS, no tags");
	}
	done(&p);
}

static void test_chrome(void)
{
	struct parsed p = netscape("chrome.html");
	ok(p.fine, "chrome: parsed");
	is_int((long long)p.n, 3, "chrome: chrome:// left out");
	if (p.n == 3) {
		is_str(p.b[0].title, "Social Business – What's next", "chrome: numeric entities in titles");
		is_date(p.b[0].added, "2010-11-06T00:00:00Z", "chrome: ADD_DATE");
		is_str(p.b[1].url, "HTTPS://Blog.Example.NET/2010/11/communities",
		       "chrome: URL kept as exported (canonical form is url.c's job)");
		is_date(p.b[2].added, "none", "chrome: no ADD_DATE is DATE_NONE");
	}
	done(&p);
}

static void test_pinboard(void)
{
	struct parsed p = netscape("pinboard.html");
	ok(p.fine, "pinboard: parsed");
	is_int((long long)p.n, 3, "pinboard: three bookmarks");
	if (p.n == 3) {
		is_str(p.b[0].url, "https://www.example.com/post#:~:text=Some%20say%20email,activity%20stream",
		       "pinboard: text fragment kept");
		is_str(p.b[0].note, "Some say email is dying. She disagrees <strongly>.",
		       "pinboard: multi-line DD note collapsed, entities decoded");
		is_tags(&p.b[0], "e20|email|activity streams", "pinboard: tags with spaces");
		is_tags(&p.b[1], "", "pinboard: empty TAGS");
		is_tags(&p.b[2], "e20|social", "pinboard: tags trimmed, empty ones dropped");
		is_str(p.b[1].note, NULL, "pinboard: no note for the second");
		is_str(p.b[2].note, "third note", "pinboard: note on the last one before </DL>");
		is_date(p.b[1].added, "2010-11-15T09:30:00Z", "pinboard: ADD_DATE");
	}
	done(&p);
}

static void test_pocket(void)
{
	struct parsed p = netscape("pocket.html");
	ok(p.fine, "pocket: parsed (ul/li export with time_added)");
	is_int((long long)p.n, 3, "pocket: unread and archive");
	if (p.n == 3) {
		is_str(p.b[0].title, "The social dilemma", "pocket: title");
		is_date(p.b[0].added, "2010-11-12T16:40:00Z", "pocket: time_added");
		is_tags(&p.b[0], "e20|to-quote", "pocket: tags");
		is_str(p.b[2].url, "http://old.example.org/2010/10/archived", "pocket: archive list too");
	}
	done(&p);
}

static void test_raindrop(void)
{
	struct parsed p = netscape("raindrop.html");
	ok(p.fine, "raindrop: parsed");
	is_int((long long)p.n, 2, "raindrop: two bookmarks");
	if (p.n == 2) {
		is_str(p.b[0].note, "Highlights: adoption takes a year.", "raindrop: DD note");
		is_date(p.b[0].added, "2010-11-12T00:00:00Z", "raindrop: ADD_DATE seconds");
		is_date(p.b[1].added, "2010-11-13T00:00:00Z", "raindrop: ADD_DATE in milliseconds");
		is_tags(&p.b[1], "metrics", "raindrop: tags");
	}
	done(&p);
}

static void test_dates(void)
{
	struct parsed p = netscape("microseconds.html");
	ok(p.fine, "microseconds: parsed");
	is_int((long long)p.n, 4, "microseconds: four bookmarks");
	if (p.n == 4) {
		is_date(p.b[0].added, "2010-11-14T15:00:00Z", "ADD_DATE in microseconds");
		is_str(p.b[0].note, "a note in microseconds land", "DD note after a microsecond bookmark");
		is_date(p.b[1].added, "2010-11-14T15:00:00Z", "ADD_DATE in WebKit microseconds since 1601");
		is_date(p.b[2].added, "none", "ADD_DATE 0 is no date");
		is_date(p.b[3].added, "none", "ADD_DATE garbage is no date, bookmark kept");
	}
	done(&p);
}

static void test_encodings_and_refusals(void)
{
	struct parsed p = netscape("latin1.html");
	ok(p.fine && p.n == 1, "latin1: parsed");
	if (p.fine && p.n == 1) {
		is_str(p.b[0].title, "Café crème", "latin1: META charset honoured, title in UTF-8");
		is_str(p.b[0].note, "Noté", "latin1: note in UTF-8");
	}
	done(&p);

	p = netscape("empty-export.html");
	ok(p.fine && p.n == 0, "an export with no bookmarks is valid and empty");
	done(&p);

	p = netscape("not-bookmarks.html");
	ok(!p.fine && p.err && strstr(p.err, "not a bookmark file"), "an ordinary page is refused: %s",
	   p.err ? p.err : "(no message)");
	done(&p);

	p = netscape("chrome-json.html");
	ok(!p.fine && p.err, "Chrome's JSON is not a Netscape file");
	done(&p);

	struct bookmark *b;
	size_t n;
	char *err = NULL;
	ok(!bookmarks_parse_netscape("", 0, &b, &n, &err) && err, "empty input refused with a reason");
	free(err);

	/* Folders nested past libxml2's default depth limit (256) are read
	 * whole, not cut: the last bookmark is there. */
	struct buf deep;
	buf_init(&deep, 1 << 22);
	bool built = buf_puts(&deep, "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n");
	for (int i = 0; i < 5000 && built; i++)
		built = buf_puts(&deep, "<DL><p><DT><H3>folder</H3>\n");
	built = built && buf_puts(&deep, "<DT><A HREF=\"https://deep.example.org/\">deep</A>\n");
	err = NULL;
	ok(built && bookmarks_parse_netscape(deep.data, deep.len, &b, &n, &err) && n == 1 &&
		   strcmp(b[0].url, "https://deep.example.org/") == 0,
	   "5000 nested folders: read to the end: %s", err ? err : "");
	if (!err)
		bookmarks_free(b, n);
	free(err);
	buf_finish(&deep);

	/* One folder of 20000 bookmarks, as a browser exports it: libxml2 nests
	 * each <DT> in the one before, 20000 deep. */
	struct buf flat;
	buf_init(&flat, 1 << 24);
	built = buf_puts(&flat, "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n");
	for (int i = 0; i < 20000 && built; i++)
		built = buf_printf(&flat, "<DT><A HREF=\"https://flat.example.org/%d\" ADD_DATE=\"1288000000\">%d</A>\n"
				   "<DD>note %d\n", i, i, i);
	built = built && buf_puts(&flat, "</DL><p>\n");
	err = NULL;
	bool parsed = built && bookmarks_parse_netscape(flat.data, flat.len, &b, &n, &err);
	ok(parsed && n == 20000, "20000 bookmarks in one folder: all read (%zu): %s", parsed ? n : 0,
	   err ? err : "");
	if (parsed && n == 20000) {
		is_str(b[19999].url, "https://flat.example.org/19999", "the last one");
		is_str(b[19999].note, "note 19999", "with its note");
	}
	if (parsed)
		bookmarks_free(b, n);
	free(err);
	buf_finish(&flat);
}

/* libxml2 must not print on stderr (cron mails whatever reaches it): bytes
 * that do not match the declared charset are handled quietly. */
static void test_quiet(void)
{
	static const char html[] = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
				   "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n"
				   "<DL><p><DT><A HREF=\"https://x.example.org/\">caf\xe9 \xff\xfe</A>\n</DL>\n";
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<opml version=\"2.0\"><body><outline text=\"caf\xe9\" "
				  "xmlUrl=\"https://x.example.org/\"/></body></opml>\n";
	fflush(stderr);
	FILE *tmp = tmpfile();
	int saved = dup(2);
	if (!tmp || saved < 0 || dup2(fileno(tmp), 2) < 0) {
		ok(false, "cannot redirect stderr");
		return;
	}
	struct bookmark *b = NULL;
	size_t n = 0;
	char *err = NULL;
	if (bookmarks_parse_netscape(html, sizeof html - 1, &b, &n, &err))
		bookmarks_free(b, n);
	free(err);
	err = NULL;
	struct strlist u, names;
	strlist_init(&u);
	strlist_init(&names);
	bool opml_ok = bookmarks_parse_opml(xml, sizeof xml - 1, &u, &names, &err);
	strlist_finish(&u);
	strlist_finish(&names);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	long size = (fseek(tmp, 0, SEEK_END), ftell(tmp));
	fclose(tmp);
	ok(!opml_ok && err, "OPML with bytes that are not UTF-8 refused: %s", err ? err : "");
	free(err);
	is_int(size, 0, "nothing printed on stderr by libxml2");
}

static void opml(const char *name, bool want, size_t want_n, struct strlist *urls, struct strlist *names, char **err)
{
	size_t len;
	char *d = slurp(name, &len);
	strlist_init(urls);
	strlist_init(names);
	*err = NULL;
	bool fine = d && bookmarks_parse_opml(d, len, urls, names, err);
	ok(fine == want, "%s: %s%s%s", name, want ? "parsed" : "refused", *err ? ": " : "", *err ? *err : "");
	if (want)
		is_int((long long)urls->n, (long long)want_n, "outline count");
	ok(urls->n == names->n, "%s: names parallel to URLs", name);
	free(d);
}

static void test_opml(void)
{
	struct strlist u, n;
	char *err;
	opml("opml1.opml", true, 2, &u, &n, &err);
	if (u.n == 2) {
		is_str(u.v[0], "http://andrewmcafee.example.org/feed/", "OPML 1.0: xmlUrl");
		is_str(n.v[0], "Andrew McAfee", "OPML 1.0: text as name");
		is_str(n.v[1], "Café Enterprise", "OPML 1.0: ISO-8859-1 and a character reference");
	}
	strlist_finish(&u), strlist_finish(&n), free(err);

	opml("opml2.opml", true, 3, &u, &n, &err);
	if (u.n == 3) {
		is_str(u.v[0], "https://blogs.example.org/davenport/feed", "OPML 2.0: nested outline");
		is_str(n.v[0], "HBR Davenport", "OPML 2.0: text wins over title");
		is_str(u.v[1], "https://blog.example.net/atom.xml", "OPML 2.0: two levels deep");
		is_str(n.v[1], "Only a title", "OPML 2.0: title when no text");
		is_str(u.v[2], "http://podcasts.example.org/e20.xml", "feed:// becomes http://, xmlurl in any case");
		is_str(n.v[2], "", "no name: empty string");
	}
	strlist_finish(&u), strlist_finish(&n), free(err);

	opml("laughs.opml", false, 0, &u, &n, &err);
	strlist_finish(&u), strlist_finish(&n), free(err);
	opml("xxe.opml", false, 0, &u, &n, &err);
	strlist_finish(&u), strlist_finish(&n), free(err);
	opml("not-opml.xml", false, 0, &u, &n, &err);
	ok(err && strstr(err, "<rss>"), "the wrong root is named");
	strlist_finish(&u), strlist_finish(&n), free(err);
	opml("broken.opml", false, 0, &u, &n, &err);
	ok(err && strstr(err, "line"), "a syntax error names its line");
	strlist_finish(&u), strlist_finish(&n), free(err);
	opml("firefox.html", false, 0, &u, &n, &err);
	strlist_finish(&u), strlist_finish(&n), free(err);
}

int main(int argc, char **argv)
{
	dir = argc > 1 ? argv[1] : "data";
	test_firefox();
	test_chrome();
	test_pinboard();
	test_pocket();
	test_raindrop();
	test_dates();
	test_encodings_and_refusals();
	test_opml();
	test_quiet();
	return tap_done();
}
