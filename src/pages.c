#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "fetch.h"
#include "limits.h"
#include "log.h"
#include "poll.h"
#include "url.h"

void pages_result_finish(struct pages_result *r)
{
	if (!r)
		return;
	archive_page_finish(&r->page);
	free(r->error);
	memset(r, 0, sizeof *r);
	r->retry_after = DATE_NONE;
}

/* The time before which url's host must not be asked, when that is after
 * now; DATE_NONE otherwise. */
static int64_t host_wait(struct archive *a, const char *url, int64_t now)
{
	char *host = url_host(url);
	int64_t t = host ? archive_host_not_before(a, host) : DATE_NONE;
	free(host);
	return t != DATE_NONE && t > now ? t : DATE_NONE;
}

static void set_error(struct pages_result *r, char *msg)
{
	free(r->error);
	r->error = msg ? msg : strdup("out of memory");
}

void pages_get(const struct config *cfg, struct archive *a, const struct pages_request *reqs, size_t n,
	       bool refresh, int64_t now, const char *label, struct pages_result *out)
{
	struct fetch_request *freqs = calloc(n ? n : 1, sizeof *freqs);
	struct fetch_response *resps = calloc(n ? n : 1, sizeof *resps);
	size_t *which = calloc(n ? n : 1, sizeof *which);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof out[i]);
		out[i].retry_after = DATE_NONE;
	}
	if (!freqs || !resps || !which) {
		for (size_t i = 0; i < n; i++)
			set_error(&out[i], NULL);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct pages_result *r = &out[i];
		if (!refresh && archive_page_get(a, reqs[i].key, &r->page)) {
			r->have = true;
			continue;
		}
		int64_t wait = host_wait(a, reqs[i].url, now);
		if (wait != DATE_NONE) {
			char when[DATE_ISO_SIZE];
			date_format_iso(wait, when);
			set_error(r, str_printf("not fetched: its server asks not to be asked again before %s", when));
			r->transient = true;
			r->retry_after = wait;
			continue;
		}
		freqs[m] = (struct fetch_request){
			.url = reqs[i].url,
			.user_agent = cfg->fetch.user_agent,
			.accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
			.max_bytes = LIMIT_PAGE_BYTES,
		};
		which[m++] = i;
	}
	if (!m)
		goto out;
	struct fetch_options fo = poll_fetch_options(cfg, label);
	if (!fetch_all(freqs, m, &fo, resps)) {
		for (size_t k = 0; k < m; k++)
			set_error(&out[which[k]], strdup("cannot start the HTTP client"));
		goto out;
	}
	log_progress_end();
	/* One transaction for the pages of the run: one sync to disk, not one
	 * per page. A kill before the commit only loses the cache. */
	bool batch = archive_begin(a);
	for (size_t k = 0; k < m; k++) {
		struct pages_result *r = &out[which[k]];
		struct fetch_response *f = &resps[k];
		if (f->retry_after != DATE_NONE) {
			char *host = url_host(reqs[which[k]].url);
			if (host && !archive_host_set_not_before(a, host, f->retry_after))
				log_warn("%s: %s", reqs[which[k]].url, archive_error(a));
			free(host);
		}
		if (f->outcome != FETCH_OK) {
			set_error(r, poll_failure_reason(f));
			r->transient = f->transient;
			r->retry_after = f->retry_after;
			fetch_response_finish(f);
			continue;
		}
		r->page = (struct archive_page){
			.url = strdup(reqs[which[k]].key),
			.body = f->body,
			.len = f->len,
			.content_type = f->content_type,
			.fetched = now,
			.final_url = f->effective_url,
		};
		f->body = NULL;
		f->content_type = NULL;
		f->effective_url = NULL;
		r->have = true;
		if (!r->page.url || !archive_page_put(a, &r->page))
			log_warn("%s: cannot cache the page: %s", reqs[which[k]].url, archive_error(a));
		fetch_response_finish(f);
	}
	if (batch && !archive_commit(a)) {
		log_warn("archive: cannot cache this run's pages: %s", archive_error(a));
		archive_rollback(a);
	}
out:
	free(freqs);
	free(resps);
	free(which);
}
