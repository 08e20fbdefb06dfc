/* archive — the SQLite store beside feeds.yaml: feed state, items, cached
 * pages, and what each month's draft holds or the author dismissed.
 *
 * Every write is in a transaction (WAL journal), so a kill at any moment
 * leaves a readable, consistent archive. Commits are durable (synchronous=FULL):
 * what a call reported as written survives a kill -9 and a power cut.
 * Two processes may open the same archive: readers never wait; a writer waits
 * up to LIMIT_ARCHIVE_BUSY_MS for another's transaction, then fails with
 * "database is locked". Dates are seconds since the epoch, DATE_NONE (SQL NULL)
 * when absent. One struct archive is for one thread at a time. */
#ifndef READS_ARCHIVE_H
#define READS_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"

struct archive;

/* The schema version this build writes (PRAGMA user_version); an archive
 * with a higher version is refused rather than damaged. */
#define ARCHIVE_SCHEMA_VERSION 4

/* Opens (creating and migrating as needed) the archive at path.
 * NULL with *err (caller frees with free()) on failure; the message names
 * path and the cause (not an SQLite file, another program's database, a newer
 * schema, corruption, permissions). Caller frees with archive_close(). */
struct archive *archive_open(const char *path, char **err) WUR;

/* Accepts NULL. A batch still open (archive_begin) is rolled back. */
void archive_close(struct archive *a);

/* The last error message (SQLite's text, or the archive's own for a refused
 * argument), without the file name (see archive_path()); "" when the last
 * call succeeded. Valid until the next call. */
const char *archive_error(const struct archive *a);

/* The path the archive was opened with. Valid until archive_close(). */
const char *archive_path(const struct archive *a);

/* Groups writes into one transaction (BEGIN IMMEDIATE: the write lock is
 * taken at once, so a batch never fails half-way on another writer).
 * Nested calls are not supported (archive_begin fails). Keep batches short:
 * another process waits at most LIMIT_ARCHIVE_BUSY_MS for one. On any failed
 * call inside a batch, call archive_rollback(). */
bool archive_begin(struct archive *a) WUR;
bool archive_commit(struct archive *a) WUR;
void archive_rollback(struct archive *a);

/* --- feeds --- */

struct archive_feed {
	char *url;		/* the URL as in feeds.yaml (the key) */
	char *etag, *last_modified;	/* validators, verbatim; NULL if none */
	char *moved_to;		/* a permanent redirect's target, or NULL */
	char *title;		/* the feed's own title, or NULL */
	int64_t last_success, last_attempt;	/* DATE_NONE if never */
	char *last_error;	/* NULL after a success */
	unsigned failures;	/* consecutive failed runs */
	int64_t next_fetch;	/* back-off: not before this time; DATE_NONE */
	bool gone;		/* a 410 was seen */
};

/* Fills *out with the stored state of url; when the feed is unknown,
 * out->url is set and every other field is empty/DATE_NONE/0.
 * Caller frees with archive_feed_finish(). */
bool archive_feed_get(struct archive *a, const char *url, struct archive_feed *out) WUR;
bool archive_feed_put(struct archive *a, const struct archive_feed *f) WUR;
void archive_feed_finish(struct archive_feed *f);

/* Every known feed, in URL order. Caller frees each with
 * archive_feed_finish() and the array with free(). */
bool archive_feed_list(struct archive *a, struct archive_feed **out, size_t *n) WUR;

/* --- hosts (politeness shared by every feed of a host) --- */

/* The time before which host must not be asked again (429/503), or DATE_NONE
 * (also on a read error: archive_error() is then not empty). Host names are
 * compared without regard to case. t = DATE_NONE clears the entry. */
int64_t archive_host_not_before(struct archive *a, const char *host);
bool archive_host_set_not_before(struct archive *a, const char *host, int64_t t) WUR;

/* --- items --- */

enum archive_item_kind { ARCHIVE_FEED_ITEM = 0, ARCHIVE_BOOKMARK = 1 };

struct archive_item {
	int64_t id;		/* row id; 0 before insertion */
	enum archive_item_kind kind;
	char *source;		/* feed URL, bookmark file path, or "feeds.yaml" / "cli" */
	char *url;		/* canonical URL: the key across sources */
	char *link;		/* the URL as given (may carry a text fragment) */
	char *guid;		/* feed guid / atom id, or NULL */
	char *title, *author, *summary;	/* from the feed; may be NULL */
	char *quote;		/* the author's forced quote, or NULL */
	char *note;		/* her note, or NULL */
	int64_t published;	/* feed date or page date; DATE_NONE */
	int64_t added;		/* bookmark date; DATE_NONE */
	int64_t first_seen;	/* when reads first stored it */
};

enum archive_put_result { ARCHIVE_PUT_NEW, ARCHIVE_PUT_KNOWN, ARCHIVE_PUT_ERROR };

/* Stores item unless an item with the same canonical url, or the same
 * (source, guid), is stored already. A known bookmark gains a quote, note
 * or added date it lacked; nothing else is changed. first_seen is set by the
 * archive when 0 (or DATE_NONE). item->id is ignored.
 * When item is a bookmark and the stored item is a feed item, the stored one
 * becomes a bookmark (she chose it: it is not subject to feed filters) and
 * gains the quote, note and added date; when item's link carries a text
 * fragment (#:~:text=) and the stored link does not, the link is taken too.
 * url and source are required (ARCHIVE_PUT_ERROR otherwise). An http(s)
 * url is passed through url_canonical() again before it is used as the key,
 * so a caller that passes a raw link still finds the stored item. */
enum archive_put_result archive_item_put(struct archive *a, const struct archive_item *item) WUR;

/* Items whose month date — added, else published, else first_seen — is in
 * [from, to), bookmarks first, then by that date, then by id (the order they
 * were stored). Caller frees with archive_items_free(). */
bool archive_items_between(struct archive *a, int64_t from, int64_t to, struct archive_item **out,
			   size_t *n) WUR;
void archive_items_free(struct archive_item *items, size_t n);

/* Fills *out with the item stored under url (canonicalized as in
 * archive_item_put). True when found;
 * false when absent (out zeroed, archive_error() empty) or on error.
 * Caller frees with archive_item_finish(). */
bool archive_item_get(struct archive *a, const char *url, struct archive_item *out);
void archive_item_finish(struct archive_item *item);

/* --- bookmarks whose month is not known yet ---
 * A bookmark stored without a date of its own (no `added`, no published
 * date) is ARCHIVE_UNDATED: its month is its page's publication date, once
 * the page has been looked at; until then, and for ever when the page has no
 * date (ARCHIVE_NO_PAGE_DATE), the month it was first seen. A page that could
 * not be had (ARCHIVE_PAGE_FAILING) is tried again on later runs, until the
 * caller gives up on it (ARCHIVE_PAGE_GIVEN_UP: first seen stands). A
 * bookmark that gains an `added` date no longer waits. */
enum archive_dating {
	ARCHIVE_DATED = 0,		/* nothing to learn (or learnt) */
	ARCHIVE_UNDATED = 1,		/* its page not looked at yet */
	ARCHIVE_NO_PAGE_DATE = 2,	/* its page gives no date: first seen stands */
	ARCHIVE_PAGE_FAILING = 3,	/* its page could not be had; tried again later */
	ARCHIVE_PAGE_GIVEN_UP = 4,	/* its page failed too often: first seen stands */
};

struct archive_undated {
	int64_t id;
	char *url, *link, *source;
	int64_t first_seen;
	enum archive_dating state;	/* ARCHIVE_UNDATED or ARCHIVE_PAGE_FAILING */
	unsigned failures;		/* consecutive failed tries of its page */
	int64_t next_try;		/* not before this (back-off); DATE_NONE */
	char *error;			/* the last failure, or NULL */
};

/* The bookmarks still waiting for their page's date (ARCHIVE_UNDATED or
 * ARCHIVE_PAGE_FAILING), those never tried first, then the fewest failures,
 * then the oldest (so failing pages cannot crowd out new bookmarks under a
 * limit), at most limit of them (0: all):
 * only those due at `now` (DATE_NONE: whatever their back-off) and first
 * seen at or after seen_from (DATE_NONE: any). Caller frees with
 * archive_undated_free(). */
bool archive_undated_list(struct archive *a, int64_t now, int64_t seen_from, size_t limit,
			  struct archive_undated **out, size_t *n) WUR;
void archive_undated_free(struct archive_undated *v, size_t n);

/* Records what a bookmark's page said: ARCHIVE_DATED with its publication
 * date (its month from now on), ARCHIVE_NO_PAGE_DATE, ARCHIVE_PAGE_FAILING
 * with the error and the time of the next try, or ARCHIVE_PAGE_GIVEN_UP
 * with the last error (for these two its failure count goes up by one; any
 * other state resets it). */
bool archive_dating_set(struct archive *a, int64_t id, enum archive_dating state, int64_t published,
			const char *error, int64_t next_try) WUR;

struct archive_undated_counts {
	size_t waiting;		/* ARCHIVE_UNDATED */
	size_t failing;		/* ARCHIVE_PAGE_FAILING */
	size_t no_date;		/* ARCHIVE_NO_PAGE_DATE (placed by first seen) */
	size_t given_up;	/* ARCHIVE_PAGE_GIVEN_UP (placed by first seen) */
	int64_t next_try;	/* the earliest next try of a failing one, or DATE_NONE */
};
/* How many bookmarks are in each state of their dating (not counting those
 * that gained a date of their own). */
bool archive_undated_count(struct archive *a, struct archive_undated_counts *c) WUR;

/* --- sources that move with the folder --- */

/* Bookmark-file sources recorded under `prefix` (a folder with its trailing
 * "/", as an older reads stored them) are recorded relative to it from now
 * on, so the folder can be moved; a no-op (and no write) when there are
 * none. feeds.yaml's folder is known to the caller, not to the archive, so
 * this step of the migration to schema 2 runs after archive_open(). */
bool archive_sources_relative(struct archive *a, const char *prefix) WUR;

/* Items stored for a feed, and the number of them in [from, to): *n counts
 * the items of source whose month date is in [from, to). from = DATE_NONE
 * means no lower bound, to = DATE_NONE no upper bound (so both give every
 * item stored for the feed). */
bool archive_feed_item_count(struct archive *a, const char *source, int64_t from, int64_t to, size_t *n) WUR;

/* --- article pages (cached so a month can be drafted again offline) --- */

struct archive_page {
	char *url;
	char *body;
	size_t len;
	char *content_type;
	int64_t fetched;
	char *final_url;	/* where the request's redirects led, or NULL */
};

/* True and *out filled when url is cached; false (out zeroed) otherwise,
 * archive_error() telling a read error from a miss (empty on a miss).
 * out->body holds len bytes (any bytes, NUL included) plus a terminating NUL.
 * Caller frees with archive_page_finish(). */
bool archive_page_get(struct archive *a, const char *url, struct archive_page *out);
/* Stores (or replaces) the page cached for p->url. Bodies over
 * LIMIT_PAGE_BYTES are refused. fetched = 0 means now. */
bool archive_page_put(struct archive *a, const struct archive_page *p) WUR;
void archive_page_finish(struct archive_page *p);

/* Extracted metadata kept for the author's review, with where each came
 * from ("og:title", "json-ld", …). Any field may be NULL. */
struct archive_extract {
	char *title, *title_source;
	char *author, *author_source;
	char *site, *site_source;
	int64_t date;
	char *date_source;
};
/* Stores (or replaces) what was extracted from url. */
bool archive_extract_put(struct archive *a, const char *url, const struct archive_extract *e) WUR;

/* True and *out filled when an extract of url is stored; false (out zeroed,
 * date DATE_NONE) otherwise. Caller frees with archive_extract_finish(). */
bool archive_extract_get(struct archive *a, const char *url, struct archive_extract *out);
void archive_extract_finish(struct archive_extract *e);

/* --- drafts: which entries a month's draft has held, and dismissals ---
 * month is "YYYY-MM" (refused otherwise). Adding twice is not an error. URLs
 * are keyed as items are (url_canonical), so a link with a text fragment and
 * its canonical URL are the same entry. The _has/_is_ queries also return
 * false on a read error: when false matters (a dismissed entry must not come
 * back), check that archive_error() is empty. */

/* Marks url as having been written into month's draft ("YYYY-MM"). */
bool archive_drafted_add(struct archive *a, const char *month, const char *url) WUR;
bool archive_drafted_has(struct archive *a, const char *month, const char *url);

/* Marks url dismissed for month (the author deleted its entry). */
bool archive_dismiss(struct archive *a, const char *month, const char *url) WUR;
bool archive_is_dismissed(struct archive *a, const char *month, const char *url);

/* URLs ever written into month's draft, in the order they were added.
 * Caller frees each and the array with free(). */
bool archive_drafted_list(struct archive *a, const char *month, char ***urls, size_t *n) WUR;

/* --- publications: the post a month's draft became on the blog ---
 * (reads publish; one per month). The password is never stored here. */
struct archive_publication {
	char *month;		/* "YYYY-MM": the key */
	char *site;		/* the blog's address as in feeds.yaml */
	int64_t post_id;	/* the blog's post id; 0 while a create is unanswered */
	char *slug;		/* the slug the create sent (to find the post again), or NULL */
	char *edit_link;	/* where she edits it, or NULL */
	char *modified_gmt;	/* the blog's modified_gmt after reads' last write, verbatim */
	bool pending;		/* a write was sent and its answer never came */
	int64_t updated;	/* when this row was written; 0 or DATE_NONE on put: now */
};

/* True and *out filled when month has a publication; false (out zeroed)
 * otherwise, archive_error() telling a read error from a miss (empty on a
 * miss). Caller frees with archive_publication_finish(). */
bool archive_publication_get(struct archive *a, const char *month, struct archive_publication *out);

/* Stores (or replaces) the publication of p->month. Needs month, site and
 * post_id >= 0. */
bool archive_publication_put(struct archive *a, const struct archive_publication *p) WUR;

/* Forgets month's publication (no error when there is none). */
bool archive_publication_delete(struct archive *a, const char *month) WUR;
void archive_publication_finish(struct archive_publication *p);

#endif
