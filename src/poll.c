#include "poll.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bookmarks.h"
#include "buf.h"
#include "date.h"
#include "feed.h"
#include "fetch.h"
#include "fileio.h"
#include "limits.h"
#include "log.h"
#include "url.h"

/* One feed to poll this run. */
struct source {
	char *key;		/* the URL as configured: the archive's key and the items' source */
	char *url;		/* the URL fetched (moved_to or a discovered feed) */
	const char *user_agent;
	bool bookmark_feed;	/* every item is a bookmark */
	bool discovered;	/* url came from the site page's advertised feeds */
	struct archive_feed state;
};

struct sources {
	struct source *v;
	size_t n, cap;
};

static bool sources_add(struct sources *s, const char *key, const char *user_agent, bool bookmark_feed)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return true; /* listed twice (feeds.yaml and an OPML list): poll once */
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct source *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	struct source *src = &s->v[s->n];
	memset(src, 0, sizeof *src);
	src->key = strdup(key);
	src->url = strdup(key);
	src->user_agent = user_agent;
	src->bookmark_feed = bookmark_feed;
	if (!src->key || !src->url) {
		free(src->key);
		free(src->url);
		return false;
	}
	s->n++;
	return true;
}

static void sources_finish(struct sources *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].url);
		archive_feed_finish(&s->v[i].state);
	}
	free(s->v);
}

const struct config_feed *poll_feed_for_source(const struct config *cfg, const char *source)
{
	for (size_t i = 0; i < cfg->n_feeds; i++)
		if (cfg->feeds[i].kind == CONFIG_FEED_URL && strcmp(cfg->feeds[i].url, source) == 0)
			return &cfg->feeds[i];
	return NULL;
}

/* Stores one bookmark; returns what archive_item_put() said. */
static enum archive_put_result store_bookmark(struct archive *a, const char *source, const char *link,
					      const char *title, const char *quote, const char *note, int64_t added,
					      int64_t now, struct poll_stats *stats)
{
	char *canon = url_canonical(link);
	if (!canon) {
		log_error("%s: %s is not an http(s) URL", source, link);
		stats->failed++;
		return ARCHIVE_PUT_ERROR;
	}
	struct archive_item it = {
		.kind = ARCHIVE_BOOKMARK,
		.source = (char *)source,
		.url = canon,
		.link = (char *)link,
		.title = (char *)title,
		.quote = (char *)quote,
		.note = (char *)note,
		.published = DATE_NONE,
		.added = added,
		.first_seen = now,
	};
	enum archive_put_result r = archive_item_put(a, &it);
	if (r == ARCHIVE_PUT_NEW)
		stats->new_items++;
	else if (r == ARCHIVE_PUT_ERROR) {
		log_error("%s: %s: cannot store the bookmark: %s", source, link, archive_error(a));
		stats->failed++;
	}
	free(canon);
	return r;
}

/* date, when it can be the item's own (see LIMIT_FIRST_ITEM_DATE), else
 * DATE_NONE. now: when the item is first seen. */
static int64_t own_date(int64_t date, int64_t now)
{
	return date >= LIMIT_FIRST_ITEM_DATE && date <= now + LIMIT_ITEM_DATE_AHEAD_S ? date : DATE_NONE;
}

/* Says, once (when the item is new), that its date was not taken. */
static void warn_not_own_date(const char *source, const char *link, int64_t date)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(date, iso);
	log_warn("%s: %s is dated %s, %s; it counts as undated (the month it is first seen)", source, link, iso,
		 date < LIMIT_FIRST_ITEM_DATE ? "before there were such pages" : "after it was first seen");
}

/* The bookmarks of a Netscape file, recorded under the file's path relative
 * to feeds.yaml's folder, so the folder (archive included) can be moved. */
static void store_bookmark_file(struct archive *a, const struct config *cfg, const struct config_bookmark *b,
				int64_t now, struct poll_stats *stats)
{
	char *err = NULL;
	size_t len, n = 0;
	struct bookmark *marks = NULL;
	char *source = path_relative(cfg->dir, b->path);
	char *data = source ? file_read(b->path, LIMIT_BOOKMARK_FILE_BYTES, &len, &err) : NULL;
	if (!data || !bookmarks_parse_netscape(data, len, &marks, &n, &err)) {
		log_error("%s: %s", b->path, err ? err : "cannot read the bookmark file");
		stats->failed++;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int64_t added = own_date(marks[i].added, now);
		if (store_bookmark(a, source, marks[i].url, marks[i].title, NULL, marks[i].note, added, now, stats) ==
			    ARCHIVE_PUT_NEW &&
		    added != marks[i].added)
			warn_not_own_date(source, marks[i].url, marks[i].added);
	}
out:
	free(source);
	bookmarks_free(marks, n);
	free(data);
	free(err);
}

/* Stores every item of a parsed feed (inside the round's transaction). */
static void store_items(struct archive *a, const struct source *src, const struct feed *f, int64_t now,
			struct poll_stats *stats)
{
	for (size_t i = 0; i < f->n_items; i++) {
		const struct feed_item *item = &f->items[i];
		const char *link = item->link;
		if (!link && item->id && url_is_http(item->id))
			link = item->id;
		char *canon = link ? url_canonical(link) : NULL;
		if (!canon) {
			log_warn("%s: item %zu (%s) has no http(s) link; skipped", src->key, i + 1,
				 item->title ? item->title : "untitled");
			continue;
		}
		int64_t given = item->published != DATE_NONE ? item->published : item->updated;
		int64_t date = own_date(given, now);
		struct archive_item it = {
			.kind = src->bookmark_feed ? ARCHIVE_BOOKMARK : ARCHIVE_FEED_ITEM,
			.source = src->key,
			.url = canon,
			.link = (char *)link,
			.guid = item->id,
			.title = item->title,
			.author = item->author,
			.summary = item->summary ? item->summary : item->content,
			.note = src->bookmark_feed ? item->summary : NULL,
			.published = date,
			.added = src->bookmark_feed ? date : DATE_NONE,
			.first_seen = now,
		};
		enum archive_put_result r = archive_item_put(a, &it);
		free(canon);
		if (r == ARCHIVE_PUT_NEW) {
			stats->new_items++;
			if (date != given)
				warn_not_own_date(src->key, link, given);
		} else if (r == ARCHIVE_PUT_ERROR) {
			log_error("%s: cannot store an item: %s", src->key, archive_error(a));
			stats->failed++;
			return;
		}
	}
}

struct fetch_options poll_fetch_options(const struct config *cfg, const char *label)
{
	return (struct fetch_options){
		.connections = cfg->fetch.connections,
		.per_host = cfg->fetch.per_host,
		.timeout_s = cfg->fetch.timeout,
		.stagger_ms = POLL_STAGGER_MS,
		.progress = poll_progress,
		.progress_ctx = (void *)label,
		.retries = cfg->fetch.retries,
		.retry_pause_ms = cfg->fetch.retry_pause_ms,
		.max_wait_s = cfg->fetch.max_wait,
	};
}

char *poll_failure_reason(const struct fetch_response *r)
{
	struct buf b;
	buf_init(&b, 4096);
	bool fine = buf_puts(&b, r->error ? r->error : "fetch failed");
	if (fine && r->tries > 1)
		fine = buf_printf(&b, " after %u tries", r->tries);
	if (fine && r->retry_after != DATE_NONE) {
		char when[DATE_ISO_SIZE];
		date_format_iso(r->retry_after, when);
		fine = buf_printf(&b, "; the server asks to wait until %s", when);
	}
	char *s = fine ? buf_detach(&b) : NULL;
	buf_finish(&b);
	return s;
}

int64_t poll_backoff(unsigned failures, int64_t retry_after, int64_t now)
{
	/* The server said when: that is the time, whatever our own rule says. */
	if (retry_after != DATE_NONE)
		return retry_after;
	/* Back off exponentially from an hour, so an hourly cron does not hammer
	 * a broken server; at most 20 hours, so a daily cron whose start drifts
	 * a little still tries every day. */
	const int64_t most = 20 * 3600;
	int64_t wait = 3600;
	for (unsigned i = 1; i < failures && wait < most; i++)
		wait *= 2;
	return now + (wait < most ? wait : most);
}

/* Records a failure in the feed's state and reports it, as an error once it
 * is a real problem (see poll_options.report_after). retry_after is the
 * time the server asked us to wait until, or DATE_NONE. */
static void fail(struct source *src, const char *reason, bool transient, int64_t retry_after,
		 const struct poll_options *opts, struct poll_stats *stats)
{
	struct archive_feed *st = &src->state;
	st->failures++;
	st->last_attempt = opts->now;
	free(st->last_error);
	st->last_error = strdup(reason);
	st->next_fetch = poll_backoff(st->failures, retry_after, opts->now);
	if (transient && st->failures < opts->report_after) {
		log_warn("%s: %s (failure %u in a row; reported from %u)", src->key, reason, st->failures,
			 opts->report_after);
		return;
	}
	if (st->failures > 1)
		log_error("%s: %s (failed %u runs in a row)", src->key, reason, st->failures);
	else
		log_error("%s: %s", src->key, reason);
	stats->failed++;
}

static void succeed(struct source *src, const struct fetch_response *r, const char *title,
		    const struct poll_options *opts)
{
	struct archive_feed *st = &src->state;
	st->failures = 0;
	st->last_attempt = st->last_success = opts->now;
	st->next_fetch = DATE_NONE;
	free(st->last_error);
	st->last_error = NULL;
	if (r->outcome == FETCH_OK) {
		/* Validators are refreshed from every 200, verbatim; a 200 without
		 * them clears the old ones. */
		free(st->etag);
		free(st->last_modified);
		st->etag = r->etag ? strdup(r->etag) : NULL;
		st->last_modified = r->last_modified ? strdup(r->last_modified) : NULL;
	}
	if (title) {
		free(st->title);
		st->title = strdup(title);
	}
}

/* Handles one answer. Returns a discovered feed URL to try instead (caller
 * frees), when the answer was a site page that advertises feeds. */
static char *handle(struct archive *a, struct source *src, struct fetch_response *r,
		    const struct poll_options *opts, struct poll_stats *stats)
{
	char *discovered = NULL;
	if (r->moved_to && !src->discovered) {
		free(src->state.moved_to);
		src->state.moved_to = strdup(r->moved_to);
		log_warn("%s: moved permanently to %s; please update feeds.yaml", src->key, r->moved_to);
	}
	if (r->retry_after != DATE_NONE) {
		char *host = url_host(src->url);
		if (host && !archive_host_set_not_before(a, host, r->retry_after))
			log_warn("%s: %s", src->key, archive_error(a));
		free(host);
	}
	switch (r->outcome) {
	case FETCH_OK: {
		struct feed_source fs = {.url = r->effective_url ? r->effective_url : src->url,
					 .content_type = r->content_type};
		char *err = NULL;
		struct feed *f = feed_parse(r->body, r->len, &fs, &err);
		if (!f) {
			struct strlist found;
			strlist_init(&found);
			if (!src->discovered && !feed_discover(r->body, r->len, fs.url, &found))
				log_warn("%s: out of memory looking for advertised feeds", src->key);
			if (found.n > 0) {
				discovered = strdup(found.v[0]);
				log_info("%s: a web page; using the feed it advertises, %s", src->key,
					 found.v[0]);
			} else {
				fail(src, err ? err : "not a feed", false, DATE_NONE, opts, stats);
			}
			strlist_finish(&found);
			free(err);
			return discovered;
		}
		for (size_t i = 0; i < f->meta.warnings.n; i++)
			log_warn("%s: %s", src->key, f->meta.warnings.v[i]);
		store_items(a, src, f, opts->now, stats);
		succeed(src, r, f->meta.title, opts);
		stats->fetched++;
		feed_destroy(f);
		break;
	}
	case FETCH_NOT_MODIFIED:
		succeed(src, r, NULL, opts);
		stats->not_modified++;
		break;
	case FETCH_GONE:
		src->state.gone = true;
		fail(src, "HTTP 410 Gone: the feed was removed; please delete it from feeds.yaml", false, DATE_NONE,
		     opts, stats);
		break;
	default: {
		char *reason = poll_failure_reason(r);
		/* For reporting, any network failure may pass (a resolver or a
		 * TLS hiccup too): cron hears of it once it lasts. */
		bool passing = r->transient || r->outcome == FETCH_NETWORK_ERROR;
		fail(src, reason ? reason : "fetch failed", passing, r->retry_after, opts, stats);
		free(reason);
		break;
	}
	}
	return NULL;
}

/* Whether to poll src now; says why not at -v. A complete run (the draft)
 * ignores our own back-off, since the month must be complete, and leaves a
 * feed alone only while its server asked us to wait; it then reports it, as
 * its latest items may be missing. */
static bool due(struct archive *a, struct source *src, const struct poll_options *opts,
		struct poll_stats *stats)
{
	const struct archive_feed *st = &src->state;
	if (st->gone) {
		log_warn("%s: skipped: the server said it is gone (HTTP 410)", src->key);
		return false;
	}
	int64_t not_before = DATE_NONE;
	char *host = url_host(src->url);
	int64_t t = host ? archive_host_not_before(a, host) : DATE_NONE;
	free(host);
	if (t != DATE_NONE && t > opts->now) {
		log_info("%s: the server asked us to wait %lld s more", src->key, (long long)(t - opts->now));
		not_before = t;
	} else if (!opts->complete && st->next_fetch != DATE_NONE && st->next_fetch > opts->now) {
		log_info("%s: backing off after %u failures", src->key, st->failures);
		not_before = st->next_fetch;
	}
	if (not_before == DATE_NONE)
		return true;
	if (opts->complete) {
		char when[DATE_ISO_SIZE];
		date_format_iso(not_before, when);
		if (st->last_error)
			log_error("%s: %s (failed %u run%s in a row; the server asks not to retry before %s)",
				  src->key, st->last_error, st->failures, st->failures == 1 ? "" : "s", when);
		else
			log_error("%s: not polled: its server asks not to be asked again before %s", src->key,
				  when);
		stats->failed++;
	}
	return false;
}

void poll_progress(size_t done, size_t total, size_t failed, uint64_t bytes, void *ctx)
{
	log_progress("%s: %zu/%zu, %zu failed, %llu kB", (const char *)ctx, done, total, failed,
		     (unsigned long long)(bytes / 1024));
}

/* Fetches sources[idx[0..n-1]] in one parallel run and handles the answers;
 * discovered feeds are queued in next[] for another round. */
static void poll_round(const struct config *cfg, struct archive *a, struct sources *s, size_t *idx, size_t n,
		       const struct poll_options *opts, struct poll_stats *stats, size_t *next, size_t *n_next)
{
	struct fetch_request *reqs = calloc(n ? n : 1, sizeof *reqs);
	struct fetch_response *resps = calloc(n ? n : 1, sizeof *resps);
	if (!reqs || !resps) {
		log_error("out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct source *src = &s->v[idx[i]];
		/* The stored validators are those of the last feed parsed for
		 * this source (a site page's 200 is never stored): for a site
		 * URL, those of the feed it advertises, so the discovered feed
		 * is asked conditionally too and an unchanged one costs a 304. */
		reqs[i] = (struct fetch_request){
			.url = src->url,
			.etag = src->state.etag,
			.last_modified = src->state.last_modified,
			.user_agent = src->user_agent ? src->user_agent : cfg->fetch.user_agent,
			.max_bytes = LIMIT_FEED_BYTES,
		};
	}
	struct fetch_options fo = poll_fetch_options(cfg, "feeds");
	if (!fetch_all(reqs, n, &fo, resps)) {
		log_error("cannot start the HTTP client");
		stats->failed += n;
		goto out;
	}
	log_progress_end();
	/* One transaction for the round: a feed's state and its items land
	 * together, and a run pays one sync to disk instead of one per feed. A
	 * kill before the commit loses only this round, which the next run
	 * fetches again (its validators were not saved either). */
	bool batch = archive_begin(a);
	if (!batch)
		log_warn("archive: %s; storing feed by feed", archive_error(a));
	for (size_t i = 0; i < n; i++) {
		struct source *src = &s->v[idx[i]];
		char *found = handle(a, src, &resps[i], opts, stats);
		if (found) {
			free(src->url);
			src->url = found;
			src->discovered = true;
			next[(*n_next)++] = idx[i];
		} else {
			if (!archive_feed_put(a, &src->state))
				log_error("%s: cannot save the feed's state: %s", src->key, archive_error(a));
		}
		fetch_response_finish(&resps[i]);
	}
	if (batch && !archive_commit(a)) {
		log_error("archive: cannot store this run's feeds: %s", archive_error(a));
		archive_rollback(a);
		stats->failed += n;
	}
out:
	free(reqs);
	free(resps);
}

bool poll_sources(const struct config *cfg, struct archive *a, const struct poll_options *opts,
		  struct poll_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	struct sources s = {0};
	bool ok = false;
	size_t *idx = NULL, *next = NULL;

	for (size_t i = 0; i < cfg->n_feeds; i++) {
		const struct config_feed *f = &cfg->feeds[i];
		/* OPML lists were expanded into feed entries (workspace_open). */
		if (f->kind == CONFIG_FEED_URL && !sources_add(&s, f->url, f->user_agent, false))
			goto out;
	}
	bool batch = cfg->n_bookmarks && archive_begin(a);
	for (size_t i = 0; i < cfg->n_bookmarks; i++) {
		const struct config_bookmark *b = &cfg->bookmarks[i];
		switch (b->kind) {
		case CONFIG_BOOKMARK_URL:
			store_bookmark(a, "feeds.yaml", b->url, NULL, b->quote, b->note, b->added, opts->now,
				       stats);
			break;
		case CONFIG_BOOKMARK_FILE:
			store_bookmark_file(a, cfg, b, opts->now, stats);
			break;
		case CONFIG_BOOKMARK_FEED:
			if (!sources_add(&s, b->url, NULL, true))
				goto out;
			break;
		}
	}
	if (batch && !archive_commit(a)) {
		log_error("archive: cannot store the bookmarks: %s", archive_error(a));
		archive_rollback(a);
	}

	idx = calloc(s.n ? s.n : 1, sizeof *idx);
	next = calloc(s.n ? s.n : 1, sizeof *next);
	if (!idx || !next)
		goto out;
	size_t n = 0, n_next = 0;
	stats->feeds = s.n;
	for (size_t i = 0; i < s.n; i++) {
		struct source *src = &s.v[i];
		if (!archive_feed_get(a, src->key, &src->state)) {
			log_error("%s: cannot read the archive: %s", src->key, archive_error(a));
			goto out;
		}
		if (src->state.moved_to && url_is_http(src->state.moved_to)) {
			free(src->url);
			src->url = strdup(src->state.moved_to);
			log_warn("%s: using %s (moved permanently); please update feeds.yaml", src->key,
				 src->url);
		}
		if (due(a, src, opts, stats))
			idx[n++] = i;
		else
			stats->skipped++;
	}
	poll_round(cfg, a, &s, idx, n, opts, stats, next, &n_next);
	if (n_next) {
		size_t ignored = 0;
		poll_round(cfg, a, &s, next, n_next, opts, stats, idx, &ignored);
	}
	ok = true;
out:
	free(idx);
	free(next);
	sources_finish(&s);
	return ok;
}
