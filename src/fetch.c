#include "fetch.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "curlapi.h"
#include "date.h"
#include "limits.h"
#include "url.h"

#ifndef READS_VERSION
#define READS_VERSION "0"
#endif

#define USER_AGENT "reads/" READS_VERSION " (+https://github.com/reads-digest/reads)"
#define FEED_ACCEPT "application/rss+xml, application/atom+xml, application/feed+json, " \
		    "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"

/* One request in flight: what its callbacks collect. */
struct xfer {
	CURL *easy;
	size_t idx;			/* index into reqs/out */
	size_t host;			/* index into the host table */
	struct curl_slist *headers;
	struct buf body;
	size_t max_bytes;
	size_t header_bytes;
	bool too_big;			/* the write callback passed max_bytes */
	bool headers_too_big;		/* the header callback passed LIMIT_HEADER_BYTES */
	bool skipped_body;		/* body of a non-2xx response not read */
	bool oom;
	long hop_status;		/* status of the response being received */
	char *etag;			/* of the current hop */
	char *last_modified;
	char *retry_after;
	char *location;
	char *cur_url;			/* URL of the current hop */
	char *moved_to;			/* last target of an all-permanent chain */
	bool permanent_chain;		/* every hop so far was a 301/308 */
	char errbuf[CURL_ERROR_SIZE];
};

/* Requests of one host, queued in order; at most per_host run at once. */
struct host {
	char *name;
	size_t active;
	size_t head, tail;		/* queue of request indices via next[] */
	long long next_start_ms;	/* stagger: no start before this */
};

#define NONE ((size_t)-1)

struct loop {
	const struct fetch_request *reqs;
	struct fetch_response *out;
	size_t n;
	const struct fetch_options *opts;
	unsigned connections, per_host;
	long timeout_s, connect_timeout_s, low_speed_time_s, stagger_ms;
	CURLM *multi;
	struct host *hosts;
	size_t nhosts;
	size_t *next;			/* per request: next queued index of its host */
	struct xfer **live;		/* per request: its transfer while in flight */
	size_t *host_of;		/* per request: its host's index */
	unsigned *tries;		/* per request: transfers started */
	long long *ready_ms;		/* per request: waiting to retry until then; 0: not waiting */
	size_t rr;			/* round-robin start among hosts */
	size_t active, pending, waiting, done, failed;
	uint64_t bytes;
};

const char *fetch_default_user_agent(void)
{
	return USER_AGENT;
}

bool fetch_global_init(void)
{
	return curl_api()->global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void fetch_global_cleanup(void)
{
	curl_api()->global_cleanup();
}

void fetch_response_finish(struct fetch_response *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->effective_url);
	free(r->moved_to);
	free(r->error);
	memset(r, 0, sizeof(*r));
	r->retry_after = DATE_NONE;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when s can go into a request header as it is: no control bytes
 * (a stored validator or a configured User-Agent must not inject headers). */
static bool header_safe(const char *s, size_t max)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f || n >= max)
			return false;
	return true;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static void set_str(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* Removes every occurrence of needle from s, in place. */
static void remove_all(char *s, const char *needle)
{
	size_t nl = needle ? strlen(needle) : 0;
	if (!nl)
		return;
	char *p;
	while ((p = strstr(s, needle)))
		memmove(p, p + nl, strlen(p + nl) + 1);
}

static bool has_header_name(const char *line, size_t len, const char *name, const char **val, size_t *vlen)
{
	size_t nl = strlen(name);
	if (len <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0)
		return false;
	const char *v = line + nl + 1, *e = line + len;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*val = v;
	*vlen = (size_t)(e - v);
	return true;
}

/* A response (one hop) is complete: follow the permanent-redirect chain. */
static void end_of_hop(struct xfer *x)
{
	if (x->hop_status < 300 || x->hop_status > 399 || !x->location)
		return;
	char *target = url_resolve(x->cur_url, x->location);
	if (!target) {
		x->permanent_chain = false;
		return;
	}
	if (x->permanent_chain && (x->hop_status == 301 || x->hop_status == 308))
		set_str(&x->moved_to, strdup(target));
	else
		x->permanent_chain = false;
	set_str(&x->cur_url, target);
}

static size_t header_cb(char *data, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * nmemb;
	const char *v;
	size_t vl;

	if (len > LIMIT_HEADER_BYTES - x->header_bytes) {
		x->headers_too_big = true;
		return 0;
	}
	x->header_bytes += len;

	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		/* A new response: what the previous hop said no longer holds. */
		const char *p = data + 5, *e = data + len;
		while (p < e && *p != ' ')
			p++;
		while (p < e && *p == ' ')
			p++;
		long st = 0;
		for (int i = 0; i < 3 && p < e && isdigit((unsigned char)*p); i++, p++)
			st = st * 10 + (*p - '0');
		x->hop_status = st;
		set_str(&x->etag, NULL);
		set_str(&x->last_modified, NULL);
		set_str(&x->retry_after, NULL);
		set_str(&x->location, NULL);
		return len;
	}
	if (len <= 2 && (data[0] == '\r' || data[0] == '\n')) {
		if (x->hop_status >= 200)
			end_of_hop(x);
		return len;
	}
	if (has_header_name(data, len, "ETag", &v, &vl)) {
		set_str(&x->etag, vl && vl <= LIMIT_VALIDATOR_BYTES ? dup_n(v, vl) : NULL);
	} else if (has_header_name(data, len, "Last-Modified", &v, &vl)) {
		set_str(&x->last_modified, vl && vl <= LIMIT_VALIDATOR_BYTES ? dup_n(v, vl) : NULL);
	} else if (has_header_name(data, len, "Retry-After", &v, &vl)) {
		set_str(&x->retry_after, vl <= LIMIT_VALIDATOR_BYTES ? dup_n(v, vl) : NULL);
	} else if (has_header_name(data, len, "Location", &v, &vl)) {
		set_str(&x->location, vl && vl <= LIMIT_LOCATION_BYTES ? dup_n(v, vl) : NULL);
	}
	return len;
}

static size_t write_cb(char *data, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * nmemb;

	if (x->hop_status < 200 || x->hop_status > 299) {
		/* An error page: the status says it all, don't download it. */
		x->skipped_body = true;
		return 0;
	}
	if (len > x->max_bytes - x->body.len) {
		x->too_big = true;
		return 0;
	}
	if (!buf_append(&x->body, data, len)) {
		x->oom = true;
		return 0;
	}
	return len;
}

/* Retry-After (delta seconds or an HTTP date) as an absolute time, capped. */
static int64_t parse_retry_after(const char *s)
{
	int64_t now = date_now(), t = DATE_NONE;
	if (!s || !*s)
		return DATE_NONE;
	if (strspn(s, "0123456789") == strlen(s)) {
		errno = 0;
		unsigned long long d = strtoull(s, NULL, 10);
		t = (errno || d > (unsigned long long)LIMIT_RETRY_AFTER_S) ? now + LIMIT_RETRY_AFTER_S
									 : now + (int64_t)d;
	} else {
		t = date_parse(s);
		if (t == DATE_NONE) {
			time_t c = curl_api()->getdate(s, NULL);
			if (c == -1)
				return DATE_NONE;
			t = (int64_t)c;
		}
	}
	if (t < now)
		t = now;
	if (t > now + LIMIT_RETRY_AFTER_S)
		t = now + LIMIT_RETRY_AFTER_S;
	return t;
}

static void xfer_free(struct xfer *x)
{
	if (!x)
		return;
	if (x->easy)
		curl_api()->easy_cleanup(x->easy);
	curl_api()->slist_free_all(x->headers);
	buf_finish(&x->body);
	free(x->etag);
	free(x->last_modified);
	free(x->retry_after);
	free(x->location);
	free(x->cur_url);
	free(x->moved_to);
	free(x);
}

/* The statuses that say "not now" rather than "no": a timeout, too early,
 * too many requests, and the server's or a gateway's passing trouble. */
static bool transient_status(long st)
{
	return st == 408 || st == 425 || st == 429 || st == 500 || st == 502 || st == 503 || st == 504;
}

/* The transfer errors of a connection that may work the next time: refused,
 * reset (send or receive error), nothing received, timed out, cut short. */
static bool transient_code(CURLcode code)
{
	return code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT || code == CURLE_PARTIAL_FILE ||
	       code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR;
}

/* Fills r from the status of a completed exchange. */
static void classify_status(struct xfer *x, struct fetch_response *r)
{
	long st = r->status;
	if (st == 304) {
		r->outcome = FETCH_NOT_MODIFIED;
	} else if (st >= 200 && st <= 299) {
		r->outcome = FETCH_OK;
		r->body = buf_detach(&x->body);
		if (!r->body) {
			r->outcome = FETCH_NETWORK_ERROR;
			r->error = str_printf("out of memory");
			return;
		}
	} else if (st == 410) {
		r->outcome = FETCH_GONE;
		r->error = str_printf("HTTP 410 (gone)");
	} else {
		r->outcome = FETCH_HTTP_ERROR;
		if (st == 429 || st == 503)
			r->retry_after = parse_retry_after(x->retry_after);
		r->error = str_printf("HTTP %ld", st);
	}
}

static void complete(struct loop *L, struct xfer *x, CURLcode code)
{
	struct fetch_response *r = &L->out[x->idx];
	const struct fetch_request *q = &L->reqs[x->idx];
	char *eff = NULL;
	char *ct = NULL;
	curl_off_t us = 0;

	curl_api()->easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
	curl_api()->easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_api()->easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_api()->easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &us);
	r->seconds = (double)us / 1e6;
	r->effective_url = strdup(eff ? eff : q->url);
	r->content_type = ct ? strdup(ct) : NULL;
	r->len = x->body.len;
	curl_off_t wire = 0;
	curl_api()->easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &wire);
	L->bytes += wire > 0 ? (uint64_t)wire : 0;

	if (x->too_big || (code == CURLE_FILESIZE_EXCEEDED && x->hop_status >= 200 && x->hop_status <= 299)) {
		r->outcome = FETCH_TOO_BIG;
		r->error = str_printf("body over %zu bytes", x->max_bytes);
	} else if (x->headers_too_big) {
		r->outcome = FETCH_TOO_BIG;
		r->error = str_printf("response headers over %zu bytes", LIMIT_HEADER_BYTES);
	} else if (x->oom) {
		r->outcome = FETCH_NETWORK_ERROR;
		r->error = str_printf("out of memory");
	} else if (code == CURLE_OK || ((code == CURLE_WRITE_ERROR || code == CURLE_FILESIZE_EXCEEDED) &&
				      x->skipped_body) ||
		   (code == CURLE_FILESIZE_EXCEEDED && r->status >= 300)) {
		classify_status(x, r);
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL) {
		r->outcome = FETCH_BAD_URL;
		r->error = str_printf("redirect to a non-http(s) URL refused");
	} else if (code == CURLE_URL_MALFORMAT) {
		r->outcome = FETCH_BAD_URL;
		r->error = str_printf("malformed URL");
	} else if (code == CURLE_TOO_MANY_REDIRECTS) {
		r->outcome = FETCH_NETWORK_ERROR;
		r->error = str_printf("more than %ld redirects (a redirect loop?)", LIMIT_REDIRECTS);
	} else {
		r->outcome = FETCH_NETWORK_ERROR;
		const char *why = x->errbuf[0] ? x->errbuf : curl_api()->easy_strerror(code);
		if (code == CURLE_PARTIAL_FILE)
			r->error = str_printf("truncated body: %s", why);
		else if (code == CURLE_OPERATION_TIMEDOUT && strncmp(why, "Operation too slow", 18) == 0)
			r->error = str_printf("too slow: under %ld bytes/s for %ld s", LIMIT_LOW_SPEED_BYTES,
					  L->low_speed_time_s);
		else if (code == CURLE_OPERATION_TIMEDOUT && strncmp(why, "Operation timed out", 19) == 0)
			r->error = str_printf("timed out after %ld s", L->timeout_s);
		else if (code == CURLE_OPERATION_TIMEDOUT)
			r->error = str_printf("%s timed out after %ld s",
					  strncmp(why, "Resolving", 9) == 0 ? "name lookup" : "connect",
					  L->connect_timeout_s < L->timeout_s ? L->connect_timeout_s : L->timeout_s);
		else
			r->error = str_printf("%s", why);
		if (r->error) {
			remove_all(r->error, q->url);
			remove_all(r->error, eff);
			remove_all(r->error, x->cur_url);
		}
	}
	if (r->outcome == FETCH_OK || r->outcome == FETCH_NOT_MODIFIED) {
		/* The validators of the final response, verbatim. */
		r->etag = x->etag;
		x->etag = NULL;
		r->last_modified = x->last_modified;
		x->last_modified = NULL;
		/* Only a move to a URL that works is worth storing. */
		if (x->moved_to) {
			r->moved_to = x->moved_to;
			x->moved_to = NULL;
		}
	}
	r->tries = L->tries[x->idx];
	if (r->outcome == FETCH_HTTP_ERROR)
		r->transient = transient_status(r->status);
	else if (r->outcome == FETCH_NETWORK_ERROR && !x->oom)
		r->transient = transient_code(code);
}

/* Finishes request i without a transfer (bad URL, setup failure). */
static void fail_early(struct loop *L, size_t i, enum fetch_outcome o, const char *why)
{
	struct fetch_response *r = &L->out[i];
	r->outcome = o;
	r->error = strdup(why);
	r->effective_url = L->reqs[i].url ? strdup(L->reqs[i].url) : NULL;
	r->tries = L->tries ? L->tries[i] : 0;
	L->done++;
	L->failed++;
	if (L->opts && L->opts->progress)
		L->opts->progress(L->done, L->n, L->failed, L->bytes, L->opts->progress_ctx);
}

static bool add_header(struct curl_slist **h, const char *name, const char *value)
{
	char line[LIMIT_VALIDATOR_BYTES + 64];
	snprintf(line, sizeof(line), "%s: %s", name, value);
	struct curl_slist *n = curl_api()->slist_append(*h, line);
	if (!n)
		return false;
	*h = n;
	return true;
}

static bool start(struct loop *L, size_t i, size_t host)
{
	const struct fetch_request *q = &L->reqs[i];
	struct xfer *x = calloc(1, sizeof(*x));
	if (!x)
		goto fail;
	x->idx = i;
	x->host = host;
	x->max_bytes = q->max_bytes ? q->max_bytes : LIMIT_FEED_BYTES;
	buf_init(&x->body, x->max_bytes);
	x->permanent_chain = true;
	x->cur_url = strdup(q->url);
	x->easy = curl_api()->easy_init();
	if (!x->cur_url || !x->easy)
		goto fail;

	const char *ua = q->user_agent && header_safe(q->user_agent, 512) ? q->user_agent : USER_AGENT;
	const char *accept = q->accept && header_safe(q->accept, 512) ? q->accept : FEED_ACCEPT;
	if (!add_header(&x->headers, "Accept", accept))
		goto fail;
	if (q->etag && *q->etag && header_safe(q->etag, LIMIT_VALIDATOR_BYTES) &&
	    !add_header(&x->headers, "If-None-Match", q->etag))
		goto fail;
	if (q->last_modified && *q->last_modified && header_safe(q->last_modified, LIMIT_VALIDATOR_BYTES) &&
	    !add_header(&x->headers, "If-Modified-Since", q->last_modified))
		goto fail;

	CURL *e = x->easy;
	CURLcode c = CURLE_OK;
#define SET(opt, val) do { if (c == CURLE_OK) c = curl_api()->easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, q->url);
	SET(CURLOPT_PRIVATE, (void *)x);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_ERRORBUFFER, x->errbuf);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, LIMIT_REDIRECTS);
	SET(CURLOPT_AUTOREFERER, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (L->opts->ca_file)
		SET(CURLOPT_CAINFO, L->opts->ca_file);
	SET(CURLOPT_CONNECTTIMEOUT, L->connect_timeout_s);
	SET(CURLOPT_TIMEOUT, L->timeout_s);
	SET(CURLOPT_LOW_SPEED_LIMIT, LIMIT_LOW_SPEED_BYTES);
	SET(CURLOPT_LOW_SPEED_TIME, L->low_speed_time_s);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_bytes);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, ua);
	SET(CURLOPT_HTTPHEADER, x->headers);
	SET(CURLOPT_HEADERFUNCTION, header_cb);
	SET(CURLOPT_HEADERDATA, (void *)x);
	SET(CURLOPT_WRITEFUNCTION, write_cb);
	SET(CURLOPT_WRITEDATA, (void *)x);
#undef SET
	if (c != CURLE_OK)
		goto fail;
	if (curl_api()->multi_add_handle(L->multi, e) != CURLM_OK)
		goto fail;
	L->live[i] = x;
	L->tries[i]++;
	L->hosts[host].active++;
	L->active++;
	return true;
fail:
	xfer_free(x);
	fail_early(L, i, FETCH_NETWORK_ERROR, "could not set up the request (out of memory?)");
	return false;
}

/* Starts every queued request whose host has a free slot, one per host per
 * round so hosts share the global slots fairly. Returns the ms until the
 * next staggered start, or -1 when none waits on the clock. */
static long start_ready(struct loop *L)
{
	long wait = -1;
	bool started = true;
	while (started && L->pending && L->active < L->connections) {
		started = false;
		wait = -1;
		long long now = now_ms();
		for (size_t k = 0; k < L->nhosts && L->active < L->connections; k++) {
			size_t h = (L->rr + k) % L->nhosts;
			struct host *H = &L->hosts[h];
			if (H->head == NONE || H->active >= L->per_host)
				continue;
			if (now < H->next_start_ms) {
				long w = (long)(H->next_start_ms - now);
				if (wait < 0 || w < wait)
					wait = w;
				continue;
			}
			size_t i = H->head;
			H->head = L->next[i];
			if (H->head == NONE)
				H->tail = NONE;
			L->pending--;
			H->next_start_ms = now + L->stagger_ms;
			start(L, i, h);
			started = true;
		}
		L->rr = L->nhosts ? (L->rr + 1) % L->nhosts : 0;
	}
	return wait;
}

/* Whether request i, just answered, is to be tried again; if so its answer
 * is dropped and it waits (see fetch.h for the rule). */
static bool retry_later(struct loop *L, size_t i)
{
	struct fetch_response *r = &L->out[i];
	const struct fetch_options *o = L->opts;
	if (!r->transient || L->tries[i] > o->retries)
		return false;
	long long delay_ms;
	bool asked = r->retry_after != DATE_NONE;
	if (asked) {
		int64_t wait_s = r->retry_after - date_now();
		if (wait_s < 0)
			wait_s = 0;
		if (wait_s > o->max_wait_s)
			return false;	/* too long for this run: the caller stores it */
		delay_ms = (long long)wait_s * 1000;
	} else {
		delay_ms = o->retry_pause_ms > 0 ? o->retry_pause_ms : 0;
		for (unsigned k = 1; k < L->tries[i]; k++)
			delay_ms *= LIMIT_RETRY_PAUSE_GROWTH;
	}
	long long ready = now_ms() + delay_ms;
	if (ready == 0)
		ready = 1;	/* 0 means "not waiting" */
	if (asked) {
		/* The server spoke for the host, not for one URL. */
		struct host *H = &L->hosts[L->host_of[i]];
		if (H->next_start_ms < ready)
			H->next_start_ms = ready;
	}
	fetch_response_finish(r);
	L->ready_ms[i] = ready;
	L->waiting++;
	return true;
}

/* Puts every waiting request whose pause is over back at the head of its
 * host's queue (it was there first). Returns the ms until the next one is
 * due, or -1 when none waits. */
static long release_waiting(struct loop *L)
{
	if (!L->waiting)
		return -1;
	long long now = now_ms(), next = -1;
	for (size_t i = 0; i < L->n; i++) {
		if (!L->ready_ms[i])
			continue;
		if (L->ready_ms[i] > now) {
			if (next < 0 || L->ready_ms[i] - now < next)
				next = L->ready_ms[i] - now;
			continue;
		}
		L->ready_ms[i] = 0;
		L->waiting--;
		struct host *H = &L->hosts[L->host_of[i]];
		L->next[i] = H->head;
		H->head = i;
		if (H->tail == NONE)
			H->tail = i;
		L->pending++;
	}
	return (long)next;
}

static void drain(struct loop *L)
{
	CURLMsg *m;
	int left;
	while ((m = curl_api()->multi_info_read(L->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct xfer *x = NULL;
		curl_api()->easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		CURLcode code = m->data.result;
		curl_api()->multi_remove_handle(L->multi, m->easy_handle);
		L->live[x->idx] = NULL;
		complete(L, x, code);
		L->hosts[x->host].active--;
		L->active--;
		size_t i = x->idx;
		xfer_free(x);
		if (retry_later(L, i))
			continue;
		L->done++;
		if (L->out[i].outcome != FETCH_OK && L->out[i].outcome != FETCH_NOT_MODIFIED)
			L->failed++;
		if (L->opts && L->opts->progress)
			L->opts->progress(L->done, L->n, L->failed, L->bytes, L->opts->progress_ctx);
	}
}

/* Puts every valid request into its host's queue; fails the others. */
static void enqueue(struct loop *L)
{
	for (size_t i = 0; i < L->n; i++) {
		const char *u = L->reqs[i].url;
		L->next[i] = NONE;
		if (!u || !url_is_http(u)) {
			fail_early(L, i, FETCH_BAD_URL, "not an http(s) URL");
			continue;
		}
		char *name = url_host(u);
		if (!name) {
			fail_early(L, i, FETCH_BAD_URL, "not an http(s) URL");
			continue;
		}
		size_t h;
		for (h = 0; h < L->nhosts; h++)
			if (strcmp(L->hosts[h].name, name) == 0)
				break;
		if (h == L->nhosts) {
			L->hosts[h] = (struct host){.name = name, .head = NONE, .tail = NONE};
			L->nhosts++;
		} else {
			free(name);
		}
		struct host *H = &L->hosts[h];
		L->host_of[i] = h;
		if (H->tail == NONE)
			H->head = i;
		else
			L->next[H->tail] = i;
		H->tail = i;
		L->pending++;
	}
}

bool fetch_all(const struct fetch_request *reqs, size_t n, const struct fetch_options *opts,
	       struct fetch_response *out)
{
	static const struct fetch_options defaults;
	struct loop L = {.reqs = reqs, .out = out, .n = n, .opts = opts ? opts : &defaults};
	bool ok = false;

	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].retry_after = DATE_NONE;
	}
	opts = L.opts;
	L.connections = opts->connections ? opts->connections : LIMIT_DEFAULT_CONNECTIONS;
	if (L.connections > LIMIT_MAX_CONNECTIONS)
		L.connections = LIMIT_MAX_CONNECTIONS;
	L.per_host = opts->per_host ? opts->per_host : LIMIT_DEFAULT_PER_HOST;
	if (L.per_host > L.connections)
		L.per_host = L.connections;
	L.timeout_s = opts->timeout_s > 0 ? opts->timeout_s : LIMIT_DEFAULT_TIMEOUT_S;
	L.connect_timeout_s = opts->connect_timeout_s > 0 ? opts->connect_timeout_s : LIMIT_CONNECT_TIMEOUT_S;
	L.low_speed_time_s = opts->low_speed_time_s > 0 ? opts->low_speed_time_s : LIMIT_LOW_SPEED_TIME_S;
	L.stagger_ms = opts->stagger_ms > 0 ? opts->stagger_ms : 0;

	L.multi = curl_api()->multi_init();
	L.hosts = calloc(n ? n : 1, sizeof(*L.hosts));
	L.next = calloc(n ? n : 1, sizeof(*L.next));
	L.live = calloc(n ? n : 1, sizeof(*L.live));
	L.host_of = calloc(n ? n : 1, sizeof(*L.host_of));
	L.tries = calloc(n ? n : 1, sizeof(*L.tries));
	L.ready_ms = calloc(n ? n : 1, sizeof(*L.ready_ms));
	if (!L.multi || !L.hosts || !L.next || !L.live || !L.host_of || !L.tries || !L.ready_ms) {
		for (size_t i = 0; i < n; i++)
			fail_early(&L, i, FETCH_NETWORK_ERROR, "could not start the transfers (out of memory?)");
		goto out;
	}
	curl_api()->multi_setopt(L.multi, CURLMOPT_MAXCONNECTS, (long)L.connections * 2);
	enqueue(&L);

	for (;;) {
		long retry_wait = release_waiting(&L);
		long wait = start_ready(&L);
		if (L.active == 0 && L.pending == 0 && L.waiting == 0)
			break;
		if (retry_wait >= 0 && (wait < 0 || retry_wait < wait))
			wait = retry_wait;
		int running = 0;
		if (curl_api()->multi_perform(L.multi, &running) != CURLM_OK)
			goto out;
		size_t before = L.done, before_waiting = L.waiting;
		drain(&L);
		if (L.done != before || L.waiting != before_waiting)
			continue;	/* slots freed or a retry set: start the next ones first */
		int timeout = LIMIT_POLL_MS;
		if (wait >= 0 && wait < timeout)
			timeout = (int)wait;
		if (L.active == 0 && timeout > 0) {
			/* Only staggered starts and retries wait: sleep without curl. */
			struct timespec ts = {timeout / 1000, (long)(timeout % 1000) * 1000000};
			nanosleep(&ts, NULL);
			continue;
		}
		if (curl_api()->multi_poll(L.multi, NULL, 0, timeout, NULL) != CURLM_OK)
			goto out;
	}
	ok = true;
out:
	/* Anything left (the loop broke): fail it, never leave a hole. */
	for (size_t i = 0; L.live && i < n; i++) {
		struct xfer *x = L.live[i];
		if (!x)
			continue;
		curl_api()->multi_remove_handle(L.multi, x->easy);
		fail_early(&L, i, FETCH_NETWORK_ERROR, "the transfer loop failed");
		xfer_free(x);
	}
	for (size_t h = 0; h < L.nhosts; h++) {
		for (size_t i = L.hosts[h].head; i != NONE; i = L.next[i])
			fail_early(&L, i, FETCH_NETWORK_ERROR, "the transfer loop failed");
		free(L.hosts[h].name);
	}
	for (size_t i = 0; L.ready_ms && i < n; i++)
		if (L.ready_ms[i])
			fail_early(&L, i, FETCH_NETWORK_ERROR, "the transfer loop failed");
	free(L.hosts);
	free(L.next);
	free(L.live);
	free(L.host_of);
	free(L.tries);
	free(L.ready_ms);
	if (L.multi)
		curl_api()->multi_cleanup(L.multi);
	return ok;
}
