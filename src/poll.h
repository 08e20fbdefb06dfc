/* poll — one pass over every source in feeds.yaml: fetch the feeds (and the
 * bookmark-service feeds and OPML lists), parse them, and keep new items and
 * bookmarks in the archive.  Shared by `reads fetch` and `reads draft`.
 *
 * One failing source never stops the others: each failure is reported once,
 * naming the source and the reason, and counted in the stats. */
#ifndef READS_POLL_H
#define READS_POLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "compat.h"
#include "config.h"
#include "fetch.h"

/* Pause between two requests to one host, so a site's feeds and pages are
 * not asked for in one burst (with per_host 2 and 10 feeds a host, 50 ms
 * spreads the starts over less than the time the answers take anyway). */
#define POLL_STAGGER_MS 50

struct poll_stats {
	size_t feeds;		/* feed sources considered */
	size_t fetched;		/* answered 200 and parsed */
	size_t not_modified;	/* answered 304 */
	size_t skipped;		/* backing off, host asked us to wait, or gone */
	size_t failed;		/* reported as errors */
	size_t new_items;	/* items stored for the first time */
};

/* How strict a run is about transient failures. */
struct poll_options {
	/* Consecutive failed runs before a transient failure (timeout, 5xx,
	 * 429) is reported as an error; before that it is a warning. 1 reports
	 * every failure (the monthly draft wants that). */
	unsigned report_after;
	/* The month must be complete (the draft): every source is polled
	 * whatever back-off earlier runs set, unless its server's Retry-After
	 * has not passed; a source left alone is reported as an error. */
	bool complete;
	int64_t now;
};

/* Polls every source of cfg into a. Returns false only when the run could
 * not be attempted at all (archive unusable); per-source failures are in
 * stats->failed and on stderr. */
bool poll_sources(const struct config *cfg, struct archive *a, const struct poll_options *opts,
		  struct poll_stats *stats) WUR;

/* The config's feed entry whose URL is `source` (an item's source), or NULL.
 * Feeds of OPML lists are found once workspace_open() has expanded them. */
const struct config_feed *poll_feed_for_source(const struct config *cfg, const char *source);

/* The fetch options of feeds.yaml's fetch: section (limits, timeout,
 * retries), with the per-host stagger and a progress line named label (a
 * string that outlives the run). */
struct fetch_options poll_fetch_options(const struct config *cfg, const char *label);

/* One line for a failed response: its error, "after N tries" when it was
 * tried more than once, and "; the server asks to wait until TIME" when a
 * Retry-After was not waited for. Caller frees with free(); NULL when out of
 * memory. */
char *poll_failure_reason(const struct fetch_response *r);

/* When a source that failed `failures` runs in a row is due again: at the
 * server's retry_after when it gave one (never later), else after our own
 * back-off, from an hour doubling to at most 20 hours. */
int64_t poll_backoff(unsigned failures, int64_t retry_after, int64_t now);

/* A fetch_progress_cb that shows "LABEL: done/total, failed, kB" as the
 * live progress line (terminal only); ctx is the label (a const char *). */
void poll_progress(size_t done, size_t total, size_t failed, uint64_t bytes, void *ctx);

#endif
