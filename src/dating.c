#include "dating.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "limits.h"
#include "log.h"
#include "pages.h"
#include "poll.h"
#include "url.h"

/* What the page says: its publication day, as noon of that day in the
 * author's zone tz (so that a page of January 31 is January's in New Zealand
 * too), or DATE_NONE (no date, or not an HTML page at all: either way the
 * bookmark keeps its first-seen month). */
static int64_t page_date(const struct archive_page *p, const char *url, const char *tz)
{
	char *err = NULL;
	struct article *art = article_extract(p->body, p->len, p->final_url ? p->final_url : url, p->content_type,
					      &err);
	int64_t date = art ? date_day_in_zone(art->date, tz) : DATE_NONE;
	if (!art)
		log_info("%s: %s; its bookmark keeps the month it was first seen", url, err ? err : "not a page");
	article_destroy(art);
	free(err);
	return date;
}

bool dating_run(const struct config *cfg, struct archive *a, const struct dating_options *opts,
		struct dating_stats *stats, struct strlist *failed)
{
	memset(stats, 0, sizeof *stats);
	struct archive_undated *u = NULL;
	size_t n = 0;
	if (!archive_undated_list(a, opts->complete ? DATE_NONE : opts->now, opts->seen_from, opts->limit, &u, &n)) {
		log_error("%s: %s", archive_path(a), archive_error(a));
		return false;
	}
	if (!n)
		return true;
	struct pages_request *reqs = calloc(n, sizeof *reqs);
	struct pages_result *res = calloc(n, sizeof *res);
	char **fetch_urls = calloc(n, sizeof *fetch_urls);
	bool ok = reqs && res && fetch_urls;
	for (size_t i = 0; ok && i < n; i++) {
		fetch_urls[i] = url_without_directive(u[i].link ? u[i].link : u[i].url);
		reqs[i] = (struct pages_request){.key = u[i].url, .url = fetch_urls[i] ? fetch_urls[i] : u[i].url};
	}
	if (!ok) {
		log_error("out of memory dating bookmarks");
		goto out;
	}
	pages_get(cfg, a, reqs, n, false, opts->now, "dating bookmarks", res);
	bool batch = archive_begin(a);
	for (size_t i = 0; i < n; i++) {
		const struct archive_undated *b = &u[i];
		struct pages_result *r = &res[i];
		bool stored;
		stats->looked++;
		if (r->have) {
			int64_t date = page_date(&r->page, reqs[i].url, cfg->timezone);
			if (date != DATE_NONE) {
				stats->dated++;
				stored = archive_dating_set(a, b->id, ARCHIVE_DATED, date, NULL, DATE_NONE);
			} else {
				stats->no_date++;
				log_info("%s: its page gives no date; the bookmark keeps the month it was first seen",
					 reqs[i].url);
				stored = archive_dating_set(a, b->id, ARCHIVE_NO_PAGE_DATE, DATE_NONE, NULL, DATE_NONE);
			}
		} else {
			stats->failed++;
			int64_t next = poll_backoff(b->failures + 1, r->retry_after, opts->now);
			const char *why = r->error ? r->error : "cannot fetch the page";
			char seen[11];
			date_format_day(b->first_seen, cfg->timezone, seen);
			bool give_up = b->failures + 1 >= LIMIT_DATING_TRIES;
			if (give_up)
				log_warn("%s: its page failed %u runs in a row (%s); the bookmark stays in the month "
					 "it was first seen, %s", reqs[i].url, b->failures + 1, why, seen);
			else if (opts->complete)
				log_error("%s: its month is not known (its page: %s); counted as first seen, on %s",
					  reqs[i].url, why, seen);
			else
				log_warn("%s: its month is not known (its page: %s); tried again on a later run",
					 reqs[i].url, why);
			stored = archive_dating_set(a, b->id, give_up ? ARCHIVE_PAGE_GIVEN_UP : ARCHIVE_PAGE_FAILING,
						    DATE_NONE, why, next);
			if (failed && !strlist_push(failed, b->url))
				log_error("out of memory");
		}
		if (!stored)
			log_error("%s: cannot record its date: %s", reqs[i].url, archive_error(a));
	}
	if (batch && !archive_commit(a)) {
		log_error("archive: cannot record the bookmarks' dates: %s", archive_error(a));
		archive_rollback(a);
	}
	log_info("dating bookmarks: %zu pages looked at, %zu dated, %zu without a date, %zu failing", stats->looked,
		 stats->dated, stats->no_date, stats->failed);
out:
	for (size_t i = 0; res && i < n; i++)
		pages_result_finish(&res[i]);
	for (size_t i = 0; fetch_urls && i < n; i++)
		free(fetch_urls[i]);
	free(fetch_urls);
	free(reqs);
	free(res);
	archive_undated_free(u, n);
	return true;
}
