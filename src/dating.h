/* dating — bookmarks whose month is not known yet get it from their pages.
 *
 * A bookmark without a date of its own (a bare URL in feeds.yaml, a url +
 * quote without added:, a Netscape bookmark without ADD_DATE, a bookmark-feed
 * item without a date) belongs to its page's publication date. Its page is
 * fetched once, through the archive's page cache, and the date the article
 * extractor finds is recorded; a page without a date leaves the bookmark in
 * the month it was first seen, and is not fetched again. A page that cannot
 * be had is tried again on later runs, after our back-off (or its server's
 * Retry-After), and counted by `reads status`. */
#ifndef READS_DATING_H
#define READS_DATING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "compat.h"
#include "config.h"
#include "strlist.h"

struct dating_options {
	int64_t now;
	/* A draft: every waiting bookmark is tried whatever our back-off (a
	 * server's Retry-After still holds), and a page still failing is an
	 * error (the month may be incomplete); else a warning. */
	bool complete;
	/* Only bookmarks first seen from then on (DATE_NONE: all): a page's
	 * date comes before its bookmark, so a bookmark first seen before a
	 * month began cannot belong to it. */
	int64_t seen_from;
	/* At most this many pages looked at (0: all), oldest bookmarks first. */
	size_t limit;
};

struct dating_stats {
	size_t looked;		/* bookmarks whose page was looked at */
	size_t dated;		/* given their page's date */
	size_t no_date;		/* their page has none: first seen stands */
	size_t failed;		/* their page could not be had */
};

/* Dates the waiting bookmarks of a (see above). False only when the archive
 * could not be read; per-page failures are in stats->failed and on stderr,
 * and their bookmarks' keys (canonical URLs) are pushed onto failed when it
 * is not NULL, so that the run does not ask for those pages again. */
bool dating_run(const struct config *cfg, struct archive *a, const struct dating_options *opts,
		struct dating_stats *stats, struct strlist *failed) WUR;

#endif
