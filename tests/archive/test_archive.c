/* Unit tests of the archive: every function of archive.h, on real SQLite
 * files in a temporary folder. */
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive.h"
#include "date.h"
#include "tap.h"

static char dir[] = "/tmp/reads-archive-XXXXXX";

/* A fresh path in the test folder. */
static char *path_of(const char *name)
{
	char *p;
	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	return p;
}

static struct archive *open_ok(const char *path)
{
	char *err = NULL;
	struct archive *a = archive_open(path, &err);
	if (!ok(a != NULL, "open %s", path))
		printf("#   %s\n", err ? err : "(no message)");
	free(err);
	return a;
}

/* One integer from SQL run on path through a separate connection. */
static long long sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static char *sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			v = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static bool sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	bool done = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK &&
		    sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	return done;
}

static struct archive_item item(enum archive_item_kind kind, const char *source, const char *url,
				const char *guid, int64_t published)
{
	struct archive_item it = {
		.kind = kind,
		.source = (char *)source,
		.url = (char *)url,
		.link = (char *)url,
		.guid = (char *)guid,
		.title = (char *)"A title",
		.published = published,
		.added = DATE_NONE,
	};
	return it;
}

static size_t count_source(struct archive *a, const char *source)
{
	size_t n = 99999;
	if (!archive_feed_item_count(a, source, DATE_NONE, DATE_NONE, &n))
		printf("#   count: %s\n", archive_error(a));
	return n;
}

/* Nov 2010 in UTC. */
#define NOV 1288569600LL
#define DEC 1291161600LL
#define OCT 1285891200LL

static void test_open_and_schema(void)
{
	char *p = path_of("fresh.db");
	struct archive *a = open_ok(p);
	is_str(archive_path(a), p, "archive_path gives the path opened");
	is_str(archive_error(a), "", "no error after a successful open");
	archive_close(a);
	is_int(sql_int(p, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION, "schema version stored");
	char *mode = sql_text(p, "PRAGMA journal_mode");
	is_str(mode, "wal", "journal is WAL");
	free(mode);
	is_int(sql_int(p, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
			  "('feeds','hosts','items','pages','extracts','drafted','dismissed','published')"),
	       8, "all eight tables exist");
	archive_close(NULL);
	free(p);
}

static void test_feeds(void)
{
	char *p = path_of("feeds.db");
	struct archive *a = open_ok(p);
	struct archive_feed f;

	ok(archive_feed_get(a, "https://unknown.example/feed", &f), "get of an unknown feed succeeds");
	is_str(f.url, "https://unknown.example/feed", "unknown feed: url set");
	ok(!f.etag && !f.last_modified && !f.moved_to && !f.title && !f.last_error,
	   "unknown feed: every string empty");
	ok(f.last_success == DATE_NONE && f.last_attempt == DATE_NONE && f.next_fetch == DATE_NONE,
	   "unknown feed: every date DATE_NONE");
	ok(f.failures == 0 && !f.gone, "unknown feed: no failures, not gone");
	archive_feed_finish(&f);

	struct archive_feed in = {
		.url = (char *)"https://b.example/feed",
		.etag = (char *)"W/\"5e1a-ab12\"  ",
		.last_modified = (char *)"Wed, 21 Oct 2015 07:28:00 GMT",
		.moved_to = (char *)"https://b.example/new-feed",
		.title = (char *)"Le blog d’Émilie",
		.last_success = 1290000000,
		.last_attempt = 1290000100,
		.last_error = (char *)"HTTP 503",
		.failures = 3,
		.next_fetch = 1290003600,
		.gone = true,
	};
	ok(archive_feed_put(a, &in), "feed put");
	ok(archive_feed_get(a, in.url, &f), "feed get");
	is_str(f.etag, in.etag, "ETag stored verbatim (weak, quoted, trailing spaces)");
	is_str(f.last_modified, in.last_modified, "Last-Modified stored verbatim");
	is_str(f.moved_to, in.moved_to, "moved_to round trip");
	is_str(f.title, in.title, "UTF-8 title round trip");
	is_int(f.last_success, in.last_success, "last_success");
	is_int(f.last_attempt, in.last_attempt, "last_attempt");
	is_str(f.last_error, "HTTP 503", "last_error");
	is_int(f.failures, 3, "failures");
	is_int(f.next_fetch, in.next_fetch, "next_fetch");
	ok(f.gone, "gone");
	archive_feed_finish(&f);

	/* A success replaces the state: the error and the back-off are cleared. */
	struct archive_feed again = {
		.url = (char *)"https://b.example/feed",
		.etag = (char *)"\"v2\"",
		.last_success = 1290086400,
		.last_attempt = 1290086400,
		.next_fetch = DATE_NONE,
	};
	ok(archive_feed_put(a, &again), "feed put again replaces");
	ok(archive_feed_get(a, again.url, &f), "feed get after replace");
	is_str(f.etag, "\"v2\"", "new ETag");
	ok(!f.last_modified && !f.last_error && !f.moved_to, "cleared fields are NULL");
	ok(f.next_fetch == DATE_NONE && f.failures == 0 && !f.gone, "DATE_NONE and zeros stored");
	archive_feed_finish(&f);

	struct archive_feed other = {.url = (char *)"https://a.example/feed", .last_success = DATE_NONE,
				     .last_attempt = DATE_NONE, .next_fetch = DATE_NONE};
	ok(archive_feed_put(a, &other), "second feed put");
	struct archive_feed *list;
	size_t n;
	ok(archive_feed_list(a, &list, &n), "feed list");
	is_int((long long)n, 2, "two feeds listed");
	if (n == 2) {
		is_str(list[0].url, "https://a.example/feed", "listed in URL order (1)");
		is_str(list[1].url, "https://b.example/feed", "listed in URL order (2)");
		is_str(list[1].etag, "\"v2\"", "listed with their state");
	}
	for (size_t i = 0; i < n; i++)
		archive_feed_finish(&list[i]);
	free(list);

	struct archive_feed nourl = {.url = NULL};
	ok(!archive_feed_put(a, &nourl), "a feed without URL is refused");
	ok(archive_error(a)[0] != '\0', "with a message: %s", archive_error(a));
	archive_close(a);
	free(p);
}

static void test_hosts(void)
{
	char *p = path_of("hosts.db");
	struct archive *a = open_ok(p);
	ok(archive_host_not_before(a, "example.org") == DATE_NONE, "unknown host: DATE_NONE");
	ok(archive_host_set_not_before(a, "example.org", 1290000000), "set not_before");
	is_int(archive_host_not_before(a, "example.org"), 1290000000, "not_before read back");
	is_int(archive_host_not_before(a, "Example.ORG"), 1290000000, "host names are case-insensitive");
	ok(archive_host_not_before(a, "other.org") == DATE_NONE, "other hosts unaffected");
	ok(archive_host_set_not_before(a, "example.org", 1290007200), "set a later not_before");
	is_int(archive_host_not_before(a, "example.org"), 1290007200, "replaced");
	archive_close(a);
	a = open_ok(p);
	is_int(archive_host_not_before(a, "example.org"), 1290007200, "kept across runs");
	ok(archive_host_set_not_before(a, "example.org", DATE_NONE), "clear with DATE_NONE");
	ok(archive_host_not_before(a, "example.org") == DATE_NONE, "cleared");
	archive_close(a);
	free(p);
}

static void test_item_dedup(void)
{
	char *p = path_of("items.db");
	struct archive *a = open_ok(p);
	const char *feed = "https://blog.example/feed";
	setenv("READS_NOW", "1289000000", 1);

	struct archive_item it = item(ARCHIVE_FEED_ITEM, feed, "https://blog.example/p/1", "tag:1", NOV + 10);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "a new item is stored");
	is_str(archive_error(a), "", "no error after a put");
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_KNOWN, "the same item again is known");

	struct archive_item got;
	ok(archive_item_get(a, "https://blog.example/p/1", &got), "item get by canonical URL");
	ok(got.id > 0, "it has a row id");
	is_str(got.source, feed, "source");
	is_str(got.guid, "tag:1", "guid");
	is_str(got.title, "A title", "title");
	ok(got.author == NULL && got.quote == NULL, "absent fields are NULL");
	is_int(got.published, NOV + 10, "published");
	ok(got.added == DATE_NONE, "added: DATE_NONE stays DATE_NONE");
	is_int(got.first_seen, 1289000000, "first_seen set by the archive when 0");
	archive_item_finish(&got);
	ok(!archive_item_get(a, "https://blog.example/nothing", &got), "get of an unknown URL: false");
	is_str(archive_error(a), "", "and no error");

	/* Same canonical URL from another source. */
	struct archive_item dup = item(ARCHIVE_FEED_ITEM, "https://planet.example/rss",
				       "https://blog.example/p/1", "planet-77", NOV + 20);
	is_int(archive_item_put(a, &dup), ARCHIVE_PUT_KNOWN, "same canonical URL from another feed: known");

	/* A raw link of the same article: the archive canonicalizes it too. */
	struct archive_item raw = item(ARCHIVE_FEED_ITEM, "https://agg.example/rss",
				       "HTTPS://Blog.Example:443/p/1/?utm_source=rss#comments", NULL, NOV);
	is_int(archive_item_put(a, &raw), ARCHIVE_PUT_KNOWN, "a raw link of a stored item: known");
	ok(archive_item_get(a, "https://BLOG.example/p/1/?utm_medium=x", &got), "get by a raw link");
	is_str(got.url, "https://blog.example/p/1", "finds the canonical item");
	archive_item_finish(&got);
	raw = item(ARCHIVE_FEED_ITEM, "https://agg.example/rss", "HTTPS://Blog.Example/p/9/", NULL, NOV);
	is_int(archive_item_put(a, &raw), ARCHIVE_PUT_NEW, "a raw new link is stored");
	ok(archive_item_get(a, "https://blog.example/p/9", &got), "under its canonical URL");
	is_str(got.link, "HTTPS://Blog.Example/p/9/", "the link stays as given");
	archive_item_finish(&got);

	/* Same (source, guid), another URL (the feed changed its links). */
	struct archive_item moved = item(ARCHIVE_FEED_ITEM, feed, "https://www.blog.example/p/1", "tag:1", NOV + 10);
	is_int(archive_item_put(a, &moved), ARCHIVE_PUT_KNOWN, "same (source, guid), new URL: known");
	ok(!archive_item_get(a, "https://www.blog.example/p/1", &got), "the new URL was not stored");
	archive_item_finish(&got);

	/* Same guid in another feed is another item. */
	struct archive_item g2 = item(ARCHIVE_FEED_ITEM, "https://other.example/feed",
				      "https://other.example/p/1", "tag:1", NOV + 30);
	is_int(archive_item_put(a, &g2), ARCHIVE_PUT_NEW, "same guid, another source: new");

	/* Without guids, only the URL counts. */
	struct archive_item n1 = item(ARCHIVE_FEED_ITEM, feed, "https://blog.example/p/2", NULL, NOV + 40);
	struct archive_item n2 = item(ARCHIVE_FEED_ITEM, feed, "https://blog.example/p/3", NULL, NOV + 50);
	is_int(archive_item_put(a, &n1), ARCHIVE_PUT_NEW, "no guid (1): new");
	is_int(archive_item_put(a, &n2), ARCHIVE_PUT_NEW, "no guid (2), other URL: new");
	is_int(archive_item_put(a, &n2), ARCHIVE_PUT_KNOWN, "no guid, same URL: known");
	is_int((long long)count_source(a, feed), 3, "three items of the feed stored");

	struct archive_item bad = item(ARCHIVE_FEED_ITEM, feed, NULL, "x", NOV);
	is_int(archive_item_put(a, &bad), ARCHIVE_PUT_ERROR, "an item without URL is refused");
	ok(strstr(archive_error(a), "without URL") != NULL, "with a message: %s", archive_error(a));
	bad = item(ARCHIVE_FEED_ITEM, NULL, "https://x.example/", NULL, NOV);
	is_int(archive_item_put(a, &bad), ARCHIVE_PUT_ERROR, "an item without source is refused");
	bad = item((enum archive_item_kind)7, feed, "https://x.example/", NULL, NOV);
	is_int(archive_item_put(a, &bad), ARCHIVE_PUT_ERROR, "an item of unknown kind is refused");
	unsetenv("READS_NOW");
	archive_close(a);
	free(p);
}

/* Putting the same feed document twice stores nothing twice; items that left
 * the feed stay. */
static void test_idempotence_and_history(void)
{
	char *p = path_of("history.db");
	struct archive *a = open_ok(p);
	const char *feed = "https://news.example/atom";
	char urls[8][64], guids[8][32];
	struct archive_item doc[8];
	for (int i = 0; i < 8; i++) {
		snprintf(urls[i], sizeof urls[i], "https://news.example/%d", i);
		snprintf(guids[i], sizeof guids[i], "urn:news:%d", i);
		doc[i] = item(ARCHIVE_FEED_ITEM, feed, urls[i], guids[i], NOV + 3600 * i);
	}
	/* First fetch: items 0..4. */
	int news = 0;
	ok(archive_begin(a), "batch for the first fetch");
	for (int i = 0; i < 5; i++)
		news += archive_item_put(a, &doc[i]) == ARCHIVE_PUT_NEW;
	ok(archive_commit(a), "commit the first fetch");
	is_int(news, 5, "first fetch: five new");
	/* Same document again. */
	news = 0;
	int known = 0;
	for (int i = 0; i < 5; i++) {
		enum archive_put_result r = archive_item_put(a, &doc[i]);
		news += r == ARCHIVE_PUT_NEW;
		known += r == ARCHIVE_PUT_KNOWN;
	}
	is_int(news, 0, "same feed again: nothing new");
	is_int(known, 5, "same feed again: all known");
	is_int((long long)count_source(a, feed), 5, "still five stored");
	/* The feed moved on: it now holds 3..7 only. */
	news = 0;
	for (int i = 3; i < 8; i++)
		news += archive_item_put(a, &doc[i]) == ARCHIVE_PUT_NEW;
	is_int(news, 3, "three new items after the feed moved on");
	is_int((long long)count_source(a, feed), 8, "eight stored: those that left the feed stay");
	struct archive_item *items;
	size_t n;
	ok(archive_items_between(a, NOV, DEC, &items, &n), "items of November");
	is_int((long long)n, 8, "the month holds all eight, old ones included");
	archive_items_free(items, n);
	archive_close(a);
	/* And across runs. */
	a = open_ok(p);
	is_int((long long)count_source(a, feed), 8, "eight after reopening");
	archive_close(a);
	free(p);
}

static void test_bookmarks_merge(void)
{
	char *p = path_of("bookmarks.db");
	struct archive *a = open_ok(p);
	struct archive_item got;

	/* A bookmark from feeds.yaml without quote, then with one. */
	struct archive_item b = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://e.example/post", NULL, DATE_NONE);
	is_int(archive_item_put(a, &b), ARCHIVE_PUT_NEW, "bookmark stored");
	b.quote = (char *)"Companies aren’t communities.";
	b.note = (char *)"read twice";
	b.added = NOV + 86400 * 13;
	is_int(archive_item_put(a, &b), ARCHIVE_PUT_KNOWN, "bookmark again: known");
	ok(archive_item_get(a, "https://e.example/post", &got), "get");
	is_str(got.quote, "Companies aren’t communities.", "the known bookmark gained the quote");
	is_str(got.note, "read twice", "and the note");
	is_int(got.added, NOV + 86400 * 13, "and the added date");
	archive_item_finish(&got);

	/* What it has is not replaced. */
	b.quote = (char *)"Another quote";
	b.note = (char *)"another note";
	b.added = DEC + 5;
	b.title = (char *)"Another title";
	is_int(archive_item_put(a, &b), ARCHIVE_PUT_KNOWN, "bookmark a third time: known");
	ok(archive_item_get(a, "https://e.example/post", &got), "get");
	is_str(got.quote, "Companies aren’t communities.", "quote not replaced");
	is_str(got.note, "read twice", "note not replaced");
	is_int(got.added, NOV + 86400 * 13, "added not replaced");
	is_str(got.title, "A title", "nothing else changed");
	archive_item_finish(&got);

	/* A feed item she then bookmarks, with a text fragment. */
	struct archive_item f = item(ARCHIVE_FEED_ITEM, "https://f.example/feed", "https://f.example/a", "f-a", OCT + 5);
	is_int(archive_item_put(a, &f), ARCHIVE_PUT_NEW, "feed item stored");
	struct archive_item fb = item(ARCHIVE_BOOKMARK, "bookmarks.html", "https://f.example/a", NULL, DATE_NONE);
	fb.link = (char *)"https://f.example/a#:~:text=Some%20say,stream";
	fb.added = NOV + 100;
	is_int(archive_item_put(a, &fb), ARCHIVE_PUT_KNOWN, "bookmark of a known feed item: known");
	ok(archive_item_get(a, "https://f.example/a", &got), "get");
	is_int(got.kind, ARCHIVE_BOOKMARK, "the feed item became a bookmark");
	is_str(got.link, "https://f.example/a#:~:text=Some%20say,stream", "it took the link with a text fragment");
	is_int(got.added, NOV + 100, "and the added date");
	is_str(got.source, "https://f.example/feed", "its source stays");
	archive_item_finish(&got);

	/* A feed item meeting a known bookmark changes nothing. */
	struct archive_item fi = item(ARCHIVE_FEED_ITEM, "https://planet.example/", "https://e.example/post",
				      "p-1", OCT);
	fi.link = (char *)"https://e.example/post#:~:text=other";
	is_int(archive_item_put(a, &fi), ARCHIVE_PUT_KNOWN, "feed item of a known bookmark: known");
	ok(archive_item_get(a, "https://e.example/post", &got), "get");
	is_int(got.kind, ARCHIVE_BOOKMARK, "still a bookmark");
	is_str(got.link, "https://e.example/post", "link unchanged by a feed item");
	ok(got.published == DATE_NONE, "published unchanged by a feed item");
	archive_item_finish(&got);
	archive_close(a);
	free(p);
}

static void test_month_selection(void)
{
	char *p = path_of("month.db");
	struct archive *a = open_ok(p);
	const char *feed = "https://m.example/feed";
	struct archive_item it;

	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/at-from", NULL, NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "item at the first second of the month");
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/last", NULL, DEC - 1);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "item at the last second of the month");
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/at-to", NULL, DEC);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "item at the first second of the next month");
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/before", NULL, NOV - 1);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "item at the last second of the month before");
	/* Two items at the same time: by id. */
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/same-1", NULL, NOV + 500);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "same date (1)");
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/same-2", NULL, NOV + 500);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "same date (2)");
	/* Undated feed item: first_seen decides. */
	it = item(ARCHIVE_FEED_ITEM, feed, "https://m.example/undated", NULL, DATE_NONE);
	it.first_seen = NOV + 700;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "undated item seen in November");
	/* Bookmarks: added wins over published; stored after the feed items. */
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://m.example/bm-late", NULL, OCT);
	it.added = NOV + 900;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "bookmark published in October, added in November");
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://m.example/bm-early", NULL, DEC + 50);
	it.added = NOV + 800;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "bookmark published in December, added in November");
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://m.example/bm-dec", NULL, NOV + 5);
	it.added = DEC + 5;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "bookmark published in November, added in December");
	/* Undated bookmark, first seen in December, whose page says November. */
	it = item(ARCHIVE_BOOKMARK, "cli", "https://m.example/bm-page", NULL, DATE_NONE);
	it.first_seen = DEC + 100;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "undated bookmark first seen in December");

	struct archive_item *items;
	size_t n;
	ok(archive_items_between(a, NOV, DEC, &items, &n), "items of November");
	const char *want[] = {
		"https://m.example/bm-early", "https://m.example/bm-late", "https://m.example/at-from",
		"https://m.example/same-1",   "https://m.example/same-2",  "https://m.example/undated",
		"https://m.example/last",
	};
	size_t nwant = sizeof want / sizeof want[0];
	is_int((long long)n, (long long)nwant, "seven items: from inclusive, to exclusive");
	for (size_t i = 0; i < n && i < nwant; i++)
		is_str(items[i].url, want[i], "order: bookmarks first, then by date, then by id");
	if (n >= 2)
		ok(items[0].kind == ARCHIVE_BOOKMARK && items[2].kind == ARCHIVE_FEED_ITEM, "kinds read back");
	int64_t page_item = 0;
	archive_items_free(items, n);

	struct archive_item got;
	ok(archive_item_get(a, "https://m.example/bm-page", &got), "get the undated bookmark");
	page_item = got.id;
	archive_item_finish(&got);
	ok(archive_dating_set(a, page_item, ARCHIVE_DATED, NOV + 1000, NULL, DATE_NONE), "record its page's date");
	ok(archive_items_between(a, NOV, DEC, &items, &n), "items of November again");
	is_int((long long)n, 8, "the page date moved it into November");
	if (n == 8)
		is_str(items[2].url, "https://m.example/bm-page", "after the bookmarks added earlier");
	archive_items_free(items, n);
	ok(!archive_dating_set(a, 999999, ARCHIVE_DATED, NOV, NULL, DATE_NONE), "dating an unknown id fails");
	ok(strstr(archive_error(a), "999999") != NULL, "naming the id: %s", archive_error(a));

	ok(archive_items_between(a, DEC, DEC + 31 * 86400, &items, &n), "items of December");
	is_int((long long)n, 2, "December: the bookmark added then, and the item at its first second");
	archive_items_free(items, n);
	ok(archive_items_between(a, 0, 1, &items, &n), "an empty range");
	ok(n == 0 && items == NULL, "gives nothing");

	size_t c = 0;
	ok(archive_feed_item_count(a, feed, NOV, DEC, &c), "count the feed's November items");
	is_int((long long)c, 5, "five of the feed's items in November");
	ok(archive_feed_item_count(a, feed, DATE_NONE, DATE_NONE, &c), "count all the feed's items");
	is_int((long long)c, 7, "seven stored for the feed");
	ok(archive_feed_item_count(a, feed, DEC, DATE_NONE, &c), "count from December on");
	is_int((long long)c, 1, "one from December on");
	ok(archive_feed_item_count(a, "https://none.example/", DATE_NONE, DATE_NONE, &c), "unknown feed");
	is_int((long long)c, 0, "counts zero");
	archive_close(a);
	free(p);
}

static void test_pages(void)
{
	char *p = path_of("pages.db");
	struct archive *a = open_ok(p);
	unsigned char body[4096];
	for (size_t i = 0; i < sizeof body; i++)
		body[i] = (unsigned char)(i * 7 + (i >> 8));
	body[0] = 0;
	body[100] = 0;
	body[4095] = 0;
	struct archive_page in = {
		.url = (char *)"https://p.example/article",
		.body = (char *)body,
		.len = sizeof body,
		.content_type = (char *)"text/html; charset=iso-8859-1",
		.fetched = 1290000000,
	};
	struct archive_page out;
	ok(!archive_page_get(a, in.url, &out), "a page not cached: false");
	ok(out.body == NULL && out.len == 0, "out zeroed");
	is_str(archive_error(a), "", "a miss is not an error");
	ok(archive_page_put(a, &in), "page put");
	ok(archive_page_get(a, in.url, &out), "page get");
	is_int((long long)out.len, sizeof body, "length with embedded NUL bytes");
	ok(out.body && memcmp(out.body, body, sizeof body) == 0, "binary body byte for byte");
	ok(out.body && out.body[out.len] == '\0', "body NUL-terminated after len");
	is_str(out.url, in.url, "url");
	is_str(out.content_type, in.content_type, "content type");
	is_int(out.fetched, 1290000000, "fetched");
	ok(out.final_url == NULL, "no final URL given: none");
	archive_page_finish(&out);
	struct archive_page moved = in;
	moved.url = (char *)"https://p.example/short";
	moved.final_url = (char *)"https://p.example/2010/11/the-article";
	ok(archive_page_put(a, &moved), "a page reached through redirects");
	ok(archive_page_get(a, moved.url, &out), "read back");
	is_str(out.final_url, moved.final_url, "with where the redirects led");
	archive_page_finish(&out);

	struct archive_page again = {.url = in.url, .body = (char *)"<p>v2</p>", .len = 9, .fetched = 0};
	setenv("READS_NOW", "1290000500", 1);
	ok(archive_page_put(a, &again), "page replaced (--refresh)");
	unsetenv("READS_NOW");
	ok(archive_page_get(a, in.url, &out), "page get");
	is_str(out.body, "<p>v2</p>", "new body");
	ok(out.content_type == NULL, "no content type");
	is_int(out.fetched, 1290000500, "fetched = 0 means now");
	archive_page_finish(&out);

	struct archive_page empty = {.url = (char *)"https://p.example/empty", .body = NULL, .len = 0};
	ok(archive_page_put(a, &empty), "an empty page is cached");
	ok(archive_page_get(a, empty.url, &out), "and read back");
	ok(out.len == 0 && out.body && out.body[0] == '\0', "as an empty string");
	archive_page_finish(&out);

	struct archive_page huge = {.url = (char *)"https://p.example/huge", .body = (char *)body,
				    .len = (size_t)9 << 20};
	ok(!archive_page_put(a, &huge), "a page over LIMIT_PAGE_BYTES is refused");
	ok(strstr(archive_error(a), "https://p.example/huge") != NULL, "naming the page: %s", archive_error(a));
	archive_close(a);
	free(p);
}

static void test_extracts(void)
{
	char *p = path_of("extracts.db");
	struct archive *a = open_ok(p);
	struct archive_extract e = {
		.title = (char *)"Why email won’t die",
		.title_source = (char *)"og:title",
		.author = (char *)"Jane Doe",
		.author_source = (char *)"json-ld",
		.site = NULL,
		.site_source = NULL,
		.date = 1290000000,
		.date_source = (char *)"article:published_time",
	};
	struct archive_extract out;
	ok(!archive_extract_get(a, "https://x.example/a", &out), "no extract yet");
	ok(out.date == DATE_NONE && out.title == NULL, "out emptied");
	ok(archive_extract_put(a, "https://x.example/a", &e), "extract put");
	ok(archive_extract_get(a, "https://x.example/a", &out), "extract get");
	is_str(out.title, e.title, "title");
	is_str(out.title_source, "og:title", "title source");
	is_str(out.author, "Jane Doe", "author");
	is_str(out.author_source, "json-ld", "author source");
	ok(out.site == NULL && out.site_source == NULL, "absent site stays NULL");
	is_int(out.date, 1290000000, "date");
	is_str(out.date_source, "article:published_time", "date source");
	archive_extract_finish(&out);
	e.date = DATE_NONE;
	e.site = (char *)"Example";
	ok(archive_extract_put(a, "https://x.example/a", &e), "extract replaced");
	ok(archive_extract_get(a, "https://x.example/a", &out), "extract get");
	ok(out.date == DATE_NONE, "DATE_NONE round trip");
	is_str(out.site, "Example", "site");
	archive_extract_finish(&out);
	archive_close(a);
	free(p);
}

static void test_drafts(void)
{
	char *p = path_of("drafts.db");
	struct archive *a = open_ok(p);
	ok(!archive_drafted_has(a, "2010-11", "https://d.example/1"), "nothing drafted yet");
	ok(archive_drafted_add(a, "2010-11", "https://d.example/2"), "drafted add (1)");
	ok(archive_drafted_add(a, "2010-11", "https://d.example/1"), "drafted add (2)");
	ok(archive_drafted_add(a, "2010-11", "https://d.example/2"), "drafted add twice is fine");
	ok(archive_drafted_add(a, "2010-12", "https://d.example/3"), "drafted in another month");
	ok(archive_drafted_has(a, "2010-11", "https://d.example/1"), "drafted in November");
	ok(!archive_drafted_has(a, "2010-12", "https://d.example/1"), "not in December");
	char **urls;
	size_t n;
	ok(archive_drafted_list(a, "2010-11", &urls, &n), "drafted list");
	is_int((long long)n, 2, "two URLs, once each");
	if (n == 2) {
		is_str(urls[0], "https://d.example/2", "in the order added (1)");
		is_str(urls[1], "https://d.example/1", "in the order added (2)");
	}
	for (size_t i = 0; i < n; i++)
		free(urls[i]);
	free(urls);
	ok(archive_drafted_list(a, "2009-01", &urls, &n) && n == 0, "an empty month lists nothing");
	free(urls);

	ok(!archive_is_dismissed(a, "2010-11", "https://d.example/1"), "not dismissed yet");
	ok(archive_dismiss(a, "2010-11", "https://d.example/1"), "dismiss");
	ok(archive_dismiss(a, "2010-11", "https://d.example/1"), "dismiss twice is fine");
	ok(archive_is_dismissed(a, "2010-11", "https://d.example/1"), "dismissed in November");
	ok(!archive_is_dismissed(a, "2010-12", "https://d.example/1"), "not in December");
	ok(!archive_is_dismissed(a, "2010-11", "https://d.example/2"), "other entries not dismissed");
	ok(archive_drafted_has(a, "2010-11", "https://d.example/1"), "a dismissed entry stays drafted");

	ok(archive_dismiss(a, "2010-11", "HTTPS://D.example/4/?utm_source=x#:~:text=a,b"),
	   "dismiss by the link as it stood in the draft");
	ok(archive_is_dismissed(a, "2010-11", "https://d.example/4"), "dismissed under its canonical URL");
	is_str(archive_error(a), "", "a real answer, not an error");
	ok(archive_drafted_add(a, "2010-11", "https://d.example/5#:~:text=x"), "drafted by link");
	ok(archive_drafted_has(a, "2010-11", "https://d.example/5"), "drafted under its canonical URL");
	ok(archive_drafted_list(a, "2010-11", &urls, &n) && n == 3 && strcmp(urls[2], "https://d.example/5") == 0,
	   "listed under its canonical URL");
	for (size_t i = 0; i < n; i++)
		free(urls[i]);
	free(urls);

	ok(!archive_drafted_add(a, "2010-13", "https://d.example/1"), "month 13 refused");
	ok(strstr(archive_error(a), "2010-13") != NULL, "naming it: %s", archive_error(a));
	ok(!archive_dismiss(a, "2010-1", "https://d.example/1"), "\"2010-1\" refused");
	ok(!archive_drafted_list(a, "nov", &urls, &n), "list of a bad month refused");
	archive_close(a);
	a = open_ok(p);
	ok(archive_is_dismissed(a, "2010-11", "https://d.example/1"), "dismissals kept across runs");
	ok(archive_drafted_has(a, "2010-12", "https://d.example/3"), "drafted kept across runs");
	archive_close(a);
	free(p);
}

static void test_batches(void)
{
	char *p = path_of("batch.db");
	struct archive *a = open_ok(p);
	const char *feed = "https://t.example/feed";
	struct archive_item i1 = item(ARCHIVE_FEED_ITEM, feed, "https://t.example/1", NULL, NOV);
	struct archive_item i2 = item(ARCHIVE_FEED_ITEM, feed, "https://t.example/2", NULL, NOV);
	struct archive_item i3 = item(ARCHIVE_FEED_ITEM, feed, "https://t.example/3", NULL, NOV);

	ok(archive_begin(a), "begin");
	ok(!archive_begin(a), "nested begin refused");
	ok(strstr(archive_error(a), "nested") != NULL, "with a message: %s", archive_error(a));
	is_int(archive_item_put(a, &i1), ARCHIVE_PUT_NEW, "put in a batch");
	struct archive_feed f = {.url = (char *)feed, .etag = (char *)"\"e\"", .last_success = NOV,
				 .last_attempt = NOV, .next_fetch = DATE_NONE};
	ok(archive_feed_put(a, &f), "feed state in the same batch");
	archive_rollback(a);
	is_int((long long)count_source(a, feed), 0, "rollback: the item is gone");
	struct archive_feed g;
	ok(archive_feed_get(a, feed, &g) && g.etag == NULL, "rollback: the feed state is gone");
	archive_feed_finish(&g);

	ok(!archive_commit(a), "commit without begin refused");
	ok(archive_begin(a), "begin again");
	is_int(archive_item_put(a, &i1), ARCHIVE_PUT_NEW, "put 1");
	is_int(archive_item_put(a, &i2), ARCHIVE_PUT_NEW, "put 2");
	is_int(archive_item_put(a, &i1), ARCHIVE_PUT_KNOWN, "put 1 again in the batch: known");
	ok(archive_commit(a), "commit");
	is_int((long long)count_source(a, feed), 2, "both committed");

	ok(archive_begin(a), "begin, then close without commit");
	is_int(archive_item_put(a, &i3), ARCHIVE_PUT_NEW, "put 3");
	archive_close(a);
	a = open_ok(p);
	is_int((long long)count_source(a, feed), 2, "closing with a batch open rolls it back");
	archive_close(a);
	free(p);
}

/* Another process holding the write lock makes a writer wait, not fail;
 * readers do not wait. */
static void test_two_processes(void)
{
	char *p = path_of("two.db");
	struct archive *a = open_ok(p);
	archive_close(a);	/* no connection may cross the fork */
	int fds[2];
	if (pipe(fds) != 0)
		abort();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		char *err = NULL;
		int code = 0;
		struct archive *c = archive_open(p, &err);
		struct archive_item it = item(ARCHIVE_FEED_ITEM, "child", "https://c.example/1", NULL, NOV);
		if (!c || !archive_begin(c) || archive_item_put(c, &it) != ARCHIVE_PUT_NEW)
			code = 2;
		else if (write(fds[1], "x", 1) != 1)
			code = 3;
		else if (usleep(400 * 1000), !archive_commit(c))
			code = 4;
		archive_close(c);
		free(err);
		free(p);
		_exit(code);
	}
	close(fds[1]);
	char x;
	ok(read(fds[0], &x, 1) == 1, "the other process holds a write transaction");
	close(fds[0]);
	/* Opening and reading do not wait for it (had they waited, the item
	 * would be committed and seen). */
	a = open_ok(p);
	struct archive_item *items;
	size_t n;
	ok(archive_items_between(a, NOV, DEC, &items, &n), "read during the other's transaction");
	is_int((long long)n, 0, "the uncommitted item is not seen");
	archive_items_free(items, n);
	struct archive_item it = item(ARCHIVE_FEED_ITEM, "parent", "https://c.example/2", NULL, NOV);
	enum archive_put_result r = archive_item_put(a, &it);
	is_int(r, ARCHIVE_PUT_NEW, "the writer waited for the lock instead of failing");
	if (r == ARCHIVE_PUT_ERROR)
		printf("#   %s\n", archive_error(a));
	int status = -1;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the other process committed");
	ok(archive_items_between(a, NOV, DEC, &items, &n), "read after both");
	is_int((long long)n, 2, "both items stored");
	archive_items_free(items, n);
	archive_close(a);
	free(p);
}

/* Several runs opening a new archive at the same instant all succeed: the
 * switch to WAL and the first migration are raced for. */
static void test_simultaneous_creation(void)
{
	enum { ROUNDS = 20, PROCS = 4 };
	int failed = 0;
	for (int r = 0; r < ROUNDS; r++) {
		char name[32];
		snprintf(name, sizeof name, "race-%d.db", r);
		char *p = path_of(name);
		int gate[2];
		if (pipe(gate) != 0)
			abort();
		fflush(stdout);
		pid_t pids[PROCS];
		for (int k = 0; k < PROCS; k++) {
			pids[k] = fork();
			if (pids[k] == 0) {
				char x;
				close(gate[1]);
				if (read(gate[0], &x, 1) != 0)
					_exit(5);
				char *err = NULL, url[64];
				int code = 0;
				struct archive *c = archive_open(p, &err);
				snprintf(url, sizeof url, "https://race.example/%d", k);
				struct archive_item it = item(ARCHIVE_FEED_ITEM, "race", url, NULL, NOV);
				if (!c) {
					fprintf(stderr, "%s\n", err);
					code = 2;
				} else if (archive_item_put(c, &it) != ARCHIVE_PUT_NEW) {
					fprintf(stderr, "%s\n", archive_error(c));
					code = 3;
				}
				archive_close(c);
				free(err);
				free(p);
				_exit(code);
			}
		}
		close(gate[0]);
		close(gate[1]);	/* all children start now */
		for (int k = 0; k < PROCS; k++) {
			int status = -1;
			waitpid(pids[k], &status, 0);
			failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		}
		free(p);
	}
	is_int(failed, 0, "80 runs opening 20 new archives 4 at a time all succeed");
}

/* A disk that fills during a batch: the commit fails with a message,
 * nothing of the batch is stored, and the archive is whole afterwards. */
static void test_disk_full(void)
{
	char *p = path_of("full.db");
	struct archive *a = open_ok(p);
	struct archive_item first = item(ARCHIVE_FEED_ITEM, "f", "https://full.example/first", NULL, NOV);
	is_int(archive_item_put(a, &first), ARCHIVE_PUT_NEW, "an item before the disk fills");
	archive_close(a);
	int out[2];
	if (pipe(out) != 0)
		abort();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(out[0]);
		signal(SIGXFSZ, SIG_IGN);
		/* No file of this process may grow past 256 KiB from now on. */
		struct rlimit rl = {.rlim_cur = 256 << 10, .rlim_max = RLIM_INFINITY};
		char *err = NULL;
		struct archive *c = archive_open(p, &err);
		free(err);
		free(p);
		if (!c || setrlimit(RLIMIT_FSIZE, &rl) != 0 || !archive_begin(c))
			_exit(2);
		static char summary[16 << 10];
		memset(summary, 'x', sizeof summary - 1);
		bool put_failed = false;
		for (int i = 0; i < 60 && !put_failed; i++) {
			char url[64];
			snprintf(url, sizeof url, "https://full.example/%d", i);
			struct archive_item it = item(ARCHIVE_FEED_ITEM, "f", url, NULL, NOV);
			it.summary = summary;
			put_failed = archive_item_put(c, &it) == ARCHIVE_PUT_ERROR;
		}
		bool failed = put_failed || !archive_commit(c);
		dprintf(out[1], "%s", archive_error(c));
		archive_rollback(c);
		archive_close(c);
		_exit(failed ? 0 : 3);
	}
	close(out[1]);
	char msg[256] = "";
	ssize_t got = read(out[0], msg, sizeof msg - 1);
	msg[got > 0 ? got : 0] = '\0';
	close(out[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a batch larger than the disk fails");
	/* "database or disk is full" for ENOSPC; EFBIG gives "disk I/O error". */
	ok(strstr(msg, "disk") != NULL, "saying why: %s", msg);
	char *check = sql_text(p, "PRAGMA integrity_check");
	is_str(check, "ok", "the archive passes integrity_check after it");
	free(check);
	a = open_ok(p);
	struct archive_item *items;
	size_t n;
	ok(archive_items_between(a, NOV, DEC, &items, &n), "read after the full disk");
	is_int((long long)n, 1, "nothing of the failed batch is stored");
	archive_items_free(items, n);
	struct archive_item next = item(ARCHIVE_FEED_ITEM, "f", "https://full.example/next", NULL, NOV);
	is_int(archive_item_put(a, &next), ARCHIVE_PUT_NEW, "and the next run writes again");
	archive_close(a);
	free(p);
}

static void open_fails(const char *path, const char *want, const char *what)
{
	char *err = NULL;
	struct archive *a = archive_open(path, &err);
	ok(a == NULL, "%s: open fails", what);
	ok(err && strstr(err, path) != NULL, "%s: the message names the file", what);
	ok(err && strstr(err, want) != NULL, "%s: the message says \"%s\"", what, want);
	printf("#   %s\n", err ? err : "(no message)");
	archive_close(a);
	free(err);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		abort();
}

static int64_t id_of(struct archive *a, const char *url)
{
	struct archive_item got;
	int64_t id = archive_item_get(a, url, &got) ? got.id : -1;
	archive_item_finish(&got);
	return id;
}

static void test_dating(void)
{
	char *p = path_of("dating.db");
	struct archive *a = open_ok(p);
	struct archive_item it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://d.example/bare", NULL, DATE_NONE);
	it.first_seen = DEC + 10;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "an undated bookmark");
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://d.example/added", NULL, DATE_NONE);
	it.added = NOV + 10;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "a bookmark with its own date");
	it = item(ARCHIVE_FEED_ITEM, "https://f.example/feed", "https://d.example/feed-undated", "g1", DATE_NONE);
	it.first_seen = DEC + 20;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "an undated feed item");
	it = item(ARCHIVE_BOOKMARK, "bookmarks.html", "https://d.example/later", NULL, DATE_NONE);
	it.first_seen = DEC + 30;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "a second undated bookmark");

	struct archive_undated *u;
	size_t n;
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n), "list the undated");
	is_int((long long)n, 2, "only the bookmarks without a date of their own (feed items keep first seen)");
	if (n == 2) {
		is_str(u[0].url, "https://d.example/bare", "oldest first");
		ok(u[0].state == ARCHIVE_UNDATED && u[0].failures == 0 && u[0].next_try == DATE_NONE &&
		   u[0].first_seen == DEC + 10 && strcmp(u[1].source, "bookmarks.html") == 0, "their state");
	}
	archive_undated_free(u, n);
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 1, &u, &n) && n == 1, "a limit of 1 gives one");
	archive_undated_free(u, n);
	ok(archive_undated_list(a, DATE_NONE, DEC + 25, 0, &u, &n) && n == 1 &&
	   strcmp(u[0].url, "https://d.example/later") == 0, "first seen from a time on");
	archive_undated_free(u, n);

	/* A feed item she bookmarks later waits for its page too. */
	it = item(ARCHIVE_BOOKMARK, "cli", "https://d.example/feed-undated", NULL, DATE_NONE);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_KNOWN, "the undated feed item is bookmarked");
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n) && n == 3, "and now waits for its date");
	archive_undated_free(u, n);

	int64_t bare = id_of(a, "https://d.example/bare"), later = id_of(a, "https://d.example/later");
	int64_t fed = id_of(a, "https://d.example/feed-undated");
	ok(archive_dating_set(a, bare, ARCHIVE_DATED, NOV + 500, NULL, DATE_NONE), "its page says November");
	struct archive_item *items;
	ok(archive_items_between(a, NOV, DEC, &items, &n), "November's items");
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(items[i].url, "https://d.example/bare") == 0;
	ok(found, "the dated bookmark is November's, though first seen in December");
	archive_items_free(items, n);
	ok(archive_dating_set(a, fed, ARCHIVE_NO_PAGE_DATE, DATE_NONE, NULL, DATE_NONE), "a page without a date");
	ok(archive_dating_set(a, later, ARCHIVE_PAGE_FAILING, DATE_NONE, "HTTP 503", DEC + 3600),
	   "a page that fails");
	ok(archive_dating_set(a, later, ARCHIVE_PAGE_FAILING, DATE_NONE, "HTTP 500", DEC + 7200),
	   "and fails again");
	ok(archive_undated_list(a, DEC + 3600, DATE_NONE, 0, &u, &n) && n == 0, "not due before its next try");
	archive_undated_free(u, n);
	ok(archive_undated_list(a, DEC + 7200, DATE_NONE, 0, &u, &n) && n == 1, "due at its next try");
	if (n == 1)
		ok(u[0].state == ARCHIVE_PAGE_FAILING && u[0].failures == 2 && u[0].next_try == DEC + 7200 &&
		   strcmp(u[0].error, "HTTP 500") == 0, "two failures, the last error and the next try");
	archive_undated_free(u, n);
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n) && n == 1, "whatever the back-off");
	archive_undated_free(u, n);
	struct archive_undated_counts c;
	ok(archive_undated_count(a, &c), "count");
	ok(c.waiting == 0 && c.failing == 1 && c.no_date == 1 && c.next_try == DEC + 7200,
	   "0 waiting, 1 failing (next try), 1 without a page date: %zu %zu %zu", c.waiting, c.failing, c.no_date);
	ok(!archive_dating_set(a, bare, ARCHIVE_DATED, DATE_NONE, NULL, DATE_NONE), "dated needs a date");
	ok(!archive_dating_set(a, 999999, ARCHIVE_NO_PAGE_DATE, DATE_NONE, NULL, DATE_NONE), "unknown id");

	/* Those never tried come before those that failed, whatever their age. */
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://d.example/newest", NULL, DATE_NONE);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "a new undated bookmark");
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 1, &u, &n) && n == 1 &&
	   strcmp(u[0].url, "https://d.example/newest") == 0, "a limit of 1 takes the never-tried one first");
	archive_undated_free(u, n);
	int64_t newest = id_of(a, "https://d.example/newest");
	ok(archive_dating_set(a, newest, ARCHIVE_PAGE_GIVEN_UP, DATE_NONE, "HTTP 404", DEC), "given up on");
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n) && n == 1 &&
	   strcmp(u[0].url, "https://d.example/later") == 0, "a page given up on is not tried again");
	archive_undated_free(u, n);
	ok(archive_undated_count(a, &c) && c.given_up == 1 && c.failing == 1, "and is counted apart");

	/* She gives it a date of her own: it no longer waits. */
	it = item(ARCHIVE_BOOKMARK, "feeds.yaml", "https://d.example/later", NULL, DATE_NONE);
	it.added = NOV + 20;
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_KNOWN, "the failing one gains `added`");
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n) && n == 0, "nothing waits any more");
	archive_undated_free(u, n);
	ok(archive_undated_count(a, &c) && c.failing == 0, "and it is not counted as failing");
	archive_close(a);
	free(p);
}

static void test_sources_relative(void)
{
	char *p = path_of("sources.db");
	struct archive *a = open_ok(p);
	struct archive_item it = item(ARCHIVE_BOOKMARK, "/home/l/blog/bookmarks.html", "https://s.example/1", NULL,
				      NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "a bookmark stored under an absolute file path");
	it = item(ARCHIVE_BOOKMARK, "/home/l/blog/sub/more.html", "https://s.example/2", NULL, NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "and one in a sub-folder");
	it = item(ARCHIVE_BOOKMARK, "/home/l/other/x.html", "https://s.example/3", NULL, NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "and one outside the folder");
	it = item(ARCHIVE_FEED_ITEM, "https://f.example/home/l/blog/", "https://s.example/4", "g", NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "and a feed item");
	ok(archive_sources_relative(a, "/home/l/blog/"), "made relative to /home/l/blog/");
	struct archive_item got;
	const char *want[][2] = {{"https://s.example/1", "bookmarks.html"}, {"https://s.example/2", "sub/more.html"},
				 {"https://s.example/3", "/home/l/other/x.html"},
				 {"https://s.example/4", "https://f.example/home/l/blog/"}};
	for (size_t i = 0; i < 4; i++) {
		ok(archive_item_get(a, want[i][0], &got), "get %s", want[i][0]);
		is_str(got.source, want[i][1], "its source");
		archive_item_finish(&got);
	}
	ok(archive_sources_relative(a, "/home/l/blog/"), "a second time: nothing to do");
	ok(archive_item_get(a, want[0][0], &got) && strcmp(got.source, "bookmarks.html") == 0, "unchanged");
	archive_item_finish(&got);
	archive_close(a);
	free(p);
}

/* An archive written by schema 1 (reads before dating bookmarks) is
 * migrated on open: its undated bookmarks wait for their page's date, and
 * item dates that cannot be true count as none (step 4). */
static void test_migration_from_1(void)
{
	char *p = path_of("v1.db");
	ok(sql_exec(p,
		    "CREATE TABLE feeds (url TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT, moved_to TEXT,"
		    " title TEXT, last_success INTEGER, last_attempt INTEGER, last_error TEXT,"
		    " failures INTEGER NOT NULL DEFAULT 0, next_fetch INTEGER, gone INTEGER NOT NULL DEFAULT 0);"
		    "CREATE TABLE hosts (host TEXT PRIMARY KEY NOT NULL COLLATE NOCASE, not_before INTEGER NOT NULL);"
		    "CREATE TABLE items (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
		    " source TEXT NOT NULL, url TEXT NOT NULL UNIQUE, link TEXT, guid TEXT, title TEXT, author TEXT,"
		    " summary TEXT, quote TEXT, note TEXT, published INTEGER, added INTEGER,"
		    " first_seen INTEGER NOT NULL, UNIQUE (source, guid));"
		    "CREATE INDEX items_month ON items (COALESCE(added, published, first_seen));"
		    "CREATE TABLE pages (url TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL, content_type TEXT,"
		    " fetched INTEGER);"
		    "CREATE TABLE extracts (url TEXT PRIMARY KEY NOT NULL, title TEXT, title_source TEXT, author TEXT,"
		    " author_source TEXT, site TEXT, site_source TEXT, date INTEGER, date_source TEXT);"
		    "CREATE TABLE drafted (month TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (month, url));"
		    "CREATE TABLE dismissed (month TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (month, url));"
		    "INSERT INTO items (kind, source, url, first_seen) VALUES (1, 'feeds.yaml', 'https://v.example/a',"
		    " 1289500000);"
		    "INSERT INTO items (kind, source, url, added, first_seen) VALUES (1, 'cli', 'https://v.example/b',"
		    " 1289000000, 1289500000);"
		    "INSERT INTO items (kind, source, url, first_seen) VALUES (0, 'https://f/', 'https://v.example/c',"
		    " 1289500000);"
		    /* dates step 4 drops: a CMS's zero date, a wrong year; her own added: stands */
		    "INSERT INTO items (kind, source, url, published, first_seen) VALUES (0, 'https://f/',"
		    " 'https://v.example/epoch', 0, 1289500000);"
		    "INSERT INTO items (kind, source, url, added, published, first_seen) VALUES (1, 'marks.html',"
		    " 'https://v.example/future', 1926064800, 1926064800, 1289500000);"
		    "INSERT INTO items (kind, source, url, added, first_seen) VALUES (1, 'feeds.yaml',"
		    " 'https://v.example/hers', 600000000, 1289500000);"
		    "INSERT INTO pages (url, body) VALUES ('https://v.example/a', 'x');"
		    "PRAGMA user_version = 1; PRAGMA application_id = 1917141348;"),
	   "a schema-1 archive");
	struct archive *a = open_ok(p);
	is_int(sql_int(p, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION, "migrated to the current version");
	is_int(sql_int(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'published'"), 1,
	       "through every step: the published table exists");
	struct archive_undated *u;
	size_t n;
	ok(archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n) && n == 2 &&
	   strcmp(u[0].url, "https://v.example/a") == 0 && strcmp(u[1].url, "https://v.example/future") == 0,
	   "its undated bookmarks wait for their page's date (one dated in 2031 seen in 2010 among them)");
	archive_undated_free(u, n);
	is_int(sql_int(p, "SELECT count(*) FROM items WHERE url = 'https://v.example/epoch' AND published IS NULL"), 1,
	       "a feed item dated 1970 counts as undated (the month it was first seen)");
	is_int(sql_int(p, "SELECT added FROM items WHERE url = 'https://v.example/hers'"), 600000000,
	       "her own added: date in feeds.yaml stands, however old");
	is_int(sql_int(p, "SELECT added FROM items WHERE url = 'https://v.example/b'"), 1289000000,
	       "a plausible date is kept");
	struct archive_page pg;
	ok(archive_page_get(a, "https://v.example/a", &pg) && pg.final_url == NULL, "its cached page is kept");
	archive_page_finish(&pg);
	archive_close(a);
	free(p);
}

static void test_migration_and_bad_files(void)
{
	/* Reopen: the data stays and nothing is migrated twice. */
	char *p = path_of("reopen.db");
	struct archive *a = open_ok(p);
	struct archive_item it = item(ARCHIVE_FEED_ITEM, "s", "https://r.example/1", "g", NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "item stored");
	archive_close(a);
	a = open_ok(p);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_KNOWN, "reopened: the item is known");
	archive_close(a);
	is_int(sql_int(p, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION, "version unchanged on reopen");

	/* An empty SQLite file (version 0) is migrated. */
	char *empty = path_of("empty-sqlite.db");
	ok(sql_exec(empty, "PRAGMA user_version = 0"), "an empty SQLite file");
	a = open_ok(empty);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "migrated empty file takes items");
	archive_close(a);
	is_int(sql_int(empty, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION, "migrated to the current version");

	/* A version from the future is refused, untouched. */
	char *future = path_of("future.db");
	a = open_ok(future);
	archive_close(a);
	ok(sql_exec(future, "PRAGMA user_version = 99; CREATE TABLE v2_thing (x)"), "made version 99");
	open_fails(future, "newer than this reads knows", "a newer schema");
	is_int(sql_int(future, "PRAGMA user_version"), 99, "the newer archive is left alone");

	/* Another program's database is refused and not modified. */
	char *foreign = path_of("foreign.db");
	ok(sql_exec(foreign, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"),
	   "another program's database");
	open_fails(foreign, "another program", "a foreign SQLite database");
	is_int(sql_int(foreign, "SELECT count(*) FROM sqlite_schema WHERE name = 'items'"), 0,
	       "no table added to it");
	char *mode = sql_text(foreign, "PRAGMA journal_mode");
	is_str(mode, "delete", "its journal mode unchanged");
	free(mode);

	/* Not SQLite at all. */
	char *text = path_of("feeds.yaml");
	const char yaml[] = "title: \"Enterprise 2.0 reads\"\nfeeds:\n  - https://example.org/feed\n"
			    "# padding padding padding padding padding padding padding padding\n";
	write_file(text, yaml, sizeof yaml - 1);
	open_fails(text, "not an SQLite database", "a YAML file");
	char *bin = path_of("random.bin");
	unsigned char junk[8192];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 131 + 17);
	write_file(bin, junk, sizeof junk);
	open_fails(bin, "not an SQLite database", "a binary file");

	/* An archive whose schema page is damaged. */
	char *bad = path_of("damaged.db");
	a = open_ok(bad);
	archive_close(a);
	int fd = open(bad, O_WRONLY);
	memset(junk, 0x55, sizeof junk);
	ok(fd >= 0 && pwrite(fd, junk, 2000, 100) == 2000 && close(fd) == 0, "damaged its first page");
	open_fails(bad, "damaged", "a damaged archive");

	/* A folder that does not exist. */
	char *nowhere = path_of("no/such/folder/archive.db");
	open_fails(nowhere, "cannot open", "a missing folder");

	char *err = NULL;
	ok(archive_open("", &err) == NULL && err != NULL, "an empty path is refused");
	free(err);

	free(p);
	free(empty);
	free(future);
	free(foreign);
	free(text);
	free(bin);
	free(bad);
	free(nowhere);
}

static void test_publications(void)
{
	char *p = path_of("published.db");
	struct archive *a = open_ok(p);
	struct archive_publication got;
	ok(!archive_publication_get(a, "2010-11", &got) && !*archive_error(a) && !got.site && got.post_id == 0,
	   "no publication yet: a miss, not an error");

	/* A create about to be sent: no post id yet. */
	struct archive_publication pending = {.month = "2010-11", .site = "https://blog.example.org",
					      .slug = "enterprise-2-0-reads-november-2010", .pending = true};
	ok(archive_publication_put(a, &pending), "a pending create is stored");
	ok(archive_publication_get(a, "2010-11", &got), "and read back");
	ok(got.post_id == 0 && got.pending && got.updated > 0 && !got.edit_link && !got.modified_gmt,
	   "pending: no post id, no link, no modified_gmt, a write time");
	is_str(got.slug, "enterprise-2-0-reads-november-2010", "the slug it sent");
	is_str(got.month, "2010-11", "its month");
	archive_publication_finish(&got);
	is_int(sql_int(p, "SELECT count(*) FROM published WHERE post_id IS NULL"), 1, "a pending post id is NULL");

	/* The answer came: the post is recorded. */
	struct archive_publication done_pub = {.month = "2010-11", .site = "https://blog.example.org", .post_id = 42,
					       .slug = "enterprise-2-0-reads-november-2010",
					       .edit_link = "https://blog.example.org/wp-admin/post.php?post=42&action=edit",
					       .modified_gmt = "2010-12-01T00:00:00", .updated = NOV};
	ok(archive_publication_put(a, &done_pub), "the created post replaces the pending row");
	ok(archive_publication_get(a, "2010-11", &got), "read back");
	ok(got.post_id == 42 && !got.pending && got.updated == NOV, "post id, not pending, the given time");
	is_str(got.site, "https://blog.example.org", "site");
	is_str(got.edit_link, "https://blog.example.org/wp-admin/post.php?post=42&action=edit", "edit link");
	is_str(got.modified_gmt, "2010-12-01T00:00:00", "modified_gmt verbatim");
	archive_publication_finish(&got);
	archive_publication_finish(&got); /* twice is harmless */
	is_int(sql_int(p, "SELECT count(*) FROM published"), 1, "one row per month");

	struct archive_publication other = {.month = "2010-12", .site = "https://blog.example.org", .post_id = 43};
	ok(archive_publication_put(a, &other), "another month");
	ok(archive_publication_get(a, "2010-11", &got) && got.post_id == 42, "months do not mix");
	archive_publication_finish(&got);

	ok(archive_publication_delete(a, "2010-12") && !archive_publication_get(a, "2010-12", &got) &&
		   !*archive_error(a),
	   "a publication is forgotten");
	ok(archive_publication_delete(a, "2010-12"), "forgetting nothing is no error");

	struct archive_publication bad = {.month = "2010-13", .site = "https://blog.example.org", .post_id = 1};
	ok(!archive_publication_put(a, &bad) && strstr(archive_error(a), "not a month"), "the month is checked");
	bad.month = "2010-10";
	bad.site = NULL;
	ok(!archive_publication_put(a, &bad) && strstr(archive_error(a), "site"), "the site is required");
	ok(!archive_publication_get(a, "November", &got) && strstr(archive_error(a), "not a month"),
	   "get checks the month too");

	/* Inside a batch that is rolled back, nothing stays. */
	ok(archive_begin(a), "batch");
	other.month = "2011-01";
	ok(archive_publication_put(a, &other), "put in the batch");
	archive_rollback(a);
	ok(!archive_publication_get(a, "2011-01", &got) && !*archive_error(a), "rolled back: gone");
	archive_close(a);
	free(p);
}

/* An archive of schema version 1 (before reads publish) gains the published
 * table and keeps what it held. */
static void test_migration_from_2(void)
{
	char *p = path_of("v2.db");
	struct archive *a = open_ok(p);
	struct archive_item it = item(ARCHIVE_BOOKMARK, "cli", "https://v2.example/post", NULL, NOV);
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_NEW, "an item in the old archive");
	ok(archive_drafted_add(a, "2010-11", "https://v2.example/post"), "and a drafted entry");
	archive_close(a);
	ok(sql_exec(p, "DROP TABLE published; PRAGMA user_version = 2"), "made it a version-2 archive");
	a = open_ok(p);
	is_int(sql_int(p, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION, "migrated to the current version");
	is_int(sql_int(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'published'"), 1, "the published table exists");
	is_int(archive_item_put(a, &it), ARCHIVE_PUT_KNOWN, "the old item is still there");
	ok(archive_drafted_has(a, "2010-11", "https://v2.example/post"), "so is the drafted entry");
	struct archive_publication pub = {.month = "2010-11", .site = "https://blog.example.org", .post_id = 7};
	ok(archive_publication_put(a, &pub), "a publication can be stored");
	archive_close(a);
	free(p);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_open_and_schema();
	test_feeds();
	test_hosts();
	test_item_dedup();
	test_idempotence_and_history();
	test_bookmarks_merge();
	test_month_selection();
	test_pages();
	test_extracts();
	test_drafts();
	test_batches();
	test_two_processes();
	test_simultaneous_creation();
	test_disk_full();
	test_migration_and_bad_files();
	test_publications();
	test_migration_from_1();
	test_migration_from_2();
	test_dating();
	test_sources_relative();
	char *cmd;
	if (asprintf(&cmd, "rm -rf '%s'", dir) >= 0) {
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	return tap_done();
}
