/* publish — the WordPress REST client. See publish.h for the contract.
 *
 * Choices, and why:
 * - One easy handle per site, reset between requests: the connection (and
 *   its TLS session) is kept alive across the handful of requests of a run.
 * - Redirects are not followed: a blog that redirects its REST API is
 *   configured under another address (http → https, www.), and following a
 *   redirect would turn a POST into a GET and send the password to wherever
 *   the redirect points. The message names the target instead.
 * - Every answer is read whole (capped) and parsed with jansson; WordPress's
 *   errors are JSON objects {code, message, data: {status}} and their code
 *   and message are shown as they are.
 * - Writes go on a fresh connection: libcurl resends a request by itself
 *   when a reused connection dies before the answer, which for a POST whose
 *   answer was lost (the post made) would make a second post.
 * - "Expect: 100-continue" is switched off: WordPress never refuses a body
 *   early, and some servers make libcurl wait a second for the 100. */
#include "publish.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "curlapi.h"
#include "fetch.h"
#include "htmltext.h"
#include "limits.h"
#include "log.h"
#include "url.h"

/* The fields of a post reads reads back (the rendered content can be big). */
#define POST_FIELDS "id,status,modified_gmt,title,content,slug,link"

struct publish_site {
	char *url;		/* the configured address, without a trailing '/' */
	char *user;
	char *password;
	long timeout_s;
	bool query_routes;	/* ?rest_route= (pretty permalinks off) instead of /wp-json/ */
	char *root;		/* for messages */
	char *admin_base;	/* siteurl from the index: wp-admin lives under it */
	long utc_offset;	/* seconds */
	CURL *easy;
	char errbuf[CURL_ERROR_SIZE];
	char msg[1024];
	long status;		/* HTTP status of the last answer, 0 when none */
	char wp_code[128];	/* WordPress's error code of the last answer, "" when none */
};

/* --- messages --- */

static void set_msg(struct publish_site *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void set_msg(struct publish_site *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
}

const char *publish_error(const struct publish_site *s)
{
	return s ? s->msg : "no blog";
}

const char *publish_api_root(const struct publish_site *s)
{
	return s->root;
}

long publish_utc_offset(const struct publish_site *s)
{
	return s->utc_offset;
}

/* A short, one-line, printable excerpt of an answer that is not JSON. */
static void excerpt(const char *body, size_t len, char out[100])
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 4 < 100; i++) {
		unsigned char c = (unsigned char)body[i];
		if (c == '\r' || c == '\n' || c == '\t')
			c = ' ';
		if (c < 0x20 || c == 0x7f)
			continue;
		if (c == ' ' && n > 0 && out[n - 1] == ' ')
			continue;
		out[n++] = (char)c;
	}
	if (n + 4 >= 100) {
		memcpy(out + n, "…", 3);
		n += 3;
	}
	out[n] = '\0';
}

/* What to check for a refusal, by status. */
static const char *hint(const struct publish_site *s, long status)
{
	if (status == 401)
		return "WordPress did not accept this user and application password. An application password "
		       "is made in WordPress under Users > Profile > Application Passwords (it is not the login "
		       "password); check user: in feeds.yaml, the password, and that the web server passes the "
		       "Authorization header on to PHP";
	if (status == 403)
		return "this user may not do this: publishing needs a role that may write posts (Author or "
		       "above; creating categories needs Editor), or a security plugin blocks the REST API";
	if (status == 404 && strcmp(s->wp_code, "rest_no_route") == 0)
		return "the REST API does not know this route: it looks disabled or cut down (a security plugin?)";
	if (status == 404)
		return "not found";
	if (status >= 500)
		return "the blog's server failed; try again later";
	return NULL;
}

/* "URL: WHAT: HTTP 401 (code: message); hint" from the last answer. */
static void answer_error(struct publish_site *s, const char *what, json_t *reply)
{
	const char *code = NULL, *message = NULL;
	if (json_is_object(reply)) {
		code = json_string_value(json_object_get(reply, "code"));
		message = json_string_value(json_object_get(reply, "message"));
	}
	const char *h = hint(s, s->status);
	char detail[512] = "";
	if (code || message)
		snprintf(detail, sizeof detail, " (%s%s%s)", code ? code : "", code && message ? ": " : "",
			 message ? message : "");
	set_msg(s, "%s: %s: HTTP %ld%s%s%s", s->url, what, s->status, detail, h ? "; " : "", h ? h : "");
}

/* --- requests --- */

/* An answer as it arrives, capped at LIMIT_PUBLISH_RESPONSE_BYTES. */
struct answer {
	struct buf body;
	bool too_big;
};

static size_t collect(char *data, size_t size, size_t nmemb, void *ud)
{
	struct answer *a = ud;
	size_t n = size * nmemb;
	if (buf_append(&a->body, data, n))
		return n;
	a->too_big = true;
	return 0;
}

/* The URL of route ("/wp/v2/posts") with params ("key=value", NULL-ended,
 * values URL-encoded here). Caller frees with free(). */
static char *route_url(const struct publish_site *s, bool query_routes, const char *route,
		       const char *const *params)
{
	CURLU *u = curl_api()->url();
	char *base = NULL, *full = NULL, *out = NULL;
	if (!u)
		return NULL;
	if (query_routes) {
		char *q = NULL;
		if (asprintf(&base, "%s/", s->url) < 0 || asprintf(&q, "rest_route=%s", route) < 0) {
			free(q);
			base = NULL;
			goto out;
		}
		bool fine = curl_api()->url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
			    curl_api()->url_set(u, CURLUPART_QUERY, q, CURLU_APPENDQUERY | CURLU_URLENCODE) == CURLUE_OK;
		free(q);
		if (!fine)
			goto out;
	} else if (asprintf(&base, "%s/wp-json%s", s->url, route) < 0 ||
		   curl_api()->url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK) {
		goto out;
	}
	for (const char *const *p = params; p && *p; p++)
		if (curl_api()->url_set(u, CURLUPART_QUERY, *p, CURLU_APPENDQUERY | CURLU_URLENCODE) != CURLUE_OK)
			goto out;
	if (curl_api()->url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
		out = strdup(full);
out:
	curl_api()->free(full);
	free(base);
	curl_api()->url_cleanup(u);
	return out;
}

/* One request. what: for messages ("reading post 12"). body: a JSON body to
 * POST, or NULL for a GET. *reply: the parsed answer when there is one
 * (caller frees with json_decref), NULL otherwise. */
static enum publish_outcome request(struct publish_site *s, bool query_routes, const char *what, const char *route,
				    const char *const *params, const char *body, json_t **reply)
{
	enum publish_outcome outcome = PUBLISH_UNKNOWN;
	struct curl_slist *headers = NULL, *h;
	struct answer answer = {.too_big = false};
	buf_init(&answer.body, LIMIT_PUBLISH_RESPONSE_BYTES);
	*reply = NULL;
	s->status = 0;
	s->wp_code[0] = '\0';
	s->msg[0] = '\0';
	s->errbuf[0] = '\0';
	char *url = route_url(s, query_routes, route, params);
	if (!url) {
		set_msg(s, "%s: %s: cannot make the request's URL (out of memory?)", s->url, what);
		return PUBLISH_REFUSED;
	}
	log_info("%s %s", body ? "POST" : "GET", url);
	static const char *const header_lines[] = {"Accept: application/json", "Expect:",
						   "Content-Type: application/json; charset=utf-8"};
	for (size_t i = 0; i < (body ? 3u : 1u); i++) {
		if (!(h = curl_api()->slist_append(headers, header_lines[i]))) {
			set_msg(s, "%s: %s: out of memory", s->url, what);
			outcome = PUBLISH_REFUSED;
			goto out;
		}
		headers = h;
	}
	CURL *e = s->easy;
	curl_api()->easy_reset(e);
	CURLcode c = CURLE_OK;
#define SET(opt, val) do { if (c == CURLE_OK) c = curl_api()->easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_ERRORBUFFER, s->errbuf);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_CONNECTTIMEOUT, LIMIT_CONNECT_TIMEOUT_S < s->timeout_s ? LIMIT_CONNECT_TIMEOUT_S : s->timeout_s);
	SET(CURLOPT_TIMEOUT, s->timeout_s);
	SET(CURLOPT_LOW_SPEED_LIMIT, LIMIT_LOW_SPEED_BYTES);
	SET(CURLOPT_LOW_SPEED_TIME, LIMIT_LOW_SPEED_TIME_S < s->timeout_s ? LIMIT_LOW_SPEED_TIME_S : s->timeout_s);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, fetch_default_user_agent());
	SET(CURLOPT_HTTPHEADER, headers);
	SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	SET(CURLOPT_USERNAME, s->user);
	SET(CURLOPT_PASSWORD, s->password);
	SET(CURLOPT_WRITEFUNCTION, collect);
	SET(CURLOPT_WRITEDATA, (void *)&answer);
	if (body) {
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
		SET(CURLOPT_POSTFIELDS, body);
		/* libcurl silently sends a request again when a reused connection
		 * closes before any answer; for a write whose answer was lost that
		 * would be a second post. On a fresh connection it never does. */
		SET(CURLOPT_FRESH_CONNECT, 1L);
	}
#undef SET
	if (c != CURLE_OK) {
		set_msg(s, "%s: %s: cannot set up the request: %s", s->url, what, curl_api()->easy_strerror(c));
		outcome = PUBLISH_REFUSED;
		goto out;
	}
	c = curl_api()->easy_perform(e);
	curl_api()->easy_getinfo(e, CURLINFO_RESPONSE_CODE, &s->status);
	if (answer.too_big) {
		set_msg(s, "%s: %s: the answer is larger than %zu bytes", s->url, what, LIMIT_PUBLISH_RESPONSE_BYTES);
		goto out;
	}
	if (c != CURLE_OK) {
		const char *why = s->errbuf[0] ? s->errbuf : curl_api()->easy_strerror(c);
		if (c == CURLE_OPERATION_TIMEDOUT)
			set_msg(s, "%s: %s: no answer within %ld s (%s)", s->url, what, s->timeout_s, why);
		else
			set_msg(s, "%s: %s: %s", s->url, what, why);
		goto out;
	}
	json_error_t jerr;
	/* a byte order mark, which a plugin file saved with one puts before
	 * every answer of the blog, is not JSON's */
	size_t skip = answer.body.len >= 3 && memcmp(answer.body.data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	json_t *json = answer.body.len > skip ? json_loadb(answer.body.data + skip, answer.body.len - skip, 0, &jerr)
					      : NULL;
	if (json_is_object(json)) {
		const char *code = json_string_value(json_object_get(json, "code"));
		if (code && s->status >= 300)
			snprintf(s->wp_code, sizeof s->wp_code, "%s", code);
	}
	if (s->status >= 200 && s->status <= 299) {
		if (!json) {
			char *ct = NULL;
			char ex[100];
			curl_api()->easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
			excerpt(buf_str(&answer.body), answer.body.len, ex);
			set_msg(s, "%s: %s: HTTP %ld but the answer is not JSON (%s): \"%s\"", s->url, what, s->status,
				ct ? ct : "no Content-Type", ex);
			goto out;
		}
		*reply = json;
		outcome = PUBLISH_OK;
	} else if (s->status >= 300 && s->status <= 399) {
		char *location = NULL;
		curl_api()->easy_getinfo(e, CURLINFO_REDIRECT_URL, &location);
		set_msg(s,
			"%s: %s: HTTP %ld: the blog redirects to %s; set url: in feeds.yaml to the blog's own "
			"address (WordPress's Settings > General), https",
			s->url, what, s->status, location ? location : "another address");
		json_decref(json);
		outcome = PUBLISH_REFUSED;
	} else {
		answer_error(s, what, json);
		*reply = json;
		outcome = s->status >= 500 ? PUBLISH_UNKNOWN
			  : s->status == 404 || s->status == 410 ? PUBLISH_GONE
								 : PUBLISH_REFUSED;
	}
out:
	curl_api()->slist_free_all(headers);
	buf_finish(&answer.body);
	free(url);
	return outcome;
}

/* --- connecting --- */

/* The REST index at one of the two places; true when it is WordPress's
 * (a JSON object whose namespaces hold "wp/v2"). *seen: what was there. */
static bool read_index(struct publish_site *s, bool query_routes, json_t **index, char *seen, size_t size,
		       enum publish_outcome *outcome)
{
	static const char *const params[] = {"_fields=url,home,gmt_offset,namespaces", NULL};
	*outcome = request(s, query_routes, "finding the REST API", "/", params, NULL, index);
	if (*outcome == PUBLISH_OK) {
		json_t *ns = json_object_get(*index, "namespaces");
		size_t i;
		json_t *v;
		json_array_foreach(ns, i, v)
			if (json_is_string(v) && strcmp(json_string_value(v), "wp/v2") == 0)
				return true;
		snprintf(seen, size, "JSON without WordPress's wp/v2 routes");
		json_decref(*index);
		*index = NULL;
		return false;
	}
	json_decref(*index);
	*index = NULL;
	if (s->status >= 200 && s->status <= 299)
		snprintf(seen, size, "HTTP %ld but no JSON (a page: pretty permalinks are off?)", s->status);
	else if (s->status)
		snprintf(seen, size, "HTTP %ld%s%s%s", s->status, s->wp_code[0] ? " (" : "", s->wp_code,
			 s->wp_code[0] ? ")" : "");
	else
		snprintf(seen, size, "no answer");
	return false;
}

struct publish_site *publish_connect(const struct publish_login *login, char **err)
{
	*err = NULL;
	if (!login->url || !url_is_http(login->url)) {
		str_set(err, "%s: not an http(s) address", login->url ? login->url : "(no url)");
		return NULL;
	}
	if (strncasecmp(login->url, "https://", 8) != 0 && !url_is_loopback(login->url)) {
		str_set(err, "%s: WordPress is reached over https only (the application password goes with every "
			     "request); http is allowed for 127.0.0.1, [::1] and localhost", login->url);
		return NULL;
	}
	struct publish_site *s = calloc(1, sizeof *s);
	json_t *index = NULL, *me = NULL;
	if (!s || !(s->url = strdup(login->url)) || !(s->user = strdup(login->user ? login->user : "")) ||
	    !(s->password = strdup(login->password ? login->password : "")) || !(s->easy = curl_api()->easy_init())) {
		str_set(err, "%s: out of memory", login->url);
		goto fail;
	}
	size_t n = strlen(s->url);
	while (n > 0 && s->url[n - 1] == '/')
		s->url[--n] = '\0';
	s->timeout_s = login->timeout_s > 0 ? login->timeout_s : LIMIT_PUBLISH_TIMEOUT_S;

	/* /wp-json/ first; ?rest_route= when it is not there (pretty permalinks
	 * off: WordPress then answers /wp-json/ with a page or a 404). No
	 * answer, a refused login or a failing server would be the same at
	 * both: no second try. */
	char pretty[160], plain[160];
	enum publish_outcome o;
	if (!read_index(s, false, &index, pretty, sizeof pretty, &o)) {
		if (s->status == 0 || s->status == 401 || s->status == 403 || s->status >= 500) {
			str_set(err, "%s", s->msg);
			goto fail;
		}
		s->query_routes = true;
		if (!read_index(s, true, &index, plain, sizeof plain, &o)) {
			/* a redirect, a refused login, no answer: say that */
			if (s->status == 0 || s->status == 401 || s->status == 403 || s->status >= 500 ||
			    (s->status >= 300 && s->status <= 399))
				str_set(err, "%s", s->msg);
			else
				str_set(err,
					"%s: no WordPress REST API there (/wp-json/: %s; ?rest_route=/: %s). Check url: in "
					"feeds.yaml (the blog's address); if it is right, the REST API looks disabled "
					"(a security plugin?), and reads publish needs it",
					s->url, pretty, plain);
			goto fail;
		}
	}
	if (asprintf(&s->root, s->query_routes ? "%s/?rest_route=/" : "%s/wp-json/", s->url) < 0) {
		s->root = NULL;
		str_set(err, "%s: out of memory", s->url);
		goto fail;
	}
	const char *site = json_string_value(json_object_get(index, "url"));
	s->admin_base = strdup(site && url_is_http(site) ? site : s->url);
	json_t *off = json_object_get(index, "gmt_offset");
	double hours = json_is_number(off) ? json_number_value(off)
		       : json_is_string(off) ? strtod(json_string_value(off), NULL) : 0;
	if (hours > -24 && hours < 24)
		s->utc_offset = (long)(hours * 3600);
	if (!s->admin_base) {
		str_set(err, "%s: out of memory", s->url);
		goto fail;
	}
	n = strlen(s->admin_base);
	while (n > 0 && s->admin_base[n - 1] == '/')
		s->admin_base[--n] = '\0';

	/* The login, checked before anything is written. */
	static const char *const me_params[] = {"_fields=id,name", NULL};
	if (request(s, s->query_routes, "checking the login", "/wp/v2/users/me", me_params, NULL, &me) != PUBLISH_OK) {
		str_set(err, "%s", s->msg);
		goto fail;
	}
	json_decref(index);
	json_decref(me);
	s->msg[0] = '\0';
	return s;
fail:
	json_decref(index);
	json_decref(me);
	publish_close(s);
	if (!*err)
		*err = strdup("out of memory");
	return NULL;
}

void publish_close(struct publish_site *s)
{
	if (!s)
		return;
	if (s->easy)
		curl_api()->easy_cleanup(s->easy);
	publish_password_free(s->password);
	free(s->url);
	free(s->user);
	free(s->root);
	free(s->admin_base);
	free(s);
}

char *publish_edit_link(const struct publish_site *s, int64_t id)
{
	return str_printf("%s/wp-admin/post.php?post=%lld&action=edit", s->admin_base, (long long)id);
}

/* --- posts --- */

void publish_post_state_finish(struct publish_post_state *st)
{
	if (!st)
		return;
	free(st->status);
	free(st->modified_gmt);
	free(st->title);
	free(st->content);
	free(st->slug);
	free(st->link);
	memset(st, 0, sizeof *st);
}

static char *dup_json_string(json_t *v)
{
	const char *s = json_string_value(v);
	return strdup(s ? s : "");
}

/* Fills st from a post object of context=edit. False when it is not one. */
static bool read_post(json_t *post, struct publish_post_state *st)
{
	memset(st, 0, sizeof *st);
	json_t *id = json_object_get(post, "id");
	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		return false;
	st->id = json_integer_value(id);
	/* title and content are {raw, rendered} in context=edit */
	st->title = dup_json_string(json_object_get(json_object_get(post, "title"), "raw"));
	st->content = dup_json_string(json_object_get(json_object_get(post, "content"), "raw"));
	st->status = dup_json_string(json_object_get(post, "status"));
	st->modified_gmt = dup_json_string(json_object_get(post, "modified_gmt"));
	st->slug = dup_json_string(json_object_get(post, "slug"));
	st->link = dup_json_string(json_object_get(post, "link"));
	if (!st->title || !st->content || !st->status || !st->modified_gmt || !st->slug || !st->link) {
		publish_post_state_finish(st);
		return false;
	}
	return true;
}

enum publish_outcome publish_post_get(struct publish_site *s, int64_t id, struct publish_post_state *out)
{
	memset(out, 0, sizeof *out);
	char route[64], what[64];
	snprintf(route, sizeof route, "/wp/v2/posts/%lld", (long long)id);
	snprintf(what, sizeof what, "reading post %lld", (long long)id);
	static const char *const params[] = {"context=edit", "_fields=" POST_FIELDS, NULL};
	json_t *reply;
	enum publish_outcome o = request(s, s->query_routes, what, route, params, NULL, &reply);
	if (o == PUBLISH_GONE && strcmp(s->wp_code, "rest_no_route") == 0)
		o = PUBLISH_REFUSED; /* the API is missing, not the post */
	if (o == PUBLISH_OK && !read_post(reply, out)) {
		set_msg(s, "%s: %s: the answer is not a post", s->url, what);
		o = PUBLISH_UNKNOWN;
	}
	json_decref(reply);
	return o;
}

enum publish_outcome publish_posts_by_slug(struct publish_site *s, const char *slug, struct publish_post_state **out,
					   size_t *n)
{
	*out = NULL;
	*n = 0;
	char *slug_param = str_printf("slug=%s", slug);
	const char *params[] = {"context=edit", "status=publish,future,draft,pending,private", "per_page=10",
				"_fields=" POST_FIELDS, slug_param, NULL};
	json_t *reply = NULL;
	enum publish_outcome o = slug_param ? request(s, s->query_routes, "looking for the post by its slug",
						      "/wp/v2/posts", params, NULL, &reply)
					    : PUBLISH_REFUSED;
	free(slug_param);
	if (o != PUBLISH_OK) {
		json_decref(reply);
		return o;
	}
	if (!json_is_array(reply)) {
		set_msg(s, "%s: looking for the post by its slug: the answer is not a list of posts", s->url);
		json_decref(reply);
		return PUBLISH_UNKNOWN;
	}
	size_t count = json_array_size(reply);
	*out = calloc(count ? count : 1, sizeof **out);
	if (!*out) {
		json_decref(reply);
		set_msg(s, "%s: out of memory", s->url);
		return PUBLISH_UNKNOWN;
	}
	for (size_t i = 0; i < count; i++)
		if (read_post(json_array_get(reply, i), &(*out)[*n]))
			(*n)++;
	json_decref(reply);
	return PUBLISH_OK;
}

static bool set_ids(json_t *o, const char *key, const int64_t *ids, size_t n)
{
	if (!n)
		return true;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_integer(ids[i])) != 0) {
			json_decref(a);
			return false;
		}
	return a && json_object_set_new(o, key, a) == 0;
}

static bool set_text(json_t *o, const char *key, const char *v)
{
	return !v || json_object_set_new(o, key, json_string(v)) == 0;
}

char *publish_post_json(const struct publish_post *p, bool pretty)
{
	json_t *o = json_object();
	char *out = NULL;
	if (o && set_text(o, "title", p->title) && set_text(o, "content", p->content) &&
	    set_text(o, "status", p->status) && set_text(o, "date", p->date) && set_text(o, "slug", p->slug) &&
	    set_ids(o, "categories", p->categories, p->n_categories) && set_ids(o, "tags", p->tags, p->n_tags))
		out = json_dumps(o, pretty ? JSON_INDENT(2) | JSON_PRESERVE_ORDER : JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return out;
}

enum publish_outcome publish_post_save(struct publish_site *s, int64_t id, const struct publish_post *p,
				       struct publish_post_state *out)
{
	memset(out, 0, sizeof *out);
	char route[64], what[64];
	if (id) {
		snprintf(route, sizeof route, "/wp/v2/posts/%lld", (long long)id);
		snprintf(what, sizeof what, "updating post %lld", (long long)id);
	} else {
		snprintf(route, sizeof route, "/wp/v2/posts");
		snprintf(what, sizeof what, "creating the post");
	}
	char *body = publish_post_json(p, false);
	if (!body) {
		set_msg(s, "%s: %s: out of memory", s->url, what);
		return PUBLISH_REFUSED;
	}
	static const char *const params[] = {"context=edit", "_fields=" POST_FIELDS, NULL};
	json_t *reply;
	enum publish_outcome o = request(s, s->query_routes, what, route, params, body, &reply);
	free(body);
	if (o == PUBLISH_GONE && strcmp(s->wp_code, "rest_no_route") == 0)
		o = PUBLISH_REFUSED;
	if (o == PUBLISH_OK && !read_post(reply, out)) {
		set_msg(s, "%s: %s: the answer is not a post", s->url, what);
		o = PUBLISH_UNKNOWN;
	}
	json_decref(reply);
	return o;
}

/* --- terms --- */

/* True when WordPress's name for a term (HTML-escaped: "R&amp;D") is name. */
static bool same_term(const char *wp_name, const char *name)
{
	struct buf a, b;
	buf_init(&a, 4096);
	buf_init(&b, 4096);
	bool same = html_to_text(wp_name, strlen(wp_name), &a) && text_collapse(name, strlen(name), &b) &&
		    strcasecmp(buf_str(&a), buf_str(&b)) == 0;
	buf_finish(&a);
	buf_finish(&b);
	return same;
}

enum publish_outcome publish_term_id(struct publish_site *s, enum publish_taxonomy tax, const char *name, int64_t *id)
{
	*id = 0;
	const char *route = tax == PUBLISH_CATEGORY ? "/wp/v2/categories" : "/wp/v2/tags";
	const char *kind = tax == PUBLISH_CATEGORY ? "category" : "tag";
	char what[300];
	snprintf(what, sizeof what, "looking up the %s \"%s\"", kind, name);
	char *search = str_printf("search=%s", name);
	const char *params[] = {"per_page=100", "_fields=id,name", search, NULL};
	json_t *reply = NULL;
	enum publish_outcome o = search ? request(s, s->query_routes, what, route, params, NULL, &reply)
					: PUBLISH_REFUSED;
	free(search);
	if (o != PUBLISH_OK) {
		json_decref(reply);
		return o;
	}
	size_t i;
	json_t *t;
	json_array_foreach(reply, i, t) {
		const char *n = json_string_value(json_object_get(t, "name"));
		json_t *tid = json_object_get(t, "id");
		if (n && json_is_integer(tid) && same_term(n, name)) {
			*id = json_integer_value(tid);
			break;
		}
	}
	json_decref(reply);
	if (*id > 0)
		return PUBLISH_OK;

	/* Not there: create it. WordPress says term_exists, with the id, when
	 * the search missed it (another spelling of the same slug). */
	snprintf(what, sizeof what, "creating the %s \"%s\"", kind, name);
	json_t *body = json_pack("{s:s}", "name", name);
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	static const char *const create_params[] = {"_fields=id,name", NULL};
	reply = NULL;
	o = text ? request(s, s->query_routes, what, route, create_params, text, &reply) : PUBLISH_REFUSED;
	free(text);
	json_t *tid = NULL;
	if (o == PUBLISH_OK)
		tid = json_object_get(reply, "id");
	else if (strcmp(s->wp_code, "term_exists") == 0)
		tid = json_object_get(json_object_get(reply, "data"), "term_id");
	if (json_is_integer(tid) && json_integer_value(tid) > 0) {
		*id = json_integer_value(tid);
		o = PUBLISH_OK;
		s->msg[0] = '\0';
	} else if (o == PUBLISH_OK) {
		set_msg(s, "%s: %s: the answer holds no term id", s->url, what);
		o = PUBLISH_UNKNOWN;
	}
	json_decref(reply);
	return o;
}

/* --- the password --- */

void publish_password_free(char *password)
{
	if (!password)
		return;
	explicit_bzero(password, strlen(password));
	free(password);
}

bool publish_read_password(const char *path, char **password, char **err)
{
	*password = NULL;
	*err = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		str_set(err, "%s: %s", path, strerror(errno));
		return false;
	}
	struct stat st;
	char data[4096];
	ssize_t n = -1;
	bool ok = false;
	if (fstat(fd, &st) != 0) {
		str_set(err, "%s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		str_set(err, "%s: not a regular file", path);
	} else if (st.st_mode & 077) {
		str_set(err,
			"%s: the password file can be %s by others (mode %04o); reads uses it only when it is "
			"readable by you alone: chmod 600 %s",
			path, st.st_mode & 044 ? "read" : "written", (unsigned)(st.st_mode & 07777), path);
	} else if ((n = read(fd, data, sizeof data - 1)) < 0) {
		str_set(err, "%s: %s", path, strerror(errno));
	} else {
		data[n] = '\0';
		char *end = data + strcspn(data, "\r\n");
		*end = '\0';
		char *start = data;
		while (*start == ' ' || *start == '\t')
			start++;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (!*start)
			str_set(err, "%s: no password on its first line", path);
		else if (!(*password = strdup(start)))
			str_set(err, "%s: out of memory", path);
		else
			ok = true;
	}
	explicit_bzero(data, sizeof data);
	close(fd);
	return ok;
}
