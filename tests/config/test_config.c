/* config_parse from memory: parsed values, defaults, templates, month names,
 * added: dates in the configured zone, and the shape of error lists. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "limits.h"
#include "tap.h"

static struct config *parse(const char *yaml, struct strlist *errors)
{
	strlist_init(errors);
	return config_parse(yaml, strlen(yaml), "feeds.yaml", "/blog", errors);
}

/* Parses text expected to be invalid; returns the error list joined by '\n'. */
static char *errors_of(const char *yaml)
{
	struct strlist e;
	struct config *cfg = parse(yaml, &e);
	int first = (int)strcspn(yaml, "\n");
	ok(cfg == NULL, "rejected: %.*s", first > 40 ? 40 : first, yaml);
	config_destroy(cfg);
	struct buf b;
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < e.n; i++)
		if (!buf_printf(&b, "%s%s", i ? " | " : "", e.v[i]))
			break;
	strlist_finish(&e);
	return buf_detach(&b);
}

static void test_design_example(void)
{
	static const char yaml[] =
		"title: \"Enterprise 2.0 reads – {month} {year}\"\n"
		"signature: \"Lamia Ben.\"\n"
		"output: digests/{year}-{mm}.md\n"
		"max_entries: 15\n"
		"timezone: Africa/Casablanca\n"
		"language: fr\n"
		"archive: state/reads.sqlite\n"
		"fetch: {connections: 6, per_host: 3, timeout: 45, user_agent: \"reads-test/1\", retries: 3, "
		"max_wait: 20, retry_pause: 0.25}\n"
		"quote: {min: 60, max: 300, excerpts: 2}\n"
		"feeds:\n"
		"  - https://www.example.org/feed/\n"
		"  - url: https://blog.example.net/atom.xml\n"
		"    name: Example Blog\n"
		"    include: [enterprise 2.0, social business]\n"
		"    exclude: webinar\n"
		"    user_agent: Mozilla/5.0\n"
		"    excerpts: 3\n"
		"  - opml: lists/subscriptions.opml\n"
		"bookmarks:\n"
		"  - https://www.example.com/post#:~:text=Some%20say%20email,activity%20stream\n"
		"  - url: https://www.example.com/other\n"
		"    quote: \"Companies aren’t communities.\"\n"
		"    note: |\n"
		"      two\n"
		"      lines\n"
		"    added: 2010-11-14\n"
		"  - file: /home/lamia/bookmarks.html\n"
		"  - feed: https://feeds.example.org/u:lamia/t:e20\n";
	struct strlist e;
	struct config *cfg = parse(yaml, &e);
	ok(cfg != NULL, "DESIGN.md's example parses");
	for (size_t i = 0; i < e.n; i++)
		printf("# %s\n", e.v[i]);
	strlist_finish(&e);
	if (!cfg)
		return;
	is_str(cfg->path, "feeds.yaml", "path as named");
	is_str(cfg->dir, "/blog", "dir as given");
	is_str(cfg->signature, "Lamia Ben.", "signature");
	is_int(cfg->max_entries, 15, "max_entries");
	is_str(cfg->timezone, "Africa/Casablanca", "timezone");
	is_str(cfg->language, "fr", "language");
	is_str(cfg->archive, "/blog/state/reads.sqlite", "archive resolved against the folder");
	is_int(cfg->fetch.connections, 6, "fetch.connections");
	is_int(cfg->fetch.per_host, 3, "fetch.per_host");
	is_int(cfg->fetch.timeout, 45, "fetch.timeout");
	is_str(cfg->fetch.user_agent, "reads-test/1", "fetch.user_agent");
	is_int(cfg->fetch.retries, 3, "fetch.retries");
	is_int(cfg->fetch.max_wait, 20, "fetch.max_wait");
	is_int(cfg->fetch.retry_pause_ms, 250, "fetch.retry_pause (0.25 s in ms)");
	is_int(cfg->quote.min, 60, "quote.min");
	is_int(cfg->quote.max, 300, "quote.max");
	is_int(cfg->quote.excerpts, 2, "quote.excerpts");
	is_int((long long)cfg->n_feeds, 3, "three feeds");
	is_int(cfg->feeds[0].kind, CONFIG_FEED_URL, "plain URL feed");
	is_str(cfg->feeds[0].url, "https://www.example.org/feed/", "plain URL kept as written");
	is_int(cfg->feeds[0].line, 11, "feed line");
	is_int(cfg->feeds[0].column, 5, "feed column");
	is_int(cfg->feeds[0].excerpts, 0, "no per-feed excerpts: 0");
	is_str(cfg->feeds[1].name, "Example Blog", "feed name");
	is_int((long long)cfg->feeds[1].include.n, 2, "include list");
	is_str(cfg->feeds[1].include.v[1], "social business", "include keyword with a space");
	is_int((long long)cfg->feeds[1].exclude.n, 1, "a single keyword is a list of one");
	is_str(cfg->feeds[1].exclude.v[0], "webinar", "exclude keyword");
	is_str(cfg->feeds[1].user_agent, "Mozilla/5.0", "per-feed user agent");
	is_int(cfg->feeds[1].excerpts, 3, "per-feed excerpts");
	is_int(cfg->feeds[1].line, 12, "mapping entry line");
	is_int(cfg->feeds[2].kind, CONFIG_FEED_OPML, "opml entry");
	is_str(cfg->feeds[2].path, "/blog/lists/subscriptions.opml", "opml path resolved");
	is_int((long long)cfg->n_bookmarks, 4, "four bookmark sources");
	is_int(cfg->bookmarks[0].kind, CONFIG_BOOKMARK_URL, "plain bookmark");
	is_str(cfg->bookmarks[0].url, "https://www.example.com/post#:~:text=Some%20say%20email,activity%20stream",
	       "text fragment kept");
	ok(cfg->bookmarks[0].added == DATE_NONE, "no added: DATE_NONE");
	is_str(cfg->bookmarks[1].quote, "Companies aren’t communities.", "quote verbatim");
	is_str(cfg->bookmarks[1].note, "two\nlines\n", "literal block note");
	/* Casablanca was on UTC+0 in November 2010. */
	is_int(cfg->bookmarks[1].added, 1289692800, "added: midnight in Africa/Casablanca");
	is_int(cfg->bookmarks[2].kind, CONFIG_BOOKMARK_FILE, "file entry");
	is_str(cfg->bookmarks[2].path, "/home/lamia/bookmarks.html", "absolute path kept");
	is_int(cfg->bookmarks[3].kind, CONFIG_BOOKMARK_FEED, "feed entry");
	is_str(cfg->bookmarks[3].url, "https://feeds.example.org/u:lamia/t:e20", "bookmark feed URL");

	char *t = config_title(cfg, 2010, 11);
	is_str(t, "Enterprise 2.0 reads – novembre 2010", "title in French");
	free(t);
	char *o = config_output_path(cfg, 2010, 3);
	is_str(o, "/blog/digests/2010-03.md", "output path");
	free(o);
	config_destroy(cfg);
}

static void test_defaults(void)
{
	struct strlist e;
	struct config *cfg = parse("feeds:\n  - http://www.example.org/rss\n", &e);
	strlist_finish(&e);
	ok(cfg != NULL, "minimal config parses");
	if (!cfg)
		return;
	is_str(cfg->title, "Enterprise 2.0 reads – {month} {year}", "default title");
	is_str(cfg->output, "digests/{year}-{mm}.md", "default output");
	is_str(cfg->archive, "/blog/reads.db", "default archive beside feeds.yaml");
	is_int(cfg->max_entries, LIMIT_DEFAULT_MAX_ENTRIES, "default max_entries");
	is_str(cfg->language, "en", "default language");
	ok(cfg->timezone == NULL, "default timezone: the machine's");
	is_int(cfg->fetch.connections, 8, "default connections");
	is_int(cfg->fetch.per_host, 2, "default per_host");
	is_int(cfg->fetch.timeout, 30, "default timeout");
	ok(cfg->fetch.user_agent == NULL, "default user agent: reads' own");
	is_int(cfg->fetch.retries, 2, "default retries");
	is_int(cfg->fetch.max_wait, 60, "default max_wait");
	is_int(cfg->fetch.retry_pause_ms, 1000, "default retry_pause: 1 s");
	is_int(cfg->quote.min, 80, "default quote.min");
	is_int(cfg->quote.max, 400, "default quote.max");
	is_int(cfg->quote.excerpts, 1, "default excerpts");
	is_str(cfg->signature, "", "default signature: none");
	char *t = config_title(cfg, 2010, 11);
	is_str(t, "Enterprise 2.0 reads – November 2010", "default title expanded");
	free(t);
	config_destroy(cfg);

	cfg = config_parse("feeds: [https://a.example.org/]\n", 31, "feeds.yaml", ".", &e);
	ok(cfg != NULL, "flow list");
	if (cfg) {
		is_str(cfg->archive, "reads.db", "archive in '.' is a bare name");
		char *o = config_output_path(cfg, 2011, 1);
		is_str(o, "digests/2011-01.md", "output in '.'");
		free(o);
	}
	config_destroy(cfg);
	strlist_finish(&e);
}

static void test_added_zones(void)
{
	struct strlist e;
	/* New York: EDT until 7 November 2010, EST after; midnight of the
	 * 14th is 05:00 UTC, of the 3rd 04:00 UTC. */
	struct config *cfg = parse("bookmarks:\n"
				   "  - url: https://a.example.org/1\n    added: 2010-11-14\n"
				   "  - url: https://a.example.org/2\n    added: 2010-11-03\n"
				   "  - url: https://a.example.org/3\n    added: 2010-11-14T10:00:00+01:00\n"
				   "  - url: https://a.example.org/4\n    added: 2010-11-01\n"
				   "timezone: America/New_York\n",
				   &e);
	for (size_t i = 0; i < e.n; i++)
		printf("# %s\n", e.v[i]);
	strlist_finish(&e);
	ok(cfg != NULL, "added: dates parse, timezone given after them");
	if (cfg) {
		is_int(cfg->bookmarks[0].added, 1289710800, "midnight EST (after the DST change in the month)");
		is_int(cfg->bookmarks[1].added, 1288756800, "midnight EDT (before it)");
		is_int(cfg->bookmarks[2].added, 1289725200, "a full date with its zone is taken as it is");
		int64_t start, end;
		ok(date_month_range(2010, 11, "America/New_York", &start, &end) && cfg->bookmarks[3].added == start,
		   "the 1st at midnight is the month's first second");
	}
	config_destroy(cfg);
}

static void test_paths(void)
{
	setenv("HOME", "/home/lamia", 1);
	struct strlist e;
	struct config *cfg = parse("archive: ../state/reads.db\nfeeds: [{opml: ~/subs.opml}]\n"
				   "bookmarks: [{file: exports/b.html}, {file: /abs/b.html}]\n",
				   &e);
	strlist_finish(&e);
	ok(cfg != NULL, "paths config");
	if (cfg) {
		is_str(cfg->archive, "/blog/../state/reads.db", "relative archive against the folder");
		is_str(cfg->feeds[0].path, "/home/lamia/subs.opml", "~/ is the home folder");
		is_str(cfg->bookmarks[0].path, "/blog/exports/b.html", "relative bookmark file");
		is_str(cfg->bookmarks[1].path, "/abs/b.html", "absolute bookmark file");
	}
	config_destroy(cfg);
}

static void test_month_names(void)
{
	is_str(config_month_name("en", 1), "January", "en January");
	is_str(config_month_name("fr", 11), "novembre", "fr novembre");
	is_str(config_month_name("fr", 8), "août", "fr août");
	is_str(config_month_name("de", 3), "März", "de März");
	is_str(config_month_name("es", 12), "diciembre", "es diciembre");
	is_str(config_month_name("fr-CA", 2), "février", "fr-CA uses French");
	is_str(config_month_name("FR", 2), "février", "language code in capitals");
	is_str(config_month_name("xx", 5), "May", "unknown language: English");
	is_str(config_month_name(NULL, 6), "June", "NULL language: English");
	is_str(config_month_name("en", 13), "", "month out of range: empty");

	struct strlist e;
	struct config *cfg = parse("language: de\ntitle: \"{year}/{mm}: {month} {month}\"\n"
				   "output: \"out/{month}-{year}.md\"\nbookmarks: [https://a.example.org/]\n",
				   &e);
	strlist_finish(&e);
	ok(cfg != NULL, "German config");
	if (cfg) {
		char *t = config_title(cfg, 2010, 3);
		is_str(t, "2010/03: März März", "every placeholder expanded, repeated ones too");
		free(t);
		char *o = config_output_path(cfg, 2010, 3);
		is_str(o, "/blog/out/März-2010.md", "{month} in output");
		free(o);
	}
	config_destroy(cfg);
}

static void test_errors(void)
{
	char *s = errors_of("signatur: x\nfeeds: [https://a.example.org/]\n");
	is_str(s, "feeds.yaml:1:1: unknown key 'signatur' at the top level; did you mean 'signature'?",
	       "did you mean");
	free(s);
	s = errors_of("titel: x\nfeeds: [https://a.example.org/]\n");
	ok(strstr(s, "did you mean 'title'?") != NULL, "transposition is one edit: %s", s);
	free(s);
	s = errors_of("fetch: {per_hots: 2}\nfeeds: [https://a.example.org/]\n");
	ok(strstr(s, "1:9:") && strstr(s, "did you mean 'per_host'?"), "nested key, column of the key: %s", s);
	free(s);
	s = errors_of("feeds:\n  - url: https://a.example.org/\n    url: https://b.example.org/\n");
	ok(strstr(s, "3:5: duplicate key 'url' (first given at line 2, column 5)") != NULL, "duplicate key: %s", s);
	free(s);
	s = errors_of("max_entries: \"12\"\nfeeds: [https://a.example.org/]\n");
	ok(strstr(s, "expected a number, got the string '12'") != NULL, "a quoted number is a string: %s", s);
	free(s);
	s = errors_of("max_entries: 99999999999999999999999\nfeeds: [https://a.example.org/]\n");
	ok(strstr(s, "must be between 1 and 500") != NULL, "overflow is out of range: %s", s);
	free(s);
	s = errors_of("feeds: [https://a.example.org/]\nbookmarks:\n  - url: https://b.example.org/\n    added: ~\n");
	ok(strstr(s, "added: needs a value") != NULL, "null where a value is needed: %s", s);
	free(s);
	s = errors_of("quote: {min: 500}\nfeeds: [https://a.example.org/]\n");
	ok(strstr(s, "min (500) must be less than max (400)") != NULL, "min against the default max: %s", s);
	free(s);

	/* Every problem, in the order of the file. */
	s = errors_of("feeds:\n  - ftp://a.example.org/\n  - url: https://b.example.org/\n    nmae: B\n"
		      "language: xx\ntitle: \"{monthh}\"\n");
	ok(strstr(s, ":2:5:") && strstr(s, ":4:5:") && strstr(s, ":5:11:") && strstr(s, ":6:8:") &&
		   strstr(s, ":2:5:") < strstr(s, ":4:5:") && strstr(s, ":4:5:") < strstr(s, ":5:11:"),
	   "all problems reported, sorted by place");
	free(s);

	/* A flood of problems stops at the cap, with a last line saying so. */
	struct buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 500; i++)
		if (!buf_printf(&b, "unknown%d: x\n", i))
			break;
	struct strlist e;
	struct config *cfg = parse(buf_str(&b), &e);
	ok(!cfg && e.n == LIMIT_CONFIG_ERRORS + 1, "errors capped at LIMIT_CONFIG_ERRORS (+1 line): %zu", e.n);
	ok(e.n && strstr(e.v[e.n - 1], "the rest are not shown") != NULL, "the cap is said");
	strlist_finish(&e);
	buf_finish(&b);

	/* Deep nesting is an error, not a stack overflow. */
	buf_init(&b, 1 << 20);
	if (!buf_puts(&b, "feeds: "))
		return;
	for (int i = 0; i < 10000; i++)
		if (!buf_putc(&b, '['))
			break;
	cfg = parse(buf_str(&b), &e);
	ok(!cfg && e.n == 1 && strstr(e.v[0], "nested more than"), "deep nesting refused: %s", e.n ? e.v[0] : "");
	strlist_finish(&e);
	buf_finish(&b);

	/* Billion laughs in YAML: aliases are refused before any expansion. */
	cfg = parse("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nfeeds: *c\n",
		    &e);
	ok(!cfg && e.n >= 1, "aliases refused");
	strlist_finish(&e);

	cfg = config_parse("feeds: [https://a.example.org/]\0title: x\n", 42, "feeds.yaml", ".", &e);
	ok(!cfg && e.n >= 1, "a NUL byte is an error: %s", e.n ? e.v[0] : "");
	strlist_finish(&e);

	cfg = config_load("/nonexistent/feeds.yaml", &e);
	ok(!cfg && e.n == 1 && strstr(e.v[0], "/nonexistent/feeds.yaml"), "a missing file names the file: %s",
	   e.n ? e.v[0] : "");
	strlist_finish(&e);
}

static void test_publish(void)
{
	struct strlist e;
	struct config *cfg = parse("feeds: [https://a.example.org/]\n"
				   "publish:\n"
				   "  wordpress: {url: https://blog.example.org, user: lamia, password_file: wp-password,\n"
				   "              categories: [Enterprise 2.0], tags: reads, timeout: 90}\n",
				   &e);
	ok(cfg != NULL, "publish: wordpress: as in DESIGN.md");
	strlist_finish(&e);
	if (cfg) {
		is_str(cfg->wordpress.url, "https://blog.example.org", "wordpress.url");
		is_str(cfg->wordpress.user, "lamia", "wordpress.user");
		is_str(cfg->wordpress.password_file, "/blog/wp-password", "password_file resolved against the folder");
		ok(cfg->wordpress.categories.n == 1 && strcmp(cfg->wordpress.categories.v[0], "Enterprise 2.0") == 0,
		   "categories: a list");
		ok(cfg->wordpress.tags.n == 1 && strcmp(cfg->wordpress.tags.v[0], "reads") == 0, "tags: one name");
		is_int(cfg->wordpress.timeout, 90, "wordpress.timeout");
		is_int(cfg->wordpress.line, 3, "where wordpress: starts (line)");
		is_int(cfg->wordpress.column, 14, "where wordpress: starts (column)");
	}
	config_destroy(cfg);

	cfg = parse("feeds: [https://a.example.org/]\n", &e);
	strlist_finish(&e);
	ok(cfg && !cfg->wordpress.url && !cfg->wordpress.user && !cfg->wordpress.password_file &&
		   cfg->wordpress.timeout == LIMIT_PUBLISH_TIMEOUT_S,
	   "no publish: section: no blog, the default timeout");
	config_destroy(cfg);

	cfg = parse("feeds: [https://a.example.org/]\npublish: {wordpress: {url: 'http://[::1]:8080/wp', user: u}}\n", &e);
	strlist_finish(&e);
	ok(cfg && cfg->wordpress.url && !cfg->wordpress.password_file, "http to a loopback address is allowed");
	config_destroy(cfg);

	char *s = errors_of("feeds: [https://a.example.org/]\npublish: {wordpress: {url: 'http://blog.example.org', user: u}}\n");
	ok(strstr(s, "feeds.yaml:2:28: url: WordPress is reached over https only") != NULL, "plain http elsewhere: %s", s);
	free(s);
	s = errors_of("feeds: [https://a.example.org/]\npublish:\n  wordpress:\n    password_file: p\n");
	ok(strstr(s, "feeds.yaml:4:5: wordpress: needs url:") && strstr(s, "feeds.yaml:4:5: wordpress: needs user:"),
	   "url and user are required: %s", s);
	free(s);
	s = errors_of("feeds: [https://a.example.org/]\npublish: {wordpres: {}}\n");
	ok(strstr(s, "unknown key 'wordpres' in publish:; did you mean 'wordpress'?") != NULL, "typo in publish: %s", s);
	free(s);
	s = errors_of("feeds: [https://a.example.org/]\npublish: {wordpress: {url: 'https://b.example.org', user: u, tgas: x}}\n");
	ok(strstr(s, "unknown key 'tgas' in publish: wordpress:; did you mean 'tags'?") != NULL, "typo in wordpress: %s", s);
	free(s);
	s = errors_of("feeds: [https://a.example.org/]\npublish: [wordpress]\n");
	ok(strstr(s, "feeds.yaml:2:10: publish: expected a mapping") != NULL, "publish: must be a mapping: %s", s);
	free(s);
}

/* A URL listed twice is kept once: the later feed entry is skipped, a later
 * bookmark gives the first what it lacks; a warning names each, and a config
 * with only such duplicates is accepted. */
static void test_duplicates(void)
{
	struct strlist e;
	struct config *cfg = parse("timezone: UTC\n"
				   "feeds:\n"
				   "  - url: https://a.example.org/feed\n"
				   "    name: First\n"
				   "  - url: https://A.example.org/feed?utm_source=x\n"
				   "    name: Second\n"
				   "  - https://b.example.org/feed\n"
				   "bookmarks:\n"
				   "  - https://c.example.org/post\n"
				   "  - https://d.example.org/post\n"
				   "  - url: https://c.example.org/post/?fbclid=1\n"
				   "    quote: \"Hers.\"\n"
				   "    added: 2010-11-03\n"
				   "  - url: https://c.example.org/post\n"
				   "    quote: \"Another.\"\n"
				   "    note: \"A note.\"\n"
				   "  - feed: https://c.example.org/post\n"
				   "  - https://d.example.org/post#:~:text=first\n"
				   "  - https://d.example.org/post#:~:text=second\n",
				   &e);
	ok(cfg != NULL && e.n == 0, "duplicates alone do not reject the file (%zu errors)", e.n);
	if (cfg) {
		ok(cfg->n_feeds == 2 && !strcmp(cfg->feeds[0].name, "First") &&
			   !strcmp(cfg->feeds[1].url, "https://b.example.org/feed"),
		   "the feed listed again is skipped, the first entry kept with its settings");
		ok(cfg->n_bookmarks == 3, "the bookmark given three times is one (%zu bookmarks)", cfg->n_bookmarks);
		const struct config_bookmark *b = &cfg->bookmarks[0];
		is_str(b->url, "https://c.example.org/post", "its URL is the first entry's");
		is_str(b->quote, "Hers.", "its quote is the first one given");
		is_str(b->note, "A note.", "its note comes from the entry that has one");
		ok(b->added == date_parse("2010-11-03T00:00:00Z"), "its added date too");
		ok(cfg->bookmarks[2].kind == CONFIG_BOOKMARK_FEED, "a feed: of the same URL is another source");
		is_str(cfg->bookmarks[1].url, "https://d.example.org/post#:~:text=first",
		       "a bookmark without a highlight takes the text fragment of the same URL given again");
		ok(cfg->warnings.n == 7, "seven warnings (%zu)", cfg->warnings.n);
		if (cfg->warnings.n == 7) {
			is_str(cfg->warnings.v[0],
			       "feeds.yaml:5:5: this feed is already listed at line 3, column 5; this entry is skipped",
			       "the feed's warning names both places");
			is_str(cfg->warnings.v[3],
			       "feeds.yaml:14:5: its quote differs from the one at line 11, column 5, which is used",
			       "a second quote: the warning says which one is used");
			is_str(cfg->warnings.v[6],
			       "feeds.yaml:19:5: its text fragment differs from the one at line 18, column 5, which is used",
			       "a second highlight: the warning says which one is used");
		}
	}
	config_destroy(cfg);
	strlist_finish(&e);
	/* with a real error too, the file is refused and duplicates are no error */
	char *s = errors_of("feeds:\n  - https://a.example.org/\n  - https://a.example.org/\nmax_entries: 0\n");
	ok(strstr(s, "already") == NULL && strstr(s, "max_entries") != NULL, "only the real error is reported: %s", s);
	free(s);
}

int main(void)
{
	test_design_example();
	test_defaults();
	test_added_zones();
	test_paths();
	test_month_names();
	test_errors();
	test_publish();
	test_duplicates();
	return tap_done();
}
