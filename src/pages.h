/* pages — article pages through the archive's cache, for the draft's
 * entries and for dating bookmarks. A cached page is used as it is (unless
 * refresh); the others are fetched in one parallel run with feeds.yaml's
 * limits and retries, leaving alone a host whose Retry-After has not passed
 * (and storing a new one), and are cached with where their redirects led. */
#ifndef READS_PAGES_H
#define READS_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "config.h"

struct pages_request {
	const char *key;	/* the cache key: the item's canonical URL */
	const char *url;	/* what to fetch (her link without its text directive) */
};

struct pages_result {
	bool have;			/* page holds the page */
	struct archive_page page;	/* page.final_url: where the redirects led, or NULL */
	char *error;			/* why not, when !have: one line, no URL in it */
	bool transient;			/* that failure may pass */
	int64_t retry_after;		/* the host asked to be left alone until then; DATE_NONE */
};

/* Fills out[i] for reqs[i], i < n. label names the progress line ("pages").
 * Pages fetched are cached in one transaction (a failure to cache is a
 * warning: the page is still used). Caller frees each out[i] with
 * pages_result_finish(). */
void pages_get(const struct config *cfg, struct archive *a, const struct pages_request *reqs, size_t n,
	       bool refresh, int64_t now, const char *label, struct pages_result *out);

void pages_result_finish(struct pages_result *r);

#endif
