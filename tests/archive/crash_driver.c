/* crash_driver — writes to an archive in a loop until killed, for crash.py.
 *
 *   crash_driver DB RUN [ITERATIONS]
 *
 * Iteration i of run RUN writes one of three shapes (i % 3):
 *   0: a batch (archive_begin/commit) of 5 feed items, the feed's state and a
 *      drafted mark;
 *   1: one item put on its own (the archive's own transaction);
 *   2: a batch of 5 bookmarks, a cached page of binary bytes and a dismissal.
 * Item URLs are https://crash.test/RUN/I/K. After each commit it prints
 * "C RUN I" and flushes, so every line printed is a promise that the write
 * is in the archive. Without ITERATIONS it runs until killed (at most
 * 1000000 iterations). Exit 1 with a message on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "date.h"

/* The page body of (run, i): a 97-byte block starting with a NUL, repeated
 * (crash.py computes the same). */
static void page_bytes(long run, long i, unsigned char *p, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned long b = k % 97;
		p[k] = b == 0 ? 0 : (unsigned char)((unsigned long)run * 31 + (unsigned long)i * 17 + b * b);
	}
}

static int fail(struct archive *a, const char *what)
{
	fprintf(stderr, "crash_driver: %s: %s\n", what, a ? archive_error(a) : "");
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: crash_driver DB RUN [ITERATIONS]\n");
		return 2;
	}
	long run = atol(argv[2]);
	long iterations = argc > 3 ? atol(argv[3]) : 1000000;
	char *err = NULL;
	struct archive *a = archive_open(argv[1], &err);
	if (!a) {
		fprintf(stderr, "crash_driver: %s\n", err);
		free(err);
		return 1;
	}
	char month[16], feed[64], url[96], title[64];
	static unsigned char page[8 * 1024];
	for (long i = 0; i < iterations; i++) {
		int shape = (int)(i % 3);
		snprintf(feed, sizeof feed, "https://crash.test/%ld/feed", run);
		snprintf(month, sizeof month, "20%02ld-%02ld", 10 + run % 80, 1 + i % 12);
		int64_t t = 1288569600 + i * 60;
		if (shape == 1) {
			snprintf(url, sizeof url, "https://crash.test/%ld/%ld/0", run, i);
			snprintf(title, sizeof title, "run %ld item %ld", run, i);
			struct archive_item it = {.kind = ARCHIVE_FEED_ITEM, .source = feed, .url = url,
						  .link = url, .title = title, .published = t,
						  .added = DATE_NONE};
			if (archive_item_put(a, &it) != ARCHIVE_PUT_NEW)
				return fail(a, "single put");
		} else {
			if (!archive_begin(a))
				return fail(a, "begin");
			for (int k = 0; k < 5; k++) {
				char guid[64];
				snprintf(url, sizeof url, "https://crash.test/%ld/%ld/%d", run, i, k);
				snprintf(guid, sizeof guid, "crash:%ld:%ld:%d", run, i, k);
				snprintf(title, sizeof title, "run %ld item %ld.%d", run, i, k);
				struct archive_item it = {
					.kind = shape == 0 ? ARCHIVE_FEED_ITEM : ARCHIVE_BOOKMARK,
					.source = shape == 0 ? feed : "bookmarks.html",
					.url = url, .link = url, .guid = shape == 0 ? guid : NULL,
					.title = title, .published = t,
					.added = shape == 0 ? DATE_NONE : t + k,
					.quote = shape == 0 ? NULL : "A quote she chose.",
				};
				if (archive_item_put(a, &it) != ARCHIVE_PUT_NEW)
					return fail(a, "batch put");
			}
			snprintf(url, sizeof url, "https://crash.test/%ld/%ld/0", run, i);
			if (shape == 0) {
				char etag[48];
				snprintf(etag, sizeof etag, "\"%ld-%ld\"", run, i);
				struct archive_feed f = {.url = feed, .etag = etag, .last_success = t,
							 .last_attempt = t, .next_fetch = DATE_NONE};
				if (!archive_feed_put(a, &f) || !archive_drafted_add(a, month, url))
					return fail(a, "feed state");
			} else {
				page_bytes(run, i, page, sizeof page);
				struct archive_page pg = {.url = url, .body = (char *)page, .len = sizeof page,
							  .content_type = "text/html", .fetched = t};
				if (!archive_page_put(a, &pg) || !archive_dismiss(a, month, url))
					return fail(a, "page");
			}
			if (!archive_commit(a))
				return fail(a, "commit");
		}
		printf("C %ld %ld\n", run, i);
		fflush(stdout);
	}
	archive_close(a);
	return 0;
}
