/* fetch — parallel HTTP(S) GETs with libcurl's multi interface.
 *
 * One event loop runs every request under a global and a per-host
 * connection limit, with requests to one host staggered.  Each request is
 * bounded: connect and total timeouts, a low-speed abort, a body cap
 * enforced in the write callback, at most LIMIT_REDIRECTS redirects, http
 * and https only (after redirects too), TLS verified, the environment's
 * proxy honoured.  Conditional requests send the validators given.
 * No request's failure affects another's.
 *
 * A transient failure (fetch_response.transient) is tried again inside the
 * same event loop, up to fetch_options.retries more times: after a pause that
 * grows (retry_pause_ms, then LIMIT_RETRY_PAUSE_GROWTH times longer each
 * time), or, for a 429 or 503 with Retry-After, after exactly the time the
 * server asked when that is at most max_wait_s (a longer one ends the request
 * with retry_after set, for the caller to store). A waiting request holds no
 * connection and no per-host slot, so the other requests go on meanwhile;
 * after a Retry-After its whole host waits, as the server asked. Retrying in
 * the loop, rather than in rounds of fetch_all() or by sleeping, keeps one
 * place for the per-host limits and lets a run take only as long as its
 * slowest request's retries. */
#ifndef READS_FETCH_H
#define READS_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"

struct fetch_request {
	const char *url;		/* absolute http(s) URL */
	const char *etag;		/* sent as If-None-Match, or NULL */
	const char *last_modified;	/* sent as If-Modified-Since, or NULL */
	const char *user_agent;		/* NULL: "reads/VERSION (+URL)" */
	const char *accept;		/* NULL: a feed Accept header */
	size_t max_bytes;		/* 0: LIMIT_FEED_BYTES */
};

enum fetch_outcome {
	FETCH_OK,		/* 2xx with a body */
	FETCH_NOT_MODIFIED,	/* 304: nothing to parse */
	FETCH_HTTP_ERROR,	/* a 4xx/5xx status (see status, retry_after) */
	FETCH_GONE,		/* 410: the feed is gone for good */
	FETCH_NETWORK_ERROR,	/* DNS, connect, TLS, reset, timeout, truncation */
	FETCH_TOO_BIG,		/* body over max_bytes */
	FETCH_BAD_URL,		/* not http(s), or a redirect to another scheme */
};

/* What came back for one request.  Strings are NUL-terminated and owned by
 * the response (fetch_response_finish frees them).
 * - The body of a non-2xx response is not downloaded: the status says it all.
 * - etag and last_modified are those of the final response, verbatim (no
 *   quotes or W/ removed), set for FETCH_OK and FETCH_NOT_MODIFIED only; NULL
 *   when the server sent none (a 304 without them: keep the stored ones).
 *   Values with control bytes or over LIMIT_VALIDATOR_BYTES are dropped.
 * - moved_to: the target of the last hop of an unbroken chain of 301/308
 *   redirects from the requested URL (301 → 308 → 302 → 200 gives the 308's
 *   target); set only when the fetch ended in FETCH_OK or FETCH_NOT_MODIFIED,
 *   so a stored URL never moves to a broken one.
 * - retry_after: only for 429 and 503 that carry Retry-After (seconds or an
 *   HTTP date), at least date_now(), at most date_now() + LIMIT_RETRY_AFTER_S.
 * - error: "HTTP 404", "HTTP 410 (gone)", "body over N bytes", "too slow:
 *   under 64 bytes/s for 10 s", "timed out after 30 s", "more than 5
 *   redirects (a redirect loop?)", "redirect to a non-http(s) URL refused",
 *   "truncated body: …", or curl's own reason ("Recv failure: Connection
 *   reset by peer", "SSL certificate problem: …"); never the URL. */
struct fetch_response {
	enum fetch_outcome outcome;
	long status;		/* last HTTP status, 0 when none */
	char *body;		/* NUL-terminated, decompressed; NULL unless FETCH_OK */
	size_t len;
	char *content_type;	/* or NULL */
	char *etag;		/* verbatim from the response, or NULL */
	char *last_modified;	/* verbatim from the response, or NULL */
	char *effective_url;	/* after redirects */
	char *moved_to;		/* set when a 301/308 moved the URL permanently */
	int64_t retry_after;	/* 429/503: absolute time (epoch s), capped; else DATE_NONE */
	double seconds;		/* wall time of the last transfer */
	char *error;		/* a one-line reason (no URL in it), NULL on success */
	unsigned tries;		/* requests made for this answer (1 + retries used) */
	bool transient;		/* a failure that may pass (see below): worth trying later */
};
/* Transient failures: connection refused or reset, nothing received, a send
 * or receive error, a timeout (total, connect or too slow), a truncated body,
 * and HTTP 408, 425, 429, 500, 502, 503, 504. Everything else (404, 410, TLS
 * problems, bad URLs, bodies over the cap) would fail the same way again. */

/* Progress after each finished request (retries are not finished): done of
 * total, failures, and the body bytes received so far on the wire (before
 * decompression). */
typedef void (*fetch_progress_cb)(size_t done, size_t total, size_t failed, uint64_t bytes, void *ctx);

struct fetch_options {
	unsigned connections;	/* 0: LIMIT_DEFAULT_CONNECTIONS */
	unsigned per_host;	/* 0: LIMIT_DEFAULT_PER_HOST */
	long timeout_s;		/* 0: LIMIT_DEFAULT_TIMEOUT_S */
	long connect_timeout_s;	/* 0: LIMIT_CONNECT_TIMEOUT_S */
	long low_speed_time_s;	/* 0: LIMIT_LOW_SPEED_TIME_S */
	long stagger_ms;	/* least time between two starts to one host; 0: none */
	fetch_progress_cb progress;
	void *progress_ctx;
	const char *ca_file;	/* PEM bundle of trusted CAs; NULL: the system's store */
	unsigned retries;	/* further tries of a transient failure; 0: none */
	long retry_pause_ms;	/* pause before the first retry (each next one is
				   LIMIT_RETRY_PAUSE_GROWTH times longer); <= 0: none */
	long max_wait_s;	/* longest Retry-After waited for; 0: none is waited for */
};

/* Runs all n requests; out[i] answers reqs[i]. Always fills every out[i]
 * (a failure is an outcome, not a return value). False only when the
 * event loop itself could not start or broke down. A request is handed to
 * libcurl only when its host (the URL's host name, any port) has one of its
 * per_host slots free and the global limit allows, so its timeouts never
 * run while it waits. opts may be NULL (all defaults). Caller frees each
 * out[i] with fetch_response_finish(). */
bool fetch_all(const struct fetch_request *reqs, size_t n, const struct fetch_options *opts,
	       struct fetch_response *out) WUR;

/* Frees what a response owns. */
void fetch_response_finish(struct fetch_response *r);

/* The User-Agent reads sends by default. */
const char *fetch_default_user_agent(void);

/* Must be called once before any other fetch_ function (curl_global_init). */
bool fetch_global_init(void) WUR;
void fetch_global_cleanup(void);

#endif
