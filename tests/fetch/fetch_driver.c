/* fetch_driver — test-only front end of the fetch module.
 *
 * Reads requests from stdin, one per line: URL[<TAB>ETAG[<TAB>LAST-MODIFIED]]
 * (an empty field is "none"), runs them all in one fetch_all() and prints one
 * JSON object per response, in input order, on stdout.  A last line on stderr
 * sums up the progress callbacks.  Options:
 *   --connections N  --per-host N  --timeout S  --connect-timeout S
 *   --low-speed-time S  --stagger MS  --max-bytes N  --accept TEXT
 *   --user-agent TEXT  --ca-file PEM  --retries N  --retry-pause MS  --max-wait S
 *   --body (adds "body_hex")  --quiet (no per-response lines)
 * Exit status: 0 when fetch_all ran (whatever the outcomes), 2 on misuse. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "fetch.h"
#include "strlist.h"

static const char *const outcome_names[] = {
	[FETCH_OK] = "ok",
	[FETCH_NOT_MODIFIED] = "not_modified",
	[FETCH_HTTP_ERROR] = "http_error",
	[FETCH_GONE] = "gone",
	[FETCH_NETWORK_ERROR] = "network_error",
	[FETCH_TOO_BIG] = "too_big",
	[FETCH_BAD_URL] = "bad_url",
};

struct progress {
	size_t calls, done, total, failed;
	uint64_t bytes;
	bool monotonic;
};

static void on_progress(size_t done, size_t total, size_t failed, uint64_t bytes, void *ctx)
{
	struct progress *p = ctx;
	if (done != p->done + 1 || failed < p->failed || bytes < p->bytes)
		p->monotonic = false;
	p->calls++;
	p->done = done;
	p->total = total;
	p->failed = failed;
	p->bytes = bytes;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static char *field(char **p)
{
	char *s = *p, *tab;
	if (!s)
		return NULL;
	tab = strchr(s, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = NULL;
	}
	return *s ? s : NULL;
}

int main(int argc, char **argv)
{
	struct fetch_options o = {0};
	const char *accept = NULL, *ua = NULL;
	size_t max_bytes = 0;
	bool body = false, quiet = false;
	struct progress prog = {.monotonic = true};

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--body") == 0) {
			body = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			quiet = true;
			continue;
		}
		if (!v) {
			fprintf(stderr, "fetch_driver: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--connections") == 0)
			o.connections = (unsigned)atoi(v);
		else if (strcmp(a, "--per-host") == 0)
			o.per_host = (unsigned)atoi(v);
		else if (strcmp(a, "--timeout") == 0)
			o.timeout_s = atol(v);
		else if (strcmp(a, "--connect-timeout") == 0)
			o.connect_timeout_s = atol(v);
		else if (strcmp(a, "--low-speed-time") == 0)
			o.low_speed_time_s = atol(v);
		else if (strcmp(a, "--stagger") == 0)
			o.stagger_ms = atol(v);
		else if (strcmp(a, "--max-bytes") == 0)
			max_bytes = (size_t)strtoull(v, NULL, 10);
		else if (strcmp(a, "--accept") == 0)
			accept = v;
		else if (strcmp(a, "--user-agent") == 0)
			ua = v;
		else if (strcmp(a, "--ca-file") == 0)
			o.ca_file = v;
		else if (strcmp(a, "--retries") == 0)
			o.retries = (unsigned)atoi(v);
		else if (strcmp(a, "--retry-pause") == 0)
			o.retry_pause_ms = atol(v);
		else if (strcmp(a, "--max-wait") == 0)
			o.max_wait_s = atol(v);
		else {
			fprintf(stderr, "fetch_driver: unknown option %s\n", a);
			return 2;
		}
	}
	o.progress = on_progress;
	o.progress_ctx = &prog;

	size_t n = 0, cap = 0;
	char **lines = NULL;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	while ((got = getline(&line, &lcap, stdin)) > 0) {
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!got)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines)
				return 3;
		}
		lines[n++] = strdup(line);
	}
	free(line);

	struct fetch_request *reqs = calloc(n ? n : 1, sizeof(*reqs));
	struct fetch_response *out = calloc(n ? n : 1, sizeof(*out));
	if (!reqs || !out)
		return 3;
	for (size_t i = 0; i < n; i++) {
		char *p = lines[i];
		reqs[i].url = field(&p);
		reqs[i].etag = field(&p);
		reqs[i].last_modified = field(&p);
		reqs[i].accept = accept;
		reqs[i].user_agent = ua;
		reqs[i].max_bytes = max_bytes;
	}

	if (!fetch_global_init()) {
		fprintf(stderr, "fetch_driver: curl_global_init failed\n");
		return 3;
	}
	bool ran = fetch_all(reqs, n, &o, out);

	for (size_t i = 0; i < n; i++) {
		struct fetch_response *r = &out[i];
		if (!quiet) {
			json_t *j = json_object();
			json_object_set_new(j, "i", json_integer((json_int_t)i));
			json_object_set_new(j, "url", str_or_null(reqs[i].url));
			json_object_set_new(j, "outcome", json_string(outcome_names[r->outcome]));
			json_object_set_new(j, "status", json_integer(r->status));
			json_object_set_new(j, "len", json_integer((json_int_t)r->len));
			json_object_set_new(j, "has_body", json_boolean(r->body != NULL));
			json_object_set_new(j, "content_type", str_or_null(r->content_type));
			json_object_set_new(j, "etag", str_or_null(r->etag));
			json_object_set_new(j, "last_modified", str_or_null(r->last_modified));
			json_object_set_new(j, "effective_url", str_or_null(r->effective_url));
			json_object_set_new(j, "moved_to", str_or_null(r->moved_to));
			json_object_set_new(j, "retry_after", r->retry_after == DATE_NONE
								      ? json_null()
								      : json_integer(r->retry_after));
			json_object_set_new(j, "seconds", json_real(r->seconds));
			json_object_set_new(j, "error", str_or_null(r->error));
			json_object_set_new(j, "tries", json_integer(r->tries));
			json_object_set_new(j, "transient", json_boolean(r->transient));
			if (body && r->body) {
				struct buf hex;
				buf_init(&hex, r->len * 2 + 1);
				for (size_t k = 0; k < r->len; k++)
					if (!buf_printf(&hex, "%02x", (unsigned char)r->body[k]))
						break;
				json_object_set_new(j, "body_hex", json_string(buf_str(&hex)));
				buf_finish(&hex);
			}
			char *s = json_dumps(j, JSON_COMPACT);
			if (s)
				puts(s);
			free(s);
			json_decref(j);
		}
		fetch_response_finish(r);
		free(lines[i]);
	}
	fprintf(stderr,
		"{\"progress_calls\":%zu,\"done\":%zu,\"total\":%zu,\"failed\":%zu,\"bytes\":%llu,"
		"\"monotonic\":%s,\"ran\":%s}\n",
		prog.calls, prog.done, prog.total, prog.failed, (unsigned long long)prog.bytes,
		prog.monotonic ? "true" : "false", ran ? "true" : "false");
	free(lines);
	free(reqs);
	free(out);
	fetch_global_cleanup();
	if (fflush(stdout) != 0 || ferror(stdout))
		return 3;
	return 0;
}
